"""`aukus-check export`: the briefing in Markdown and HTML.

Three kinds of check:
- the seeds briefing against its golden file (a unified diff on failure; `pytest
  --update-golden` rewrites it), and its structure, independent of the exact values: it parses
  as CommonMark, every table row has its header's column count, every citation names an
  existing article and line, and every quoted fragment is verbatim at that line;
- small corpora and rules written here, where exact wording matters;
- a hostile article full of Markdown and HTML metacharacters, which must stay inert text.
"""

from __future__ import annotations

import datetime
import difflib
import random
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from aukus_check import __version__
from aukus_check.exit_codes import ExitCode
from aukus_check.markdown_text import fold
from aukus_check.models import Claim, Evidence, ExtractorRef, PartialDate
from aukus_check.render import RenderOptions, ResolutionNote
from aukus_check.render.briefing_figures import Moment, Timeline
from aukus_check.render.briefing_text import short_title
from aukus_check.render.markdown import MAX_QUOTE, briefing, quote
from aukus_check.render.svg import timeline_svg, wrap
from aukus_check.render.words import date_words, stance_words, value_words
from aukus_check.safe_text import one_line
from tests.conftest import GOLDEN, SEEDS
from tests.conftest import RULES as RULES_FILE

GOLDEN_BRIEFING = GOLDEN / "seeds-briefing.md"
_VERSION = f"aukus-check {__version__} "
_VERSION_PLACEHOLDER = "aukus-check <tool version> "

PARSER = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
CITATION = re.compile(r"\((A\d+), lines? (\d+)(?:–(\d+))?\)")
QUOTE_ITEM = re.compile(
    r"(?:^|, )(?:asserted|reported|expected|denied)(?:, hedged)?: “(?P<quote>.*)” "
    r"\((?P<label>A\d+), lines? (?P<first>\d+)(?:–(?P<last>\d+))?\)$"
)


def engine_report(corpus: Path, rules: Path):
    """The report of a corpus, from the core (no CLI)."""
    from aukus_check.rules import load_rules
    from aukus_check.runner import run

    return run(corpus, str(corpus), load_rules(rules, str(rules)), rules)


def write(directory: Path, name: str, content: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


# --- reading a briefing back -----------------------------------------------------------------


def plain(token: Token) -> str:
    """What a reader sees of an inline token: its text, without emphasis markers."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


@dataclass(frozen=True)
class Quote:
    text: str
    label: str
    first: int
    last: int


@dataclass
class Structure:
    tokens: list[Token]
    tables: list[list[list[str]]]  # table -> rows (header first) -> cells
    inline: list[str]
    quotes: list[Quote]
    citations: list[tuple[str, int, int]]


def headings(tokens: list[Token]) -> list[str]:
    return [plain(tokens[n + 1]) for n, token in enumerate(tokens) if token.type == "heading_open"]


def read_back(markdown: str) -> Structure:
    tokens = PARSER.parse(markdown)
    tables: list[list[list[str]]] = []
    row: list[str] | None = None
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            assert row is not None
            tables[-1].append(row)
            row = None
        elif token.type == "inline" and row is not None:
            row.append(plain(token))
    inline = [plain(t) for t in tokens if t.type == "inline"]
    quotes = []
    for text in inline:
        match = QUOTE_ITEM.search(text)
        if match:
            first = int(match["first"])
            quotes.append(Quote(match["quote"], match["label"], first, int(match["last"] or first)))
    citations = [(m[1], int(m[2]), int(m[3] or m[2])) for text in inline for m in CITATION.finditer(text)]
    return Structure(tokens, tables, inline, quotes, citations)


def article_lines(corpus: Path) -> dict[str, list[str]]:
    """Article label -> its lines, in the corpus order the briefing labels them (path order)."""
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".md"))
    return {
        f"A{n}": re.split(r"\r\n|\r|\n", path.read_text(encoding="utf-8")) for n, path in enumerate(files, 1)
    }


def assert_well_formed(markdown: str, corpus: Path) -> Structure:
    """Tables keep their column counts; citations and quotes point at real, verbatim text."""
    structure = read_back(markdown)
    lines = article_lines(corpus)
    assert structure.tables, "a briefing has a coverage table and a sources table"
    for table in structure.tables:
        header = table[0]
        for row in table[1:]:
            assert len(row) == len(header), (header, row)
    assert structure.citations, "a briefing cites its articles"
    for label, first, last in structure.citations:
        assert label in lines, f"citation names {label}, which is not an article"
        assert 1 <= first <= last <= len(lines[label]), (label, first, last)
    assert structure.quotes, "a briefing quotes its articles"
    for found in structure.quotes:
        at_lines = one_line("\n".join(lines[found.label][found.first - 1 : found.last]))
        fragments = [f.strip() for f in found.text.split("…") if f.strip()]
        assert fragments, found
        for fragment in fragments:
            assert fragment in at_lines, (
                f"{fragment!r} is not at {found.label} lines {found.first}-{found.last}"
            )
    return structure


# --- the seeds -------------------------------------------------------------------------------


def _normalised(markdown: str) -> str:
    """The tool's own version is not a fact about the seeds."""
    return markdown.replace(_VERSION, _VERSION_PLACEHOLDER)


def test_seeds_briefing_matches_golden_file(cli, update_golden: bool) -> None:
    result = cli("export")
    assert result.code == ExitCode.OK, result.stderr
    actual = _normalised(result.stdout)
    if update_golden:
        GOLDEN_BRIEFING.write_text(actual, encoding="utf-8")
        pytest.skip("golden briefing rewritten; read it against the seed articles before committing")
    expected = GOLDEN_BRIEFING.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), "golden seeds-briefing.md", "current", lineterm=""
        )
        pytest.fail(
            "the seeds briefing differs from tests/golden/seeds-briefing.md (if the change is "
            "intended, run pytest --update-golden and review the diff):\n\n" + "\n".join(diff),
            pytrace=False,
        )


