"""The briefing's pictures as inline SVG for the HTML page: a timeline and a coverage matrix.

Plain SVG elements and presentation attributes only: no script, no style attribute, no link,
no external font or image, so the page's Content-Security-Policy holds and the pictures print
as they show. Meaning never rests on colour alone: shapes tell the timeline's markers apart,
numbers fill the matrix's cells, and outlines (solid for an open conflict, dashed for a
resolved one) survive grey-scale printing.

Every piece of text (labels, values, article titles) is folded to one line, its control and
bidirectional characters made visible (safe_text), and XML-escaped before it is written.
Lines are wrapped by counting characters, a width estimate that is generous for the sans-serif
fonts a browser falls back to. A picture taller than about a printed page is split into
several, each with its own header, because a browser cannot break one SVG across pages.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence

from aukus_check.render.briefing_facts import Group
from aukus_check.render.briefing_figures import Cell, Matrix, MatrixRow, Moment, Timeline
from aukus_check.safe_text import one_line

WIDTH = 720
"""Width of every picture, in CSS pixels; the page scales it down to fit a narrower column."""
PAGE_HEIGHT = 860
"""Height at which a picture is split, so each part fits a printed page."""
FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif"
INK = "#1d1d1f"
GREY = "#5a5a5f"
RULE = "#c8c8cc"
CONFLICT = "#a4161a"
SHADES = ("#a6cee3", "#fdbf6f", "#b2df8a", "#cab2d6", "#fb9a99", "#ffff99", "#d9d9d9", "#e5c494")
"""Cell fills by value number: light enough for black numbers on any of them."""
MAX_COLUMNS = 10
"""Article columns per coverage picture; more articles make more pictures."""
MAX_DRAWN = 50
"""Articles the coverage pictures show at most: past that a picture of facts by articles is no
longer read, only scrolled (the Markdown briefing and the JSON report have every article)."""
_GROUP_TITLES: dict[Group, str] = {
    "open": "Open conflicts",
    "resolved": "Conflicts resolved in the ledger",
    "changed": "Changed over time",
    "confirmed": "Confirmed by two or more independent sources",
    "single": "Resting on one source",
}


def _shape(name: str, **attrs: float | str) -> str:
    """An empty element with presentation attributes (stroke_width=1.5 is written stroke-width)."""
    written = "".join(
        f' {key.replace("_", "-")}="{value:g}"'
        if isinstance(value, float | int)
        else f' {key.replace("_", "-")}="{html.escape(value, quote=True)}"'
        for key, value in attrs.items()
    )
    return f"<{name}{written}/>"


def _escape(text: str) -> str:
    """Untrusted text as SVG character data: one line, visible controls, XML-escaped."""
    return html.escape(one_line(text), quote=True)


def wrap(text: str, chars: int) -> list[str]:
    """Text folded to one line, then broken between words into lines of at most `chars`
    characters (a longer word is cut)."""
    words = one_line(text).split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        while len(word) > chars:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:chars])
            word = word[chars:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) > chars and current:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    return lines


def _text(
    x: float,
    y: float,
    lines: Sequence[str],
    size: float,
    *,
    step: float | None = None,
    fill: str = INK,
    **attrs: str,
) -> str:
    """A <text> of one or more lines (tspans), each escaped; attrs are presentation attributes
    (font_weight="bold" is written font-weight="bold")."""
    extra = "".join(
        f' {name.replace("_", "-")}="{html.escape(value, quote=True)}"' for name, value in attrs.items()
    )
    step = step if step is not None else size * 1.25
    spans = "".join(
        f'<tspan x="{x:g}" dy="{0 if n == 0 else step:g}">{_escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return f'<text x="{x:g}" y="{y:g}" font-size="{size:g}" fill="{fill}"{extra}>{spans}</text>'


def _svg(name: str, number: int, title: str, description: str, height: float, body: Sequence[str]) -> str:
    """One picture: size, accessible title and description, body."""
    ident = f"{name}-{number}"
    return (
        f'<svg class="{name}" width="{WIDTH}" height="{height:g}" viewBox="0 0 {WIDTH} {height:g}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" font-family="{FONT}">'
        f'<title id="{ident}-title">{_escape(title)}</title>'
        f'<desc id="{ident}-desc">{_escape(description)}</desc>' + "".join(body) + "</svg>"
    )


# --- timeline -----------------------------------------------------------------------------------

_DATE_RIGHT = 150
_AXIS = 166
_CONTENT = 182
_CONTENT_CHARS = 88
_DATE_CHARS = 24


def _marker(moment: Moment, y: float) -> str:
    """A filled circle for a dated claim, a square for a publication; dashed when the year is assumed."""
    fill = "#ffffff" if moment.assumed or moment.kind == "published" else INK
    outline: dict[str, float | str] = {"fill": fill, "stroke": INK, "stroke_width": 1.6}
    if moment.assumed:
        outline["stroke_dasharray"] = "2 1.5"
    if moment.kind == "published":
        return _shape("rect", x=_AXIS - 5, y=y - 5, width=10, height=10, **outline)
    return _shape("circle", cx=_AXIS, cy=y, r=5, **outline)


def _moment(moment: Moment, top: float) -> tuple[list[str], float, float]:
    """A moment's date, marker and text from `top`: its elements, its marker's y, its height."""
    parts: list[str] = []
    y = top
    if moment.gap:
        parts.append(
            _text(_DATE_RIGHT, y + 10, [moment.gap], 9.5, text_anchor="end", font_style="italic", fill=GREY)
        )
        y += 18
    when = wrap(moment.when, _DATE_CHARS)  # a dashed marker says the year is assumed
    title = wrap(moment.title, _CONTENT_CHARS - 6)
    detail = [line for text in moment.lines for line in wrap(text, _CONTENT_CHARS)]
    marker_y = y + 8
    parts.append(_text(_DATE_RIGHT, y + 12, when, 11, text_anchor="end", font_weight="bold"))
    parts.append(_marker(moment, marker_y))
    parts.append(_text(_CONTENT, y + 12, title, 11, font_weight="bold"))
    if detail:
        parts.append(_text(_CONTENT, y + 12 + 14 * len(title), detail, 10, step=12.5, fill=GREY))
    height = max(14 * len(when), 14 * len(title) + 12.5 * len(detail)) + 8
    return parts, marker_y, y - top + height


def _timeline_picture(
    found: Timeline, number: int, body: list[str], markers: list[tuple[float, bool]], height: float
) -> str:
    """One timeline picture: its legend, the axis between its markers (dashed over a gap), its moments."""
    legend = ["● a date an article states", "□ an article published"]
    if any(m.assumed for m in found.moments):
        legend.append(f"dashed: year not stated, placed in {found.year}")
    axis = []
    for (y1, _), (y2, gap) in itertools.pairwise(markers):
        dashed: dict[str, float | str] = {"stroke_dasharray": "3 3"} if gap else {}
        axis.append(_shape("line", x1=_AXIS, y1=y1, x2=_AXIS, y2=y2, stroke=GREY, stroke_width=1.5, **dashed))
    head = _text(0, 14, ["   ·   ".join(legend)], 10, fill=GREY)
    description = "; ".join(f"{m.when}: {m.title}" for m in found.moments)
    title = "Timeline of dated claims and publications"
    return _svg("timeline", number, title, description, height, [head, *axis, *body])


def timeline_svg(found: Timeline) -> list[str]:
    """The timeline as one or more SVG pictures (split where a page would end)."""
    pictures: list[str] = []
    body: list[str] = []
    markers: list[tuple[float, bool]] = []
    top = 26.0
    for moment in found.moments:
        parts, marker_y, height = _moment(moment, top)
        if body and top + height > PAGE_HEIGHT:
            pictures.append(_timeline_picture(found, len(pictures) + 1, body, markers, top + 4))
            body, markers, top = [], [], 26.0
            parts, marker_y, height = _moment(moment, top)
        body.extend(parts)
        markers.append((marker_y, moment.gap is not None))
        top += height
    if body:
        pictures.append(_timeline_picture(found, len(pictures) + 1, body, markers, top + 4))
    return pictures


# --- coverage matrix ----------------------------------------------------------------------------

_LABEL_WIDTH = 360
_LABEL_CHARS = 64
_VALUES_CHARS = 72
_HEADER = 22


def _cell(cell: Cell, x: float, y: float, width: float, height: float) -> list[str]:
    """A cell: shaded by its values (stripes for up to four), numbered, outlined if in conflict."""
    parts: list[str] = []
    inner = width - 4
    if cell.marks:
        shades = cell.numbers if len(cell.numbers) <= 4 else ()
        if shades:
            stripe = inner / len(shades)
            for n, number in enumerate(shades):
                fill = SHADES[(number - 1) % len(SHADES)]
                left = x + 2 + n * stripe
                parts.append(_shape("rect", x=left, y=y + 2, width=stripe, height=height - 4, fill=fill))
        else:
            parts.append(_shape("rect", x=x + 2, y=y + 2, width=inner, height=height - 4, fill="#eeeeee"))
        chars = max(int(inner / 6), 3)
        lines = wrap(", ".join(cell.marks), chars)
        first = y + height / 2 - (len(lines) - 1) * 5.5 + 3.5
        parts.append(_text(x + width / 2, first, lines, 9.5, step=11, text_anchor="middle"))
    stroke: dict[str, float | str] = {"stroke": RULE, "stroke_width": 0.75}
    if cell.conflict == "open":
        stroke = {"stroke": CONFLICT, "stroke_width": 2.5}
    elif cell.conflict == "resolved":
        stroke = {"stroke": INK, "stroke_width": 1.5, "stroke_dasharray": "4 2"}
    parts.append(_shape("rect", x=x + 2, y=y + 2, width=inner, height=height - 4, fill="none", **stroke))
    return parts


def _row(row: MatrixRow, columns: Sequence[int], top: float, cell_width: float) -> tuple[list[str], float]:
    """One fact's row from `top`: its elements and its height. Its status is the picture's title
    (one picture per group), so open and resolved conflicts never share a picture."""
    label = wrap(row.fact.field.label, _LABEL_CHARS)
    values = wrap("; ".join(row.values), _VALUES_CHARS)
    cells = [len(wrap(", ".join(row.cells[i].marks), max(int((cell_width - 4) / 6), 3))) for i in columns]
    height = max(12 * len(label) + 10.5 * len(values), 11 * max(cells, default=1) + 8) + 6
    weight = {"font_weight": "bold"} if row.fact.group == "open" else {}
    parts = [
        _text(0, top + 12, label, 10, step=12, **weight),
        _text(0, top + 12 + 12 * len(label), values, 9, step=10.5, fill=GREY),
    ]
    for n, index in enumerate(columns):
        parts += _cell(row.cells[index], _LABEL_WIDTH + n * cell_width, top + 1, cell_width, height - 2)
    bottom = top + height
    parts.append(_shape("line", x1=0, y1=bottom, x2=WIDTH, y2=bottom, stroke=RULE, stroke_width=0.5))
    return parts, height


def _coverage_header(found: Matrix, group: Group, columns: Sequence[int], cell_width: float) -> list[str]:
    """The group's title over the facts, and the articles' labels over their columns."""
    colour = CONFLICT if group == "open" else INK
    parts = [_text(0, 14, [_GROUP_TITLES[group]], 10.5, font_weight="bold", fill=colour)]
    for n, index in enumerate(columns):
        middle = _LABEL_WIDTH + n * cell_width + cell_width / 2
        parts.append(_text(middle, 14, [found.labels[index]], 10, font_weight="bold", text_anchor="middle"))
    return parts


def coverage_svg(found: Matrix) -> list[str]:
    """The coverage matrix as SVG pictures: one per group of facts (open conflicts, resolved ones,
    ...) and MAX_COLUMNS articles, split where a page would end, so a page break can fall
    between any two and each fits a printed page."""
    pictures: list[str] = []
    groups: dict[Group, list[MatrixRow]] = {}
    for row in found.rows:
        groups.setdefault(row.fact.group, []).append(row)
    drawn = min(len(found.labels), MAX_DRAWN)
    for first in range(0, drawn, MAX_COLUMNS):
        columns = list(range(first, min(first + MAX_COLUMNS, drawn)))
        cell_width = min(64.0, (WIDTH - _LABEL_WIDTH) / len(columns))
        names = ", ".join(found.labels[i] for i in columns)
        for group, rows in groups.items():
            title = f"Coverage, {_GROUP_TITLES[group].lower()}: facts by articles {names}"
            description = "Each cell numbers the values the article states; the row lists them."
            body: list[str] = []
            top = float(_HEADER)
            for row in rows:
                parts, height = _row(row, columns, top, cell_width)
                if body and top + height > PAGE_HEIGHT:
                    header = _coverage_header(found, group, columns, cell_width)
                    pictures.append(
                        _svg("coverage", len(pictures) + 1, title, description, top + 2, header + body)
                    )
                    body, top = [], float(_HEADER)
                    parts, height = _row(row, columns, top, cell_width)
                body.extend(parts)
                top += height
            header = _coverage_header(found, group, columns, cell_width)
            pictures.append(_svg("coverage", len(pictures) + 1, title, description, top + 2, header + body))
    return pictures
