"""The resolution ledger: fingerprints, validation with file:line:column, rewriting that keeps comments."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from aukus_check.errors import LedgerError
from aukus_check.ledger import (
    Decision,
    NewResolution,
    conflict_fingerprint,
    load_ledger,
    parse_ledger,
    record,
)


@dataclass(frozen=True)
class FieldStub:
    id: str
    type: str
    vocabulary: tuple[str, ...]


FIELDS = (
    FieldStub("mission.status", "enum", ("planned", "launched", "cancelled")),
    FieldStub("mission.site", "enum", ("north", "south")),
    FieldStub("mission.date", "date", ()),
)
STATUS_FP = conflict_fingerprint("mission.status", ["cancelled", "launched"])


def ledger_text(body: str) -> str:
    return textwrap.dedent(body).lstrip("\n")


GOOD = ledger_text(
    f"""
    # Decisions on the test corpus.
    version: 1
    resolutions:
      # The status conflict, decided after reading both articles.
      - field: mission.status
        values: [launched, cancelled]
        fingerprint: {STATUS_FP}
        decision:
          accept: launched
        rationale: The launch is on film; the cancellation report predates it.
        by: Tester   # who
        date: 2024-06-01
    """
)


def error_of(text: str) -> str:
    with pytest.raises(LedgerError) as caught:
        parse_ledger(text, "res.yaml", FIELDS)
    return str(caught.value)


# --- fingerprints ---------------------------------------------------------------------------


def test_fingerprint_ignores_order_duplicates_and_spacing_but_not_the_field() -> None:
    base = conflict_fingerprint("mission.status", ["launched", "cancelled"])
    assert base == conflict_fingerprint("mission.status", ["cancelled", "launched", "launched"])
    assert base == conflict_fingerprint("mission.status", [" cancelled", "launched\n"])
    assert base != conflict_fingerprint("mission.site", ["launched", "cancelled"])
    assert base != conflict_fingerprint("mission.status", ["launched", "cancelled", "planned"])
    assert len(base) == 64 and int(base, 16) >= 0


def test_fingerprint_of_labels_keeps_polarity() -> None:
    assert conflict_fingerprint("f", ["joined", "not joined"]) != conflict_fingerprint(
        "f", ["joined", "joined (expected)"]
    )


# --- reading --------------------------------------------------------------------------------


def test_a_good_ledger_is_read_with_the_entry_line() -> None:
    ledger = parse_ledger(GOOD, "res.yaml", FIELDS)
    (entry,) = ledger.entries
    assert entry.field == "mission.status"
    assert entry.values == ("cancelled", "launched")
    assert entry.fingerprint == STATUS_FP
    assert entry.decision == Decision(accept="launched")
    assert entry.by == "Tester" and entry.date == "2024-06-01"
    assert entry.line == 5


def test_fingerprint_is_optional_when_written_by_hand() -> None:
    text = GOOD.replace(f"    fingerprint: {STATUS_FP}\n", "")
    assert parse_ledger(text, "res.yaml", FIELDS).entries[0].fingerprint == STATUS_FP


def test_empty_and_comment_only_files_are_empty_ledgers(tmp_path: Path) -> None:
    assert parse_ledger("", "res.yaml", FIELDS).entries == ()
    assert parse_ledger("# nothing decided yet\n", "res.yaml", FIELDS).entries == ()
    assert parse_ledger("version: 1\nresolutions: []\n", "res.yaml", FIELDS).entries == ()
    missing = load_ledger(tmp_path / "none.yaml", "none.yaml", FIELDS, missing_ok=True)
    assert missing.entries == () and not missing.exists


def test_an_explicit_ledger_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match=r"none\.yaml: resolutions file not found"):
        load_ledger(tmp_path / "none.yaml", "none.yaml", FIELDS, missing_ok=False)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("field: mission.status", "field: mission.stauts"),
            "res.yaml:5:12: unknown field 'mission.stauts' (hint: did you mean 'mission.status'?)",
        ),
        (
            ("values: [launched, cancelled]", "values: [launched, exploded]"),
            "res.yaml:6:24: value 'exploded' is not in the vocabulary of 'mission.status'",
        ),
        (
            ("values: [launched, cancelled]", "values: [launched]"),
            "res.yaml:6:13: 'values' must list the two or more values",
        ),
        (
            ("values: [launched, cancelled]", "values: [launched, launched]"),
            "res.yaml:6:24: value 'launched' is listed twice",
        ),
        (
            ("accept: launched", "accept: exploded"),
            "res.yaml:9:15: accepted value 'exploded' is neither one of the entry's values",
        ),
        (("accept: launched", "compatible: false"), "res.yaml:9:19: 'compatible' must be true"),
        (("accept: launched", "compatible: true"), "res.yaml:9:7: a compatible decision needs a 'reason'"),
        (("by: Tester", "by: ''"), "res.yaml:11:9: 'by' must be non-empty text"),
        (
            ("date: 2024-06-01", "date: June"),
            "res.yaml:12:11: date must be a calendar date such as 2024-06-01",
        ),
        (
            ("rationale:", "rationlae:"),
            "res.yaml:10:5: unknown key 'rationlae' in a resolution (hint: did you mean 'rationale'?)",
        ),
        (
            ("version: 1", "version: 2"),
            "res.yaml:2:10: unsupported resolutions format version 2 "
            "(hint: this aukus-check reads version 1)",
        ),
        (
            (f"fingerprint: {STATUS_FP}", "fingerprint: 00ff"),
            "res.yaml:7:18: fingerprint does not match the field and values",
        ),
        (
            ("decision:\n      accept: launched", "decision: launched"),
            "res.yaml:8:15: 'decision' must be a mapping",
        ),
    ],
)
def test_bad_entries_name_file_line_and_column(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD
    assert error_of(GOOD.replace(old, new, 1)).startswith(expected)


def test_malformed_yaml_names_the_position() -> None:
    assert error_of("version: 1\nresolutions:\n  - field: [unclosed\n").startswith(
        "res.yaml:4:1: invalid YAML"
    )


def test_the_top_level_must_be_the_documented_mapping() -> None:
    assert error_of("- field: x\n").startswith("res.yaml:1:1: a resolutions file must be a mapping")
    assert error_of("resolutions: []\n").startswith("res.yaml:1:1: missing 'version: 1'")
    assert error_of("version: 1\nresolution: []\n").startswith("res.yaml:2:1: unknown key 'resolution'")
    assert error_of("version: 1\nresolutions: {}\n").startswith("res.yaml:2:14: 'resolutions' must be a list")


def test_two_entries_for_one_conflict_are_an_error() -> None:
    entry = GOOD.split("resolutions:\n", 1)[1]
    assert error_of(GOOD + entry).startswith(
        "res.yaml:14:5: a second decision for the same conflict of 'mission.status'"
    )


def test_values_of_a_conflict_read_as_labels_with_their_polarity() -> None:
    text = GOOD.replace(
        "values: [launched, cancelled]", "values: [launched, not launched, planned (expected)]"
    )
    text = text.replace(f"    fingerprint: {STATUS_FP}\n", "")
    ledger = parse_ledger(text, "res.yaml", FIELDS)
    assert ledger.entries[0].values == ("launched", "not launched", "planned (expected)")


def test_typed_fields_take_any_value() -> None:
    text = GOOD.replace("field: mission.status", "field: mission.date")
    text = text.replace("values: [launched, cancelled]", "values: ['2024-04', '2024-05']")
    text = text.replace("accept: launched", "accept: '2024-04'").replace(
        f"    fingerprint: {STATUS_FP}\n", ""
    )
    assert parse_ledger(text, "res.yaml", FIELDS).entries[0].decision.accept == "2024-04"


# --- writing --------------------------------------------------------------------------------


def new_resolution(
    field: str = "mission.site", values: tuple[str, ...] = ("north", "south"), **changes: object
) -> NewResolution:
    base: dict[str, object] = {
        "field": field,
        "values": values,
        "decision": Decision(compatible=True, reason="different scope"),
        "rationale": "North for the launch, south for the landing.",
        "by": "Second Tester",
        "date": dt.date(2024, 6, 2),
    }
    base.update(changes)
    return NewResolution(**base)  # type: ignore[arg-type]


def test_record_appends_and_keeps_comments_and_order(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    path.write_text(GOOD, encoding="utf-8")
    recorded = record(path, "res.yaml", new_resolution(), FIELDS)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(GOOD)  # the first entry, its comments and layout, byte for byte
    assert recorded.replaced is None
    assert recorded.entry.line == 13
    added = text[len(GOOD) :]
    assert added == textwrap.indent(
        textwrap.dedent(
            f"""\
          - field: mission.site
            values: [north, south]
            fingerprint: {conflict_fingerprint("mission.site", ["north", "south"])}
            decision:
              compatible: true
              reason: different scope
            rationale: North for the launch, south for the landing.
            by: Second Tester
            date: 2024-06-02
        """
        ),
        "  ",
    )
    assert [e.field for e in parse_ledger(text, "res.yaml", FIELDS).entries] == [
        "mission.status",
        "mission.site",
    ]


def test_record_replaces_the_fields_decision_in_place(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    path.write_text(GOOD, encoding="utf-8")
    record(path, "res.yaml", new_resolution(), FIELDS)
    recorded = record(
        path,
        "res.yaml",
        new_resolution(
            "mission.status", ("cancelled", "launched", "planned"), decision=Decision(accept="launched")
        ),
        FIELDS,
    )
    assert recorded.replaced is not None and recorded.replaced.values == ("cancelled", "launched")
    text = path.read_text(encoding="utf-8")
    entries = parse_ledger(text, "res.yaml", FIELDS).entries
    assert [(e.field, e.values) for e in entries] == [
        ("mission.status", ("cancelled", "launched", "planned")),
        ("mission.site", ("north", "south")),
    ]
    assert "# Decisions on the test corpus." in text
    assert "# The status conflict, decided after reading both articles." in text
    assert "by: Second Tester # who" in text  # the comment on the replaced value stays


def test_record_creates_a_new_ledger_with_a_header(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    record(path, "res.yaml", new_resolution(), FIELDS)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# aukus-check resolution ledger")
    assert "version: 1\nresolutions:\n  - field: mission.site\n" in text
    assert parse_ledger(text, "res.yaml", FIELDS).entries[0].decision.reason == "different scope"


def test_record_keeps_a_comment_only_file(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    path.write_text("# Our team's decisions.\n", encoding="utf-8")
    record(path, "res.yaml", new_resolution(), FIELDS)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Our team's decisions.\nversion: 1\nresolutions:\n")


def test_record_follows_the_files_own_indentation(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    flush = "version: 1\nresolutions:\n- field: mission.status\n  values: [launched, cancelled]\n"
    flush += "  decision: {accept: launched}\n  rationale: R.\n  by: T\n  date: 2024-06-01\n"
    path.write_text(flush, encoding="utf-8")
    record(path, "res.yaml", new_resolution(), FIELDS)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(flush)
    assert "\n- field: mission.site\n  values: [north, south]\n" in text


def test_a_malformed_ledger_is_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    broken = GOOD.replace("field: mission.status", "field: mission.nope")
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(LedgerError, match=r"unknown field 'mission\.nope'"):
        record(path, "res.yaml", new_resolution(), FIELDS)
    assert path.read_text(encoding="utf-8") == broken
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_rationale_text_that_looks_like_yaml_survives(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    tricky = 'Quote: "it was # not" — {braces}, [brackets], & anchors *x, 100% sure\nsecond line'
    record(path, "res.yaml", new_resolution(rationale=tricky), FIELDS)
    entry = parse_ledger(path.read_text(encoding="utf-8"), "res.yaml", FIELDS).entries[0]
    assert entry.rationale == tricky
