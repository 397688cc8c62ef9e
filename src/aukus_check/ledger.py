"""The resolution ledger: analysts' recorded decisions on conflicts, one entry per decision.

    version: 1
    resolutions:
      - field: japan.pillar2_status
        values: [invited, joined, talks_reported, under_consideration]
        fingerprint: 5d0c...            # sha256 of the field id and the sorted values
        decision:
          accept: under_consideration   # or: compatible: true, reason: different scope
        rationale: Why, from reading the articles.
        by: A. Analyst
        date: 2024-06-01

An entry covers a conflict by its fingerprint: the field id and the sorted, normalized values,
never line numbers or article paths, so editing or moving an article does not reopen it.
Reading keeps every node's position, so each error names file:line:column. Writing re-reads
the file under a lock, edits it in ruamel's round-trip mode (comments and order survive), and
replaces it through a temporary file and a rename.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import io
import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pydantic import Field

from aukus_check.errors import LedgerError, Location
from aukus_check.models import Frozen, Polarity
from aukus_check.yaml_source import YamlDocument, load_yaml

LEDGER_VERSION = 1
"""The ledger format this release reads and writes."""
DEFAULT_LEDGER_NAME = "resolutions.yaml"
"""The ledger's file name, beside the rules file unless --resolutions says otherwise."""
LOCK_TIMEOUT_SECONDS = 60.0
"""How long `resolve` waits for another writer before giving up."""

_ENTRY_KEYS = ("field", "values", "fingerprint", "decision", "rationale", "by", "date")
_REQUIRED_KEYS = ("field", "values", "decision", "rationale", "by", "date")
_DECISION_KEYS = ("accept", "compatible", "reason")
_HEADER = """\
# aukus-check resolution ledger: analysts' decisions on conflicts between articles.
# `aukus-check resolve` adds and updates entries; see README.md, "The resolution ledger".
"""


class FieldLike(Protocol):
    """What the ledger needs to know of a field: a rules file's FieldDef or a report's FieldLike."""

    @property
    def id(self) -> str:
        """The field id."""

    @property
    def type(self) -> str:
        """enum, set, or a typed kind."""

    @property
    def vocabulary(self) -> tuple[str, ...]:
        """The values an enum or set field takes."""


class Decision(Frozen):
    """What the analyst decided: which value is right, or that the values can all be true."""

    accept: str | None = Field(default=None, description="The value judged right.")
    compatible: bool = Field(default=False, description="The values can all be true.")
    reason: str | None = Field(
        default=None, description="Why they are compatible, e.g. time-separated, different scope."
    )

    def describe(self) -> str:
        """One phrase: "accept: joined" or "compatible: different scope"."""
        if self.accept is not None:
            return f"accept: {self.accept}"
        return f"compatible: {self.reason}" if self.reason else "compatible"


class Resolution(Frozen):
    """One entry of the ledger, validated, with the line it starts on."""

    field: str
    values: tuple[str, ...] = Field(description="The conflict's values, normalized and sorted.")
    fingerprint: str
    decision: Decision
    rationale: str
    by: str
    date: str
    line: int = Field(description="Line of the entry in the ledger file.")


class Ledger(Frozen):
    """Every recorded decision, in file order."""

    path: str
    exists: bool
    entries: tuple[Resolution, ...]


@dataclass(frozen=True)
class NewResolution:
    """A decision `resolve` is about to record."""

    field: str
    values: tuple[str, ...]
    decision: Decision
    rationale: str
    by: str
    date: dt.date


@dataclass(frozen=True)
class Recorded:
    """What `record` did: the entry as written, and whether it replaced an earlier one."""

    entry: Resolution
    replaced: Resolution | None


def normalize_value(value: str) -> str:
    """A value as fingerprints compare it: NFC, whitespace runs folded to one space."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def conflict_fingerprint(field_id: str, values: Iterable[str]) -> str:
    """sha256 (hex) of the field id and the sorted normalized values: no lines, no paths."""
    canonical = [field_id, sorted({normalize_value(value) for value in values})]
    text = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_ledger_path(rules_file: Path) -> Path:
    """Where the ledger lives when --resolutions is not given: beside the rules file."""
    return rules_file.parent / DEFAULT_LEDGER_NAME


def empty_ledger(display: str = "") -> Ledger:
    """A ledger with no decisions: every conflict is unresolved."""
    return Ledger(path=display, exists=False, entries=())


def known_values(field: FieldLike) -> frozenset[str] | None:
    """Every value a conflict of this field can show, or None when the field's values are open."""
    if field.type not in ("enum", "set"):
        return None  # typed values (dates, quantities, office holders) have no closed vocabulary
    from aukus_check.compare import stance_label

    polarities: tuple[Polarity, ...] = ("affirmed", "expected", "denied")
    return frozenset(stance_label(value, polarity) for value in field.vocabulary for polarity in polarities)


