"""Output formats, one module each, registered by name in one explicit registry.

A renderer turns a finished Report into UTF-8 bytes; it never changes the report. Adding a
format: write one module with `render(report, options) -> bytes` and add it to FORMATS.

`report` renders the report; `check` passes the gate's verdict in `options.gate`, and the
table and JSON formats then show the verdict instead. The CI formats (github, sarif, junit)
always show the verdict: without one (under `report`) every conflict counts as unresolved.
"""

from __future__ import annotations

import dataclasses
import datetime
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports this module at start-up; keep pydantic out of that path
    from aukus_check.gate import GateResult
    from aukus_check.models import Report


@dataclass(frozen=True)
class ResolutionNote:
    """A recorded decision on a conflicting field, shown under that conflict in a briefing."""

    decision: str
    """What was decided, in words: "accept joined", "compatible: different stages"."""
    rationale: str
    by: str
    date: str
    accept: str | None = None
    """The value judged right, as the ledger writes it ("under_consideration", "joined
    (expected)"); None when the values were judged compatible."""


@dataclass(frozen=True)
class RenderOptions:
    """How the caller wants the report shown."""

    field: str | None = None
    color: bool = False
    width: int = 120
    gate: GateResult | None = None
    """The gate's verdict (set by `check`): which conflicts are resolved, unresolved, stale."""
    date: datetime.date | None = None
    """The briefing's "prepared on" date; without it the briefing states no date (never the clock)."""
    resolutions: Mapping[str, ResolutionNote] = dataclasses.field(default_factory=dict)
    """Field id -> the recorded resolution of its conflict, shown in the briefing."""
    step_summary: bool = False
    """Whether the caller writes the github format's summary to the job summary."""
    statuses: frozenset[str] | None = None
    """The table shows only the fields with these statuses (None: every field)."""
    ids: bool = False
    """The table shows field ids and values as the rules write them, not labels and words."""


Renderer = Callable[["Report", RenderOptions], bytes]


def article_labels(report: Report) -> dict[str, str]:
    """Short labels A1, A2, ... in corpus order, for table headers, citations and legends."""
    return {article.id: f"A{position}" for position, article in enumerate(report.articles, start=1)}


def _lazy(module: str) -> Renderer:
    """A renderer that imports its module on first use: start-up loads no format it does not run."""

    def render(report: Report, options: RenderOptions) -> bytes:
        rendered: bytes = importlib.import_module(f"aukus_check.render.{module}").render(report, options)
        return rendered

    return render


FORMATS: dict[str, Renderer] = {
    "table": _lazy("table"),
    "json": _lazy("json_format"),
    "github": _lazy("github_format"),
    "sarif": _lazy("sarif_format"),
    "junit": _lazy("junit_format"),
    "markdown": _lazy("markdown"),
    "html": _lazy("html"),
}
"""Format name -> renderer; each renderer's module is imported only when it is used."""

BRIEFING_FORMATS: tuple[str, ...] = ("markdown", "html")
"""The formats of `export` (a briefing for readers); `report` offers the others."""


def gate_of(report: Report, options: RenderOptions) -> GateResult:
    """The verdict to render: the caller's, or (under `report`) every conflict unresolved."""
    if options.gate is not None:
        return options.gate
    from aukus_check.gate import evaluate
    from aukus_check.ledger import empty_ledger

    return evaluate(report, empty_ledger())
