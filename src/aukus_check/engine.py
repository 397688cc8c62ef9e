"""The engine: one pass over each article's sentences for all rules, then comparison.

For every sentence, the rules' probe index (probe_index.py: RE2's literal prefilter, or for a
large run an RE2 set of every pattern) names the probes that can match it; only those probes
run, once, to find positions and values. Cost is linear in the size of the corpus. The run
over a corpus directory (cache, worker processes) is runner.py's.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from aukus_check import __version__
from aukus_check.cache import ArticleCache, CachedArticle
from aukus_check.compact import compact_claims
from aukus_check.compare import compare_field
from aukus_check.compare_time import window_of
from aukus_check.corpus import (
    Article,
    ArticleSource,
    Corpus,
    no_readable_articles,
    read_article,
    read_source,
)
from aukus_check.extractors.base import Hit, Probe, SentenceScope
from aukus_check.modality import Assessment, SentenceCues
from aukus_check.models import (
    ArticleInfo,
    Claim,
    CorpusInfo,
    Diagnostic,
    Evidence,
    Report,
    RulesInfo,
    Summary,
    ToolInfo,
    TypedValue,
)
from aukus_check.re2_spans import Spans, all_spans, char_offsets, iter_spans, search
from aukus_check.rules import RuleSet
from aukus_check.sources import claim_sources, with_duplicates, with_origins

Span = tuple[int, int]
RawHit = tuple[Probe, Hit, Span, Span, str | None, int | None]
"""A probe's match before resolution: probe, hit, span, anchor (characters), drop reason, and
where the value's own clause begins (a character offset, or None: the clause splitter decides)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A probe's match in one sentence, kept as a claim or dropped with a reason."""

    probe: Probe
    value: str | None
    detail: TypedValue | None
    sentence: tuple[int, int]
    span: tuple[int, int]
    anchor: tuple[int, int]
    assessment: Assessment | None
    dropped: str | None

    @property
    def kept(self) -> bool:
        """Whether this candidate becomes a claim."""
        return self.dropped is None


def scan_article(article: Article, rules: RuleSet, *, dropped: bool = True) -> Iterator[Candidate]:
    """Every candidate match in the article, in text order, each kept or dropped with a reason.

    With `dropped` False (a report needs only claims), a probe whose scope rules the sentence
    out is not run, and a match dropped before resolution is not yielded: such matches never
    take a span from another, so the claims are the same, found sooner.
    """
    text = article.text
    probes = rules.probes
    patterns = rules.probe_index
    unfiltered = frozenset() if patterns.exact else patterns.unfiltered  # the set names only matches
    if not probes:
        return
    # Relative dates ("last week") count only from a date the article states, never an inferred one.
    stated = article.info.published
    published = stated.date if stated is not None and not stated.inferred else None
    named = rules.names.first_names(text) if rules.names is not None else {}
    for sentence_start, sentence_end in article.sentences:
        sentence = text[sentence_start:sentence_end]
        data = sentence.encode("utf-8")
        # Only the patterns that can match (probe_index.py): each is then run once, by all_spans
        # below, for its groups.
        numbers = patterns.candidates(data)
        if not numbers:
            continue
        # A keyed field's probes share one compiled pattern (a stance per actor of the registry):
        # run it once per sentence, and let each probe read the matches its own way.
        matched: dict[int, list[Spans]] = {}
        kept: list[int] = []
        for number in numbers:
            users = rules.prefilter_probes[number]
            if not users:
                continue
            if number in unfiltered:  # the prefilter cannot tell: run it now, keep it if it matches
                regex = probes[users[0]].regex
                matched[id(regex)] = found = all_spans(regex, data)
                if not found:
                    continue
            kept.append(number)
        if not kept:
            continue
        candidates = sorted(index for number in kept for index in rules.prefilter_probes[number])
        to_char = char_offsets(sentence, data)
        scope = SentenceScope(text, sentence_start, sentence_end, published, named, rules.scope_refs)
        searched: dict[int, bool] = {}  # scope patterns are shared by many probes: search each once
        raw: list[RawHit] = []
        for index in candidates:
            probe = probes[index]
            key = id(probe.regex)
            if key not in matched:
                matched[key] = all_spans(probe.regex, data)
            found = matched[key]
            if not found:  # most candidates: their literals occur, the pattern does not
                continue
            veto = _scope_veto(probe, data, searched, scope)
            if veto is not None and not dropped:
                continue
            for spans in found:
                hit = probe.interpret(spans, data, scope)
                reason = hit.reason or veto or _unnamed_reference(probe.refs, spans, scope)
                if reason is not None and not dropped:
                    continue
                span = (to_char(hit.span[0]), to_char(hit.span[1]))
                anchor = (to_char(hit.anchor[0]), to_char(hit.anchor[1]))
                opens = None if hit.clause_start is None else to_char(hit.clause_start)
                raw.append((probe, hit, span, anchor, reason, opens))
        yield from _resolve_sentence(scope, data, raw)


def _unnamed_reference(
    refs: tuple[tuple[int, str], ...], spans: list[tuple[int, int]], scope: SentenceScope
) -> str | None:
    """Why a match that mentions a reference ("the pact") does not count, if it does not."""
    for group, reference in refs:
        if spans[group][0] >= 0 and not scope.names(reference):
            return f"a mention of {reference!r} in an article that has not named it"
    return None


def _matches(regex: Any, data: bytes, scope: SentenceScope) -> bool:
    """Whether a context or unless pattern matches; a mention ("the pact") counts only once the
    article has named what it refers to."""
    refs = scope.scope_refs.get(id(regex))
    if refs:
        return any(_unnamed_reference(refs, spans, scope) is None for spans in iter_spans(regex, data))
    return bool(search(regex, data))


def _found(regex: Any, data: bytes, searched: dict[int, bool], scope: SentenceScope) -> bool:
    key = id(regex)
    if key not in searched:
        searched[key] = _matches(regex, data, scope)
    return searched[key]


_OUT_OF_CONTEXT = "sentence does not match the rule's 'context'"


def _scope_veto(probe: Probe, data: bytes, searched: dict[int, bool], scope: SentenceScope) -> str | None:
    for level in probe.context:
        if not any(_found(regex, data, searched, scope) for regex in level):
            return _OUT_OF_CONTEXT
    if any(_found(regex, data, searched, scope) for regex in probe.unless):
        return "sentence matches the rule's 'unless'"
    return None


def _framed_veto(
    probe: Probe, cues: SentenceCues, anchor: tuple[int, int], opens: int | None = None
) -> str | None:
    """Drop a match whose clause matches the rule's 'unless_before' before the anchor, or its
    'unless_after' after it. The clause begins at `opens` when the extractor knows the value's
    own clause begins there (see Hit.clause_start)."""
    if not probe.unless_before and not probe.unless_after:
        return None
    clause_start, clause_end = cues.clause(anchor[0], anchor[1])
    if opens is not None and clause_start < opens <= anchor[0]:
        clause_start = opens
    before = cues.sentence[clause_start : anchor[0]].encode("utf-8")
    for regex in probe.unless_before:
        if search(regex, before):
            return "the words before it match the rule's 'unless_before'"
    after = cues.sentence[anchor[1] : clause_end].encode("utf-8")
    for regex in probe.unless_after:
        if search(regex, after):
            return "the words after it match the rule's 'unless_after'"
    return None


def _overlaps(taken: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Whether a span overlaps one of `taken`: spans that do not overlap one another, sorted, so
    their ends never decrease and only the last one starting before the span's end can reach
    into it (a bisection, where a scan of every span made a sentence of many matches quadratic)."""
    before = bisect.bisect_left(taken, (span[1], -1))
    return before > 0 and taken[before - 1][1] > span[0]


