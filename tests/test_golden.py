"""The seeds' JSON report against its golden file, and the golden file against a reading.

Two checks, so a regenerated golden file cannot drift silently:
1. the live `aukus-check report --format json` equals tests/golden/seeds-report.json, field by
   field, with a readable diff on failure (`pytest --update-golden` rewrites the file; review
   every changed line before committing);
2. the golden file says what tests/golden/seeds-reading.yaml says: the claims, statuses and
   article metadata a careful reader finds in the seeds, written without looking at the tool.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from typing import Any

import pytest
import yaml

from tests.conftest import GOLDEN

GOLDEN_REPORT = GOLDEN / "seeds-report.json"
READING = GOLDEN / "seeds-reading.yaml"
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


# --- the golden file against the reading --------------------------------------------------


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    return json.loads(GOLDEN_REPORT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reading() -> dict[str, Any]:
    return yaml.safe_load(READING.read_text(encoding="utf-8"))


def _claim_key(article: str, claim: dict[str, Any]) -> tuple[str, str, str, int]:
    return (article, claim["value"], claim["modality"], claim["line"])


def test_every_field_of_the_reading_is_in_the_report(golden, reading) -> None:
    assert [f["id"] for f in golden["fields"]] == list(reading["fields"])


def test_articles_metadata_matches_the_reading(golden, reading) -> None:
    articles = {a["id"]: a for a in golden["articles"]}
    assert list(articles) == list(reading["articles"])
    for article_id, expected in reading["articles"].items():
        actual = articles[article_id]
        assert actual["title"] == expected["title"], article_id
        published = actual["published"]["date"]["iso"] if actual["published"] else None
        assert published == expected["published"], article_id
        assert [s["name"] for s in actual["sources"]] == expected["sources"], article_id
        lines = [n for r in actual["furniture"] for n in range(r["start_line"], r["end_line"] + 1)]
        assert lines == expected["furniture_lines"], article_id


@pytest.mark.parametrize("field_id", list(yaml.safe_load(READING.read_text(encoding="utf-8"))["fields"]))
def test_field_claims_and_status_match_the_reading(golden, reading, field_id: str) -> None:
    result = next(f for f in golden["fields"] if f["id"] == field_id)
    expected = reading["fields"][field_id]
    gaps = [g for g in reading.get("known_gaps", []) if g["field"] == field_id]

    read_claims = Counter(
        _claim_key(article, claim) for article, claims in expected["claims"].items() for claim in claims
    )
    found = Counter(
        (c["evidence"]["article"], c["value"], c["modality"], c["evidence"]["line"]) for c in result["claims"]
    )
    known_missing = Counter(_claim_key(g["article"], g["claim"]) for g in gaps)
    missing = read_claims - found
    unexpected = found - read_claims
    assert missing == known_missing, (
        f"{field_id}: claims the reading has but the report lacks, beyond known gaps: "
        f"{sorted((missing - known_missing).elements())}; known gaps now found (remove them from "
        f"known_gaps): {sorted((known_missing - missing).elements())}"
    )
    assert not unexpected, f"{field_id}: claims the reading does not make: {sorted(unexpected.elements())}"
    assert result["status"] == expected["status"], field_id

    sentences = {
        (c["evidence"]["article"], c["value"], c["modality"], c["evidence"]["line"]): c["evidence"][
            "sentence"
        ]
        for c in result["claims"]
    }
    for article, claims in expected["claims"].items():
        for claim in claims:
            key = _claim_key(article, claim)
            if key in sentences:
                assert claim["quote"] in sentences[key], (key, claim["quote"])


def test_every_quote_is_verbatim_at_its_line_in_the_article(golden) -> None:
    from tests.conftest import SEEDS

    for field in golden["fields"]:
        for claim in field["claims"]:
            evidence = claim["evidence"]
            text = (SEEDS / f"{evidence['article']}.txt").read_text(encoding="utf-8")
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]
            sentence_start = evidence["sentence_start"]
            assert text[sentence_start : sentence_start + len(evidence["sentence"])] == evidence["sentence"]
            line = text.splitlines()[evidence["line"] - 1]
            assert line[evidence["column"] - 1 :].startswith(evidence["text"])
