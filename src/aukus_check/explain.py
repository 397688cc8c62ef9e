"""Explain: every candidate match of one field in an article, and why it was kept or dropped.

A rule author's view of the engine. Besides the candidates the report is built from, it
scans the lines set aside as page furniture, so a rule that "misses" a value there can be
told apart from one that never matched.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from aukus_check.corpus import Article
from aukus_check.engine import Candidate, article_claims, scan_article
from aukus_check.models import Cue, ExtractorRef, Modality, TypedValue
from aukus_check.rules import RuleSet
from aukus_check.sentences import split_sentences


class Explanation(BaseModel):
    """One candidate: where it matched, which rule, what it read, and the verdict."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    article: str
    path: str
    line: int
    column: int
    text: str
    sentence: str
    rule: ExtractorRef
    value: str | None
    detail: TypedValue | None
    modality: Modality | None
    hedged: bool
    cues: tuple[Cue, ...]
    kept: bool
    reason: str | None


def explain_article(article: Article, rules: RuleSet, field_id: str) -> list[Explanation]:
    """Every candidate of one field in one article, in text order, furniture included."""
    found = [
        _explained(article, candidate, None) for candidate in _field(scan_article(article, rules), field_id)
    ]
    found.extend(_metadata(article, rules, field_id))
    furniture = dataclasses.replace(article, sentences=tuple(_furniture_sentences(article)))
    reasons = {
        line: item.reason
        for item in article.info.furniture
        for line in range(item.start_line, item.end_line + 1)
    }
    for candidate in _field(scan_article(furniture, rules), field_id):
        line, _ = article.index.position(candidate.span[0])
        found.append(_explained(article, candidate, f"in page furniture ({reasons.get(line, 'furniture')})"))
    return sorted(found, key=lambda e: (e.line, e.column, e.rule.line, e.rule.column))


def _field(candidates: Iterator[Candidate], field_id: str) -> Iterator[Candidate]:
    return (c for c in candidates if c.probe.field_id == field_id)


def _furniture_sentences(article: Article) -> Iterator[tuple[int, int]]:
    for item in article.info.furniture:
        start = article.index.line_bounds(item.start_line)[0]
        end = article.index.line_bounds(item.end_line)[1]
        yield from split_sentences(article.text, start, end)


def _metadata(article: Article, rules: RuleSet, field_id: str) -> Iterator[Explanation]:
    for claim_field, claim in article_claims(article, rules):
        if claim_field == field_id:
            evidence = claim.evidence
            yield Explanation(
                article=evidence.article,
                path=evidence.path,
                line=evidence.line,
                column=evidence.column,
                text=evidence.text,
                sentence=evidence.sentence,
                rule=claim.extractor,
                value=claim.value,
                detail=claim.detail,
                modality=claim.modality,
                hedged=False,
                cues=(),
                kept=True,
                reason=None,
            )


def _explained(article: Article, candidate: Candidate, furniture: str | None) -> Explanation:
    line, column = article.index.position(candidate.span[0])
    assessment = candidate.assessment
    reason = furniture or candidate.dropped
    return Explanation(
        article=article.info.id,
        path=article.info.path,
        line=line,
        column=column,
        text=article.text[candidate.span[0] : candidate.span[1]],
        sentence=article.text[candidate.sentence[0] : candidate.sentence[1]],
        rule=candidate.probe.extractor,
        value=candidate.value,
        detail=candidate.detail,
        modality=assessment.modality if assessment is not None else None,
        hedged=assessment.hedged if assessment is not None else False,
        cues=assessment.cues if assessment is not None else (),
        kept=reason is None,
        reason=reason,
    )