def load_ledger(path: Path, display: str, fields: Sequence[FieldLike], *, missing_ok: bool) -> Ledger:
    """Read and validate a ledger file; a missing file is an empty ledger when missing_ok."""
    text = _read(path, display)
    if text is None:
        if missing_ok:
            return empty_ledger(display)
        raise LedgerError(
            "resolutions file not found",
            Location(display),
            hint="check the path; `aukus-check resolve` creates the file",
        )
    return parse_ledger(text, display, fields)


def _read(path: Path, display: str) -> str | None:
    from aukus_check.reads import read_text

    return read_text(path, display, "resolutions file", LedgerError, missing_ok=True)


def parse_ledger(text: str, display: str, fields: Sequence[FieldLike]) -> Ledger:
    """Validate ledger text against the rules' fields; LedgerError names file:line:column."""
    document = load_yaml(text, display, LedgerError)
    data = document.data
    if data is None:  # empty, or comments only
        return Ledger(path=display, exists=True, entries=())
    if not isinstance(data, dict):
        raise LedgerError(
            "a resolutions file must be a mapping with 'version' and 'resolutions'", document.location(())
        )
    for key in data:
        if key not in ("version", "resolutions"):
            raise LedgerError(
                f"unknown key {key!r}",
                document.location((key,), key=True),
                hint="expected version, resolutions",
            )
    if "version" not in data:
        raise LedgerError(f"missing 'version: {LEDGER_VERSION}'", document.location(()))
    version = data["version"]
    if isinstance(version, bool) or version != LEDGER_VERSION:
        raise LedgerError(
            f"unsupported resolutions format version {version!r}",
            document.location(("version",)),
            hint=f"this aukus-check reads version {LEDGER_VERSION}",
        )
    items = data.get("resolutions")
    items = [] if items is None else items
    if not isinstance(items, list):
        raise LedgerError("'resolutions' must be a list of entries", document.location(("resolutions",)))
    by_id = {field.id: field for field in fields}
    entries: list[Resolution] = []
    lines: dict[str, int] = {}
    for index, item in enumerate(items):
        entry = _entry(document, ("resolutions", index), item, by_id)
        if entry.fingerprint in lines:
            raise LedgerError(
                f"a second decision for the same conflict of {entry.field!r} "
                f"(the first is on line {lines[entry.fingerprint]})",
                document.location(("resolutions", index)),
                hint="keep one entry per conflict",
            )
        lines[entry.fingerprint] = entry.line
        entries.append(entry)
    return Ledger(path=display, exists=True, entries=tuple(entries))


