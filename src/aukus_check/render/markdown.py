"""`export --format markdown`: the briefing an analyst hands over, as CommonMark with tables.

The briefing reads top-down like a written one: what was checked, the conflicts (each
competing value, the articles behind it and a quote from each), the agreements, the claims
only one article makes, a coverage matrix of fields by articles, and the sources. Every value
is followed by its citation "(A4, line 3)": an article label from the Sources table and the
line of that article the quote is on. Quotes are the article's own words, shortened only by
cutting (an ellipsis marks each cut), so every fragment can be found verbatim at its line.

Everything taken from the report (article text, titles, paths, rules labels and values)
goes through markdown_text.escape, so no article can open a link, an image, HTML or a code
span, or break a table. Nothing depends on the clock or the machine: the "prepared" date is
shown only when the caller gives one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from aukus_check import __version__
from aukus_check.compare import POLARITY_OF
from aukus_check.markdown_text import escape, escape_inline, fold
from aukus_check.models import (
    STATUS_ORDER,
    ArticleInfo,
    Claim,
    FieldResult,
    PartialDate,
    Polarity,
    Report,
    Stance,
)
from aukus_check.render import RenderOptions, ResolutionNote, article_labels

MAX_QUOTE = 260
"""Characters of a quote before it is cut around the matched words."""
MAX_QUOTED_ARTICLES = 5
"""Articles quoted under one value of a conflict; the rest are cited by line only."""
MAX_LISTED = 20
"""Article labels or citations listed in one place before the rest are counted ("and 980 more")."""
MATRIX_ARTICLES = 6
"""Article columns per coverage table, so each table fits a printed page."""
SHORT_TITLE = 80
"""Characters of a title where it is repeated (under a value, in the coverage legend)."""
SILENCE = "—"
COVERAGE_HEADER = "Fact"
"""First header cell of a coverage table (the HTML page styles those tables by it)."""
SOURCES_HEADER = "Article"
"""First header cell of the sources table."""
_ELLIPSIS = "…"
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_STATUS_WORDS = {
    "conflict": "conflict",
    "time_separated": "changed over time",
    "agree": "agree",
    "single": "one source",
    "per_article": "per article",
    "silent": "silent",
}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACE = re.compile(r"\s")


# --- words ----------------------------------------------------------------------------------


def value_words(value: str) -> str:
    """A vocabulary value as words: "under_consideration" -> "under consideration"."""
    return value.replace("_", " ").strip() or value


def stance_words(value: str, polarity: Polarity) -> str:
    """A value with its polarity in words: "joined", "joined (expected)", "not joined"."""
    words = value_words(value)
    if polarity == "expected":
        return f"{words} (expected)"
    if polarity == "denied":
        return f"not {words}"
    return words


def date_words(date: PartialDate) -> str:
    """A partial date as a reader writes it: "4 March 2024", "March 2024", "12 May, year not stated"."""
    parts = []
    if date.day is not None:
        parts.append(str(date.day))
    if date.month is not None:
        parts.append(_MONTHS[date.month - 1])
    if date.year is not None:
        parts.append(str(date.year))
        return " ".join(parts)
    return " ".join(parts) + ", year not stated"


def _date_key(date: PartialDate) -> tuple[int, int, int]:
    return (date.year or 0, date.month or 0, date.day or 0)


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def _and(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _published(article: ArticleInfo) -> str:
    return date_words(article.published.date) if article.published else "undated"


def _outlet(article: ArticleInfo) -> str:
    return escape(article.outlet) if article.outlet else "outlet not stated"


def _short_title(title: str) -> str:
    """The title, cut at a word with an ellipsis if longer than SHORT_TITLE."""
    text = fold(title.strip())
    if len(text) <= SHORT_TITLE:
        return text
    cut = text.rfind(" ", 0, SHORT_TITLE)
    return text[: cut if cut > 0 else SHORT_TITLE].rstrip() + _ELLIPSIS


# --- quotes and citations -------------------------------------------------------------------


@dataclass(frozen=True)
class _Excerpt:
    """A cut of a claim's sentence around its match, as offsets into the sentence."""

    start: int
    end: int
    first_line: int
    last_line: int


