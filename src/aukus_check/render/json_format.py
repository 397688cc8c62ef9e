"""`--format json`: the Report model dumped as documented JSON (see docs/report.schema.json)."""

from __future__ import annotations

from aukus_check.models import Report
from aukus_check.render import RenderOptions


def render(report: Report, options: RenderOptions) -> str:
    """The whole report, or one field's result with --field, as indented JSON."""
    if options.field is not None:
        result = report.field(options.field)
        assert result is not None, "the caller checks the field id"
        return result.model_dump_json(indent=2) + "\n"
    return report.model_dump_json(indent=2) + "\n"
