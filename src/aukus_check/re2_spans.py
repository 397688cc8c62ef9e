"""Match RE2 patterns against UTF-8 bytes and get plain group spans, fast.

The google-re2 wrapper builds a Python match object per match and re-derives the group
count on every `span()` call; on the scanning path of thousands of articles that overhead
is a quarter of the run. Its compiled pattern exposes the C++ `Match`, which returns every
group's span in one call: we use it when present and fall back to the public API otherwise,
so a future wrapper without it is slower, never wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import re2

Spans = list[tuple[int, int]]
"""Byte offsets of the whole match (index 0) and of each group; (-1, -1) if it did not take part."""

try:
    _UNANCHORED: Any = re2._Anchor.UNANCHORED
    _FAST = hasattr(re2.compile("x")._regexp, "Match")
except AttributeError:  # pragma: no cover - a wrapper without the private fast path
    _FAST = False


MAX_MEM = 64 << 20
"""RE2's memory budget per pattern, in bytes: a ceiling, not an allocation. Under RE2's default
(8 MiB) the DFA of a large case-insensitive alternation (every cue of a stance, every name of
an actor registry) runs out of cache mid-sentence and RE2 falls back to its NFA, ten times
slower; the budget keeps such patterns on the DFA. Matching stays linear either way."""


REGISTRY_MAX_MEM = 256 << 20
"""The budget of the one pattern of every name of an actors, people and offices registry (over a
quarter of a megabyte of source for the bundled rules): its DFA needs some 30 MiB, and with less
than about 128 MiB RE2 abandons it for the NFA, fifty times slower on every sentence."""


def options(*, case_sensitive: bool = True, max_mem: int = MAX_MEM) -> Any:
    """RE2 options for every pattern the tool compiles: UTF-8, quiet on errors, DFA budget."""
    result = re2.Options()
    result.log_errors = False  # errors are reported by the caller, with a location
    result.max_mem = max_mem
    result.case_sensitive = case_sensitive
    return result


def iter_spans(regex: Any, data: bytes) -> Iterator[Spans]:
    """Every non-overlapping match of a compiled RE2 pattern in data, as group spans."""
    if not _FAST:  # pragma: no cover - exercised only with a different wrapper
        groups = regex.groups
        for match in regex.finditer(data):
            yield [match.span(group) for group in range(groups + 1)]
        return
    find = regex._regexp.Match
    first = find(_UNANCHORED, data, 0, len(data))
    if first[0][0] >= 0:
        yield first
        yield from _following(find, data, first)


def all_spans(regex: Any, data: bytes) -> list[Spans]:
    """iter_spans as a list, with no generator to step when nothing matches: the engine asks
    this of many patterns per sentence, and most of them find nothing."""
    if not _FAST:  # pragma: no cover - exercised only with a different wrapper
        return list(iter_spans(regex, data))
    find = regex._regexp.Match
    first = find(_UNANCHORED, data, 0, len(data))
    if first[0][0] < 0:
        return []
    return [first, *_following(find, data, first)]


def _following(find: Any, data: bytes, previous: Spans) -> Iterator[Spans]:
    """The matches after `previous`; an empty match steps over one whole UTF-8 character."""
    end = len(data)
    start, position = previous[0]
    while True:
        if position == start:
            position += 1
            while position < end and data[position] & 0xC0 == 0x80:
                position += 1
        if position > end:
            return
        spans = find(_UNANCHORED, data, position, end)
        start, stop = spans[0]
        if start < 0:
            return
        yield spans
        position = stop


def search(regex: Any, data: bytes) -> bool:
    """Whether the pattern matches anywhere in data."""
    if not _FAST:  # pragma: no cover - exercised only with a different wrapper
        return regex.search(data) is not None
    return bool(regex._regexp.Match(_UNANCHORED, data, 0, len(data))[0][0] >= 0)


def char_offsets(text: str, data: bytes) -> Callable[[int], int]:
    """Byte offset in `data` (text encoded as UTF-8) -> character offset in text."""
    if len(data) == len(text):  # ASCII: the same
        return lambda offset: offset
    return lambda offset: len(data[:offset].decode("utf-8", "replace"))