def _resolve_sentence(scope: SentenceScope, data: bytes, raw: list[RawHit]) -> Iterator[Candidate]:
    """Per field: earlier rules win overlapping matches; one claim per value per sentence."""
    offset = scope.start
    bounds = (scope.start, scope.end)
    results: list[Candidate] = []
    accepted: dict[str, list[tuple[int, int]]] = {}
    values_seen: set[tuple[str, str]] = set()
    ordered = sorted(raw, key=lambda r: (r[0].field_id, r[0].priority, r[2][0], -(r[2][1] - r[2][0])))
    survivors = []
    cues: SentenceCues | None = None
    for probe, hit, span, anchor, reason, opens in ordered:
        if reason is None and hit.value is not None and hit.polarity != "any":
            # Decided before overlaps: a negated-only match that is not negated must leave its
            # span to the rule's plain reading of the same trigger.
            cues = cues or scope.cues(data)
            reason = _polarity_veto(
                hit, cues.assess(anchor[0], anchor[1], wishes=probe.wishes, clause_start=opens)
            )
        if reason is None and hit.value is not None:
            taken = accepted.setdefault(probe.field_id, [])
            if _overlaps(taken, span):
                reason = "overlaps a match of an earlier extractor of this field"
            else:
                bisect.insort(taken, span)
        survivors.append((probe, hit, span, anchor, reason, opens))
    for probe, hit, span, anchor, reason, opens in sorted(
        survivors, key=lambda r: (r[2][0], r[2][1], r[0].field_id)
    ):
        value = hit.value
        assessment = None
        if reason is None and value is None:
            reason = "no value"
        if reason is None:
            cues = cues or scope.cues(data)
            reason = _framed_veto(probe, cues, anchor, opens)
            if reason is None:
                assessment = cues.assess(
                    anchor[0],
                    anchor[1],
                    exclusions=probe.exclusions,
                    settled=hit.settled,
                    wishes=probe.wishes,
                    clause_start=opens,
                )
                reason = assessment.dropped
                if reason is None and hit.polarity == "negated":
                    assessment = assessment.without_negation()
        if reason is None:
            key = (probe.field_id, str(value))
            if key in values_seen:
                reason = "value already found earlier in this sentence"
            values_seen.add(key)
        results.append(
            Candidate(
                probe=probe,
                value=value,
                detail=hit.detail,
                sentence=bounds,
                span=(offset + span[0], offset + span[1]),
                anchor=(offset + anchor[0], offset + anchor[1]),
                assessment=assessment,
                dropped=reason,
            )
        )
    yield from results


