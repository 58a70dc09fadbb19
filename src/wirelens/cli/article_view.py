"""``wirelens show``'s readable view of one stored article: what it is, its body with each
quote marked and numbered, the wrapper parts kept apart from the body, then the attributions.

Quotes are marked ``[1>`` ... ``<1]`` in the body (each continuation piece carries its
attribution's number too); overlapping spans keep the first, as the web page does.
"""

from __future__ import annotations

import textwrap

from wirelens.model import Analysis, Attribution

__all__ = ["render"]

WIDTH = 100
#: Characters of a wrapper part shown (parts can be long: related-link lists, disclaimers).
PART_CHARS = 160


def _marked_body(body: str, attributions: tuple[Attribution, ...]) -> str:
    spans = sorted(
        (span.start, span.end, number)
        for number, a in enumerate(attributions, 1)
        for span in (a.quote, *a.continued)
    )
    out, pos = [], 0
    for start, end, number in spans:
        if pos <= start < end <= len(body):
            out += [body[pos:start], f"[{number}>", body[start:end], f"<{number}]"]
            pos = end
    out.append(body[pos:])
    return "".join(out)


def _wrap(text: str, indent: str = "") -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        wrapped = textwrap.wrap(paragraph, WIDTH, initial_indent=indent, subsequent_indent=indent)
        lines += wrapped or [""]
    return lines


def _attribution(number: int, a: Attribution) -> list[str]:
    who = a.speaker.name if a.speaker and a.speaker.name else "(unnamed source)"
    if a.speaker and a.speaker.role:
        who += f", {a.speaker.role}"
    head = f"[{number}] {who} - {a.kind.replace('_', ' ')}"
    if a.cue is not None:
        head += f", cue {a.cue.text!r}"
    lines = [head + f", confidence {a.confidence:.2f}"]
    words = " … ".join(" ".join(s.text.split()) for s in (a.quote, *a.continued))
    lines += _wrap(f"words: {words}", "    ")
    if a.addressee is not None:
        lines.append(f"    to: {a.addressee.name} ({a.addressee.relation})")
    if a.chain:
        lines.append("    via: " + " -> ".join(f"{h.source} ({h.relation})" for h in a.chain))
    return lines


def render(analysis: Analysis) -> str:
    """The article as text for reading in a terminal."""
    article = analysis.article
    lines = [article.title or "(untitled)", "=" * min(WIDTH, len(article.title or "(untitled)"))]
    facts = [
        ("id", article.id),
        ("outlet", article.outlet),
        ("agency", article.agency),
        ("published", article.published.value if article.published else None),
        ("url", article.url),
        ("source", article.source),
    ]
    lines += [f"{name}: {value}" for name, value in facts if value]
    lines += ["", "BODY (quotes marked [n> ... <n])", ""]
    lines += _wrap(_marked_body(article.body, analysis.attributions))
    lines += ["", f"PARTS ({len(article.parts)}, kept apart from the body)"]
    for part in article.parts:
        text = " ".join(part.text.split())
        cut = text[:PART_CHARS] + ("…" if len(text) > PART_CHARS else "")
        lines += _wrap(f"- {part.kind}: {cut}", "  ")
    lines += ["", f"ATTRIBUTIONS ({len(analysis.attributions)})"]
    for number, attribution in enumerate(analysis.attributions, 1):
        lines += _attribution(number, attribution)
    return "\n".join(lines)
