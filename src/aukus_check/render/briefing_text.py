"""The briefing's front part in Markdown: the bottom line, the conflicts, the timeline and the
coverage matrix as tables, and the sources. Quotes are the appendix's (markdown.py).

Everything taken from the report or the ledger goes through markdown_text.escape (a whole
value) or escape_inline (a piece of a line); what is written here around it is plain words,
so no article can open a link, an image, HTML or a code span, or break a table.
"""

from __future__ import annotations

from collections.abc import Sequence

from aukus_check.markdown_text import escape, escape_inline, fold
from aukus_check.models import ArticleInfo, FieldResult
from aukus_check.render.briefing_facts import (
    MAX_NAMED,
    Briefing,
    FactView,
    ValueView,
    and_list,
    counted,
    listed,
)
from aukus_check.render.briefing_figures import Cell, Matrix, Timeline
from aukus_check.render.quotes import cite
from aukus_check.render.words import date_value_words, published_span, stance_text, value_words
from aukus_check.sources import CREDIBILITY, RELIABILITY, article_origin, own_origin

SILENCE = "—"
COVERAGE_HEADER = "Fact"
"""First header cell of a coverage table."""
SOURCES_HEADER = "Article"
"""First header cell of the sources table."""
MATRIX_ARTICLES = 6
"""Article columns per coverage table, so each table fits a printed page."""
SHORT_TITLE = 80
"""Characters of a title where it is repeated (a timeline's publication)."""
_ELLIPSIS = "…"


def short_title(title: str) -> str:
    """The title, cut at a word with an ellipsis if longer than SHORT_TITLE."""
    text = fold(title.strip())
    if len(text) <= SHORT_TITLE:
        return text
    cut = text.rfind(" ", 0, SHORT_TITLE)
    return text[: cut if cut > 0 else SHORT_TITLE].rstrip() + _ELLIPSIS


def published_words(article: ArticleInfo) -> str:
    """ "4 March 2024", "12 May, year not stated", "undated"; a date only inferred from the text
    says so ("15 September 2021 or later, inferred")."""
    published = article.published
    if published is None:
        return "undated"
    return f"{published_span(published)}, inferred" if published.inferred else published_span(published)


def _value(value: ValueView, *, bold: bool = False) -> str:
    """A value in words with its grade: "**joined** [F3]"."""
    words = escape_inline(value.words)
    return f"{f'**{words}**' if bold else words} \\[{value.grade}\\]"


def _backed(briefing: Briefing, value: ValueView) -> str:
    """A value with its grade and who backs it: "joined \\[F1\\] (A3, A4; 2 independent sources)"."""
    return f"{_value(value, bold=True)} ({escape_inline(briefing.short_support(value))})"


# --- the bottom line ----------------------------------------------------------------------------


def _open(briefing: Briefing, fact: FactView) -> str:
    competing = [_backed(briefing, v) for v in fact.values if v.in_conflict]
    return f"- **{escape_inline(fact.field.label)}**: {and_list(competing)} cannot all be true."


def _resolved(briefing: Briefing, fact: FactView) -> str:
    note = fact.resolution
    assert note is not None
    label = f"- **{escape_inline(fact.field.label)}**: "
    accepted = [v for v in fact.values if v.accepted]
    if note.accept is None:
        competing = [_backed(briefing, v) for v in fact.values if v.in_conflict]
        hold = "both hold" if len(competing) == 2 else "all hold"
        return f"{label}{escape_inline(note.decision)}, so {hold}: {and_list(competing)}."
    if accepted:
        kept = and_list([_backed(briefing, v) for v in accepted])
    else:  # a vocabulary value no article states
        kept = f"**{escape_inline(value_words(note.accept))}**"
    aside = [_backed(briefing, v) for v in fact.values if v.rejected]
    rest = f"; set aside: {and_list(aside)}" if aside else ""
    return f"{label}accepted {kept}{rest}."


def _changed(briefing: Briefing, fact: FactView) -> str:
    field = fact.field
    by_label = {stance.label: stance for stance in field.stances}
    steps = []
    for pair in field.conflicts:
        if pair.kind == "conflict" or pair.left not in by_label or pair.right not in by_label:
            continue  # a plain conflict, or a pair against something no article states
        earlier, later = by_label[pair.left], by_label[pair.right]
        before = _dated(briefing, pair.left_articles, pair.left_published)
        after = _dated(briefing, pair.right_articles, pair.right_published)
        steps.append(
            f"{escape_inline(_stance(field, earlier.label))} ({before}), "
            f"then {escape_inline(_stance(field, later.label))} ({after})"
        )
    said = "; ".join(steps) or and_list([escape_inline(v.words) for v in fact.values])
    return f"- **{escape_inline(field.label)}**: {said}."


