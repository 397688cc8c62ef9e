"""Phrases the gate's formats share: how a conflict, a side, a reopening and a fix read.

Every piece of article text passes through `one_line`: control and bidirectional formatting
characters become visible escapes and line breaks become spaces, whatever the format does next.
"""

from __future__ import annotations

from aukus_check.gate import Conflict, Side, Unresolved
from aukus_check.ledger import Resolution
from aukus_check.models import Evidence
from aukus_check.safe_text import one_line

QUOTE_LIMIT = 400
"""Characters of a sentence quoted in an annotation; longer ones end with an ellipsis."""


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A sentence on one line, shortened to `limit` characters, in quotation marks."""
    flat = one_line(text)
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f"“{flat}”"


def where(evidence: Evidence) -> str:
    """path:line:column of a piece of evidence."""
    return f"{one_line(evidence.path)}:{evidence.line}:{evidence.column}"


def side_places(side: Side) -> str:
    """Where a side is stated: "invited (a.txt:8:130, b.txt:3:1)"."""
    return f"{one_line(side.label)} ({', '.join(where(e) for e in side.evidence)})"


def against(conflict: Conflict, side: Side) -> str:
    """The values that conflict with one side, with where each is stated."""
    labels = conflict.opponents(side.label)
    return "; ".join(side_places(s) for s in conflict.sides if s.label in labels)


def decision_ref(entry: Resolution, ledger: str) -> str:
    """An earlier decision, briefly: where it is, what it decided, who and when."""
    decided = one_line(entry.decision.describe())
    return f"{one_line(ledger)}:{entry.line} ({decided}; {one_line(entry.by)}, {entry.date})"


def reopened(item: Unresolved, ledger: str) -> str | None:
    """Why a decided conflict is open again: new values (and their articles), dropped values."""
    if item.reopens is None:
        return None
    parts = []
    for label in item.new_values:
        side = next(s for s in item.conflict.sides if s.label == label)
        stated = "; ".join(
            f"{one_line(article)} ({', '.join(where(e) for e in side.evidence if e.article == article)})"
            for article in side.articles
        )
        parts.append(f"new value {one_line(label)}, stated by {stated}")
    if item.dropped_values:
        parts.append("no longer stated: " + ", ".join(one_line(v) for v in item.dropped_values))
    return f"reopens the decision at {decision_ref(item.reopens, ledger)}: " + "; ".join(parts)


def fix(conflict: Conflict) -> str:
    """The command that records a decision for this conflict."""
    return f"aukus-check resolve {conflict.field} (--accept VALUE | --compatible) --note TEXT"


def headline(conflict: Conflict) -> str:
    """One line: the field and its competing values."""
    return f"unresolved conflict in {conflict.field} ({one_line(conflict.label)}): " + " vs ".join(
        one_line(side.label) for side in conflict.sides
    )
