"""`--format table`: the terminal report (rich), and the per-field detail view of `--field`.

By default the view reads as prose: field labels, values in words (the registry's names for
offices and people, dates as "8 April, year not stated"); `--ids` (RenderOptions.ids) shows
field ids and raw values instead. Columns wrap between words and are never narrower than their
longest word: when the words do not fit the width, the view switches to a narrower layout.

Every piece of article or rules text goes through `printable`/`one_line` and into a rich
`Text`, never into a markup string: "[bold red]" in an article prints as those characters,
and control codes print as visible escapes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from aukus_check.compare import POLARITY_OF
from aukus_check.models import (
    STATUS_ORDER,
    ArticleInfo,
    Claim,
    FieldResult,
    Report,
    Stance,
)
from aukus_check.render import RenderOptions, article_labels
from aukus_check.render.words import (
    date_value_words,
    published_span,
    stance_text,
    value_text,
    value_words,
)
from aukus_check.safe_text import one_line
from aukus_check.sources import article_origin

MAX_ARTICLE_COLUMNS = 8
"""Beyond this many articles (or when the terminal is too narrow for one column each) the
table lists each value with the articles that state it."""
MAX_LISTED_ARTICLES = 30
"""Beyond this many articles, values show how many articles state them instead of labels."""
LEGEND_TITLE = 20
"""Columns a title needs in the article key's table; narrower, the key lists article by article."""
_NO_VALUE = "—"
_STATUS_STYLE = {
    "conflict": "bold red",
    "time_separated": "magenta",
    "progressed": "blue",
    "agree": "green",
    "single": "yellow",
    "per_article": "cyan",
    "silent": "dim",
}


def claim_label(claim: Claim, field: FieldResult, ids: bool = False) -> tuple[str, str]:
    """How one claim reads in a table cell: the value, and its modality when it matters."""
    value = _value(claim.value, field, ids)
    if POLARITY_OF[claim.modality] == "denied":
        return f"not {value}", ""
    if field.type == "set" or claim.modality == "asserted":
        return value, ""
    return value, f" ({claim.modality})"


def _value(value: str, field: FieldResult, ids: bool) -> str:
    """A value as the view shows it: as the rules write it with --ids, else in words."""
    return value if ids else value_text(value, field, dates=True)


def _stance(stance: Stance, field: FieldResult, ids: bool) -> str:
    """A stance as the view shows it: its label in the report with --ids, else in words."""
    return stance.label if ids else stance_text(stance, field, dates=True)


def _name(field: FieldResult, ids: bool) -> str:
    """What names a field in the view: its id with --ids, else its label."""
    return field.id if ids else field.label


def _distinct(labels: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: dict[tuple[str, str], None] = {}
    for label in labels:
        seen.setdefault(label, None)
    return list(seen)


def _cell(field: FieldResult, article_id: str, ids: bool) -> _Cell:
    """What one article states for a field: one value a line (a set's elements run on)."""
    labels = _distinct(claim_label(c, field, ids) for c in field.claims if c.evidence.article == article_id)
    if not labels:
        return _plain(Text(_NO_VALUE, style="dim"))
    separator = ", " if field.type == "set" else "\n"
    cell = Text()
    for position, (value, modality) in enumerate(labels):
        if position:
            cell.append(separator)
        cell.append(one_line(value))
        cell.append(modality, style="dim")
    if field.type == "set":  # the commas between the elements show where each ends
        return _plain(cell)
    whole = max(cell_len(one_line(value)) for value, _ in labels)  # a value never wraps: its modality may
    return cell, max(whole, _longest_word(cell.plain))


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
        + (f"{s.progressed} progressed · " if s.progressed else "")
        + f"{s.agreements} agreements · {s.single_source} single-source · {s.silent} silent"
    )


def _heading(report: Report) -> Text:
    return Text.assemble(
        ("aukus-check", "bold"),
        f" · {one_line(report.rules.title)} (rules {one_line(report.rules.version)})",
        f" · corpus {one_line(report.corpus.path)}"
        + (" (the bundled sample)" if report.corpus.bundled else ""),
    )


