"""The gate's own logic on hand-made fields and ledgers: which pairs count, whose evidence goes
with which side, which earlier decision a reopened conflict is reported against.

Written for the mutation run (tests/mutation/run.py).
"""

from __future__ import annotations

from aukus_check.gate import Conflict, Side, evaluate, field_conflict, is_conflict
from aukus_check.ledger import Decision, Ledger, Resolution, conflict_fingerprint
from aukus_check.models import Claim, ConflictPair, Evidence, FieldResult, Report, Stance


def pair(kind: str, left: str = "a", right: str = "b") -> ConflictPair:
    return ConflictPair(kind=kind, left=left, right=right, left_articles=("x",), right_articles=("y",))  # type: ignore[arg-type]


def stance(value: str, polarity: str, label: str, article: str) -> Stance:
    return Stance(value=value, polarity=polarity, label=label, articles=(article,), group=0, in_conflict=True)  # type: ignore[arg-type]


def claim(value: str, modality: str, article: str) -> Claim:
    evidence = Evidence.model_construct(article=article, sentence=f"{article} says {modality} {value}")
    return Claim.model_construct(value=value, modality=modality, evidence=evidence)


def test_plain_conflicts_and_values_against_the_record_fail_the_gate_other_pairs_do_not() -> None:
    assert [
        kind
        for kind in ("conflict", "time_separated", "progressed", "against_record")
        if is_conflict(pair(kind))
    ] == [
        "conflict",
        "against_record",
    ]


def test_a_conflict_lists_its_against_record_pairs_and_each_sides_opponents() -> None:
    field = FieldResult.model_construct(
        id="office.holder",
        label="Holder",
        stances=(
            stance("Ann Lee", "affirmed", "Ann Lee", "x"),
            stance("Bo Ray", "affirmed", "Bo Ray", "y"),
            stance("Cy Dunn", "affirmed", "Cy Dunn", "z"),
        ),
        conflicts=(
            pair("against_record", "Ann Lee", "Bo Ray"),
            pair("time_separated", "Bo Ray", "Cy Dunn"),
            pair("conflict", "Cy Dunn", "Ann Lee"),
        ),
        claims=(),
    )
    conflict = field_conflict(field)
    assert conflict is not None
    assert conflict.pairs == (("Ann Lee", "Bo Ray"), ("Cy Dunn", "Ann Lee"))
    assert conflict.opponents("Ann Lee") == ("Bo Ray", "Cy Dunn")
    assert conflict.opponents("Bo Ray") == ("Ann Lee",)
    assert conflict.opponents("Cy Dunn") == ("Ann Lee",)
    assert conflict.opponents("nobody") == ()


def test_each_side_carries_the_evidence_of_its_own_value_and_polarity_only() -> None:
    field = FieldResult.model_construct(
        id="pact.status",
        label="Status",
        stances=(stance("signed", "affirmed", "signed", "x"), stance("signed", "denied", "not signed", "y")),
        conflicts=(pair("conflict", "signed", "not signed"),),
        claims=(
            claim("signed", "reported", "x"),
            claim("signed", "denied", "y"),
            claim("vetoed", "asserted", "z"),
        ),
    )
    conflict = field_conflict(field)
    assert conflict is not None
    evidence = {side.label: [e.article for e in side.evidence] for side in conflict.sides}
    assert evidence == {"signed": ["x"], "not signed": ["y"]}
    assert conflict.values == ("not signed", "signed")
    assert conflict.fingerprint == conflict_fingerprint("pact.status", ["signed", "not signed"])


def entry(values: tuple[str, ...], line: int, field: str = "pact.status") -> Resolution:
    return Resolution(
        field=field,
        values=values,
        fingerprint=conflict_fingerprint(field, values),
        decision=Decision(accept=values[0]),
        rationale="read the articles",
        by="Tester",
        date="2025-01-02",
        line=line,
    )


def report_with(*labels: str) -> Report:
    field = FieldResult.model_construct(
        id="pact.status",
        label="Status",
        stances=tuple(stance(label, "affirmed", label, f"art{n}") for n, label in enumerate(labels)),
        conflicts=(pair("conflict", labels[0], labels[1]),),
        claims=(),
    )
    return Report.model_construct(fields=(field,))


def test_a_reopened_conflict_is_reported_against_the_decision_sharing_most_values() -> None:
    near = entry(("drafted", "signed", "vetoed"), line=9)
    far = entry(("drafted", "shelved"), line=3)
    other = entry(("drafted", "signed"), line=15, field="pact.date")
    ledger = Ledger(path="res.yaml", exists=True, entries=(far, near, other))
    result = evaluate(report_with("signed", "vetoed", "ratified"), ledger)
    (item,) = result.unresolved
    assert item.reopens == near
    assert item.new_values == ("ratified",)
    assert item.dropped_values == ("drafted",)
    assert result.stale == (far, other)
    assert (result.summary.unresolved, result.summary.reopened, result.summary.stale) == (1, 1, 2)


