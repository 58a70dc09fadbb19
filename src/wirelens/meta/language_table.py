"""Stopword profiles for :mod:`wirelens.meta.language`: the commonest function words per language.

Thirty-odd words each are enough to tell the languages apart on a news paragraph, because
function words make up a third or more of running text. Words shared by several languages
(``a``, ``de``, ``la``) still help: the score is the share of tokens in each profile.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PROFILES: dict[str, frozenset[str]] = {
    "en": _words(
        "the of and to in is that for it on was with as by he said at from his an be "
        "has have are this were which not but they its who their had will would"
    ),
    "fr": _words(
        "le la les de des du et en un une est que qui dans pour pas sur au aux par il elle "
        "ce se a été avec son sa ses ont mais plus selon"
    ),
    "de": _words(
        "der die das und ist nicht ein eine den dem des zu mit sich auf für von im sie es "
        "auch als an wurde nach bei wie aus hat sagte dass"
    ),
    "es": _words(
        "el la los las de del y en un una es que por con para se su sus al lo como más pero "
        "fue ha dijo según este esta entre"
    ),
    "it": _words(
        "il la lo gli le di del della e è un una che per con non si sono nel alla ha come "
        "anche ma dei delle ad detto secondo"
    ),
    "pt": _words(
        "o a os as de do da dos das e em um uma que para com não se no na por mais foi ao "
        "pelo pela seu sua disse segundo"
    ),
    "nl": _words(
        "de het een en van in is dat op te voor met zijn niet aan er ook als bij door maar "
        "werd heeft naar zei dan om"
    ),
    "id": _words(
        "yang dan di ke dari ini itu dengan untuk dalam tidak pada akan adalah juga kata "
        "oleh telah karena bahwa sebagai mereka"
    ),
    "tr": _words(
        "ve bir bu da de için ile olarak çok daha gibi ama olan en kadar sonra ise dedi "
        "göre her şey değil"
    ),
    "sv": _words(
        "och att det som en på är av för med till den har de inte om ett var sade men från "
        "vid också"
    ),
}

#: Non-Latin scripts are decided by their characters, not by stopwords: (first, last, language).
SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0600, 0x06FF, "ar"),
    (0x0400, 0x04FF, "ru"),
    (0x0900, 0x097F, "hi"),
    (0x0980, 0x09FF, "bn"),
    (0x0370, 0x03FF, "el"),
    (0x0590, 0x05FF, "he"),
    (0x0E00, 0x0E7F, "th"),
    (0x3040, 0x30FF, "ja"),
    (0xAC00, 0xD7AF, "ko"),
    (0x4E00, 0x9FFF, "zh"),
)