def _published(article: ArticleInfo, ids: bool) -> str:
    """An article's publication date: ISO with --ids, else in words ("12 May, year not stated")."""
    published = article.published
    if published is None:
        return "unknown"
    if published.inferred:  # not stated by the article: say how far the date goes, and that it is inferred
        how = "its URL" if published.source == "url" else "its text"
        return f"{published_span(published, ids=ids)} (inferred from {how})"
    return published_span(published, ids=ids)


# --- widths: a column wraps between words, and is never narrower than its longest word --------

_Extent = tuple[int, int]
"""The least and the most a column needs, in terminal cells: its longest word (or a longer part
that must stay on one line) and its longest line."""
_Cell = tuple[Text, int]
"""A cell, and the least width that shows it without cutting a word (or a value) across lines."""


def _longest_word(text: str) -> int:
    """Terminal cells of the longest word of text (words are what rich wraps between)."""
    return max((cell_len(word) for word in text.split()), default=0)


def _plain(text: Text) -> _Cell:
    """A cell that may wrap between any of its words."""
    return text, _longest_word(text.plain)


def _extents(headers: list[str], rows: list[list[_Cell]]) -> list[_Extent]:
    """Each column's least and most width, its header included."""
    extents = []
    for index, header in enumerate(headers):
        cells = [row[index] for row in rows]
        least = max([_longest_word(header), *(least for _, least in cells)])
        lines = [header, *(line for text, _ in cells for line in text.plain.splitlines())]
        extents.append((max(least, 1), max(max(cell_len(line) for line in lines), least, 1)))
    return extents


def _boxed_overhead(columns: int) -> int:
    """Cells the boxed table spends on borders and padding: a rule and a space either side."""
    return 3 * columns + 1


def _least(extents: list[_Extent]) -> int:
    """Columns a boxed table of these columns needs so that no word has to be cut."""
    return sum(least for least, _ in extents) + _boxed_overhead(len(extents))


def _fit(extents: list[_Extent], room: int) -> list[int]:
    """Column widths within room: each column's longest line if they all fit, else the widest
    columns narrowed to one ceiling, none below its least (the caller checks that those fit)."""
    widths = [most for _, most in extents]
    if sum(widths) <= room:
        return widths

    def under(ceiling: int) -> list[int]:
        return [max(least, min(most, ceiling)) for least, most in extents]

    low, high = 0, max(widths)  # the highest ceiling at which the columns fit: a binary search
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if sum(under(middle)) <= room else (low, middle - 1)
    widths = under(low)
    spare = room - sum(widths)
    for index, (least, most) in enumerate(extents):  # what is left goes to the columns cut, in order
        if spare > 0 and least <= low < most:
            widths[index] += 1
            spare -= 1
    return widths


def _legend(report: Report, ids: bool, width: int) -> RenderableType:
    """The key to the article labels: a table, or where that would squeeze it, article by article."""
    labels = article_labels(report)
    headers = ["", "article", "published", "title"]
    rows = [
        [
            Text(labels[article.id]),
            Text(one_line(article.id)),
            Text(_published(article, ids)),
            Text(one_line(article.title)),
        ]
        for article in report.articles
    ]
    extents = _extents(headers, [[_plain(text) for text in row] for row in rows])
    # label, id and date never wrap; a title wraps between its words, in no fewer than LEGEND_TITLE
    extents = [(most, most) for _, most in extents[:3]] + [
        (max(extents[3][0], min(extents[3][1], LEGEND_TITLE)), extents[3][1])
    ]
    room = width - 2 * (len(headers) - 1)  # a space either side of each gap between columns
    if sum(least for least, _ in extents) > room:
        parts: list[RenderableType] = []
        for label, article_id, published, title in rows:
            parts.append(Text.assemble(label, "  ", article_id))
            parts.append(_indented(Text.assemble("published ", published), 2))
            parts.append(_indented(title, 2))
        return Group(*parts)
    legend = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    for header, column_width in zip(headers, _fit(extents, room), strict=True):
        legend.add_column(header, width=column_width, overflow="fold")
    for row in rows:
        legend.add_row(*row)
    return legend


