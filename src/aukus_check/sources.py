"""Independent origins: who stands behind each stance, so agreement is counted by source.

Five reposts of one wire story, or five articles that all cite one newspaper's report, are one
confirmation, not five. Each article's part in a stance is traced to an origin:

1. the outlets its claims' own sentences name as their source ("sources told Nikkei Asia",
   "Kyodo reported", "(Sankei, 2024)", "according to Reuters"), or, where a sentence says
   "the outlet claimed", the one outlet the article cites;
2. else the article's wire source: the agency its copyright notice credits ("© KYODO"), else
   the agency in its dateline ("/AJMEDIA/");
3. else its outlet (front matter);
4. else the article itself: an article of unknown outlet is its own origin, `article:ID`.

An article whose claims of a stance name a source counts only for the sources named: its own
voice, repeating what it attributes elsewhere, adds no origin. Near-duplicate articles
(reposts of one text: word-shingle resemblance of at least NEAR_DUPLICATE) share the article
origin of the first of them in corpus order that has one by 2 or 3, else of the first.

A value is *confirmed* when at least CONFIRMING_SOURCES origins state it: "3 articles, 1
independent source (Nikkei Asia)" is not confirmation. Grades put a value's support in the
terms of the Admiralty code: a letter for the best reliability (front matter `reliability`,
A-F) among the articles stating it, a digit for how far the corpus bears it out (`grade`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from aukus_check.compare import POLARITY_OF
from aukus_check.english.words import (
    CREDITING_VERBS,
    FINITE_BE,
    FINITE_HAVE,
    PRESENT_AUXILIARIES,
    word_alternation,
)
from aukus_check.models import ArticleInfo, Claim, FieldResult, Stance
from aukus_check.outlets import OutletMatcher

ARTICLE_ORIGIN = "article:"
"""Prefix of an origin that is an article itself (no outlet known): `article:ID`."""
CONFIRMING_SOURCES = 2
"""Independent origins a value needs to be called confirmed."""
NEAR_DUPLICATE = 0.8
"""Estimated resemblance (Jaccard of word shingles) from which two articles are one text."""
SHINGLE_WORDS = 4
"""Words per shingle: long enough that two articles on one topic share few, short enough that
an edited word changes only four."""
SKETCH_BINS = 32
"""Bins of the one-permutation MinHash sketch: 256 hex characters per article."""
_EMPTY = 0xFFFFFFFF
_BAND = 4
"""Bins per band of the locality-sensitive index: articles resembling at 0.8 share a band
with probability 0.985, articles at 0.3 with 0.06."""
_CHECKS = 16
"""Comparisons per band and article at most, so a band shared by many articles stays linear."""
_WORD = re.compile(r"\w+")

# Words next to an outlet's name that make it the source of the sentence, not its subject
# matter. Before the name: "according to", "told", "reported by", "(" of "(Sankei, 2024)";
# after it: "reported", "newspaper reported", "'s sources", ", 2024)".
_BEFORE = re.compile(
    r"(?:\baccording to|\btold|\btells|\breported by|\bcited by|\bquoted by|\bciting|\bcited"
    r"|\bvia|\bper|\bby|\bto|\bwith|\bin|\bindicated|\breports? (?:by|in|from)|\()"
    r"(?:\s+(?:the|this|a|an))?\s*$",
    re.IGNORECASE,
)
_CREDITED = word_alternation(CREDITING_VERBS)
_AFTER = re.compile(
    r"^(?:\s*(?:newspaper|news agency|agency|daily|outlet|broadcaster|reporters?|journalists?))?"
    r"\s*(?:[’']s\s+)?"
    rf"(?:{word_alternation(FINITE_HAVE | (FINITE_BE - PRESENT_AUXILIARIES) | {'also', 'first'})}\s+)*"
    r"(?:\w+ly\s+)?"
    rf"(?:{_CREDITED}|report|sources|according|,\s*(?:1[89]|20)\d{{2}}\))",
    re.IGNORECASE,
)
_WINDOW = 40
"""Characters either side of an outlet's name searched for those words."""
# "the outlet claimed", "explained to the outlet": an outlet named earlier in the article.
_GENERIC_NOUN = r"the (?:outlet|newspaper|paper|news agency|agency|broadcaster|daily|report|publication)"
_GENERIC = re.compile(
    rf"\b{_GENERIC_NOUN}\b(?:[’']s)?\s+(?:\w+\s+)?(?:{_CREDITED}|sources)\b"
    rf"|\b(?:according to|told|cited by|reported by|explained to|said to) {_GENERIC_NOUN}\b",
    re.IGNORECASE,
)


# --- near-duplicate articles ------------------------------------------------------------------


