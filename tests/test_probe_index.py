"""The probe index: the RE2 set, once built, names exactly the patterns that match, so the engine
finds the same candidates, kept and dropped, with or without it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aukus_check import runner
from aukus_check.corpus import Article, load_corpus, parse_article
from aukus_check.engine import Candidate, scan_article
from aukus_check.rules import RuleSet, load_rules, parse_rules
from tests.conftest import RULES, SEEDS

# Sentences of our own, not the seeds': other wording, a bare short literal ("AI"), case.
SENTENCES = """\
Headline

TOKYO, March 3 (Wire) - Japan said on Monday it would not join the pact's nuclear submarine pillar.
Officials in Canberra are weighing whether Tokyo could take part in AUKUS work on AI and hypersonics.
DEFENSE MINISTER MINORU KIHARA told reporters the talks were at an early stage.
A spokeswoman for China's foreign ministry, Mao Ning, said the grouping fuels an arms race.
The deal, worth A$368 billion over three decades, was unveiled in San Diego in March 2023.
Nothing in this sentence concerns any rule at all.
"""


def candidates(rules: RuleSet, article: Article) -> list[tuple[object, ...]]:
    return [_shape(candidate) for candidate in scan_article(article, rules)]


def _shape(candidate: Candidate) -> tuple[object, ...]:
    return (
        candidate.probe.field_id,
        candidate.value,
        candidate.span,
        candidate.anchor,
        candidate.dropped,
        candidate.assessment.modality if candidate.assessment else None,
    )


def bundled_articles(rules: RuleSet) -> list[Article]:
    corpus = load_corpus(SEEDS, "seeds", rules.outlets)
    own = parse_article(SENTENCES, "own", "own.txt", "utf-8", rules.outlets)
    return [*corpus.articles, own]


def test_the_set_finds_what_the_prefilter_finds_on_the_bundled_rules() -> None:
    rules = load_rules(RULES, "rules/aukus.yaml")
    articles = bundled_articles(rules)
    before = [candidates(rules, article) for article in articles]
    assert not rules.probe_index.exact
    rules.probe_index.use_set()
    assert rules.probe_index.exact
    after = [candidates(rules, article) for article in articles]
    assert after == before
    assert sum(len(found) for found in after) > 100  # the comparison is not vacuous


RULES_WITH_SHORT_AND_CASED_PATTERNS = """\
schema_version: 1
version: "t"
title: t
fields:
  - id: topic
    label: Topic
    type: enum
    vocabulary: [ai, quantum]
    extractors:
      - kind: pattern
        pattern: '\\bAI\\b'
        value: ai
        case_sensitive: true
      - kind: pattern
        pattern: '\\bquantum computing\\b'
        value: quantum
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Japan could help with AI research.", ["ai"]),  # a literal too short for the prefilter
        ("Japan could help with ai research.", []),  # case-sensitive: not the acronym
        ("Japan could help with QUANTUM Computing.", ["quantum"]),  # case-insensitive pattern
        ("Japan could help with quantum sensing.", []),
    ],
)
def test_the_set_keeps_each_pattern_s_own_case_and_short_literals(body: str, expected: list[str]) -> None:
    rules = parse_rules(RULES_WITH_SHORT_AND_CASED_PATTERNS, "t.yaml")
    article = parse_article(f"Headline\n\n{body}\n", "a", "a.txt", "utf-8", rules.outlets)
    without = [c.value for c in scan_article(article, rules) if c.kept]
    rules.probe_index.use_set()
    with_set = [c.value for c in scan_article(article, rules) if c.kept]
    assert without == with_set == expected


def test_a_run_builds_the_set_only_for_a_corpus_large_enough(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    small = load_rules(RULES, "rules/aukus.yaml")
    report_small = runner.run(corpus, "corpus", small, RULES, jobs=1)
    assert not small.probe_index.exact  # five articles: the set would cost more than it saves

    monkeypatch.setattr(runner, "SET_MIN_ARTICLES", 5)
    large = load_rules(RULES, "rules/aukus.yaml")
    report_large = runner.run(corpus, "corpus", large, RULES, jobs=1)
    assert large.probe_index.exact
    assert report_large == report_small