def _name_cell(field: FieldResult, ids: bool) -> _Cell:
    """The field's label (or id), which may wrap between its words."""
    return _plain(Text(one_line(_name(field, ids))))


def _status_cell(status: str) -> _Cell:
    return _plain(_status(status))


def _grid_rows(report: Report, fields: list[FieldResult], ids: bool) -> list[list[_Cell]]:
    """Per field: its name, its status, and what each article states for it."""
    return [
        [_name_cell(field, ids), _status_cell(field.status)]
        + [_cell(field, article.id, ids) for article in report.articles]
        for field in fields
    ]


def _grid_width(report: Report, labels: dict[str, str], ids: bool) -> int:
    """Columns the per-article grid needs so that no word of a label is cut and no value is split
    across lines (a label wraps between its words; a set's elements run on, comma by comma)."""
    headers = ["field", "status", *(labels[article.id] for article in report.articles)]
    return _least(_extents(headers, _grid_rows(report, list(report.fields), ids)))


def compatible_reason(field: FieldResult, ids: bool = False) -> str | None:
    """Why a field whose articles state different values still agrees, in one line."""
    if field.status != "agree":
        return None
    values = list(dict.fromkeys(one_line(_stance(stance, field, ids)) for stance in field.stances))
    if len(values) < 2:
        return None
    if field.type == "set":
        return "(elements of one set: stating one denies no other)"
    if all(stance.record in ("consistent", "on_record") for stance in field.stances):
        return "(each held at its article's time, by the record of terms of office)"
    listed = ", ".join(values[:-1]) + " and " + values[-1]
    if field.type in ("date", "quantity"):
        return f"({listed} overlap: read as intervals, they can all be true)"
    return f"({listed} are compatible under this field's rules)"


def _listed(articles: tuple[str, ...], labels: dict[str, str], listed: bool) -> str:
    return ", ".join(labels[a] for a in articles) if listed else f"×{len(articles)}"


def _origin(origin: str, labels: dict[str, str]) -> str:
    """An independent origin as a reader knows it: the outlet's name, or the article's label."""
    article_id = article_origin(origin)
    return one_line(origin) if article_id is None else labels.get(article_id, one_line(article_id))


def sources_words(stance: Stance, labels: dict[str, str]) -> str:
    """ "3 articles, 1 independent source (Nikkei Asia)"."""
    articles = f"{len(stance.articles)} article{'s' if len(stance.articles) != 1 else ''}"
    count = stance.independent_sources
    names = ", ".join(_origin(origin, labels) for origin in stance.origins)
    return f"{articles}, {count} independent source{'s' if count != 1 else ''} ({names})"


def _stance_line(stance: Stance, field: FieldResult, labels: dict[str, str], listed: bool, ids: bool) -> str:
    """One value and the articles that state it: "joined (expected): A3, A4"; where the articles
    have fewer independent origins than they are (reposts, one outlet quoted), how many."""
    line = f"{one_line(_stance(stance, field, ids))}: {_listed(stance.articles, labels, listed)}"
    if stance.origins and stance.independent_sources < len(stance.articles):
        count = stance.independent_sources
        line += f" ({count} independent source{'s' if count != 1 else ''})"
    return line


_LIST_HEADERS = ["field", "status", "values (articles)", "silent"]


def _list_rows(
    fields: list[FieldResult], labels: dict[str, str], listed: bool, ids: bool
) -> list[list[_Cell]]:
    """Per field: its name, its status, each value with the articles stating it, the silent ones."""
    rows = []
    for field in fields:
        stances = [_stance_line(s, field, labels, listed, ids) for s in field.stances]
        cell = Text("\n".join(stances)) if stances else Text(_NO_VALUE, style="dim")
        reason = compatible_reason(field, ids)
        if reason is not None:
            cell.append("\n" + reason, style="dim")
        # a value never wraps: "joined (expected):" stays on one line, its articles may run on
        whole = max((cell_len(one_line(_stance(s, field, ids))) + 1 for s in field.stances), default=0)
        silent = _plain(Text(_listed(field.silent, labels, listed) if field.silent else _NO_VALUE))
        values = (cell, max(whole, _longest_word(cell.plain)))
        rows.append([_name_cell(field, ids), _status_cell(field.status), values, silent])
    return rows


