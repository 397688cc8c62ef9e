"""Process exit codes, shared by every command so CI can rely on them."""

from enum import IntEnum


class ExitCode(IntEnum):
    """What an aukus-check process tells its caller."""

    OK = 0
    """Clean: the command ran and nothing is unresolved."""
    FINDINGS = 1
    """Findings: unresolved conflicts (only the gate command returns it)."""
    USAGE = 2
    """Usage or input error: bad arguments, corpus, rules file or article."""
    INTERNAL = 3
    """A bug in aukus-check itself; never to be mistaken for findings."""


INTERRUPTED = 130
"""Ctrl-C: the shell's convention for a process ended by SIGINT (128 + 2); not findings."""
