"""Shared test fixtures: repository paths, the golden-file flag, and an in-process CLI runner."""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
RULES = REPO / "rules" / "aukus.yaml"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output (review every changed line before committing).",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--update-golden") and os.environ.get("CI"):
        # Golden files are the oracle: CI checks them against the commit, it never rewrites them.
        raise pytest.UsageError("--update-golden rewrites golden files and is refused when CI is set")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@dataclass(frozen=True)
class CliResult:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):
    """Run `aukus-check ARGS...` in-process through the real entry point and capture everything."""
    from aukus_check.cli import run_cli

    def run(*args: str, columns: int = 120) -> CliResult:
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        err = io.StringIO()
        monkeypatch.setenv("COLUMNS", str(columns))
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        code = run_cli(list(args))
        out.flush()
        stdout = out.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
        monkeypatch.undo()
        return CliResult(code, stdout, err.getvalue())

    return run
