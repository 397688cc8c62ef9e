"""The seeds' JSON report against its golden file, and the golden file against a reading.

Two checks, so a regenerated golden file cannot drift silently:
1. the live `aukus-check report --format json` equals tests/golden/seeds-report.json, field by
   field, with a readable diff on failure (`pytest --update-golden` rewrites the file; review
   every changed line before committing);
2. the report says what tests/golden/seeds-reading.yaml says, the seeds read by someone who had
   not seen the tool's output: the same facts, statuses, typed bounds and article metadata,
   except for the differences the reading lists as known gaps (each with its reason).
"""

from __future__ import annotations

import difflib
import json
from typing import Any

import pytest
import yaml

from aukus_check.corpus import load_corpus
from aukus_check.engine import build_report
from aukus_check.evaluation import evaluate
from aukus_check.gold import Gold, KnownGap, parse_gold
from aukus_check.models import DateValue, Report
from aukus_check.rules import RuleSet, load_rules
from tests.conftest import GOLDEN, RULES, SEEDS

GOLDEN_REPORT = GOLDEN / "seeds-report.json"
READING = GOLDEN / "seeds-reading.yaml"
GAPS = GOLDEN / "seeds-known-gaps.yaml"
_VERSION_PLACEHOLDER = "<tool version>"


def _normalised(report: dict[str, Any]) -> dict[str, Any]:
    """The tool's own version is not a fact about the seeds; everything else must match."""
    copy = json.loads(json.dumps(report))
    copy["tool"]["version"] = _VERSION_PLACEHOLDER
    return copy


def _pretty(value: Any) -> list[str]:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False).splitlines()


def _section_diff(name: str, expected: Any, actual: Any) -> str:
    diff = difflib.unified_diff(
        _pretty(expected), _pretty(actual), f"golden {name}", f"current {name}", lineterm="", n=2
    )
    return "\n".join(diff)


