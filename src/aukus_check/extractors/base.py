"""What every extractor kind shares: common options, the compile context, and the probe.

An extractor kind turns its rule into probes: RE2 patterns plus a function that reads a
value out of a match. The engine runs all probes of all rules through one prefilter, so
each sentence is scanned once however many rules there are.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from aukus_check.errors import RulesError
from aukus_check.modality import SentenceCues
from aukus_check.models import ExtractorRef, FieldType, PartialDate, TypedValue
from aukus_check.re2_spans import options
from aukus_check.yaml_source import YamlDocument

PLACEHOLDERS = ("{aliases}", "{key}", "{label}")


class Example(BaseModel):
    """A sentence a rule must read (or must not): checked by `aukus-check rules test`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1, description="One or more sentences, as an article would write them.")
    expect: str | list[str] | None = Field(
        default=None,
        description="The value(s) this rule must read, as the report labels them ('joined', "
        "'not joined', 'joined (expected)', '2024-04'); null or absent: the rule must read nothing.",
    )
    published: str | None = Field(
        default=None, description="Publication date (YYYY-MM-DD) of the imagined article, for relative dates."
    )
    key: str | None = Field(
        default=None,
        description="In a keyed family: the key whose field this example is for (e.g. china); "
        "without it the example is checked against every key of the family.",
    )


class ExtractorSpec(BaseModel):
    """Options every extractor kind accepts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str | None = Field(default=None, description="Short name shown in reports and explanations.")
    examples: list[Example] = Field(
        default_factory=list,
        description="Sentences this rule must read, or must not; run by `aukus-check rules test`.",
    )
    context: list[str] = Field(
        default_factory=list,
        description="RE2 patterns; a match counts only in a sentence matching at least one of them.",
    )
    unless: list[str] = Field(
        default_factory=list,
        description="RE2 patterns; a match is dropped in a sentence matching any of them.",
    )
    unless_before: list[str] = Field(
        default_factory=list,
        description="RE2 patterns; a match is dropped when its clause, before the anchor, matches one.",
    )
    unless_after: list[str] = Field(
        default_factory=list,
        description="RE2 patterns; a match is dropped when its clause, after the anchor, matches one "
        "(anchor the pattern with ^ to look only at the next words).",
    )


@dataclass(frozen=True, slots=True)
class Hit:
    """What a probe read from one match: a value (or why none) and byte spans in the sentence.

    `detail` is the typed value (a date's interval, a quantity's bounds) behind `value`, the
    canonical text the report shows and compares stances by.
    """

    value: str | None
    anchor: tuple[int, int]
    span: tuple[int, int]
    reason: str | None = None
    detail: TypedValue | None = None
    settled: bool = False
    """The value lies wholly before the article's publication (a date in its past): it is no
    forecast, whatever future cue another predicate of its clause has."""
    polarity: Literal["any", "affirmed", "negated"] = "any"
    """Which claims of this match count: `negated`, only a denied trigger, whose negation is then
    part of the value ("will not take part in Pillar I" is `excluded`); `affirmed`, only one that
    is not denied (the denial reads as another value of the same rule)."""
    clause_start: int | None = None
    """Byte offset in the sentence where the value's own clause begins, when the extractor knows it
    better than punctuation does: in "Japan will not take part in the Pillar I submarines" the
    value stands in a description ("the Pillar I submarines") that another predicate's negation
    and future do not reach; in "Plans to expand AUKUS worry Moscow as Japan has expressed
    interest", "plans to" is not Japan's future. Negation, future, hedges and wishes are judged
    from there, and a rule's `unless_before` looks only there; a condition ("if", "whether") and a
    question still govern the whole clause. It only ever narrows the clause."""


@dataclass(frozen=True, slots=True)
class SentenceScope:
    """Where in its article a sentence is: what a probe may need beyond the sentence itself.

    Dates resolve against `published`; an official's surname counts only once the full name
    appeared earlier in `text` (before `start`).
    """

    text: str
    start: int
    end: int
    published: PartialDate | None
    named: Mapping[str, int] = field(default_factory=dict)
    """Reference -> character offset of its first name in the article (absent: never named)."""
    scope_refs: Mapping[int, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    """id() of a compiled context/unless pattern -> its reference mention groups (RuleSet.scope_refs)."""
    memo: dict[str, Any] = field(default_factory=dict, compare=False)
    """What is read from the sentence alone, once for every probe that asks (see `cues`)."""

    def cues(self, data: bytes) -> SentenceCues:
        """The sentence's clauses and modality cues (data: the sentence's UTF-8), computed once
        for the engine and every extractor."""
        found = self.memo.get("cues")
        if found is None:
            found = self.memo["cues"] = SentenceCues(self.text[self.start : self.end], data)
        return found

    def names(self, reference: str) -> bool:
        """Whether the article names the reference before the end of this sentence."""
        first = self.named.get(reference)
        return first is not None and first < self.end


class ProbePatterns:
    """A rules file's probe patterns, compiled once, by the prefilter that serves them all.

    RE2's FilteredRE2 compiles every pattern it is given (it reads the literals off the program)
    and keeps it; a probe uses that copy instead of compiling its pattern a second time, which
    was a sixth of a rules file's start-up. Equal patterns share one entry and one object.
    """

    def __init__(self) -> None:
        import re2

        self.filter: Any = re2.Filter()
        self.index: dict[tuple[str, bool], int] = {}
        """(source, case-sensitive) -> the pattern's index in the filter."""
        self.regexes: list[Any] = []
        """The compiled patterns, by their index in the filter."""
        self.sources: list[tuple[str, bool]] = []
        """(source, case-sensitive) of each pattern, by its index in the filter."""
        self._numbers: dict[int, int] = {}

    def add(self, pattern: str, *, case_sensitive: bool) -> Any | None:
        """The compiled pattern, added to the filter; None if RE2 refuses it."""
        import re2

        key = (pattern, case_sensitive)
        if key not in self.index:
            try:
                number = self.filter.Add(pattern, options(case_sensitive=case_sensitive))
            except re2.error:
                return None
            self.index[key] = number
            self._keep(number, self.filter.re(number), key)
        return self.regexes[self.index[key]]

    def number_of(self, regex: Any, source: str, *, case_sensitive: bool) -> int:
        """The filter index serving a probe's compiled pattern; a pattern compiled elsewhere
        is added (and so compiled once more, by the filter)."""
        number = self._numbers.get(id(regex))
        if number is None:
            number = self.filter.Add(source, options(case_sensitive=case_sensitive))
            self._keep(number, regex, (source, case_sensitive))
        return number

    def _keep(self, number: int, regex: Any, source: tuple[str, bool]) -> None:
        assert number == len(self.regexes), "the filter numbers patterns in the order added"
        self.regexes.append(regex)
        self.sources.append(source)
        self._numbers[id(regex)] = number