def test_seeds_briefing_is_well_formed(cli) -> None:
    result = cli("export")
    structure = assert_well_formed(result.stdout, SEEDS)
    titles = headings(structure.tokens)
    assert titles[0].startswith("Briefing: ")
    sections = [title for title in titles if title in SECTIONS]
    assert sections == list(SECTIONS)
    # Every article is in the sources table, with its path.
    (sources,) = [table for table in structure.tables if table[0][0] == "Article"]
    assert [row[0] for row in sources[1:]] == [f"A{n}" for n in range(1, 6)]
    assert all(row[-1].startswith("seeds/") for row in sources[1:])


SECTIONS = (
    "Bottom line",
    "Conflicts",
    "Timeline",
    "Coverage",
    "Sources",
    "Appendix A: the quotes",
    "Appendix B: facts no article states",
)


def test_seeds_bottom_line_comes_first_and_names_every_conflict(cli) -> None:
    """Before the first quote: every resolved conflict with its decision and the value accepted,
    how many independent sources back each value, and the groups a reader acts on."""
    text = cli("export").stdout
    quoted = re.search(r"\*(?:asserted|reported|expected|denied)(?:, hedged)?\*: “", text)
    assert quoted is not None
    first_quote = quoted.start()
    bottom = text[text.index("## Bottom line") : text.index("## Conflicts")]
    assert text.index("## Bottom line") < text.index("## Conflicts") < first_quote
    assert text.index("## Appendix A: the quotes") < first_quote
    assert "**Open conflicts:** none." in bottom
    assert "**Conflicts resolved in the ledger (3):**" in bottom
    assert (
        "- **Japan's status in AUKUS Pillar II**: accepted **under consideration** \\[F1\\] (A2, A3; "
        "2 independent sources: Kyodo News, A3); set aside: **talks reported** \\[F4\\] (A5; 1 "
        "independent source: Nikkei Asia)"
    ) in bottom
    assert (
        "- **Whether full AUKUS membership for Japan is on the table**: judged compatible: "
        "different time horizon, so both hold:" in bottom
    )
    assert (
        "- **Australia's stated position on Japan and AUKUS**: judged compatible: different "
        "scope, so both hold:" in bottom
    )
    assert "**Confirmed by two or more independent sources (" in bottom
    assert "**Resting on one source (" in bottom
    # Dates in words, not as the report writes them.
    assert "8 April, year not stated" in bottom and "--04-08" not in text


def test_seeds_rationales_show_the_label_beside_each_article_id(cli) -> None:
    text = cli("export").stdout
    assert "in 004 \\[A5\\] (Nikkei Asia, 4 March 2024)" in text
    assert "described in 002 \\[A3\\] (lines 2 and 7" in text


