"""`export --format html`: the briefing as one self-contained, printable page, with pictures.

The page is the Markdown briefing (render/markdown.py) through markdown-it-py's CommonMark
renderer with tables enabled and raw HTML disabled (linkify and typographer stay off), inside
a fixed template with inline CSS. Where the Markdown has a table standing for a picture, the
page draws the picture instead, as inline SVG (render/svg.py): the timeline and the coverage
matrix. Headings get ids, and a table of contents after the bottom line links to them: the
only links of the page, each to an anchor of its own. It loads nothing: no scripts, fonts,
images or style sheets from anywhere, and a Content-Security-Policy forbids them should any
ever slip in. It opens from a file, a mail attachment or a USB stick alike, and prints on A4 or
Letter, the appendices from a new page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from aukus_check.models import Report
from aukus_check.render import RenderOptions
from aukus_check.render.briefing_figures import Matrix, Timeline
from aukus_check.render.markdown import APPENDIX_QUOTES, SOURCES_HEADER, Figure, parts
from aukus_check.render.svg import MAX_DRAWN, coverage_svg, timeline_svg
from aukus_check.safe_text import one_line

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
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
h2 { font-size: 1.4rem; border-bottom: 1px solid #c8c8cc; padding-bottom: 0.2em; margin-top: 1.8em; }
h3 { font-size: 1.1rem; }
p, ul, ol { margin: 0.5em 0; }
ul { padding-left: 1.4em; }
li { margin: 0.25em 0; }
blockquote { margin: 0.8em 0; padding: 0.5em 0.9em; border-left: 4px solid #4a6fa5; background: #f3f6fa; }
blockquote p { margin: 0.2em 0; }
li > ul { margin: 0.2em 0 0.4em; }
li li { color: #2c2c2e; }
strong { font-weight: 700; }
a { color: #1d4e89; }
nav.contents { margin: 1em 0; padding: 0.4em 0.9em; border: 1px solid #c8c8cc; }
nav.contents ol { margin: 0.2em 0; columns: 2; }
nav.contents p { margin: 0.2em 0; font-weight: 700; }
figure { margin: 1em 0; }
figure svg { display: block; max-width: 100%; height: auto; margin: 0.5em 0; }
figcaption, figure p { font-size: 0.85em; color: #3a3a3c; }
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
table.sources td:first-child { font-weight: 700; white-space: nowrap; }
table.sources td:last-child { font-size: 0.95em; color: #3a3a3c; }
tbody tr { break-inside: avoid; page-break-inside: avoid; }
h2.appendix { break-before: page; page-break-before: always; }
@media print {
  @page { margin: 14mm 13mm 16mm; }
  body { padding: 0; font-size: 9.5pt; line-height: 1.35; }
  h2 { margin-top: 1.3em; }
  p, ul, ol { margin: 0.4em 0; }
  main { max-width: none; padding: 0 1px; } /* a collapsed table border is drawn half outside */
  table { font-size: 7.5pt; }
  thead { display: table-header-group; }
  li li, figure svg { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

# Defence in depth: the Markdown cannot produce a script, link or image from article text,
# and even if it could, the page forbids loading or running anything.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
_SLUG = re.compile(r"[^a-z0-9]+")


def _plain(token: Token) -> str:
    """The text a reader sees of an inline token (emphasis markers dropped)."""
    return "".join(child.content for child in token.children or [] if child.type in ("text", "code_inline"))


class _Anchors:
    """Ids for headings, unique within the page: "conflicts", "conflicts-2"."""

    def __init__(self) -> None:
        """No id taken yet."""
        self.taken: set[str] = set()
        self.contents: list[tuple[str, str]] = []
        """(id, text) of every second-level heading, for the table of contents."""

    def mark(self, tokens: Sequence[Token]) -> None:
        """Give every h2 and h3 an id; class the first appendix's heading to start a page."""
        for position, token in enumerate(tokens):
            if token.type != "heading_open" or token.tag not in ("h2", "h3"):
                continue
            text = _plain(tokens[position + 1])
            base = _SLUG.sub("-", text.casefold()).strip("-")[:60].strip("-") or "section"
            ident, number = base, 1
            while ident in self.taken:
                number += 1
                ident = f"{base}-{number}"
            self.taken.add(ident)
            token.attrSet("id", ident)
            if token.tag == "h2":
                self.contents.append((ident, text))
                if text == APPENDIX_QUOTES:
                    token.attrSet("class", "appendix")


def _style_tables(tokens: Sequence[Token]) -> None:
    """Class the sources table for the CSS."""
    for position, token in enumerate(tokens):
        if token.type == "table_open":
            header = next(t.content for t in tokens[position:] if t.type == "inline")
            if header == SOURCES_HEADER:
                token.attrSet("class", "sources")


def _contents(entries: Sequence[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="#{ident}">{html.escape(text)}</a></li>' for ident, text in entries)
    return f'<nav class="contents" aria-label="Contents"><p>Contents</p><ol>{items}</ol></nav>\n'


def _figure(renderer: MarkdownIt, figure: Figure) -> str:
    """A picture with its caption, and below it what the picture could not show."""
    pictures: list[str] = []
    if isinstance(figure.data, Timeline):
        pictures = timeline_svg(figure.data)
    elif isinstance(figure.data, Matrix):
        pictures = coverage_svg(figure.data)
    if not pictures:  # nothing to draw: the table's words say so
        words: str = renderer.render("\n".join(figure.text))
        return words
    caption = renderer.renderInline(figure.drawn_caption or figure.caption)
    tail = renderer.render("\n".join(figure.tail)) if figure.tail else ""
    if isinstance(figure.data, Matrix) and len(figure.data.labels) > MAX_DRAWN:
        tail += (
            f"<p>The pictures show the first {MAX_DRAWN} of {len(figure.data.labels)} articles; "
            "the Markdown briefing (export -f markdown) tabulates every one.</p>\n"
        )
    return (
        f'<figure class="{figure.kind}">\n<figcaption>{caption}</figcaption>\n'
        + "\n".join(pictures)
        + f"\n{tail}</figure>\n"
    )


def render(report: Report, options: RenderOptions) -> bytes:
    """The briefing as one HTML page (UTF-8) with inline CSS and SVG and no external assets."""
    from markdown_it import MarkdownIt  # imported here: CLI start-up stays fast

    renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    renderer.enable("table")
    anchors = _Anchors()
    parsed: list[list[Token] | Figure] = []
    contents_at = None
    for piece in parts(report, options):
        if isinstance(piece, Figure):
            parsed.append(piece)
            if piece.kind == "contents":
                contents_at = len(anchors.contents)
            continue
        tokens = renderer.parse(piece)
        anchors.mark(tokens)
        _style_tables(tokens)
        parsed.append(tokens)
    body = []
    for item in parsed:
        if isinstance(item, Figure):
            if item.kind == "contents":
                body.append(_contents(anchors.contents[contents_at or 0 :]))
            else:
                body.append(_figure(renderer, item))
        else:
            body.append(renderer.renderer.render(item, renderer.options, {}))
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
        f"{''.join(body)}"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )
    return page.encode("utf-8")