def _polarity_veto(hit: Hit, assessment: Assessment) -> str | None:
    """Why a match of a negated-only or affirmed-only reading does not count, if it does not."""
    if assessment.dropped is not None:
        return assessment.dropped  # no claim at all: it must not take the span from another reading
    denied = assessment.modality == "denied"
    if hit.polarity == "negated" and not denied:
        return "the trigger is not negated"
    if hit.polarity == "affirmed" and denied:
        return "a denial of this trigger is another value of the rule"
    return None


def evidence_of(article: Article, span: tuple[int, int], sentence_start: int, sentence: str) -> Evidence:
    """Where a value was read: the span's line and column, and the sentence it stands in."""
    index = article.index
    start, end = span
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    sentence_line, sentence_column = index.position(sentence_start)
    return Evidence(
        article=article.info.id,
        path=article.info.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=start,
        end=end,
        text=article.text[start:end],
        sentence=sentence,
        sentence_start=sentence_start,
        sentence_line=sentence_line,
        sentence_column=sentence_column,
    )


def to_claim(article: Article, candidate: Candidate, sentences: dict[int, str] | None = None) -> Claim:
    """Turn a kept candidate into a claim with full evidence.

    `sentences` lets claims of one sentence share one string: less memory, and less to copy
    between processes.
    """
    assert candidate.value is not None and candidate.assessment is not None
    sentence = _sentence_text(article.text, candidate.sentence, sentences)
    return Claim(
        value=candidate.value,
        modality=candidate.assessment.modality,
        hedged=candidate.assessment.hedged,
        cues=candidate.assessment.cues,
        extractor=candidate.probe.extractor,
        detail=candidate.detail,
        evidence=evidence_of(article, candidate.span, candidate.sentence[0], sentence),
    )


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What one article contributes to the report: its metadata, claims (by field), warnings."""

    info: ArticleInfo | None
    claims: tuple[tuple[str, Claim], ...]
    diagnostics: tuple[Diagnostic, ...]
    cache_notes: tuple[str, ...] = ()
    """Warnings about the cache entry (corrupt, not writable): stderr, never the report."""
    cache_hit: bool = False
    claim_sources: tuple[str | None, ...] = ()
    """The outlet each claim's sentence names as its source; () when not found yet."""


def _sentence_text(text: str, bounds: tuple[int, int], shared: dict[int, str] | None) -> str:
    if shared is None:
        return text[bounds[0] : bounds[1]]
    if bounds[0] not in shared:
        shared[bounds[0]] = text[bounds[0] : bounds[1]]
    return shared[bounds[0]]


def extract_claims(article: Article, rules: RuleSet) -> tuple[tuple[str, Claim], ...]:
    """Every claim the rules find in one article, with its field id: metadata first, then text order."""
    sentences: dict[int, str] = {}
    return tuple(article_claims(article, rules)) + tuple(
        (candidate.probe.field_id, to_claim(article, candidate, sentences))
        for candidate in scan_article(article, rules, dropped=False)
        if candidate.kept
    )


def article_claims(article: Article, rules: RuleSet) -> Iterator[tuple[str, Claim]]:
    """Claims read from the article as a whole (its metadata), quoting the line they come from."""
    text = article.text
    for probe in rules.article_probes:
        for hit in probe.extract(article):
            line_start = text.rfind("\n", 0, hit.span[0]) + 1
            line_end = text.find("\n", hit.span[0])
            line_end = len(text) if line_end < 0 else line_end
            claim = Claim(
                value=hit.value,
                modality="asserted",
                hedged=False,
                cues=(),
                extractor=probe.extractor,
                detail=hit.detail,
                evidence=evidence_of(article, hit.span, line_start, text[line_start:line_end].rstrip("\r")),
            )
            yield probe.field_id, claim


