"""Sentence splitting: the unit of scope for every extractor.

The splitter works on offsets into the original text so every sentence maps back to the
file. It does not break on abbreviations ("Mr.", "Jr.", "Gen."), initials ("J. K."),
dotted acronyms ("U.S.", "U.K.") unless a typical sentence opener follows, decimals, or
inside quotations.
"""

from __future__ import annotations

import bisect
import re

# Sentence-final punctuation, the closing quotes or brackets that stick to it, then space.
_CANDIDATE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_DOUBLE_QUOTE = re.compile(r"[“”\"]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TERMINAL_LINE_END = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")
_WORD_BEFORE = re.compile(r"[\w.’'-]+$")
_NEXT_WORD = re.compile(r"[“\"‘'(\[]*([\w’'-]+)")

# Titles and honorifics: a period after them never ends a sentence.
_TITLES = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt cmdr adm maj gov sen rep hon rev st fr sr jr messrs mt ft".split()
)
# Abbreviations that may or may not end a sentence: split only before a typical opener.
_AMBIGUOUS = frozenset(
    "inc ltd co corp plc llc bros etc vs no nos vol fig approx dept est "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_OPENERS = frozenset(
    "the a an this that these those it its he she they we i you his her their our there "
    "but and yet so however meanwhile in on at as after before while when if although "
    "what why how who where according".split()
)
MAX_SENTENCE_CHARS = 2000
"""A sentence longer than this (some 300 words; real ones are a tenth of it) is cut into pieces
of at most this length, at a clause break or a space: what reads a sentence (attribution,
clauses, who holds a stance) then costs at most a bounded amount per piece, and a page of
unpunctuated text stays linear in its length."""
_LINE_JOIN_MIN = 40
"""A line break with no sentence punctuation before it joins lines only when the line is at
least this long: shorter lines are headings, bylines or datelines, not wrapped prose."""


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Balanced double-quotation spans in text[start:end]; unbalanced openers are ignored."""
    spans: list[tuple[int, int]] = []
    open_stack: list[int] = []
    for match in _DOUBLE_QUOTE.finditer(text, start, end):
        char = match.group()
        if char == "“":
            open_stack.append(match.start())
        elif char == "”":
            if open_stack:
                spans.append((open_stack.pop(), match.end()))
        elif open_stack:  # a straight quote closes whatever is open ...
            spans.append((open_stack.pop(), match.end()))
        else:  # ... or opens a new quotation
            open_stack.append(match.start())
    spans.sort()
    return spans


def _reach(spans: list[tuple[int, int]]) -> list[int]:
    """For each quotation (sorted by start), the farthest end of it and those before it."""
    reach: list[int] = []
    for _, span_end in spans:
        reach.append(max(span_end, reach[-1]) if reach else span_end)
    return reach


def _inside(spans: list[tuple[int, int]], reach: list[int], position: int) -> bool:
    """Whether position lies strictly inside a quotation (a bisection: quotations may nest)."""
    last = bisect.bisect_left(spans, (position, -1)) - 1
    return last >= 0 and reach[last] > position


def _is_boundary(text: str, punct_start: int, punct: str, next_start: int) -> bool:
    """Decide whether sentence-final punctuation at punct_start really ends a sentence."""
    following = _NEXT_WORD.match(text, next_start)
    if following is None:
        return True
    first = following.group(1)
    lead = text[next_start]
    if not (first[0].isupper() or first[0].isdigit() or lead in "“\"‘'(["):
        return False
    if punct != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, punct_start - 40), punct_start)
    if before is None:
        return True
    word = before.group().lower().strip("’'-")
    if word in _TITLES:
        return False
    bare = word.replace(".", "")
    is_initial = len(bare) == 1 and bare.isalpha()  # "J. K. Rowling", but also "Pillar I. The"
    is_dotted = "." in word  # U.S, e.g, a.m
    if is_initial or is_dotted or word in _AMBIGUOUS:
        return first.lower() in _OPENERS
    return True


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of text[start:end] (one block of prose) as (start, end) offsets, trimmed."""
    pieces: list[tuple[int, int]] = []
    for piece_start, piece_end in _hard_lines(text, start, end):
        pieces.extend(_split_piece(text, piece_start, piece_end))
    return pieces


def _hard_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a block at line breaks that end a sentence or a heading; keep wrapped prose whole."""
    result = []
    piece_start = line_start = start
    for match in _LINE_BREAK.finditer(text, start, end):
        line = text[line_start : match.start()]
        line_start = match.end()
        if _TERMINAL_LINE_END.search(line) or len(line.strip()) < _LINE_JOIN_MIN:
            result.append((piece_start, match.start()))
            piece_start = match.end()
    result.append((piece_start, end))
    return result


def _split_piece(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = _quote_spans(text, start, end)
    reach = _reach(spans)
    sentences = []
    sentence_start = start
    for match in _CANDIDATE_END.finditer(text, start, end):
        boundary = match.end()
        next_start = boundary
        while next_start < end and text[next_start].isspace():
            next_start += 1
        if next_start >= end:
            break
        if spans and _inside(spans, reach, boundary):
            continue
        punct = match.group()[0]
        if _is_boundary(text, match.start(), punct, next_start):
            sentences.append((sentence_start, boundary))
            sentence_start = next_start
    sentences.append((sentence_start, end))
    return [
        trimmed
        for s, e in sentences
        for piece_start, piece_end in _capped(text, s, e)
        if (trimmed := _trim(text, piece_start, piece_end)) is not None
    ]


_BREAKS = ("; ", ": ", ", ", " ")
"""Where an overlong sentence is cut, best first: after a clause break, else at a space."""


def _capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut into pieces of at most MAX_SENTENCE_CHARS, each ending at a break in its
    second half if there is one."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = limit
        for mark in _BREAKS:
            found = text.rfind(mark, start + MAX_SENTENCE_CHARS // 2, limit)
            if found >= 0:
                cut = found + len(mark) - 1 if mark != " " else found
                break
        cut = max(cut, start + 1)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
