"""The extraction cache: an unchanged article is not read again, a changed input is, a bad
entry is never trusted, and the output never depends on whether the cache was warm."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aukus_check import engine
from aukus_check.exit_codes import ExitCode
from tests.conftest import RULES, SEEDS
from tests.gate_helpers import inside


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A corpus of the five seeds and an editable copy of the rules, in a directory of its own."""
    shutil.copytree(SEEDS, tmp_path / "corpus")
    (tmp_path / "rules.yaml").write_bytes(RULES.read_bytes())
    return tmp_path


def entries(root: Path) -> list[Path]:
    return sorted(root.glob("v1/*/*.json"))


def report(cli, project: Path, *extra: str, fmt: str = "json"):
    return cli(
        "report",
        "--corpus",
        str(project / "corpus"),
        "--rules",
        str(project / "rules.yaml"),
        "--format",
        fmt,
        *extra,
    )


def no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any extraction fail: a run that still succeeds took every article from the cache."""

    def refuse(*_: object) -> object:
        raise AssertionError("an article was read although the cache holds it")

    monkeypatch.setattr(engine, "extract_claims", refuse)


def test_a_warm_run_reads_nothing_and_prints_the_same_bytes(cli, project: Path, monkeypatch) -> None:
    cold = report(cli, project)
    assert cold.code == ExitCode.OK, cold.stderr
    cache = project / ".aukus-check-cache"  # beside the corpus by default
    assert len(entries(cache)) == 5
    uncached = report(cli, project, "--no-cache")
    no_reading(monkeypatch)
    warm = report(cli, project)
    assert warm.code == ExitCode.OK, warm.stderr
    assert warm.stdout == cold.stdout == uncached.stdout
    assert warm.stderr == cold.stderr == ""
    table_warm = report(cli, project, fmt="table")
    assert "conflict" in table_warm.stdout


def test_a_new_article_is_read_and_the_others_are_not(cli, project: Path, monkeypatch) -> None:
    report(cli, project)
    (project / "corpus" / "extra.txt").write_text(
        "A new report\n\nJapan joined the second pillar of AUKUS in May, officials said.\n", encoding="utf-8"
    )
    calls: list[str] = []
    real = engine.extract_claims

    def counting(article, rules):
        calls.append(article.info.id)
        return real(article, rules)

    monkeypatch.setattr(engine, "extract_claims", counting)
    result = report(cli, project)
    assert result.code == ExitCode.OK, result.stderr
    assert calls == ["extra"]
    assert len(entries(project / ".aukus-check-cache")) == 6


def test_editing_the_rules_file_rereads_every_article(cli, project: Path, monkeypatch) -> None:
    report(cli, project)
    rules = project / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# a comment is an edit too\n", encoding="utf-8")
    calls: list[str] = []
    real = engine.extract_claims
    monkeypatch.setattr(engine, "extract_claims", lambda a, r: calls.append(a.info.id) or real(a, r))
    report(cli, project)
    assert len(calls) == 5
    assert len(entries(project / ".aukus-check-cache")) == 10  # the old entries wait for the cap


def test_the_same_text_under_another_name_is_its_own_entry(cli, project: Path) -> None:
    corpus = project / "corpus"
    first = sorted(corpus.iterdir())[0]
    shutil.copyfile(first, corpus / "copy.txt")
    result = report(cli, project)
    assert '"id": "copy"' in result.stdout and f'"id": "{first.stem}"' in result.stdout
    assert len(entries(project / ".aukus-check-cache")) == 6


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: data[:-40] + b"X" + data[-39:], "checksum"),
        (lambda data: data[: len(data) // 2], "checksum"),
        (lambda data: b"", "checksum"),
    ],
)
def test_a_corrupt_entry_is_warned_of_once_and_rebuilt(cli, project: Path, damage, reason: str) -> None:
    cold = report(cli, project)
    victim = entries(project / ".aukus-check-cache")[2]
    victim.write_bytes(damage(victim.read_bytes()))
    warm = report(cli, project)
    assert warm.stdout == cold.stdout
    assert warm.stderr == f"warning: {victim}: cache entry is corrupt ({reason}); rebuilt\n"
    again = report(cli, project)
    assert again.stderr == ""  # rebuilt: trusted again


def test_an_entry_with_a_good_checksum_but_not_a_cached_article_is_not_trusted(cli, project: Path) -> None:
    import hashlib

    cold = report(cli, project)
    victim = entries(project / ".aukus-check-cache")[0]
    payload = b'{"info": null, "claims": [["japan.pillar2_status", {"value": "joined"}]], "diagnostics": []}'
    victim.write_bytes(
        b"aukus-check-cache 1 " + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    )
    warm = report(cli, project)
    assert warm.stdout == cold.stdout
    assert warm.stderr == f"warning: {victim}: cache entry is corrupt (not a cached article); rebuilt\n"


def test_a_cache_that_cannot_be_written_warns_once_and_the_run_goes_on(cli, project: Path) -> None:
    root = project / "cache"
    root.mkdir()
    blocker = root / "v1"
    blocker.write_text("a file where the entries would go\n", encoding="utf-8")
    uncached = report(cli, project, "--no-cache")
    result = report(cli, project, "--cache-dir", str(root))
    assert result.code == ExitCode.OK
    assert result.stdout == uncached.stdout
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"warning: {root}: cannot write the cache (")
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_no_cache_and_the_bundled_sample_write_nothing(cli, project: Path, tmp_path: Path) -> None:
    report(cli, project, "--no-cache")
    assert not (project / ".aukus-check-cache").exists()
    with __import__("contextlib").chdir(tmp_path):
        result = cli("report", "--format", "json")
    assert result.code == ExitCode.OK
    assert not list(tmp_path.rglob("v1"))


def test_the_cache_directory_comes_from_the_flag_then_environment_then_configuration(
    cli, project: Path
) -> None:
    (project / "aukus-check.toml").write_text(
        'corpus = "corpus"\nrules = "rules.yaml"\ncache-dir = "from-config"\n', encoding="utf-8"
    )
    with inside(project), pytest.MonkeyPatch.context() as environment:
        assert cli("report", "--format", "json").stderr == ""
        assert len(entries(project / "from-config")) == 5
        environment.setenv("AUKUS_CHECK_CACHE_DIR", str(project / "from-env"))
        cli("report", "--format", "json")
        assert len(entries(project / "from-env")) == 5
        cli("report", "--format", "json", "--cache-dir", "from-flag")
        assert len(entries(project / "from-flag")) == 5


def test_the_size_cap_removes_the_least_recently_used(cli, project: Path, monkeypatch) -> None:
    report(cli, project)
    cache = project / ".aukus-check-cache"
    sizes = sorted(path.stat().st_size for path in entries(cache))
    monkeypatch.setenv("AUKUS_CHECK_CACHE_MAX_BYTES", str(sum(sizes[:2])))
    (project / "corpus" / "extra.txt").write_text("A note\n\nNothing to report.\n", encoding="utf-8")
    report(cli, project)  # writes one entry, then prunes to the cap
    left = entries(cache)
    assert 0 < len(left) <= 3
    assert sum(path.stat().st_size for path in left) <= sum(sizes[:2])


def test_clear_removes_only_what_the_cache_wrote(cli, project: Path) -> None:
    report(cli, project)
    cache = project / ".aukus-check-cache"
    (cache / "v1" / "notes.txt").write_text("mine\n", encoding="utf-8")
    info = cli("cache", "info", "--corpus", str(project / "corpus"))
    assert info.stdout.splitlines()[:2] == [f"cache: {cache}", "entries: 5"]
    cleared = cli("cache", "clear", "--corpus", str(project / "corpus"))
    assert cleared.code == ExitCode.OK
    assert cleared.stdout.startswith("removed 5 entries (")
    assert entries(cache) == []
    assert (cache / "v1" / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    bundled = cli("cache", "clear")
    assert bundled.code == ExitCode.USAGE and bundled.stderr.count("\n") == 1


def test_jobs_and_a_warm_cache_never_change_a_byte(cli, project: Path) -> None:
    outputs = {
        "cold, 2 jobs": report(cli, project, "--jobs", "2").stdout,
        "warm, 1 job": report(cli, project, "--jobs", "1").stdout,
        "warm, 2 jobs": report(cli, project, "--jobs", "2").stdout,
        "uncached, 1 job": report(cli, project, "--jobs", "1", "--no-cache").stdout,
        "uncached, 2 jobs": report(cli, project, "--jobs", "2", "--no-cache").stdout,
    }
    assert len(set(outputs.values())) == 1, outputs.keys()


def test_two_runs_sharing_one_cache_directory_agree(project: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "aukus_check",
        "report",
        "--corpus",
        str(project / "corpus"),
        "--rules",
        str(project / "rules.yaml"),
        "--format",
        "json",
        "--cache-dir",
        str(project / "shared"),
    ]
    environment = {**os.environ, "COLUMNS": "120"}
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
        for _ in range(3)
    ]
    results = [run.communicate(timeout=300) for run in runs]
    assert all(run.returncode == 0 for run in runs), [err for _, err in results]
    assert len({out for out, _ in results}) == 1
    assert all(err == b"" for _, err in results)
    assert len(entries(project / "shared")) == 5
    assert not list((project / "shared").rglob(".tmp-*"))
    again = subprocess.run(command, capture_output=True, env=environment, check=True)
    assert again.stdout == results[0][0] and again.stderr == b""
