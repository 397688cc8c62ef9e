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
from aukus_check.render.markdown import MAX_QUOTE, briefing, date_words, quote, stance_words, value_words
from aukus_check.safe_text import one_line
from tests.conftest import GOLDEN, SEEDS

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
    from aukus_check.engine import run
    from aukus_check.rules import load_rules

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
    sections = [
        h for h in titles if h in {"What was checked", "Key findings: conflicts", "Coverage", "Sources"}
    ]
    assert sections == ["What was checked", "Key findings: conflicts", "Coverage", "Sources"]
    # Every article is in the sources table, with its path.
    sources = structure.tables[-1]
    assert [row[0] for row in sources[1:]] == [f"A{n}" for n in range(1, 6)]
    assert all(row[-1].startswith("seeds/") for row in sources[1:])


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


def assert_self_contained(page: str) -> _Page:
    """Only document tags; no attribute that loads or links anything; no URL anywhere in a tag or the CSS."""
    parsed = _Page()
    parsed.feed(page)
    parsed.close()
    assert {tag for tag, _ in parsed.tags} <= _PAGE_TAGS, {tag for tag, _ in parsed.tags} - _PAGE_TAGS
    for tag, attrs in parsed.tags:
        assert not set(attrs) & {"src", "href", "srcset", "action", "style", "background"}, (tag, attrs)
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
    assert '<table class="coverage">' in page and '<table class="sources">' in page
    assert '<td class="status conflict">conflict</td>' in page and '<td class="silent">—</td>' in page
    assert "@media print" in "".join(parsed.style)


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
        f"- **Articles:** 3 articles from {corpus}. Publication dates: 2 dated from 8 April 2024 to "
        "1 May 2024 and 1 undated.\n",
        f"- **Rules:** Test pact, version t.1 ({rules}), which define 4 facts to look for.\n",
        "**In brief:** the articles conflict on 1 fact and agree on 1; 1 fact rests on a single "
        "article; 1 is stated by none.",
        "### 1. Japan's status\n\nThe articles give values that cannot all be true:\n\n"
        "- **joined** (A1) against **under consideration** (A2)\n\n**Resolution:** none recorded.\n",
        "#### joined\n\n- **A1**, *Japan joins* (Daily One; 8 April 2024)\n"
        "  - *asserted*: “**Japan joined** the pact.” (A1, line 6)\n",
        "#### under consideration\n\n- **A2**, *Still weighing* (Daily Two; 1 May 2024)\n"
        "  - *asserted*: “The partners are **considering Japan** for the pact.” (A2, line 6)\n",
        "### What the pact covers\n\n- **quantum**: 3 articles (A1, A2, A3) from 2 distinct outlets\n"
        "  - *asserted*: “It covers **quantum** research and cyber defence.” (A1, line 8)\n"
        "  - also stated in (A2, line 8), (A3, line 5)\n"
        "- **cyber**: only A1 (Daily One), so unconfirmed\n",
        "## Unconfirmed: stated by one article only\n",
        "### The mood\n\nOnly **A2**, *Still weighing* (Daily Two; 1 May 2024) states this.\n\n"
        "- **calm**, *asserted*: “**All is calm**.” (A2, line 8)\n",
        "## Not stated by any article\n\n- The weather\n",
        "| Fact | Status | A1 | A2 | A3 |\n|---|---|---|---|---|\n"
        "| Japan's status | conflict | joined | under consideration | — |\n",
        "| The weather | silent | — | — | — |\n",
        "| **A1** | Japan joins | Daily One | 8 April 2024 | — | " + f"{corpus}/a.md |\n",
        "| **A3** | Quantum | Daily One | undated | — | " + f"{corpus}/c.md |\n",
    ]
    for part in expected_parts:
        assert part in text, part


def test_agreement_counts_articles_and_distinct_outlets(cli, small: tuple[Path, Path]) -> None:
    corpus, rules = small
    write(corpus, "d.md", "Untitled\n\nThe pact covers quantum sensing.\n")
    text = export(cli, corpus, rules)
    assert "- **quantum**: 4 articles (A1, A2, A3, A4) from 2 distinct outlets; 1 names no outlet\n" in text


def test_a_forecast_backed_by_another_articles_statement_is_not_unconfirmed(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "a.md", front("Daily One", None, "Now") + "The pact covers quantum research.\n")
    write(corpus, "b.md", front("Daily Two", None, "Later") + "The pact will cover quantum research.\n")
    rules = write(tmp_path, "rules.yaml", RULES)
    text = export(cli, corpus, rules)
    assert "- **quantum**: 1 article (A1), Daily One\n" in text
    assert "- **quantum (expected)**: 1 article (A2), Daily Two\n" in text
    assert "unconfirmed\n" not in text


def test_resolution_note_is_shown_under_its_conflict(cli, small: tuple[Path, Path]) -> None:
    report = engine_report(*small)
    note = ResolutionNote(
        decision="accept under_consideration",
        rationale="A1 misreads the [announcement](http://evil.example); see <b>B</b>.",
        by="A. Analyst",
        date="2024-06-02",
    )
    text = briefing(report, RenderOptions(resolutions={"japan.status": note}))
    assert (
        "**Resolution** (recorded by A. Analyst, 2024-06-02): accept under_consideration. "
        "*Rationale:* A1 misreads the \\[announcement\\](http://evil.example); see \\<b\\>B\\</b\\>.\n"
    ) in text
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
    assert "- 2 more articles: (A6, line 3), (A7, line 3)\n" in text
    coverage = [table for table in structure.tables if table[0][0] == "Fact"]
    assert [table[0][2:] for table in coverage] == [["A1", "A2", "A3", "A4", "A5", "A6"], ["A7", "A8"]]


def test_long_lists_of_articles_are_counted_past_twenty(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for n in range(27):
        write(corpus, f"{n:02d}.txt", f"Story {n}\n\nJapan joined the pact.\n")
    write(corpus, "99.txt", "Story 99\n\nThe partners are considering Japan.\n")
    rules = write(tmp_path, "rules.yaml", RULES)
    text = export(cli, corpus, rules)
    labels = ", ".join(f"A{n}" for n in range(1, 21))
    assert f"- **joined** ({labels} and 7 more) against **under consideration** (A28)\n" in text
    cited = ", ".join(f"(A{n}, line 3)" for n in range(6, 26))
    assert f"- 22 more articles: {cited} and 2 more\n" in text
    assert_well_formed(text, corpus)


def test_an_article_on_both_sides_is_named(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "Title\n\nJapan joined the pact. Yet the partners are considering Japan.\n")
    rules = write(tmp_path, "rules.yaml", RULES)
    text = export(cli, corpus, rules)
    assert "- **joined** (A1) against **under consideration** (A1) (A1 states both)\n" in text


def test_no_conflicts_is_said_plainly(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "Title\n\nJapan joined the pact.\n")
    rules = write(tmp_path, "rules.yaml", RULES)
    assert "## Key findings: conflicts\n\nNo two articles conflict on any fact.\n" in export(
        cli, corpus, rules
    )


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
    outlet = "'| <img src=http://evil.example/o.png> [o](http://evil.example) |'"
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
    # The article's words are all there, as text: its title in the sources table, its quote.
    sources = structure.tables[-1]
    titles = {row[0]: row[1] for row in sources[1:]}
    assert HOSTILE_TITLE in titles.values()
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
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown, as text
    assert "[x](http://evil.example)" in page
    assert "\x1b" not in page and "\u202e" not in page


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
