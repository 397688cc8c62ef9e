"""Typed errors raised by the core; the CLI turns them into one line and exit code 2."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a user's file: path, and 1-based line and column when known."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        """Render as path:line:column, leaving out the parts that are unknown."""
        if self.line is None:
            return self.path
        if self.column is None:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"


class AukusError(Exception):
    """An error in what the user gave us (arguments, corpus, rules); never a bug."""

    def __init__(self, message: str, location: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint
        self.also: tuple[AukusError, ...] = ()
        """Further faults of the same input, reported with this one (a rules file's, say)."""

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with location and hint, so errors cross from worker processes intact."""
        return (type(self), (self.message, self.location, self.hint))

    def __str__(self) -> str:
        """One line: where, what, and how to fix it when we know."""
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class CorpusError(AukusError):
    """The corpus directory or one of its articles cannot be used."""


class RulesError(AukusError):
    """The rules file is malformed, invalid, or uses a pattern RE2 cannot compile."""


class UsageError(AukusError):
    """A command-line argument names something that does not exist (e.g. a field id)."""


class LedgerError(AukusError):
    """The resolution ledger is malformed, names an unknown field or value, or cannot be written."""


class GitError(AukusError):
    """`--since` cannot be answered: no git, not a repository, or an unknown revision."""


class GoldError(AukusError):
    """A reading (gold file) for `rules eval` is malformed or names an article it did not list."""
