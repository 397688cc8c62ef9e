"""`aukus-check` through its real entry point: output, exit codes, and every kind of bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from aukus_check.exit_codes import ExitCode
from aukus_check.models import SCHEMA_VERSION
from tests.conftest import REPO, RULES

ARTICLE = """\
Tokyo weighs its options

Tokyo, 3 June 2024 /EXAMPLE/

Officials said Japan joined AUKUS Pillar II last week.
"""
OTHER = """\
Second thoughts

The partners are still considering cooperation with Japan on Pillar II, diplomats say.
"""


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    write(root, "a.txt", ARTICLE)
    write(root, "b.txt", OTHER)
    return root


def only_line(stderr: str) -> str:
    """Bad input gets exactly one line on stderr, and never a traceback."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


# --- the report ------------------------------------------------------------------------------


def test_report_on_the_bundled_seeds_shows_conflicts_first_and_a_summary(cli) -> None:
    result = cli("report", columns=170)  # wide enough for every field label on one line
    assert result.code == ExitCode.OK, result.stderr
    # it says, on stderr and in its header, that this is the sample, not the user's corpus
    assert result.stderr == (
        "aukus-check: showing the bundled sample corpus (no --corpus given and no configuration "
        "file names one)\n"
    )
    assert result.stdout.splitlines()[0].endswith("· corpus seeds (the bundled sample)")
    rows = [line for line in result.stdout.splitlines() if line.startswith("│ ")]
    statuses = [row.split("│")[2].strip() for row in rows if row.split("│")[2].strip()]
    order = ["conflict", "time_separated", "agree", "single", "per_article", "silent"]
    assert statuses == sorted(statuses, key=order.index)
    assert rows[0].split("│")[1].strip() == "Japan's status in AUKUS Pillar II"  # japan.pillar2_status
    assert (
        "5 articles · 81 fields · 3 conflicts · 14 agreements · 24 single-source · 39 silent" in result.stdout
    )
    assert "A4  003_4e4e83e013b4d34f" in result.stdout


