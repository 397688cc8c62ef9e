"""The resolution ledger, message by message and byte by byte.

Written for the mutation run (tests/mutation/run.py): every refusal is checked whole (message
and hint), the fingerprint against a fixed digest, and a new ledger against its exact text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from aukus_check.errors import LedgerError
from aukus_check.ledger import (
    Decision,
    NewResolution,
    conflict_fingerprint,
    default_ledger_path,
    empty_ledger,
    known_values,
    load_ledger,
    normalize_value,
    parse_ledger,
    record,
)
from tests.test_ledger import FIELDS, GOOD, STATUS_FP, FieldStub, error_of

ENTRY = GOOD.split("resolutions:\n")[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- 1\n- 2\n", "res.yaml:1:1: a resolutions file must be a mapping with 'version' and 'resolutions'"),
        (
            "version: 1\nresolutions: []\nextra: 1\n",
            "res.yaml:3:1: unknown key 'extra' (hint: expected version, resolutions)",
        ),
        ("resolutions: []\n", "res.yaml:1:1: missing 'version: 1'"),
        (
            "version: true\nresolutions: []\n",
            "res.yaml:1:10: unsupported resolutions format version True "
            "(hint: this aukus-check reads version 1)",
        ),
        ("version: 1\nresolutions: {a: 1}\n", "res.yaml:2:14: 'resolutions' must be a list of entries"),
        (
            "version: 1\nresolutions:\n  - just text\n",
            "res.yaml:3:5: a resolution must be a mapping: field, values, decision, rationale, by, date",
        ),
        (GOOD.replace("    by: Tester   # who\n", ""), "res.yaml:5:5: resolution is missing 'by'"),
        (
            GOOD.replace("rationale:", "zzzzzz:"),
            "res.yaml:10:5: unknown key 'zzzzzz' in a resolution "
            "(hint: expected one of: field, values, fingerprint, decision, rationale, by, date)",
        ),
        (
            GOOD.replace("field: mission.status", "field: '  '"),
            "res.yaml:5:12: 'field' must be non-empty text",
        ),
        (
            GOOD.replace("field: mission.status", "field: zzz.qqq"),
            "res.yaml:5:12: unknown field 'zzz.qqq' (hint: the rules file declares no such field)",
        ),
        (
            GOOD.replace("values: [launched, cancelled]", "values: launched"),
            "res.yaml:6:13: 'values' must list the two or more values the decision covers",
        ),
        (
            GOOD.replace("values: [launched, cancelled]", "values: [launched, '']"),
            "res.yaml:6:24: each value must be non-empty text",
        ),
        (
            GOOD.replace("accept: launched", "acept: launched"),
            "res.yaml:9:7: unknown key 'acept' in a decision "
            "(hint: expected accept, or compatible and reason)",
        ),
        (
            GOOD.replace("accept: launched", "accept: launched\n      compatible: true"),
            "res.yaml:9:7: a decision either accepts a value or declares the values compatible, not both",
        ),
        (
            GOOD.replace("accept: launched", "accept: launched\n      reason: scope"),
            "res.yaml:10:7: 'reason' goes with 'compatible: true'; say why a value is right in 'rationale'",
        ),
        (
            GOOD.replace("accept: launched", "compatible: true\n      reason: ' '"),
            "res.yaml:10:15: 'reason' must be non-empty text",
        ),
        (
            GOOD.replace("accept: launched", "compatible: yes"),
            "res.yaml:9:19: 'compatible' must be true (hint: to reopen a conflict, delete its entry)",
        ),
        (
            GOOD.replace("accept: launched", "compatible: true"),
            "res.yaml:9:7: a compatible decision needs a 'reason' "
            "(hint: e.g. time-separated, different scope)",
        ),
        (
            GOOD.replace("decision:\n      accept: launched", "decision: {}"),
            "res.yaml:8:15: 'decision' must be a mapping: accept: VALUE, or compatible: true with a reason",
        ),
        (
            GOOD.replace("accept: launched", "accept: exploded"),
            "res.yaml:9:15: accepted value 'exploded' is neither one of the entry's values nor in the "
            "vocabulary of 'mission.status' (hint: the entry's values: cancelled, launched)",
        ),
        (
            GOOD.replace("field: mission.status", "field: mission.date")
            .replace(f"    fingerprint: {STATUS_FP}\n", "")
            .replace("accept: launched", "accept: exploded"),
            "res.yaml:8:15: accepted value 'exploded' is neither one of the entry's values nor in the "
            "vocabulary of 'mission.date' (hint: the entry's values: cancelled, launched)",
        ),
        (
            GOOD.replace(
                "rationale: The launch is on film; the cancellation report predates it.", "rationale: ''"
            ),
            "res.yaml:10:16: 'rationale' must be non-empty text",
        ),
        (
            GOOD.replace("date: 2024-06-01", "date: 20240601"),
            "res.yaml:12:11: date must be a calendar date such as 2024-06-01, not 20240601",
        ),
        (
            GOOD + ENTRY,
            "res.yaml:14:5: a second decision for the same conflict of 'mission.status' "
            "(the first is on line 5) (hint: keep one entry per conflict)",
        ),
        (
            GOOD.replace("field: mission.status", "field: mission.site").replace(
                f"    fingerprint: {STATUS_FP}\n", ""
            ),
            "res.yaml:6:14: value 'launched' is not in the vocabulary of 'mission.site' (hint: mission.site "
            "takes north, south; a conflict's values read 'X', 'X (expected)' or 'not X')",
        ),
    ],
)
def test_each_refusal_is_one_whole_message(text: str, expected: str) -> None:
    assert error_of(text) == expected


def test_a_field_with_no_vocabulary_says_so_in_the_hint() -> None:
    fields = (*FIELDS, FieldStub("mission.crew", "set", ()))
    text = GOOD.replace("field: mission.status", "field: mission.crew").replace(
        f"    fingerprint: {STATUS_FP}\n", ""
    )
    with pytest.raises(LedgerError) as caught:
        parse_ledger(text, "res.yaml", fields)
    assert str(caught.value) == (
        "res.yaml:6:14: value 'launched' is not in the vocabulary of 'mission.crew' "
        "(hint: mission.crew has no fixed vocabulary)"
    )


def test_a_resolutions_key_left_empty_is_no_entries() -> None:
    ledger = parse_ledger("version: 1\nresolutions:\n", "res.yaml", FIELDS)
    assert ledger.entries == () and ledger.exists and ledger.path == "res.yaml"


def test_entries_keep_their_lines_and_values_are_stored_normalized() -> None:
    text = GOOD.replace("values: [launched, cancelled]", "values: ['launched ', \"  cancelled\"]")
    second = (
        "  - field: mission.site\n    values: [south, north]\n"
        "    decision: {compatible: true, reason: two sites}\n"
        "    rationale: Both.\n    by: '  Someone  '\n    date: '2024-07-01'\n"
    )
    ledger = parse_ledger(text + second, "res.yaml", FIELDS)
    assert [(e.field, e.values, e.line, e.by) for e in ledger.entries] == [
        ("mission.status", ("cancelled", "launched"), 5, "Tester"),
        ("mission.site", ("north", "south"), 13, "Someone"),
    ]
    assert ledger.entries[1].decision == Decision(compatible=True, reason="two sites")


def test_decisions_describe_themselves_in_one_phrase() -> None:
    assert Decision(accept="joined").describe() == "accept: joined"
    assert Decision(compatible=True, reason="different scope").describe() == "compatible: different scope"
    assert Decision(compatible=True).describe() == "compatible"
    assert Decision(compatible=True, reason="").describe() == "compatible"


def test_values_are_normalized_to_nfc_with_single_spaces() -> None:
    assert normalize_value("  not\u00a0 cafe\u0301\n\tjoined ") == "not caf\u00e9 joined"
    assert normalize_value("caf\u00e9") == normalize_value("cafe\u0301")


def test_the_fingerprint_is_sha256_of_compact_unescaped_json() -> None:
    canonical = '["japan.status",["caf\u00e9","joined","not joined"]]'
    expected = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    values = ["not  joined", "cafe\u0301", "joined", "joined"]
    assert conflict_fingerprint("japan.status", values) == expected
    # sha256 of '["mission.status",["cancelled","launched"]]', computed apart from the code
    assert conflict_fingerprint("mission.status", ["launched", "cancelled"]) == (
        "294c337f993b713608ae5eff0290eb00b31697f0a1dbcb5ca3e3b6d0fea0a666"
    )


def test_the_ledger_lives_beside_the_rules_unless_told() -> None:
    assert default_ledger_path(Path("rules") / "aukus.yaml") == Path("rules") / "resolutions.yaml"
    assert empty_ledger() == empty_ledger("")
    assert empty_ledger().path == "" and not empty_ledger().exists and empty_ledger().entries == ()


def test_known_values_are_every_label_of_an_enum_or_set_and_none_for_typed_fields() -> None:
    expected = {"north", "north (expected)", "not north", "south", "south (expected)", "not south"}
    assert known_values(FieldStub("f", "enum", ("north", "south"))) == expected
    assert known_values(FieldStub("f", "set", ("north", "south"))) == expected
    for typed in ("date", "quantity", "office", "person"):
        assert known_values(FieldStub("f", typed, ("north",))) is None


def test_a_missing_ledger_that_was_asked_for_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(LedgerError) as caught:
        load_ledger(tmp_path / "absent.yaml", "absent.yaml", FIELDS, missing_ok=False)
    assert str(caught.value) == (
        "absent.yaml: resolutions file not found "
        "(hint: check the path; `aukus-check resolve` creates the file)"
    )
    present = tmp_path / "present.yaml"
    present.write_text(GOOD, encoding="utf-8")
    loaded = load_ledger(present, "present.yaml", FIELDS, missing_ok=False)
    assert loaded.exists and loaded.path == "present.yaml" and len(loaded.entries) == 1


def new(
    field: str = "mission.site", values: tuple[str, ...] = ("south", "north"), **changes: object
) -> NewResolution:
    base: dict[str, object] = {
        "field": field,
        "values": values,
        "decision": Decision(accept="north"),
        "rationale": "The launch report names the northern pad.",
        "by": "Third Tester",
        "date": dt.date(2025, 3, 4),
    }
    base.update(changes)
    return NewResolution(**base)  # type: ignore[arg-type]


NEW_LEDGER = (
    "# aukus-check resolution ledger: analysts' decisions on conflicts between articles.\n"
    '# `aukus-check resolve` adds and updates entries; see README.md, "The resolution ledger".\n'
    "version: 1\n"
    "resolutions:\n"
    "  - field: mission.site\n"
    "    values: [north, south]\n"
    f"    fingerprint: {conflict_fingerprint('mission.site', ['north', 'south'])}\n"
    "    decision:\n"
    "      accept: north\n"
    "    rationale: The launch report names the northern pad.\n"
    "    by: Third Tester\n"
    "    date: 2025-03-04\n"
)


def test_a_new_ledger_is_written_exactly(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    recorded = record(path, "res.yaml", new(), FIELDS)
    assert path.read_text(encoding="utf-8") == NEW_LEDGER
    assert recorded.replaced is None and recorded.entry.line == 5
    assert recorded.entry.values == ("north", "south") and recorded.entry.decision == Decision(accept="north")


def test_an_empty_file_and_an_empty_list_get_the_same_ledger(tmp_path: Path) -> None:
    for start in ("", "   \n", "version: 1\nresolutions: []\n", "version: 1\nresolutions:\n"):
        path = tmp_path / "res.yaml"
        path.write_text(start, encoding="utf-8")
        record(path, "res.yaml", new(), FIELDS)
        text = path.read_text(encoding="utf-8")
        assert text.endswith(NEW_LEDGER.split("version: 1\n")[1]), start
        assert parse_ledger(text, "res.yaml", FIELDS).entries[0].field == "mission.site"


def test_a_comment_without_a_final_newline_is_kept_on_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    path.write_text("# Decided by the desk.", encoding="utf-8")
    record(path, "res.yaml", new(), FIELDS)
    assert path.read_text(encoding="utf-8") == "# Decided by the desk.\n" + NEW_LEDGER.split("\n", 2)[2]


def test_a_long_rationale_is_folded_past_100_columns(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    record(path, "res.yaml", new(rationale="x" * 79 + " yy zz"), FIELDS)
    (line,) = [line for line in path.read_text(encoding="utf-8").splitlines() if "xx" in line]
    assert len(line) == 100 and line.endswith("yy zz")  # "    rationale: " and 85 characters
    path.unlink()
    record(path, "res.yaml", new(rationale="x" * 80 + " yy zz"), FIELDS)
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if "xx" in line)
    assert (len(lines[start]), lines[start + 1].strip()) == (99, "zz")


def test_a_replaced_entry_written_by_hand_gets_its_fingerprint_after_its_values(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    hand = (
        "version: 1\nresolutions:\n"
        "  - field: mission.site   # the launch pad\n"
        "    values: [north, south]\n"
        "    decision: {accept: south}\n"
        "    rationale: First reading.\n"
        "    by: A\n"
        "    date: 2024-01-01\n"
        "    extra_note_removed_by_hand: no\n"
    )
    path.write_text(hand.replace("    extra_note_removed_by_hand: no\n", ""), encoding="utf-8")
    recorded = record(path, "res.yaml", new(decision=Decision(compatible=True, reason="two pads")), FIELDS)
    assert recorded.replaced is not None and recorded.replaced.decision == Decision(accept="south")
    text = path.read_text(encoding="utf-8")
    assert text == (
        "version: 1\nresolutions:\n"
        "  - field: mission.site   # the launch pad\n"
        "    values: [north, south]\n"
        f"    fingerprint: {conflict_fingerprint('mission.site', ['north', 'south'])}\n"
        "    decision: {compatible: true, reason: two pads}\n"
        "    rationale: The launch report names the northern pad.\n"
        "    by: Third Tester\n"
        "    date: 2025-03-04\n"
    )


def test_a_decision_for_another_conflict_of_a_field_replaces_its_first_entry(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    path.write_text(GOOD, encoding="utf-8")
    record(path, "res.yaml", new(), FIELDS)
    recorded = record(path, "res.yaml", new(values=("north", "south", "not north")), FIELDS)
    assert recorded.replaced is not None and recorded.replaced.values == ("north", "south")
    entries = parse_ledger(path.read_text(encoding="utf-8"), "res.yaml", FIELDS).entries
    assert [(e.field, e.values) for e in entries] == [
        ("mission.status", ("cancelled", "launched")),
        ("mission.site", ("north", "not north", "south")),
    ]
    assert recorded.entry == entries[1]


def test_recording_into_a_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LedgerError) as caught:
        record(tmp_path / "nowhere" / "res.yaml", "nowhere/res.yaml", new(), FIELDS)
    assert str(caught.value) == "nowhere/res.yaml: the directory for the resolutions file does not exist"


def test_a_ledger_in_the_working_directory_is_locked_there(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    record(Path("res.yaml"), "res.yaml", new(), FIELDS)
    assert (tmp_path / "res.yaml").read_text(encoding="utf-8") == NEW_LEDGER
    assert sorted(p.name for p in tmp_path.iterdir()) == [".res.yaml.lock", "res.yaml"]


def test_a_ledger_in_a_subdirectory_is_locked_beside_it(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    record(tmp_path / "sub" / "res.yaml", "sub/res.yaml", new(), FIELDS)
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == [".res.yaml.lock", "res.yaml"]
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_lock_held_by_another_writer_times_out_with_one_line(tmp_path: Path, monkeypatch) -> None:
    from filelock import FileLock

    import aukus_check.ledger

    monkeypatch.setattr(aukus_check.ledger, "LOCK_TIMEOUT_SECONDS", 0.2)
    path = tmp_path / "res.yaml"
    lock = tmp_path / ".res.yaml.lock"
    with FileLock(lock), pytest.raises(LedgerError) as caught:
        record(path, "res.yaml", new(), FIELDS)
    assert str(caught.value) == (
        f"{lock}: another process has held the lock for 0 s "
        "(hint: wait for the other `aukus-check resolve` to finish)"
    )
    assert not path.exists()


def test_a_lock_that_cannot_be_taken_says_why(tmp_path: Path, monkeypatch) -> None:
    import filelock

    class Refused:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(filelock, "FileLock", Refused)
    with pytest.raises(LedgerError) as caught:
        record(tmp_path / "res.yaml", "res.yaml", new(), FIELDS)
    assert (
        str(caught.value)
        == f"{tmp_path / '.res.yaml.lock'}: cannot lock the resolutions file: Permission denied"
    )


def test_a_ledger_that_is_not_utf8_is_named_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    path.write_bytes(b"version: 1\nresolutions: []\n# caf\xe9\n")
    with pytest.raises(LedgerError) as caught:
        record(path, "shown/res.yaml", new(), FIELDS)
    assert str(caught.value) == "shown/res.yaml: resolutions file is not UTF-8 (byte 0xE9)"


def test_a_decision_replaces_the_entry_of_its_own_conflict_before_the_fields_first(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    record(path, "res.yaml", new(values=("north", "not north")), FIELDS)
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(ENTRY_SITE) + "\n", encoding="utf-8")
    recorded = record(path, "res.yaml", new(values=("north", "south"), rationale="Again."), FIELDS)
    assert recorded.replaced is not None and recorded.replaced.values == ("north", "south")
    entries = parse_ledger(path.read_text(encoding="utf-8"), "res.yaml", FIELDS).entries
    assert [(e.values, e.rationale) for e in entries] == [
        (("north", "not north"), "The launch report names the northern pad."),
        (("north", "south"), "Again."),
    ]


ENTRY_SITE = [
    "  - field: mission.site",
    "    values: [north, south]",
    "    decision: {accept: 'south'}",
    "    rationale: 'Quoted by hand.'",
    "    by: A",
    "    date: 2024-01-01",
]


def test_quotes_written_by_hand_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    path.write_text("version: 1\nresolutions:\n" + "\n".join(ENTRY_SITE) + "\n", encoding="utf-8")
    status = new(
        field="mission.status", values=("launched", "cancelled"), decision=Decision(accept="launched")
    )
    record(path, "res.yaml", status, FIELDS)
    text = path.read_text(encoding="utf-8")
    assert "\n".join(ENTRY_SITE) in text


def test_an_empty_accept_is_refused_at_its_place() -> None:
    assert error_of(GOOD.replace("accept: launched", "accept: ' '")) == (
        "res.yaml:9:15: 'accept' must be non-empty text"
    )


def test_accepting_a_vocabulary_value_outside_the_conflict_is_allowed() -> None:
    (entry,) = parse_ledger(GOOD.replace("accept: launched", "accept: planned"), "res.yaml", FIELDS).entries
    assert entry.decision == Decision(accept="planned") and entry.values == ("cancelled", "launched")


def test_a_fingerprint_that_does_not_match_says_how_to_fix_it() -> None:
    assert error_of(GOOD.replace(f"fingerprint: {STATUS_FP}", "fingerprint: 00ff")) == (
        "res.yaml:7:18: fingerprint does not match the field and values "
        "(hint: were the values edited by hand? delete the fingerprint line (it is optional))"
    )


def test_a_read_only_ledger_is_named_as_shown(tmp_path: Path) -> None:
    path = tmp_path / "res.yaml"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(Exception) as caught:
        record(path, "shown/res.yaml", new(), FIELDS)
    assert str(caught.value) == (
        "shown/res.yaml: is read-only; it is left as it is (hint: make it writable first)"
    )
    assert path.read_text(encoding="utf-8") == GOOD


def test_a_ledger_of_comments_only_exists_though_it_is_empty() -> None:
    for text in ("", "# nothing decided yet\n"):
        ledger = parse_ledger(text, "res.yaml", FIELDS)
        assert (ledger.exists, ledger.entries, ledger.path) == (True, (), "res.yaml")
