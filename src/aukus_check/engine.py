"""The engine: one pass over each article's sentences for all rules, then comparison.

For every sentence, the rules' prefilter (RE2's FilteredRE2: required literals of every
pattern matched at once) names the probes that match it; only those probes run to find
positions and values. Cost is linear in the size of the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from aukus_check import __version__
from aukus_check.compare import compare_field
from aukus_check.corpus import Article, Corpus, load_corpus
from aukus_check.extractors.base import Probe
from aukus_check.modality import Assessment, assess, clause_bounds
from aukus_check.models import (
    Claim,
    CorpusInfo,
    Evidence,
    Report,
    RulesInfo,
    Summary,
    ToolInfo,
)
from aukus_check.rules import RuleSet, load_rules


@dataclass(frozen=True, slots=True)
class Candidate:
    """A probe's match in one sentence, kept as a claim or dropped with a reason."""

    probe: Probe
    value: str | None
    sentence: tuple[int, int]
    span: tuple[int, int]
    anchor: tuple[int, int]
    assessment: Assessment | None
    dropped: str | None

    @property
    def kept(self) -> bool:
        """Whether this candidate becomes a claim."""
        return self.dropped is None


def _char_offsets(sentence: str, data: bytes) -> Callable[[int], int]:
    """Byte offset in the UTF-8 sentence -> character offset (identity for ASCII)."""
    if len(data) == len(sentence):
        return lambda offset: offset
    return lambda offset: len(data[:offset].decode("utf-8", "replace"))


def scan_article(article: Article, rules: RuleSet) -> Iterator[Candidate]:
    """Every candidate match in the article, in text order, each kept or dropped with a reason."""
    text = article.text
    probes = rules.probes
    prefilter = rules.prefilter
    for sentence_start, sentence_end in article.sentences:
        sentence = text[sentence_start:sentence_end]
        data = sentence.encode("utf-8")
        hits = prefilter.Match(data)
        if not hits:
            continue
        to_char = _char_offsets(sentence, data)
        scoped: dict[int, str | None] = {}
        raw: list[tuple[Probe, str | None, tuple[int, int], tuple[int, int], str | None]] = []
        for index in hits:
            probe = probes[index]
            if index not in scoped:
                scoped[index] = _scope_veto(probe, data)
            for match in probe.regex.finditer(data):
                hit = probe.interpret(match)
                span = (to_char(hit.span[0]), to_char(hit.span[1]))
                anchor = (to_char(hit.anchor[0]), to_char(hit.anchor[1]))
                raw.append((probe, hit.value, span, anchor, hit.reason or scoped[index]))
        yield from _resolve_sentence(sentence, (sentence_start, sentence_end), raw)


def _scope_veto(probe: Probe, data: bytes) -> str | None:
    for level in probe.context:
        if not any(regex.search(data) for regex in level):
            return "sentence does not match the rule's 'context'"
    if any(regex.search(data) for regex in probe.unless):
        return "sentence matches the rule's 'unless'"
    return None


def _framed_veto(probe: Probe, sentence: str, anchor: tuple[int, int]) -> str | None:
    """Drop a match whose clause, before the anchor, matches the rule's 'unless_before'."""
    if not probe.unless_before:
        return None
    clause_start, _ = clause_bounds(sentence, anchor[0], anchor[1])
    before = sentence[clause_start : anchor[0]].encode("utf-8")
    for regex in probe.unless_before:
        if regex.search(before):
            return "the words before it match the rule's 'unless_before'"
    return None


