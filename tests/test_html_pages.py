"""Saved web pages as articles: main text without page chrome, metadata as front matter,
evidence that points into the text `aukus-check text` prints, and every other file named."""

from __future__ import annotations

import json
from pathlib import Path

from aukus_check.corpus import ArticleSource, text_as_read
from aukus_check.exit_codes import ExitCode
from aukus_check.html_pages import looks_like_html, read_page
from tests.gate_helpers import ARTICLE_A, inside

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour talks stall | The Coastal Ledger</title>
<meta property="og:title" content="Harbour talks stall as Canberra weighs options">
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="article:published_time" content="2024-06-17T08:15:00+10:00">
<meta name="author" content="Priya Okafor">
<link rel="canonical" href="https://ledger.example.org/2024/06/17/harbour-talks">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe now</a></nav>
<article>
<h1>Harbour talks stall as Canberra weighs options</h1>
<p>SYDNEY -- Tokyo has not joined the second pillar of AUKUS, a senior official in Canberra said
on Monday, though talks on joint research are under way.</p>
<p>Beijing said it firmly opposed any expansion of the grouping, warning of an arms race in the
region and urging the partners to abandon what it called a Cold War mentality.</p>
<p>Officials in London declined to comment on the timing of any decision.</p>
</article>
<footer>© 2024 The Coastal Ledger. All rights reserved. <a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def test_a_page_reads_as_its_main_text_under_its_metadata() -> None:
    page = read_page(PAGE.encode("utf-8"), PAGE)
    assert page is not None
    assert page.title == "Harbour talks stall as Canberra weighs options"
    assert page.published == "2024-06-17"
    assert page.outlet == "The Coastal Ledger"
    assert page.author == "Priya Okafor"
    assert page.url == "https://ledger.example.org/2024/06/17/harbour-talks"
    assert "Tokyo has not joined the second pillar" in page.text
    for chrome in ("Subscribe now", "Privacy policy", "All rights reserved", "<p>", "DOCTYPE"):
        assert chrome not in page.text
    text = page.as_text()
    assert text.startswith("---\ntitle: Harbour talks stall as Canberra weighs options\n")
    assert "\npublished: '2024-06-17'\n" in text


def test_metadata_that_looks_like_yaml_or_markup_stays_text() -> None:
    hostile = (
        PAGE.replace("Harbour talks stall as Canberra weighs options", "---\nkey: [1, 2\n# not a comment")
        .replace("The Coastal Ledger", "&lt;b&gt;Ledger&lt;/b&gt;: \x1b[31m")
        .replace("2024-06-17T08:15:00", "2024-02-30T08:15:00")
        .replace("/2024/06/17/", "/")  # no other date for the page's metadata to offer
    )
    page = read_page(hostile.encode("utf-8"), hostile)
    assert page is not None
    assert page.title == "--- key: [1, 2 # not a comment"  # whitespace folded, nothing parsed
    assert page.published == "2024-02"  # no 30 February, so no day: never the 1st or the 29th
    assert page.outlet is not None and "\x1b" not in page.outlet
    text = page.as_text()
    assert text.splitlines()[:2] == ["---", "title: '--- key: [1, 2 # not a comment'"]


def test_a_page_with_no_metadata_still_opens_with_a_front_matter_block() -> None:
    bare = "<html><body><article><p>---</p><p>" + "A sentence of the body that is long enough. " * 8
    markup = bare + "</p></article></body></html>"
    page = read_page(markup.encode("utf-8"), markup)
    assert page is not None and page.title is None
    assert page.as_text().startswith("---\n---\n\n---\n")  # the body's rule is not front matter


def test_a_date_is_kept_only_as_precisely_as_the_page_states_it() -> None:
    def published(meta: str, url: str = "/harbour-talks") -> str | None:
        markup = PAGE.replace("2024-06-17T08:15:00+10:00", meta).replace("/2024/06/17/harbour-talks", url)
        page = read_page(markup.encode("utf-8"), markup)
        assert page is not None
        return page.published

    assert published("2024-06") == "2024-06"  # not "the 1st of June"
    assert published("June 17, 2024") == "2024-06-17"
    assert published("17th Jun 2024") == "2024-06-17"
    assert published("2023-11-02T07:00:00Z") == "2023-11-02"


def test_the_page_sniffer_knows_a_page_under_another_suffix() -> None:
    assert looks_like_html(b"\n  <!-- saved --><!doctype HTML><html>")
    assert looks_like_html(b"<html lang=en>")
    assert not looks_like_html(b"<b>Bold</b> claims in a text article\n")
    assert not looks_like_html(b"Plain text mentioning <html> later\n")


