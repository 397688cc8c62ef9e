"""Word lists and references written by name inside RE2 patterns.

A rules file declares its lexicons and references once; every pattern of every kind (and
every `context`, `unless` and `event`) can then use them:

- `{lex:consider}`: every form of every word of the lexicon: "consider", "considers",
  "considered", "considering", "weighs", ..., "consideration";
- `{verb:consider}`, `{participle:consider}`, `{noun:consider}`: only its verbs (every form),
  only their past participles, only its nouns (singular and plural);
- `{ref:aukus}`: a name of the reference ("AUKUS"), or a mention of it ("the pact", "this
  security partnership"); a mention counts only where the article has named the reference
  before the end of the sentence. The mention is a named group `_refN_aukus`, which the
  engine checks (see `ref_groups`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from aukus_check.english import noun_forms, participles, verb_forms
from aukus_check.extractors.phrases import phrase_regex

PLACEHOLDER = re.compile(r"\{(lex|verb|participle|noun|ref):([a-z0-9_]+)\}")
_REF_GROUP = re.compile(r"_ref\d+_([a-z0-9_]+)")
_DETERMINER = r"(?:the|this|that|these|those|its|their|our|such\s+an?|an?)"
_MODIFIERS = r"(?:[\w’'-]+\s+){0,3}?"


def _alternation(forms: list[str]) -> str:
    return _sorted_alternation(frozenset(forms))


@functools.lru_cache(maxsize=4096)  # a lexicon is named by many patterns: join its forms once
def _sorted_alternation(forms: frozenset[str]) -> str:
    ordered = sorted(forms, key=lambda form: (-len(form), form))
    return "(?:" + "|".join(phrase_regex(form) for form in ordered) + ")"


def lexicon_forms(kind: str, lexicon: Any) -> list[str]:
    """The forms of a lexicon a placeholder kind stands for."""
    forms: list[str] = []
    if kind in ("lex", "verb"):
        forms += [form for verb in lexicon.verbs for form in verb_forms(verb)]
    if kind == "participle":
        forms += [form for verb in lexicon.verbs for form in participles(verb)]
    if kind in ("lex", "noun"):
        forms += [form for noun in lexicon.nouns for form in noun_forms(noun)]
    if kind == "lex":
        forms += list(lexicon.words)
    left_out = {form.lower() for form in lexicon.unless}
    return [form for form in forms if form.lower() not in left_out]


def reference_names(reference: Any) -> str:
    """RE2 source matching any name of a reference."""
    inner = "|".join(phrase_regex(name) for name in sorted(set(reference.names), key=lambda n: (-len(n), n)))
    return f"(?-i:{inner})" if reference.case_sensitive else f"(?i:{inner})"


def expand_placeholders(
    pattern: str,
    lexicons: Mapping[str, Any],
    references: Mapping[str, Any],
    fail: Callable[[str], Exception],
) -> str:
    """Replace every {lex:..}, {verb:..}, {participle:..}, {noun:..} and {ref:..} in a pattern."""
    counter = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal counter
        kind, name = match.groups()
        if kind == "ref":
            if name not in references:
                known = ", ".join(references) or "none declared"
                raise fail(f"{{ref:{name}}} names no reference (references: {known})")
            reference = references[name]
            counter += 1
            names = reference_names(reference)
            if not reference.mentions:
                return names
            nouns = [form for noun in reference.mentions for form in noun_forms(noun)]
            mention = rf"\b{_DETERMINER}\s+{_MODIFIERS}{_alternation(nouns)}"
            return f"(?:{names}|(?P<_ref{counter}_{name}>(?i:{mention})))"
        if name not in lexicons:
            known = ", ".join(lexicons) or "none declared"
            raise fail(f"{{{kind}:{name}}} names no lexicon (lexicons: {known})")
        forms = lexicon_forms(kind, lexicons[name])
        if not forms:
            raise fail(f"{{{kind}:{name}}}: lexicon {name!r} has no {kind}s")
        return _alternation(forms)

    return PLACEHOLDER.sub(replace, pattern)


@functools.lru_cache(maxsize=1024)
def ref_groups(regex: Any) -> tuple[tuple[int, str], ...]:
    """(group index, reference) for every mention group of a compiled pattern (asked per
    sentence of the patterns a stance's topic names: kept, since the wrapper rebuilds its
    groupindex on every call)."""
    found = []
    for group_name, index in dict(regex.groupindex).items():
        match = _REF_GROUP.fullmatch(group_name)
        if match:
            found.append((index, match.group(1)))
    return tuple(sorted(found))


class NameFinder:
    """Finds where each reference is first named in an article.

    One search per reference, each stopping at its first name: a combined pattern would report
    only the first alternative where two references share a name ("AUKUS" names both the pact
    and its members), and the other would never count as named.
    """

    def __init__(self, references: Mapping[str, Any]) -> None:
        import re2

        from aukus_check.re2_spans import options

        self._regexes = {
            name: re2.compile(reference_names(reference), options(case_sensitive=True))
            for name, reference in references.items()
        }

    def first_names(self, text: str) -> dict[str, int]:
        """Reference -> character offset of its first name in text; absent when never named."""
        if not self._regexes:
            return {}
        from aukus_check.re2_spans import iter_spans

        data = text.encode("utf-8")
        found: dict[str, int] = {}
        for name, regex in self._regexes.items():
            spans = next(iter_spans(regex, data), None)
            if spans is not None:
                found[name] = len(data[: spans[0][0]].decode("utf-8", "replace"))
        return found