def _resolve_sentence(
    sentence: str,
    bounds: tuple[int, int],
    raw: list[tuple[Probe, str | None, tuple[int, int], tuple[int, int], str | None]],
) -> Iterator[Candidate]:
    """Per field: earlier rules win overlapping matches; one claim per value per sentence."""
    offset = bounds[0]
    results: list[Candidate] = []
    accepted: dict[str, list[tuple[int, int]]] = {}
    values_seen: set[tuple[str, str]] = set()
    ordered = sorted(raw, key=lambda r: (r[0].field_id, r[0].priority, r[2][0], -(r[2][1] - r[2][0])))
    survivors = []
    for probe, value, span, anchor, reason in ordered:
        if reason is None and value is not None:
            taken = accepted.setdefault(probe.field_id, [])
            if any(span[0] < end and start < span[1] for start, end in taken):
                reason = "overlaps a match of an earlier extractor of this field"
            else:
                taken.append(span)
        survivors.append((probe, value, span, anchor, reason))
    for probe, value, span, anchor, reason in sorted(
        survivors, key=lambda r: (r[2][0], r[2][1], r[0].field_id)
    ):
        assessment = None
        if reason is None and value is not None:
            reason = _framed_veto(probe, sentence, anchor)
        if reason is None and value is not None:
            assessment = assess(sentence, anchor[0], anchor[1])
            reason = assessment.dropped
            if reason is None:
                if (probe.field_id, value) in values_seen:
                    reason = "value already found earlier in this sentence"
                else:
                    values_seen.add((probe.field_id, value))
        elif reason is None:
            reason = "no value"
        results.append(
            Candidate(
                probe=probe,
                value=value,
                sentence=bounds,
                span=(offset + span[0], offset + span[1]),
                anchor=(offset + anchor[0], offset + anchor[1]),
                assessment=assessment,
                dropped=reason,
            )
        )
    yield from results


def to_claim(article: Article, candidate: Candidate) -> Claim:
    """Turn a kept candidate into a claim with full evidence."""
    assert candidate.value is not None and candidate.assessment is not None
    index = article.index
    start, end = candidate.span
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    sentence_start, sentence_end = candidate.sentence
    sentence_line, sentence_column = index.position(sentence_start)
    text = article.text
    return Claim(
        value=candidate.value,
        modality=candidate.assessment.modality,
        hedged=candidate.assessment.hedged,
        cues=candidate.assessment.cues,
        extractor=candidate.probe.extractor,
        evidence=Evidence(
            article=article.info.id,
            path=article.info.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            start=start,
            end=end,
            text=text[start:end],
            sentence=text[sentence_start:sentence_end],
            sentence_start=sentence_start,
            sentence_line=sentence_line,
            sentence_column=sentence_column,
        ),
    )


def build_report(corpus: Corpus, rules: RuleSet) -> Report:
    """Extract every field from every article and compare."""
    claims: dict[str, list[Claim]] = {field.id: [] for field in rules.fields}
    for article in corpus.articles:
        for candidate in scan_article(article, rules):
            if candidate.kept:
                claims[candidate.probe.field_id].append(to_claim(article, candidate))
    article_ids = [article.info.id for article in corpus.articles]
    fields = tuple(compare_field(field, claims[field.id], article_ids) for field in rules.fields)
    statuses = [field.status for field in fields]
    return Report(
        tool=ToolInfo(version=__version__),
        rules=RulesInfo(
            path=rules.path,
            title=rules.title,
            version=rules.version,
            schema_version=rules.schema_version,
        ),
        corpus=CorpusInfo(path=corpus.path, bundled=corpus.bundled, articles=len(corpus.articles)),
        summary=Summary(
            articles=len(corpus.articles),
            fields=len(fields),
            conflicts=statuses.count("conflict"),
            agreements=statuses.count("agree"),
            single_source=statuses.count("single"),
            silent=statuses.count("silent"),
        ),
        articles=tuple(article.info for article in corpus.articles),
        fields=fields,
        diagnostics=corpus.diagnostics,
    )


def run(
    corpus_dir: Path,
    corpus_display: str,
    rules_file: Path,
    rules_display: str,
    *,
    bundled: bool = False,
) -> Report:
    """Load rules and corpus from disk and build the report."""
    rules = load_rules(rules_file, rules_display)
    corpus = load_corpus(corpus_dir, corpus_display, rules.outlets, bundled=bundled)
    return build_report(corpus, rules)
