"""`check --since REV`: the articles changed since a git revision, and the fields they touch.

The working tree is compared with REV (`git diff --no-renames REV` plus untracked files).
Each changed article is read twice, as it is now (from the report) and as it was at REV
(from git), and a field counts as touched when the stances the article takes on it differ.
So a new article, or an edit that changes what an article says, touches its fields; an edit
to an unrelated line, or a move that keeps the file name, touches nothing. A changed rules
file touches every field (any value may read differently), and a changed ledger touches the
fields whose decisions were added, removed or changed.

git runs as a subprocess on the local repository only: nothing is fetched.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from aukus_check.errors import AukusError, GitError, Location
from aukus_check.ledger import FieldLike, Ledger, parse_ledger
from aukus_check.models import Report
from aukus_check.rules import RuleSet

StanceKey = tuple[str, str]
"""A stance as (value, polarity)."""


@dataclass(frozen=True)
class ArticleChange:
    """One article file added, changed or removed since the revision."""

    path: str
    """Relative to the corpus directory, with forward slashes."""
    old: bytes | None
    """The file's content at the revision; None when it did not exist there."""


@dataclass(frozen=True)
class Changes:
    """The revision as given, the commit it names, the repository, and the changed article files."""

    revision: str
    commit: str
    toplevel: str
    articles: tuple[ArticleChange, ...]


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    # C locale: git's messages are not shown to the user, but must not depend on the machine.
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, env=env, check=False)
    except FileNotFoundError:
        raise GitError("--since needs git, and no `git` executable was found", hint="install git") from None
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror}") from None


def _names(output: bytes) -> list[str]:
    return [name.decode("utf-8", "surrogateescape") for name in output.split(b"\0") if name]


def is_article_path(relative: str) -> bool:
    """Whether a corpus-relative path is one the corpus reader takes as an article."""
    from aukus_check.corpus import ARTICLE_SUFFIXES

    parts = PurePosixPath(relative).parts
    return (
        bool(parts)
        and not any(part.startswith(".") for part in parts)
        and relative.lower().endswith(ARTICLE_SUFFIXES)
    )


def changes_since(corpus_dir: Path, corpus_display: str, revision: str) -> Changes:
    """The article files under corpus_dir that differ between revision and the working tree."""
    where = Location(corpus_display)
    if not revision or revision.startswith("-"):
        raise GitError(f"--since {revision!r} is not a revision", where, hint="e.g. --since origin/main")
    if not corpus_dir.is_dir():
        raise GitError("corpus directory not found", where)
    toplevel = _toplevel(corpus_dir)
    if toplevel is None:
        raise GitError("--since needs a git repository, and the corpus is not inside one", where)
    resolved = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], corpus_dir)
    if resolved.returncode != 0:
        raise GitError(
            f"--since: unknown revision {revision!r}",
            where,
            hint="is it fetched? a shallow CI checkout needs fetch-depth: 0",
        )
    commit = resolved.stdout.decode("ascii").strip()
    # Paths relative to the corpus directory: `--relative` for diff, cwd-relative for the others.
    diff = _git(["diff", "--name-only", "--no-renames", "--relative", "-z", commit, "--", "."], corpus_dir)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", "--", "."], corpus_dir)
    before = _git(["ls-tree", "-r", "--name-only", "-z", commit, "--", "."], corpus_dir)
    for step in (diff, untracked, before):
        if step.returncode != 0:
            message = step.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(f"git failed: {message[0] if message else 'unknown error'}", where)
    existed = set(_names(before.stdout))
    paths = sorted({*_names(diff.stdout), *_names(untracked.stdout)})
    changes: list[ArticleChange] = []
    for path in paths:
        if not is_article_path(path):
            continue
        old = None
        if path in existed:
            blob = _git(["cat-file", "blob", f"{commit}:./{path}"], corpus_dir)
            old = blob.stdout if blob.returncode == 0 else None
        changes.append(ArticleChange(path=path, old=old))
    return Changes(revision=revision, commit=commit, toplevel=toplevel, articles=tuple(changes))