def _list_width(report: Report, labels: dict[str, str], listed: bool, ids: bool) -> int:
    """Columns the field-by-field table needs so that no word of a label is cut and no value is
    split across lines (a label wraps between its words, a value's articles run on)."""
    return _least(_extents(_LIST_HEADERS, _list_rows(list(report.fields), labels, listed, ids)))


def _stacked(fields: list[FieldResult], labels: dict[str, str], listed: bool, ids: bool) -> RenderableType:
    """Field by field, one value per line: what fits a narrow terminal without cutting a word."""
    parts: list[RenderableType] = []
    for field in fields:
        parts.append(Text.assemble((one_line(_name(field, ids)), "bold"), " · ", _status(field.status)))
        parts.extend(
            _indented(Text(_stance_line(stance, field, labels, listed, ids)), 1) for stance in field.stances
        )
        reason = compatible_reason(field, ids)
        if reason is not None:
            parts.append(_indented(Text(reason, style="dim"), 1))
        if field.silent:
            parts.append(_indented(Text(f"silent: {_listed(field.silent, labels, listed)}", style="dim"), 1))
    return Group(*parts)


def _table(headers: list[str], rows: list[list[_Cell]], width: int) -> Table:
    """One row per field, each column as wide as its longest line or narrowed to fit the width."""
    table = Table(show_lines=True, header_style="bold")
    widths = _fit(_extents(headers, rows), width - _boxed_overhead(len(headers)))
    for header, column_width in zip(headers, widths, strict=True):
        table.add_column(header, width=column_width, overflow="fold")
    for row in rows:
        table.add_row(*(text for text, _ in row))
    return table


def _overview(report: Report, options: RenderOptions) -> RenderableType:
    labels = article_labels(report)
    listed = len(report.articles) <= MAX_LISTED_ARTICLES
    width, ids, statuses = options.width, options.ids, options.statuses
    fields = [field for field in _ordered(report.fields) if statuses is None or field.status in statuses]
    # the key first: a reader meets "A3" in the rows knowing which article it is
    parts: list[RenderableType] = [_heading(report)]
    if listed:
        parts.append(_legend(report, ids, width))
    if len(report.articles) <= MAX_ARTICLE_COLUMNS and _grid_width(report, labels, ids) <= width:
        headers = ["field", "status", *(labels[article.id] for article in report.articles)]
        parts.append(_table(headers, _grid_rows(report, fields, ids), width))
    elif _list_width(report, labels, listed, ids) <= width:
        parts.append(_table(_LIST_HEADERS, _list_rows(fields, labels, listed, ids), width))
    else:
        parts.append(_stacked(fields, labels, listed, ids))  # too narrow for a table of whole words
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


_DATED_PAIRS = (
    ("time_separated", "time-separated (articles published far apart; both can have been true):"),
    ("progressed", "progressed (a later stage, from a later article):"),
)