@dataclass(frozen=True)
class CompileContext:
    """Everything an extractor needs to compile one rule and to report errors at its node.

    `registries` is the rules file's people, offices and actors (rules.Registries); `key` is
    the family key this field was expanded for (a person, office or actor key), if any.
    """

    field_id: str
    vocabulary: tuple[str, ...]
    document: YamlDocument
    path: tuple[str | int, ...]
    placeholders: Mapping[str, str] = field(default_factory=dict)
    field_type: FieldType = "enum"
    key: str | None = None
    registries: Any = None
    probe_patterns: ProbePatterns | None = None
    """Where compile_probe puts the patterns probes run (None: each compiles on its own)."""

    def error(
        self,
        message: str,
        subpath: Sequence[str | int] = (),
        *,
        key: bool = False,
        hint: str | None = None,
    ) -> RulesError:
        """A RulesError located at this extractor's node (or a part of it)."""
        return RulesError(
            f"field {self.field_id!r}: {message}",
            self.document.location((*self.path, *subpath), key=key),
            hint=hint,
        )

    def check_value(self, value: str, subpath: Sequence[str | int], verb: str = "maps to") -> None:
        """Raise unless value is in the field's vocabulary."""
        if value not in self.vocabulary:
            raise self.error(
                f"extractor {verb} {value!r}, which is not in the vocabulary ({', '.join(self.vocabulary)})",
                subpath,
            )

    def expand(self, pattern: str, subpath: Sequence[str | int]) -> str:
        """Replace {aliases}, {key} and {label} (keyed families only), and lexicons and references."""
        if "{" in pattern and self.registries is not None:
            from aukus_check.extractors.placeholders import expand_placeholders

            pattern = expand_placeholders(
                pattern,
                self.registries.lexicons,
                self.registries.references,
                lambda message: self.error(message, subpath),
            )
        for placeholder in PLACEHOLDERS:
            if placeholder in pattern:
                if placeholder not in self.placeholders:
                    raise self.error(
                        f"{placeholder} is only defined in a keyed family (a field with 'keys')",
                        subpath,
                    )
                pattern = pattern.replace(placeholder, self.placeholders[placeholder])
        return pattern

    def compile_probe(
        self, pattern: str, subpath: Sequence[str | int], *, case_sensitive: bool = False
    ) -> Any:
        """Compile the pattern a probe runs (see ProbePatterns); errors as `compile` gives them."""
        if self.probe_patterns is None or "\\C" in pattern:
            return self.compile(pattern, subpath, case_sensitive=case_sensitive)
        regex = self.probe_patterns.add(pattern, case_sensitive=case_sensitive)
        if regex is None:  # compile says why, at the pattern's node
            self.compile(pattern, subpath, case_sensitive=case_sensitive)
            raise self.error("invalid pattern: RE2's prefilter does not accept it", subpath)
        return regex

    def compile(self, pattern: str, subpath: Sequence[str | int], *, case_sensitive: bool = False) -> Any:
        """Compile an RE2 pattern; an invalid one is a RulesError at its node."""
        import re2

        if "\\C" in pattern:
            # \C matches a single byte and could split a character; evidence offsets need whole ones.
            raise self.error("invalid pattern: \\C (any byte) is not allowed", subpath)
        try:
            return re2.compile(pattern, options(case_sensitive=case_sensitive))
        except re2.error as exc:
            detail = (
                exc.args[0].decode("utf-8", "replace")
                if exc.args and isinstance(exc.args[0], bytes)
                else str(exc)
            )
            hint = None
            if any(token in pattern for token in ("(?=", "(?!", "(?<=", "(?<!")) or "\\1" in pattern:
                hint = (
                    "RE2 has no lookaround or backreferences; see https://github.com/google/re2/wiki/Syntax"
                )
            raise self.error(f"invalid pattern: {detail}", subpath, hint=hint) from None


