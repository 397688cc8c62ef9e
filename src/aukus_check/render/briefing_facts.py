"""What a briefing says, before it is written in any format: each fact's place in the bottom
line, each value's support (articles, independent sources, grade), in the words readers use.

A fact (a field) falls in one group, in this order: an open conflict; a conflict the ledger
resolved; values that changed over time; confirmed (some value stated by two or more
independent sources); resting on one source (every value on one origin, however many
articles repeat it); each article's own fact (its publication date); stated by none.

Nothing here escapes anything: the Markdown, HTML and SVG writers escape what they take.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from aukus_check.compare import POLARITY_OF
from aukus_check.ledger import normalize_value
from aukus_check.models import ArticleInfo, Claim, FieldResult, Report, Stance
from aukus_check.render import RenderOptions, ResolutionNote, article_labels
from aukus_check.render.words import stance_text, value_text, with_polarity
from aukus_check.sources import ARTICLE_ORIGIN, article_origin, grade, is_confirmed, value_origins

Group = Literal["open", "resolved", "changed", "confirmed", "single", "per_article", "silent"]
GROUPS: tuple[Group, ...] = ("open", "resolved", "changed", "confirmed", "single", "per_article", "silent")
GROUP_WORDS: dict[Group, str] = {
    "open": "OPEN conflict",
    "resolved": "resolved conflict",
    "changed": "changed over time",
    "confirmed": "confirmed",
    "single": "one source",
    "per_article": "per article",
    "silent": "silent",
}
"""How a group is named in a table's status column: open and resolved conflicts never alike."""
MAX_NAMED = 20
"""Article labels or sources named in one place before the rest are counted ("and 980 more")."""
SHORT_NAMED = 6
"""Article labels or sources named in a line of the bottom line before the rest are counted."""


@dataclass(frozen=True)
class ValueView:
    """One value of a fact as a briefing shows it, and what backs it."""

    words: str
    """"under consideration", "joined (expected)", "8 April, year not stated"."""
    stances: tuple[Stance, ...]
    """The report's stances shown as this value (a value stated and forecast is one)."""
    articles: tuple[str, ...]
    origins: tuple[str, ...]
    grade: str
    in_conflict: bool
    accepted: bool = False
    rejected: bool = False

    @property
    def confirmed(self) -> bool:
        """Stated by two or more independent origins."""
        return len(self.origins) >= 2


@dataclass(frozen=True)
class FactView:
    """One field, its group, and its values in reading order."""

    field: FieldResult
    group: Group
    values: tuple[ValueView, ...]
    resolution: ResolutionNote | None = None


ClaimIndex = dict[tuple[str, str, str], list[Claim]]
"""(value, polarity, article id) -> the article's claims of that stance, in text order."""


def index_claims(field: FieldResult) -> ClaimIndex:
    """The field's claims by stance and article, gathered once: a large corpus has many thousands."""
    index: ClaimIndex = {}
    for claim in field.claims:
        index.setdefault((claim.value, POLARITY_OF[claim.modality], claim.evidence.article), []).append(claim)
    return index


def _stance_claims(index: ClaimIndex, stance: Stance) -> list[Claim]:
    return [
        claim
        for article in stance.articles
        for claim in index.get((stance.value, stance.polarity, article), [])
    ]


def _accepted(stance: Stance, accept: str | None, stances: Sequence[Stance]) -> bool:
    """Whether the ledger's accepted value is this stance: its label, else its value stated."""
    if accept is None:
        return False
    wanted = normalize_value(accept)
    if any(normalize_value(s.label) == wanted for s in stances):
        return normalize_value(stance.label) == wanted
    return stance.value == accept and stance.polarity == "affirmed"


