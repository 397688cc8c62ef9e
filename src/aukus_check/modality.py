"""Modality: does the article assert a value, report it, expect it, or deny it?

The judgement is made from cue words around the value's anchor (the part of the match that
carries the value), within its clause:

- denied: a negation before the anchor in its clause ("did not", "no", "ruled out", "has
  not"), or "was ruled out"/"was denied" just after it;
- expected: a future cue before the anchor in its clause ("will", "would", "is expected
  to", "next month"), or one within the six words after it and before any new predicate
  ("that", "which", "and suggested", "and will");
- reported: the sentence attributes the statement to a source: a reporting verb outside
  the anchor ("X said", "..., the outlet claimed"; inside it, the speech act is the claim
  itself, as in "Kihara has only said"), or "reportedly", "according to" or a
  "(Sankei, 2024)" citation anywhere;
- asserted: none of these.

Precedence: denied, expected, reported, asserted. Hedges ("could", "may", "likely") mark a
claim as hedged without changing its modality. A claim in a question or inside a condition
("if", "whether", "unless") is not a claim at all and is dropped.

In set fields (`exclusions=True`), an exclusion word ("excluding", "except", "other than",
"apart from", "aside from") denies the elements it governs: the list right after it ("covers
everything except hypersonics, quantum and cyber"), within a few words, up to a word that
re-opens the list or starts a predicate ("including", "such as", "with", "will", "is").
A negation just before it turns it into "only" ("covers nothing other than AI" affirms AI).
Opening a sentence, it governs only up to its comma ("Except for AI, the pillar covers
quantum"), and "Apart from AI, ..." or "Other than AI, ..." can mean "besides AI" as well as
"except AI", so that element is dropped as ambiguous. Enum fields ignore these words:
"countries other than Japan were invited" does not deny an invitation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import re2

from aukus_check.english import word_alternation
from aukus_check.english.words import (
    ATTRIBUTION_VERBS,
    CLAUSE_CONJUNCTIONS,
    FINITE_AUXILIARIES,
    FINITE_BE,
    FINITE_HAVE,
    FUTURE_ADJECTIVES,
    FUTURE_MODALS,
    HEDGES,
    HYPOTHETICALS,
    MODAL_ADVERBS,
    NEGATIONS,
    NEGATIVE_WORDS,
    POSSIBILITY_MODALS,
    RELATIVES,
    SUBORDINATORS,
)
from aukus_check.models import Cue, Modality
from aukus_check.re2_spans import char_offsets, iter_spans, options


def _cue_pattern(pattern: str, *, case_sensitive: bool = False) -> Any:
    """Cue patterns run on RE2 too: a DFA scans a sentence for a long alternation of cue
    words several times faster than Python's backtracking engine."""
    return re2.compile(pattern, options(case_sensitive=case_sensitive))