def _text(document: YamlDocument, path: tuple[str | int, ...], value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise LedgerError(f"{what} must be non-empty text", document.location(path))
    return value.strip()


def _entry(
    document: YamlDocument, path: tuple[str | int, ...], item: object, fields: Mapping[str, FieldLike]
) -> Resolution:
    where = document.location(path)
    if not isinstance(item, dict):
        raise LedgerError("a resolution must be a mapping: " + ", ".join(_REQUIRED_KEYS), where)
    for key in item:
        if key not in _ENTRY_KEYS:
            close = difflib.get_close_matches(key, _ENTRY_KEYS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "expected one of: " + ", ".join(_ENTRY_KEYS)
            raise LedgerError(
                f"unknown key {key!r} in a resolution", document.location((*path, key), key=True), hint
            )
    for key in _REQUIRED_KEYS:
        if key not in item:
            raise LedgerError(f"resolution is missing {key!r}", where)
    field_id = _text(document, (*path, "field"), item["field"], "'field'")
    field = fields.get(field_id)
    if field is None:
        close = difflib.get_close_matches(field_id, list(fields), n=1)
        hint = f"did you mean {close[0]!r}?" if close else "the rules file declares no such field"
        raise LedgerError(f"unknown field {field_id!r}", document.location((*path, "field")), hint)
    allowed = known_values(field)
    values = _values(document, (*path, "values"), item["values"], field, allowed)
    fingerprint = conflict_fingerprint(field_id, values)
    if "fingerprint" in item and item["fingerprint"] != fingerprint:
        raise LedgerError(
            "fingerprint does not match the field and values",
            document.location((*path, "fingerprint")),
            hint="were the values edited by hand? delete the fingerprint line (it is optional)",
        )
    decision = _decision(document, (*path, "decision"), item["decision"], field, values, allowed)
    date = item["date"]
    try:
        dt.date.fromisoformat(date if isinstance(date, str) else "")
    except ValueError:
        raise LedgerError(
            f"date must be a calendar date such as 2024-06-01, not {date!r}",
            document.location((*path, "date")),
        ) from None
    return Resolution(
        field=field_id,
        values=values,
        fingerprint=fingerprint,
        decision=decision,
        rationale=_text(document, (*path, "rationale"), item["rationale"], "'rationale'"),
        by=_text(document, (*path, "by"), item["by"], "'by'"),
        date=date,
        line=where.line or 1,
    )


def _vocabulary_hint(field: FieldLike) -> str:
    if not field.vocabulary:
        return f"{field.id} has no fixed vocabulary"
    return (
        f"{field.id} takes {', '.join(field.vocabulary)}; a conflict's values read 'X', "
        "'X (expected)' or 'not X'"
    )


def _values(
    document: YamlDocument,
    path: tuple[str | int, ...],
    raw: object,
    field: FieldLike,
    allowed: frozenset[str] | None,
) -> tuple[str, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        raise LedgerError(
            "'values' must list the two or more values the decision covers", document.location(path)
        )
    values: list[str] = []
    for index, item in enumerate(raw):
        value = normalize_value(_text(document, (*path, index), item, "each value"))
        if allowed is not None and value not in allowed:
            raise LedgerError(
                f"value {value!r} is not in the vocabulary of {field.id!r}",
                document.location((*path, index)),
                _vocabulary_hint(field),
            )
        if value in values:
            raise LedgerError(f"value {value!r} is listed twice", document.location((*path, index)))
        values.append(value)
    return tuple(sorted(values))


def _decision(
    document: YamlDocument,
    path: tuple[str | int, ...],
    raw: object,
    field: FieldLike,
    values: tuple[str, ...],
    allowed: frozenset[str] | None,
) -> Decision:
    shape = "'decision' must be a mapping: accept: VALUE, or compatible: true with a reason"
    if not isinstance(raw, dict):
        raise LedgerError(shape, document.location(path))
    for key in raw:
        if key not in _DECISION_KEYS:
            raise LedgerError(
                f"unknown key {key!r} in a decision",
                document.location((*path, key), key=True),
                hint="expected accept, or compatible and reason",
            )
    if "accept" in raw and "compatible" in raw:
        raise LedgerError(
            "a decision either accepts a value or declares the values compatible, not both",
            document.location(path),
        )
    if "accept" in raw:
        if "reason" in raw:
            raise LedgerError(
                "'reason' goes with 'compatible: true'; say why a value is right in 'rationale'",
                document.location((*path, "reason"), key=True),
            )
        accept = normalize_value(_text(document, (*path, "accept"), raw["accept"], "'accept'"))
        vocabulary = allowed if allowed is not None else frozenset()
        if accept not in values and accept not in vocabulary:
            raise LedgerError(
                f"accepted value {accept!r} is neither one of the entry's values "
                f"nor in the vocabulary of {field.id!r}",
                document.location((*path, "accept")),
                hint="the entry's values: " + ", ".join(values),
            )
        return Decision(accept=accept)
    if "compatible" in raw:
        if raw["compatible"] is not True:
            raise LedgerError(
                "'compatible' must be true",
                document.location((*path, "compatible")),
                hint="to reopen a conflict, delete its entry",
            )
        if "reason" not in raw:
            raise LedgerError(
                "a compatible decision needs a 'reason'",
                document.location(path),
                hint="e.g. time-separated, different scope",
            )
        return Decision(compatible=True, reason=_text(document, (*path, "reason"), raw["reason"], "'reason'"))
    raise LedgerError(shape, document.location(path))


def record(path: Path, display: str, new: NewResolution, fields: Sequence[FieldLike]) -> Recorded:
    """Add or update the decision for new.field, under a file lock, with an atomic rewrite.

    The file is re-read inside the lock, so two concurrent writers lose nothing; it is
    validated before anything is written, so a malformed ledger is never rewritten; and it is
    replaced through a temporary file and a rename, so an interrupted write leaves the old file.
    """
    from filelock import FileLock, Timeout

    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise LedgerError("the directory for the resolutions file does not exist", Location(display))
    lock_file = directory / f".{path.name}.lock"
    try:
        with FileLock(lock_file, timeout=LOCK_TIMEOUT_SECONDS):
            return _record_locked(path, display, new, fields)
    except Timeout:
        raise LedgerError(
            f"another process has held the lock for {LOCK_TIMEOUT_SECONDS:.0f} s",
            Location(str(lock_file)),
            hint="wait for the other `aukus-check resolve` to finish",
        ) from None
    except PermissionError as error:
        raise LedgerError(
            f"cannot lock the resolutions file: {error.strerror}", Location(str(lock_file))
        ) from None


def _record_locked(path: Path, display: str, new: NewResolution, fields: Sequence[FieldLike]) -> Recorded:
    from aukus_check.writes import write_file

    text = _read(path, display)
    before = parse_ledger(text, display, fields) if text is not None else empty_ledger(display)
    if text is None or load_yaml(text, display, LedgerError).data is None:
        # A new file, or one holding only comments: keep those and start the mapping after them.
        text = (text if text is not None and text.strip() else _HEADER) + _skeleton(text)
    yaml, root = _round_trip(text)
    entries = root.get("resolutions")
    if not entries:  # absent, null, or an empty flow list `[]`: start a block list
        from ruamel.yaml.comments import CommentedSeq

        entries = CommentedSeq()
        root["resolutions"] = entries
    fingerprint = conflict_fingerprint(new.field, new.values)
    position, replaced = _slot(before, new.field, fingerprint)
    if position is None:
        entries.append(_entry_map(new, fingerprint, None))
        position = len(entries) - 1
    else:
        entries[position] = _entry_map(new, fingerprint, entries[position])
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    written = buffer.getvalue()
    # Read back what is about to be written: a bug here must never reach the analyst's file.
    after = parse_ledger(written, display, fields)
    write_file(path, written.encode("utf-8"), display)
    return Recorded(entry=after.entries[position], replaced=replaced)


def _skeleton(text: str | None) -> str:
    separator = "" if not text or text.endswith("\n") else "\n"
    return f"{separator}version: {LEDGER_VERSION}\nresolutions: []\n"


def _slot(ledger: Ledger, field_id: str, fingerprint: str) -> tuple[int | None, Resolution | None]:
    """Which entry a new decision replaces: the same conflict's, else the field's first one."""
    for index, entry in enumerate(ledger.entries):
        if entry.fingerprint == fingerprint:
            return index, entry
    for index, entry in enumerate(ledger.entries):
        if entry.field == field_id:
            return index, entry
    return None, None


def _round_trip(text: str) -> tuple[Any, Any]:
    """A ruamel round-trip loader/dumper set to the file's own indentation, and the document."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100
    root = yaml.load(text)
    if root.get("resolutions"):
        _, indent, offset = load_yaml_guess_indent(text)
    else:
        indent, offset = 4, 2  # no entries yet to learn the style from: that of the bundled ledger
    yaml.indent(mapping=2, sequence=indent, offset=offset)
    return yaml, root


def _entry_map(new: NewResolution, fingerprint: str, existing: Any) -> Any:
    """The entry as a round-trip mapping; an existing entry is updated in place to keep its comments."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    values = CommentedSeq(sorted(normalize_value(value) for value in new.values))
    values.fa.set_flow_style()
    decision: dict[str, Any] = (
        {"accept": new.decision.accept}
        if new.decision.accept is not None
        else {"compatible": True, "reason": new.decision.reason}
    )
    fresh: dict[str, Any] = {
        "field": new.field,
        "values": values,
        "fingerprint": fingerprint,
        "decision": decision,
        "rationale": new.rationale,
        "by": new.by,
        "date": new.date,
    }
    entry = existing if isinstance(existing, CommentedMap) else CommentedMap()
    _update(entry, fresh)
    return entry


def _update(target: Any, fresh: dict[str, Any]) -> None:
    """Make a round-trip mapping hold exactly `fresh`, keeping comments on the keys it keeps.

    Keys it lacks are inserted after the key that precedes them in `fresh`, so an entry
    written by hand without a fingerprint gets one right after its values.
    """
    from ruamel.yaml.comments import CommentedMap

    for key in [key for key in target if key not in fresh]:
        del target[key]
    for key, value in fresh.items():
        if isinstance(value, dict):
            inner = target.get(key)
            if not isinstance(inner, CommentedMap):
                inner = CommentedMap()
            _update(inner, value)
            value = inner
        if key in target:
            target[key] = value
        else:
            keys = list(fresh)
            before = [k for k in keys[: keys.index(key)] if k in target]
            position = list(target).index(before[-1]) + 1 if before else 0
            target.insert(position, key, value)
