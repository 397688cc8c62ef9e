"""`check --format table`: the gate's verdict for a terminal or a CI log.

Each unresolved conflict is listed with its field, its competing values, and for each value
the articles, lines and quotes; a reopened one says which values and articles are new. Every
piece of article text goes into a rich `Text` through `one_line`, never into markup.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from aukus_check.gate import GateResult, Unresolved
from aukus_check.models import Report
from aukus_check.render.gate_text import decision_ref, fix, quote, reopened, where
from aukus_check.safe_text import one_line


def _indented(renderable: RenderableType, level: int) -> RenderableType:
    return Padding(renderable, (0, 0, 0, 2 * level), expand=False)


def summary_line(gate: GateResult) -> str:
    """Counts: conflicts, resolved, unresolved (reopened), stale, and left out by --since."""
    s = gate.summary
    text = f"{s.conflicts} conflict{'' if s.conflicts == 1 else 's'}"
    text += f" · {s.resolved} resolved · {s.unresolved} unresolved"
    if s.reopened:
        text += f" ({s.reopened} reopened)"
    text += f" · {s.stale} stale"
    if gate.since is not None:
        text += f" · {s.left_out} left out (older than {one_line(gate.since.revision)})"
    return text


def _unresolved(item: Unresolved, ledger: str) -> list[RenderableType]:
    conflict = item.conflict
    parts: list[RenderableType] = [
        Text.assemble(
            ("UNRESOLVED", "bold red"),
            " ",
            (one_line(conflict.field), "bold"),
            " — ",
            one_line(conflict.label),
        )
    ]
    note = reopened(item, ledger)
    if note is not None:
        parts.append(_indented(Text(note, style="yellow"), 1))
    for side in conflict.sides:
        articles = ", ".join(one_line(article) for article in side.articles)
        parts.append(_indented(Text.assemble((one_line(side.label), "bold"), f" — {articles}"), 1))
        for evidence in side.evidence:
            parts.append(
                _indented(Text.assemble((where(evidence), "cyan"), " ", quote(evidence.sentence, 10_000)), 2)
            )
    pairs = "; ".join(f"{one_line(left)} × {one_line(right)}" for left, right in conflict.pairs)
    parts.append(_indented(Text(f"cannot all be true: {pairs}"), 1))
    parts.append(_indented(Text(f"to record a decision: {fix(conflict)}", style="dim"), 1))
    return parts


def verdict(report: Report, gate: GateResult) -> RenderableType:
    """Heading, every unresolved conflict in full, the resolved ones briefly, and the counts."""
    ledger = one_line(gate.ledger) if gate.ledger_exists else f"{one_line(gate.ledger)} (none yet)"
    parts: list[RenderableType] = [
        Text.assemble(
            ("aukus-check check", "bold"),
            f" · {one_line(report.rules.title)} (rules {one_line(report.rules.version)})",
            f" · corpus {one_line(report.corpus.path)} · resolutions {ledger}",
        )
    ]
    if gate.since is not None:
        changed = len(gate.since.changed_articles)
        parts.append(
            Text(
                f"since {one_line(gate.since.revision)} ({gate.since.commit[:12]}): {changed} article "
                f"file{'s' if changed != 1 else ''} added, changed or removed"
                + ("; the rules file changed" if gate.since.rules_changed else "")
                + "; conflicts touched: "
                + (", ".join(gate.since.touched_fields) or "none")
            )
        )
    for item in gate.unresolved:
        parts.append(Text(""))
        parts.extend(_unresolved(item, gate.ledger))
    if gate.resolved:
        parts.append(Text(""))
        parts.append(Text("resolved:", style="bold"))
        for resolved in gate.resolved:
            parts.append(
                _indented(
                    Text(
                        # the label for the reader, the id for `aukus-check resolve`
                        f"{one_line(resolved.conflict.label)} ({one_line(resolved.conflict.field)}): "
                        f"{decision_ref(resolved.resolution, gate.ledger)}",
                        style="green",
                    ),
                    1,
                )
            )
    parts.append(Text(""))
    verdict_style = "bold green" if gate.passed else "bold red"
    parts.append(Text(summary_line(gate), style=verdict_style))
    return Group(*parts)