def _stance(field: FieldResult, label: str) -> str:
    stance = next(s for s in field.stances if s.label == label)
    return stance_text(stance, field, dates=True)


def _dated(briefing: Briefing, articles: Sequence[str], dates: Sequence[str]) -> str:
    """ "A1, 2 May 2023; A3, 8 April 2024"; the labels alone where the pair gives no dates."""
    if not dates:
        return briefing.label_list(articles)
    return "; ".join(
        f"{briefing.labels[a]}, {escape_inline(date_value_words(d))}"
        for a, d in zip(articles, dates, strict=False)
    )


def _confirmed(briefing: Briefing, fact: FactView) -> str:
    confirmed = [
        f"{_value(v, bold=True)} ({counted(len(v.origins), 'independent source')})"
        for v in fact.values
        if v.confirmed
    ]
    single = [
        f"{_value(v)} ({escape_inline(listed([briefing.origin_name(o) for o in v.origins]))})"
        for v in fact.values
        if not v.confirmed
    ]
    text = f"- {escape_inline(fact.field.label)}: {', '.join(confirmed)}"
    return text + (f"; on one source only: {', '.join(single)}." if single else ".")


def _single_by_source(briefing: Briefing, facts: Sequence[FactView]) -> list[str]:
    """The facts that rest on one source, grouped by that source: a reader sees at once how
    much hangs on one outlet."""
    by_origin: dict[str, list[tuple[FactView, ValueView]]] = {}
    for fact in facts:
        for value in fact.values:
            for origin in value.origins[:1]:
                by_origin.setdefault(origin, []).append((fact, value))

    def first_article(origin: str) -> tuple[int, str]:
        return (min(briefing.order[a] for _, v in by_origin[origin] for a in v.articles), origin)

    lines = []
    for origin in sorted(by_origin, key=first_article):
        entries = by_origin[origin]
        articles = sorted({a for _, v in entries for a in v.articles}, key=briefing.order.__getitem__)
        name = escape_inline(briefing.origin_name(origin))
        where = briefing.label_list(articles)
        said = "; ".join(f"{escape_inline(fact.field.label)}: {_value(value)}" for fact, value in entries)
        if article_origin(origin) is not None and len(articles) == 1:
            lines.append(f"- **{name}** (its own reporting): {said}.")
        else:
            lines.append(f"- **{name}** (in {where}): {said}.")
    return lines


def bottom_line(briefing: Briefing) -> list[str]:
    """The first section: open conflicts, resolved ones, what is confirmed, what rests on one source."""
    lines = ["## Bottom line", ""]
    opened = briefing.group("open")
    if opened:
        lines += [f"**Open conflicts ({len(opened)})**, which no analyst has judged yet:", ""]
        lines += [_open(briefing, fact) for fact in opened] + [""]
    else:
        lines += ["**Open conflicts:** none.", ""]
    resolved = briefing.group("resolved")
    if resolved:
        lines += [f"**Conflicts resolved in the ledger ({len(resolved)}):**", ""]
        lines += [_resolved(briefing, fact) for fact in resolved] + [""]
    changed = briefing.group("changed")
    if changed:
        lines += [
            f"**Changed over time ({len(changed)}):** articles published far apart, each true then.",
            "",
        ]
        lines += [_changed(briefing, fact) for fact in changed] + [""]
    confirmed = briefing.group("confirmed")
    if confirmed:
        lines += [f"**Confirmed by two or more independent sources ({len(confirmed)}):**", ""]
        lines += [_confirmed(briefing, fact) for fact in confirmed] + [""]
    single = briefing.group("single")
    if single:
        lines += [f"**Resting on one source ({len(single)}),** by source:", ""]
        lines += [*_single_by_source(briefing, single), ""]
    silent = briefing.group("silent")
    if silent:
        lines += [f"**Not stated by any article:** {counted(len(silent), 'fact')}, listed in Appendix B.", ""]
    return lines


