"""`rules eval --format json`: the EvalReport model dumped (see docs/eval.schema.json)."""

from __future__ import annotations

from aukus_check.evaluation import EvalReport
from aukus_check.safe_text import json_safe


def render(result: EvalReport) -> bytes:
    """The evaluation as indented JSON (UTF-8)."""
    return json_safe(result.__pydantic_serializer__.to_json(result, indent=2)) + b"\n"