_BE = word_alternation(FINITE_BE)
_HAVE = word_alternation(FINITE_HAVE)
# A clause ends at ; : ( ) [ ] dashes, at ", but/while/which/as ..." (not ", as well as"), and
# before a bare "but/whereas/although/though". Group 1 is the comma of the second kind,
# group 2 "as well", group 3 the conjunction of the third kind.
_CLAUSE_BREAK = _cue_pattern(
    r"[;:()\[\]—–]|\s-\s"
    r"|(,\s*)(?:"
    + word_alternation(
        CLAUSE_CONJUNCTIONS
        | (RELATIVES - {"that"})
        | {"whom", "whose", "however", "unless", "so", "especially", "even"}
    )
    + r"|as(\s+well)?)\b"
    r"|\s(but|whereas|although|though)\b"
)
_LEADING_SUBORDINATE = re.compile(  # anchored at the sentence start: Python's re is cheap here
    rf"[\s“\"'‘(]*{word_alternation(SUBORDINATORS, space=' ')}\b",
    re.IGNORECASE,
)
_NEGATION = (
    rf"\b(?:{word_alternation(NEGATIVE_WORDS)}|rul(?:e|es|ed|ing) out"
    r"|shut(?:s|ting)? down|play(?:s|ed|ing)? down"
    r"|den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?)\b|\b\w+n[’']t\b"
)
_UNDECIDED = (
    rf"\b(?:no|any)\s+(?:final\s+|formal\s+|firm\s+)?decisions?\s+(?:{_HAVE}\s+(?:yet\s+)?been\s+|was\s+|were\s+)?"
    r"(?:made\s+|taken\s+|reached\s+)?(?:yet\s+)?(?:on|about|over|regarding|as\s+to)|\byet\s+to\s+decide|\bundecided\b"
)
"""Nothing decided yet: "no decision on Japan joining" leaves the joining open, as "whether"
does; the "no" denies the decision, not what it is about."""
_NOT_NEGATION = r"\b(?:not only|not just|not least|no doubt|no less|no matter|nothing but|not to mention)\b"
# The determiner or preposition group makes "the plan to", "an aim to", "concern about plans to" a
# noun, not a future.
_FUTURE_MODAL = word_alternation(FUTURE_MODALS | {"won't", "wouldn't"})
_FUTURE = (
    rf"\b(?:{_FUTURE_MODAL}"
    rf"|{_BE}\s+(?:\w+\s+)?{word_alternation(FUTURE_ADJECTIVES)}\s+to"
    r"|expected\s+to|(?P<determiner>(?:the|a|an|its|their|about|over|of|on|against|with|for|any)\s+)?(?:plans?|aims?)\s+to|planned\s+to"
    r"|planning\s+to|intends?\s+to"
    r"|next\s+(?:week|month|year|spring|summer|autumn|fall|winter)|later\s+this\s+(?:week|month|year)"
    r"|in\s+the\s+coming\s+(?:days|weeks|months|years)|soon|upcoming|imminent(?:ly)?|impending|forthcoming"
    rf"|{_BE}\s+[“\"‘]?about\s+to|prepar(?:es|ed|ing)\s+to)\b|['’]ll\b"
)
_HEDGE = (  # case-sensitive: "may" is a hedge, "May" a month
    rf"(?-i:\b(?:{word_alternation(HEDGES - {'may'}, capitalized=True)}|may"
    r"|appears? to|seems? to|(?:is|are) believed to|neither confirmed nor denied"
    r"|unconfirmed|[Ss]peculat\w+)\b)"
)
_EXCLUSION = r"\b(?:excluding|except(?:\s+for)?|other\s+than|apart\s+from|aside\s+from)\b"
_EXCLUSION_STOP = re.compile(
    r"[;:]|\b(?:includ\w*|such\s+as|like|notably|especially|particularly|plus|as\s+well\s+as|along\s+with"
    rf"|together\s+with|with|but|while|whereas|which|that|{word_alternation(FINITE_AUXILIARIES)})\b",
    re.IGNORECASE,
)
"""Between an exclusion word and an element: where the excluded list ends (a list of areas
holds no auxiliary: "excluding quantum, and will expand to cyber" does not exclude cyber)."""
_EXCLUSION_WORDS = 6
"""At most this many words between an exclusion word and an element it governs."""
_ONLY_WORDS = 3
"""A negation at most this many words before an exclusion word makes it "only": "not ... anything except"."""
_OPENERS = " \t\r\n“\"'‘("
_BESIDES = re.compile(r"(?:apart|aside)\s+from|other\s+than", re.IGNORECASE)
"""Exclusion words that, opening a sentence, can mean 'besides': 'Apart from AI, ...'."""
_HYPOTHETICAL = (
    rf"\b(?:{word_alternation(HYPOTHETICALS, space=' ')}"
    r"|(?:the\s+)?(?:possibility|possibilities|prospect|prospects|chance|chances|idea)\s+(?:of|that|for)"
    r"|as\s+to\s+(?:what|which|how|when|where|who))\b"
)
FUTURE_CUES, HEDGE_CUES, HYPOTHETICAL_CUES = _FUTURE, _HEDGE, _HYPOTHETICAL
"""The cue patterns, shared with readers outside this module (written.py keeps forecasts and
hypotheticals out of an article's inferred date) so that no second list drifts."""
_WISH = re2.compile(
    # "hopes for", "wished for" before "hopes", "wished": RE2 takes the first alternative that
    # matches, and the governed "for" phrase is what makes the wish ("hopes for a treaty")
    r"(?i)\b(?:wants?|wanted|wanting|hop(?:e|es|ed|ing)\s+for|hopes?|hoped|hoping"
    r"|push(?:es|ed|ing)?\s+(?:for|to)|urg(?:e|es|ed|ing)"
    r"|keen|eager|interested\s+in|would\s+like|wish(?:es|ed|ing)?\s+for|wish(?:es|ed|ing)?"
    r"|call(?:s|ed|ing)?\s+for"
    r"|imperative\s+(?:for|to)|(?:the\s+)?case\s+for|should|ought\s+to|needs?\s+to)\b",
    options(case_sensitive=False),
)
"""A wish, a call or a prescription governs what follows it ("wants Japan to join", "the case
for incorporating Tokyo", "Japan should join"): no claim that it happened or will, unless the
wish is itself the claim (a stance: `wishes=True`)."""
_PROSPECTIVE = re2.compile(
    r"(?i)\b(?:plans?|intention|intentions|proposal|proposals|bid|efforts?)"
    r"\s+to\b",
    options(case_sensitive=False),
)
"""A noun of intent with a to-infinitive ("announced plans to collaborate", "its intention to
join"): what the infinitive says is still to come. Judged only before the anchor, so "condemned
the plan to bring Japan in" still condemns now."""
_SPECULATIVE = re.compile(
    r"\b(?:potential|possible|prospective|eventual|hypothetical|would-be)\s+$", re.IGNORECASE
)
"""An adjective of possibility just before the value ("Japan's potential participation"): a
possibility named, not a claim."""
_TO = re.compile(r"\bto\b", re.IGNORECASE)
_NO_BEFORE = re.compile(r"\b(?:no|little|zero)\s+$", re.IGNORECASE)
_PROSPECT = re.compile(r"possibilit|prospect|chance|idea", re.IGNORECASE)
_FINITE = re.compile(  # not "do": "wants Japan to do more to join" is still a wish
    rf"\b{word_alternation(FINITE_AUXILIARIES - {'do'})}\b", re.IGNORECASE
)
"""A finite verb between "the prospect of X" and the value ends the prospect's reach: in "the
prospect of Tokyo joining was welcomed", the welcome is a claim."""
_POSSIBILITY_MODAL = re.compile(rf"{word_alternation(POSSIBILITY_MODALS)}$", re.IGNORECASE)
_AFTER_MODAL = re.compile(
    rf"\s+(?:(?:\w+ly|{word_alternation(MODAL_ADVERBS)}|one\s+day|{word_alternation(NEGATIONS - {'no'})})"
    r"\s+)*(\w+)",
    re.IGNORECASE,
)
"""The verb a possibility modal governs: "could soon join" -> join; "could have joined" is past."""
_ATTRIBUTION_SOURCE = (
    rf"\b(?:{word_alternation(ATTRIBUTION_VERBS | {'reportedly'})}|according to|point(?:s|ed|ing) (?:out|to)"
    r"|in an interview|in a statement)\b"
    r"|\([A-Z][^()]{0,60}?,\s*(?:1[89]|20)\d{2}\)"
)
_ATTRIBUTION = _cue_pattern(_ATTRIBUTION_SOURCE)
# Every cue kind in one pattern, so a sentence is scanned once. Where cues overlap, the
# earlier alternative wins: "not only" is no negation, "neither confirmed nor denied" and
# "is believed to" are hedges.
_CUES = _cue_pattern(
    f"(?P<hedge>{_HEDGE})|(?P<not_negation>{_NOT_NEGATION})|(?P<undecided>{_UNDECIDED})|(?P<negation>{_NEGATION})"
    f"|(?P<future>{_FUTURE})|(?P<hypothetical>{_HYPOTHETICAL})|(?P<attribution>{_ATTRIBUTION_SOURCE})"
    f"|(?P<exclusion>{_EXCLUSION})"
)
_NEGATED_FUTURE = re.compile(r"(?:won|wouldn|shan)[’']t", re.IGNORECASE)
_CUE_KINDS = (
    "hedge",
    "not_negation",
    "undecided",
    "negation",
    "future",
    "hypothetical",
    "attribution",
    "exclusion",
)
_CUE_GROUPS = tuple((kind, _CUES.groupindex[kind]) for kind in _CUE_KINDS)
_DETERMINER_GROUP = _CUES.groupindex["determiner"]
# Anchored at the end of a value and bounded to 40 characters: Python's re is cheaper here.
_POST_NEGATION = re.compile(
    rf"[^,;]{{0,40}}?\b(?:(?:{word_alternation(FINITE_BE | {'being'})}|{_HAVE} been)\s+(?:\w+\s+)?"
    rf"(?:ruled out|denied|rejected|dismissed)|{_BE}\s+not\s+(?:on the table|planned))\b",
    re.IGNORECASE,
)
_SOURCE_CUE = re.compile(r"reportedly|according to|\(", re.IGNORECASE)
"""Attribution to a third party even inside the matched claim (unlike the actor's own "said")."""
_NEW_PREDICATE = _cue_pattern(
    rf"\b(?:{word_alternation(RELATIVES | {'whether', 'because', 'since'})}|and\s+\w+ed"
    rf"|and\s+{word_alternation(FUTURE_MODALS)})\b"
)
"""After the anchor, a future cue beyond these words belongs to another predicate."""
_PREDICATE_JOIN = _cue_pattern(r"\band\s+\w+ed\b")
"""Before the anchor, a negation before "and suggested ..." negates the first predicate only:
"ruled out X and suggested that it would take time" does not deny the time it would take."""
_TRAILING_CLOSERS = "\"'”’)] \t\r\n"
_WORD = re.compile(r"\S+")
_ASIDE_WORDS = 3
"""A comma pair enclosing at most this many words is an aside, not a clause boundary."""
_WORDS_AFTER = 6
"""How far after the anchor a future auxiliary still belongs to the claim ("talks with
Japan are set to begin")."""