def _toplevel(directory: Path) -> str | None:
    """The root of the git work tree holding directory, or None."""
    if not directory.is_dir():
        return None
    found = _git(["rev-parse", "--show-toplevel"], directory)
    return found.stdout.decode("utf-8", "surrogateescape").strip() if found.returncode == 0 else None


def _then_and_now(path: Path, changes: Changes) -> tuple[bytes | None, bytes | None] | None:
    """A file's content at the revision and now (None where absent); None if outside the repository."""
    directory = path.parent if str(path.parent) else Path(".")
    if _toplevel(directory) != changes.toplevel:
        return None  # e.g. the bundled rules of an installed package: not part of the change
    blob = _git(["cat-file", "blob", f"{changes.commit}:./{path.name}"], directory)
    try:
        now = path.read_bytes()
    except OSError:
        now = None
    return (blob.stdout if blob.returncode == 0 else None), now


def rules_changed(rules_file: Path, changes: Changes) -> bool:
    """Whether the rules file differs from its state at the revision."""
    states = _then_and_now(rules_file, changes)
    return states is not None and states[0] != states[1]


def ledger_fields_changed(
    ledger_file: Path, display: str, changes: Changes, ledger: Ledger, fields: Sequence[FieldLike]
) -> frozenset[str]:
    """Fields whose decisions were added, removed or changed in the ledger since the revision."""
    states = _then_and_now(ledger_file, changes)
    if states is None or states[0] == states[1]:
        return frozenset()
    old = states[0]
    try:
        before = parse_ledger(old.decode("utf-8"), display, fields).entries if old is not None else ()
    except (AukusError, UnicodeDecodeError):  # unreadable then: every field it decides now is touched
        return frozenset(entry.field for entry in ledger.entries)
    keys = {(e.field, e.fingerprint, e.decision) for e in before} ^ {
        (e.field, e.fingerprint, e.decision) for e in ledger.entries
    }
    return frozenset(field for field, _, _ in keys)


def _old_stances(change: ArticleChange, display: str, rules: RuleSet) -> dict[str, set[StanceKey]]:
    """The stances the article took at the revision, by field; empty when it was not readable."""
    from aukus_check.compare import POLARITY_OF
    from aukus_check.corpus import decode, is_binary, parse_article
    from aukus_check.engine import extract_claims

    if change.old is None or is_binary(change.old):
        return {}
    shown = f"{display.rstrip('/')}/{change.path}"
    text, encoding, _ = decode(change.old, shown)
    if not text.strip():
        return {}
    stem = PurePosixPath(change.path).stem
    try:
        article = parse_article(
            text, stem, shown, encoding, rules.outlets, markdown=shown.lower().endswith(".md")
        )
    except AukusError:  # unreadable then (e.g. broken front matter): whatever it says now is new
        return {}
    stances: dict[str, set[StanceKey]] = {}
    for field_id, claim in extract_claims(article, rules):
        stances.setdefault(field_id, set()).add((claim.value, POLARITY_OF[claim.modality]))
    return stances


def touched_fields(report: Report, rules: RuleSet, corpus_display: str, changes: Changes) -> frozenset[str]:
    """Fields on which some changed article takes different stances now than at the revision."""
    from aukus_check.compare import POLARITY_OF

    ids = {PurePosixPath(change.path).stem for change in changes.articles}
    now: dict[str, dict[str, set[StanceKey]]] = {article_id: {} for article_id in ids}
    for field in report.fields:
        for claim in field.claims:
            if claim.evidence.article in now:
                now[claim.evidence.article].setdefault(field.id, set()).add(
                    (claim.value, POLARITY_OF[claim.modality])
                )
    then: dict[str, dict[str, set[StanceKey]]] = {article_id: {} for article_id in ids}
    for change in changes.articles:
        # An article moved to another directory keeps its id (the file stem): compare by id.
        for field_id, keys in _old_stances(change, corpus_display, rules).items():
            then[PurePosixPath(change.path).stem].setdefault(field_id, set()).update(keys)
    return frozenset(
        field.id
        for field in report.fields
        for article_id in ids
        if now[article_id].get(field.id, set()) != then[article_id].get(field.id, set())
    )
