"""Modality: does the article assert a value, report it, expect it, or deny it?

The judgement is made from cue words around the value's anchor (the part of the match that
carries the value), within its clause:

- denied: a negation before the anchor in its clause ("did not", "no", "ruled out", "has
  not"), or "was ruled out"/"was denied" just after it;
- expected: a future cue before the anchor in its clause ("will", "would", "is expected
  to", "next month"), or one within the six words after it and before any new predicate
  ("that", "which", "and suggested");
- reported: the sentence attributes the statement to a source: a reporting verb outside
  the anchor ("X said", "..., the outlet claimed"; inside it, the speech act is the claim
  itself, as in "Kihara has only said"), or "reportedly", "according to" or a
  "(Sankei, 2024)" citation anywhere;
- asserted: none of these.

Precedence: denied, expected, reported, asserted. Hedges ("could", "may", "likely") mark a
claim as hedged without changing its modality. A claim in a question or inside a condition
("if", "whether", "unless") is not a claim at all and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aukus_check.models import Cue, Modality

_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]—–]|\s-\s"
    r"|,\s*(?=(?:but|while|whilst|whereas|although|though|yet|however|which|who|whom|whose|because"
    r"|since|unless|so|especially|even|as(?!\s+well\b))\b)"
    r"|(?<=\s)(?=(?:but|whereas|although|though)\b)",
    re.IGNORECASE,
)
_LEADING_SUBORDINATE = re.compile(
    r"[\s“\"'‘(]*(?:although|though|while|whilst|if|when|whenever|as|because|since|unless|whereas"
    r"|after|before|once|even if|even though)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|none|nothing|nobody|without|cannot|rul(?:e|es|ed|ing) out"
    r"|den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?)\b|\b\w+n[’']t\b",
    re.IGNORECASE,
)
_NOT_NEGATION = re.compile(
    r"\b(?:not only|not just|not least|no doubt|no less|no matter|nothing but|not to mention"
    r"|neither confirmed nor denied)\b",
    re.IGNORECASE,
)
_POST_NEGATION = re.compile(
    r"[^,;]{0,40}?\b(?:(?:was|were|is|are|has been|have been|had been|being)\s+(?:\w+\s+)?"
    r"(?:ruled out|denied|rejected|dismissed)|(?:is|are|was|were)\s+not\s+(?:on the table|planned))\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|won[’']t|shall|would|wouldn[’']t"
    r"|(?:is|are|was|were)\s+(?:\w+\s+)?(?:expected|set|due|scheduled|poised|slated|going)\s+to"
    r"|expected\s+to|(?<!the\s)(?<!a\s)(?<!its\s)(?<!their\s)(?:plans?|aims?)\s+to|planned\s+to"
    r"|planning\s+to|intends?\s+to"
    r"|next\s+(?:week|month|year|spring|summer|autumn|fall|winter)|later\s+this\s+(?:week|month|year)"
    r"|in\s+the\s+coming\s+(?:days|weeks|months|years)|soon|upcoming|imminent(?:ly)?)\b|['’]ll\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:[Cc]ould|may|[Mm]ight|[Pp]ossibly|[Pp]erhaps|[Pp]robably|[Ll]ikely|[Uu]nlikely|[Aa]llegedly"
    r"|[Aa]pparently|appears? to|seems? to|(?:is|are) believed to|neither confirmed nor denied"
    r"|unconfirmed|[Ss]peculat\w+)\b"
)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|whether|in case|suppose|supposing|assuming|hypothetically)\b", re.IGNORECASE
)
_ATTRIBUTION = re.compile(
    r"\b(?:say|says|said|saying|stated|stating|told|tell|tells|telling|according to|reportedly|reported"
    r"|reports|reporting|claim(?:s|ed|ing)|cit(?:es|ed|ing)|quot(?:es|ed|ing)|not(?:es|ed|ing)"
    r"|suggest(?:s|ed|ing)|indicat(?:es|ed|ing)|announc(?:es|ed|ing)|add(?:s|ed)|argu(?:es|ed|ing)"
    r"|wr(?:ote|ites|iting)|explain(?:s|ed|ing)|stress(?:es|ed|ing)|emphasi[sz](?:es|ed|ing)"
    r"|believes?|believed|point(?:s|ed|ing) (?:out|to)|insist(?:s|ed|ing)|acknowledg(?:es|ed|ing)"
    r"|warn(?:s|ed|ing)|urg(?:es|ed|ing)|describ(?:es|ed|ing)|comment(?:s|ed|ing)"
    r"|confirm(?:s|ed|ing)|in an interview|in a statement)\b"
    r"|\([A-Z][^()]{0,60}?,\s*(?:1[89]|20)\d{2}\)",
    re.IGNORECASE,
)
_SOURCE_CUE = re.compile(r"reportedly|according to|\(", re.IGNORECASE)
"""Attribution to a third party even inside the matched claim (unlike the actor's own "said")."""
_NEW_PREDICATE = re.compile(r"\b(?:that|which|who|because|since|and\s+\w+ed)\b", re.IGNORECASE)
"""After the anchor, a future cue beyond these words belongs to another predicate."""
_TRAILING_CLOSERS = "\"'”’)] \t\r\n"
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


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): cut at ; : ( ) dashes and at ", but/while/which ..."."""
    cuts = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(sentence)]
    if _LEADING_SUBORDINATE.match(sentence):
        comma = _end_of_leading_clause(sentence)
        if comma is not None:
            cuts.append((comma, comma + 1))
    clause_start = max((cut_end for cut_start, cut_end in cuts if cut_end <= start), default=0)
    clause_end = min((cut_start for cut_start, _ in cuts if cut_start >= end), default=len(sentence))
    return clause_start, clause_end


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
                index += 2
                continue
        return commas[index]
    return None


def _negations(text: str) -> list[re.Match[str]]:
    excluded = [m.span() for m in _NOT_NEGATION.finditer(text)]
    return [m for m in _NEGATION.finditer(text) if not any(s <= m.start() < e for s, e in excluded)]


def _within_words(text: str, limit: int) -> int:
    """Offset in text after `limit` words."""
    for count, match in enumerate(re.finditer(r"\S+", text), start=1):
        if count == limit:
            return match.end()
    return len(text)


def assess(sentence: str, anchor_start: int, anchor_end: int) -> Assessment:
    """Judge the modality of the value anchored at sentence[anchor_start:anchor_end]."""
    if sentence.rstrip(_TRAILING_CLOSERS).endswith("?"):
        return Assessment("asserted", False, (), dropped="in a question")
    clause_start, clause_end = clause_bounds(sentence, anchor_start, anchor_end)
    before = sentence[clause_start:anchor_start]
    after = sentence[anchor_end:clause_end]
    cues: list[Cue] = []

    hypothetical = _HYPOTHETICAL.search(before)
    if hypothetical:
        return Assessment("asserted", False, (), dropped=f"hypothetical ('{hypothetical.group()}' before it)")
    negations = _negations(before)
    post = _POST_NEGATION.match(after)
    for match in negations:
        cues.append(Cue(kind="negation", text=match.group()))
    if post:
        cues.append(Cue(kind="negation", text=post.group().strip()))

    future_before = list(_FUTURE.finditer(before))
    stop = _NEW_PREDICATE.search(after)
    horizon = min(_within_words(after, _WORDS_AFTER), stop.start() if stop else len(after))
    future_after = [m for m in _FUTURE.finditer(after) if m.start() < horizon]
    for match in (*future_before, *future_after):
        cues.append(Cue(kind="future", text=match.group()))

    hedges = list(_HEDGE.finditer(before))
    for match in hedges:
        cues.append(Cue(kind="hedge", text=match.group()))

    attributions = [
        m
        for m in _ATTRIBUTION.finditer(sentence)
        if m.end() <= anchor_start or m.start() >= anchor_end or _SOURCE_CUE.match(m.group())
    ]
    for match in attributions:
        cues.append(Cue(kind="attribution", text=match.group()))

    modality: Modality
    if negations or post:
        modality = "denied"
    elif future_before or future_after:
        modality = "expected"
    elif attributions:
        modality = "reported"
    else:
        modality = "asserted"
    return Assessment(modality, bool(hedges), tuple(dict.fromkeys(cues)))