@dataclass(frozen=True, slots=True)
class Assessment:
    """A candidate's modality, hedge, the cues behind them, or why it is not a claim."""

    modality: Modality
    hedged: bool
    cues: tuple[Cue, ...]
    dropped: str | None = None

    def without_negation(self) -> Assessment:
        """The modality the claim has once its negation counts as part of the value ("will not take
        part in Pillar I" is `excluded`, a forecast)."""
        kinds = {cue.kind for cue in self.cues}
        modality: Modality = (
            "expected" if "future" in kinds else "reported" if "attribution" in kinds else "asserted"
        )
        return Assessment(modality, self.hedged, tuple(c for c in self.cues if c.kind != "negation"))


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): cut at ; : ( ) dashes and at ", but/while/which ..."."""
    return SentenceCues(sentence).clause(start, end)


def assess(sentence: str, anchor_start: int, anchor_end: int, *, exclusions: bool = False) -> Assessment:
    """Judge the modality of the value anchored at sentence[anchor_start:anchor_end]."""
    return SentenceCues(sentence).assess(anchor_start, anchor_end, exclusions=exclusions)


def _end_of_leading_clause(sentence: str) -> int | None:
    """The comma closing a leading "Although ...," clause, skipping short asides (", like X,")."""
    commas = [m.start() for m in re.finditer(",", sentence)]
    index = 0
    while index < len(commas):
        following = commas[index + 1] if index + 1 < len(commas) else None
        if following is not None:
            enclosed = sentence[commas[index] + 1 : following]
            # ", like Manila," is an aside inside the clause; ", he wrote," frames the main one
            if len(enclosed.split()) <= _ASIDE_WORDS and not _ATTRIBUTION.search(enclosed):
                if index + 2 >= len(commas):
                    # no comma after the pair to close the leading clause: the pair's first comma
                    # closes it, and what it encloses is a short main clause ("Although Tonga
                    # did not hesitate, Fiji signed, officials said.")
                    return commas[index]
                index += 2
                continue
        return commas[index]
    return None


CueSpan = tuple[int, int, str]
"""Character start and end of a cue in the sentence, and its text."""


def _clause_cuts(data: bytes, to_char: Callable[[int], int]) -> list[tuple[int, int]]:
    """(end of one clause, start of the next) for each clause break in the sentence."""
    cuts = []
    for spans in iter_spans(_CLAUSE_BREAK, data):
        if spans[1][0] >= 0:  # ", which ...": the comma is the break ...
            if spans[2][0] < 0:  # ... but ", as well as" continues a list
                cuts.append((to_char(spans[1][0]), to_char(spans[1][1])))
        elif spans[3][0] >= 0:  # " but ...": the break is just before the conjunction
            start = to_char(spans[3][0])
            cuts.append((start, start))
        else:
            cuts.append((to_char(spans[0][0]), to_char(spans[0][1])))
    return cuts


CLAUSE_REACH = 600
"""How far (in characters) a clause reaches on each side of a value at most. Real clauses are
far shorter; a sentence of thousands of words without a break would otherwise make every
value's judgement read the whole sentence, and a long one quadratic."""