def test_a_page_without_article_text_is_skipped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>", encoding="utf-8")
    read, warnings = text_as_read(ArticleSource(path, "corpus/empty.html", "empty"))
    assert read is None
    assert [w.message for w in warnings] == ["skipped: the page holds no article text"]


def test_report_reads_a_page_and_evidence_lines_match_the_text_command(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ledger.htm").write_text(PAGE, encoding="utf-8")
    (corpus / "note.txt").write_text(ARTICLE_A, encoding="utf-8")
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.7\n")
    with inside(tmp_path):
        result = cli("report", "--corpus", "corpus", "--format", "json")
        shown = cli("text", "corpus/ledger.htm")
        numbered = cli("text", "-n", "corpus/ledger.htm")
    assert result.code == ExitCode.OK, result.stderr
    assert result.stderr == "corpus/scan.pdf: warning: is not a .txt, .md or .html article; not read\n"
    report = json.loads(result.stdout)
    assert report["summary"]["not_read"] == 1
    page = next(a for a in report["articles"] if a["id"] == "ledger")
    assert page["title"] == "Harbour talks stall as Canberra weighs options"
    assert page["published"]["date"]["iso"] == "2024-06-17"
    assert (page["outlet"], page["extracted_from"]) == ("The Coastal Ledger", "html")
    lines = shown.stdout.splitlines()
    assert numbered.stdout.splitlines()[0] == " 1 │ ---"
    claims = [c for f in report["fields"] for c in f["claims"] if c["evidence"]["article"] == "ledger"]
    assert claims, "the page's sentences are read"
    for claim in claims:  # every line:column points at the quoted text in what `text` prints
        evidence = claim["evidence"]
        line = lines[evidence["line"] - 1]
        matched = evidence["sentence"][evidence["start"] - evidence["sentence_start"] :][:10]
        assert line[evidence["column"] - 1 :].startswith(matched), claim


def test_a_page_saved_as_txt_is_read_as_a_page(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "saved.txt").write_text(PAGE, encoding="utf-8")
    with inside(tmp_path):
        result = cli("report", "--corpus", "corpus", "--format", "json")
    assert result.stderr == "corpus/saved.txt: warning: is an HTML page; read as one\n"
    (article,) = json.loads(result.stdout)["articles"]
    assert article["title"] == "Harbour talks stall as Canberra weighs options"  # not the doctype


def test_text_prints_control_codes_as_escapes_and_refuses_what_is_not_a_file(cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Title\n\nRed \x1b[31malert\x1b[0m here.\n")
    shown = cli("text", str(tmp_path / "a.txt"))
    assert shown.stdout == "Title\n\nRed \\x1b[31malert\\x1b[0m here.\n"
    missing = cli("text", str(tmp_path / "nope.txt"))
    assert missing.code == ExitCode.USAGE
    assert (
        missing.stderr
        == f"{tmp_path / 'nope.txt'}: not an article file (hint: give the path evidence names)\n"
    )
    folder = cli("text", str(tmp_path))
    assert folder.code == ExitCode.USAGE and folder.stderr.count("\n") == 1


def test_init_then_a_page_and_a_text_article_are_gated_with_no_flags(cli, tmp_path: Path) -> None:
    cli("init", str(tmp_path))
    (tmp_path / "corpus" / "ledger.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "corpus" / "note.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "corpus" / "brief.pdf").write_bytes(b"%PDF-1.7\n")
    with inside(tmp_path):
        gate = cli("check")
        report = cli("report", "--format", "json")
    assert gate.code in (ExitCode.OK, ExitCode.FINDINGS), gate.stderr
    assert "corpus corpus" in gate.stdout  # the gate names the corpus it checked
    assert "corpus/brief.pdf: warning: is not a .txt, .md or .html article; not read" in gate.stderr
    data = json.loads(report.stdout)
    assert data["corpus"] == {"path": "corpus", "bundled": False, "articles": 2}
    titles = {
        a["id"]: (a["title"], a["published"]["date"]["iso"] if a["published"] else None)
        for a in data["articles"]
    }
    assert titles["ledger"] == ("Harbour talks stall as Canberra weighs options", "2024-06-17")
    assert titles["note"][0] == "Mission report"


def test_a_corpus_without_pages_never_imports_the_page_reader(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from aukus_check.cli import run_cli\n"
        "run_cli(['report', '--format', 'json', '-o', sys.argv[1]])\n"
        "print(sorted(m for m in ('trafilatura', 'lxml') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "report.json")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.splitlines()[-1] == "[]"
