"""Quotes in Markdown: a claim's own words, cut around the match, with the citation "(A4, line 3)".

A quote is the article's own words, shortened only by cutting (an ellipsis marks each cut), so
every fragment can be found verbatim at the line it cites. The matched words are in bold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aukus_check.markdown_text import escape_inline, fold
from aukus_check.models import Claim

MAX_QUOTE = 260
"""Characters of a quote before it is cut around the matched words."""
_ELLIPSIS = "…"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class _Excerpt:
    """A cut of a claim's sentence around its match, as offsets into the sentence."""

    start: int
    end: int
    first_line: int
    last_line: int


def _line_of(claim: Claim, offset: int) -> int:
    """The article line of an offset into the claim's sentence."""
    return claim.evidence.sentence_line + len(_LINE_BREAK.findall(claim.evidence.sentence[:offset]))


def _excerpt(claim: Claim) -> _Excerpt:
    """The whole sentence if short; otherwise whole words around the match, up to MAX_QUOTE."""
    evidence = claim.evidence
    sentence = evidence.sentence
    match_start = evidence.start - evidence.sentence_start
    match_end = evidence.end - evidence.sentence_start
    start, end = 0, len(sentence)
    if len(fold(sentence.strip())) > MAX_QUOTE:
        spare = max(MAX_QUOTE - (match_end - match_start), 0)
        before = min(spare // 2, match_start)
        after = spare - before
        start = match_start - before
        end = min(match_end + after, len(sentence))
        if end == len(sentence):  # the match is near the end: give the unused room to the left
            start = max(match_start - (spare - (end - match_end)), 0)
        if start > 0:  # begin at a word: skip the part of a word the cut went through
            space = _SPACE.search(sentence, start, match_start)
            start = space.end() if space else match_start
        if end < len(sentence):  # end at a word: the last space within reach
            spaces = [m.start() for m in _SPACE.finditer(sentence, match_end, end)]
            end = spaces[-1] if spaces else match_end
    while start < match_start and sentence[start].isspace():
        start += 1
    if end < len(sentence):  # "by Australia,…" reads as a slip; the cut drops the comma too
        while end > match_end and (sentence[end - 1].isspace() or sentence[end - 1] in ",;:"):
            end -= 1
    while end > match_end and sentence[end - 1].isspace():
        end -= 1
    return _Excerpt(start, end, _line_of(claim, start), _line_of(claim, max(end - 1, start)))


def _core(text: str) -> tuple[int, int]:
    """The span of text from its first to its last letter or digit (empty if it has none)."""
    first = next((i for i, ch in enumerate(text) if ch.isalnum()), len(text))
    last = next((i for i in range(len(text) - 1, -1, -1) if text[i].isalnum()), -1)
    return (first, last + 1) if first <= last else (len(text), len(text))


def citation(label: str, first_line: int, last_line: int) -> str:
    """ "(A4, line 3)", or "(A4, lines 3–4)" when the quote runs over a line break."""
    if first_line == last_line:
        return f"({label}, line {first_line})"
    return f"({label}, lines {first_line}–{last_line})"


def quote(claim: Claim, label: str) -> str:
    """The claim's words in quotation marks, the matched words in bold, and the citation."""
    evidence = claim.evidence
    sentence = evidence.sentence
    cut = _excerpt(claim)
    match_start = evidence.start - evidence.sentence_start
    match_end = evidence.end - evidence.sentence_start
    # Bold only from the match's first to its last letter or digit: "**" next to punctuation
    # may not open or close emphasis in CommonMark, and would then show as asterisks.
    core_start, core_end = _core(sentence[match_start:match_end])
    bold_start, bold_end = match_start + core_start, match_start + core_end
    pieces = [
        escape_inline(sentence[cut.start : bold_start]),
        f"**{escape_inline(sentence[bold_start:bold_end])}**" if bold_end > bold_start else "",
        escape_inline(sentence[bold_end : cut.end]),
    ]
    opening = _ELLIPSIS if cut.start > 0 else ""
    closing = _ELLIPSIS if cut.end < len(sentence) else ""
    where = citation(label, cut.first_line, cut.last_line)
    return f"“{opening}{''.join(pieces)}{closing}” {where}"


def cite(claim: Claim, label: str) -> str:
    """The citation alone, for a claim shown without its quote: "(A4, line 3)"."""
    cut = _excerpt(claim)
    return citation(label, cut.first_line, cut.last_line)


def quote_item(claim: Claim, label: str) -> str:
    """ "*reported*: “…” (A4, line 3)": the modality, then the quote."""
    modality = f"*{claim.modality}, hedged*" if claim.hedged else f"*{claim.modality}*"
    return f"{modality}: {quote(claim, label)}"
