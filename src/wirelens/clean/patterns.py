"""Boilerplate patterns for the news pass, as data: one row per pattern, with what it catches.

Each :data:`LINE_RULES` row is ``(kind, regex, comment)``. The regex must match a whole line
(after stripping); named groups carry structured data into ``Part.data``: ``headline`` (a related
link's title), ``agency`` (a sign-off or disclaimer's agency), ``credit`` (a caption's credit
holder), ``outlet`` (the publisher a blurb or disclaimer names). Rows are tried in order; the
first match wins. All regexes compile case-insensitively; ``(?-i:...)`` marks the case-sensitive
bits (an outlet or agency name must be capitalised).

Patterns describe *kinds* of boilerplate seen across outlets (aggregators, wire republishers,
broadsheets, tabloids, blogs), never one site's wording.
"""

from __future__ import annotations

#: Words that introduce a related-story link.
_RELATED_CUES = (
    r"also read|read also|read more|see also|more on this|also see|also watch|must read|"
    r"don'?t miss|read next|up next|recommended(?: stories| reading| for you)?|"
    r"related(?: news| stories| story| articles?| coverage| content| links?| reading)?|"
    r"trending(?: now| news| stories)?|you may also like|you might also like|"
    r"more (?:news|stories) from [\w .'&-]{1,30}|more from [\w .'&-]{1,30}|top stories|"
    r"latest news|editor'?s picks?|watch video|watch"
)
#: A credit parenthetical: ``(Photo/Reuters)``, ``(File photo: AP)``, ``(AP Photo/Jane Doe)``.
_CREDIT_PAREN = (
    r"\((?:(?:file|representational|representative|archive|screengrab|screenshot)\s+)?"
    r"(?:photo|image|picture|pic|video|photograph|graphic|visual)s?(?:\s+(?:credits?|source))?"
    r"\s*(?::|/|\||-|by|via|courtesy(?:\s+of)?)\s*(?P<credit>[^()]{1,80})\)"
    r"|\((?P<credit2>(?-i:[A-Z])[^()]{0,40}?\s(?:photo|pic|photograph)(?:\s*/\s*[^()]{1,40})?)\)"
    r"|\((?:representational|representative|file|archive)\s+(?:image|photo|picture|pic)\)"
)

