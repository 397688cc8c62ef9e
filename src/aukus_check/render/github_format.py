"""`--format github`: GitHub Actions workflow commands that annotate the articles in a run.

One `::error` per place where a side of an unresolved conflict is stated, so each article
line carries the annotation; `::warning` for stale ledger entries. The grammar is
`::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::MESSAGE`: in the message,
"%", CR and LF are escaped as %25, %0D and %0A; in property values also ":" and ","
(%3A, %2C). Article text cannot start a new command: it never contains a raw line break.
"""

from __future__ import annotations

from aukus_check.models import Report
from aukus_check.render import RenderOptions, gate_of
from aukus_check.render.gate_text import against, fix, quote, reopened
from aukus_check.safe_text import one_line

_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_ESCAPES = (*_DATA_ESCAPES, (":", "%3A"), (",", "%2C"))


def escape_data(text: str) -> str:
    """Escape a command's message ("%" first, so escapes are not escaped twice)."""
    for raw, escaped in _DATA_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def escape_property(text: str) -> str:
    """Escape a command's property value."""
    for raw, escaped in _PROPERTY_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def command(name: str, properties: dict[str, str | int], message: str) -> str:
    """One workflow command line, escaped."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def render(report: Report, options: RenderOptions) -> bytes:
    """Workflow commands for every unresolved conflict (each side's lines) and stale entry."""
    gate = gate_of(report, options)
    lines: list[str] = []
    for item in gate.unresolved:
        conflict = item.conflict
        title = f"aukus-check: unresolved conflict in {conflict.field}"
        note = reopened(item, gate.ledger)
        for side in conflict.sides:
            for evidence in side.evidence:
                message = (
                    f"{conflict.field}: this article states {one_line(side.label)}: "
                    f"{quote(evidence.sentence)}"
                    f" It conflicts with {against(conflict, side)}."
                )
                if note is not None:
                    message += f" This {note}."
                message += f" To record a decision: {fix(conflict)}"
                properties: dict[str, str | int] = {
                    "file": one_line(evidence.path),
                    "line": evidence.line,
                    "col": evidence.column,
                    "endLine": evidence.end_line,
                    "endColumn": evidence.end_column,
                    "title": title,
                }
                lines.append(command("error", properties, message))
    for entry in gate.stale:
        message = (
            f"stale resolution for {entry.field} (values {', '.join(entry.values)}): "
            "no current conflict has exactly these values; remove the entry"
        )
        lines.append(
            command(
                "warning",
                {"file": one_line(gate.ledger), "line": entry.line, "title": "aukus-check: stale resolution"},
                message,
            )
        )
    return "".join(line + "\n" for line in lines).encode("utf-8")
