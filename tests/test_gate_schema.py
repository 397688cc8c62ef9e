"""The published JSON Schema of `check --format json` is generated from the models and kept current."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aukus_check.gate import GATE_SCHEMA_VERSION, gate_json_schema
from tests.conftest import REPO
from tests.gate_helpers import ARTICLE_C, SOURCES, inside, write_project

SCHEMA_FILE = REPO / "docs" / "check.schema.json"


def test_published_check_schema_matches_the_models(update_golden: bool) -> None:
    generated = json.dumps(gate_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if update_golden:
        SCHEMA_FILE.write_text(generated, encoding="utf-8")
        pytest.skip("docs/check.schema.json rewritten; review the diff before committing")
    assert SCHEMA_FILE.read_text(encoding="utf-8") == generated, (
        "docs/check.schema.json is out of date with the models: run pytest --update-golden, review, "
        "and bump GATE_SCHEMA_VERSION if a consumer of check's JSON would have to change"
    )


def test_check_json_validates_against_the_published_schema(cli, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    project = write_project(tmp_path / "p")
    (project / "corpus" / "c.txt").write_text(ARTICLE_C, encoding="utf-8")
    with inside(project):
        data = json.loads(cli("check", *SOURCES, "--format", "json").stdout)
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["schema_version"] == GATE_SCHEMA_VERSION
    passed = json.loads(cli("check", "--corpus", "seeds", "--format", "json").stdout)  # all resolved
    jsonschema.Draft202012Validator(schema).validate(passed)
