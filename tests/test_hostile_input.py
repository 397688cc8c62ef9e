"""Hostile and broken input through the CLI: one located line and exit 2, or a value the tool
can hold; never a traceback, never exit 3, never gigabytes."""

from __future__ import annotations

import codecs
import json
import textwrap
from pathlib import Path

import pytest

from aukus_check.exit_codes import ExitCode
from tests.gate_helpers import ARTICLE_A, LEDGER_YAML, RULES_YAML


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(RULES_YAML, encoding="utf-8")
    return tmp_path


def run(cli, project: Path, *args: str):
    return cli(*args, "--corpus", str(project / "corpus"), "--rules", str(project / "rules.yaml"))


def one_located_line(result, where: str) -> None:
    assert result.code == ExitCode.USAGE, (result.code, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(where), result.stderr
    assert "Traceback" not in result.stderr


BOMB = "lol1: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{n + 1}: &{chr(97 + n)} [{', '.join(['*' + chr(96 + n)] * 9)}]\n" for n in range(1, 9)
)


@pytest.mark.parametrize(
    ("text", "what"),
    [
        (BOMB, "anchors and aliases are not accepted"),
        ("schema_version: !!python/object/apply:os.system ['true']\n", "tag"),
        ("fields: !!omap [{a: 1}]\n", "tag"),
        ("title: " + "[" * 5000 + "]" * 5000 + "\n", "nesting deeper than"),
    ],
)
def test_hostile_yaml_in_the_rules_is_refused_at_its_place(cli, project: Path, text: str, what: str) -> None:
    (project / "rules.yaml").write_text(text, encoding="utf-8")
    result = run(cli, project, "report")
    one_located_line(result, f"{project / 'rules.yaml'}:1:")
    assert what in result.stderr


@pytest.mark.parametrize(
    ("text", "what"),
    [
        (BOMB, "anchors and aliases are not accepted"),
        ("version: 1\nresolutions: !!python/object:builtins.list []\n", "tag"),
    ],
)
def test_hostile_yaml_in_the_ledger_is_refused(cli, project: Path, text: str, what: str) -> None:
    (project / "ledger.yaml").write_text(text, encoding="utf-8")
    result = run(cli, project, "check", "--resolutions", str(project / "ledger.yaml"))
    one_located_line(result, f"{project / 'ledger.yaml'}:")
    assert what in result.stderr


@pytest.mark.parametrize(
    ("front", "what", "line"),
    [
        ("title: &t Boom\nauthor: *t\n", "anchors and aliases are not accepted", 2),
        ("title: !!python/object/apply:os.system ['true']\n", "tag", 2),
        ("title: One\ntitle: Two\n", "'title' is given twice", 3),
        ("published: 2024-01-01T25:99\n", "is not a date", 2),
        ("author: " + "[" * 200 + "]" * 200 + "\n", "nesting deeper than", 2),
        # a control character YAML forbids (found by the fuzz suite: it was exit 3)
        ("title: One\nauthor: x\x1fy\n", "character U+001F is not allowed", 3),
    ],
)
def test_hostile_front_matter_is_refused_at_its_place(
    cli, project: Path, front: str, what: str, line: int
) -> None:
    (project / "corpus" / "b.txt").write_text(
        f"---\n{front}---\nB\n\nThe mission was planned.\n", encoding="utf-8"
    )
    result = run(cli, project, "report")
    one_located_line(result, f"{project / 'corpus' / 'b.txt'}:{line}:")
    assert what in result.stderr


def test_a_boolean_is_no_schema_version(cli, project: Path) -> None:
    text = RULES_YAML.replace("schema_version: 1", "schema_version: true")
    (project / "rules.yaml").write_text(text, encoding="utf-8")
    result = run(cli, project, "report")
    one_located_line(result, f"{project / 'rules.yaml'}:1:")
    assert "schema_version" in result.stderr


def test_utf32_is_read_as_utf32(cli, project: Path) -> None:
    (project / "corpus" / "a.txt").write_bytes(codecs.BOM_UTF32_LE + ARTICLE_A.encode("utf-32-le"))
    result = run(cli, project, "report", "--format", "json")
    assert result.code == ExitCode.OK, result.stderr
    report = json.loads(result.stdout)
    assert report["articles"][0]["title"] == "Mission report"
    assert report["articles"][0]["encoding"] == "utf-32"


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_outputs_escape_del_c1_and_bidi_controls(cli, project: Path, fmt: str) -> None:
    # A title and a quote carrying DEL, a C1 control (CSI) and a right-to-left override: the
    # JSON the CI uploads holds them as \u escapes, and reads back as the same text.
    hostile = (
        "Mission\x7f report \u202etxt.exe\x9b\n\n"
        "The mission \u2066was launched\u2069 from the northern site.\n"
    )
    (project / "corpus" / "a.txt").write_text(hostile, encoding="utf-8")
    result = run(cli, project, "report", "--format", fmt)
    assert result.code == ExitCode.OK, result.stderr
    for raw in ("\x7f", "\x9b", "\u202e", "\u2066", "\u2069"):
        assert raw not in result.stdout
    data = json.loads(result.stdout)
    if fmt == "json":
        assert data["articles"][0]["title"] == "Mission\x7f report \u202etxt.exe\x9b"
        claim = data["fields"][0]["claims"][0]
        assert "\u2066was launched\u2069" in claim["evidence"]["sentence"]
    else:
        assert data["version"] == "2.1.0"


DATED_RULES = textwrap.dedent(
    """\
    schema_version: 1
    version: "test"
    title: Dates at the edges
    fields:
      - id: launch.date
        label: Launch date
        type: date
        extractors:
          - kind: date
            event: ['\\b(?P<anchor>launched)\\b']
    """
)


@pytest.mark.parametrize(
    ("published", "sentence"),
    [
        ("9999-12-31", "The mission will be launched next month."),
        ("9999-12-31", "The mission will be launched next year."),
        ("0001-01-01", "The mission was launched last week."),
        ("0001-01-01", "The mission was launched last month."),
        ("0001-01-03", "The mission was launched on Monday last week."),
        ("9999-12-30", "The mission will be launched next week."),
    ],
)
def test_dates_at_the_calendar_s_edges_are_held_or_left_unresolved(
    cli, project: Path, published: str, sentence: str
) -> None:
    (project / "rules.yaml").write_text(DATED_RULES, encoding="utf-8")
    (project / "corpus" / "a.txt").write_text(
        f'---\npublished: "{published}"\n---\nHeadline\n\n{sentence}\n', encoding="utf-8"
    )
    result = run(cli, project, "report", "--format", "json")
    assert result.code == ExitCode.OK, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("published", ["0000-01-01", "2024-13-01", "2024-02-30", "10000-01-01"])
def test_impossible_publication_dates_are_located_input_errors(cli, project: Path, published: str) -> None:
    (project / "corpus" / "a.txt").write_text(
        f'---\npublished: "{published}"\n---\nHeadline\n\nText.\n', encoding="utf-8"
    )
    result = run(cli, project, "report")
    one_located_line(result, f"{project / 'corpus' / 'a.txt'}:2:")


@pytest.mark.parametrize("date", ["2024-13-01", "0000-01-01"])
def test_an_impossible_ledger_date_is_a_located_input_error(cli, project: Path, date: str) -> None:
    (project / "ledger.yaml").write_text(LEDGER_YAML.replace("2024-06-01", date), encoding="utf-8")
    result = run(cli, project, "check", "--resolutions", str(project / "ledger.yaml"))
    one_located_line(result, f"{project / 'ledger.yaml'}:")
