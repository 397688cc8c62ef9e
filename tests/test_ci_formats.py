"""The CI formats: SARIF against the official 2.1.0 schema, JUnit through the standard library's
XML parser, GitHub workflow commands against their grammar, and hostile article text in each."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from aukus_check.exit_codes import ExitCode
from aukus_check.ledger import conflict_fingerprint
from tests.gate_helpers import ARTICLE_C, SOURCES, inside, write_project

SARIF_SCHEMA = Path(__file__).resolve().parent / "schemas" / "sarif-schema-2.1.0.json"

# ::command key=value,key=value::message — property values and the message carry no raw line
# break, a property value no raw ":" or ",", and every "%" starts an escape.
_ESCAPE = r"(?:[^%\r\n]|%(?:25|0D|0A|3A|2C))"
_PROPERTY = rf"[A-Za-z]+=(?:(?![:,]){_ESCAPE})*"
WORKFLOW_COMMAND = re.compile(rf"::(?:error|warning|notice)(?: {_PROPERTY}(?:,{_PROPERTY})*)?::{_ESCAPE}*")


def unescape(text: str) -> str:
    for raw, escaped in (("\n", "%0A"), ("\r", "%0D"), (":", "%3A"), (",", "%2C"), ("%", "%25")):
        text = text.replace(escaped, raw)
    return text


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    assert WORKFLOW_COMMAND.fullmatch(line), line
    head, message = line[2:].split("::", 1)
    name, _, props = head.partition(" ")
    properties = dict(item.split("=", 1) for item in props.split(",")) if props else {}
    return name, {key: unescape(value) for key, value in properties.items()}, unescape(message)


@pytest.fixture
def reopened(tmp_path: Path) -> Path:
    """The test project with a third article that reopens the decided status conflict."""
    project = write_project(tmp_path / "p")
    (project / "corpus" / "c.txt").write_text(ARTICLE_C, encoding="utf-8")
    return project


def run(cli, project: Path, *args: str):
    with inside(project):
        return cli(*args, *SOURCES)


# --- SARIF ------------------------------------------------------------------------------------


def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def test_sarif_validates_and_has_one_result_per_unresolved_conflict(cli, reopened: Path) -> None:
    result = run(cli, reopened, "check", "--format", "sarif")
    assert result.code == ExitCode.FINDINGS
    log = json.loads(result.stdout)
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert not errors, "\n".join(str(error) for error in errors)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert [rule["id"] for rule in run_["tool"]["driver"]["rules"]] == ["mission.site", "mission.status"]
    (sarif_result,) = run_["results"]
    assert sarif_result["ruleId"] == "mission.status" and sarif_result["ruleIndex"] == 1
    assert sarif_result["level"] == "error"
    fingerprint = conflict_fingerprint("mission.status", ["cancelled", "launched", "planned"])
    assert sarif_result["partialFingerprints"] == {"aukusConflict/v1": fingerprint}
    # One location per side, on the article line that states it.
    places = [
        (loc["physicalLocation"]["artifactLocation"]["uri"], loc["physicalLocation"]["region"]["startLine"])
        for loc in sarif_result["locations"]
    ]
    assert places == [("corpus/c.txt", 3), ("corpus/a.txt", 3), ("corpus/b.txt", 3)]
    region = sarif_result["locations"][0]["physicalLocation"]["region"]
    assert region == {
        "startLine": 3,
        "startColumn": 13,
        "endLine": 3,
        "endColumn": 24,
        "snippet": {"text": "was planned"},
    }
    assert sarif_result["properties"]["newValues"] == ["planned"]
    assert "new value planned, stated by c (corpus/c.txt:3:13)" in sarif_result["message"]["text"]


def test_sarif_fingerprints_survive_moved_lines(cli, reopened: Path) -> None:
    first = json.loads(run(cli, reopened, "check", "--format", "sarif").stdout)["runs"][0]["results"][0]
    article = reopened / "corpus" / "c.txt"
    article.write_text(
        article.read_text(encoding="utf-8").replace("\n\n", "\n\nA new opening line.\n\n"), "utf-8"
    )
    second = json.loads(run(cli, reopened, "check", "--format", "sarif").stdout)["runs"][0]["results"][0]
    assert second["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    assert first["partialFingerprints"] == second["partialFingerprints"]


def test_sarif_of_the_bundled_seeds_under_report_counts_every_conflict(cli) -> None:
    result = cli("report", "--format", "sarif")
    assert result.code == ExitCode.OK
    log = json.loads(result.stdout)
    assert not list(sarif_validator().iter_errors(log))
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == [
        "japan.full_membership",
        "japan.pillar2_status",
        "position.australia",
    ]
    assert len(results[1]["locations"]) == 4  # talks_reported, under_consideration, invited, joined
    assert all(r["relatedLocations"] for r in results[1:])
    passed = json.loads(cli("check", "--corpus", "seeds", "--format", "sarif").stdout)
    assert passed["runs"][0]["results"] == []
    assert not list(sarif_validator().iter_errors(passed))


def test_sarif_uris_are_percent_encoded(cli, tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p",
        articles={"a b%.txt": "T\n\nThe mission was launched.\n", "b.txt": "T\n\nIt was cancelled.\n"},
    )
    (project / "rules" / "resolutions.yaml").unlink()
    log = json.loads(run(cli, project, "check", "--format", "sarif").stdout)
    uris = [
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for loc in log["runs"][0]["results"][0]["locations"]
    ]
    assert uris == ["corpus/a%20b%25.txt", "corpus/b.txt"]
    assert unquote(uris[0]) == "corpus/a b%.txt"


# --- JUnit --------------------------------------------------------------------------------------


def test_junit_parses_with_the_standard_library(cli, reopened: Path) -> None:
    result = run(cli, reopened, "check", "--format", "junit")
    assert result.code == ExitCode.FINDINGS
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    assert root.attrib["tests"] == "2" and root.attrib["failures"] == "1"
    (suite,) = root
    cases = {case.attrib["name"]: case for case in suite.iter("testcase")}
    assert list(cases) == ["mission.site", "mission.status"]
    assert len(cases["mission.site"]) == 0  # passes: no conflict
    failure = cases["mission.status"].find("failure")
    assert failure is not None
    assert failure.attrib["type"] == "unresolved-conflict"
    assert failure.attrib["message"].startswith("unresolved conflict in mission.status (Mission status)")
    assert "corpus/c.txt:3:13 “The mission was planned from the start, officials said.”" in (
        failure.text or ""
    )


def test_junit_passes_resolved_fields_and_says_by_which_decision(cli, tmp_path: Path) -> None:
    project = write_project(tmp_path / "p")
    root = ET.fromstring(run(cli, project, "check", "--format", "junit").stdout.encode("utf-8"))
    assert root.attrib["failures"] == "0"
    out = root.find("./testsuite/testcase[@name='mission.status']/system-out")
    assert out is not None and out.text is not None
    assert out.text.startswith("resolved by the decision at rules/resolutions.yaml:4 (accept: launched;")


# --- GitHub workflow commands -------------------------------------------------------------------


def test_github_annotations_match_the_grammar_and_sit_on_each_sides_lines(cli, reopened: Path) -> None:
    result = run(cli, reopened, "check", "--format", "github")
    assert result.code == ExitCode.FINDINGS
    commands = [parse_command(line) for line in result.stdout.splitlines()]
    assert [(name, props["file"], props["line"]) for name, props, _ in commands] == [
        ("error", "corpus/c.txt", "3"),
        ("error", "corpus/a.txt", "3"),
        ("error", "corpus/b.txt", "3"),
    ]
    _, props, message = commands[0]
    assert props == {
        "file": "corpus/c.txt",
        "line": "3",
        "col": "13",
        "endLine": "3",
        "endColumn": "24",
        "title": "aukus-check: unresolved conflict in mission.status",
    }
    assert message.startswith(
        "mission.status: this article states planned: “The mission was planned from the start"
    )
    assert "It conflicts with launched (corpus/a.txt:3:13); cancelled (corpus/b.txt:3:13)." in message
    assert "new value planned, stated by c (corpus/c.txt:3:13)" in message


def test_hostile_article_text_cannot_break_out_of_an_annotation(cli, tmp_path: Path) -> None:
    hostile = (
        "Title\n\nAt 100%, ::set-env name=X::y, \x1b[31mred\u202e %0A the mission\nwas launched today.\n"
    )
    project = write_project(
        tmp_path / "p", ledger=None, articles={"a.txt": hostile, "b.txt": "T\n\nIt was cancelled.\n"}
    )
    result = run(cli, project, "check", "--format", "github")
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(line.startswith("::error ") for line in lines)
    _, props, message = parse_command(lines[0])
    assert props["file"] == "corpus/a.txt"
    # Line breaks folded, control and bidi characters visible, and %0A in the text is text.
    assert props["line"] == "4"  # the value's line, in a sentence that began a line earlier
    quoted = "“At 100%, ::set-env name=X::y, \\x1b[31mred\\u202e %0A the mission was launched today.”"
    assert quoted in message
    assert "At 100%25, ::set-env name=X::y, " in lines[0] and "%250A the mission" in lines[0]  # on the wire


def test_hostile_text_in_junit_and_sarif_stays_text(cli, tmp_path: Path) -> None:
    hostile = "Title\n\nThe mission was launched <b>&amp;</b> \x07\x1b \ufffe ]]> done.\n"
    project = write_project(
        tmp_path / "p", ledger=None, articles={"a.txt": hostile, "b.txt": "T\n\nIt was cancelled.\n"}
    )
    junit = run(cli, project, "check", "--format", "junit").stdout
    failure = ET.fromstring(junit.encode("utf-8")).find(".//failure")
    assert failure is not None
    assert "<b>&amp;</b> \\x07\\x1b \\ufffe ]]> done." in (failure.text or "")
    sarif = json.loads(run(cli, project, "check", "--format", "sarif").stdout)
    assert not list(sarif_validator().iter_errors(sarif))
    assert "<b>&amp;</b>" in sarif["runs"][0]["results"][0]["locations"][0]["message"]["text"]


# --- shared properties -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["github", "sarif", "junit", "json", "table"])
def test_check_formats_are_byte_identical_across_runs(cli, reopened: Path, fmt: str) -> None:
    first = run(cli, reopened, "check", "--format", fmt)
    second = run(cli, reopened, "check", "--format", fmt)
    assert first.stdout == second.stdout and first.stdout
    assert first.code == ExitCode.FINDINGS


def test_check_output_file_is_written_and_the_exit_code_still_gates(cli, reopened: Path) -> None:
    result = run(cli, reopened, "check", "--format", "sarif", "--output", "out.sarif")
    assert result.code == ExitCode.FINDINGS
    assert result.stdout == ""
    assert json.loads((reopened / "out.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_report_ci_formats_count_every_conflict_as_unresolved(cli, tmp_path: Path) -> None:
    project = write_project(tmp_path / "p")  # the ledger decides the status conflict...
    result = run(cli, project, "report", "--format", "github")
    assert result.code == ExitCode.OK  # ...but report reads no ledger and never gates
    assert len(result.stdout.splitlines()) == 2


# --- GitHub's ten annotations per step ----------------------------------------------------------

LETTERS = "abcdefghijklmnopqrstuvwxy"  # 25 fields


def many_conflicts(root: Path) -> Path:
    """Rules of 25 fields and two articles that disagree on every one: 25 unresolved conflicts."""
    fields = "".join(
        f"""  - id: gauge.{letter}
    label: Gauge {letter}
    type: enum
    vocabulary: [rose, fell]
    extractors:
      - kind: lexicon
        terms:
          rose: [gauge {letter} rose]
          fell: [gauge {letter} fell]