def test_between_decisions_sharing_as_many_values_the_first_in_the_file_wins() -> None:
    late = entry(("shelved", "signed"), line=20)
    early = entry(("signed", "vetoed"), line=4)
    ledger = Ledger(path="res.yaml", exists=True, entries=(late, early))
    (item,) = evaluate(report_with("signed", "ratified"), ledger).unresolved
    assert item.reopens == early
    assert item.new_values == ("ratified",)


def test_an_unrelated_decision_is_stale_and_fails_only_a_strict_gate() -> None:
    ledger = Ledger(path="res.yaml", exists=True, entries=(entry(("a", "b"), 3, field="pact.date"),))
    covered = entry(("signed", "vetoed"), line=9)
    both = Ledger(path="res.yaml", exists=True, entries=(*ledger.entries, covered))
    lenient = evaluate(report_with("signed", "vetoed"), both)
    assert lenient.strict is False and lenient.passed
    assert [r.resolution for r in lenient.resolved] == [covered]
    assert not evaluate(report_with("signed", "vetoed"), both, strict=True).passed
    unresolved = evaluate(report_with("signed", "vetoed"), ledger)
    assert not unresolved.passed and unresolved.unresolved[0].reopens is None
    assert unresolved.unresolved[0].new_values == ()


def test_a_side_is_the_stance_normalized() -> None:
    field = FieldResult.model_construct(
        id="pact.status",
        label="Status",
        stances=(
            stance("signed", "affirmed", "re\u0301signed  in part", "x"),
            stance("vetoed", "affirmed", "vetoed", "y"),
        ),
        conflicts=(pair("conflict", "re\u0301signed  in part", "vetoed"),),
        claims=(),
    )
    conflict = field_conflict(field)
    assert conflict == Conflict(
        field="pact.status",
        label="Status",
        fingerprint=conflict_fingerprint("pact.status", ["r\u00e9signed in part", "vetoed"]),
        values=("r\u00e9signed in part", "vetoed"),
        sides=(
            Side(
                label="r\u00e9signed in part",
                value="signed",
                polarity="affirmed",
                articles=("x",),
                evidence=(),
            ),
            Side(label="vetoed", value="vetoed", polarity="affirmed", articles=("y",), evidence=()),
        ),
        pairs=(("r\u00e9signed in part", "vetoed"),),
    )


def test_since_leaves_untouched_fields_out_but_counts_their_conflicts() -> None:
    from aukus_check.gate import SinceScope

    ledger = Ledger(path="res.yaml", exists=False, entries=())
    untouched = SinceScope(
        revision="main",
        commit="abc",
        changed_articles=("b.txt",),
        rules_changed=False,
        touched_fields=("pact.date",),
    )
    result = evaluate(report_with("signed", "vetoed"), ledger, since=untouched)
    assert result.left_out == ("pact.status",) and result.unresolved == () and result.passed
    assert (result.summary.conflicts, result.summary.unresolved, result.summary.left_out) == (1, 0, 1)
    touched = untouched.model_copy(update={"touched_fields": ("pact.status",)})
    result = evaluate(report_with("signed", "vetoed"), ledger, since=touched)
    assert result.left_out == () and len(result.unresolved) == 1 and not result.passed
    assert (result.summary.conflicts, result.summary.unresolved, result.summary.left_out) == (1, 1, 0)


def field_with(field_id: str, *labels: str) -> FieldResult:
    return FieldResult.model_construct(
        id=field_id,
        label=field_id,
        stances=tuple(stance(label, "affirmed", label, f"art{n}") for n, label in enumerate(labels)),
        conflicts=(pair("conflict", labels[0], labels[1]),),
        claims=(),
    )


def test_conflicts_are_judged_in_field_order_and_a_resolved_one_does_not_stop_the_rest() -> None:
    from aukus_check.gate import SinceScope, conflicts_of

    report = Report.model_construct(
        fields=(field_with("zeta.site", "north", "south"), field_with("alpha.status", "signed", "vetoed"))
    )
    assert [c.field for c in conflicts_of(report)] == ["alpha.status", "zeta.site"]
    decided = entry(("signed", "vetoed"), line=3, field="alpha.status")
    unrelated = entry(("x", "y"), line=12, field="omega.other")
    scope = SinceScope(
        revision="HEAD~1",
        commit="f00",
        changed_articles=(),
        rules_changed=True,
        touched_fields=("zeta.site",),
    )
    result = evaluate(report, Ledger(path="res.yaml", exists=True, entries=(decided, unrelated)), since=scope)
    assert [r.conflict.field for r in result.resolved] == ["alpha.status"]
    assert [u.conflict.field for u in result.unresolved] == ["zeta.site"]
    assert result.stale == (unrelated,)  # the decision that resolved a conflict is not stale
    assert result.since == scope and result.ledger == "res.yaml" and result.ledger_exists
    assert (result.summary.conflicts, result.summary.resolved, result.summary.stale) == (2, 1, 1)


def test_the_gate_schema_is_the_published_one() -> None:
    import json

    from aukus_check.gate import gate_json_schema
    from tests.conftest import REPO

    published = json.loads((REPO / "docs" / "check.schema.json").read_text(encoding="utf-8"))
    assert gate_json_schema() == published
    assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"
