"""The suite tests the working tree, and golden files are an oracle CI never rewrites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.skipif(not (REPO / "src").is_dir(), reason="needs the source tree")
def test_the_suite_imports_the_working_tree_not_an_installed_copy() -> None:
    import aukus_check

    assert Path(aukus_check.__file__).resolve().is_relative_to((REPO / "src").resolve())


def test_update_golden_is_refused_under_ci() -> None:
    env = {**os.environ, "CI": "true"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--update-golden",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_schema.py",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 4, result.stdout + result.stderr  # pytest's usage error
    assert "refused when CI is set" in result.stderr


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_ci_fails_when_a_golden_file_differs_from_the_commit(tmp_path: Path) -> None:
    golden = tmp_path / "tests" / "golden"
    golden.mkdir(parents=True)
    (golden / "a.json").write_text("{}\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "golden")
    script = REPO / ".ci" / "golden-clean"

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", str(script), str(tmp_path)], capture_output=True, text=True, timeout=60
        )

    assert run().returncode == 0
    (golden / "a.json").write_text('{"rewritten": true}\n', encoding="utf-8")
    failed = run()
    assert failed.returncode == 1
    assert "tests/golden/a.json" in failed.stderr
    _git(tmp_path, "checkout", "--", ".")
    (golden / "new.json").write_text("{}\n", encoding="utf-8")  # untracked counts too
    assert run().returncode == 1


def test_ci_run_calls_the_golden_check_and_handles_pytest_exit_5() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ".ci/golden-clean" in script
    assert 'if [ "$status" -eq 5 ]' in script
