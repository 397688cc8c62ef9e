"""The configuration file: found by walking up, read with located errors, used by every command,
and a gate that never checks a corpus nobody chose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aukus_check.config import ConfigError, find_config, load_config
from aukus_check.exit_codes import ExitCode
from tests.gate_helpers import ARTICLE_B, inside, write_project

CONFIG = """\
# the project's choices
corpus = "corpus"
rules = "rules/rules.yaml"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A gate-test project (two conflicting articles, a ledger that resolves them) with a config."""
    root = write_project(tmp_path / "project")
    (root / "corpus" / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (root / "aukus-check.toml").write_text(CONFIG, encoding="utf-8")
    return root


# --- discovery --------------------------------------------------------------------------------


def test_the_nearest_configuration_above_the_working_directory_is_found(tmp_path: Path) -> None:
    (tmp_path / "aukus-check.toml").write_text('corpus = "far"\n', encoding="utf-8")
    near = tmp_path / "a"
    (near / "b" / "c").mkdir(parents=True)
    (near / "aukus-check.toml").write_text('corpus = "near"\n', encoding="utf-8")
    assert find_config(near / "b" / "c") == near / "aukus-check.toml"
    assert find_config(tmp_path) == tmp_path / "aukus-check.toml"


def test_a_pyproject_counts_only_with_its_table_and_after_aukus_check_toml(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.aukus-check]\ncorpus = "top"\n', encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "pyproject.toml").write_text("[tool.ruff]\nline-length = 99\n", encoding="utf-8")
    assert find_config(other) == tmp_path / "pyproject.toml"  # the table-less one is passed over
    (tmp_path / "aukus-check.toml").write_text('corpus = "own"\n', encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / "aukus-check.toml"
    config = load_config(tmp_path / "pyproject.toml")
    assert config.corpus == tmp_path / "top"


def test_paths_are_relative_to_the_file_and_formats_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "aukus-check.toml"
    path.parent.mkdir()
    path.write_text(
        'corpus = "../articles"\nrules = "r.yaml"\nresolutions = "ledger.yaml"\n'
        '[format]\ncheck = "github"\nexport = "html"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.corpus == tmp_path / "conf" / "../articles"
    assert (config.rules, config.resolutions) == (path.parent / "r.yaml", path.parent / "ledger.yaml")
    assert dict(config.formats) == {"check": "github", "export": "html"}
    assert str(config.where("format.export")) == f"{path}:6:1"


# --- located errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('corpus = "c"\ncorpsu = "d"\n', ":2:1", "unknown key 'corpsu' (hint: did you mean 'corpus'?)"),
        ("corpus = 3\n", ":1:1", "'corpus' must be a path"),
        ('corpus = "c"\n[format]\nreview = "json"\n', ":3:1", "'format' has no command 'review'"),
        ('corpus = "c\n', ":1:12", "not valid TOML"),  # the line break ends the string
        ("format = 1\n", ":1:1", "'format' must be a table"),
    ],
)
def test_a_bad_configuration_is_one_located_line(
    cli, tmp_path: Path, text: str, where: str, message: str
) -> None:
    path = tmp_path / "aukus-check.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value).startswith(f"{path}{where}: "), str(raised.value)
    assert message in str(raised.value)
    with inside(tmp_path):  # and through the CLI: exit 2, one line
        result = cli("report")
    assert result.code == ExitCode.USAGE
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_a_format_the_command_lacks_is_named_at_its_line(cli, project: Path) -> None:
    with (project / "aukus-check.toml").open("a", encoding="utf-8") as handle:
        handle.write('[format]\nreport = "markdown"\n')
    with inside(project):
        result = cli("report")
    assert result.code == ExitCode.USAGE
    # found in the working directory, the file is named as the user would write it
    assert result.stderr.startswith("aukus-check.toml:5:1: format.report = 'markdown' is not a format")


# --- every command uses it --------------------------------------------------------------------


def test_check_with_no_flags_gates_the_configured_corpus(cli, project: Path) -> None:
    with inside(project / "corpus"):  # found from below, as a CI step run in a subdirectory would
        result = cli("check", "--format", "json")
    assert result.code == ExitCode.OK, result.stderr
    verdict = json.loads(result.stdout)
    assert verdict["ledger"] == str(project / "rules" / "resolutions.yaml")
    assert [item["conflict"]["field"] for item in verdict["resolved"]] == ["mission.status"]


def test_a_flag_wins_over_the_configuration(cli, project: Path, tmp_path: Path) -> None:
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "a.txt").write_text("One\n\nThe mission was planned.\n", encoding="utf-8")
    with inside(project):
        result = cli("report", "--corpus", str(alone), "--format", "json")
    assert json.loads(result.stdout)["corpus"]["path"] == str(alone)


def test_the_configuration_s_formats_and_ledger_are_the_defaults(cli, project: Path) -> None:
    (project / "decisions.yaml").write_text("version: 1\nresolutions: []\n", encoding="utf-8")
    with (project / "aukus-check.toml").open("a", encoding="utf-8") as handle:
        handle.write('resolutions = "decisions.yaml"\n[format]\ncheck = "junit"\nreport = "json"\n')
    with inside(project):
        gate = cli("check")
        report = cli("report")
        explicit = cli("report", "--format", "table")
    assert gate.code == ExitCode.FINDINGS  # the configured ledger holds no decision
    assert gate.stdout.startswith("<?xml")
    assert json.loads(report.stdout)["corpus"] == {"path": "corpus", "bundled": False, "articles": 2}
    assert explicit.stdout.startswith("aukus-check · Gate test")


def test_config_names_a_file_to_use_instead(cli, project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text(f'corpus = "{(project / "corpus").as_posix()}"\n', encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    with inside(empty):
        result = cli("report", "--config", str(elsewhere), "--format", "json")
        missing = cli("report", "--config", str(tmp_path / "none.toml"))
    assert json.loads(result.stdout)["corpus"]["articles"] == 2
    assert missing.code == ExitCode.USAGE
    assert missing.stderr == f"{tmp_path / 'none.toml'}: configuration file does not exist\n"


# --- the gate checks only a corpus somebody chose ---------------------------------------------


def test_check_with_no_corpus_and_no_configuration_refuses(cli, tmp_path: Path) -> None:
    with inside(tmp_path):
        result = cli("check")
    assert result.code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("no corpus to check: give --corpus DIR or a configuration file")


def test_a_configuration_without_a_corpus_does_not_choose_one(cli, tmp_path: Path) -> None:
    (tmp_path / "aukus-check.toml").write_text('[format]\ncheck = "json"\n', encoding="utf-8")
    with inside(tmp_path):
        result = cli("check")
    assert result.code == ExitCode.USAGE
    assert "aukus-check.toml names none" in result.stderr


def test_report_and_export_of_the_sample_say_so(cli, tmp_path: Path) -> None:
    with inside(tmp_path):
        report = cli("report")
        export = cli("export")
    note = "aukus-check: showing the bundled sample corpus"
    assert report.code == export.code == ExitCode.OK
    assert report.stderr.startswith(note) and export.stderr.startswith(note)
    assert "corpus seeds (the bundled sample)" in report.stdout.splitlines()[0]
    assert "the sample corpus bundled with aukus-check" in export.stdout
