"""`--format github`: GitHub Actions workflow commands that annotate the articles in a run.

One `::error` per place where a side of an unresolved conflict is stated, so each article
line carries the annotation; `::warning` for stale ledger entries. GitHub shows at most
ANNOTATIONS_SHOWN of each per step and drops the rest without a word: the commands stop
there, a `::notice` says how many more there are, and `summary` gives every one as a Markdown
table for the job summary ($GITHUB_STEP_SUMMARY, which the CLI appends it to). The grammar is
`::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::MESSAGE`: in the message,
"%", CR and LF are escaped as %25, %0D and %0A; in property values also ":" and ","
(%3A, %2C). Article text cannot start a new command: it never contains a raw line break.
"""

from __future__ import annotations

from aukus_check.models import Report
from aukus_check.render import RenderOptions, gate_of
from aukus_check.render.gate_text import against, fix, quote, reopened
from aukus_check.safe_text import one_line

ANNOTATIONS_SHOWN = 10
"""Error (and, apart, warning) annotations GitHub shows per step."""

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


_Place = tuple[str, dict[str, str | int], str, list[str]]
"""An annotation: its command, properties and message, and its row in the summary table."""


def _places(report: Report, options: RenderOptions) -> list[_Place]:
    """(command, properties, message, summary row cells) for every annotation, in report order."""
    gate = gate_of(report, options)
    places: list[_Place] = []
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
                row = [
                    conflict.field,
                    side.label,
                    f"{evidence.path}:{evidence.line}:{evidence.column}",
                    quote(evidence.sentence),
                ]
                places.append(("error", properties, message, row))
    for entry in gate.stale:
        message = (
            f"stale resolution for {entry.field} (values {', '.join(entry.values)}): "
            "no current conflict has exactly these values; remove the entry"
        )
        properties = {
            "file": one_line(gate.ledger),
            "line": entry.line,
            "title": "aukus-check: stale resolution",
        }
        row = [
            entry.field,
            "stale: " + ", ".join(entry.values),
            f"{gate.ledger}:{entry.line}",
            "remove the entry",
        ]
        places.append(("warning", properties, message, row))
    return places


def render(report: Report, options: RenderOptions) -> bytes:
    """Workflow commands for every unresolved conflict (each side's lines) and stale entry, up to
    what GitHub shows; a notice for the rest, which `summary` holds."""
    places = _places(report, options)
    lines = [command(name, properties, message) for name, properties, message, _ in _shown(places)]
    folded = len(places) - len(lines)
    if folded:
        where = "the job summary" if options.step_summary else "the full list (--format table)"
        lines.append(
            command(
                "notice",
                {"title": "aukus-check: more annotations"},
                f"{folded} more of {len(places)} annotations are not shown here (GitHub shows "
                f"{ANNOTATIONS_SHOWN} errors and {ANNOTATIONS_SHOWN} warnings per step): see {where}",
            )
        )
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _shown(places: list[_Place]) -> list[_Place]:
    """The places GitHub annotates: the first ANNOTATIONS_SHOWN errors and warnings."""
    counts = {"error": 0, "warning": 0}
    shown = []
    for place in places:
        if counts[place[0]] < ANNOTATIONS_SHOWN:
            counts[place[0]] += 1
            shown.append(place)
    return shown


def summary(report: Report, options: RenderOptions) -> str:
    """Every annotation as a Markdown table for the job summary, when GitHub would not show them
    all; empty otherwise."""
    from aukus_check.markdown_text import escape

    places = _places(report, options)
    if len(_shown(places)) == len(places):
        return ""
    rows = [
        f"### aukus-check: {len(places)} places behind unresolved conflicts and stale decisions",
        "",
        "| field | value | where | quote |",
        "|---|---|---|---|",
    ]
    rows.extend("| " + " | ".join(escape(cell) for cell in row) + " |" for _, _, _, row in places)
    return "\n".join(rows) + "\n"