class _Cues:
    """One kind of cue in a sentence: spans in text order (they never overlap, so their ends are
    in order too). A sentence holds a handful, scanned; a long one is looked up by bisection."""

    __slots__ = ("_ends", "_starts", "spans")

    def __init__(self, spans: list[CueSpan]) -> None:
        self.spans = spans
        self._starts: list[int] = []
        self._ends: list[int] = []

    def within(self, start: int, end: int) -> list[CueSpan]:
        """The cues that lie inside [start, end)."""
        spans = self.spans
        if len(spans) <= _SCANNED_CUES:
            return [span for span in spans if start <= span[0] and span[1] <= end]
        if not self._starts:
            self._starts = [span[0] for span in spans]
            self._ends = [span[1] for span in spans]
        low = bisect.bisect_left(self._starts, start)
        high = bisect.bisect_right(self._ends, end)
        return spans[low:high] if low < high else []


_SCANNED_CUES = 16
"""Up to this many cues of a kind, a scan is cheaper than a bisection."""


class SentenceCues:
    """Every cue of one sentence, found once; each candidate in it is judged from these."""

    __slots__ = (
        "_attributions",
        "_cut_ends",
        "_cut_starts",
        "_data",
        "_exclusions",
        "_future",
        "_future_or_possible",
        "_hedges",
        "_hypotheticals",
        "_joins",
        "_lead",
        "_negations",
        "_possible",
        "_predicates",
        "_prospective",
        "_question",
        "_to_char",
        "_wishes",
        "_words",
        "sentence",
    )

    def __init__(self, sentence: str, data: bytes | None = None) -> None:
        self.sentence = sentence
        self._data = data = sentence.encode("utf-8") if data is None else data
        self._to_char = to_char = char_offsets(sentence, data)
        self._question = sentence.rstrip(_TRAILING_CLOSERS).endswith("?")
        cuts = _clause_cuts(data, to_char)
        if _LEADING_SUBORDINATE.match(sentence):
            comma = _end_of_leading_clause(sentence)
            if comma is not None:
                cuts.append((comma, comma + 1))
        cuts.sort()
        self._cut_starts = [start for start, _ in cuts]
        self._cut_ends = [end for _, end in cuts]
        self._lead = len(sentence) - len(sentence.lstrip(_OPENERS))
        """Where the sentence's words begin, after opening quotes and brackets."""
        found: dict[str, list[CueSpan]] = {kind: [] for kind in _CUE_KINDS}
        for spans in iter_spans(_CUES, data):
            kind = next(kind for kind, group in _CUE_GROUPS if spans[group][0] >= 0)
            if kind == "future" and spans[_DETERMINER_GROUP][0] >= 0:
                continue
            start, end = spans[0]
            cue = (to_char(start), to_char(end), data[start:end].decode("utf-8", "replace"))
            found[kind].append(cue)
            if kind == "negation" and _NEGATED_FUTURE.match(cue[2]):  # "won't" is both
                found["future"].append(cue)
        self._negations = _Cues(found["negation"])
        self._future = _Cues(found["future"])
        self._hedges = _Cues(found["hedge"])
        self._hypotheticals = _Cues(sorted(found["hypothetical"] + found["undecided"]))
        self._attributions = _Cues(found["attribution"])
        self._exclusions = _Cues(found["exclusion"])
        # "could join", "may be invited": a possibility of what is still to come is a forecast
        # (hedged) as well; "could have joined" is a possibility about the past.
        # Judged before the anchor only: after it, "could" belongs to another predicate ("said they
        # are considering it, indicating it could take years").
        possible = [
            (start, end, text)
            for start, end, text in self._hedges.spans
            if _POSSIBILITY_MODAL.match(text)
            and (following := _AFTER_MODAL.match(sentence, end)) is not None
            and following.group(1).lower() not in ("have", "ve", "already")
        ]
        self._future_or_possible = _Cues(sorted(self._future.spans + possible))
        self._wishes = _Cues(
            [
                (
                    to_char(spans[0][0]),
                    to_char(spans[0][1]),
                    data[spans[0][0] : spans[0][1]].decode("utf-8", "replace"),
                )
                for spans in iter_spans(_WISH, data)
            ]
        )
        self._prospective = _Cues(
            [
                (
                    to_char(spans[0][0]),
                    to_char(spans[0][1]),
                    data[spans[0][0] : spans[0][1]].decode("utf-8", "replace"),
                )
                for spans in iter_spans(_PROSPECTIVE, data)
            ]
        )
        self._predicates: list[int] | None = None  # found when a candidate first needs them
        self._words: list[int] | None = None
        self._joins: list[int] | None = None

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around [start, end)."""
        before = bisect.bisect_right(self._cut_ends, start) - 1
        after = bisect.bisect_left(self._cut_starts, end)
        clause_start = self._cut_ends[before] if before >= 0 else 0
        clause_end = self._cut_starts[after] if after < len(self._cut_starts) else len(self.sentence)
        return max(clause_start, start - CLAUSE_REACH), min(clause_end, end + CLAUSE_REACH)

    def _horizon(self, anchor_end: int, clause_end: int) -> int:
        """Where the words after the anchor stop belonging to its predicate."""
        if self._words is None or self._predicates is None:
            self._words = [m.end() for m in _WORD.finditer(self.sentence)]
            self._predicates = [
                self._to_char(spans[0][0]) for spans in iter_spans(_NEW_PREDICATE, self._data)
            ]
        last = bisect.bisect_right(self._words, anchor_end) + _WORDS_AFTER - 1
        horizon = self._words[last] if last < len(self._words) else clause_end
        following = bisect.bisect_left(self._predicates, anchor_end)
        stop = self._predicates[following] if following < len(self._predicates) else clause_end
        return min(horizon, stop, clause_end)

    def _after_last_join(self, negations: list[CueSpan], anchor_start: int) -> list[CueSpan]:
        """The negations not cut off from the anchor by a coordinated predicate ("and suggested")."""
        if self._joins is None:
            self._joins = [self._to_char(spans[0][0]) for spans in iter_spans(_PREDICATE_JOIN, self._data)]
        last = bisect.bisect_left(self._joins, anchor_start) - 1
        cut = self._joins[last] if last >= 0 and self._joins[last] >= negations[0][1] else None
        return negations if cut is None else [span for span in negations if span[0] > cut]

    def _opens_sentence(self, cue: CueSpan) -> bool:
        return cue[0] <= self._lead

    def _exclusion(self, clause_start: int, anchor_start: int) -> CueSpan | None:
        """The exclusion word that governs the element at anchor_start, if any."""
        for cue in reversed(self._exclusions.within(clause_start, anchor_start)):
            between = self.sentence[cue[1] : anchor_start]
            if "," in between and self._opens_sentence(cue):
                continue  # "Except for AI, the pillar covers quantum": the phrase ends at its comma
            if len(between.split()) <= _EXCLUSION_WORDS and not _EXCLUSION_STOP.search(between):
                return cue
        return None

    def assess(
        self,
        anchor_start: int,
        anchor_end: int,
        *,
        exclusions: bool = False,
        settled: bool = False,
        wishes: bool = False,
        clause_start: int | None = None,
    ) -> Assessment:
        """Judge the modality of the value anchored at [anchor_start, anchor_end).

        `exclusions`: the value is an element of a set, which "except", "other than" and the
        like can deny. `settled`: the value is already past when the article was published,
        so future cues do not make it expected ("would work with the framework established
        in 2021"). `clause_start`: where the value's own clause begins, if the extractor knows it (a
        description such as "the Pillar I submarines" after "Japan will not take part in"): cues
        before it are another predicate's, except a condition ("if", "whether"), which governs
        the whole clause. It only ever narrows the clause.
        """
        if self._question:
            return Assessment("asserted", False, (), dropped="in a question")
        own = clause_start
        clause_start, clause_end = self.clause(anchor_start, anchor_end)
        whole_clause = clause_start
        if own is not None and whole_clause < own <= anchor_start:
            clause_start = own
        hypothetical = [
            cue
            for cue in self._hypotheticals.within(whole_clause, anchor_start)
            # a condition ("if", "whether") governs its whole clause; "the prospect of" only what it names
            if (cue[0] >= clause_start or not _PROSPECT.search(cue[2]))
            and not (
                _PROSPECT.match(cue[2].lower().removeprefix("the "))
                and (
                    _FINITE.search(self.sentence, cue[1], anchor_start)
                    # "no prospect of Japan acquiring ...": a denial, not a possibility
                    or _NO_BEFORE.search(self.sentence, max(clause_start, cue[0] - 12), cue[0])
                )
            )
        ]
        speculative = _SPECULATIVE.search(self.sentence, max(clause_start, anchor_start - 40), anchor_start)
        if speculative:
            hypothetical.append((speculative.start(), speculative.end(), speculative.group().strip()))
        if not wishes:  # "wants Japan to join": the wish governs an infinitive or a "for"/"in" phrase
            wished = [
                cue
                for cue in self._wishes.within(clause_start, anchor_start)
                if (
                    cue[2].lower().endswith(("for", "in", "to", "should"))
                    or _TO.search(self.sentence, cue[1], anchor_start)
                )
                and not _FINITE.search(self.sentence, cue[1], anchor_start)
            ]
            if wished:
                return Assessment(
                    "asserted", False, (), dropped=f"wished for, not stated ('{wished[0][2]}' before it)"
                )
        if hypothetical:
            return Assessment(
                "asserted", False, (), dropped=f"hypothetical ('{hypothetical[0][2]}' before it)"
            )
        cues: list[Cue] = []
        negations = self._negations.within(clause_start, anchor_start)
        if negations:
            negations = self._after_last_join(negations, anchor_start)
        exclusion = self._exclusion(clause_start, anchor_start) if exclusions else None
        if exclusion is not None:
            if self._opens_sentence(exclusion) and _BESIDES.fullmatch(exclusion[2]):
                return Assessment(
                    "asserted", False, (), dropped=f"ambiguous: '{exclusion[2]}' may mean 'besides' here"
                )
            # "covers nothing other than AI": the two negations make "only AI"
            only = [
                span
                for span in negations
                if span[1] <= exclusion[0]
                and len(self.sentence[span[1] : exclusion[0]].split()) <= _ONLY_WORDS
            ]
            if only:
                negations = [span for span in negations if span not in only]
            else:
                negations.append(exclusion)
        post = _POST_NEGATION.match(self.sentence, anchor_end, clause_end)
        cues.extend(Cue(kind="negation", text=text) for _, _, text in negations)
        if post:
            cues.append(Cue(kind="negation", text=post.group().strip()))

        prospective = [  # "plans to collaborate": the noun's reach ends at a finite verb
            cue
            for cue in self._prospective.within(clause_start, anchor_start)
            if not _FINITE.search(self.sentence, cue[1], anchor_start)
        ]
        future = (
            []
            if settled
            else sorted(self._future_or_possible.within(clause_start, anchor_start) + prospective)
        )
        later = self._future.within(anchor_end, clause_end)
        if later and not settled:
            horizon = self._horizon(anchor_end, clause_end)
            future += [span for span in later if span[0] < horizon]
        cues.extend(Cue(kind="future", text=text) for _, _, text in future)

        hedges = self._hedges.within(clause_start, anchor_start)
        cues.extend(Cue(kind="hedge", text=text) for _, _, text in hedges)

        attributions = [
            span
            for span in self._attributions.within(anchor_start - CLAUSE_REACH, anchor_end + CLAUSE_REACH)
            if span[1] <= anchor_start or span[0] >= anchor_end or _SOURCE_CUE.match(span[2])
        ]
        cues.extend(Cue(kind="attribution", text=text) for _, _, text in attributions)

        modality: Modality
        if negations or post:
            modality = "denied"
        elif future:
            modality = "expected"
        elif attributions:
            modality = "reported"
        else:
            modality = "asserted"
        return Assessment(modality, bool(hedges), tuple(dict.fromkeys(cues)))
