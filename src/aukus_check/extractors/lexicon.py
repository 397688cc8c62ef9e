"""`lexicon`: phrases and their synonyms, each list mapped to one canonical value.

    - kind: lexicon
      terms:
        ai: [artificial intelligence, {text: AI, case_sensitive: true}, machine learning]
        cyber: ["cyber*"]

Phrases match as whole words and case-insensitively unless told otherwise; spacing and
hyphens are forgiving (see `phrases`). One probe per value, so the value is known from
which probe matched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from aukus_check.extractors.base import CompileContext, ExtractorSpec, Hit, Probe, SentenceScope
from aukus_check.extractors.phrases import phrase_regex
from aukus_check.models import ExtractorRef
from aukus_check.re2_spans import Spans

KIND = "lexicon"


class Term(BaseModel):
    """A phrase with its own case rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    case_sensitive: bool


class Spec(ExtractorSpec):
    """Canonical values and the phrases that express them."""

    kind: Literal["lexicon"]
    terms: dict[str, list[str | Term]] = Field(description="Vocabulary value to its phrases.")
    case_sensitive: bool = False
    whole_words: bool = True


def compile_probes(
    spec: Spec, context: CompileContext, extractor: ExtractorRef, priority: int
) -> list[Probe]:
    """Compile one probe per canonical value."""
    if not spec.terms:
        raise context.error("a lexicon needs at least one value under 'terms'", ("terms",))
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
        regex = context.compile(source, ("terms", value), case_sensitive=True)
        probes.append(
            Probe(
                field_id=context.field_id,
                extractor=extractor,
                priority=priority,
                source=source,
                case_sensitive=True,
                regex=regex,
                interpret=_fixed(value),
            )
        )
    return probes


def _fixed(value: str) -> Callable[[Spans, bytes, SentenceScope], Hit]:
    def interpret(spans: Spans, data: bytes, scope: SentenceScope) -> Hit:
        return Hit(value, spans[0], spans[0])

    return interpret