@dataclass(frozen=True)
class Probe:
    """One compiled RE2 pattern of one rule, and how to read a value from its matches."""

    field_id: str
    extractor: ExtractorRef
    priority: int
    source: str
    case_sensitive: bool
    regex: Any
    interpret: Callable[[list[tuple[int, int]], bytes, SentenceScope], Hit]
    """Reads a value from a match's group spans (byte offsets) in the sentence's UTF-8 bytes."""
    context: tuple[tuple[Any, ...], ...] = ()
    """Levels (extractor, field) of alternatives: the sentence must match one of each level."""
    unless: tuple[Any, ...] = ()
    unless_before: tuple[Any, ...] = ()
    unless_after: tuple[Any, ...] = ()
    exclusions: bool = False
    """The field is a set: "except", "other than" and the like deny the elements they govern."""
    wishes: bool = False
    """A wish or a call before the anchor ("wants to bring Japan in") is part of what the probe
    reads (a stance), not a reason to drop the match as no claim."""
    refs: tuple[tuple[int, str], ...] = ()
    """(group, reference) of each {ref:...} mention in the pattern: a mention that took part in a
    match counts only where the article has named the reference (see placeholders)."""


@dataclass(frozen=True, slots=True)
class ArticleHit:
    """A value read from the article as a whole (e.g. its publication date), with its span."""

    value: str
    span: tuple[int, int]
    """Character offsets in the article's text of what the value was read from."""
    detail: TypedValue | None = None


@dataclass(frozen=True)
class ArticleProbe:
    """A rule that reads a value from an article's metadata rather than from its sentences."""

    field_id: str
    extractor: ExtractorRef
    extract: Callable[[Any], list[ArticleHit]]
    """Reads hits from a corpus.Article."""