def _conflict_values(
    field: FieldResult, articles: dict[str, ArticleInfo], note: ResolutionNote | None, index: ClaimIndex
) -> tuple[ValueView, ...]:
    """A conflict's values stance by stance: "joined" and "joined (expected)" are not one claim."""
    accept = note.accept if note is not None else None
    views = []
    for stance in field.stances:
        accepted = _accepted(stance, accept, field.stances)
        rejected = accept is not None and stance.in_conflict and not accepted
        views.append(
            ValueView(
                words=stance_text(stance, field, dates=True),
                stances=(stance,),
                articles=stance.articles,
                origins=stance.origins,
                grade=grade(
                    field,
                    stance,
                    articles,
                    rejected=rejected,
                    merged=False,
                    claims=_stance_claims(index, stance),
                ),
                in_conflict=stance.in_conflict,
                accepted=accepted,
                rejected=rejected,
            )
        )
    return tuple(views)


def _merged_values(
    field: FieldResult, articles: dict[str, ArticleInfo], order: dict[str, int], index: ClaimIndex
) -> tuple[ValueView, ...]:
    """Values with no conflict: a value stated and forecast is one value, a denial another."""
    groups: dict[tuple[str, bool], list[Stance]] = {}
    for stance in field.stances:
        groups.setdefault((stance.value, stance.polarity == "denied"), []).append(stance)
    views = []
    for (value, denied), members in groups.items():
        first = next((s for s in members if s.polarity == "affirmed"), members[0])
        if denied:
            words = with_polarity(value_text(value, field, dates=True), "denied")
        elif all(s.polarity == "expected" for s in members):
            words = with_polarity(value_text(value, field, dates=True), "expected")
        else:
            words = value_text(value, field, dates=True)
        stated = sorted({a for s in members for a in s.articles}, key=order.__getitem__)
        views.append(
            ValueView(
                words=words,
                stances=tuple(members),
                articles=tuple(stated),
                origins=value_origins(field, first),
                grade=grade(field, first, articles, claims=_stance_claims(index, first)),
                in_conflict=any(s.in_conflict for s in members),
            )
        )
    return tuple(views)


_STATUS_GROUPS: dict[str, Group] = {"single": "single", "per_article": "per_article", "silent": "silent"}


def _group(field: FieldResult, note: ResolutionNote | None) -> Group:
    if field.status == "conflict":
        return "resolved" if note is not None else "open"
    if field.status == "agree":
        return "confirmed" if any(is_confirmed(field, s) for s in field.stances) else "single"
    # different values that need not contradict one another: time apart, or stages in order
    return _STATUS_GROUPS.get(field.status, "changed")