def test_seeds_golden_briefing_is_well_formed() -> None:
    """The committed file itself passes the structural checks, so a review reads a sound file."""
    assert_well_formed(GOLDEN_BRIEFING.read_text(encoding="utf-8"), SEEDS)


def test_briefing_states_no_date_unless_given_one(cli) -> None:
    assert "Prepared" not in cli("export").stdout
    dated = cli("export", "--date", "2024-06-01")
    assert dated.code == ExitCode.OK
    assert "\nPrepared 1 June 2024.\n" in dated.stdout


@pytest.mark.parametrize("value", ["2024-02-30", "June 1", "20240601", "2024-6-1", ""])
def test_bad_date_is_an_input_error(cli, value: str) -> None:
    result = cli("export", "--date", value)
    assert result.code == ExitCode.USAGE
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith(f"--date {value!r} is not a date")
    assert "YYYY-MM-DD" in lines[0]


def test_briefing_is_byte_identical_across_runs_and_jobs(cli) -> None:
    serial = cli("export", "--format", "html", "--jobs", "1")
    parallel = cli("export", "--format", "html", "--jobs", "2")
    assert serial.code == parallel.code == ExitCode.OK
    assert serial.stdout == parallel.stdout == cli("export", "-f", "html").stdout


def test_output_file_is_written_atomically(cli, tmp_path: Path) -> None:
    target = tmp_path / "briefing.html"
    target.write_text("old", encoding="utf-8")
    result = cli("export", "--corpus", "seeds", "--format", "html", "--output", str(target))
    assert result.code == ExitCode.OK
    assert result.stdout == ""
    assert result.stderr == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.html"]  # no temporary file left


def test_report_keeps_its_own_formats(cli) -> None:
    """`report` is for looking (table) and machines (json); the briefing is `export`'s."""
    assert cli("report", "--format", "markdown").code == ExitCode.USAGE
    assert cli("export", "--format", "json").code == ExitCode.USAGE


class _Page(HTMLParser):
    """Every start tag with its attributes, and the text of <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.style: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style.append(data)


_PAGE_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "blockquote",
}
_PAGE_TAGS |= {"h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}
_PAGE_TAGS |= {"nav", "a", "figure", "figcaption"}
_SVG_TAGS = {"svg", "title", "desc", "g", "rect", "line", "circle", "text", "tspan"}


def assert_self_contained(page: str) -> _Page:
    """Only document tags; no attribute that loads or links anything; no URL anywhere in a tag or the CSS."""
    parsed = _Page()
    parsed.feed(page)
    parsed.close()
    found = {tag for tag, _ in parsed.tags}
    assert found <= _PAGE_TAGS | _SVG_TAGS, found - _PAGE_TAGS - _SVG_TAGS
    for tag, attrs in parsed.tags:
        # the only links are the table of contents', each to an anchor of the page itself
        if tag == "a":
            assert set(attrs) == {"href"} and re.fullmatch(r"#[a-z0-9-]+", attrs["href"] or ""), attrs
            attrs = {}
        assert not set(attrs) & {"src", "href", "xlink:href", "srcset", "action", "style", "background"}, (
            tag,
            attrs,
        )
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert not [v for v in attrs.values() if v and re.search(r"https?:|//", v)], (tag, attrs)
    css = "".join(parsed.style)
    assert "url(" not in css and "@import" not in css and "http" not in css
    return parsed


def test_seeds_html_is_one_self_contained_page(cli) -> None:
    page = cli("export", "--format", "html").stdout
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    parsed = assert_self_contained(page)
    assert [tag for tag, _ in parsed.tags].count("style") == 1
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv"))
    assert csp is not None and "default-src 'none'" in csp
    assert "<h1>Briefing: Japan and AUKUS (2024)</h1>" in page
    assert '<table class="sources">' in page
    assert "@media print" in "".join(parsed.style)
    # The pictures: a timeline and a coverage matrix, drawn inline.
    classes = [attrs.get("class") for tag, attrs in parsed.tags if tag == "svg"]
    assert "timeline" in classes and "coverage" in classes
    # The bottom line comes before the first quote and the first picture; a table of contents
    # links to every section, each link an anchor of the page.
    bottom = page.index('<h2 id="bottom-line">Bottom line</h2>')
    assert bottom < page.index("<svg") and bottom < page.index("“")
    targets = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    ids = {attrs["id"] for _, attrs in parsed.tags if "id" in attrs}
    assert targets and all(target[1:] in ids for target in targets if target)
    assert '<h2 id="appendix-a-the-quotes" class="appendix">' in page


# --- small corpora, exact wording ------------------------------------------------------------

RULES = """\
schema_version: 1
version: "t.1"
title: Test pact
fields:
  - id: japan.status
    label: Japan's status
    type: enum
    vocabulary: [joined, under_consideration]
    extractors:
      - name: joined
        kind: pattern
        pattern: 'Japan\\s+(?P<anchor>joined)'
        value: joined
      - name: considered
        kind: pattern
        pattern: 'considering\\s+Japan'
        value: under_consideration
  - id: pact.scope
    label: What the pact covers
    type: set
    vocabulary: [quantum, cyber]
    extractors:
      - kind: lexicon
        terms:
          quantum: [quantum]
          cyber: ["cyber*"]
  - id: mood
    label: The mood
    type: enum
    vocabulary: [calm]
    extractors:
      - kind: pattern
        pattern: 'all is calm'
        value: calm
  - id: weather
    label: The weather
    type: enum
    vocabulary: [rain]
    extractors:
      - kind: pattern
        pattern: 'it rained'
        value: rain