def report_differences(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Readable diffs, one per top-level section and one per field, of two JSON reports."""
    problems = []
    for key in sorted(set(expected) | set(actual)):
        if key == "fields":
            continue
        if expected.get(key) != actual.get(key):
            problems.append(_section_diff(key, expected.get(key), actual.get(key)))
    expected_fields = {f["id"]: f for f in expected.get("fields", [])}
    actual_fields = {f["id"]: f for f in actual.get("fields", [])}
    if list(expected_fields) != list(actual_fields):
        problems.append(_section_diff("field ids", list(expected_fields), list(actual_fields)))
    for field_id in expected_fields.keys() & actual_fields.keys():
        if expected_fields[field_id] != actual_fields[field_id]:
            problems.append(
                _section_diff(f"field {field_id}", expected_fields[field_id], actual_fields[field_id])
            )
    return problems


def test_seeds_report_matches_golden_file(cli, update_golden: bool) -> None:
    result = cli("report", "--format", "json")
    assert result.code == 0, result.stderr
    actual = _normalised(json.loads(result.stdout))
    if update_golden:
        GOLDEN_REPORT.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        pytest.skip("golden file rewritten; review `git diff tests/golden` line by line before committing")
    expected = json.loads(GOLDEN_REPORT.read_text(encoding="utf-8"))
    problems = report_differences(expected, actual)
    if problems:
        pytest.fail(
            "the seeds report differs from tests/golden/seeds-report.json "
            "(if the change is intended, run pytest --update-golden and review the diff):\n\n"
            + "\n\n".join(problems),
            pytrace=False,
        )


# --- the report against the reading ------------------------------------------------------


@pytest.fixture(scope="module")
def reading() -> Gold:
    return parse_gold(READING.read_text(encoding="utf-8"), str(READING))


@pytest.fixture(scope="module")
def live() -> tuple[Report, RuleSet]:
    rules = load_rules(RULES, "rules/aukus.yaml")
    corpus = load_corpus(SEEDS, "seeds", rules.outlets, bundled=True)
    return build_report(corpus, rules), rules


@pytest.fixture(scope="module")
def gaps() -> list[KnownGap]:
    data = yaml.safe_load(GAPS.read_text(encoding="utf-8")) or []
    return [KnownGap.model_validate(item) for item in data]


def _gap_key(field: str, article: str, line: int, expected: str | None, found: str | None) -> tuple:
    return (field, article, line, expected or "", found or "")


def test_the_report_differs_from_the_reading_only_by_its_known_gaps(live, reading: Gold, gaps) -> None:
    report, rules = live
    result = evaluate(report, reading, rules, gold_display=str(READING))
    differences = {
        _gap_key(i.field, i.article, i.line, i.expected, i.found) for i in result.items if i.kind != "status"
    }
    listed = {_gap_key(g.field, g.article, g.line, g.expected, g.found) for g in gaps}
    assert not differences - listed, (
        "the report differs from tests/golden/seeds-reading.yaml beyond tests/golden/seeds-known-gaps.yaml "
        "(read the article: fix the tool, or correct the reading in a commit of its own):\n"
        + "\n".join(map(str, sorted(differences - listed)))
    )
    assert not listed - differences, (
        "known gaps the tool now reads as the reading does (remove them from seeds-known-gaps.yaml):\n"
        + "\n".join(map(str, sorted(listed - differences)))
    )


def test_statuses_match_the_reading_except_where_a_gap_says_why(live, reading: Gold, gaps) -> None:
    report, _ = live
    excused = {g.field: g.status for g in gaps if g.status is not None}
    for field_id, expected in reading.fields.items():
        result = report.field(field_id)
        if result is None or expected.status is None:
            continue
        if field_id in excused:
            assert result.status == excused[field_id], (field_id, result.status)
        else:
            assert result.status == expected.status, (field_id, result.status, expected.status)


def test_every_field_of_the_reading_is_a_rules_field_or_an_office_the_rules_lack(live, reading) -> None:
    _, rules = live
    unknown = set(reading.fields) - {f.id for f in rules.fields}
    assert all(f.startswith(("official.", "role.")) for f in unknown), unknown


def test_every_quote_of_the_reading_is_verbatim_at_its_line() -> None:
    reading = parse_gold(READING.read_text(encoding="utf-8"), str(READING))
    for field_id, field in reading.fields.items():
        for article, claims in field.claims.items():
            lines = (SEEDS / f"{article}.txt").read_text(encoding="utf-8").splitlines()
            for claim in claims:
                assert claim.quote is not None and claim.quote in lines[claim.line - 1], (
                    field_id,
                    article,
                    claim,
                )


def test_typed_details_have_the_bounds_of_the_reading(live, reading: Gold) -> None:
    report, _ = live
    checked = 0
    for field_id, field in reading.fields.items():
        result = report.field(field_id)
        if result is None:
            continue
        for article, claims in field.claims.items():
            for claim in claims:
                if claim.bounds is None:
                    continue
                found = [
                    c
                    for c in result.claims
                    if c.evidence.article == article
                    and c.value == claim.value
                    and c.evidence.line == claim.line
                ]
                if not found:
                    continue  # a known gap
                detail = found[0].detail
                assert detail is not None, (field_id, article, claim)
                bounds = (
                    (detail.start, detail.end) if isinstance(detail, DateValue) else (detail.low, detail.high)
                )
                assert bounds == tuple(claim.bounds), (field_id, article, claim.value, bounds)
                checked += 1
    assert checked >= 8


def test_articles_metadata_matches_the_reading(live, reading: Gold) -> None:
    report, _ = live
    articles = {a.id: a for a in report.articles}
    assert sorted(articles) == sorted(reading.articles)
    for article_id, expected in reading.articles.items():
        actual = articles[article_id]
        assert actual.title == expected.title, article_id
        # the reading records the dates articles state; an inferred one (written.py) is not stated
        stated = actual.published if actual.published and not actual.published.inferred else None
        assert (stated.date.iso if stated else None) == expected.published, article_id


def test_every_quote_of_the_golden_report_is_verbatim_at_its_line(golden) -> None:
    for field in golden["fields"]:
        for claim in field["claims"]:
            evidence = claim["evidence"]
            text = (SEEDS / f"{evidence['article']}.txt").read_text(encoding="utf-8")
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]
            sentence_start = evidence["sentence_start"]
            assert text[sentence_start : sentence_start + len(evidence["sentence"])] == evidence["sentence"]
            line = text.splitlines()[evidence["line"] - 1]
            assert line[evidence["column"] - 1 :].startswith(evidence["text"])


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    return json.loads(GOLDEN_REPORT.read_text(encoding="utf-8"))
