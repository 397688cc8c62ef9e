"""`lexicon`: phrases and their synonyms, each list mapped to one canonical value.

    - kind: lexicon
      terms:
        ai: [artificial intelligence, {text: AI, case_sensitive: true}, machine learning]
        cyber: ["cyber*"]

Phrases match as whole words and case-insensitively unless told otherwise; spacing and
hyphens are forgiving (see `phrases`). One probe per value, so the value is known from
which probe matched.

Descriptions. `owner` names what the values belong to (an RE2 pattern: `'{ref:aukus}|{ref:pillar2}'`),
`describes` the words that, right after it, say what it covers (`'{lex:cover}'`: "covers",
"focuses on", "work on", "the part of the pact that focuses on"). A term that follows its owner
directly ("the Pillar I submarines", "the AUKUS quantum work") or through those words stands in
a description of the owner, and its modality is judged from the owner on: in "Japan will not
take part in the Pillar I submarines" or "Japan could be included in the AUKUS work on cyber",
the negation or the possibility is Japan's, while the description states what the pact
covers, so the value is asserted. A negation or a future after the owner still counts ("Pillar
II will not cover hypersonics" is denied), and a term the owner is not described by ("will
work together via AUKUS to develop hypersonics") keeps its clause's modality. `purpose` names
how an owner states what it is for (`'{lex:aim}'`: "aims to", "a plan to"): a term in the
owner's own purpose is what it covers, not a forecast ("AUKUS, which aims to deliver
nuclear-powered submarines" and "the alliance adopted a plan to provide submarines" are
asserted, while "the United States will provide" stays expected). Descriptions and purposes
begin within a few words of the owner ("Pillar I, which aims to", "the alliance adopted a plan
to"). None of this changes where a rule matches: the sentence must still match its `context`,
and `unless_before` still looks at the whole clause. A mention of a reference in the owner ("the
pact") counts only once the article has named it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from aukus_check.english import word_alternation
from aukus_check.english.words import COORDINATORS, PREPOSITIONS, RELATIVES
from aukus_check.extractors.base import CompileContext, ExtractorSpec, Hit, Probe, SentenceScope
from aukus_check.extractors.phrases import phrase_regex
from aukus_check.extractors.placeholders import ref_groups
from aukus_check.models import ExtractorRef
from aukus_check.re2_spans import Spans, iter_spans, search

KIND = "lexicon"


class Term(BaseModel):
    """A phrase with its own case rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1, description="The phrase.")
    case_sensitive: bool = Field(description="Whether the phrase matches only as written ('AI').")


class Spec(ExtractorSpec):
    """Canonical values and the phrases that express them."""

    kind: Literal["lexicon"]
    terms: dict[str, list[str | Term]] = Field(description="Vocabulary value to its phrases.")
    case_sensitive: bool = Field(default=False, description="Whether the terms match only as written.")
    whole_words: bool = Field(default=True, description="Whether a term matches only as whole words.")
    owner: str | None = Field(
        default=None,
        description="RE2 pattern of what the values belong to ('{ref:aukus}|{ref:pillar2}'): a term in "
        "a description of it ('the Pillar I submarines', 'the AUKUS work on cyber') is judged from it "
        "on, so a negation or future of another predicate ('Japan will not take part in ...') does not "
        "reach the term.",
    )
    describes: str | None = Field(
        default=None,
        description="With 'owner': RE2 pattern of the words that, right after the owner, say what it "
        "covers ('{lex:cover}': 'covers', 'focuses on', 'work on').",
    )
    purpose: str | None = Field(
        default=None,
        description="With 'owner': RE2 pattern of how the owner states what it is for ('{lex:aim}'); a "
        "term in that purpose ('AUKUS, which aims to deliver submarines') is no forecast.",
    )


