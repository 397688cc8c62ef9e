"""`rules eval`: how well the rules read a corpus, measured against a reader's gold file.

The unit scored is a fact: (field, article, value, polarity), the polarity being what the
comparison sees (affirmed for asserted or reported claims, expected, denied). A fact the
reader records on three lines is one fact; the tool finds it if it reads that value with that
polarity anywhere in the article. Asserted against reported is not scored (it never changes a
comparison) but matched facts whose modalities differ are counted.

Every fact that is not a match is listed for the rule author:
- miss: the reading has it, the tool does not; with the rule that matched there and why it
  was dropped, or "no rule matched";
- wrong: the tool read another value (or polarity) on a line where the reading has this one;
- extra: the tool read a value where the reading has none.

Families group fields as rule authors work on them: dates, sets, enums, officials (office
and person fields), stances (enum fields read by the `stance` kind) and quantities.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from aukus_check.compare import POLARITY_OF, stance_label
from aukus_check.corpus import Corpus
from aukus_check.gold import Gold
from aukus_check.models import Claim, ExtractorRef, Modality, Report, Status
from aukus_check.rules import FieldDef, RuleSet

EVAL_SCHEMA_VERSION: Literal[1] = 1
FAMILIES: tuple[str, ...] = ("dates", "sets", "enums", "officials", "stances", "quantities")
"""Field families, in the order reports list them."""

ItemKind = Literal["miss", "wrong", "extra", "status"]
_ITEM_ORDER = {"wrong": 0, "miss": 1, "extra": 2, "status": 3}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Score(_Frozen):
    """Counts and figures for a field, a family or the whole corpus."""

    name: str
    gold: int = Field(description="Facts in the reading.")
    found: int = Field(description="Facts the tool read.")
    correct: int = Field(description="Facts in both.")
    precision: float | None = Field(description="correct / found; null when nothing was found.")
    recall: float | None = Field(description="correct / gold; null when the reading has none.")
    f1: float | None


class EvalItem(_Frozen):
    """One difference between the tool and the reading, located for the rule author."""

    kind: ItemKind
    field: str
    article: str
    path: str
    line: int
    expected: str | None = Field(description="The reading's value (stance label), for miss and wrong.")
    found: str | None = Field(description="What the tool read, for wrong and extra.")
    rule: ExtractorRef | None = Field(description="The rule that read it, or that matched and was dropped.")
    note: str
    text: str | None = Field(description="The reading's quote, or the words the tool matched.")


class Unscored(_Frozen):
    """What the reading and the corpus do not share, so it was not scored."""

    fields_not_in_rules: tuple[str, ...] = Field(description="Fields of the reading the rules do not define.")
    articles_not_in_corpus: tuple[str, ...]
    articles_not_in_reading: tuple[str, ...]


class EvalReport(_Frozen):
    """The whole result of `rules eval`; `--format json` writes exactly this."""

    schema_version: Literal[1] = EVAL_SCHEMA_VERSION
    rules: str
    corpus: str
    gold: str
    articles: int
    overall: Score
    families: tuple[Score, ...]
    fields: tuple[Score, ...]
    modality_differences: int = Field(
        description="Matched facts whose claims the tool and the reading label with different modalities "
        "(asserted against reported)."
    )
    items: tuple[EvalItem, ...]
    unscored: Unscored


Fact = tuple[str, str, str, str]
"""(field id, article id, value, polarity)."""


@dataclass(frozen=True, slots=True)
class _Seen:
    """Where one side states a fact: lines, modalities, and the first rule or quote."""

    lines: tuple[int, ...]
    modalities: frozenset[str]
    rule: ExtractorRef | None
    text: str | None


@dataclass(frozen=True, slots=True)
class DroppedCandidate:
    """A rule's match the engine dropped, for explaining a miss."""

    field_id: str
    line: int
    value: str | None
    rule: ExtractorRef
    reason: str


def family_of(field: FieldDef, kinds: Iterable[str]) -> str:
    """The family a field is scored in, from its type and the kinds of its extractors."""
    if field.type == "date":
        return "dates"
    if field.type == "set":
        return "sets"
    if field.type == "quantity":
        return "quantities"
    if field.type in ("office", "person"):
        return "officials"
    return "stances" if "stance" in kinds else "enums"