LINE_RULES: tuple[tuple[str, str, str], ...] = (
    # --- syndication disclaimers -------------------------------------------------------------
    (
        "disclaimer",
        r"\(?\s*the above (?:story|article|report|news) is (?:verified and )?authored by "
        r"(?P<agency>[^,()]{1,50}?) staff\b.*?"
        r"(?:opinions? of (?P<outlet>[^()]{1,40}?))?\.?\s*\)?\.?",
        "aggregator note crediting the wire: '(The above story is verified and authored by X staff"
        " ... do not reflect the opinions of Y)'",
    ),
    (
        "disclaimer",
        r"\(?\s*(?:except for the headline, )?this (?:story|article|report) has not been edited by "
        r"(?P<outlet>[^()]{1,40}?) staff and is (?:auto-?generated|published) from an? "
        r"(?:syndicated|wire|agency)(?: news)? feed(?: of (?P<agency>[^().]{1,30}))?\.?"
        r"(?:\s*[^()]{0,40}? (?:does not|doesn't) vouch for [^()]{0,60})?\s*\)?\.?",
        "republisher note: 'This story has not been edited by X staff and is auto-generated from a"
        " syndicated feed (of Y). X does not vouch for the views expressed in it.'",
    ),
    (
        "disclaimer",
        r"\(?\s*(?:this is an? )?(?:unedited and )?auto-?generated (?:story|article|report) from "
        r"(?:an? )?(?:syndicated|wire|agency) (?:news )?feed.*?\)?",
        "'(This is an unedited and auto-generated story from Syndicated News feed, X Staff may not"
        " have modified ...)'",
    ),
    (
        "disclaimer",
        r"\(?\s*only the headline (?:and (?:the )?(?:picture|image) )?(?:of this report )?"
        r"(?:may have been|has been|was) (?:reworked|changed).*?\)?",
        "'(Only the headline and picture of this report may have been reworked by X staff; the"
        " rest of the content is auto-generated from a syndicated feed.)'",
    ),
    (
        "disclaimer",
        r"\(?\s*this (?:story|article) (?:has been|was|is) (?:published|sourced|generated) "
        r"(?:from|via) (?:an? |the )?(?:(?P<agency>(?-i:[A-Z])[\w-]{1,20}) )?"
        r"(?:wire|agency|syndicated|news|automated)(?: agency| news)? feed.*?\)?",
        "'(This story has been published from a wire agency feed without modifications to the"
        " text.)'",
    ),
    (
        "disclaimer",
        r"\(?\s*(?:disclaimer|note to readers)\s*:.{10,600}?\)?",
        "explicit 'Disclaimer: ...' paragraphs (views, syndication, liability)",
    ),
    (
        "disclaimer",
        r"\(?\s*the views (?:and opinions )?(?:expressed|appearing) in (?:the above|this) "
        r"(?:post|article|story|piece).{0,300}",
        "standalone 'The views expressed in this article ... do not reflect ...'",
    ),
    (
        "disclaimer",
        r"\(\s*(?:headline|story|content) (?:and (?:story|content) )?(?:provided|sourced) "
        r"(?:by|from) (?P<agency>[^()]{1,40}?)\.?\s*\)",
        "'(Story provided by X)', '(Content sourced from X)'",
    ),
    # --- editors' notes -----------------------------------------------------------------------
    (
        "note",
        r"(?:editor[’']?s[’']? note|note from the editors?|correction|clarification)\s*[:—–]\s*"
        r".{10,600}",
        "a line the outlet sets apart from the story: 'Editor's note: ...', 'Correction: An"
        " earlier version of this article ...' (not 'Update:', which often carries news)",
    ),
    # --- related-link interstitials ----------------------------------------------------------
    (
        "related",
        rf"(?:{_RELATED_CUES})\s*(?:\||:|»|>|–|—|-{{1,2}})\s*(?P<headline>\S.{{3,300}})",
        "'Also Read | headline', 'READ ALSO: headline', 'Related: headline', 'Read more: ...'",
    ),
    (
        "related",
        r"(?-i:ALSO READ|READ ALSO|READ MORE|SEE ALSO|RELATED|MUST READ)"
        r"\s+(?P<headline>\S.{3,300})",
        "shouted cue without punctuation: 'ALSO READ Headline'",
    ),
    (
        "related",
        rf"(?:{_RELATED_CUES})\s*[:|]?",
        "a bare cue line whose link text is on the next line or lost in extraction",
    ),
    (
        "related",
        r"(?:other|more)\s+(?:[\w&'’.-]+\s+){0,4}?(?:(?:top|latest|popular|trending)\s+)?"
        r"(?:stories|news|headlines)\s*[:|]?",
        "a block heading naming other stories: 'Other Sports Top Stories', 'More Local News'",
    ),
    # --- share and follow widgets ------------------------------------------------------------
    (
        "share",
        r"(?:share(?: now| this| it| this (?:article|story|post|page))?|tweet|pin it|email this|"
        r"print(?: this (?:article|page|story))?|save article|"
        r"copy (?:link|url)(?: for sharing| to clipboard)?|(?:link|url) copied(?: to clipboard)?|"
        r"(?:\d+\s+)?comments?(?:\s*\(\d+\))?)\s*[:!]?",
        "'Share Now', 'Share this article', 'Tweet', 'Print', 'Copy URL for Sharing',"
        " '12 comments'",
    ),
    (
        "share",
        r"(?:share|follow|like|join|find)(?: us| this)? (?:on|via|at) (?:[\w ]{0,30}?)"
        r"(?:facebook|twitter|x|instagram|whatsapp|telegram|linkedin|youtube|google news|"
        r"threads|bluesky|tiktok|social media|mastodon)\b.{0,100}",
        "'Follow us on Twitter', 'Share on WhatsApp', 'Join us on Telegram'",
    ),
    (
        "share",
        r"(?:facebook|twitter|x|whatsapp|linkedin|telegram|email|e-mail|print|pinterest|reddit|"
        r"copy link|messenger|flipboard|threads)"
        r"(?:\s*[|/,·•]?\s*(?:facebook|twitter|x|whatsapp|linkedin|telegram|email|e-mail|print|"
        r"pinterest|reddit|copy link|messenger|flipboard|threads))*",
        "a row of social network names left by a share bar",
    ),
    # --- newsletter, app, and ad promos ------------------------------------------------------
    (
        "promo",
        r"(?:advertisement|advertisment|advert|ad|ads by \w+|sponsored(?: content| post)?|"
        r"story continues (?:below|after) (?:this )?(?:advertisement|ad)|"
        r"article continues (?:below|after) (?:this )?(?:advertisement|ad)|"
        r"scroll (?:down )?to continue(?: with content| reading)?|continue reading(?: below)?|"
        r"paid (?:content|partner content)|promoted(?: content)?)\s*[:.]?",
        "ad slots and their labels: 'Advertisement', 'Story continues below advertisement'",
    ),
    (
        "promo",
        r"(?:sign up|subscribe|register)\b.{0,160}",
        "'Sign up for our newsletter', 'Subscribe to ...', 'Register for free to read ...'",
    ),
    (
        "promo",
        r"(?=.{0,300}$)(?![-•·*]\s|\d+[.)]\s)"
        r"(?=(?:.*[.!?]\s+)?(?:sign up|subscribe|join|get|receive)\b).{0,200}?"
        r"\b(?:newsletters?|mailing list|"
        r"(?:delivered|sent|straight|directly|right) to your (?:inbox|letterbox|email))\b.{0,200}",
        "newsletter and mailing-list asks anywhere in a short line: 'Join Our Newsletter', 'Get"
        " the best of X delivered to your inbox weekly', '... Sign up for the free daily"
        " newsletter.'",
    ),
    (
        "promo",
        r"(?:[\w&'’-]+\s+){0,4}newsletters?\s*[:!]?",
        "a newsletter box heading: 'NEWSLETTER', 'The Morning Brief Newsletter'",
    ),
    (
        "promo",
        r"(?:enjoyed|like|liked|love|loved) (?:this|the|our) (?:article|story|post|read)\s*[?!]"
        r".{0,250}",
        "'Enjoyed the article? Get new content ...', 'Like this article? Subscribe ...'",
    ),
    (
        "promo",
        r"(?:get|unlock|enjoy) (?:full |unlimited |digital |premium )?access to\b.{0,80}?"
        r"\b(?:subscriptions?|subscribers?|membership|premium)\b.{0,300}"
        r"|(?:already an? (?:subscriber|member)|not an? (?:subscriber|member))\s*[?.!]?.{0,150}"
        r"|subscribers? (?:only|exclusive)\b.{0,150}",
        "subscription offers and paywall lines: 'Get access to X Pro for as little as ...',"
        " 'Already a subscriber? Log in'",
    ),
    (
        "promo",
        r"(?:you (?:must|need to|have to) be|please|only) (?:logged|signed)[ -]in\b.{0,200}"
        r"|(?:please )?(?:log|sign)[ -]?in (?:or (?:register|sign up|create an account) )?"
        r"(?:to|for) (?:continue|read|comment|view|see|access|post|reply|unlock|save|listen)\b"
        r".{0,150}"
        r"|this (?:content|article|story|feature|page|section) is (?:only )?(?:available|visible|"
        r"reserved|exclusive) (?:only )?(?:to|for) (?:logged[ -]in |registered |paying )?"
        r"(?:users|readers|subscribers|members)\b.{0,150}",
        "logged-in-only notices: 'You must be logged in to post a comment', 'Log in to continue"
        " reading', 'This content is available to subscribers only'",
    ),
    (
        "promo",
        r"(?:download|get|install) (?:the|our) .{0,40}?\bapps?\b.{0,120}",
        "'Download the X app for the latest news'",
    ),
    (
        "promo",
        r"(?:click|tap) here\b.{0,160}",
        "'Click here to ...' calls to action",
    ),
    (
        "promo",
        r"(?:get|receive|want) (?:the |our )?(?:latest|breaking|daily|weekly|top)\b.{0,80}?"
        r"(?:newsletter|inbox|alerts?|notifications?|briefing)\b.{0,100}",
        "'Get the latest headlines delivered to your inbox'",
    ),
    (
        "promo",
        r"(?:we use cookies|this (?:site|website) uses cookies|by continuing to (?:use|browse))"
        r".{0,300}",
        "cookie banners that survive extraction",
    ),
    (
        "promo",
        r"(?:this (?:article|story|post|page) (?:contains|may contain|includes) affiliate links|"
        r"we may earn (?:a|an affiliate) commission).{0,250}",
        "affiliate-link notices on blogs and deal pages",
    ),
    (
        "promo",
        r"(?:listen to (?:this )?(?:article|story)|(?:\d+\s*)?min(?:ute)?s? read)"
        r"(?:\s*[:|·•].{0,40})?",
        "audio-player and reading-time widgets",
    ),
    (
        "promo",
        r"(?:support (?:our|independent) journalism|become a (?:member|subscriber|supporter)|"
        r"donate (?:now|today)).{0,200}",
        "membership and donation asks",
    ),
    # --- agency sign-offs --------------------------------------------------------------------
    (
        "signoff",
        r"\(?\s*(?:with (?:inputs?|additional inputs?|agency inputs?|additional reporting) from|"
        r"inputs from|additional reporting by)\s+(?P<agency>[^()]{1,100}?)\s*\)?\.?",
        "'(With inputs from PTI)', '(Additional reporting by Reuters)'",
    ),
    (
        "signoff",
        r"\(\s*(?:reporting|writing|editing|compiled|written|additional reporting) by\b"
        r".{1,300}\)\.?"
        r"|(?:reporting|writing) by\b.{1,200};.{1,200}(?:editing|writing) by\b.{1,200}",
        "Reuters-style credit line '(Reporting by X in Y; Editing by Z)'",
    ),
    (
        "signoff",
        r"(?:©|\(c\)|copyright\s*©?\s*(?=\d{4}))\s*(?:\d{4}\s*)?(?P<agency>[^.]{1,60}?)\.?"
        r"(?:\s*all rights reserved\.?)?",
        "'© 2025 The Associated Press. All rights reserved.'",
    ),
    (
        "signoff",
        r"(?=.{0,200}$)(?=.*\bcontributed\b)(?P<agency>.{0,160}?)\s*\bcontributed (?:to )?"
        r"(?:this )?(?:report|story|article)(?:ing)?\.?",
        "contributor line: 'Associated Press writer Jane Doe contributed to this report.'",
    ),
    (
        "signoff",
        r"(?:enditem|ends|end|-30-|###|\+\+\+|xxx)\s*\.?",
        "end-of-copy marks: Xinhua 'Enditem', 'ENDS', '-30-', '###'",
    ),
    # --- captions and credits ----------------------------------------------------------------
    (
        "caption",
        rf"(?P<caption>.{{0,400}}?)\s*(?:{_CREDIT_PAREN})\s*\.?",
        "a caption ending in a credit: 'Iran's leader at a rally (Photo/Reuters)'",
    ),
    (
        "caption",
        r"(?:photo|image|picture|pic|video|photograph|graphic)s?(?:\s+credits?|\s+source)?\s*"
        r"[:|]\s*(?P<credit>[^.]{1,80})",
        "a credit line on its own: 'Photo: Getty Images', 'Image credit: X', 'Photograph: Y'",
    ),
    (
        "caption",
        r"(?:credit|courtesy|source)\s*:\s*(?P<credit>[^.]{0,60})",
        "'Credit: X', 'Courtesy: Y' under a picture (or a bare 'Credit:' whose holder was a link)",
    ),
    (
        "caption",
        r"(?P<caption>.{0,400}?[.!?”\"’)]\s+|.{0,400}?\s[|–—-]\s+)?"
        r"(?:(?:(?:photo|image|picture|pic|video|photograph|illustration)s?\s+)?"
        r"(?:courtesy(?:\s+of)?\s*:?|credits?\s*:)"
        r"|(?:photo|image|picture|pic|photograph|illustration)s?\s*:)\s*"
        r"(?P<credit>(?:the\s+)?(?-i:[A-Z©@]|i[A-Z])(?:(?!\.\s)[^:()]){1,80}?)\.?",
        "a credit closing a caption or on its own: '... style of your trip. Credit: Clark Tate',"
        " 'Courtesy Jane Doe', 'Photo courtesy of the Fenwick Museum'",
    ),
    (
        "caption",
        r"(?P<caption>.{0,300}?[\s.|(–—-])??"
        r"(?:(?:photo|image|picture|illustration)s?\s*(?:credits?)?\s*:\s*)?"
        r"(?P<credit>(?:[\w.+&' -]{1,40}/\s*)?(?:[\w.+&' -]{1,40}\s+via\s+)?"
        r"(?-i:Getty Images|Shutterstock|iStock|iStockphoto|Alamy|Unsplash|Pexels|Depositphotos)"
        r"(?:\.com)?(?:/[\w.-]{1,40})?)\s*\)?\.?"
        r"|(?:photo|image|picture)s? used under licen[cs]e from .{2,60}",
        "a stock-agency credit closing a caption: '... on the hill. SolStock/E+ via Getty Images',"
        " 'Picture: Getty', 'Image used under license from Shutterstock'",
    ),
    (
        "caption",
        r"(?P<caption>.{10,400}?)[\s.|]+(?:photo credit\s*:\s*)?"
        r"(?P<wire>(?-i:[A-Z]{2,10})(?:\s+(?-i:Photo))?/(?-i:[A-Z][\w.'’-]+)"
        r"(?:\s+(?-i:[A-Z][\w.'’-]+)){0,3}(?:\s+via\s+[\w ]{2,30})?)\.?",
        "wire caption ending in 'REUTERS/Photographer' or 'AP Photo/Photographer' (the part"
        " before the slash must be a known agency)",
    ),
    # --- timestamps --------------------------------------------------------------------------
    (
        "other",
        r"(?=.{0,100}$)(?:last |first )?(?:updated|published|posted|modified)\s*(?:on|at|:)\s*"
        r".{0,40}?(?:(?:19|20)\d\d|\d{1,2}:\d\d).{0,40}",
        "'Updated: Nov 04, 2025 10:23 PM IST' timestamp lines",
    ),
)

