"""`rules eval --format table`: figures per family and field, then every difference, located.

Plain text in a fixed layout (no terminal styling), so it reads the same in a terminal, a CI
log and a file. Quotes and values come from articles and the reading: they are printed
through safe_text.printable, so no control character or markup takes effect.
"""

from __future__ import annotations

from aukus_check.evaluation import EvalItem, EvalReport, Score
from aukus_check.safe_text import one_line, printable

_HEADINGS = {
    "wrong": "wrong values: the tool read another value where the reading has one",
    "miss": "misses: the reading has a value the tool did not read",
    "extra": "extras: the tool read a value the reading does not have",
    "status": "statuses that differ from the reading's",
}


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _table(title: str, scores: tuple[Score, ...] | list[Score]) -> list[str]:
    width = max([len(title), *(len(s.name) for s in scores)])
    lines = [f"{title:<{width}}  reading   read  correct  precision  recall     F1"]
    for s in scores:
        lines.append(
            f"{s.name:<{width}}  {s.gold:>7}  {s.found:>5}  {s.correct:>7}  {_figure(s.precision):>9}"
            f"  {_figure(s.recall):>6}  {_figure(s.f1):>5}"
        )
    return lines


def _rule(item: EvalItem, rules: str) -> str:
    if item.rule is None:
        return ""
    return f" · rule {item.rule.name} ({rules}:{item.rule.line})"


def _item(item: EvalItem, rules: str) -> list[str]:
    if item.kind == "status":
        return [f"  {item.field}: {printable(item.note)}"]
    where = f"  {one_line(item.path)}:{item.line}  {item.field}: "
    if item.kind == "wrong":
        head = f"read {printable(item.found or '')}, the reading has {printable(item.expected or '')}"
    elif item.kind == "miss":
        head = f"the reading has {printable(item.expected or '')} · {printable(item.note)}"
    else:
        head = f"read {printable(item.found or '')}"
    lines = [where + head + _rule(item, rules)]
    if item.text:
        lines.append(f"      “{printable(one_line(item.text))}”")
    return lines


def render(result: EvalReport) -> bytes:
    """The evaluation as a readable text report (UTF-8)."""
    lines = [
        f"rules eval · rules {printable(result.rules)} · corpus {printable(result.corpus)} "
        f"({result.articles} articles) · reading {printable(result.gold)}",
        "",
        *_table("family", [*result.families, result.overall]),
        "",
        *_table("field", [s for s in result.fields if s.gold or s.found]),
    ]
    for kind in ("wrong", "miss", "extra", "status"):
        chosen = [item for item in result.items if item.kind == kind]
        if not chosen:
            continue
        lines += ["", f"{_HEADINGS[kind]} ({len(chosen)})"]
        for item in chosen:
            lines += _item(item, result.rules)
    lines.append("")
    if result.modality_differences:
        lines.append(
            f"{result.modality_differences} matched facts are labelled asserted by one side and reported "
            "by the other (not scored)"
        )
    unscored = result.unscored
    for label, names in (
        ("fields of the reading the rules do not define", unscored.fields_not_in_rules),
        ("articles of the reading not in the corpus", unscored.articles_not_in_corpus),
        ("articles of the corpus the reading does not cover", unscored.articles_not_in_reading),
    ):
        if names:
            lines.append(f"not scored: {len(names)} {label}: {printable(', '.join(names))}")
    o = result.overall
    lines.append(
        f"overall: precision {_figure(o.precision)} · recall {_figure(o.recall)} · F1 {_figure(o.f1)} "
        f"({o.correct} of {o.gold} facts read, {o.found - o.correct} read wrongly or in excess)"
    )
    return ("\n".join(lines) + "\n").encode("utf-8")
