"""`--format table`: the terminal report (rich), and the per-field detail view of `--field`.

Every piece of article or rules text goes through `printable`/`one_line` and into a rich
`Text`, never into a markup string: "[bold red]" in an article prints as those characters,
and control codes print as visible escapes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from aukus_check.compare import POLARITY_OF
from aukus_check.models import (
    STATUS_ORDER,
    ArticleInfo,
    Claim,
    DateValue,
    FieldResult,
    QuantityValue,
    Report,
    Stance,
)
from aukus_check.render import RenderOptions, article_labels
from aukus_check.safe_text import one_line

MAX_ARTICLE_COLUMNS = 8
"""Beyond this many articles (or when the terminal is too narrow for one column each) the
table lists each value with the articles that state it."""
MAX_LISTED_ARTICLES = 30
"""Beyond this many articles, values show how many articles state them instead of labels."""
_NO_VALUE = "—"
_STATUS_STYLE = {
    "conflict": "bold red",
    "time_separated": "magenta",
    "agree": "green",
    "single": "yellow",
    "per_article": "cyan",
    "silent": "dim",
}


def claim_label(claim: Claim, field: FieldResult) -> tuple[str, str]:
    """How one claim reads in a table cell: the value, and its modality when it matters."""
    if POLARITY_OF[claim.modality] == "denied":
        return f"not {claim.value}", ""
    if field.type == "set" or claim.modality == "asserted":
        return claim.value, ""
    return claim.value, f" ({claim.modality})"


def _distinct(labels: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: dict[tuple[str, str], None] = {}
    for label in labels:
        seen.setdefault(label, None)
    return list(seen)


def _cell(field: FieldResult, article_id: str) -> Text:
    labels = _distinct(claim_label(c, field) for c in field.claims if c.evidence.article == article_id)
    if not labels:
        return Text(_NO_VALUE, style="dim")
    separator = ", " if field.type == "set" else "\n"
    cell = Text()
    for position, (value, modality) in enumerate(labels):
        if position:
            cell.append(separator)
        cell.append(one_line(value))
        cell.append(modality, style="dim")
    return cell


def _status(status: str) -> Text:
    return Text(status, style=_STATUS_STYLE[status])


def _ordered(fields: Iterable[FieldResult]) -> list[FieldResult]:
    indexed = list(enumerate(fields))
    return [field for _, field in sorted(indexed, key=lambda item: (STATUS_ORDER[item[1].status], item[0]))]


def summary_line(report: Report) -> str:
    """The one-line summary: articles, fields, conflicts, agreements, single-source, silent."""
    s = report.summary
    return (
        f"{s.articles} articles · {s.fields} fields · {s.conflicts} conflicts · "
        + (f"{s.time_separated} time-separated · " if s.time_separated else "")
        + f"{s.agreements} agreements · {s.single_source} single-source · {s.silent} silent"
    )


def _heading(report: Report) -> Text:
    return Text.assemble(
        ("aukus-check", "bold"),
        f" · {one_line(report.rules.title)} (rules {one_line(report.rules.version)})",
        f" · corpus {one_line(report.corpus.path)}"
        + (" (the bundled sample)" if report.corpus.bundled else ""),
    )


def _published(article: ArticleInfo) -> str:
    return article.published.date.iso if article.published else "unknown"


def _legend(report: Report) -> Table:
    labels = article_labels(report)
    legend = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    legend.add_column("")
    legend.add_column("article")
    legend.add_column("published")
    legend.add_column("title")
    for article in report.articles:
        legend.add_row(
            labels[article.id],
            Text(one_line(article.id)),
            Text(_published(article)),
            Text(one_line(article.title)),
        )
    return legend


def _grid_width(report: Report) -> int:
    """Columns the per-article grid needs so that no value has to be cut mid-word."""
    widths = [max(len(field.id) for field in report.fields), max(len(f.status) for f in report.fields)]
    for article in report.articles:
        words = [word for field in report.fields for word in _cell(field, article.id).plain.split()]
        widths.append(max((len(word) for word in words), default=1))
    return sum(widths) + 3 * len(widths) + 1


def compatible_reason(field: FieldResult) -> str | None:
    """Why a field whose articles state different values still agrees, in one line."""
    if field.status != "agree":
        return None
    values = list(dict.fromkeys(one_line(stance.label) for stance in field.stances))
    if len(values) < 2:
        return None
    if field.type == "set":
        return "(elements of one set: stating one denies no other)"
    listed = ", ".join(values[:-1]) + " and " + values[-1]
    if field.type in ("date", "quantity"):
        return f"({listed} overlap: read as intervals, they can all be true)"
    return f"({listed} are compatible under this field's rules)"


def _listed(articles: tuple[str, ...], labels: dict[str, str], listed: bool) -> str:
    return ", ".join(labels[a] for a in articles) if listed else f"×{len(articles)}"


def _stance_line(stance: Stance, labels: dict[str, str], listed: bool) -> str:
    """One value and the articles that state it: "joined (expected): A3, A4"."""
    return f"{one_line(stance.label)}: {_listed(stance.articles, labels, listed)}"


def _list_width(report: Report, labels: dict[str, str], listed: bool) -> int:
    """Columns the field-by-field table needs so that no word of a value has to be cut (a value
    may wrap between its words)."""
    ids = max(len(field.id) for field in report.fields)
    states = max(len(field.status) for field in report.fields)
    words = [
        word for f in report.fields for s in f.stances for word in _stance_line(s, labels, listed).split()
    ]
    silent = [word for f in report.fields for word in _listed(f.silent, labels, listed).split()]
    longest = max((len(word) for word in words), default=1)
    return ids + states + longest + max((len(word) for word in silent), default=1) + 3 * 4 + 1


def _stacked(fields: list[FieldResult], labels: dict[str, str], listed: bool) -> RenderableType:
    """Field by field, one value per line: what fits a narrow terminal without cutting a word."""
    parts: list[RenderableType] = []
    for field in fields:
        parts.append(Text.assemble((one_line(field.id), "bold"), " · ", _status(field.status)))
        parts.extend(_indented(Text(_stance_line(stance, labels, listed)), 1) for stance in field.stances)
        reason = compatible_reason(field)
        if reason is not None:
            parts.append(_indented(Text(reason, style="dim"), 1))
        if field.silent:
            parts.append(_indented(Text(f"silent: {_listed(field.silent, labels, listed)}", style="dim"), 1))
    return Group(*parts)


def _table(
    report: Report, fields: list[FieldResult], labels: dict[str, str], listed: bool, grid: bool
) -> Table:
    """One row per field: a column per article (grid), or the values with their articles."""
    table = Table(show_lines=True, header_style="bold")
    table.add_column("field", no_wrap=True)
    table.add_column("status", no_wrap=True)
    if grid:
        for article in report.articles:
            table.add_column(labels[article.id], overflow="fold")
    else:
        table.add_column("values (articles)", overflow="fold")
        table.add_column("silent", overflow="fold")
    for field in fields:
        row: list[RenderableType] = [Text(field.id), _status(field.status)]
        if grid:
            row.extend(_cell(field, article.id) for article in report.articles)
        else:
            stances = [_stance_line(s, labels, listed) for s in field.stances]
            cell = Text("\n".join(stances)) if stances else Text(_NO_VALUE, style="dim")
            reason = compatible_reason(field)
            if reason is not None:
                cell.append("\n" + reason, style="dim")
            row.append(cell)
            row.append(Text(_listed(field.silent, labels, listed) if field.silent else _NO_VALUE))
        table.add_row(*row)
    return table


def _overview(report: Report, width: int, statuses: frozenset[str] | None = None) -> RenderableType:
    labels = article_labels(report)
    listed = len(report.articles) <= MAX_LISTED_ARTICLES
    grid = len(report.articles) <= MAX_ARTICLE_COLUMNS and _grid_width(report) <= width
    fields = [field for field in _ordered(report.fields) if statuses is None or field.status in statuses]
    # the key first: a reader meets "A3" in the rows knowing which article it is
    parts: list[RenderableType] = [_heading(report)]
    if listed:
        parts.append(_legend(report))
    if not grid and _list_width(report, labels, listed) > width:
        parts.append(_stacked(fields, labels, listed))  # too narrow for a table of whole values
    else:
        parts.append(_table(report, fields, labels, listed, grid))
    if statuses is not None and not fields:
        parts.append(Text(f"no field is {' or '.join(sorted(statuses))}"))
    parts.append(Text(summary_line(report), style="bold"))
    return Group(*parts)


def _quote(claim: Claim) -> Text:
    """The sentence on one line, in quotation marks, with the matched text emphasised."""
    evidence = claim.evidence
    sentence = evidence.sentence
    start = evidence.start - evidence.sentence_start
    end = evidence.end - evidence.sentence_start
    pieces = [sentence[:start], sentence[start:end], sentence[end:]]
    before, match, after = (one_line(piece) for piece in pieces)
    gap_before = " " if before and pieces[0][-1:].isspace() else ""
    gap_after = " " if after and pieces[2][:1].isspace() else ""
    return Text.assemble("“", before, gap_before, (match, "bold underline"), gap_after, after, "”")


def _indented(renderable: RenderableType, level: int) -> RenderableType:
    """Indent every wrapped line, not just the first."""
    return Padding(renderable, (0, 0, 0, 2 * level), expand=False)


def _detail(report: Report, field: FieldResult) -> RenderableType:
    labels = article_labels(report)
    titles = {article.id: article for article in report.articles}
    parts: list[RenderableType] = [
        Text.assemble((one_line(field.id), "bold"), " — ", one_line(field.label)),
        Text(
            f"type {field.type}"
            + (f" · vocabulary: {', '.join(field.vocabulary)}" if field.vocabulary else "")
        ),
        Text.assemble("status: ", _status(field.status)),
    ]
    plain = [pair for pair in field.conflicts if pair.kind == "conflict"]
    separated = [pair for pair in field.conflicts if pair.kind == "time_separated"]
    if plain:
        parts.append(Text("conflicting stances:", style="bold"))
        for pair in plain:
            left = ", ".join(labels[a] for a in pair.left_articles)
            right = ", ".join(labels[a] for a in pair.right_articles)
            parts.append(_indented(Text(f"{pair.left} ({left})  ×  {pair.right} ({right})"), 1))
    if separated:
        parts.append(
            Text("time-separated (articles published far apart; both can have been true):", style="bold")
        )
        for pair in separated:
            left = ", ".join(
                f"{labels[a]} {d}" for a, d in zip(pair.left_articles, pair.left_published, strict=False)
            )
            right = ", ".join(
                f"{labels[a]} {d}" for a, d in zip(pair.right_articles, pair.right_published, strict=False)
            )
            parts.append(_indented(Text(f"{pair.left} ({left})  →  {pair.right} ({right})"), 1))
    if field.stances:
        parts.append(Text("compatible groups:", style="bold"))
        for stance in sorted(field.stances, key=lambda s: s.group):
            articles = ", ".join(labels[a] for a in stance.articles)
            parts.append(_indented(Text(f"group {stance.group}: {stance.label} — {articles}"), 1))
    if field.coverage:
        parts.append(Text("coverage:", style="bold"))
        for element in field.coverage:
            included = ", ".join(labels[a] for a in element.included) or _NO_VALUE
            excluded = ", ".join(labels[a] for a in element.excluded) or _NO_VALUE
            parts.append(
                _indented(Text(f"{element.element}: included by {included}; excluded by {excluded}"), 1)
            )
    parts.append(Text("evidence:", style="bold"))
    current = None
    for claim in field.claims:
        evidence = claim.evidence
        if evidence.article != current:
            current = evidence.article
            article = titles[current]
            heading = Text.assemble(
                (labels[current], "bold"),
                f" {one_line(current)} · ",
                one_line(article.title),
                f" · published {_published(article)}",
            )
            parts.append(_indented(heading, 1))
        where = f"{one_line(evidence.path)}:{evidence.line}:{evidence.column}"
        hedge = ", hedged" if claim.hedged else ""
        rule = f"{one_line(claim.extractor.name)} ({one_line(report.rules.path)}:{claim.extractor.line})"
        parts.append(
            _indented(
                Text.assemble((claim.value, "bold"), f" · {claim.modality}{hedge} · {where} · rule {rule}"),
                2,
            )
        )
        parts.append(_indented(_quote(claim), 3))
        interval = _interval(claim)
        if interval:
            parts.append(_indented(Text(interval, style="dim"), 3))
        if claim.cues:
            cues = "; ".join(f"{cue.kind} “{one_line(cue.text)}”" for cue in claim.cues)
            parts.append(_indented(Text(f"cues: {cues}", style="dim"), 3))
    if not field.claims:
        parts.append(_indented(Text("(no article states this field)", style="dim"), 1))
    silent = ", ".join(labels[a] for a in field.silent)
    parts.append(Text(f"silent: {silent or _NO_VALUE}"))
    return Group(*parts)


def _interval(claim: Claim) -> str | None:
    """What a typed value stands for: a date's days, a quantity's bounds, or why it is unplaced."""
    detail = claim.detail
    if isinstance(detail, DateValue):
        if not detail.resolved:
            raw = one_line(detail.raw)
            return f"unresolved: “{raw}” needs the publication date, with its year, to be placed"
        relative = f", resolved against publication {detail.relative_to}" if detail.relative_to else ""
        return f"interval: {detail.start} – {detail.end}{relative}"
    if isinstance(detail, QuantityValue):
        low = "−∞" if detail.low is None else f"{detail.low:,.15g}"
        high = "∞" if detail.high is None else f"{detail.high:,.15g}"
        return f"interval: {low} – {high}{' ' + detail.unit if detail.unit else ''} ({detail.qualifier})"
    return None


def render(report: Report, options: RenderOptions) -> bytes:
    """The overview table, one field's detail (options.field), or check's verdict (options.gate)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        legacy_windows=False,
    )
    if options.gate is not None:  # `check`: the verdict, with every unresolved conflict's quotes
        from aukus_check.render.gate_table import verdict

        console.print(verdict(report, options.gate))
    elif options.field is not None:
        result = report.field(options.field)
        assert result is not None, "the caller checks the field id"
        console.print(_detail(report, result))
    else:
        console.print(_overview(report, options.width, options.statuses))
    text = buffer.getvalue()
    if not options.color:  # rich pads wrapped lines to the width; files and pipes need no padding
        text = "".join(line.rstrip() + "\n" for line in text.splitlines())
    return text.encode("utf-8")