def field_families(rules: RuleSet) -> dict[str, str]:
    """Field id -> family, for every field of the rules."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for field_id, extractor in [(p.field_id, p.extractor) for p in rules.probes] + [
        (p.field_id, p.extractor) for p in rules.article_probes
    ]:
        kinds[field_id].add(extractor.kind)
    return {field.id: family_of(field, kinds[field.id]) for field in rules.fields}


def _score(name: str, gold: int, found: int, correct: int) -> Score:
    precision = correct / found if found else None
    recall = correct / gold if gold else None
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall > 0
        else (0.0 if precision is not None and recall is not None else None)
    )
    return Score(
        name=name, gold=gold, found=found, correct=correct, precision=precision, recall=recall, f1=f1
    )


def _tool_facts(report: Report, articles: set[str]) -> dict[Fact, _Seen]:
    gathered: dict[Fact, list[Claim]] = defaultdict(list)
    for result in report.fields:
        for claim in result.claims:
            if claim.evidence.article in articles:
                fact = (result.id, claim.evidence.article, claim.value, POLARITY_OF[claim.modality])
                gathered[fact].append(claim)
    return {
        fact: _Seen(
            lines=tuple(
                sorted({line for c in claims for line in range(c.evidence.line, c.evidence.end_line + 1)})
            ),
            modalities=frozenset(c.modality for c in claims),
            rule=claims[0].extractor,
            text=claims[0].evidence.text,
        )
        for fact, claims in gathered.items()
    }


def _gold_facts(gold: Gold, fields: set[str], articles: set[str]) -> dict[Fact, _Seen]:
    gathered: dict[Fact, list[tuple[int, Modality, str | None]]] = defaultdict(list)
    for field_id, field in gold.fields.items():
        if field_id not in fields:
            continue
        for article, claims in field.claims.items():
            if article not in articles:
                continue
            for claim in claims:
                fact = (field_id, article, claim.value, POLARITY_OF[claim.modality])
                gathered[fact].append((claim.line, claim.modality, claim.quote))
    return {
        fact: _Seen(
            lines=tuple(sorted({line for line, _, _ in seen})),
            modalities=frozenset(modality for _, modality, _ in seen),
            rule=None,
            text=seen[0][2],
        )
        for fact, seen in gathered.items()
    }


def evaluate(
    report: Report,
    gold: Gold,
    rules: RuleSet,
    *,
    gold_display: str,
    dropped: Callable[[str], Iterable[DroppedCandidate]] = lambda article: (),
    only_field: str | None = None,
) -> EvalReport:
    """Score the report's claims against the reading; `dropped(article)` explains misses."""
    families = field_families(rules)
    rule_fields = {f.id for f in rules.fields if only_field is None or f.id == only_field}
    corpus_articles = {a.id: a for a in report.articles}
    scored = set(corpus_articles) & set(gold.articles)
    tool = {f: s for f, s in _tool_facts(report, scored).items() if f[0] in rule_fields}
    expected = _gold_facts(gold, rule_fields, scored)
    paths = {a.id: a.path for a in report.articles}

    items: list[EvalItem] = []
    misses = {fact: seen for fact, seen in expected.items() if fact not in tool}
    extras = {fact: seen for fact, seen in tool.items() if fact not in expected}
    # A miss and an extra of one field and article on a shared line are one wrong reading.
    for miss_fact, miss_seen in sorted(misses.items()):
        partner = next(
            (
                fact
                for fact, seen in sorted(extras.items())
                if fact[:2] == miss_fact[:2] and set(seen.lines) & set(miss_seen.lines)
            ),
            None,
        )
        if partner is None:
            continue
        extra_seen = extras.pop(partner)
        line = min(set(extra_seen.lines) & set(miss_seen.lines))
        items.append(
            EvalItem(
                kind="wrong",
                field=miss_fact[0],
                article=miss_fact[1],
                path=paths[miss_fact[1]],
                line=line,
                expected=stance_label(miss_fact[2], miss_fact[3]),  # type: ignore[arg-type]
                found=stance_label(partner[2], partner[3]),  # type: ignore[arg-type]
                rule=extra_seen.rule,
                note="read another value where the reading has this one",
                text=miss_seen.text,
            )
        )
    wrong_misses = {(i.field, i.article, i.expected) for i in items}
    dropped_by_article: dict[str, list[DroppedCandidate]] = {}
    for fact, seen in sorted(misses.items()):
        field_id, article, value, polarity = fact
        label = stance_label(value, polarity)  # type: ignore[arg-type]
        if (field_id, article, label) in wrong_misses:
            continue
        if article not in dropped_by_article:
            dropped_by_article[article] = list(dropped(article))
        near = [c for c in dropped_by_article[article] if c.field_id == field_id and c.line in seen.lines]
        rule, note = None, "no rule matched"
        if near:
            rule = near[0].rule
            read = f" (read {near[0].value})" if near[0].value is not None else ""
            note = f"rule matched{read} but was dropped: {near[0].reason}"
        items.append(
            EvalItem(
                kind="miss",
                field=field_id,
                article=article,
                path=paths[article],
                line=seen.lines[0],
                expected=label,
                found=None,
                rule=rule,
                note=note,
                text=seen.text,
            )
        )
    for fact, seen in sorted(extras.items()):
        items.append(
            EvalItem(
                kind="extra",
                field=fact[0],
                article=fact[1],
                path=paths[fact[1]],
                line=seen.lines[0],
                expected=None,
                found=stance_label(fact[2], fact[3]),  # type: ignore[arg-type]
                rule=seen.rule,
                note="the reading has no such value in this article",
                text=seen.text,
            )
        )
    items.extend(_status_items(report, gold, rule_fields, scored == set(corpus_articles)))

    correct = {fact for fact in expected if fact in tool}
    modality_differences = sum(
        1 for fact in correct if not (tool[fact].modalities & expected[fact].modalities)
    )

    def tally(name: str, chosen: set[str]) -> Score:
        def count(facts: Iterable[Fact]) -> int:
            return sum(1 for fact in facts if fact[0] in chosen)

        return _score(name, count(expected), count(tool), count(correct))

    field_ids = [f.id for f in rules.fields if f.id in rule_fields]
    members = {family: {f for f in field_ids if families[f] == family} for family in FAMILIES}
    return EvalReport(
        rules=rules.path,
        corpus=report.corpus.path,
        gold=gold_display,
        articles=len(scored),
        overall=tally("overall", set(field_ids)),
        families=tuple(tally(family, members[family]) for family in FAMILIES if members[family]),
        fields=tuple(tally(field_id, {field_id}) for field_id in field_ids),
        modality_differences=modality_differences,
        items=tuple(sorted(items, key=_item_order)),
        unscored=Unscored(
            fields_not_in_rules=tuple(sorted(set(gold.fields) - {f.id for f in rules.fields})),
            articles_not_in_corpus=tuple(sorted(set(gold.articles) - set(corpus_articles))),
            articles_not_in_reading=tuple(sorted(set(corpus_articles) - set(gold.articles))),
        ),
    )


