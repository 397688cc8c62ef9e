"""`--format json`: the Report model dumped as documented JSON (see docs/report.schema.json).

Under `check`, the gate's verdict (GateResult) instead: see docs/check.schema.json.
"""

from __future__ import annotations

from pydantic import BaseModel

from aukus_check.models import Report
from aukus_check.render import RenderOptions
from aukus_check.safe_text import json_safe


def render(report: Report, options: RenderOptions) -> bytes:
    """The whole report, one field's result with --field, or check's verdict, as indented JSON (UTF-8)."""
    model: BaseModel = report
    if options.gate is not None:  # `check`: the gate's verdict
        model = options.gate
    elif options.field is not None:
        result = report.field(options.field)
        assert result is not None, "the caller checks the field id"
        model = result
    # Straight to bytes: a large report is not decoded to a str only to be encoded again.
    return json_safe(model.__pydantic_serializer__.to_json(model, indent=2)) + b"\n"
