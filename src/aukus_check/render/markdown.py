"""`export --format markdown`: the briefing an analyst hands over, as CommonMark with tables.

The briefing puts its bottom line first, before any quote: the open conflicts, the conflicts
the ledger resolved and the value it accepted, the facts two or more independent sources
confirm, and those that rest on one source. Then the conflicts in detail, a timeline and a
coverage matrix (tables here; pictures in the HTML page), the sources, and in appendices the
quotes behind every value and the facts no article states. Every value is followed by its
citation "(A4, line 3)": an article label from the Sources table and the line of that article
the quote is on.

Everything taken from the report (article text, titles, paths, rules labels and values)
goes through markdown_text.escape, so no article can open a link, an image, HTML or a code
span, or break a table. Nothing depends on the clock or the machine: the "prepared" date is
shown only when the caller gives one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from aukus_check import __version__
from aukus_check.markdown_text import escape
from aukus_check.models import ArticleInfo, PartialDate, Report
from aukus_check.render import RenderOptions
from aukus_check.render.briefing_facts import (
    MAX_NAMED,
    Briefing,
    FactView,
    ValueView,
    and_list,
    counted,
    listed,
    plan,
)
from aukus_check.render.briefing_figures import Matrix, Timeline, matrix, stated_date, timeline
from aukus_check.render.briefing_text import (
    COVERAGE_HEADER,
    SILENCE,
    SOURCES_HEADER,
    bottom_line,
    conflicts,
    coverage_caption,
    coverage_tables,
    grades_note,
    rationale,
    sources,
    timeline_caption,
    timeline_table,
    timeline_tail,
)
from aukus_check.render.quotes import MAX_QUOTE, cite, quote, quote_item
from aukus_check.render.words import MONTHS, date_words

__all__ = [
    "COVERAGE_HEADER",
    "MAX_QUOTE",
    "SILENCE",
    "SOURCES_HEADER",
    "Figure",
    "briefing",
    "parts",
    "quote",
]

MAX_QUOTED_ARTICLES = 5
"""Articles quoted under one value; the rest are cited by line only."""
APPENDIX_QUOTES = "Appendix A: the quotes"
APPENDIX_SILENT = "Appendix B: facts no article states"


@dataclass(frozen=True)
class Figure:
    """A place for a picture: the Markdown writes its table, the HTML page draws it."""

    kind: Literal["contents", "timeline", "coverage"]
    caption: str
    """Markdown: what the picture shows."""
    text: tuple[str, ...]
    """Markdown lines: the picture as a table, for a format that cannot draw."""
    data: Timeline | Matrix | None = None
    """What a format that draws needs."""
    tail: tuple[str, ...] = ()
    """Markdown lines after the picture in a format that draws (what it could not show)."""
    drawn_caption: str = ""
    """Markdown: the caption where the picture is drawn, if it reads otherwise than the table's."""


Part = str | Figure
"""A run of Markdown, or a figure."""


def _date_key(date: PartialDate) -> tuple[int, int, int]:
    return (date.year or 0, date.month or 0, date.day or 0)


def _dates_sentence(articles: Sequence[ArticleInfo]) -> str:
    """ "published 4 March 2024 (1), without a year (1), undated (3)"."""
    stated = [date for date in map(stated_date, articles) if date is not None]
    dated = sorted((date for date in stated if date.year is not None), key=_date_key)
    yearless = sum(1 for date in stated if date.year is None)
    inferred = sum(1 for a in articles if a.published is not None and stated_date(a) is None)
    undated = sum(1 for a in articles if not a.published)
    parts = []
    if dated:
        first, last = date_words(dated[0]), date_words(dated[-1])
        parts.append(f"{len(dated)} dated {first if first == last else f'from {first} to {last}'}")
    if yearless:
        parts.append(f"{yearless} dated without a year")
    if inferred:
        parts.append(f"{inferred} with a date inferred from {'its' if inferred == 1 else 'their'} text")
    if undated:
        parts.append(f"{undated} undated")
    return f"Publication dates: {and_list(parts)}."


