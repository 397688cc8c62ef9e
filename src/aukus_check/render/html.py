"""`export --format html`: the Markdown briefing rendered into one self-contained, printable page.

The page is the Markdown briefing (render/markdown.py) through markdown-it-py's CommonMark
renderer with tables enabled and raw HTML disabled (linkify and typographer stay off), inside
a fixed template with inline CSS. It loads nothing: no scripts, fonts, images or style sheets
from anywhere, and a Content-Security-Policy forbids them should any ever slip in. It opens
from a file, a mail attachment or a USB stick alike, and prints on A4 or Letter.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from aukus_check.models import Report
from aukus_check.render import RenderOptions
from aukus_check.render.markdown import COVERAGE_HEADER, SILENCE, SOURCES_HEADER, briefing
from aukus_check.safe_text import one_line

if TYPE_CHECKING:
    from markdown_it.token import Token

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0; padding: 2.5rem 1.5rem 4rem; background: #fff; color: #1d1d1f;
  font-family: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "Times New Roman", serif;
  font-size: 17px; line-height: 1.5;
  font-variant-numeric: oldstyle-nums proportional-nums;
}
main { max-width: 52rem; margin: 0 auto; }
h1, h2, h3, h4, h5 {
  font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif;
  line-height: 1.25; margin: 1.6em 0 0.5em; break-after: avoid; page-break-after: avoid;
}
h1 { font-size: 1.9rem; margin-top: 0; border-bottom: 3px solid #1d1d1f; padding-bottom: 0.3em; }
h2 { font-size: 1.4rem; border-bottom: 1px solid #c8c8cc; padding-bottom: 0.2em; margin-top: 2.2em; }
h3 { font-size: 1.15rem; }
h4 { font-size: 1rem; margin-top: 1.3em; }
h5 { font-size: 0.95rem; font-weight: 600; color: #3a3a3c; margin-top: 1em; }
p, ul, ol { margin: 0.5em 0; }
ul { padding-left: 1.4em; }
li { margin: 0.25em 0; }
blockquote { margin: 0.8em 0; padding: 0.5em 0.9em; border-left: 4px solid #4a6fa5; background: #f3f6fa; }
blockquote p { margin: 0.2em 0; }
li > ul { margin: 0.2em 0 0.4em; }
li li { color: #2c2c2e; }
strong { font-weight: 700; }
table {
  border-collapse: collapse; width: 100%; margin: 0.8em 0 0.6em;
  font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif;
  font-size: 0.8rem; line-height: 1.35; font-variant-numeric: lining-nums tabular-nums;
}
th, td {
  border: 1px solid #c8c8cc; padding: 0.35em 0.5em; text-align: left; vertical-align: top;
  overflow-wrap: break-word;
}
thead th { background: #f2f2f4; white-space: nowrap; }
table.coverage td:first-child { width: 11em; font-weight: 600; }
td.status { white-space: nowrap; }
td.conflict { font-weight: 700; color: #a4161a; }
td.silent { color: #8e8e93; text-align: center; }
table.sources td:first-child { font-weight: 700; white-space: nowrap; }
table.sources td:last-child { white-space: nowrap; font-size: 0.95em; color: #3a3a3c; }
tbody tr { break-inside: avoid; page-break-inside: avoid; }
@media print {
  @page { margin: 16mm 14mm 18mm; }
  body { padding: 0; font-size: 10.5pt; }
  main { max-width: none; padding: 0 1px; } /* a collapsed table border is drawn half outside */
  h2 { break-before: auto; }
  table { font-size: 8pt; }
  thead { display: table-header-group; }
  li li { break-inside: avoid; page-break-inside: avoid; }
}
"""

# Defence in depth: the Markdown cannot produce a script, link or image from article text,
# and even if it could, the page forbids loading or running anything.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _style_tables(tokens: Sequence[Token]) -> None:
    """Class the coverage and sources tables, their status cells and silent cells, for the CSS."""
    kind = ""
    column = 0
    for position, token in enumerate(tokens):
        if token.type == "table_open":
            header = next(t.content for t in tokens[position:] if t.type == "inline")
            kind = {COVERAGE_HEADER: "coverage", SOURCES_HEADER: "sources"}.get(header, "")
            if kind:
                token.attrSet("class", kind)
        elif token.type == "tr_open":
            column = 0
        elif token.type == "td_open" and kind == "coverage":
            text = tokens[position + 1].content
            classes = ["status"] if column == 1 else []
            if column == 1 and text == "conflict":
                classes.append("conflict")
            if text == SILENCE:
                classes.append("silent")
            if classes:
                token.attrSet("class", " ".join(classes))
            column += 1


def render(report: Report, options: RenderOptions) -> bytes:
    """The briefing as one HTML page (UTF-8) with inline CSS and no external assets."""
    from markdown_it import MarkdownIt  # imported here: CLI start-up stays fast

    renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    renderer.enable("table")
    tokens = renderer.parse(briefing(report, options))
    _style_tables(tokens)
    body = renderer.renderer.render(tokens, renderer.options, {})
    title = html.escape(f"Briefing: {one_line(report.rules.title)}")
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="aukus-check {html.escape(report.tool.version)}">\n'
        f"<title>{title}</title>\n"
        f"<style>{_CSS}</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"{body}"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )
    return page.encode("utf-8")