#: A site blurb opening a line, glued or not to the first body sentence:
#: 'Get latest articles and stories on World at X.', 'Catch all the latest news only on X.'
BLURB_START = (
    r"(?P<blurb>(?:get|read|catch|check out|stay (?:tuned|updated|informed)|follow)\b"
    r"[^.!?\n:]{0,60}?\b(?:latest|breaking|all the latest|top|more news|more stories)\b"
    r"[^.!?\n:]{0,100}?"
    r"\b(?:at|on|with|from|to|only on|exclusively on)\s+"
    r"(?P<outlet>(?-i:[A-Z])[\w.'&-]*(?:\s(?-i:[A-Z])[\w.'&-]*){0,3})\s*(?:[.!]|$))\s*"
)

#: A sign-off glued to the end of a body paragraph after its last sentence:
#: '... in the region. (ANI)', '... said. -- Reuters', '... (With inputs from agencies)'.
SIGNOFF_END = (
    r"(?<=[.!?\"”’')])\s+(?P<signoff>"
    r"\((?:with (?:inputs?|agency inputs?) from|inputs from)\s+(?P<agency3>[^()\n]{1,60})\)"
    r"|\((?P<agency>[^()\n]{2,40})\)"
    r"|(?:--|—|–)\s*(?P<agency2>(?-i:[A-Z])[\w&-]{1,20}(?:\s(?-i:[A-Z])\w+)?)"
    r"|(?P<endmark>(?-i:Enditem|ENDS|-30-|###)))"
    r"\s*$"
)