def _detail(report: Report, field: FieldResult, ids: bool) -> RenderableType:
    labels = article_labels(report)
    titles = {article.id: article for article in report.articles}
    by_label = {stance.label: stance for stance in field.stances}

    def stance(label: str) -> str:  # a pair names its stances by their labels in the report
        found = by_label.get(label)
        return one_line(label if found is None else _stance(found, field, ids))

    def dated(articles: tuple[str, ...], dates: tuple[str, ...]) -> str:
        shown = (d if ids else date_value_words(d) for d in dates)  # "12 May, year not stated": ";"
        pairs = [f"{labels[a]} {one_line(d)}" for a, d in zip(articles, shown, strict=False)]
        return ", ".join(pairs) if ids else "; ".join(pairs)

    # the rules' own list, in words: the report names offices and people only where an article does
    vocabulary = ", ".join(one_line(value if ids else value_words(value)) for value in field.vocabulary)
    parts: list[RenderableType] = [
        Text.assemble((one_line(field.id), "bold"), " — ", one_line(field.label)),
        Text(f"type {field.type}" + (f" · vocabulary: {vocabulary}" if field.vocabulary else "")),
        Text.assemble("status: ", _status(field.status)),
    ]
    plain = [pair for pair in field.conflicts if pair.kind == "conflict"]
    against = [pair for pair in field.conflicts if pair.kind == "against_record"]
    if plain:
        parts.append(Text("conflicting stances:", style="bold"))
        for pair in plain:
            left = ", ".join(labels[a] for a in pair.left_articles)
            right = ", ".join(labels[a] for a in pair.right_articles)
            parts.append(
                _indented(Text(f"{stance(pair.left)} ({left})  ×  {stance(pair.right)} ({right})"), 1)
            )
    for kind, title in _DATED_PAIRS:  # pairs both true, each at its articles' time
        pairs = [pair for pair in field.conflicts if pair.kind == kind]
        if pairs:
            parts.append(Text(title, style="bold"))
        for pair in pairs:
            left = dated(pair.left_articles, pair.left_published)
            right = dated(pair.right_articles, pair.right_published)
            parts.append(
                _indented(Text(f"{stance(pair.left)} ({left})  →  {stance(pair.right)} ({right})"), 1)
            )
    if against:
        parts.append(Text("against the record of terms of office:", style="bold"))
        for pair in against:
            left = ", ".join(labels[a] for a in pair.left_articles)
            parts.append(_indented(Text(f"{stance(pair.left)} ({left}): {one_line(pair.record or '')}"), 1))
    if field.stances:
        parts.append(Text("compatible groups:", style="bold"))
        for item in sorted(field.stances, key=lambda s: s.group):
            articles = ", ".join(labels[a] for a in item.articles)
            shown = one_line(_stance(item, field, ids))
            parts.append(_indented(Text(f"group {item.group}: {shown} — {articles}"), 1))
    if any(stance.origins for stance in field.stances):
        parts.append(Text("independent sources:", style="bold"))
        for item in field.stances:
            shown = one_line(_stance(item, field, ids))
            parts.append(_indented(Text(f"{shown}: {sources_words(item, labels)}"), 1))
    if field.coverage:
        parts.append(Text("coverage:", style="bold"))
        for element in field.coverage:
            included = ", ".join(labels[a] for a in element.included) or _NO_VALUE
            excluded = ", ".join(labels[a] for a in element.excluded) or _NO_VALUE
            name = one_line(_value(element.element, field, ids))
            parts.append(_indented(Text(f"{name}: included by {included}; excluded by {excluded}"), 1))
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
                f" · published {_published(article, ids)}",
            )
            parts.append(_indented(heading, 1))
        where = f"{one_line(evidence.path)}:{evidence.line}:{evidence.column}"
        hedge = ", hedged" if claim.hedged else ""
        rule = f"{one_line(claim.extractor.name)} ({one_line(report.rules.path)}:{claim.extractor.line})"
        parts.append(
            _indented(
                Text.assemble(
                    (one_line(_value(claim.value, field, ids)), "bold"),
                    f" · {claim.modality}{hedge} · {where} · rule {rule}",
                ),
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
    """What a typed value stands for (a date's days, a quantity's bounds), or why it is unplaced."""
    return claim.detail.interval_label() if claim.detail is not None else None


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
        console.print(_detail(report, result, options.ids))
    else:
        console.print(_overview(report, options))
    text = buffer.getvalue()
    if not options.color:  # rich pads wrapped lines to the width; files and pipes need no padding
        text = "".join(line.rstrip() + "\n" for line in text.splitlines())
    return text.encode("utf-8")