def process_article(
    source: ArticleSource, rules: RuleSet, cache: ArticleCache | None = None, *, look_up: bool = True
) -> ArticleResult:
    """Read one article file and extract its claims (or take them from the cache); the
    article's text is not kept. `look_up=False`: the caller knows the cache lacks it."""
    if cache is None:
        article, diagnostics = read_article(source, rules.outlets)
        if article is None:
            return ArticleResult(None, (), tuple(diagnostics))
        claims = extract_claims(article, rules)
        return ArticleResult(
            article.info,
            claims,
            tuple(diagnostics),
            claim_sources=claim_sources(article.info, claims, rules.outlets),
        )
    data, unread = read_source(source)
    if data is None:  # not readable now: nothing to cache, and the warning must be fresh
        return ArticleResult(None, (), tuple(unread))
    known = len(cache.warnings)
    key = cache.key(source, data)
    entry = cache.load(key) if look_up else None
    hit = entry is not None
    if entry is None:
        article, diagnostics = read_article(source, rules.outlets, data)
        claims = extract_claims(article, rules) if article else ()
        entry = CachedArticle(
            info=article.info if article else None,
            claims=claims,
            diagnostics=tuple(diagnostics),
            claim_sources=claim_sources(article.info, claims, rules.outlets) if article else (),
        )
        cache.store(key, entry)
    notes = tuple(cache.warnings[known:])
    del cache.warnings[known:]  # handed to the caller, which may be another process
    return ArticleResult(entry.info, entry.claims, entry.diagnostics, notes, hit, entry.claim_sources)


def assemble_report(
    results: Iterable[ArticleResult],
    rules: RuleSet,
    corpus_path: str,
    bundled: bool,
    diagnostics: Iterable[Diagnostic] = (),
    not_read: int = 0,
) -> Report:
    """Compare the claims of all articles, field by field, into the report.

    `not_read`: corpus entries set aside before reading (each has its warning in diagnostics).
    """
    claims: dict[str, list[Claim]] = {field.id: [] for field in rules.fields}
    known: dict[int, str | None] = {}  # id() of a claim -> the source found as its article was read
    infos: list[ArticleInfo] = []
    diagnostics = list(diagnostics)
    skipped = 0
    for result in results:
        diagnostics.extend(result.diagnostics)
        if result.info is None:
            skipped += 1
            continue
        infos.append(result.info)
        compact_claims(result.claims)  # as each result arrives: the copies are freed at once
        if len(result.claim_sources) == len(result.claims):
            known.update(zip((id(claim) for _, claim in result.claims), result.claim_sources, strict=True))
        for field_id, claim in result.claims:
            claims[field_id].append(claim)
    if not infos:
        raise no_readable_articles(corpus_path, skipped)
    article_ids = [info.id for info in infos]
    published = {info.id: info.published.date if info.published else None for info in infos}
    windows = {info.id: window_of(info.published) for info in infos}  # inferred dates included
    fields = tuple(
        compare_field(field, claims[field.id], article_ids, published, windows) for field in rules.fields
    )
    # Counted by independent origin, not by article: reposts and articles quoting one outlet
    # count once (sources.py). Added after comparison, which it does not change.
    infos = list(with_duplicates(infos))
    fields = with_origins(fields, infos, rules.outlets, known)
    statuses = [field.status for field in fields]
    return Report(
        tool=ToolInfo(version=__version__),
        rules=RulesInfo(
            path=rules.path,
            title=rules.title,
            version=rules.version,
            schema_version=rules.schema_version,
        ),
        corpus=CorpusInfo(path=corpus_path, bundled=bundled, articles=len(infos)),
        summary=Summary(
            articles=len(infos),
            fields=len(fields),
            conflicts=statuses.count("conflict"),
            time_separated=statuses.count("time_separated"),
            agreements=statuses.count("agree"),
            single_source=statuses.count("single"),
            silent=statuses.count("silent"),
            progressed=statuses.count("progressed"),
            not_read=not_read + skipped,
        ),
        articles=tuple(infos),
        fields=fields,
        diagnostics=tuple(diagnostics),
    )


def build_report(corpus: Corpus, rules: RuleSet) -> Report:
    """Extract every field from every article of a corpus already in memory, and compare."""
    results = (ArticleResult(a.info, extract_claims(a, rules), ()) for a in corpus.articles)
    return assemble_report(results, rules, corpus.path, corpus.bundled, corpus.diagnostics, corpus.not_read)
