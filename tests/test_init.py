"""`aukus-check init`: a project of one's own, wired to one configuration, never overwriting."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from aukus_check.config import load_config
from aukus_check.exit_codes import ExitCode
from aukus_check.ledger import parse_ledger
from aukus_check.project_init import project_files
from aukus_check.rules import parse_rules
from tests.conftest import RULES
from tests.gate_helpers import ARTICLE_A, inside

CREATED = sorted(project_files("").keys())


def files_under(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def test_init_writes_a_project_wired_to_its_configuration(cli, tmp_path: Path) -> None:
    result = cli("init", str(tmp_path / "new"))
    assert result.code == ExitCode.OK, result.stderr
    root = tmp_path / "new"
    assert sorted(name for name in files_under(root) if name != ".gitignore") == CREATED
    assert result.stdout.splitlines()[-1] == "next: put articles in corpus/, then run aukus-check check"
    config = load_config(root / "aukus-check.toml")
    assert (config.corpus, config.rules, config.resolutions) == (
        root / "corpus",
        root / "rules" / "aukus.yaml",
        root / "rules" / "resolutions.yaml",
    )
    # an editable copy of the bundled rules, an empty ledger that the rules accept
    assert (root / "rules" / "aukus.yaml").read_text(encoding="utf-8") == RULES.read_text(encoding="utf-8")
    fields = parse_rules(RULES.read_text(encoding="utf-8"), "rules.yaml").fields
    assert (
        parse_ledger((root / "rules" / "resolutions.yaml").read_text(encoding="utf-8"), "l", fields).entries
        == ()
    )
    # the corpus holds only a hidden note, which is not an article
    assert [path.name for path in (root / "corpus").iterdir()] == [".README"]


def test_the_ci_files_run_the_gate_through_the_configuration(cli, tmp_path: Path) -> None:
    cli("init", str(tmp_path))
    workflow = yaml.safe_load(
        (tmp_path / ".github" / "workflows" / "aukus-check.yml").read_text(encoding="utf-8")
    )
    runs = [step["run"] for step in workflow["jobs"]["gate"]["steps"] if "run" in step]
    gates = [run for run in runs if "aukus-check check" in run]
    assert len(gates) == 2
    assert not any("--corpus" in run or "--rules" in run for run in gates)
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks["repos"][0]["hooks"]
    assert hook["entry"] == "aukus-check check" and "args" not in hook and hook["pass_filenames"] is False


def test_init_never_overwrites_and_writes_nothing_then(cli, tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "aukus.yaml").write_text("# my own rules\n", encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    before = files_under(tmp_path)
    result = cli("init", str(tmp_path))
    assert result.code == ExitCode.USAGE
    assert result.stderr.count("\n") == 1
    assert (
        "init would overwrite rules/aukus.yaml, .pre-commit-config.yaml; nothing was written" in result.stderr
    )
    assert files_under(tmp_path) == before


def test_gitignore_lines_are_added_once_and_nothing_in_it_changes(cli, tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("build/\n.*.lock", encoding="utf-8")  # no final newline
    cli("init", str(tmp_path))
    text = (tmp_path / ".gitignore").read_text(encoding="utf-8")
    assert text.startswith("build/\n.*.lock\n")
    assert text.count(".*.lock") == 1 and text.count(".aukus-check-cache/") == 1
    for name in CREATED:  # a second init, once the created files are gone, adds nothing more
        (tmp_path / name).unlink()
    cli("init", str(tmp_path))
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == text


def test_after_init_check_with_no_flags_gates_the_new_corpus(cli, tmp_path: Path) -> None:
    cli("init", str(tmp_path))
    (tmp_path / "corpus" / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    with inside(tmp_path):
        result = cli("check", "--format", "json")
        report = cli("report", "--format", "json")
    assert result.code == ExitCode.OK, result.stderr
    assert json.loads(report.stdout)["corpus"] == {"path": "corpus", "bundled": False, "articles": 1}
    assert report.stderr == ""  # not the bundled sample: nothing to warn about


def test_init_refuses_a_file_for_a_directory(cli, tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    result = cli("init", str(tmp_path / "plain"))
    assert result.code == ExitCode.USAGE
    assert result.stderr.count("\n") == 1 and "not a directory" in result.stderr