@dataclass(frozen=True)
class Briefing:
    """The report and the caller's options, with everything the briefing's parts share."""

    report: Report
    options: RenderOptions
    labels: dict[str, str]
    articles: dict[str, ArticleInfo]
    order: dict[str, int]
    facts: tuple[FactView, ...]
    claims: dict[str, ClaimIndex]
    """Field id -> its claims indexed (index_claims)."""

    def claims_of(self, field: FieldResult, value: ValueView, article_id: str) -> list[Claim]:
        """One article's claims of a value, in text order."""
        index = self.claims[field.id]
        found = [claim for s in value.stances for claim in index.get((s.value, s.polarity, article_id), [])]
        return sorted(found, key=lambda claim: claim.evidence.start)

    def group(self, name: Group) -> list[FactView]:
        """The facts of one group, in the rules' order."""
        return [fact for fact in self.facts if fact.group == name]

    def origin_name(self, origin: str) -> str:
        """An origin as a reader knows it: the outlet's name, or the article's label."""
        article_id = article_origin(origin)
        if article_id is None:
            return origin
        return self.labels.get(article_id, article_id)

    def label_list(self, article_ids: Sequence[str], limit: int = MAX_NAMED) -> str:
        """ "A1, A4"; past `limit`, "A1, …, A20 and 980 more"."""
        return listed([self.labels[a] for a in article_ids[: limit + 1]], limit, len(article_ids))

    def sources(
        self,
        origins: Sequence[str],
        articles: Sequence[str] = (),
        *,
        colon: bool = False,
        limit: int = MAX_NAMED,
    ) -> str:
        """ "1 independent source (Nikkei Asia)", or with `colon` "1 independent source: Nikkei
        Asia"; the names are left out where they would only repeat the articles' labels ("2
        independent sources" for A3 and A4, their own)."""
        count = f"{counted(len(origins), 'independent source')}"
        own = {ARTICLE_ORIGIN + a for a in articles}
        if origins and set(origins) <= own and len(origins) == len(articles):
            return count
        names = listed([self.origin_name(o) for o in origins[: limit + 1]], limit, len(origins))
        return f"{count}: {names}" if colon else f"{count} ({names})"

    def support(self, value: ValueView) -> str:
        """ "3 articles (A1, A2, A3), 1 independent source (Kyodo News)"."""
        articles = f"{counted(len(value.articles), 'article')} ({self.label_list(value.articles)})"
        return f"{articles}, {self.sources(value.origins, value.articles)}"

    def short_support(self, value: ValueView) -> str:
        """ "A5; 1 independent source: Nikkei Asia": labels, then the sources behind them, a few
        of each (SHORT_NAMED) for the bottom line of a large corpus."""
        sources = self.sources(value.origins, value.articles, colon=True, limit=SHORT_NAMED)
        if len(value.articles) > SHORT_NAMED:
            return f"{counted(len(value.articles), 'article')}; {sources}"
        return f"{self.label_list(value.articles)}; {sources}"

    def with_labels(self, text: str) -> str:
        """Text (a ledger rationale) with each article id it cites followed by its label:
        "in 001 (line 15)" -> "in 001 [A2] (line 15)". An id is cited in full, or by its part
        before the first "_" when no other article's id begins so; only ids with a digit are
        looked for, so an article named "a" or "report" never labels an ordinary word."""
        names: dict[str, str] = {}
        prefixes: dict[str, list[str]] = {}
        for article_id, label in self.labels.items():
            if not any(ch.isdigit() for ch in article_id):
                continue
            names[article_id] = label
            head = article_id.split("_", 1)[0]
            if head != article_id and any(ch.isdigit() for ch in head):
                prefixes.setdefault(head, []).append(label)
        for head, found in prefixes.items():
            if len(found) == 1 and head not in names:
                names[head] = found[0]
        if not names:
            return text
        pattern = "|".join(re.escape(name) for name in sorted(names, key=lambda n: (-len(n), n)))
        cited = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])")
        return cited.sub(lambda m: f"{m.group()} [{names[m.group()]}]", text)


def counted(number: int, noun: str) -> str:
    """ "1 article", "3 articles"."""
    return f"{number} {noun if number == 1 else noun + 's'}"


def listed(items: Sequence[str], limit: int = MAX_NAMED, total: int | None = None) -> str:
    """ "a, b, c"; past `limit`, the rest counted ("and 980 more"); `total`: how many items
    there are when the caller passed only the first of them."""
    total = len(items) if total is None else total
    shown = ", ".join(items[:limit])
    return shown if total <= limit else f"{shown} and {total - limit} more"


def and_list(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def plan(report: Report, options: RenderOptions) -> Briefing:
    """Every fact of the report placed in its group, with its values' support and grades."""
    articles = {article.id: article for article in report.articles}
    order = {article.id: position for position, article in enumerate(report.articles)}
    facts = []
    claims = {}
    for field in report.fields:
        index = claims[field.id] = index_claims(field)
        note = options.resolutions.get(field.id) if field.status == "conflict" else None
        group = _group(field, note)
        if group in ("open", "resolved"):
            values = _conflict_values(field, articles, note, index)
        else:
            values = _merged_values(field, articles, order, index)
        facts.append(FactView(field, group, values, note))
    rank = {name: position for position, name in enumerate(GROUPS)}
    ordered = sorted(facts, key=lambda fact: rank[fact.group])  # stable: the rules' order within
    return Briefing(report, options, article_labels(report), articles, order, tuple(ordered), claims)