def _heading(briefing: Briefing) -> list[str]:
    report, options = briefing.report, briefing.options
    lines = [f"# Briefing: {escape(report.rules.title)}", ""]
    if options.date is not None:
        day = options.date
        lines += [f"Prepared {day.day} {MONTHS[day.month - 1]} {day.year}.", ""]
    corpus = report.corpus
    where = " (the sample corpus bundled with aukus-check)" if corpus.bundled else ""
    origins = {o for fact in briefing.facts for v in fact.values for o in v.origins}
    lines += [
        f"{counted(len(report.articles), 'article')} from {escape(corpus.path)}{where}, "
        f"{counted(len(origins), 'independent source')} between them. {_dates_sentence(report.articles)} "
        f"Read by aukus-check {escape(__version__)} against the rules {escape(report.rules.title)}, "
        f"version {escape(report.rules.version)} ({escape(report.rules.path)}), which define "
        f"{counted(len(report.fields), 'fact')}; a value is *asserted* when the article states it, "
        "*reported* when it attributes it, *expected* when it is a forecast, *denied* when it is negated.",
        "",
    ]
    return lines


# --- appendix: the quotes -----------------------------------------------------------------------


def _quoted_value(briefing: Briefing, fact: FactView, value: ValueView) -> list[str]:
    field = fact.field
    lines = [f"- **{escape(value.words)}** \\[{value.grade}\\]: {escape(briefing.support(value))}"]
    quoted, cited = value.articles[:MAX_QUOTED_ARTICLES], value.articles[MAX_QUOTED_ARTICLES:]
    for article_id in quoted:
        claims = briefing.claims_of(field, value, article_id)
        label = briefing.labels[article_id]
        lines.append(f"  - {quote_item(claims[0], label)}")
        if len(claims) > 1:
            lines.append(f"    - also stated at {listed([cite(claim, label) for claim in claims[1:]])}")
    if cited:
        firsts = [cite(briefing.claims_of(field, value, a)[0], briefing.labels[a]) for a in cited[:MAX_NAMED]]
        rest = len(cited) - len(firsts)
        more = f" and {rest} more" if rest else ""
        lines.append(f"  - {counted(len(cited), 'more article')}: {', '.join(firsts)}{more}")
    return lines


def _appendix(briefing: Briefing) -> list[str]:
    facts = [fact for fact in briefing.facts if fact.group != "silent"]
    lines = [
        f"## {APPENDIX_QUOTES}",
        "",
        "Every value with the words of each article that states it, in the order of the bottom "
        "line; the matched words are in bold.",
        "",
    ]
    for fact in facts:
        lines += [f"### {escape(fact.field.label)}", "", *rationale(briefing, fact)]
        for value in fact.values:
            lines += _quoted_value(briefing, fact, value)
        silent = briefing.label_list(fact.field.silent)
        lines += ["", f"Silent on this: {silent}.", ""] if silent else [""]
    return lines


def _silent(briefing: Briefing) -> list[str]:
    silent = briefing.group("silent")
    if not silent:
        return []
    return [f"## {APPENDIX_SILENT}", "", *(f"- {escape(fact.field.label)}" for fact in silent), ""]


def _diagnostics(report: Report) -> list[str]:
    if not report.diagnostics:
        return []
    lines = ["## Appendix C: notes on reading the corpus", ""]
    for diagnostic in report.diagnostics:
        where = diagnostic.path
        if diagnostic.line is not None:
            where += f":{diagnostic.line}:{diagnostic.column}"
        lines.append(f"- {escape(where)}: {escape(diagnostic.message)}")
    return [*lines, ""]


# --- the whole briefing -------------------------------------------------------------------------


def parts(report: Report, options: RenderOptions) -> list[Part]:
    """The briefing as runs of Markdown and the figures between them, in reading order."""
    found = plan(report, options)
    when = timeline(found)
    rows = matrix(found)
    return [
        "\n".join(_heading(found) + bottom_line(found) + grades_note()),
        Figure("contents", "", ()),
        "\n".join([*conflicts(found), "## Timeline", ""]),
        Figure(
            "timeline", timeline_caption(when), tuple(timeline_table(when)), when, tuple(timeline_tail(when))
        ),
        "\n".join(["## Coverage", ""]),
        Figure(
            "coverage",
            coverage_caption(),
            tuple(coverage_tables(rows)),
            rows,
            drawn_caption=coverage_caption(drawn=True),
        ),
        "\n".join(sources(found) + _appendix(found) + _silent(found) + _diagnostics(report)),
    ]


def briefing(report: Report, options: RenderOptions) -> str:
    """The whole briefing as CommonMark text (tables as in GitHub Flavored Markdown)."""
    lines: list[str] = []
    for part in parts(report, options):
        if isinstance(part, Figure):
            if part.caption:
                lines += [part.caption, ""]
            lines += part.text
        else:
            lines += [part.rstrip("\n"), ""]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip("\n") + "\n"


def render(report: Report, options: RenderOptions) -> bytes:
    """The briefing as UTF-8 Markdown."""
    return briefing(report, options).encode("utf-8")
