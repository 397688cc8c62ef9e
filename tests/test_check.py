"""`aukus-check check` and `resolve` end to end, in a throwaway git repository, and their bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from aukus_check.exit_codes import ExitCode
from tests.conftest import REPO, RULES, SEEDS
from tests.gate_helpers import (
    ARTICLE_A,
    ARTICLE_B,
    ARTICLE_C,
    LEDGER_YAML,
    SOURCES,
    commit_all,
    git,
    init_repo,
    inside,
    needs_git,
    write_project,
)


def only_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "project")


@pytest.fixture
def repo(project: Path) -> Path:
    return init_repo(project)


# --- the "done when", step by step --------------------------------------------------


@needs_git
def test_a_new_value_fails_the_gate_until_an_analyst_decides(cli, repo: Path) -> None:
    with inside(repo):
        # The decided conflict passes.
        passed = cli("check", *SOURCES)
        assert passed.code == ExitCode.OK, passed.stdout + passed.stderr
        assert "1 conflict · 1 resolved · 0 unresolved · 0 stale" in passed.stdout
        assert passed.stderr == ""

        # A new article brings a value the decision did not cover: the gate fails, naming the
        # field, the new article and its line.
        (repo / "corpus" / "c.txt").write_text(ARTICLE_C, encoding="utf-8")
        commit_all(repo, "a third article")
        failed = cli("check", *SOURCES, columns=300)
        assert failed.code == ExitCode.FINDINGS
        assert "UNRESOLVED mission.status — Mission status" in failed.stdout
        assert (
            "reopens the decision at rules/resolutions.yaml:4 (accept: launched; First Tester, 2024-06-01): "
            "new value planned, stated by c (corpus/c.txt:3:13)" in failed.stdout
        )
        assert "corpus/c.txt:3:13 “The mission was planned from the start, officials said.”" in failed.stdout
        assert "corpus/a.txt:3:13 “The mission was launched from the northern site.”" in failed.stdout
        assert "1 conflict · 0 resolved · 1 unresolved (1 reopened) · 0 stale" in failed.stdout

        # Diff-aware: only what the last commit brought, and how many older ones were left out.
        since = cli("check", *SOURCES, "--since", "HEAD~1")
        assert since.code == ExitCode.FINDINGS
        assert "since HEAD~1" in since.stdout
        assert "1 article file added, changed or removed; conflicts touched: mission.status" in since.stdout
        assert since.stdout.count("UNRESOLVED") == 1
        assert "left out 0 older unresolved conflicts" in since.stderr

        # The analyst records a decision covering the new value: the gate passes again.
        resolved = cli(
            "resolve",
            "mission.status",
            "--accept",
            "launched",
            "--note",
            "c's plan predates the launch a reports.",
            "--by",
            "Second Tester",
            "--date",
            "2024-06-02",
            *SOURCES,
        )
        assert resolved.code == ExitCode.OK, resolved.stderr
        assert resolved.stdout.startswith(
            "rules/resolutions.yaml:4: recorded mission.status: accept: launched "
            "(covers cancelled, launched, planned)"
        )
        assert "replaces the earlier decision (accept: launched; First Tester, 2024-06-01" in resolved.stdout
        ledger = (repo / "rules" / "resolutions.yaml").read_text(encoding="utf-8")
        assert ledger.startswith("# Decisions on the test corpus.\n")
        assert "accept: launched   # the launch is on record" in ledger
        entry = yaml.safe_load(ledger)["resolutions"][0]
        assert entry["values"] == ["cancelled", "launched", "planned"]
        assert entry["by"] == "Second Tester" and str(entry["date"]) == "2024-06-02"
        assert cli("check", *SOURCES).code == ExitCode.OK
        commit_all(repo, "decision on the third article")

        # Editing an unrelated line (and moving lines down) or moving a file reopens nothing.
        (repo / "corpus" / "a.txt").write_text(
            ARTICLE_A.replace("Mission report\n", "Mission report\n\nAn added first paragraph.\n").replace(
                "confirmed the schedule.", "confirmed the schedule on Tuesday."
            ),
            encoding="utf-8",
        )
        (repo / "corpus" / "older").mkdir()
        git(repo, "mv", "corpus/b.txt", "corpus/older/b.txt")
        after = cli("check", *SOURCES)
        assert after.code == ExitCode.OK, after.stdout
        assert "corpus/a.txt" not in after.stdout
        narrow = cli("check", *SOURCES, "--since", "HEAD")
        assert narrow.code == ExitCode.OK
        assert "3 article files added, changed or removed; conflicts touched: none" in narrow.stdout


@needs_git
def test_since_leaves_out_older_unresolved_conflicts_and_counts_them(cli, tmp_path: Path) -> None:
    # An old, undecided conflict on the site, and a new article that only touches the status.
    old_site = "Site dispute\n\nThe crew used the southern site.\n"
    repo = init_repo(
        write_project(tmp_path / "p", articles={"a.txt": ARTICLE_A, "b.txt": ARTICLE_B, "d.txt": old_site})
    )
    (repo / "corpus" / "c.txt").write_text(ARTICLE_C, encoding="utf-8")  # untracked counts too
    with inside(repo):
        everything = cli("check", *SOURCES)
        assert everything.code == ExitCode.FINDINGS
        assert everything.stdout.count("UNRESOLVED") == 2
        since = cli("check", *SOURCES, "--since", "HEAD")
        assert since.code == ExitCode.FINDINGS
        assert since.stdout.count("UNRESOLVED") == 1 and "UNRESOLVED mission.status" in since.stdout
        assert (
            "aukus-check: --since HEAD: left out 1 older unresolved conflict that no changed article touches "
            "(mission.site)" in since.stderr
        )
        assert "· 1 left out (older than HEAD)" in since.stdout
        # Once the new article is decided, the old conflict alone does not fail a diff-aware run.
        (repo / "corpus" / "c.txt").unlink()
        assert cli("check", *SOURCES, "--since", "HEAD").code == ExitCode.OK
        assert cli("check", *SOURCES).code == ExitCode.FINDINGS


@needs_git
def test_an_edit_that_changes_what_an_old_article_says_is_reported(cli, repo: Path) -> None:
    (repo / "corpus" / "b.txt").write_text(
        ARTICLE_B.replace("was cancelled", "was planned"), encoding="utf-8"
    )
    with inside(repo):
        result = cli("check", *SOURCES, "--since", "HEAD")
    assert result.code == ExitCode.FINDINGS
    assert "conflicts touched: mission.status" in result.stdout
    assert "no longer stated: cancelled" in result.stdout


@needs_git
def test_a_changed_rules_file_touches_every_field(cli, tmp_path: Path) -> None:
    old_site = "Site dispute\n\nThe crew used the southern site.\n"
    repo = init_repo(
        write_project(tmp_path / "p", articles={"a.txt": ARTICLE_A, "b.txt": ARTICLE_B, "d.txt": old_site})
    )
    rules = repo / "rules" / "rules.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace('version: "test"', 'version: "test 2"'), "utf-8"
    )
    with inside(repo):
        result = cli("check", *SOURCES, "--since", "HEAD", columns=300)
    assert result.code == ExitCode.FINDINGS
    assert "the rules file changed; conflicts touched: mission.site, mission.status" in result.stdout
    assert "UNRESOLVED mission.site" in result.stdout
    assert "left out 0 older unresolved conflicts" in result.stderr


@needs_git
def test_a_decision_removed_from_the_ledger_is_reported(cli, repo: Path) -> None:
    (repo / "rules" / "resolutions.yaml").write_text("version: 1\nresolutions: []\n", encoding="utf-8")
    with inside(repo):
        result = cli("check", *SOURCES, "--since", "HEAD", columns=300)
    assert result.code == ExitCode.FINDINGS
    assert "0 article files added, changed or removed; conflicts touched: mission.status" in result.stdout
    assert "UNRESOLVED mission.status" in result.stdout


@needs_git
def test_since_json_says_what_it_looked_at(cli, repo: Path) -> None:
    import json

    (repo / "corpus" / "c.txt").write_text(ARTICLE_C, encoding="utf-8")
    with inside(repo):
        result = cli("check", *SOURCES, "--since", "HEAD", "--format", "json")
    data = json.loads(result.stdout)
    assert data["since"]["revision"] == "HEAD"
    assert data["since"]["commit"] == git(repo, "rev-parse", "HEAD").strip()
    assert data["since"]["changed_articles"] == ["corpus/c.txt"]
    assert data["since"]["touched_fields"] == ["mission.status"]
    assert data["summary"] == {
        "conflicts": 1,
        "resolved": 0,
        "unresolved": 1,
        "reopened": 1,
        "stale": 0,
        "left_out": 0,
    }
    (unresolved,) = data["unresolved"]
    assert unresolved["new_values"] == ["planned"]
    assert unresolved["reopens"]["line"] == 4
    assert [side["label"] for side in unresolved["conflict"]["sides"]] == ["planned", "launched", "cancelled"]


# --- the ledger's effect on the verdict -----------------------------------------------------


def test_without_a_ledger_every_conflict_is_unresolved(cli, tmp_path: Path) -> None:
    write_project(tmp_path / "p", ledger=None)
    with inside(tmp_path / "p"):
        result = cli("check", *SOURCES)
    assert result.code == ExitCode.FINDINGS
    assert "resolutions rules/resolutions.yaml (none yet)" in result.stdout
    assert "reopens" not in result.stdout


def test_a_stale_entry_warns_and_fails_only_with_strict(cli, project: Path) -> None:
    stale = LEDGER_YAML + (
        "  - field: mission.site\n    values: [north, south]\n"
        "    decision: {compatible: true, reason: different scope}\n"
        "    rationale: Old.\n    by: T\n    date: 2024-01-01\n"
    )
    (project / "rules" / "resolutions.yaml").write_text(stale, encoding="utf-8")
    with inside(project):
        loose = cli("check", *SOURCES)
        strict = cli("check", *SOURCES, "--strict")
    assert loose.code == ExitCode.OK
    expected = (
        "rules/resolutions.yaml:11: warning: stale resolution for mission.site (values north, south): "
        "no current conflict has exactly these values (hint: remove the entry; --strict makes this an error)"
    )
    assert only_line(loose.stderr) == expected
    assert "· 1 stale" in loose.stdout
    assert strict.code == ExitCode.FINDINGS
    assert only_line(strict.stderr).startswith(
        "rules/resolutions.yaml:11: error: stale resolution for mission.site"
    )


def test_resolutions_option_names_another_ledger(cli, project: Path) -> None:
    other = project / "decisions.yaml"
    other.write_text(LEDGER_YAML, encoding="utf-8")
    (project / "rules" / "resolutions.yaml").unlink()
    with inside(project):
        result = cli("check", *SOURCES, "--resolutions", "decisions.yaml")
        missing = cli("check", *SOURCES, "--resolutions", "nowhere.yaml")
    assert result.code == ExitCode.OK
    assert "resolutions decisions.yaml" in result.stdout
    assert missing.code == ExitCode.USAGE
    assert only_line(missing.stderr).startswith("nowhere.yaml: resolutions file not found")


def test_a_conflict_that_goes_away_leaves_its_entry_stale(cli, project: Path) -> None:
    (project / "corpus" / "b.txt").write_text("Another view\n\nNothing of note.\n", encoding="utf-8")
    with inside(project):
        result = cli("check", *SOURCES)
    assert result.code == ExitCode.OK
    assert "stale resolution for mission.status" in result.stderr


def test_time_separated_pairs_never_fail_the_gate() -> None:
    from aukus_check.gate import field_conflict, is_conflict
    from aukus_check.models import ConflictPair, FieldResult, Stance

    separated = ConflictPair(
        kind="time_separated", left="a", right="b", left_articles=("x",), right_articles=("y",)
    )
    plain = ConflictPair(left="a", right="c", left_articles=("x",), right_articles=("z",))
    assert not is_conflict(separated)
    assert is_conflict(plain)
    stances = (
        Stance(value="a", polarity="affirmed", label="a", articles=("x",), group=1),
        Stance(value="b", polarity="affirmed", label="b", articles=("y",), group=2),
    )
    field = FieldResult.model_construct(id="f", label="F", conflicts=(separated,), stances=stances, claims=())
    assert field_conflict(field) is None  # no stance is in a plain conflict


# --- resolve's bad input: one line, exit 2, nothing written ---------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("mission.status", "--note", "x"), "give exactly one of --accept VALUE and --compatible"),
        (
            ("mission.status", "--accept", "launched", "--compatible", "--note", "x"),
            "give exactly one of --accept VALUE and --compatible",
        ),
        (
            ("mission.status", "--accept", "exploded", "--note", "x"),
            "--accept 'exploded' is neither one of the conflict's values "
            "nor in the vocabulary of mission.status "
            "(hint: the conflict's values: cancelled, launched)",
        ),
        (("mission.site", "--compatible", "--note", "x"), "mission.site has no conflict in this corpus"),
        (
            ("mission.stauts", "--compatible", "--note", "x"),
            "unknown field 'mission.stauts' (hint: did you mean",
        ),
        (("mission.status", "--accept", "launched", "--note", "  "), "--note is empty"),
        (
            ("mission.status", "--accept", "launched", "--reason", "r", "--note", "x"),
            "--reason goes with --compatible",
        ),
        (
            ("mission.status", "--accept", "launched", "--note", "x", "--date", "June"),
            "--date 'June' is not a date",
        ),
    ],
)
def test_resolve_rejects_bad_input_and_writes_nothing(
    cli, project: Path, args: tuple[str, ...], expected: str
) -> None:
    ledger = project / "rules" / "resolutions.yaml"
    before = ledger.read_bytes()
    with inside(project):
        result = cli("resolve", *args, *SOURCES)
    assert result.code == ExitCode.USAGE
    assert only_line(result.stderr).startswith(expected)
    assert ledger.read_bytes() == before


def test_resolve_compatible_records_the_reason(cli, project: Path) -> None:
    (project / "corpus" / "d.txt").write_text("Site\n\nThe crew used the southern site.\n", encoding="utf-8")
    with inside(project):
        result = cli(
            "resolve", "mission.site", "--compatible", "--reason", "different scope",
            "--note", "Launch from the north, landing in the south.",
            "--by", "T", "--date", "2024-06-03", *SOURCES,
        )  # fmt: skip
        assert result.code == ExitCode.OK, result.stderr
        assert cli("check", *SOURCES).code == ExitCode.OK
    entry = yaml.safe_load((project / "rules" / "resolutions.yaml").read_text(encoding="utf-8"))[
        "resolutions"
    ][1]
    assert entry["decision"] == {"compatible": True, "reason": "different scope"}
    assert entry["rationale"] == "Launch from the north, landing in the south."


def test_resolve_without_by_or_date_records_someone_and_today(cli, project: Path) -> None:
    import datetime

    (project / "rules" / "resolutions.yaml").unlink()
    with inside(project):
        result = cli(
            "resolve", "mission.status", "--compatible", "--note", "Both, at different times.", *SOURCES
        )
    assert result.code == ExitCode.OK, result.stderr
    entry = yaml.safe_load((project / "rules" / "resolutions.yaml").read_text(encoding="utf-8"))[
        "resolutions"
    ][0]
    assert entry["by"].strip()
    assert entry["date"] in {datetime.date.today(), datetime.date.today() - datetime.timedelta(days=1)}
    assert entry["decision"] == {"compatible": True, "reason": "Both, at different times."}


# --- bad ledgers and revisions: one line with file:line, exit 2 -----------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("field: mission.status", "field: mission.stat"),
            "rules/resolutions.yaml:4:12: unknown field 'mission.stat'",
        ),
        (
            ("values: [cancelled, launched]", "values: [cancelled, exploded]"),
            "rules/resolutions.yaml:5:25: value 'exploded' is not in the vocabulary of 'mission.status'",
        ),
        (("version: 1", "version: [1"), "rules/resolutions.yaml:3:12: invalid YAML"),
    ],
)
def test_a_bad_ledger_is_one_line_and_exit_2(
    cli, project: Path, change: tuple[str, str], expected: str
) -> None:
    ledger = project / "rules" / "resolutions.yaml"
    broken = LEDGER_YAML.replace(*change)
    ledger.write_text(broken, encoding="utf-8")
    with inside(project):
        checked = cli("check", *SOURCES)
        resolved = cli("resolve", "mission.status", "--accept", "launched", "--note", "x", *SOURCES)
    for result in (checked, resolved):
        assert result.code == ExitCode.USAGE
        assert only_line(result.stderr).startswith(expected)
    assert ledger.read_text(encoding="utf-8") == broken


def test_since_outside_a_git_repository(cli, project: Path) -> None:
    with inside(project):
        result = cli("check", *SOURCES, "--since", "HEAD~1")
    assert result.code == ExitCode.USAGE
    assert only_line(result.stderr).startswith(
        "corpus: --since needs a git repository, and the corpus is not inside one"
    )


@needs_git
@pytest.mark.parametrize(
    ("revision", "expected"),
    [
        ("no-such-branch", "corpus: --since: unknown revision 'no-such-branch' (hint: is it fetched?"),
        ("HEAD~5", "corpus: --since: unknown revision 'HEAD~5'"),
        ("--output=x", "corpus: --since '--output=x' is not a revision"),
    ],
)
def test_since_with_an_unknown_revision(cli, repo: Path, revision: str, expected: str) -> None:
    with inside(repo):
        result = cli("check", *SOURCES, f"--since={revision}")
    assert result.code == ExitCode.USAGE
    assert only_line(result.stderr).startswith(expected)


# --- the bundled seeds ------------------------------------------------------------------------


def test_check_gates_no_corpus_nobody_chose_from_any_directory(tmp_path: Path) -> None:
    """Without --corpus and without a configuration file, the gate refuses: it must never pass
    on the bundled sample when it was meant to check the user's own articles."""
    completed = subprocess.run(
        [sys.executable, "-m", "aukus_check", "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "160"},
    )
    assert completed.returncode == 2, completed.stdout + completed.stderr
    assert completed.stdout == ""
    assert completed.stderr.count("\n") == 1
    assert completed.stderr.startswith("no corpus to check: give --corpus DIR or a configuration file")
    assert 'corpus = "DIR"' in completed.stderr


def test_check_gates_the_corpus_a_configuration_file_names(tmp_path: Path) -> None:
    """The seeds ship with a ledger beside the rules: named in a configuration file found
    above the working directory, the gate passes on them."""
    (tmp_path / "aukus-check.toml").write_text(
        f'corpus = "{SEEDS.as_posix()}"\nrules = "{RULES.as_posix()}"\n', encoding="utf-8"
    )
    below = tmp_path / "somewhere" / "deeper"
    below.mkdir(parents=True)
    completed = subprocess.run(
        [sys.executable, "-m", "aukus_check", "check"],
        cwd=below,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "160"},
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stderr == ""
    assert f"corpus {SEEDS.as_posix()}" in completed.stdout
    assert "0 unresolved · 0 stale" in completed.stdout


def test_the_bundled_ledger_covers_the_bundled_conflicts_with_rationales(cli) -> None:
    import json

    data = json.loads(cli("check", "--corpus", "seeds", "--format", "json").stdout)
    assert data["unresolved"] == [] and data["stale"] == []
    assert data["ledger"] == "rules/resolutions.yaml"
    for item in data["resolved"]:
        rationale = item["resolution"]["rationale"]
        assert len(rationale) > 200  # written from reading the articles, not a placeholder
        for side in item["conflict"]["sides"]:
            for article in side["articles"]:  # every article taking part is cited by its number
                assert article.split("_")[0] in rationale, (article, item["conflict"]["field"])


def test_resolve_refuses_to_write_into_an_installed_package(
    cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from aukus_check import resources

    bundled = tmp_path / "site" / "aukus_check" / "_bundled"
    (bundled / "rules").mkdir(parents=True)
    (bundled / "rules" / "aukus.yaml").write_bytes((REPO / "rules" / "aukus.yaml").read_bytes())
    monkeypatch.setattr(resources, "bundled_path", lambda relative: bundled / relative)
    result = cli("resolve", "japan.full_membership", "--compatible", "--note", "x")
    assert result.code == ExitCode.USAGE
    assert only_line(result.stderr).startswith(
        "the bundled rules' resolutions file is part of the installed package"
    )
    assert not (bundled / "rules" / "resolutions.yaml").exists()


def test_check_and_resolve_are_in_the_help(cli) -> None:
    result = cli("--help")
    assert "check" in result.stdout and "resolve" in result.stdout


def test_a_resolved_conflict_is_named_by_its_label_and_its_id(cli, project: Path) -> None:
    # the label for the analyst reading the verdict, the id for `aukus-check resolve`
    with inside(project):
        result = cli("check", *SOURCES)
    assert result.code == ExitCode.OK
    assert "  Mission status (mission.status): rules/resolutions.yaml:" in result.stdout
