"""`published`: the article's own publication date, from its front matter or its dateline.

    - kind: published

The value is the date as far as the article states it ("2024-03-04", or "--05-12" when the
dateline gives no year); the evidence is the line it was read from. It reads metadata the
corpus reader has already parsed, so it costs nothing per sentence.
"""

from __future__ import annotations

from typing import Any, Literal

from aukus_check.extractors.base import ArticleHit, ArticleProbe, CompileContext, ExtractorSpec
from aukus_check.models import DateValue, ExtractorRef, PartialDate

KIND = "published"


class Spec(ExtractorSpec):
    """Reads the publication date; takes no options of its own."""

    kind: Literal["published"]


def compile_probes(
    spec: Spec, context: CompileContext, extractor: ExtractorRef, priority: int
) -> list[ArticleProbe]:
    """One article-level probe for the field."""
    if context.field_type != "date":
        raise context.error(
            f"a published extractor belongs in a date field, not a {context.field_type} field"
        )
    if spec.context or spec.unless or spec.unless_before:
        raise context.error("a published extractor reads metadata: 'context' and 'unless' do not apply")
    return [ArticleProbe(context.field_id, extractor, _extract)]


def date_value(date: PartialDate, raw: str) -> DateValue:
    """A publication date as a typed date: an interval when its year is known."""
    days = date.days()
    if days is None:
        return DateValue(raw=raw, resolved=False, precision=None, start=None, end=None)
    return DateValue(
        raw=raw, resolved=True, precision=date.precision, start=days[0].isoformat(), end=days[1].isoformat()
    )


def _extract(article: Any) -> list[ArticleHit]:
    published = article.info.published
    if published is None or published.inferred:  # the field is what the article states (written.py)
        return []
    start = article.index.offset(published.line, published.column)
    return [
        ArticleHit(
            value=published.date.iso,
            span=(start, start + len(published.text)),
            detail=date_value(published.date, published.text),
        )
    ]
