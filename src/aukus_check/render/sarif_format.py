"""`--format sarif`: SARIF 2.1.0 for code scanning (e.g. GitHub's upload-sarif action).

One result per unresolved conflict, under a rule per field (the field id). Each side of the
conflict gets a location (where it is first stated); its other statements are related
locations. `partialFingerprints` carries the conflict's fingerprint (field id and sorted
values), so moving or editing article lines never turns one alert into another. Columns count
Unicode code points, as everywhere in aukus-check (`columnKind`).
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote as percent_encode

from aukus_check.gate import Side
from aukus_check.models import Evidence, Report
from aukus_check.render import RenderOptions, gate_of
from aukus_check.render.gate_text import against, fix, headline, quote, reopened
from aukus_check.safe_text import json_safe, one_line

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "aukusConflict/v1"
"""The partialFingerprints key; versioned, so a change of scheme never matches old alerts."""


def artifact_uri(path: str) -> str:
    """A report path as a URI reference: relative paths stay relative (to the checkout)."""
    if path.startswith("/"):
        return "file://" + percent_encode(path, safe="/")
    return percent_encode(PurePosixPath(path).as_posix(), safe="/")


def _location(evidence: Evidence, side: Side, related_id: int | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {}
    if related_id is not None:
        location["id"] = related_id
    location["physicalLocation"] = {
        "artifactLocation": {"uri": artifact_uri(evidence.path)},
        "region": {
            "startLine": evidence.line,
            "startColumn": evidence.column,
            "endLine": evidence.end_line,
            "endColumn": evidence.end_column,
            "snippet": {"text": evidence.text},
        },
    }
    location["message"] = {"text": f"{one_line(side.label)}: {quote(evidence.sentence)}"}
    return location


def render(report: Report, options: RenderOptions) -> bytes:
    """A SARIF log of the unresolved conflicts, deterministic and indented (UTF-8)."""
    gate = gate_of(report, options)
    fields = sorted(report.fields, key=lambda field: field.id)
    index = {field.id: position for position, field in enumerate(fields)}
    rules = [
        {
            "id": field.id,
            "shortDescription": {"text": one_line(field.label)},
            "fullDescription": {
                "text": f"Articles of the corpus state values of {one_line(field.label)} that cannot all "
                "be true, and no analyst has recorded a decision on them."
            },
            "help": {
                "text": "Read the quoted sentences, then record a decision in the resolutions file: "
                f"aukus-check resolve {field.id} (--accept VALUE | --compatible) --note TEXT"
            },
            "defaultConfiguration": {"level": "error"},
        }
        for field in fields
    ]
    results = []
    for item in gate.unresolved:
        conflict = item.conflict
        text = f"{headline(conflict)}."
        for side in conflict.sides:
            text += f" {one_line(side.label)} conflicts with {against(conflict, side)}."
        note = reopened(item, gate.ledger)
        if note is not None:
            text += f" This {note}."
        text += f" To record a decision: {fix(conflict)}"
        locations = [_location(side.evidence[0], side) for side in conflict.sides if side.evidence]
        related = [(evidence, side) for side in conflict.sides for evidence in side.evidence[1:]]
        result: dict[str, Any] = {
            "ruleId": conflict.field,
            "ruleIndex": index[conflict.field],
            "kind": "fail",
            "level": "error",
            "message": {"text": text},
            "locations": locations,
        }
        if related:
            result["relatedLocations"] = [
                _location(evidence, side, number) for number, (evidence, side) in enumerate(related, start=1)
            ]
        result["partialFingerprints"] = {FINGERPRINT_KEY: conflict.fingerprint}
        result["properties"] = {
            "values": list(conflict.values),
            "newValues": list(item.new_values),
            "droppedValues": list(item.dropped_values),
        }
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "aukus-check",
                        "version": report.tool.version,
                        "semanticVersion": report.tool.version,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json_safe((json.dumps(log, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