"""


def front(outlet: str | None, published: str | None, title: str) -> str:
    lines = ["---", f"title: {title}"]
    if outlet:
        lines.append(f"outlet: {outlet}")
    if published:
        lines.append(f"published: {published}")
    return "\n".join([*lines, "---", ""])


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    write(
        corpus,
        "a.md",
        front("Daily One", "2024-04-08", "Japan joins")
        + "Japan joined the pact.\n\nIt covers quantum research and cyber defence.\n",
    )
    write(
        corpus,
        "b.md",
        front("Daily Two", "2024-05-01", "Still weighing")
        + "The partners are considering Japan for the pact.\n\nIt covers quantum research. All is calm.\n",
    )
    write(corpus, "c.md", front("Daily One", None, "Quantum") + "The pact covers quantum computing.\n")
    rules = write(tmp_path, "rules.yaml", RULES)
    return corpus, rules


def export(cli, corpus: Path, rules: Path, *args: str) -> str:
    result = cli("export", "--corpus", str(corpus), "--rules", str(rules), *args)
    assert result.code == ExitCode.OK, result.stderr
    return result.stdout


def test_small_briefing_reads_as_written(cli, small: tuple[Path, Path]) -> None:
    corpus, rules = small
    text = export(cli, corpus, rules)
    assert_well_formed(text, corpus)
    expected_parts = [
        "# Briefing: Test pact\n",
        f"3 articles from {corpus}, 2 independent sources between them. Publication dates: 2 dated "
        f"from 8 April 2024 to 1 May 2024 and 1 undated. Read by aukus-check {__version__} against the "
        f"rules Test pact, version t.1 ({rules}), which define 4 facts;",
        "## Bottom line\n\n**Open conflicts (1)**, which no analyst has judged yet:\n\n"
        "- **Japan's status**: **joined** \\[F2\\] (A1; 1 independent source: Daily One) and "
        "**under consideration** \\[F2\\] (A2; 1 independent source: Daily Two) cannot all be true.\n",
        # A1 and A3 are both Daily One's: quantum has three articles but two sources.
        "**Confirmed by two or more independent sources (1):**\n\n"
        "- What the pact covers: **quantum** \\[F1\\] (2 independent sources); on one source only: "
        "cyber \\[F2\\] (Daily One).\n",
        "**Resting on one source (1),** by source:\n\n- **Daily Two** (in A2): The mood: calm \\[F2\\].\n",
        "**Not stated by any article:** 1 fact, listed in Appendix B.\n",
        "### 1. Japan's status (open)\n\n"
        "| Value | Grade | Articles | Independent sources | First stated at |\n|---|---|---|---|---|\n"
        "| **joined**, in conflict | F2 | A1 | 1: Daily One | (A1, line 6) |\n"
        "| **under consideration**, in conflict | F2 | A2 | 1: Daily Two | (A2, line 6) |\n\n"
        "These values cannot all be true.\n\n**Resolution:** none recorded.\n",
        "| 8 April 2024 | A1 published | Japan's status: joined |\n"
        "| 1 May 2024 | A2 published | Japan's status: under consideration |\n",
        "Articles that state no publication date: A3.",
        "| Fact | Status | A1 | A2 | A3 | Values |\n|---|---|---|---|---|---|\n"
        "| Japan's status | OPEN conflict | **1** | **2** | — | 1 joined; 2 under consideration |\n"
        "| What the pact covers | confirmed | 1, 2 | 1 | 1 | 1 quantum; 2 cyber |\n",
        "| **A1** | Japan joins | Daily One | 8 April 2024 | Daily One (its outlet) | — | "
        + f"{corpus}/a.md |\n",
        "| **A3** | Quantum | Daily One | undated | Daily One (its outlet) | — | " + f"{corpus}/c.md |\n",
        "### Japan's status\n\n- **joined** \\[F2\\]: 1 article (A1), 1 independent source (Daily One)\n"
        "  - *asserted*: “**Japan joined** the pact.” (A1, line 6)\n",
        "- **quantum** \\[F1\\]: 3 articles (A1, A2, A3), 2 independent sources (Daily One, Daily Two)\n",
        "## Appendix B: facts no article states\n\n- The weather\n",
    ]
    for part in expected_parts:
        assert part in text, part
    assert "The mood" not in text.split("## Coverage")[1].split("## Sources")[0]  # one cell: not drawn


def test_agreement_counts_independent_sources_not_articles(cli, small: tuple[Path, Path]) -> None:
    corpus, rules = small
    write(corpus, "d.md", "Untitled\n\nThe pact covers quantum sensing.\n")  # no outlet: its own source
    text = export(cli, corpus, rules)
    assert (
        "- **quantum** \\[F1\\]: 4 articles (A1, A2, A3, A4), 3 independent sources "
        "(Daily One, Daily Two, A4)\n" in text
    )


def test_a_forecast_backed_by_another_articles_statement_is_not_unconfirmed(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "a.md", front("Daily One", None, "Now") + "The pact covers quantum research.\n")
    write(corpus, "b.md", front("Daily Two", None, "Later") + "The pact will cover quantum research.\n")
    rules = write(tmp_path, "rules.yaml", RULES)
    text = export(cli, corpus, rules)
    assert "- What the pact covers: **quantum** \\[F1\\] (2 independent sources).\n" in text
    assert "on one source only" not in text


def test_resolution_note_is_shown_under_its_conflict(cli, small: tuple[Path, Path]) -> None:
    report = engine_report(*small)
    note = ResolutionNote(
        decision="accepted: under consideration",
        rationale="A1 misreads the [announcement](http://evil.example); see <b>B</b>.",
        by="A. Analyst",
        date="2024-06-02",
        accept="under_consideration",
    )
    text = briefing(report, RenderOptions(resolutions={"japan.status": note}))
    assert "**Open conflicts:** none.\n" in text
    assert (
        "- **Japan's status**: accepted **under consideration** \\[F2\\] (A2; 1 independent source: "
        "Daily Two); set aside: **joined** \\[F4\\] (A1; 1 independent source: Daily One).\n"
    ) in text
    assert "### 1. Japan's status (resolved)\n" in text
    assert "| **joined**, set aside | F4 |" in text and "| **under consideration**, accepted | F2 |" in text
    assert (
        "**Resolution** (recorded by A. Analyst, 2024-06-02): accepted: under consideration. "
        "The rationale is in Appendix A.\n"
    ) in text
    assert (
        "> **Resolution** (recorded by A. Analyst, 2024-06-02): accepted: under consideration. "
        "*Rationale:* A1 misreads the \\[announcement\\](http://evil.example); see \\<b\\>B\\</b\\>.\n"
    ) in text
    assert "| Japan's status | resolved conflict | *1* | *2* |" in text
    assert "none recorded" not in text
    assert not [
        t
        for t in read_back(text).tokens
        if t.type == "inline" and any(c.type == "link_open" for c in t.children or [])
    ]


def test_long_sentence_is_cut_around_the_match(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    before = " ".join(f"word{n}" for n in range(60))
    after = " ".join(f"more{n}" for n in range(60))
    write(corpus, "a.txt", f"Title\n\n{before}, Japan joined the pact, {after}.\n")
    rules = write(tmp_path, "rules.yaml", RULES)
    text = export(cli, corpus, rules)
    structure = assert_well_formed(text, corpus)
    (quote,) = [q for q in structure.quotes if "Japan joined" in q.text]
    assert quote.text.startswith("…word") and quote.text.endswith("…")
    assert len(quote.text) <= 270
    assert "**Japan joined**" in text


def test_quote_over_a_line_break_cites_both_lines(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(
        corpus,
        "a.txt",
        "Title\n\nOfficials in Tokyo and in the partner capitals said that Japan\njoined the pact.\n",
    )
    rules = write(tmp_path, "rules.yaml", RULES)
    text = export(cli, corpus, rules)
    assert (
        "“Officials in Tokyo and in the partner capitals said that **Japan joined** the pact.” "
        "(A1, lines 3–4)" in text
    )
    assert_well_formed(text, corpus)


def test_many_supporters_are_cited_beyond_five_and_the_matrix_splits(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for n in range(7):
        write(corpus, f"{n:02d}.txt", f"Story {n}\n\nJapan joined the pact.\n")
    write(corpus, "07.txt", "Story 7\n\nThe partners are considering Japan.\n")
    rules = write(tmp_path, "rules.yaml", RULES)
    text = export(cli, corpus, rules)
    structure = assert_well_formed(text, corpus)
    assert "  - 2 more articles: (A6, line 3), (A7, line 3)\n" in text
    coverage = [table for table in structure.tables if table[0][0] == "Fact"]
    assert [table[0][2:-1] for table in coverage] == [["A1", "A2", "A3", "A4", "A5", "A6"], ["A7", "A8"]]


def test_long_lists_of_articles_are_counted_past_twenty(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for n in range(27):
        write(corpus, f"{n:02d}.txt", f"Story {n}\n\nJapan joined the pact.\n")
    write(corpus, "99.txt", "Story 99\n\nThe partners are considering Japan.\n")
    rules = write(tmp_path, "rules.yaml", RULES)
    text = export(cli, corpus, rules)
    labels = ", ".join(f"A{n}" for n in range(1, 21))
    # the bottom line counts them; the conflict's table names twenty
    assert "**joined** \\[F1\\] (27 articles; 27 independent sources) and " in text
    assert f"| **joined**, in conflict | F1 | {labels} and 7 more | 27: {labels} and 7 more |" in text
    cited = ", ".join(f"(A{n}, line 3)" for n in range(6, 26))
    assert f"  - 22 more articles: {cited} and 2 more\n" in text
    assert_well_formed(text, corpus)


def test_an_article_on_both_sides_is_named(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "Title\n\nJapan joined the pact. Yet the partners are considering Japan.\n")
    rules = write(tmp_path, "rules.yaml", RULES)
    text = export(cli, corpus, rules)
    assert "These values cannot all be true (A1 states more than one of them).\n" in text


def test_no_conflicts_is_said_plainly(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "Title\n\nJapan joined the pact.\n")
    rules = write(tmp_path, "rules.yaml", RULES)
    text = export(cli, corpus, rules)
    assert "## Bottom line\n\n**Open conflicts:** none.\n" in text
    assert "## Conflicts\n\nNo two articles conflict on any fact.\n" in text


# --- words -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "words"),
    [
        (PartialDate(year=2024, month=3, day=4), "4 March 2024"),
        (PartialDate(year=2024, month=3), "March 2024"),
        (PartialDate(year=2024), "2024"),
        (PartialDate(month=5, day=12), "12 May, year not stated"),
    ],
)
def test_date_words(date: PartialDate, words: str) -> None:
    assert date_words(date) == words


def test_values_and_stances_in_words() -> None:
    assert value_words("under_consideration") == "under consideration"
    assert value_words("Rahm Emanuel") == "Rahm Emanuel"  # typed values pass through
    assert stance_words("joined", "affirmed") == "joined"
    assert stance_words("joined", "expected") == "joined (expected)"
    assert stance_words("joined", "denied") == "not joined"


def test_prepared_date_comes_only_from_the_options(cli, small: tuple[Path, Path]) -> None:
    report = engine_report(*small)
    text = briefing(report, RenderOptions(date=datetime.date(2025, 1, 31)))
    assert "\nPrepared 31 January 2025.\n" in text


# --- hostile articles ------------------------------------------------------------------------

HOSTILE_TITLE = (
    "# | `tick` *star* _under_ [x](http://evil.example) ![i](http://evil.example/x.png) "
    "<script>alert(1)</script>"
)
HOSTILE_OUTLET = (
    "'| <img src=http://evil.example/o.png> [o](http://evil.example) <script>alert(2)</script> "
    "]]> <![CDATA[x]]> \u202e |'"
)
HOSTILE_BODY = (
    "> 1. | cell | `code` **bold** [link](http://evil.example) ![img](https://evil.example/i.png) "
    "<script>alert(1)</script> <b>b</b> <img src=x onerror=alert(1)> &amp; &lt;b&gt; &#60;i&#62; "
    "<http://evil.example> www.evil.example ~~strike~~ {curly} \\ \x1b[31m \u202e\tTab.\n"
    "\n"
    "# Heading | with pipe: Japan joined the pact [x](http://evil.example) <b>now</b> | `x` * _ ~.\n"
    "\n"
    "- | list: it covers quantum | and cyber <script>x</script> ![i](x.png).\n"
    "\n"
    "1. <i>All is calm</i> | ok.\n"
)


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    outlet = HOSTILE_OUTLET
    write(
        corpus, "x|`*_[l](http-evil)<b>.md", front(outlet, "2024-04-08", f"'{HOSTILE_TITLE}'") + HOSTILE_BODY
    )
    write(corpus, "plain.txt", "Plain story\n\nThe partners are considering Japan.\n")
    return corpus, write(tmp_path, "rules.yaml", RULES)


def test_hostile_article_stays_well_formed_and_inert_in_markdown(cli, hostile: tuple[Path, Path]) -> None:
    corpus, rules = hostile
    text = export(cli, corpus, rules)
    structure = assert_well_formed(text, corpus)
    forbidden = {
        "link_open",
        "image",
        "html_inline",
        "html_block",
        "code_inline",
        "code_block",
        "fence",
        "s_open",
    }
    found = {t.type for t in structure.tokens} | {c.type for t in structure.tokens for c in t.children or []}
    assert not found & forbidden, found & forbidden
    assert "\x1b" not in text and "\u202e" not in text
    # The article's words are all there, as text: its title in the sources table (cut to a
    # short title at a space), its outlet where its claims are counted, its quote.
    (sources,) = [table for table in structure.tables if table[0][0] == "Article"]
    titles = {row[0]: row[1] for row in sources[1:]}
    assert short_title(HOSTILE_TITLE) in titles.values()
    assert short_title(HOSTILE_TITLE) == "# | `tick` *star* _under_ [x](http://evil.example)…"
    outlet = one_line(HOSTILE_OUTLET.strip("'"))
    assert f"1 independent source: {outlet}" in " ".join(structure.inline)
    quoted = " ".join(q.text for q in structure.quotes)
    assert "Japan joined the pact [x](http://evil.example) <b>now</b> | `x` * _ ~." in quoted
    assert "<script>x</script> ![i](x.png)" in " ".join(structure.inline)
    # The only headings are the briefing's own.
    assert not [h for h in headings(structure.tokens) if "Heading" in h or "tick" in h]


def test_hostile_article_stays_inert_in_html(cli, hostile: tuple[Path, Path]) -> None:
    corpus, rules = hostile
    page = export(cli, corpus, rules, "--format", "html")
    parsed = assert_self_contained(page)  # no <script>, <a>, <img>, <b> or <i> from the article
    assert [tag for tag, _ in parsed.tags].count("h1") == 1
    assert (
        "&lt;script&gt;alert(2)&lt;/script&gt; ]]&gt; &lt;![CDATA[x]]&gt; \\u202e" in page
    )  # shown, as text
    assert "[x](http://evil.example)" in page
    assert "\x1b" not in page and "\u202e" not in page


def test_hostile_text_stays_inert_in_the_pictures(cli, tmp_path: Path) -> None:
    """Article text reaches the timeline (the outlets behind a date) through the bundled rules'
    date fields; in the SVG it is text, never markup, a CDATA end or a reordering character."""
    corpus = tmp_path / "corpus"
    write(
        corpus,
        "a.md",
        front(HOSTILE_OUTLET, "2024-03-04", "Launch recalled")
        + "AUKUS, which was formally launched in September 2021, links three navies.\n",
    )
    write(corpus, "b.txt", "Other view\n\nThe pact was announced in 2021 by three leaders.\n")
    page = export(cli, corpus, RULES_FILE, "--format", "html")
    assert_self_contained(page)
    pictures = re.findall(r"<svg .*?</svg>", page, flags=re.DOTALL)
    timeline = next(picture for picture in pictures if 'class="timeline"' in picture)
    assert "&lt;script&gt;alert(2)&lt;/script&gt; ]]&gt; &lt;![CDATA[x]]&gt; \\u202e" in timeline
    for picture in pictures:
        assert "<script" not in picture and "]]>" not in picture and "<![CDATA" not in picture
        assert "\u202e" not in picture and "<img" not in picture
        assert "When AUKUS was announced or established" in picture or 'class="timeline"' not in picture


def test_pictures_escape_every_label() -> None:
    """The SVG writer escapes what it is given, wherever it puts it: labels, dates, lines."""
    hostile = "<script>alert(3)</script> & ]]> \u202eevil \x1b[31m"
    moment = Moment("event", (2024, 3, 4), hostile, False, hostile, (hostile,))
    (picture,) = timeline_svg(Timeline((moment,), (hostile,), ("A1",), None))
    assert "<script" not in picture and "]]>" not in picture
    assert "\u202e" not in picture and "\x1b" not in picture
    assert "&lt;script&gt;alert(3)&lt;/script&gt; &amp; ]]&gt; \\u202eevil \\x1b[31m" in picture
    assert wrap("a  b\nc", 3) == ["a b", "c"] and wrap("abcdefgh", 3) == ["abc", "def", "gh"]


# --- quotes, property-checked ----------------------------------------------------------------


def make_claim(sentence: str, start: int, end: int, line: int = 7) -> Claim:
    """A claim whose match is sentence[start:end], the sentence starting at offset 100, line 7."""
    return Claim(
        value="v",
        modality="reported",
        hedged=False,
        cues=(),
        extractor=ExtractorRef(name="r", kind="pattern", line=1, column=1),
        evidence=Evidence(
            article="a",
            path="c/a.txt",
            line=line + sentence[:start].count("\n"),
            column=1,
            end_line=line,
            end_column=1,
            start=100 + start,
            end=100 + end,
            text=sentence[start:end],
            sentence=sentence,
            sentence_start=100,
            sentence_line=line,
            sentence_column=1,
        ),
    )


def test_quotes_are_verbatim_cuts_with_the_match_in_bold() -> None:
    """Random sentences of words, metacharacters and line breaks, random matches: every quote
    parses to cut fragments of the sentence, keeps the whole match, stays short, and cites the
    lines its text is on."""
    words = [
        "Japan",
        "joined",
        "the",
        "pact",
        "U.S.-led",
        "*",
        "_x_",
        "[a](b)",
        "<i>",
        "“q”",
        "a|b",
        "\\",
        "9.",
    ]
    generator = random.Random(11)
    for _ in range(400):
        tokens = [generator.choice(words) for _ in range(generator.randint(1, 90))]
        sentence = "".join(t + generator.choice([" ", " ", " ", "\n"]) for t in tokens).rstrip()
        start = generator.randrange(len(sentence))
        end = generator.randint(start + 1, min(len(sentence), start + 40))
        claim = make_claim(sentence, start, end)
        text = quote(claim, "A1")
        (match,) = [
            QUOTE_ITEM.search(f"reported: {plain(t)}") for t in PARSER.parse(text) if t.type == "inline"
        ]
        assert match, text
        body = match["quote"]
        assert len(body) <= MAX_QUOTE + len(fold(sentence[start:end])) + 2
        folded = one_line(sentence)
        fragments = [f.strip() for f in body.split("…") if f.strip()]
        for fragment in fragments:
            assert fragment in folded, (fragment, sentence)
        assert one_line(sentence[start:end]).strip(" ") in body
        first, last = int(match["first"]), int(match["last"] or match["first"])
        lines = sentence.split("\n")
        assert one_line(" ".join(lines[first - 7 : last - 6])).find(fragments[0]) >= 0
        if any(ch.isalnum() for ch in sentence[start:end]):
            assert "**" in text