def _item_order(item: EvalItem) -> tuple[int, str, int, str, str]:
    return (_ITEM_ORDER[item.kind], item.path, item.line, item.field, item.found or "")


def _status_items(report: Report, gold: Gold, fields: set[str], whole_corpus: bool) -> list[EvalItem]:
    """Fields whose status differs from the one the reading expects (only when all articles were read)."""
    if not whole_corpus:
        return []
    items = []
    for result in report.fields:
        expected: Status | None = None
        if result.id in gold.fields:
            expected = gold.fields[result.id].status
        if result.id not in fields or expected is None or expected == result.status:
            continue
        items.append(
            EvalItem(
                kind="status",
                field=result.id,
                article="",
                path=report.rules.path,
                line=0,
                expected=expected,
                found=result.status,
                rule=None,
                note=f"the report's status is {result.status}; the reading expects {expected}",
                text=None,
            )
        )
    return items


def below_floor(result: EvalReport, min_recall: float | None, min_precision: float | None) -> list[str]:
    """Which requested floors the overall figures fall below, in words; empty when all hold."""
    failures = []
    recall, precision = result.overall.recall, result.overall.precision
    if min_recall is not None and (recall or 0.0) < min_recall:
        failures.append(f"recall {_figure(recall)} is below --min-recall {min_recall:.2f}")
    if min_precision is not None and (precision or 0.0) < min_precision:
        failures.append(f"precision {_figure(precision)} is below --min-precision {min_precision:.2f}")
    return failures


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def evaluate_corpus(
    corpus: Corpus, rules: RuleSet, gold: Gold, *, gold_display: str, only_field: str | None = None
) -> EvalReport:
    """Read a corpus already in memory with the rules and score it against the reading."""
    from aukus_check.engine import build_report, scan_article

    report = build_report(corpus, rules)
    by_id = {article.info.id: article for article in corpus.articles}

    def dropped(article_id: str) -> list[DroppedCandidate]:
        article = by_id[article_id]
        return [
            DroppedCandidate(
                field_id=candidate.probe.field_id,
                line=article.index.position(candidate.span[0])[0],
                value=candidate.value,
                rule=candidate.probe.extractor,
                reason=candidate.dropped,
            )
            for candidate in scan_article(article, rules)
            if candidate.dropped is not None
        ]

    return evaluate(report, gold, rules, gold_display=gold_display, dropped=dropped, only_field=only_field)
