"""Property-based fuzzing of what a user or a pull request hands the tool: article bytes and
names, front matter, rules and the ledger, through the real CLI in-process.

Whatever the input, every command ends with exit 0, 1 or 2 (never 3, the code of a bug),
prints no traceback, writes no raw control character (C0, C1, DEL, bidi controls) to either
stream, and leaves the ledger either byte for byte as it was or a valid ledger that still
holds every other decision.

Two profiles: `ci` (the default: a fixed, derandomized sample, a minute or so) and `long`
(thousands of fresh examples per test, on demand):

    AUKUS_CHECK_FUZZ=long python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
import re
import string
import textwrap
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aukus_check.exit_codes import ExitCode
from aukus_check.ledger import parse_ledger
from aukus_check.rules import parse_rules
from tests.gate_helpers import ARTICLE_A, ARTICLE_B, LEDGER_YAML, RULES_YAML

settings.register_profile(
    "ci",
    max_examples=40,
    derandomize=True,  # CI runs the same examples every time: a red build is a real regression
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PROFILE = settings.get_profile(os.environ.get("AUKUS_CHECK_FUZZ", "ci"))

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Characters that must never reach a terminal or a log raw: all C0 but tab and newline, DEL,
C1, and the bidi controls that reorder what a reader sees."""

_RUN = count()


def well_behaved(result) -> None:
    """The promises every command keeps, whatever it was given."""
    assert result.code in (ExitCode.OK, ExitCode.FINDINGS, ExitCode.USAGE), (result.code, result.stderr)
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, stream
        found = RAW_CONTROL.search(stream)
        assert found is None, (
            f"raw {found.group()!r} in {stream[max(0, found.start() - 60) : found.end() + 60]!r}"
        )


def fresh(base: Path) -> Path:
    """A new directory for one example (hypothesis reuses the test's tmp_path)."""
    directory = base / f"run{next(_RUN)}"
    directory.mkdir()
    return directory


def project(base: Path, *, rules: str = RULES_YAML, articles: dict[str, bytes] | None = None) -> Path:
    """A corpus with the given articles (default: two that conflict) and rules beside it."""
    root = fresh(base)
    corpus = root / "corpus"
    corpus.mkdir()
    for name, data in (articles or {"a.txt": ARTICLE_A.encode(), "b.txt": ARTICLE_B.encode()}).items():
        (corpus / name).write_bytes(data)
    (root / "rules.yaml").write_text(rules, encoding="utf-8")
    return root


def every_view(cli, root: Path, *extra: str) -> None:
    """Report in each format, the gate, and both briefings: all well behaved."""
    where = ("--corpus", str(root / "corpus"), "--rules", str(root / "rules.yaml"), *extra)
    for fmt in ("table", "json", "github", "sarif", "junit"):
        well_behaved(cli("report", *where, "--format", fmt))
    well_behaved(cli("check", *where))
    for fmt in ("markdown", "html"):
        well_behaved(cli("export", *where, "--format", fmt))


# --- articles ---------------------------------------------------------------------------------

# Text a scraper or an attacker may leave in an article: controls, bidi overrides, markup of
# every kind the renderers speak, lines that look like front matter, datelines and headers.
hostile_pieces = st.sampled_from(
    [
        "\x1b[31mred\x1b[0m",
        "\x9b2J",
        "\u202egnp.exe",
        "\u2066isolated\u2069",
        "\r",
        "\x00",
        "\x0c",
        "<script>alert(1)</script>",
        "[link](javascript:alert(1))",
        "| a | b |",
        "[bold]x[/bold]",
        "::error::x",
        "%0A",
        "---",
        "title: x",
        "TOKYO, May 2 (Wire) -",
        "date 2024-13-45",
        "The mission was launched from the northern site.",
        "The mission was cancelled.",
        "\ufeff",
        "\udcff",
        "\n\n",
        " ",
    ]
)
article_text = st.lists(st.one_of(hostile_pieces, st.text(max_size=40)), max_size=30).map("".join)


