"""The CI gate: which conflicts an analyst has resolved, which are unresolved or reopened, and
which ledger entries no longer match anything.

A field's conflict is the field as a whole: its values are the labels of every stance that
takes part in a conflicting pair ("joined", "not joined", "joined (expected)"). Pairs the
comparer marks as anything but a plain conflict (e.g. time-separated office holders) never
count. A conflict is resolved when a ledger entry covers exactly its current values; a new
value reopens it, and the result says which value and which articles are new.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import Field

from aukus_check.compare import POLARITY_OF
from aukus_check.ledger import Ledger, Resolution, conflict_fingerprint, normalize_value
from aukus_check.models import ConflictPair, Evidence, FieldResult, Frozen, Report, Stance

GATE_SCHEMA_VERSION: Literal[1] = 1
"""Bumped whenever a consumer of `check --format json` would have to change."""


class Side(Frozen):
    """One competing value of a conflict, the articles that state it, and where."""

    label: str
    value: str
    polarity: str
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]


class Conflict(Frozen):
    """A field whose articles conflict: its values, fingerprint, and every side's evidence."""

    field: str
    label: str
    fingerprint: str
    values: tuple[str, ...] = Field(description="Normalized and sorted; what the fingerprint covers.")
    sides: tuple[Side, ...]
    pairs: tuple[tuple[str, str], ...] = Field(description="The value pairs that cannot both be true.")

    def opponents(self, label: str) -> tuple[str, ...]:
        """The values that conflict with this one, in side order."""
        against = {right for left, right in self.pairs if left == label}
        against |= {left for left, right in self.pairs if right == label}
        return tuple(side.label for side in self.sides if side.label in against)


class Unresolved(Frozen):
    """A conflict no entry covers exactly; when an entry for the field exists, what changed."""

    conflict: Conflict
    reopens: Resolution | None = Field(description="The field's earlier decision that no longer covers it.")
    new_values: tuple[str, ...] = Field(description="Values the earlier decision did not cover.")
    dropped_values: tuple[str, ...] = Field(
        description="Values the earlier decision covered, no longer stated."
    )


class Resolved(Frozen):
    """A conflict and the decision that covers it."""

    conflict: Conflict
    resolution: Resolution


class SinceScope(Frozen):
    """What `--since` looked at: the revision, the articles changed since, the fields they touch."""

    revision: str
    commit: str
    changed_articles: tuple[str, ...] = Field(description="Paths of articles added, changed or removed.")
    rules_changed: bool = Field(description="The rules file changed: every field counts as touched.")
    touched_fields: tuple[str, ...] = Field(
        description="Fields whose stances changed articles altered, or whose decisions the ledger changed."
    )


class GateSummary(Frozen):
    """Counts for the one-line summary."""

    conflicts: int
    resolved: int
    unresolved: int
    reopened: int
    stale: int
    left_out: int


class GateResult(Frozen):
    """The gate's verdict; `check --format json` writes exactly this."""

    schema_version: Literal[1] = GATE_SCHEMA_VERSION
    ledger: str
    ledger_exists: bool
    strict: bool
    since: SinceScope | None
    summary: GateSummary
    unresolved: tuple[Unresolved, ...]
    resolved: tuple[Resolved, ...]
    stale: tuple[Resolution, ...] = Field(description="Entries that match no current conflict.")
    left_out: tuple[str, ...] = Field(
        description="With --since: fields with unresolved conflicts no changed article touched."
    )

    @property
    def passed(self) -> bool:
        """Nothing unresolved (and, with --strict, no stale entry)."""
        return not self.unresolved and not (self.strict and self.stale)


def is_conflict(pair: ConflictPair) -> bool:
    """Whether a pair fails the gate: a plain conflict, or a value the record of terms contradicts;
    time-separated values and stages in order never do."""
    return pair.kind in ("conflict", "against_record")


def _evidence(field: FieldResult, stance: Stance) -> tuple[Evidence, ...]:
    return tuple(
        claim.evidence
        for claim in field.claims
        if claim.value == stance.value and POLARITY_OF[claim.modality] == stance.polarity
    )