def compile_probes(
    spec: Spec, context: CompileContext, extractor: ExtractorRef, priority: int
) -> list[Probe]:
    """Compile one probe per canonical value."""
    if not spec.terms:
        raise context.error("a lexicon needs at least one value under 'terms'", ("terms",))
    owned = None
    if spec.owner is not None:
        owner = context.compile(context.expand(spec.owner, ("owner",)), ("owner",))
        owned = _Owner(
            owner,
            ref_groups(owner),
            _after_owner(spec.describes, "describes", context),
            _after_owner(spec.purpose, "purpose", context),
        )
    else:
        for key in ("describes", "purpose"):
            if getattr(spec, key) is not None:
                raise context.error(f"'{key}' needs an 'owner' to follow", (key,), key=True)
    probes = []
    for value, phrases in spec.terms.items():
        context.check_value(value, ("terms", value), verb="lists")
        if not phrases:
            raise context.error(f"value {value!r} has no phrases", ("terms", value))
        parts = []
        for index, phrase in enumerate(phrases):
            text, sensitive = (
                (phrase, spec.case_sensitive)
                if isinstance(phrase, str)
                else (phrase.text, phrase.case_sensitive)
            )
            if not text.strip() or text.strip() == "*":
                raise context.error("a phrase cannot be empty", ("terms", value, index))
            parts.append(phrase_regex(text, case_sensitive=sensitive, whole_words=spec.whole_words))
        source = "|".join(sorted(set(parts), key=lambda p: (-len(p), p)))
        regex = context.compile_probe(source, ("terms", value), case_sensitive=True)
        probes.append(
            Probe(
                field_id=context.field_id,
                extractor=extractor,
                priority=priority,
                source=source,
                case_sensitive=True,
                regex=regex,
                interpret=_fixed(value) if owned is None else _owned(value, owned),
            )
        )
    return probes


def _fixed(value: str) -> Callable[[Spans, bytes, SentenceScope], Hit]:
    def interpret(spans: Spans, data: bytes, scope: SentenceScope) -> Hit:
        return Hit(value, spans[0], spans[0])

    return interpret


_AFTER_OWNER = rf"^[\s,]*(?:{word_alternation(RELATIVES)}\s+)?(?:[\w’'-]+[\s,]+){{{{0,4}}}}?(?:{{words}})"
"""Right after the owner: a few words (", which", "the part of the pact that", "adopted a
three-phase"), then what describes it or states its purpose."""
_ADJACENT = re.compile(r"(?:['’]s)?\s+(?:([\w’'-]+)\s+)?")
"""A term right after its owner, at most one word between that is not a function word: "the Pillar I
nuclear-powered submarines", "AUKUS's quantum work"; not "AUKUS to develop hypersonics"."""
_FUNCTION_WORDS = PREPOSITIONS | COORDINATORS


def _adjacent(between: bytes) -> bool:
    """Whether the owner and the term are one noun phrase (see _ADJACENT)."""
    if len(between) > 60:
        return False
    match = _ADJACENT.fullmatch(between.decode("utf-8", "replace"))
    return match is not None and (match.group(1) or "").lower() not in _FUNCTION_WORDS


def _after_owner(pattern: str | None, key: str, context: CompileContext) -> Any:
    if pattern is None:
        return None
    expanded = context.expand(pattern, (key,))
    context.compile(expanded, (key,))  # a broken pattern is reported as itself
    return context.compile(_AFTER_OWNER.format(words=expanded), (key,))


@dataclass(frozen=True)
class _Owner:
    """What the values belong to, and the words after it that describe it or state its purpose."""

    regex: Any
    refs: tuple[tuple[int, str], ...]
    describes: Any
    purpose: Any


def _owned(value: str, owner: _Owner) -> Callable[[Spans, bytes, SentenceScope], Hit]:
    """The value; in a description of its owner, with its clause opening at the owner, and
    settled (no forecast) in the owner's purpose."""

    def interpret(spans: Spans, data: bytes, scope: SentenceScope) -> Hit:
        start = spans[0][0]
        last = None
        for found in iter_spans(owner.regex, data[:start]):
            if all(found[group][0] < 0 or scope.names(reference) for group, reference in owner.refs):
                last = found[0]
        if last is None:
            return Hit(value, spans[0], spans[0])
        between = data[last[1] : start]
        if owner.purpose is not None and search(owner.purpose, between):
            return Hit(value, spans[0], spans[0], clause_start=last[0], settled=True)
        if _adjacent(between) or (owner.describes is not None and search(owner.describes, between)):
            return Hit(value, spans[0], spans[0], clause_start=last[0])
        return Hit(value, spans[0], spans[0])

    return interpret