@PROFILE
@given(text=article_text)
def test_any_article_text(cli, tmp_path: Path, text: str) -> None:
    data = text.encode("utf-8", "surrogateescape")  # "\udcff" is the byte 0xff
    every_view(cli, project(tmp_path, articles={"a.txt": ARTICLE_A.encode(), "z.txt": data}))


@PROFILE
@given(data=st.binary(max_size=400))
def test_any_article_bytes(cli, tmp_path: Path, data: bytes) -> None:
    root = project(tmp_path, articles={"a.txt": ARTICLE_A.encode(), "z.md": data})
    well_behaved(cli("report", "--corpus", str(root / "corpus"), "--rules", str(root / "rules.yaml")))
    well_behaved(cli("check", "--corpus", str(root / "corpus"), "--rules", str(root / "rules.yaml")))


front_matter_keys = st.sampled_from(
    ["title", "published", "outlet", "author", "url", "reliability", "Title", "unknown", "", "published "]
)
front_matter_values = st.one_of(
    st.sampled_from(
        [
            "2024-05-02",
            "2024-01-01T25:99",
            "0000-01-01",
            "9999-12-31",
            "'2024-05-02'",
            "[a, b]",
            "{a: 1}",
            "&x a",
            "*x",
            "!!python/object/apply:os.system ['true']",
            "!!binary aGk=",
            "|\n  block",
            "null",
            "~",
            "yes",
            "1e400",
            '"\\u202e"',
            '"\\x1b[2J"',
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
)


@PROFILE
@given(
    pairs=st.lists(st.tuples(front_matter_keys, front_matter_values), max_size=6),
    close=st.booleans(),
)
def test_any_front_matter(cli, tmp_path: Path, pairs: list[tuple[str, str]], close: bool) -> None:
    block = "".join(f"{key}: {value}\n" for key, value in pairs)
    text = "---\n" + block + ("---\n" if close else "") + ARTICLE_B
    every_view(cli, project(tmp_path, articles={"a.txt": ARTICLE_A.encode(), "b.txt": text.encode()}))


@PROFILE
@given(
    name=st.binary(min_size=1, max_size=30).filter(lambda raw: b"/" not in raw and b"\x00" not in raw),
    suffix=st.sampled_from([b".txt", b".md", b".TXT", b"", b".txt~"]),
)
def test_any_file_name(cli, tmp_path: Path, name: bytes, suffix: bytes) -> None:
    if name in (b".", b".."):
        return
    root = project(tmp_path)
    path = os.path.join(os.fsencode(root / "corpus"), name + suffix)
    try:
        with open(path, "wb") as handle:
            handle.write(ARTICLE_B.replace("cancelled", "planned").encode())
    except OSError:  # the file system refuses the name (too long, reserved): nothing to test
        return
    every_view(cli, root)


# --- rules and the ledger: a valid file, mutated -----------------------------------------------


def _mutate(lines: tuple[str, ...], edits: list[tuple[int, str]], drop: set[int]) -> str:
    kept = [line for number, line in enumerate(lines) if number not in drop]
    for position, snippet in sorted(edits, reverse=True):
        kept.insert(min(position, len(kept)), snippet if snippet.endswith("\n") else snippet + "\n")
    return "".join(kept)


def mutated(text: str, snippets: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """`text` with up to three of its lines dropped and up to four lines put in: snippets that
    break it in known ways, or any text."""
    lines = tuple(text.splitlines(keepends=True))
    edits = st.lists(
        st.tuples(st.integers(0, len(lines)), st.one_of(snippets, st.text(max_size=20))), max_size=4
    )
    return st.builds(_mutate, st.just(lines), edits, st.sets(st.integers(0, len(lines) - 1), max_size=3))


yaml_snippets = st.sampled_from(
    [
        "  - id: x\n",
        "    type: date\n",
        "    type: quantity\n",
        "          - kind: stance\n",
        "          - kind: frame\n",
        "            terms: {a: ['a*']}\n",
        "            pattern: '(a+)+$'\n",
        "            pattern: '(?P<x'\n",
        "vocabulary: &a [x]\n",
        "- *a\n",
        "schema_version: 2\n",
        "schema_version: true\n",
        "version: !!binary aGk=\n",
        "\t\n",
        "  - {\n",
        "fields: []\n",
        "compare: {time_separated_days: -1}\n",
        "lexicons: {found: {verbs: [found]}}\n",
        "references: {x: {names: ['']}}\n",
        "\u202e\n",
        "\x1b[2J\n",
    ]
)


@PROFILE
@given(rules=mutated(RULES_YAML, yaml_snippets))
def test_any_rules_file(cli, tmp_path: Path, rules: str) -> None:
    root = project(tmp_path, rules=rules)
    where = ("--corpus", str(root / "corpus"), "--rules", str(root / "rules.yaml"))
    well_behaved(cli("report", *where, "--format", "json"))
    well_behaved(cli("rules", "test", "--rules", str(root / "rules.yaml")))
    well_behaved(cli("check", *where))


ledger_snippets = st.sampled_from(
    [
        "  - field: mission.site\n",
        "    values: [north, south]\n",
        "    decision: {compatible: true}\n",
        "    decision: {accept: nowhere}\n",
        "    date: 2024-13-01\n",
        "    date: 0000-01-01\n",
        "    by: \u202eevil\n",
        "    rationale: \x1b[2J\n",
        "version: 2\n",
        "resolutions: &r []\n",
        "extra: *r\n",
        "    values: !!set {a, b}\n",
        "  -\n",
        "\t\n",
    ]
)


@PROFILE
@given(text=mutated(LEDGER_YAML, ledger_snippets))
def test_any_ledger(cli, tmp_path: Path, text: str) -> None:
    root = project(tmp_path)
    ledger = root / "resolutions.yaml"
    ledger.write_bytes(text.encode("utf-8", "surrogatepass"))
    before = ledger.read_bytes()
    where = (
        "--corpus",
        str(root / "corpus"),
        "--rules",
        str(root / "rules.yaml"),
        "--resolutions",
        str(ledger),
    )
    well_behaved(cli("check", *where))
    result = cli(
        "resolve",
        "mission.status",
        "--accept",
        "launched",
        "--note",
        "fuzz",
        "--by",
        "F",
        "--date",
        "2024-06-02",
        *where,
    )
    well_behaved(result)
    after = ledger.read_bytes()
    if after == before:
        return
    assert result.code == ExitCode.OK, result.stderr
    fields = parse_rules(RULES_YAML, "rules.yaml").fields
    old = parse_ledger(before.decode("utf-8"), "before", fields)  # it was valid, or it is unchanged
    new = parse_ledger(after.decode("utf-8"), "after", fields)
    kept = {(entry.field, entry.fingerprint) for entry in new.entries}
    for entry in old.entries:
        assert entry.field == "mission.status" or (entry.field, entry.fingerprint) in kept, entry


@pytest.mark.parametrize("alphabet", [string.printable, "\x00\x1b\x9b\u202e\u2066 -:[]{}&*!|>'\"#\n"])
def test_profiles_are_registered(alphabet: str) -> None:
    # A guard for the module itself: both profiles exist and the raw-control pattern catches
    # what it claims to (and nothing a normal line holds).
    assert settings.get_profile("long").max_examples > settings.get_profile("ci").max_examples
    dirty = [char for char in alphabet if RAW_CONTROL.search(char)]
    assert ("\n" not in dirty) and ("\t" not in dirty)
    assert all(char in "\x00\x1b\x9b\u202e\u2066\x0b\x0c\r" for char in dirty)


def test_a_rules_file_written_for_the_fuzz_is_valid_to_start_with() -> None:
    # The mutations start from a valid rules file and ledger: the fuzz is about breaking them.
    fields = parse_rules(RULES_YAML, "rules.yaml").fields
    assert parse_ledger(LEDGER_YAML, "ledger", fields).entries
    assert textwrap.dedent(RULES_YAML) == RULES_YAML
