"""Rule tests: every rule's examples, read as tiny articles, must give what they expect.

Each example's text becomes a one-article corpus (with its `published` date, if given) and
goes through the whole rule set, so overlapping rules, field scope and modality all take part
exactly as they do on a real corpus. The rule passes when the labels it reads for its field
("joined", "not joined", "2024-04") are exactly the expected ones; a no-match example expects
none. Coverage names the rules that never fire on a corpus: dead rules, or rules whose corpus
has not arrived yet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from aukus_check.compare import POLARITY_OF, stance_label
from aukus_check.corpus import parse_article
from aukus_check.engine import extract_claims
from aukus_check.errors import Location
from aukus_check.models import ExtractorRef, Report
from aukus_check.rules import RuleExamples, RuleSet

EXAMPLE_ARTICLE_ID = "example"


@dataclass(frozen=True)
class ExampleOutcome:
    """What one example of one rule gave, against what it expects."""

    field_id: str
    rule: ExtractorRef
    location: Location
    text: str
    expected: tuple[str, ...]
    found: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """The rule read exactly the expected labels."""
        return self.expected == self.found


@dataclass(frozen=True)
class RuleProblem:
    """A rule that cannot be tested as written: it lacks examples of one kind."""

    field_id: str
    rule: ExtractorRef
    message: str


def _expected(expect: str | list[str] | None) -> tuple[str, ...]:
    if expect is None:
        return ()
    return tuple(sorted({expect} if isinstance(expect, str) else set(expect)))


def example_article_text(text: str, published: str | None) -> str:
    """The text of the one-article corpus an example is read as."""
    front = ["---", "title: example"]
    if published is not None:
        front.append(f"published: {published}")
    return "\n".join([*front, "---", text.strip(), ""])


def _same_rule(left: ExtractorRef, right: ExtractorRef) -> bool:
    return (left.line, left.column) == (right.line, right.column)


def run_examples(rules: RuleSet) -> Iterator[ExampleOutcome]:
    """Run every example of every rule, in rules-file order."""
    for rule in rules.examples:
        for example, location in rule.examples:
            article = parse_article(
                example_article_text(example.text, example.published),
                EXAMPLE_ARTICLE_ID,
                f"{location}",
                "utf-8",
                rules.outlets,
            )
            found = sorted(
                {
                    stance_label(claim.value, POLARITY_OF[claim.modality])
                    for field_id, claim in extract_claims(article, rules)
                    if field_id == rule.field_id and _same_rule(claim.extractor, rule.extractor)
                }
            )
            yield ExampleOutcome(
                field_id=rule.field_id,
                rule=rule.extractor,
                location=location,
                text=example.text,
                expected=_expected(example.expect),
                found=tuple(found),
            )


def _by_rule(rules: RuleSet) -> dict[tuple[int, int], list[RuleExamples]]:
    """Each rule (by its place in the rules file) with the fields it serves (one per family key)."""
    grouped: dict[tuple[int, int], list[RuleExamples]] = {}
    for rule in rules.examples:
        grouped.setdefault((rule.extractor.line, rule.extractor.column), []).append(rule)
    return grouped


def untestable_rules(rules: RuleSet) -> Iterator[RuleProblem]:
    """Rules without an example they must read, or without a no-match example."""
    for family in _by_rule(rules).values():
        first = family[0]
        if first.extractor.kind == "published":
            continue  # reads metadata, not sentences: the corpus tests cover it
        examples = [example for rule in family for example, _ in rule.examples]
        if not any(example.expect for example in examples):
            yield RuleProblem(first.declared_as, first.extractor, "has no example it must read")
        if not any(not example.expect for example in examples):
            yield RuleProblem(first.declared_as, first.extractor, "has no no-match example (expect: null)")


def unused_rules(report: Report, rules: RuleSet) -> Iterator[tuple[str, ExtractorRef]]:
    """Rules that produced no claim on the report's corpus, as (field id as declared, rule)."""
    fired = {
        (claim.extractor.line, claim.extractor.column) for field in report.fields for claim in field.claims
    }
    for where, family in _by_rule(rules).items():
        if where not in fired:
            yield family[0].declared_as, family[0].extractor
