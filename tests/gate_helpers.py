"""A small corpus, rules and ledger written for the gate's tests, and a throwaway git repository.

The values matter to these tests, so they use their own rules rather than the bundled ones,
which change as the core grows.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

RULES_YAML = textwrap.dedent(
    """\
    schema_version: 1
    version: "test"
    title: Gate test
    fields:
      - id: mission.status
        label: Mission status
        type: enum
        vocabulary: [planned, launched, cancelled]
        extractors:
          - kind: lexicon
            terms:
              planned: [was planned]
              launched: [was launched]
              cancelled: [was cancelled]
      - id: mission.site
        label: Launch site
        type: enum
        vocabulary: [north, south]
        extractors:
          - kind: lexicon
            terms:
              north: [northern site]
              south: [southern site]
    """
)

ARTICLE_A = (
    "Mission report\n\nThe mission was launched from the northern site.\n\n"
    "Officials confirmed the schedule.\n"
)
ARTICLE_B = "Another view\n\nThe mission was cancelled before it reached the northern site.\n"
ARTICLE_C = "A third account\n\nThe mission was planned from the start, officials said.\n"

LEDGER_YAML = textwrap.dedent(
    """\
    # Decisions on the test corpus.
    version: 1
    resolutions:
      - field: mission.status
        values: [cancelled, launched]
        decision:
          accept: launched   # the launch is on record
        rationale: Article a reports the launch; b's cancellation is an early rumour.
        by: First Tester
        date: 2024-06-01
    """
)

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Tester",
    "GIT_AUTHOR_EMAIL": "tester@example.org",
    "GIT_COMMITTER_NAME": "Tester",
    "GIT_COMMITTER_EMAIL": "tester@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git executable")


def git(repo: Path, *args: str) -> str:
    """Run git in repo (no global or system configuration) and return its output."""
    env = {**os.environ, **GIT_ENV, "HOME": str(repo)}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "-c", "commit.gpgsign=false", "commit", "-q", "-m", message)


def write_project(
    root: Path, *, ledger: str | None = LEDGER_YAML, articles: dict[str, str] | None = None
) -> Path:
    """corpus/, rules/rules.yaml and rules/resolutions.yaml under root."""
    (root / "corpus").mkdir(parents=True)
    (root / "rules").mkdir()
    (root / "rules" / "rules.yaml").write_text(RULES_YAML, encoding="utf-8")
    if ledger is not None:
        (root / "rules" / "resolutions.yaml").write_text(ledger, encoding="utf-8")
    for name, text in (articles or {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B}).items():
        path = root / "corpus" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def init_repo(root: Path) -> Path:
    git(root, "init", "-q")
    commit_all(root, "corpus, rules and ledger")
    return root


@contextlib.contextmanager
def inside(directory: Path) -> Iterator[None]:
    """Run with directory as the working directory, so reports show paths as CI does."""
    with contextlib.chdir(directory):
        yield


SOURCES = ("--corpus", "corpus", "--rules", "rules/rules.yaml")