def grades_note() -> list[str]:
    """How to read a grade, said once."""
    letters = ", ".join(f"{letter} {words}" for letter, words in RELIABILITY.items())
    digits = "; ".join(f"{digit} {words}" for digit, words in CREDIBILITY.items())
    return [
        "*How to read this.* Articles are labelled A1, A2, … (see Sources). Sources are counted by "
        "independent origin: an article that attributes a claim to an outlet (“sources told Nikkei "
        "Asia”) counts for that outlet, reposts of one text count once, an article of unknown outlet "
        "counts as itself. A grade such as \\[F1\\], in the spirit of the Admiralty code, gives the "
        f"best reliability among the articles stating the value, from their front matter ({letters}), "
        f"and how far the corpus bears the value out ({digits}).",
        "",
    ]


# --- conflicts in detail ------------------------------------------------------------------------


def _where(briefing: Briefing, fact: FactView, value: ValueView) -> str:
    """Where each article first states the value: "(A2, line 15), (A3, line 2)"."""
    shown = value.articles[:MAX_NAMED]
    firsts = [cite(briefing.claims_of(fact.field, value, a)[0], briefing.labels[a]) for a in shown]
    rest = len(value.articles) - len(shown)
    return ", ".join(firsts) + (f" and {rest} more" if rest else "")


def _role(value: ValueView) -> str:
    if value.accepted:
        return "accepted"
    return "set aside" if value.rejected else "in conflict"


def _conflict(briefing: Briefing, fact: FactView, number: int) -> list[str]:
    field = fact.field
    state = "open" if fact.group == "open" else "resolved"
    lines = [
        f"### {number}. {escape(field.label)} ({state})",
        "",
        "| Value | Grade | Articles | Independent sources | First stated at |",
        "|---|---|---|---|---|",
    ]
    compatible = []
    for value in fact.values:
        if not (value.in_conflict or value.accepted):
            compatible.append(f"{escape_inline(value.words)} ({briefing.label_list(value.articles)})")
            continue
        cells = [
            f"**{escape_inline(value.words)}**, {_role(value)}",
            value.grade,
            briefing.label_list(value.articles),
            _origins_cell(briefing, value),
            _where(briefing, fact, value),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"These values cannot all be true{_both(briefing, fact)}."]
    if compatible:
        lines[-1] += f" Also stated, compatible with each of them: {and_list(compatible)}."
    lines += ["", _resolution(fact), ""]
    return lines


def _origins_cell(briefing: Briefing, value: ValueView) -> str:
    """ "2: Kyodo News, A3": how many independent sources, and which."""
    names = listed([briefing.origin_name(o) for o in value.origins])
    return f"{len(value.origins)}: {escape_inline(names)}"


def _both(briefing: Briefing, fact: FactView) -> str:
    """ " (A3 states two of them)": an article on both sides of the conflict."""
    sides: dict[str, int] = {}
    for value in fact.values:
        if value.in_conflict:
            for article_id in value.articles:
                sides[article_id] = sides.get(article_id, 0) + 1
    torn = [a for a, count in sides.items() if count > 1]
    if not torn:
        return ""
    torn.sort(key=briefing.order.__getitem__)
    verb = "states" if len(torn) == 1 else "state"
    return f" ({briefing.label_list(torn)} {verb} more than one of them)"


def _resolution(fact: FactView) -> str:
    """Who decided what; the rationale, a page of reasons, is in the appendix with the quotes."""
    note = fact.resolution
    if note is None:
        return "**Resolution:** none recorded."
    return (
        f"**Resolution** (recorded by {escape(note.by)}, {escape(note.date)}): {escape(note.decision)}. "
        "The rationale is in Appendix A."
    )


def rationale(briefing: Briefing, fact: FactView) -> list[str]:
    """A recorded resolution with its rationale, each article id it cites followed by its label."""
    note = fact.resolution
    if note is None:
        return []
    return [
        f"> **Resolution** (recorded by {escape(note.by)}, {escape(note.date)}): {escape(note.decision)}. "
        f"*Rationale:* {escape(briefing.with_labels(note.rationale))}",
        "",
    ]


def conflicts(briefing: Briefing) -> list[str]:
    """Each conflict, open ones first: its values with grades, sources and where they are stated."""
    facts = briefing.group("open") + briefing.group("resolved")
    if not facts:
        return ["## Conflicts", "", "No two articles conflict on any fact.", ""]
    lines = ["## Conflicts", ""]
    for number, fact in enumerate(facts, start=1):
        lines += _conflict(briefing, fact, number)
    return lines


# --- the pictures as tables ---------------------------------------------------------------------


def timeline_caption(found: Timeline) -> str:
    """What the timeline shows, and how a date without its year is placed."""
    text = "Every dated claim and every publication, in time order."
    if found.year is not None and any(m.assumed for m in found.moments):
        text += (
            f" A date whose year is not stated is placed in {found.year}, the year of every dated "
            "article; the article itself does not say so."
        )
    return text


