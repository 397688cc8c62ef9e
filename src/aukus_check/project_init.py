"""`aukus-check init`: the files a project of one's own starts from, wired to one configuration.

Nothing that exists is overwritten: when any file to be written is already there, nothing is
written and the error names every one. `.gitignore` is the exception that proves it: the lines
aukus-check needs are added to it when missing, and nothing in it is changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from aukus_check.errors import AukusError, Location

CONFIG = """\
# aukus-check's configuration: every command run in this directory or below it reads it.
# Paths are relative to this file; a command's flags win over it. See the README, "Configuration".
corpus = "corpus"
rules = "rules/aukus.yaml"
resolutions = "rules/resolutions.yaml"

# [format]            # each command's default --format
# check = "github"
"""

CORPUS_NOTE = """\
Put the articles here: one article per .txt or .md file, or a saved web page (.html); other
files are named in a warning. Subdirectories are read too; a file whose name starts with a
dot, like this one, is not. `aukus-check check` gates this folder.
"""

LEDGER = """\
# The resolution ledger: one decision per conflict, written by `aukus-check resolve`.
version: 1
resolutions: []
"""

WORKFLOW = """\
# aukus-check in CI: the gate reads aukus-check.toml at the repository's root.
# On a pull request it reports only the conflicts the changed articles bring; on a push to
# main it checks the whole corpus. Every run uploads SARIF for code scanning.
name: aukus-check

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read
  security-events: write  # upload-sarif

jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # --since needs the pull request's base commit

      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"

      - name: Install aukus-check
        # From wherever you get aukus-check: a package index, a wheel, or a git URL.
        run: pip install aukus-check

      - name: SARIF for code scanning
        # Exit 1 means "unresolved conflicts": still upload them. Exit 2 (bad input) fails here.
        run: aukus-check check --format sarif --output aukus-check.sarif || [ $? -eq 1 ]

      - name: Upload SARIF
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: aukus-check.sarif
          category: aukus-check

      - name: Gate
        # The base branch name reaches the script through the environment, never pasted in.
        env:
          BASE_REF: ${{ github.base_ref }}
        run: |
          set -- --format github
          if [ -n "$BASE_REF" ]; then set -- "$@" --since "origin/$BASE_REF"; fi
          aukus-check check "$@"
"""

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com): run the gate when an article, the rules or the ledger
# change. It reads aukus-check.toml, so it needs no arguments.
repos:
  - repo: local
    hooks:
      - id: aukus-check
        name: aukus-check gate
        entry: aukus-check check
        language: system
        pass_filenames: false
        files: ^(corpus/|rules/|aukus-check\\.toml$)
"""

GITIGNORE_LINES = (".*.lock", ".aukus-check-cache/")
"""resolve's lock file beside the ledger, and the cache directory."""


@dataclass(frozen=True)
class Written:
    """What init wrote: the files it created, and whether it added lines to .gitignore."""

    created: tuple[Path, ...]
    gitignore: Path | None


def project_files(rules_text: str) -> dict[str, str]:
    """Relative path -> content of every file init creates."""
    return {
        "aukus-check.toml": CONFIG,
        "corpus/.README": CORPUS_NOTE,
        "rules/aukus.yaml": rules_text,
        "rules/resolutions.yaml": LEDGER,
        ".github/workflows/aukus-check.yml": WORKFLOW,
        ".pre-commit-config.yaml": PRE_COMMIT,
    }


def init_project(root: Path, display: str, rules_text: str) -> Written:
    """Create the project's files under root; nothing is written if any of them exists."""
    from aukus_check.writes import write_file

    files = project_files(rules_text)
    existing = [name for name in files if os.path.lexists(root / name)]
    if existing:
        raise AukusError(
            f"init would overwrite {', '.join(existing)}; nothing was written",
            Location(display),
            hint="move those files away, or run init in an empty directory and copy what you need",
        )
    created = []
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, text.encode("utf-8"), f"{display.rstrip('/')}/{name}")
        created.append(path)
    return Written(tuple(created), _ignore(root, display))


def _ignore(root: Path, display: str) -> Path | None:
    """Add the lines aukus-check needs to .gitignore (created if missing); None if none were."""
    from aukus_check.writes import write_file

    path = root / ".gitignore"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in GITIGNORE_LINES if line not in present]
    if not missing:
        return None
    lead = "" if not text or text.endswith("\n") else "\n"
    added = "# aukus-check: resolve's lock file, the cache\n" + "\n".join(missing) + "\n"
    write_file(path, (text + lead + added).encode("utf-8"), f"{display.rstrip('/')}/.gitignore")
    return path