def field_conflict(field: FieldResult) -> Conflict | None:
    """The field's conflict as the gate sees it, or None when no pair is a plain conflict."""
    pairs = [(normalize_value(p.left), normalize_value(p.right)) for p in field.conflicts if is_conflict(p)]
    # The stances' own flag, not the listed pairs: a field with many values lists only some pairs.
    labels = {normalize_value(stance.label) for stance in field.stances if stance.in_conflict}
    if not labels:
        return None
    sides = tuple(
        Side(
            label=normalize_value(stance.label),
            value=stance.value,
            polarity=stance.polarity,
            articles=stance.articles,
            evidence=_evidence(field, stance),
        )
        for stance in field.stances
        if normalize_value(stance.label) in labels
    )
    return Conflict(
        field=field.id,
        label=field.label,
        fingerprint=conflict_fingerprint(field.id, labels),
        values=tuple(sorted(labels)),
        sides=sides,
        pairs=tuple(pairs),
    )


def conflicts_of(report: Report) -> tuple[Conflict, ...]:
    """Every field's conflict, sorted by field id."""
    found = (field_conflict(field) for field in report.fields)
    return tuple(sorted((c for c in found if c is not None), key=lambda c: c.field))


def _basis(conflict: Conflict, entries: Iterable[Resolution]) -> Resolution | None:
    """The field's earlier decision closest to the conflict (most values in common, first wins)."""
    candidates = [entry for entry in entries if entry.field == conflict.field]
    if not candidates:
        return None
    current = set(conflict.values)
    return max(candidates, key=lambda entry: (len(current & set(entry.values)), -entry.line))


def evaluate(
    report: Report,
    ledger: Ledger,
    *,
    strict: bool = False,
    since: SinceScope | None = None,
) -> GateResult:
    """Match the report's conflicts against the ledger; with since, keep only touched fields."""
    by_fingerprint = {entry.fingerprint: entry for entry in ledger.entries}
    used: set[str] = set()
    resolved: list[Resolved] = []
    unresolved: list[Unresolved] = []
    for conflict in conflicts_of(report):
        entry = by_fingerprint.get(conflict.fingerprint)
        if entry is not None:
            used.add(entry.fingerprint)
            resolved.append(Resolved(conflict=conflict, resolution=entry))
            continue
        basis = _basis(conflict, (e for e in ledger.entries if e.fingerprint not in used))
        if basis is not None:
            used.add(basis.fingerprint)  # reported with the reopened conflict, not as stale
        covered = set(basis.values) if basis is not None else set()
        unresolved.append(
            Unresolved(
                conflict=conflict,
                reopens=basis,
                new_values=tuple(v for v in conflict.values if basis is not None and v not in covered),
                dropped_values=tuple(sorted(covered - set(conflict.values))),
            )
        )
    stale = tuple(entry for entry in ledger.entries if entry.fingerprint not in used)
    left_out: Sequence[str] = ()
    if since is not None:
        touched = set(since.touched_fields)
        left_out = tuple(item.conflict.field for item in unresolved if item.conflict.field not in touched)
        unresolved = [item for item in unresolved if item.conflict.field in touched]
    return GateResult(
        ledger=ledger.path,
        ledger_exists=ledger.exists,
        strict=strict,
        since=since,
        summary=GateSummary(
            conflicts=len(resolved) + len(unresolved) + len(left_out),
            resolved=len(resolved),
            unresolved=len(unresolved),
            reopened=sum(1 for item in unresolved if item.reopens is not None),
            stale=len(stale),
            left_out=len(left_out),
        ),
        unresolved=tuple(unresolved),
        resolved=tuple(resolved),
        stale=stale,
        left_out=tuple(left_out),
    )


def gate_json_schema() -> dict[str, object]:
    """JSON Schema (draft 2020-12) of `check --format json`, generated from the models."""
    schema = GateResult.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
