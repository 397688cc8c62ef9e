"""The published JSON Schema of the report is generated from the models and kept current."""

from __future__ import annotations

import json

import pytest

from aukus_check.models import SCHEMA_VERSION, report_json_schema
from tests.conftest import REPO

SCHEMA_FILE = REPO / "docs" / "report.schema.json"


def test_published_schema_matches_the_models(update_golden: bool) -> None:
    generated = json.dumps(report_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if update_golden:
        SCHEMA_FILE.write_text(generated, encoding="utf-8")
        pytest.skip("docs/report.schema.json rewritten; review the diff before committing")
    assert SCHEMA_FILE.read_text(encoding="utf-8") == generated, (
        "docs/report.schema.json is out of date with the models: run pytest --update-golden, review, "
        "and bump SCHEMA_VERSION if a consumer of the JSON report would have to change"
    )


def test_schema_pins_the_schema_version() -> None:
    schema = report_json_schema()
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert schema["properties"]["schema_version"]["default"] == SCHEMA_VERSION


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(report_json_schema())