def _line_of(claim: Claim, offset: int) -> int:
    """The article line of an offset into the claim's sentence."""
    return claim.evidence.sentence_line + len(_LINE_BREAK.findall(claim.evidence.sentence[:offset]))


def _excerpt(claim: Claim) -> _Excerpt:
    """The whole sentence if short; otherwise whole words around the match, up to MAX_QUOTE."""
    evidence = claim.evidence
    sentence = evidence.sentence
    match_start = evidence.start - evidence.sentence_start
    match_end = evidence.end - evidence.sentence_start
    start, end = 0, len(sentence)
    if len(fold(sentence.strip())) > MAX_QUOTE:
        spare = max(MAX_QUOTE - (match_end - match_start), 0)
        before = min(spare // 2, match_start)
        after = spare - before
        start = match_start - before
        end = min(match_end + after, len(sentence))
        if end == len(sentence):  # the match is near the end: give the unused room to the left
            start = max(match_start - (spare - (end - match_end)), 0)
        if start > 0:  # begin at a word: skip the part of a word the cut went through
            space = _SPACE.search(sentence, start, match_start)
            start = space.end() if space else match_start
        if end < len(sentence):  # end at a word: the last space within reach
            spaces = [m.start() for m in _SPACE.finditer(sentence, match_end, end)]
            end = spaces[-1] if spaces else match_end
    while start < match_start and sentence[start].isspace():
        start += 1
    if end < len(sentence):  # "by Australia,…" reads as a slip; the cut drops the comma too
        while end > match_end and (sentence[end - 1].isspace() or sentence[end - 1] in ",;:"):
            end -= 1
    while end > match_end and sentence[end - 1].isspace():
        end -= 1
    return _Excerpt(start, end, _line_of(claim, start), _line_of(claim, max(end - 1, start)))


def _core(text: str) -> tuple[int, int]:
    """The span of text from its first to its last letter or digit (empty if it has none)."""
    first = next((i for i, ch in enumerate(text) if ch.isalnum()), len(text))
    last = next((i for i in range(len(text) - 1, -1, -1) if text[i].isalnum()), -1)
    return (first, last + 1) if first <= last else (len(text), len(text))


def citation(label: str, first_line: int, last_line: int) -> str:
    """ "(A4, line 3)", or "(A4, lines 3–4)" when the quote runs over a line break."""
    if first_line == last_line:
        return f"({label}, line {first_line})"
    return f"({label}, lines {first_line}–{last_line})"


def quote(claim: Claim, label: str) -> str:
    """The claim's words in quotation marks, the matched words in bold, and the citation."""
    evidence = claim.evidence
    sentence = evidence.sentence
    cut = _excerpt(claim)
    match_start = evidence.start - evidence.sentence_start
    match_end = evidence.end - evidence.sentence_start
    # Bold only from the match's first to its last letter or digit: "**" next to punctuation
    # may not open or close emphasis in CommonMark, and would then show as asterisks.
    core_start, core_end = _core(sentence[match_start:match_end])
    bold_start, bold_end = match_start + core_start, match_start + core_end
    pieces = [
        escape_inline(sentence[cut.start : bold_start]),
        f"**{escape_inline(sentence[bold_start:bold_end])}**" if bold_end > bold_start else "",
        escape_inline(sentence[bold_end : cut.end]),
    ]
    opening = _ELLIPSIS if cut.start > 0 else ""
    closing = _ELLIPSIS if cut.end < len(sentence) else ""
    where = citation(label, cut.first_line, cut.last_line)
    return f"“{opening}{''.join(pieces)}{closing}” {where}"


def _modality(claim: Claim) -> str:
    return f"*{claim.modality}, hedged*" if claim.hedged else f"*{claim.modality}*"


def _quote_item(claim: Claim, label: str) -> str:
    return f"{_modality(claim)}: {quote(claim, label)}"


# --- the parts of a briefing ----------------------------------------------------------------


_StanceKey = tuple[str, str, str]
"""(value, polarity, article id)."""


@dataclass(frozen=True)
class _Context:
    report: Report
    options: RenderOptions
    labels: dict[str, str]
    articles: dict[str, ArticleInfo]
    order: dict[str, int]
    claims: dict[str, dict[_StanceKey, list[Claim]]]
    """Field id -> each stance's claims per article, indexed once: a corpus has many thousands."""

    def stance_claims(self, field: FieldResult, stance: Stance, article_id: str) -> list[Claim]:
        """The claims of one article that make up its part of a stance, in text order."""
        index = self.claims.get(field.id)
        if index is None:
            index = {}
            for claim in field.claims:
                key = (claim.value, POLARITY_OF[claim.modality], claim.evidence.article)
                index.setdefault(key, []).append(claim)
            self.claims[field.id] = index
        return index[(stance.value, stance.polarity, article_id)]

    def cite(self, claim: Claim) -> str:
        """The citation alone, for a claim shown without its quote."""
        cut = _excerpt(claim)
        return citation(self.labels[claim.evidence.article], cut.first_line, cut.last_line)

    def article_line(self, article_id: str) -> str:
        """Label, title, outlet and date of an article, for a list item."""
        article = self.articles[article_id]
        title = escape(_short_title(article.title))
        return f"**{self.labels[article_id]}**, *{title}* ({_outlet(article)}; {_published(article)})"

    def label_list(self, article_ids: Sequence[str]) -> str:
        """ "A1, A4"; past MAX_LISTED, "A1, …, A20 and 980 more"."""
        return _listed([self.labels[a] for a in article_ids])


def _listed(items: Sequence[str]) -> str:
    shown = ", ".join(items[:MAX_LISTED])
    return shown if len(items) <= MAX_LISTED else f"{shown} and {len(items) - MAX_LISTED} more"


def _words(stance: Stance, field: FieldResult) -> str:
    """A stance in prose, with the registry's name for an office or a person where there is one."""
    value = field.value_labels.get(stance.value)
    if value is None:
        return escape(stance_words(stance.value, stance.polarity))
    if stance.polarity == "expected":
        return escape(f"{value} (expected)")
    return escape(f"not {value}" if stance.polarity == "denied" else value)


def _ordered(fields: Iterable[FieldResult], status: str) -> list[FieldResult]:
    return [field for field in fields if field.status == status]


def _heading(report: Report, options: RenderOptions) -> list[str]:
    lines = [f"# Briefing: {escape(report.rules.title)}", ""]
    if options.date is not None:
        day = options.date
        lines += [f"Prepared {day.day} {_MONTHS[day.month - 1]} {day.year}.", ""]
    return lines


def _dates_sentence(articles: Sequence[ArticleInfo]) -> str:
    """ "Publication dates: 1 dated 4 March 2024, 1 without a year and 3 undated."."""
    dated = sorted(
        (a.published.date for a in articles if a.published and a.published.date.year is not None),
        key=_date_key,
    )
    yearless = sum(1 for a in articles if a.published and a.published.date.year is None)
    undated = sum(1 for a in articles if not a.published)
    parts = []
    if dated:
        first, last = date_words(dated[0]), date_words(dated[-1])
        parts.append(f"{len(dated)} dated {first if first == last else f'from {first} to {last}'}")
    if yearless:
        parts.append(f"{yearless} dated without a year")
    if undated:
        parts.append(f"{undated} undated")
    return f"Publication dates: {_and(parts)}."


def _checked(report: Report) -> list[str]:
    corpus = report.corpus
    where = " (the sample corpus bundled with aukus-check)" if corpus.bundled else ""
    summary = report.summary
    findings = f"conflict on {_count(summary.conflicts, 'fact')} and agree on {summary.agreements}"
    if summary.single_source:
        rests = "rests" if summary.single_source == 1 else "rest"
        findings += f"; {_count(summary.single_source, 'fact')} {rests} on a single article"
    if summary.silent:
        findings += f"; {summary.silent} {'is' if summary.silent == 1 else 'are'} stated by none"
    return [
        "## What was checked",
        "",
        f"- **Articles:** {_count(len(report.articles), 'article')} from {escape(corpus.path)}{where}. "
        f"{_dates_sentence(report.articles)}",
        f"- **Rules:** {escape(report.rules.title)}, version {escape(report.rules.version)} "
        f"({escape(report.rules.path)}), which define {_count(len(report.fields), 'fact')} to look for.",
        f"- **Method:** aukus-check {escape(__version__)} read every fact from every article, sentence "
        "by sentence, and compared the values. A value is *asserted* when the article states it, "
        "*reported* when it attributes it to a source, *expected* when it is a forecast, and "
        "*denied* when the article negates it.",
        "",
        f"**In brief:** the articles {findings}. Each quote is followed by the article's label and "
        "the line it is on; the labels are listed under Sources.",
        "",
    ]


def _resolution(note: ResolutionNote | None) -> str:
    if note is None:
        return "**Resolution:** none recorded."
    return (
        f"> **Resolution** (recorded by {escape(note.by)}, {escape(note.date)}): {escape(note.decision)}. "
        f"*Rationale:* {escape(note.rationale)}"
    )


def _citations(context: _Context, field: FieldResult, stance: Stance, article_ids: Sequence[str]) -> str:
    """Where each article states the stance (its first claim), up to MAX_LISTED of them."""
    cited = [context.cite(context.stance_claims(field, stance, a)[0]) for a in article_ids[:MAX_LISTED]]
    rest = len(article_ids) - len(cited)
    return ", ".join(cited) + (f" and {rest} more" if rest else "")


def _stance_block(context: _Context, field: FieldResult, stance: Stance, heading: str) -> list[str]:
    lines = [f"{heading} {_words(stance, field)}", ""]
    quoted, cited = stance.articles[:MAX_QUOTED_ARTICLES], stance.articles[MAX_QUOTED_ARTICLES:]
    for article_id in quoted:
        claims = context.stance_claims(field, stance, article_id)
        lines.append(f"- {context.article_line(article_id)}")
        lines.append(f"  - {_quote_item(claims[0], context.labels[article_id])}")
        if len(claims) > 1:
            lines.append(f"  - also stated at {_listed([context.cite(claim) for claim in claims[1:]])}")
    if cited:
        lines.append(f"- {_count(len(cited), 'more article')}: {_citations(context, field, stance, cited)}")
    lines.append("")
    return lines


def _conflict(context: _Context, field: FieldResult, number: int) -> list[str]:
    by_label = {stance.label: stance for stance in field.stances}
    against: dict[str, list[str]] = {}
    for pair in field.conflicts:
        if pair.kind == "conflict":
            against.setdefault(pair.left, []).append(pair.right)
    lines = [f"### {number}. {escape(field.label)}", ""]
    if against:
        lines += ["The articles give values that cannot all be true:", ""]
    separated = [pair for pair in field.conflicts if pair.kind == "time_separated"]
    if separated:
        if against:
            lines.append("")
        lines += [
            "The articles give different values, but were published so far apart that each can have "
            "been true when it was written:",
            "",
        ]
        for pair in separated:
            earlier = _words(by_label[pair.left], field)
            later = _words(by_label[pair.right], field)
            before = _dated(context, pair.left_articles, pair.left_published)
            after = _dated(context, pair.right_articles, pair.right_published)
            lines.append(f"- **{earlier}** ({before}), then **{later}** ({after})")
        lines.append("")
    for left, rights in against.items():
        stance = by_label[left]
        others = [
            f"**{_words(by_label[r], field)}** ({context.label_list(by_label[r].articles)})" for r in rights
        ]
        both = sorted(
            {a for r in rights for a in by_label[r].articles} & set(stance.articles),
            key=context.order.__getitem__,
        )
        note = f" ({context.label_list(both)} {'states' if len(both) == 1 else 'state'} both)" if both else ""
        words = _words(stance, field)
        lines.append(f"- **{words}** ({context.label_list(stance.articles)}) against {_and(others)}{note}")
    lines += ["", _resolution(context.options.resolutions.get(field.id)), ""]
    in_conflict = {label for pair in field.conflicts for label in (pair.left, pair.right)}
    for stance in field.stances:
        if stance.label in in_conflict:
            lines += _stance_block(context, field, stance, "####")
    compatible = [stance for stance in field.stances if stance.label not in in_conflict]
    if compatible:
        lines += ["#### Also stated, compatible with all of the above", ""]
        for stance in compatible:
            lines += _stance_block(context, field, stance, "#####")
    return lines


def _dated(context: _Context, articles: Sequence[str], dates: Sequence[str]) -> str:
    """Article labels with their publication dates: "A1, 2023-05-02; A3, 2024-04-08"."""
    return "; ".join(f"{context.labels[a]}, {escape(d)}" for a, d in zip(articles, dates, strict=False))


def _support(context: _Context, articles: Sequence[str], confirmed: bool) -> str:
    """How many articles and distinct outlets state a value, or that only one does (unconfirmed)."""
    if len(articles) == 1:
        article = context.articles[articles[0]]
        if not confirmed:
            return f"only {context.labels[article.id]} ({_outlet(article)}), so unconfirmed"
        return f"1 article ({context.labels[article.id]}), {_outlet(article)}"
    named = {context.articles[a].outlet for a in articles if context.articles[a].outlet}
    unnamed = sum(1 for a in articles if not context.articles[a].outlet)
    text = f"{_count(len(articles), 'article')} ({context.label_list(articles)})"
    if not named:
        return f"{text}, outlets not stated"
    text += f" from {_count(len(named), 'distinct outlet')}"
    if unnamed:
        text += f"; {unnamed} {'names' if unnamed == 1 else 'name'} no outlet"
    return text


def _backers(field: FieldResult, stance: Stance) -> set[str]:
    """Articles that state the stance's value: affirmed or expected count together, denials apart."""
    if stance.polarity == "denied":
        return set(stance.articles)
    return {
        a for s in field.stances if s.value == stance.value and s.polarity != "denied" for a in s.articles
    }


def _agreement(context: _Context, field: FieldResult) -> list[str]:
    lines = [f"### {escape(field.label)}", ""]
    for stance in field.stances:
        first = context.stance_claims(field, stance, stance.articles[0])[0]
        confirmed = len(_backers(field, stance)) > 1  # "ai (expected)" is confirmed by another's "ai"
        lines.append(f"- **{_words(stance, field)}**: {_support(context, stance.articles, confirmed)}")
        lines.append(f"  - {_quote_item(first, context.labels[stance.articles[0]])}")
        if len(stance.articles) > 1:
            lines.append(f"  - also stated in {_citations(context, field, stance, stance.articles[1:])}")
    silent = context.label_list(field.silent)
    if silent:
        lines += ["", f"Silent on this: {silent}."]
    return [*lines, ""]


def _single(context: _Context, field: FieldResult) -> list[str]:
    article_id = field.stances[0].articles[0]
    lines = [f"### {escape(field.label)}", "", f"Only {context.article_line(article_id)} states this.", ""]
    for stance in field.stances:
        claims = context.stance_claims(field, stance, article_id)
        lines.append(f"- **{_words(stance, field)}**, {_quote_item(claims[0], context.labels[article_id])}")
        if len(claims) > 1:
            lines.append(f"  - also stated at {', '.join(context.cite(claim) for claim in claims[1:])}")
    return [*lines, ""]


def _cells(field: FieldResult) -> dict[str, str]:
    """Article id -> what it states for the field, in words (articles that say nothing are absent)."""
    stated: dict[str, list[str]] = {}
    for stance in field.stances:
        words = _words(stance, field)
        for article_id in stance.articles:
            stated.setdefault(article_id, []).append(words)
    separator = ", " if field.type == "set" else "; "
    return {article_id: separator.join(words) for article_id, words in stated.items()}


def _matrix(context: _Context, fields: Sequence[FieldResult]) -> list[str]:
    lines = [
        "## Coverage",
        "",
        f"What each article states for each fact; {SILENCE} means the article says nothing on it.",
        "",
    ]
    cells = {field.id: _cells(field) for field in fields}
    articles = context.report.articles
    for first in range(0, len(articles), MATRIX_ARTICLES):
        chunk = articles[first : first + MATRIX_ARTICLES]
        header = [COVERAGE_HEADER, "Status", *(context.labels[a.id] for a in chunk)]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        for field in fields:
            row = [
                escape(field.label),
                _STATUS_WORDS[field.status],
                *(cells[field.id].get(a.id, SILENCE) for a in chunk),
            ]
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
        for article in chunk:
            short = escape(_short_title(article.title))
            lines.append(f"- {context.labels[article.id]}: {short} ({_published(article)})")
        lines.append("")
    return lines


def _sources(context: _Context) -> list[str]:
    lines = [
        "## Sources",
        "",
        f"| {SOURCES_HEADER} | Title | Outlet | Published | Cites | File |",
        "|---|---|---|---|---|---|",
    ]
    for article in context.report.articles:
        cites = ", ".join(escape(source.name) for source in article.sources) or SILENCE
        row = [
            f"**{context.labels[article.id]}**",
            escape(article.title),
            escape(article.outlet) if article.outlet else "not stated",
            _published(article),
            cites,
            escape(article.path),
        ]
        lines.append("| " + " | ".join(row) + " |")
    return [*lines, ""]


def _diagnostics(report: Report) -> list[str]:
    if not report.diagnostics:
        return []
    lines = ["## Notes on reading the corpus", ""]
    for diagnostic in report.diagnostics:
        where = diagnostic.path
        if diagnostic.line is not None:
            where += f":{diagnostic.line}:{diagnostic.column}"
        lines.append(f"- {escape(where)}: {escape(diagnostic.message)}")
    return [*lines, ""]


def briefing(report: Report, options: RenderOptions) -> str:
    """The whole briefing as CommonMark text (tables as in GitHub Flavored Markdown)."""
    context = _Context(
        report,
        options,
        labels=article_labels(report),
        articles={a.id: a for a in report.articles},
        order={a.id: n for n, a in enumerate(report.articles)},
        claims={},
    )
    fields = sorted(report.fields, key=lambda f: STATUS_ORDER[f.status])  # stable: rules order within
    lines = _heading(report, options) + _checked(report)

    conflicts = _ordered(fields, "conflict") + _ordered(fields, "time_separated")
    lines += ["## Key findings: conflicts", ""]
    if not conflicts:
        lines += ["No two articles conflict on any fact.", ""]
    for number, field in enumerate(conflicts, start=1):
        lines += _conflict(context, field, number)

    agreements = _ordered(fields, "agree")
    if agreements:
        lines += ["## Agreements", "", "Facts that two or more articles state compatibly.", ""]
        for field in agreements:
            lines += _agreement(context, field)

    singles = _ordered(fields, "single")
    if singles:
        lines += [
            "## Unconfirmed: stated by one article only",
            "",
            "No other article confirms these; treat them as unconfirmed.",
            "",
        ]
        for field in singles:
            lines += _single(context, field)

    silent = _ordered(fields, "silent")
    if silent:
        lines += ["## Not stated by any article", ""]
        lines += [f"- {escape(field.label)}" for field in silent]
        lines.append("")

    lines += _matrix(context, fields) + _sources(context) + _diagnostics(report)
    return "\n".join(lines).rstrip("\n") + "\n"


def render(report: Report, options: RenderOptions) -> bytes:
    """The briefing as UTF-8 Markdown."""
    return briefing(report, options).encode("utf-8")
