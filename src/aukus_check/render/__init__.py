"""Output formats, one module each, registered by name in one explicit registry.

A renderer turns a finished Report into UTF-8 bytes; it never changes the report. Adding a
format: write one module with `render(report, options) -> bytes` and add it to FORMATS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports this module at start-up; keep pydantic out of that path
    from aukus_check.models import Report


@dataclass(frozen=True)
class RenderOptions:
    """How the caller wants the report shown."""

    field: str | None = None
    color: bool = False
    width: int = 120


Renderer = Callable[["Report", RenderOptions], bytes]


def _table(report: Report, options: RenderOptions) -> bytes:
    from aukus_check.render import table

    return table.render(report, options)


def _json(report: Report, options: RenderOptions) -> bytes:
    from aukus_check.render import json_format

    return json_format.render(report, options)


FORMATS: dict[str, Renderer] = {
    "table": _table,
    "json": _json,
}
"""Format name -> renderer; each renderer's module is imported only when it is used."""