#: ``World News | Headline``: a section label and the headline on the first line.
SECTION_HEADLINE = (
    r"(?P<section>(?-i:[A-Z])[\w&'’ -]{1,40}?)\s+(?:\||»|›|>|::)\s+(?P<headline>\S.{5,300})"
)

#: Breadcrumb trails: 'Home > World > Middle East'; the last step names the section.
BREADCRUMB = r"(?:home|news)\s*(?:>|»|›|/|\|)\s*(?P<trail>.{2,120})"

#: Kinds whose lines are never reported speech: a line with a cue or a quote is body after all.
GUARDED_KINDS = frozenset({"promo", "share", "other"})
#: Reporting cues: a line with one outside its quotation marks is reported speech.
SPEECH_VERBS = r"\b(?:said|says|told|according to|added|stated)\b"
#: What makes a promo- or share-shaped line body text: reporting cues and quotation marks.
REPORTED_SPEECH = SPEECH_VERBS + r"|[\"“”]"

#: Under a bare related-stories heading, up to this many headline-shaped lines are its links
#: (a line of more words, or one ending like a sentence, ends the block).
RELATED_BLOCK_LINES = 8
MAX_LINK_TITLE_WORDS = 16
#: Longest line that can be boilerplate rather than body (captions, related links, promos).
MAX_BOILERPLATE_CHARS = 600
#: A body line of this many words that repeats a piece of a longer paragraph is a pull quote.
MIN_PULL_QUOTE_WORDS = 6
MAX_PULL_QUOTE_WORDS = 60
#: ... when that paragraph has at least this many words more (a piece, not a near-repeat).
PULL_QUOTE_MARGIN_WORDS = 4
#: ... and has at most this share of its words (a piece of it, not the paragraph retold).
PULL_QUOTE_MAX_SHARE = 0.8
#: ... and sits within this many paragraphs of it (summaries and tables repeat from afar).
PULL_QUOTE_WINDOW = 8
#: Shortest body line worth checking for an exact duplicate of an earlier line.
MIN_DUPLICATE_CHARS = 20
#: A repeat within this many lines is a scraping duplicate (if it has a few words) ...
DUPLICATE_WINDOW = 3
MIN_NEAR_DUPLICATE_WORDS = 6
#: ... farther apart, only a prose paragraph (this many words, closing punctuation) is a duplicate.
MIN_DUPLICATE_WORDS = 12