def test_report_runs_from_an_unrelated_directory(tmp_path: Path) -> None:
    """The bundled seeds and rules ship with the package: no checkout needed."""
    env = {**os.environ, "COLUMNS": "160"}
    completed = subprocess.run(
        [sys.executable, "-m", "aukus_check", "report", "--ids"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert completed.returncode == 0, completed.stderr
    rows = {
        row.split("│")[1].strip(): row.split("│")[2].strip()
        for row in completed.stdout.splitlines()
        if row.startswith("│")
    }
    assert rows["japan.pillar2_status"] == "conflict"
    assert rows["japan.pillar1_role"] == "agree"
    assert rows["pillar1.scope"] == "agree"


def test_field_detail_shows_every_quote_and_its_location(cli) -> None:
    result = cli("report", "--field", "japan.pillar2_status", "--ids", columns=400)
    assert result.code == 0, result.stderr
    assert "status: conflict" in result.stdout
    assert "joined · asserted · seeds/003_4e4e83e013b4d34f.txt:3:1" in result.stdout
    assert "“Japan joined the second aspect of the AUKUS agreement along with Australia" in result.stdout
    assert "under_consideration · reported · seeds/001_2925982b7433e5f6.txt:15:" in result.stdout


def test_unknown_field_suggests_the_closest(cli) -> None:
    result = cli("report", "--field", "japan.pilar2_status")
    assert result.code == ExitCode.USAGE
    assert (
        only_line(result.stderr)
        == "unknown field 'japan.pilar2_status' (hint: did you mean 'japan.pillar2_status'?)"
    )
    assert result.stdout == ""


def test_corpus_and_rules_options_override_the_bundled_ones(cli, corpus: Path) -> None:
    result = cli("report", "--corpus", str(corpus), "--rules", str(RULES), "--format", "json")
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["corpus"] == {"path": str(corpus), "bundled": False, "articles": 2}
    assert report["rules"]["path"] == str(RULES)
    status = next(f for f in report["fields"] if f["id"] == "japan.pillar2_status")
    assert status["status"] == "conflict"
    article = report["articles"][0]
    assert article["published"]["date"]["iso"] == "2024-06-03"
    assert [s["name"] for s in article["sources"]] == ["EXAMPLE"]


def test_json_report_validates_against_the_published_schema(cli) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    result = cli("report", "--format", "json")
    jsonschema.validate(json.loads(result.stdout), schema)


def test_field_json_is_the_field_result(cli) -> None:
    result = cli("report", "--field", "pillar1.scope", "--format", "json")
    assert json.loads(result.stdout)["status"] == "agree"


def test_output_is_byte_identical_across_runs(cli) -> None:
    assert cli("report", "--format", "json").stdout == cli("report", "--format", "json").stdout
    assert cli("report").stdout == cli("report").stdout


def test_output_file_is_written_atomically_and_replaces_the_old(cli, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    result = cli("report", "--corpus", "seeds", "--format", "json", "-o", str(target))
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    assert only_line(result.stderr) == f"wrote {target}"
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION == 2
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind


def test_output_into_a_missing_directory_is_an_input_error(cli, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.json"
    result = cli("report", "--corpus", "seeds", "-o", str(target))
    assert result.code == ExitCode.USAGE
    assert only_line(result.stderr) == f"{target}: cannot write: No such file or directory"


def test_version(cli) -> None:
    from aukus_check import __version__

    assert cli("--version").stdout == f"aukus-check {__version__}\n"


def test_unknown_option_is_a_usage_error(cli) -> None:
    result = cli("report", "--colour")
    assert result.code == ExitCode.USAGE
    assert "No such option" in result.stderr


def test_bad_format_is_a_usage_error(cli) -> None:
    assert cli("report", "--format", "xml").code == ExitCode.USAGE


# --- bad corpus -----------------------------------------------------------------------------


def test_missing_corpus_directory(cli, tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    result = cli("report", "--corpus", str(missing))
    assert result.code == ExitCode.USAGE
    assert only_line(result.stderr) == f"{missing}: corpus directory does not exist"


def test_corpus_that_is_a_file(cli, corpus: Path) -> None:
    result = cli("report", "--corpus", str(corpus / "a.txt"))
    assert result.code == ExitCode.USAGE
    assert only_line(result.stderr).endswith(
        "a.txt: corpus is a file, not a directory (hint: pass the directory that holds the articles)"
    )


def test_empty_corpus(cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    write(empty, "notes.pdf", b"%PDF-1.4")
    result = cli("report", "--corpus", str(empty))
    assert result.code == ExitCode.USAGE
    assert (
        only_line(result.stderr)
        == f"{empty}: corpus has no .txt, .md or .html articles (searched recursively)"
    )


def test_non_utf8_article_is_decoded_with_a_reported_fallback(cli, corpus: Path) -> None:
    write(
        corpus,
        "latin.txt",
        "Caf\xe9 talk\n\nJapan joined AUKUS Pillar II, the caf\xe9 owner said.\n".encode("cp1252"),
    )
    result = cli("report", "--corpus", str(corpus), "--ids")
    assert result.code == ExitCode.OK
    assert only_line(result.stderr) == (
        f"{corpus}/latin.txt:1:4: warning: not valid UTF-8 (byte 0xE9); decoded as Windows-1252, "
        "check the characters here"
    )
    assert "japan.pillar2_status" in result.stdout


def test_binary_file_is_skipped_with_a_warning(cli, corpus: Path) -> None:
    write(corpus, "scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = cli("report", "--corpus", str(corpus), "--format", "json")
    assert result.code == ExitCode.OK
    assert only_line(result.stderr) == f"{corpus}/scan.txt: warning: skipped: binary file, not a text article"
    assert json.loads(result.stdout)["corpus"]["articles"] == 2


def test_invalid_front_matter_names_file_line_and_column(cli, corpus: Path) -> None:
    write(corpus, "fm.md", "---\ntitle: Fine\npublished: [2024\n---\nBody.\n")
    result = cli("report", "--corpus", str(corpus))
    assert result.code == ExitCode.USAGE
    line = only_line(result.stderr)
    assert line.startswith(f"{corpus}/fm.md:4:1: front matter is not valid YAML")


# --- bad rules ------------------------------------------------------------------------------


def rules_with(tmp_path: Path, text: str) -> Path:
    return write(tmp_path, "rules.yaml", textwrap.dedent(text))


GOOD_RULES = """\
schema_version: 1
version: "1"
title: T
fields:
  - id: japan.status
    label: Status
    type: enum
    vocabulary: [joined]
    extractors:
      - kind: pattern
        pattern: 'Japan joined'
        value: joined
"""


def test_missing_rules_file(cli, tmp_path: Path) -> None:
    result = cli("report", "--rules", str(tmp_path / "none.yaml"))
    assert result.code == ExitCode.USAGE
    assert only_line(result.stderr) == f"{tmp_path / 'none.yaml'}: rules file does not exist"


def test_malformed_rules_yaml(cli, tmp_path: Path) -> None:
    path = rules_with(tmp_path, GOOD_RULES.replace("    vocabulary: [joined]", "    vocabulary: [joined"))
    result = cli("report", "--rules", str(path))
    assert result.code == ExitCode.USAGE
    assert only_line(result.stderr).startswith(f"{path}:9:")
    assert "invalid YAML" in result.stderr


def test_invalid_rules_unknown_key(cli, tmp_path: Path) -> None:
    path = rules_with(tmp_path, GOOD_RULES.replace("    type: enum", "    type: enum\n    colour: red"))
    result = cli("report", "--rules", str(path))
    assert result.code == ExitCode.USAGE
    assert only_line(result.stderr).startswith(f"{path}:8:5: field 'japan.status': unknown key 'colour'")


def test_value_outside_vocabulary(cli, tmp_path: Path) -> None:
    path = rules_with(tmp_path, GOOD_RULES.replace("value: joined", "value: joind"))
    result = cli("report", "--rules", str(path))
    assert result.code == ExitCode.USAGE
    assert only_line(result.stderr) == (
        f"{path}:12:16: field 'japan.status': extractor gives 'joind', "
        "which is not in the vocabulary (joined)"
    )


def test_invalid_regex(cli, tmp_path: Path) -> None:
    path = rules_with(tmp_path, GOOD_RULES.replace("'Japan joined'", "'Japan (joined'"))
    result = cli("report", "--rules", str(path))
    assert result.code == ExitCode.USAGE
    assert (
        only_line(result.stderr)
        == f"{path}:11:18: field 'japan.status': invalid pattern: missing ): Japan (joined"
    )


def test_catastrophic_pattern_cannot_hang_a_run(cli, tmp_path: Path) -> None:
    """(a+)+$ takes exponential time in a backtracking engine; RE2 is linear."""
    path = rules_with(
        tmp_path,
        GOOD_RULES.replace("'Japan joined'", "'(a+)+$'").replace(
            "vocabulary: [joined]", "vocabulary: [joined]"
        ),
    )
    corpus = tmp_path / "long"
    # A backtracking engine never finishes even a few dozen a's; the run stays within one sentence
    # piece (MAX_SENTENCE_CHARS), where "$" is the sentence's end, after the "!".
    write(corpus, "a.txt", "Title\n\n" + "a" * 1_990 + "!\n")
    result = cli("report", "--rules", str(path), "--corpus", str(corpus), "--format", "json")
    assert result.code == ExitCode.OK, result.stderr
    assert json.loads(result.stdout)["fields"][0]["status"] == "silent"


# --- untrusted article text -----------------------------------------------------------------


HOSTILE = (
    "Headline [bold red]FAKE[/bold red]\n\n"
    "Japan joined AUKUS Pillar II [link=https://evil.example]click[/link] \x1b[31mred\x1b[0m \u202eevil.\n"
)


def test_article_text_prints_literally_never_as_markup_or_control_codes(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "hostile"
    write(corpus, "x.txt", HOSTILE)
    for args in ((), ("--field", "japan.pillar2_status")):
        result = cli("report", "--corpus", str(corpus), *args, columns=300)
        assert result.code == 0, result.stderr
        assert "\x1b" not in result.stdout
        assert "\u202e" not in result.stdout
        assert "[bold red]FAKE[/bold red]" in result.stdout or "[link=https://evil.example]" in result.stdout
    detail = cli("report", "--corpus", str(corpus), "--field", "japan.pillar2_status", columns=300).stdout
    assert "[link=https://evil.example]click[/link] \\x1b[31mred\\x1b[0m \\u202eevil." in detail


def test_hostile_text_survives_json_exactly(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "hostile"
    write(corpus, "x.txt", HOSTILE)
    result = cli("report", "--corpus", str(corpus), "--format", "json")
    assert "\x1b" not in result.stdout  # JSON escapes control characters ...
    report = json.loads(result.stdout)  # ... and the text round-trips unchanged
    claim = next(f for f in report["fields"] if f["id"] == "japan.pillar2_status")["claims"][0]
    assert claim["evidence"]["sentence"] == HOSTILE.splitlines()[2]


# --- the boundary ---------------------------------------------------------------------------


def test_a_bug_exits_3_with_one_line_never_1(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import aukus_check.runner

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(aukus_check.runner, "run", broken)
    result = cli("report")
    assert result.code == ExitCode.INTERNAL
    assert "aukus-check: internal error: RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_command_and_option_is_documented_in_the_readme() -> None:
    from aukus_check.cli import app

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    import typer.main

    def commands(group: object, prefix: str) -> list[tuple[str, object]]:
        found = []
        for name, sub in group.commands.items():  # type: ignore[attr-defined]
            if hasattr(sub, "commands"):  # a group such as `rules`: its subcommands are the commands
                found.extend(commands(sub, f"{prefix}{name} "))
            else:
                found.append((f"{prefix}{name}", sub))
        return found

    listed = commands(typer.main.get_command(app), "")
    assert "rules test" in dict(listed)
    for name, sub in listed:
        assert f"aukus-check {name}" in readme, f"command {name!r} is not in README.md"
        for param in sub.params:  # type: ignore[attr-defined]
            for option in param.opts:
                if option.startswith("--") and option != "--help":
                    assert option in readme, f"option {option} of {name!r} is not in README.md"


def test_core_modules_never_import_typer_or_rich() -> None:
    core = REPO / "src" / "aukus_check"
    allowed = {"cli.py", "__main__.py"}
    for path in core.rglob("*.py"):
        relative = path.relative_to(core)
        if relative.parts[0] == "render" or relative.name in allowed:
            continue
        text = path.read_text(encoding="utf-8")
        for banned in ("import typer", "from typer", "import rich", "from rich"):
            assert banned not in text, f"{relative} imports {banned.split()[-1]}"


# --- parallel reading ---------------------------------------------------------------------


def test_parallel_and_serial_reports_are_byte_identical(cli) -> None:
    serial = cli("report", "--format", "json", "--jobs", "1")
    parallel = cli("report", "--format", "json", "--jobs", "2")
    assert serial.code == parallel.code == 0
    assert serial.stdout == parallel.stdout


def test_an_input_error_in_a_worker_keeps_its_location(cli, corpus: Path) -> None:
    write(corpus, "c.md", "---\npublished: 2024-02-30\n---\nBody.\n")
    result = cli("report", "--corpus", str(corpus), "--jobs", "2")
    assert result.code == ExitCode.USAGE
    assert only_line(result.stderr).startswith(f"{corpus}/c.md:2:12: front matter 'published' is not a date")


def test_field_detail_shows_what_a_typed_value_stands_for(cli) -> None:
    visit = cli("report", "--field", "kishida.washington_visit", columns=200).stdout
    # 004 is dated 4 March 2024: "next month" is April 2024; 003 has no date to place "next week".
    assert "interval: 2024-04-01 – 2024-04-30, resolved against publication 2024-03-04" in visit
    assert "unresolved: “next week” needs the publication date, with its year, to be placed" in visit
    contract = cli("report", "--field", "naval_group.contract_value", columns=200).stdout
    # "valued near one billion dollars": "near" widens by the rule's 10%.
    assert "interval: 900,000,000 – 1,100,000,000 USD (approximate)" in contract


# --- filtering, quiet, colour -------------------------------------------------------------------


def test_status_shows_only_the_fields_with_those_statuses(cli) -> None:
    result = cli("report", "--corpus", "seeds", "--status", "conflict", "--ids")
    rows = [
        line for line in result.stdout.splitlines() if line.startswith("│ ") and line.split("│")[1].strip()
    ]
    assert [row.split("│")[1].strip() for row in rows] == [
        "japan.pillar2_status",
        "japan.full_membership",
        "position.australia",
    ]
    both = cli("report", "--corpus", "seeds", "--status", "conflict, time_separated", "--ids")
    assert both.stdout == result.stdout  # the seeds have no time-separated field
    none = cli("report", "--corpus", "seeds", "--status", "time_separated")
    assert "no field is time_separated" in none.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--status", "conflicts"), "--status 'conflicts': unknown status"),
        (("--status", "conflict", "--format", "json"), "--status filters the table format, not json"),
    ],
)
def test_a_bad_status_filter_is_one_line(cli, args: tuple[str, ...], message: str) -> None:
    result = cli("report", "--corpus", "seeds", *args)
    assert result.code == ExitCode.USAGE
    assert only_line(result.stderr).startswith(message)


def test_quiet_keeps_notices_and_warnings_off_stderr_but_not_errors(cli, tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    loud = cli("report", "-o", str(target))
    quiet = cli("report", "-q", "-o", str(target))
    assert "bundled sample" in loud.stderr and "wrote" in loud.stderr
    assert quiet.stderr == "" and quiet.code == ExitCode.OK
    failing = cli("report", "-q", "--corpus", str(tmp_path / "nowhere"))
    assert failing.code == ExitCode.USAGE and failing.stderr


@pytest.mark.parametrize(
    ("env", "flag", "colored"),
    [
        ({}, None, False),  # not a terminal
        ({"FORCE_COLOR": "1"}, None, True),
        ({"FORCE_COLOR": ""}, None, False),  # empty means unset
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, None, False),
        ({"NO_COLOR": "", "FORCE_COLOR": "1"}, None, True),  # NO_COLOR counts only when not empty
        ({"NO_COLOR": "1"}, "always", True),  # the flag wins
        ({"FORCE_COLOR": "1"}, "never", False),
    ],
)
def test_colour_follows_the_flag_then_no_color_then_force_color(
    cli, monkeypatch, env: dict[str, str], flag: str | None, colored: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = cli("report", "--corpus", "seeds", "-q", *(("--color", flag) if flag else ()))
    assert ("\x1b[" in result.stdout) is colored


def test_a_field_that_agrees_on_different_values_says_why(cli) -> None:
    result = cli("report", "--corpus", "seeds", "-q", "--status", "agree", columns=200)
    text = result.stdout
    assert "(cautious and opposed are compatible under this field's rules)" in text  # position.china
    assert "(2021 and 15 September 2021 overlap: read as intervals, they can all be true)" in text  # founded
    assert "(elements of one set: stating one denies no other)" in text  # a scope
    one_value = [line for line in text.splitlines() if "United Kingdom's stated position" in line]
    assert one_value and "compatible" not in one_value[0]


def test_shell_completion_completes_commands_options_and_choices(cli, monkeypatch) -> None:
    cases = [
        ("aukus-check rep", 1, ["report"]),
        ("aukus-check report --sta", 2, ["--status"]),
        ("aukus-check report --format ", 3, ["github", "json", "junit", "sarif", "table"]),
    ]
    for words, position, expected in cases:  # the cli fixture undoes the environment after each run
        monkeypatch.setenv("_AUKUS_CHECK_COMPLETE", "complete_bash")
        monkeypatch.setenv("COMP_WORDS", words)
        monkeypatch.setenv("COMP_CWORD", str(position))
        result = cli()
        assert result.stdout.split() == expected, words


def test_the_completion_script_is_printed_for_a_shell(cli) -> None:
    result = cli("--show-completion", "bash")
    assert result.code == 0
    assert "_AUKUS_CHECK_COMPLETE=complete_bash" in result.stdout


def test_at_80_columns_every_value_is_whole_and_no_line_is_wider(cli) -> None:
    data = json.loads(cli("report", "--corpus", "seeds", "--format", "json").stdout)
    labels = {f"A{n}": article["id"] for n, article in enumerate(data["articles"], start=1)}
    by_id = {v: k for k, v in labels.items()}
    raw = cli("report", "--corpus", "seeds", "-q", "--ids", columns=80).stdout.splitlines()
    assert max(len(line) for line in raw) <= 80
    for field in data["fields"]:
        for stance in field["stances"]:
            whole = f"{stance['label']}: {', '.join(by_id[a] for a in stance['articles'])}"
            assert any(line.strip() == whole for line in raw), whole  # on one line, not cut
    lines = cli("report", "--corpus", "seeds", "-q", columns=80).stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    # a label may wrap, but only between its words: joined up again, every one reads whole
    joined = " ".join(line.strip() for line in lines)
    for field in data["fields"]:
        assert f"{' '.join(field['label'].split())} · {field['status']}" in joined, field["id"]
    for whole in (
        "U.S. National Security Council Senior Director for East Asia and Oceania: A5",  # 78 wide
        "Deputy Prime Minister and Minister for Defence of Australia: A5",
        "under consideration (expected): A2, A4",
        "8 April, year not stated: A2",
    ):
        assert any(line.strip() == whole for line in lines), whole
    conflicts = cli("report", "--corpus", "seeds", "-q", "--status", "conflict", "--ids", columns=80).stdout
    heads = [line for line in conflicts.splitlines() if re.fullmatch(r"[\w.]+ · \w+", line)]
    assert heads == [
        "japan.pillar2_status · conflict",
        "japan.full_membership · conflict",
        "position.australia · conflict",
    ]
