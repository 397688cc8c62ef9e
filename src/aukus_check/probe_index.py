"""Which probe patterns a sentence can match, found in one pass over the sentence.

Two ways, with the same answer for the engine:
- FilteredRE2's literal prefilter (the start): it names the patterns whose required literals
  occur, cheap to build but loose. Eight in nine of its candidates then fail to match, and each
  failure is a call into RE2 that scans the sentence again.
- An RE2::Set of every pattern (`use_set`): one DFA pass names exactly the patterns that match,
  so a pattern runs for its groups only where it matches.

Measured with valgrind on the benchmark corpus and the bundled rules, the set reads an article
with about 4.6 M instructions fewer (8%), but building it and filling its DFA's cache of states
costs about 5.7 G instructions in each process: it repays itself after some 1,200 articles. So
a run turns it on only when each process reads SET_MIN_ARTICLES or more.

The set runs RE2's "many match" DFA, which never gives up on a slow input (unlike a single
pattern's DFA, which falls back to the NFA): it resets its cache and goes on. It can fail only
when its memory budget cannot hold a few states, so the budget is a generous ceiling (a budget,
not an allocation); a set RE2 refuses to build leaves the prefilter in charge.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aukus_check.re2_spans import REGISTRY_MAX_MEM, options

SET_MIN_ARTICLES = 1500
"""Articles per process from which a run builds the set (see the module docstring)."""


class ProbeIndex:
    """A rules file's probe patterns, asked per sentence which of them can match."""

    def __init__(self, prefilter: Any, sources: Sequence[tuple[str, bool]], unfiltered: frozenset[int]):
        self._prefilter = prefilter
        self._sources = tuple(sources)
        """(pattern, case-sensitive) by the pattern's number in the prefilter."""
        self.unfiltered = unfiltered
        """Pattern numbers the prefilter cannot rule out: it names them for every sentence."""
        self._set: Any = None
        self._numbers: tuple[int, ...] = ()
        """Prefilter number of each pattern of the set, by its index in the set."""

    @property
    def exact(self) -> bool:
        """Whether candidates() names only patterns that match (the set is in use)."""
        return self._set is not None

    def use_set(self) -> None:
        """Build the set, once; left off (the prefilter stays in charge) if RE2 refuses it."""
        if self._set is not None or not self._sources:
            return
        import re2

        built = re2.Set.SearchSet(options(case_sensitive=True, max_mem=REGISTRY_MAX_MEM))
        numbers = []
        try:
            for number, (pattern, case_sensitive) in enumerate(self._sources):
                built.Add(pattern if case_sensitive else f"(?i){pattern}")
                numbers.append(number)
            built.Compile()
        except re2.error:  # pragma: no cover - every pattern compiled alone already
            return
        self._set, self._numbers = built, tuple(numbers)

    def candidates(self, data: bytes) -> Sequence[int]:
        """The prefilter numbers of the patterns that can match data (that do, once `exact`)."""
        if self._set is None:
            return self._prefilter.Match(data, True) or ()
        found = self._set.Match(data)
        if not found:
            return ()
        numbers = self._numbers
        return [numbers[index] for index in found]
