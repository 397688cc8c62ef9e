"""`published`: the article's own publication date, from its front matter or its dateline.

    - kind: published

The value is the date as far as the article states it ("2024-03-04", or "--05-12" when the
dateline gives no year); the evidence is the line it was read from. It reads metadata the
corpus reader has already parsed, so it costs nothing per sentence.
"""

from __future__ import annotations

import calendar
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
    if date.year is None:
        return DateValue(raw=raw, resolved=False, precision=None, start=None, end=None)
    month_first, month_last = (date.month, date.month) if date.month is not None else (1, 12)
    last_day = calendar.monthrange(date.year, month_last)[1]
    day_first, day_last = (date.day, date.day) if date.day is not None else (1, last_day)
    return DateValue(
        raw=raw,
        resolved=True,
        precision=date.precision,
        start=f"{date.year:04d}-{month_first:02d}-{day_first:02d}",
        end=f"{date.year:04d}-{month_last:02d}-{day_last:02d}",
    )


def _extract(article: Any) -> list[ArticleHit]:
    published = article.info.published
    if published is None:
        return []
    start = article.index.offset(published.line, published.column)
    return [
        ArticleHit(
            value=published.date.iso,
            span=(start, start + len(published.text)),
            detail=date_value(published.date, published.text),
        )
    ]