"""
        for letter in LETTERS
    )
    rules = 'schema_version: 1\nversion: "test"\ntitle: Gauges\nfields:\n' + fields
    (root / "corpus").mkdir(parents=True)
    (root / "rules.yaml").write_text(rules, encoding="utf-8")
    for name, verb in (("up", "rose"), ("down", "fell")):
        body = " ".join(f"The gauge {letter} {verb} today." for letter in LETTERS)
        (root / "corpus" / f"{name}.txt").write_text(f"Gauges {name}\n\n{body}\n", encoding="utf-8")
    return root


def test_annotations_beyond_github_s_ten_go_to_the_job_summary(cli, tmp_path: Path, monkeypatch) -> None:
    root = many_conflicts(tmp_path / "p")
    summary_file = tmp_path / "step-summary.md"
    summary_file.write_text("an earlier step's summary\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    with inside(root):
        result = cli("check", "--corpus", "corpus", "--rules", "rules.yaml", "--format", "github")
    assert result.code == ExitCode.FINDINGS
    lines = result.stdout.splitlines()
    assert len([line for line in lines if line.startswith("::error ")]) == 10
    (notice,) = [line for line in lines if line.startswith("::notice ")]
    assert "40 more of 50 annotations are not shown here" in notice and "see the job summary" in notice
    summary = summary_file.read_text(encoding="utf-8")
    assert summary.startswith("an earlier step's summary\n")  # added to, never replaced
    rows = [line for line in summary.splitlines() if line.startswith("| gauge.")]
    assert len(rows) == 50  # each side of each conflict, with its place and quote
    assert {row.split(" | ")[0].removeprefix("| ") for row in rows} == {
        f"gauge.{letter}" for letter in LETTERS
    }
    assert "| gauge.a | fell | corpus/down.txt:3:" in summary


def test_without_a_job_summary_the_notice_points_to_the_full_list(cli, tmp_path: Path, monkeypatch) -> None:
    root = many_conflicts(tmp_path / "p")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    with inside(root):
        result = cli("report", "--corpus", "corpus", "--rules", "rules.yaml", "--format", "github")
    assert len([line for line in result.stdout.splitlines() if line.startswith("::error ")]) == 10
    assert "see the full list (--format table)" in result.stdout.splitlines()[-1]


def test_field_is_refused_with_a_ci_format(cli) -> None:
    for fmt in ("github", "sarif", "junit"):
        result = cli("report", "--corpus", "seeds", "--field", "japan.pillar2_status", "--format", fmt)
        assert result.code == ExitCode.USAGE
        assert result.stderr.startswith(f"--field shows one field in the table or json format, not in {fmt}")