def timeline_tail(found: Timeline) -> list[str]:
    """What the timeline could not place."""
    lines = []
    if found.left_out:
        lines.append(
            f"{counted(found.left_out, 'later moment')} not shown here; the JSON report "
            "(aukus-check report -f json) has every dated claim."
        )
    if found.unplaced:
        lines.append(f"Not placed in time: {escape_inline('; '.join(found.unplaced))}.")
    if found.undated:
        lines.append(f"Articles that state no publication date: {', '.join(found.undated)}.")
    return lines


def timeline_table(found: Timeline) -> list[str]:
    """The timeline as a table: when, what, and who says so."""
    if not found.moments:
        return ["No article dates anything.", ""]
    lines = ["| When | What | Stated |", "|---|---|---|"]
    for moment in found.moments:
        when = escape_inline(moment.when)
        if moment.gap:
            when = f"*{escape_inline(moment.gap)}:* {when}"
        what = escape_inline(moment.title)
        lines.append(f"| {when} | {what} | {escape_inline('; '.join(moment.lines)) or SILENCE} |")
    lines.append("")
    tail = timeline_tail(found)
    return lines + ([" ".join(tail), ""] if tail else [])


def coverage_caption(*, drawn: bool = False) -> str:
    """How to read the coverage matrix: as a table, or `drawn` as a picture."""
    if drawn:
        marks = (
            "a cell outlined in bold takes part in an open conflict, a dashed one in a resolved "
            "one; an empty cell means the article says nothing on it."
        )
    else:
        marks = (
            "bold cells take part in an open conflict, italic ones in a resolved one; "
            f"{SILENCE} means the article says nothing on it."
        )
    return (
        "Facts by articles. A cell holds the numbers of the values the article states (each row "
        f"lists them): “e” marks a forecast, “¬” a denial; {marks}"
    )


def _cell_text(cell: Cell) -> str:
    if not cell.marks:
        return SILENCE
    text = ", ".join(cell.marks)
    if cell.conflict == "open":
        return f"**{text}**"
    return f"*{text}*" if cell.conflict == "resolved" else text


def coverage_tables(found: Matrix) -> list[str]:
    """The matrix as tables of MATRIX_ARTICLES article columns each."""
    rows = found.rows
    if not rows:
        return ["No article states any fact.", ""]
    lines: list[str] = []
    for first in range(0, len(found.labels), MATRIX_ARTICLES):
        chunk = range(first, min(first + MATRIX_ARTICLES, len(found.labels)))
        header = [COVERAGE_HEADER, "Status", *(found.labels[i] for i in chunk), "Values"]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        for row in rows:
            cells = [
                escape(row.fact.field.label),
                escape(row.status),
                *(_cell_text(row.cells[i]) for i in chunk),
                escape("; ".join(row.values)),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return lines


# --- sources ------------------------------------------------------------------------------------


def _counted_as(briefing: Briefing, article: ArticleInfo) -> str:
    """What an article counts as when its sentences name no source."""
    if article.duplicate_of is not None and article.duplicate_of in briefing.labels:
        return f"a repost of {briefing.labels[article.duplicate_of]}"
    found = own_origin(article)
    if found is None:
        return "itself"
    name, via = found
    how = {"copyright": "copyright notice", "dateline": "dateline", "outlet": "its outlet"}[via]
    return f"{escape(name)} ({how})"


def sources(briefing: Briefing) -> list[str]:
    """Every article: label, title, outlet, date, what it counts as, the outlets it cites, its file."""
    lines = [
        "## Sources",
        "",
        f"| {SOURCES_HEADER} | Title | Outlet | Published | Counts as | Cites | File |",
        "|---|---|---|---|---|---|---|",
    ]
    for article in briefing.report.articles:
        cites = ", ".join(escape(source.name) for source in article.sources) or SILENCE
        row = [
            f"**{briefing.labels[article.id]}**",
            escape(short_title(article.title)),
            escape(article.outlet) if article.outlet else "not stated",
            published_words(article),
            _counted_as(briefing, article),
            cites,
            escape(article.path),
        ]
        lines.append("| " + " | ".join(row) + " |")
    lines += [
        "",
        "An article counts as the wire source it credits, else its outlet, else itself; a claim "
        "whose sentence names an outlet as its source counts for that outlet instead.",
        "",
    ]
    return lines
