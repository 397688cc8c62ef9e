"""ruff and mypy stay clean on src/ (they are test extras, so CI runs them with the suite)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True)


@pytest.mark.skipif(not (REPO / "src").is_dir(), reason="needs the source tree")
def test_ruff_is_clean() -> None:
    pytest.importorskip("ruff")
    result = _run("ruff", "check", "src", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr
    result = _run("ruff", "format", "--check", "src", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not (REPO / "src").is_dir(), reason="needs the source tree")
def test_mypy_is_clean() -> None:
    pytest.importorskip("mypy")
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