def text_fingerprint(text: str, spans: Iterable[tuple[int, int]]) -> str | None:
    """A MinHash sketch of the words of text's spans (an article's body sentences), or None if
    they hold no word: 32 hex numbers, each the least hash of the shingles that fall in its bin.

    One hash per distinct shingle (blake2b: the same on every machine, unlike `hash`), so
    reading an article costs about a millisecond more.
    """
    words = _WORD.findall(" ".join(text[start:end] for start, end in spans).casefold())
    if not words:
        return None
    if len(words) < SHINGLE_WORDS:
        shingles = {" ".join(words)}
    else:  # every run of SHINGLE_WORDS consecutive words (zip stops at the shortest tail)
        shingles = {" ".join(run) for run in zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False)}
    bins = [_EMPTY] * SKETCH_BINS
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes  # looked up once: this loop is per shingle
    for shingle in shingles:
        number = from_bytes(blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")
        slot = number % SKETCH_BINS
        value = (number >> 5) & _EMPTY
        if value == _EMPTY:  # _EMPTY marks a bin no shingle fell in
            value -= 1
        if value < bins[slot]:
            bins[slot] = value
    return "".join(f"{value:08x}" for value in bins)


def _sketch(fingerprint: str | None) -> tuple[int, ...] | None:
    """The sketch's numbers, or None for a missing or malformed fingerprint (an old cache entry)."""
    if fingerprint is None or len(fingerprint) != 8 * SKETCH_BINS:
        return None
    try:
        return tuple(int(fingerprint[i : i + 8], 16) for i in range(0, len(fingerprint), 8))
    except ValueError:
        return None


def resemblance(left: str | None, right: str | None) -> float:
    """Estimated Jaccard resemblance of two articles' word shingles, from their fingerprints."""
    return _sketch_resemblance(_sketch(left), _sketch(right))


def _sketch_resemblance(a: tuple[int, ...] | None, b: tuple[int, ...] | None) -> float:
    if a is None or b is None:
        return 0.0
    either = sum(1 for x, y in zip(a, b, strict=True) if x != _EMPTY or y != _EMPTY)
    same = sum(1 for x, y in zip(a, b, strict=True) if x == y != _EMPTY)
    return same / either if either else 0.0


def near_duplicates(articles: Sequence[ArticleInfo]) -> dict[str, str]:
    """Article id -> the first article (corpus order) of its group of near-identical texts, for
    every article in a group of two or more. Linear: articles are compared only when a band of
    their sketches is identical, and at most _CHECKS times per band."""
    parent = list(range(len(articles)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    sketches = [_sketch(article.fingerprint) for article in articles]
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = {}
    for index, sketch in enumerate(sketches):
        if sketch is None:
            continue
        for band in range(0, SKETCH_BINS, _BAND):
            key = sketch[band : band + _BAND]
            if all(value == _EMPTY for value in key):
                continue  # a short text: empty bins say nothing
            members = buckets.setdefault((band, key), [])
            matched = False
            for other in members[:_CHECKS]:
                if root(other) == root(index):
                    matched = True
                    continue
                if _sketch_resemblance(sketches[other], sketch) >= NEAR_DUPLICATE:  # parsed once each
                    first, second = sorted((root(other), root(index)))
                    parent[second] = first  # the earlier article stays the group's root
                    matched = True
            if not matched:
                members.append(index)  # a group already in the bucket needs no second member
    groups: dict[int, list[int]] = {}
    for index in range(len(articles)):
        groups.setdefault(root(index), []).append(index)
    return {
        articles[member].id: articles[first].id
        for first, members in groups.items()
        if len(members) > 1
        for member in members
    }


# --- origins ----------------------------------------------------------------------------------


def article_origin(origin: str) -> str | None:
    """The article id of an origin that is an article itself, else None (an outlet)."""
    return origin[len(ARTICLE_ORIGIN) :] if origin.startswith(ARTICLE_ORIGIN) else None


def own_origin(article: ArticleInfo, outlets: OutletMatcher | None = None) -> tuple[str, str] | None:
    """The wire source an article credits (copyright, then dateline), else its outlet (by its
    canonical name when `outlets` is given), with how it was found; None when neither is known."""
    for via in ("copyright", "dateline"):
        for source in article.sources:
            if source.via == via:
                return source.name, via
    if article.outlet and article.outlet.strip():
        name = article.outlet.strip()
        return (outlets.canonical_name(name) if outlets is not None else name), "outlet"
    return None


def named_source(sentence: str, match: tuple[int, int], outlets: OutletMatcher) -> str | None:
    """The outlet a sentence names as its source ("sources told Nikkei Asia"), the one nearest
    the match (offsets into the sentence) when it names several; None if it names none."""
    return nearest_source(source_mentions(sentence, outlets), match)


def source_mentions(sentence: str, outlets: OutletMatcher) -> tuple[tuple[int, int, str], ...]:
    """Where a sentence names an outlet as a source: (start, end, outlet) in sentence order."""
    found_all = []
    for found in outlets.pattern.finditer(sentence):
        start, end = found.span()
        if sentence[start - 1 : start] == "-" or sentence[end : end + 1] == "-":
            continue  # "Reuters-style": an adjective, not a source
        before = sentence[max(0, start - _WINDOW) : start]
        after = sentence[end : end + _WINDOW]
        if not (_BEFORE.search(before) or _AFTER.match(after)):
            continue
        found_all.append((start, end, outlets.canonical_name(found.group())))
    return tuple(found_all)


def nearest_source(mentions: Sequence[tuple[int, int, str]], match: tuple[int, int]) -> str | None:
    """The mentioned outlet nearest the match (the earlier on a tie); None if there is none."""
    best: tuple[int, int, str] | None = None
    for start, end, name in mentions:
        candidate = (max(start - match[1], match[0] - end, 0), start, name)
        if best is None or candidate < best:
            best = candidate
    return None if best is None else best[2]


Mentions = dict[str, tuple[tuple[tuple[int, int, str], ...], bool]]
"""Sentence -> the outlets it names as sources, and whether it says "the outlet" generically."""


def cited_outlet(article: ArticleInfo) -> str | None:
    """The only outlet an article cites, for "the outlet claimed"; None if it cites none or several."""
    names = {source.name for source in article.sources}
    return names.pop() if len(names) == 1 else None


def claim_source(claim: Claim, cited: str | None, outlets: OutletMatcher, memo: Mentions) -> str | None:
    """The outlet the claim's own sentence names as its source, if any; `cited`: the only
    outlet its article cites, for a sentence that says "the outlet" (see cited_outlet)."""
    evidence = claim.evidence
    sentence = evidence.sentence
    offset = evidence.sentence_start
    # One sentence carries the claims of many fields: its outlets are found once.
    if sentence not in memo:
        memo[sentence] = (source_mentions(sentence, outlets), bool(_GENERIC.search(sentence)))
    mentions, generic = memo[sentence]
    named = nearest_source(mentions, (evidence.start - offset, evidence.end - offset))
    if named is None and generic:
        named = cited
    return named


def claim_sources(
    article: ArticleInfo, claims: Sequence[tuple[str, Claim]], outlets: OutletMatcher
) -> tuple[str | None, ...]:
    """Each claim's source (claim_source), found as the article is read: in the worker that reads
    it, and kept in the cache, so a run does not search every claim's sentence again."""
    cited = cited_outlet(article)
    memo: Mentions = {}
    return tuple(claim_source(claim, cited, outlets, memo) for _, claim in claims)


@dataclass
class OriginTracer:
    """Traces each article's part in a stance to its origins (see the module's docstring)."""

    articles: Sequence[ArticleInfo]
    outlets: OutletMatcher
    own: dict[str, str] = field(init=False)
    """Article id -> its origin when no sentence names one."""
    cited: dict[str, str | None] = field(init=False)
    """Article id -> the only outlet it cites, for "the outlet claimed"."""
    known: Mapping[int, str | None] = field(default_factory=dict)
    """id() of a claim -> its source, as claim_sources found it when its article was read."""
    _mentions: Mentions = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        """Fix every article's own origin once, a repost's (`duplicate_of`, see with_duplicates)
        that of its group."""
        by_id = {article.id: article for article in self.articles}
        groups: dict[str, list[ArticleInfo]] = {}
        for article in self.articles:
            groups.setdefault(article.duplicate_of or article.id, []).append(article)
        self.own = {}
        for first, members in groups.items():
            known = (own_origin(member, self.outlets) for member in members)
            origin = next((found[0] for found in known if found is not None), ARTICLE_ORIGIN + first)
            for member in members:
                self.own[member.id] = origin
        self.cited = {article_id: cited_outlet(article) for article_id, article in by_id.items()}

    def claim_source(self, claim: Claim) -> str | None:
        """The outlet the claim's own sentence names as its source, if any (found when the
        article was read, see claim_sources, else now)."""
        if id(claim) in self.known:
            return self.known[id(claim)]
        return claim_source(claim, self.cited.get(claim.evidence.article), self.outlets, self._mentions)

    def field(self, result: FieldResult) -> FieldResult:
        """The field with each stance's origins and independent-source count filled in."""
        if not result.stances:
            return result
        named: dict[tuple[str, str, str], set[str]] = {}
        for claim in result.claims:
            key = (claim.value, POLARITY_OF[claim.modality], claim.evidence.article)
            found = named.setdefault(key, set())
            source = self.claim_source(claim)
            if source is not None:
                found.add(source)
        stances = []
        for stance in result.stances:
            origins: dict[str, None] = {}
            for article_id in stance.articles:
                sources = named.get((stance.value, stance.polarity, article_id)) or {self.own[article_id]}
                for source in sorted(sources):
                    origins.setdefault(source, None)
            stances.append(
                stance.model_copy(update={"origins": tuple(origins), "independent_sources": len(origins)})
            )
        return result.model_copy(update={"stances": tuple(stances)})


def with_origins(
    fields: Iterable[FieldResult],
    articles: Sequence[ArticleInfo],
    outlets: OutletMatcher,
    known: Mapping[int, str | None] | None = None,
) -> tuple[FieldResult, ...]:
    """Every field with its stances' independent origins (called once the fields are compared,
    with the articles as with_duplicates marked them); `known`: id() of a claim -> its source,
    for the claims whose sources were found as their articles were read."""
    tracer = OriginTracer(articles, outlets, known or {})
    return tuple(tracer.field(result) for result in fields)


def with_duplicates(articles: Sequence[ArticleInfo]) -> tuple[ArticleInfo, ...]:
    """The articles, each repost marked with the first article of its group (`duplicate_of`)."""
    groups = near_duplicates(articles)
    return tuple(
        article.model_copy(update={"duplicate_of": groups[article.id]})
        if groups.get(article.id, article.id) != article.id
        else article
        for article in articles
    )


# --- confirmation and grades ------------------------------------------------------------------


def value_stances(result: FieldResult, stance: Stance) -> list[Stance]:
    """The stances that state the stance's value: affirmed and expected together ("ai (expected)"
    is borne out by another's "ai"), a denial apart."""
    if stance.polarity == "denied":
        return [stance]
    return [s for s in result.stances if s.value == stance.value and s.polarity != "denied"]


def value_origins(result: FieldResult, stance: Stance) -> tuple[str, ...]:
    """The independent origins behind the stance's value (see value_stances), in first-seen order."""
    origins: dict[str, None] = {}
    for member in value_stances(result, stance):
        for origin in member.origins:
            origins.setdefault(origin, None)
    return tuple(origins)


def is_confirmed(result: FieldResult, stance: Stance) -> bool:
    """Whether at least CONFIRMING_SOURCES independent origins state the stance's value."""
    return len(value_origins(result, stance)) >= CONFIRMING_SOURCES


RELIABILITY: Mapping[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
"""The Admiralty code's reliability letters, as front matter `reliability` gives them."""
CREDIBILITY: Mapping[int, str] = {
    1: "confirmed by two or more independent sources",
    2: "probably true: one source states it as fact",
    3: "possibly true: one source, attributed to others, hedged or a forecast",
    4: "doubtful: the ledger accepted another value",
}
"""The credibility digits `grade` gives (the code's 5, improbable, and 6, cannot be judged,
need an analyst's judgement, which the ledger records as 4)."""


def reliability_letter(text: str | None) -> str:
    """A front matter `reliability` as its letter ("b", "B - usually reliable" -> "B"); F if none."""
    if text is None:
        return "F"
    stripped = text.strip().upper()
    if stripped[:1] in RELIABILITY and not stripped[1:2].isalnum():
        return stripped[0]
    return "F"


def grade(
    result: FieldResult,
    stance: Stance,
    articles: Mapping[str, ArticleInfo],
    *,
    rejected: bool = False,
    merged: bool = True,
    claims: Iterable[Claim] | None = None,
) -> str:
    """The stance's grade in the spirit of the Admiralty code: "B1", "F3" (see RELIABILITY,
    CREDIBILITY). `rejected`: the ledger accepted another value of the field. `merged`: the
    value's statements and forecasts count together (see value_stances); else the stance alone.
    `claims`: the stance's own claims, where the caller has them indexed (else found in the field)."""
    members = value_stances(result, stance) if merged else [stance]
    stated_by = [article for member in members for article in member.articles]
    letter = min(
        (reliability_letter(articles[a].reliability) for a in stated_by if a in articles), default="F"
    )
    if rejected:
        return f"{letter}4"
    if len({origin for member in members for origin in member.origins}) >= CONFIRMING_SOURCES:
        return f"{letter}1"
    if claims is None:
        claims = (
            claim
            for claim in result.claims
            if claim.value == stance.value and POLARITY_OF[claim.modality] == stance.polarity
        )
    factual = any(claim.modality == "asserted" and not claim.hedged for claim in claims)
    return f"{letter}{2 if factual and stance.polarity != 'expected' else 3}"
