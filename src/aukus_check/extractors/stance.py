"""`stance`: an actor's own position, read from cue words and from who holds them.

    - kind: stance
      cues:                      # held by the subject of the cue's clause
        opposed: ["{lex:oppose}", "warn* against"]
        supportive: ["{lex:welcome}", "{verb:consider} ... {lex:bring_in}"]
      speaker_cues:              # held by whoever says them, not by the clause's subject
        supportive: [natural candidate]
        cautious: ["take ... {lex:duration}"]
      topic: ['{ref:japan}[^.;?!]{0,100}?{lex:bring_in}']    # what a stance must be about
      topic_after: ['{ref:japan}']                            # ... or what the cue's object is
      related: ['{ref:aukus}']                                # ... or what the topic is part of

The field's key is an actor of the rules' `actors` registry (`keys_from: actors`). A cue is
the actor's stance only when the actor holds it:

- a subject cue ("condemned", "has been skeptical") is held by the subject of its clause:
  "China, meanwhile, has repeatedly condemned ..." is China's, "Tokyo condemned China" is
  Japan's. A pronoun subject ("he wanted to ...", "they would consider ...") is the speaker
  of the clause ("Marles stated that he ..."), and "he" or "she" with no speaker is the one
  official named before it in the sentence or in the sentence before; a coordinated predicate
  without a subject ("... and urging Japan to abandon ...") has the subject of the predicate
  before it, a participle phrase opening the sentence ("After singling out Tokyo, the AUKUS
  leaders said ...") the main clause's. A passive cue is held by its agent ("was approached on
  it by each of the three"), a noun cue by its possessors ("Washington and Tokyo's plans") or
  by the place or source after it ("concern in Moscow", "criticism from Beijing"; a noun the
  rules' lexicons declare), the object of a declaring verb by its subject ("announced plans to
  ...", "released a statement condemning ..."), an infinitive in an impersonal clause by its
  speaker ("there is an opportunity to work with Japan", he said). A subject that is not an
  actor ("lawmakers in the Japanese government", "there are concerns") holds the cue for nobody.
- a speaker cue ("Japan is a natural candidate", "it would take some time") is held by whoever
  says it: the subject of the reporting verb that governs its clause ("Albanese said ...",
  "the Defense Minister believes that ..."), or a trailing "..., X said" ("he said"). With no
  one said to say it, it is no one's.

An actor is named by its aliases ("Beijing", "Chinese officials"), an adjective before an
office or a word for officials ("Australian Defense Minister", "Japanese diplomats", "the
Chinese embassy in the UK", whose place is not its owner), a person of the people registry
whose country it is (the surname alone once the full name appeared earlier in the article),
or an office of that country written with the country ("U.S. Deputy Secretary of State"). An
office written bare ("the Defense Minister") names an actor only when it is unambiguous: among
the actors that have an office of that form, exactly one is named as a participant (not after
a preposition: "cooperation with Japan" does not name Japan) in the sentence before the
office, or, if none is, in the previous sentence; "the spokesperson", "the ministers" or "the
government" name the actors of an earlier phrase with that head, or the one participant named
before them. A bare office next to an unknown name ("President Macron") or after another
qualifier ("Vice President", "Philippine President") names no actor.

A group of the registry (an actor with `members`) speaks for each member: its adjectives with a
head noun ("the AUKUS partners", "AUKUS defence ministers"; "AUKUS" alone is the pact), its
aliases, and its `mentions` ("the trio", "each of the three") once the article has named it.
"US allies" and "Japan's partners" are others, not the US or Japan.

Someone else's view of an actor is not the actor's stance: a cue governed by an opinion verb
("Analysts believe China is wary", "Tokyo thinks Beijing will object") is dropped unless the
one who believes is the holder, and so is every cue an analyst, expert, observer, lawmaker,
opposition politician or former official reports, however deep ("a former official said the
ministers only said ..."), what is speculated ("speculation about Japan being invited by
...") and what someone says an actor should do ("Japan should seek to join"). A report of what
an actor did ("the Global Times said Beijing welcomed ...") is the actor's stance, reported.
A cue in the consequence of a condition ("If Japan joins, Beijing would condemn it") is
dropped; negation, future, hedges and questions are judged by `modality` at the cue, which is
the claim's anchor, from the holder's subject on (a future in another clause before it is not
the holder's), so a cue that carries its own negation ("no formal application", "has not yet
decided") is not a denial.

Cue phrases match case-insensitively as whole words with forgiving spacing; `*` at the end of
a word matches the rest of it ("condemn*"), `...` between two words lets up to six words stand
between them ("watching ... closely"), and `{lex:NAME}`, `{verb:NAME}`, `{noun:NAME}`,
`{participle:NAME}` and `{ref:NAME}` stand for a lexicon's forms or a reference's names, so
one entry covers a family of phrasings ("{lex:oppose}": "lambasted", "denounces", "slamming").
A negation inside a gap denies the cue ("expressed no support"). A "would" just before a cue is
the stance's mood, not a forecast ("would welcome"); in what a speaker says, so is "will" ("China
says the move will undermine peace").

With `topic`, a cue counts only in a sentence that matches it; or when the words after the cue
in its clause match `topic_after` (its object: "lambasted Japan for ..."); or when the cue
refers back ("condemned the move", "opposed to this", or nothing more after it) to a sentence
before that matches `topic`; or, with `related`, when the words right after it match (a stance
on what the topic is part of: "condemned the AUKUS pact") in an article already on the topic.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from pydantic import Field

from aukus_check.english import noun_forms, verb_forms
from aukus_check.english.words import (
    ADVERBS,
    ARTICLES,
    AUXILIARIES,
    BE_FORMS,
    CLAUSE_CONJUNCTIONS,
    CONDITIONS,
    COORDINATORS,
    FRONTING_WORDS,
    FUTURE_MODALS,
    LINKING_VERBS,
    MOOD_MODALS,
    NEGATIONS,
    NOT_LY_ADVERBS,
    OBLIGATION_MODALS,
    OPINION_VERBS,
    PARTICIPLE_OPENERS,
    PARTITIVES,
    POSSESSIVE_DETERMINERS,
    PREPOSITIONS,
    QUANTIFIERS,
    RELATIVES,
    SMALL_NUMBERS,
    SOURCE_PREPOSITIONS,
    SPEECH_VERBS,
    SUBJECT_PRONOUNS,
    TIME_NOUNS,
    TIME_WORDS,
    word_alternation,
)
from aukus_check.extractors.base import CompileContext, ExtractorSpec, Hit, Probe, SentenceScope
from aukus_check.extractors.official import literal_forms
from aukus_check.extractors.phrases import alternation, phrase_regex
from aukus_check.extractors.placeholders import PLACEHOLDER, ref_groups
from aukus_check.models import ExtractorRef
from aukus_check.re2_spans import MAX_MEM, REGISTRY_MAX_MEM, Spans, char_offsets, iter_spans, options
from aukus_check.sentences import split_sentences

KIND = "stance"

GAP_WORDS = 6
"""How many words `...` in a cue phrase lets stand between its two sides."""
_GAP = rf"(?:[^\w.;:?!]+[\w’'.\-]+){{0,{GAP_WORDS}}}?[^\w.;:?!]+"
_SPACE = r"[\s\p{Zs}]+"
_WORD = r"\w+(?:[’'\-]\w+)*"


class Spec(ExtractorSpec):
    """Cue phrases per stance, and how far the actor may stand from its cue."""

    kind: Literal["stance"]
    cues: dict[str, list[str]] = Field(
        description="Stance (a vocabulary value) to phrases the subject of their clause holds: "
        "'condemn*', 'willing to', 'watching ... closely'."
    )
    speaker_cues: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Stance to phrases held by whoever says them, not by their clause's subject: "
        "'natural candidate' in 'Albanese said Japan is a natural candidate' is Albanese's.",
    )
    subject_window: int = Field(
        default=8,
        ge=0,
        le=30,
        description="The most words (auxiliaries, adverbs, asides, time phrases) that may stand "
        "between the subject and its cue: 'China, meanwhile, has repeatedly condemned'.",
    )
    topic: list[str] = Field(
        default_factory=list,
        description="RE2 patterns (case-insensitive; lexicons and references allowed); when given, a "
        "cue counts only if its sentence or the sentence before it matches one (or `topic_after` "
        "matches): what the stance must be about.",
    )
    topic_after: list[str] = Field(
        default_factory=list,
        description="RE2 patterns; with `topic`, a cue also counts when the words after it in its "
        "clause match one: what the cue itself is about ('condemned Japan's role').",
    )
    related: list[str] = Field(
        default_factory=list,
        description="RE2 patterns; with `topic`, a cue also counts when the words right after it "
        "match one (what the topic is part of: 'condemned the AUKUS pact'), once an earlier "
        "sentence of the article was on the topic.",
    )


def compile_probes(
    spec: Spec, context: CompileContext, extractor: ExtractorRef, priority: int
) -> list[Probe]:
    """One probe per stance: its cue phrases; who holds a cue is judged per match."""
    registries = context.registries
    if context.key is None or registries is None or context.key not in registries.actors:
        raise context.error(
            "a stance extractor reads the stance of the field's actor: the field must be keyed by "
            "the actors registry",
            ("kind",),
            hint="write `keys_from: actors` on the field, and list the actors under `actors:`",
        )
    actor = context.key
    if not spec.cues and not spec.speaker_cues:
        raise context.error("a stance extractor needs cue phrases under 'cues'", ("cues",))
    seen: dict[str, tuple[str | int, ...]] = {}
    stances: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for option, table in (("cues", spec.cues), ("speaker_cues", spec.speaker_cues)):
        for stance, phrases in table.items():
            context.check_value(stance, (option, stance), verb="lists")
            if not phrases:
                raise context.error(f"stance {stance!r} has no phrases", (option, stance))
            for index, phrase in enumerate(phrases):
                where = (option, stance, index)
                problem = _phrase_problem(phrase)
                if problem:
                    raise context.error(problem, where)
                folded = " ".join(phrase.casefold().split())
                if folded in seen:
                    raise context.error(f"cue {phrase!r} is listed twice", where)
                seen[folded] = where
                source = cue_regex(phrase, functools.partial(_expand_word, context, where))
                holder = "subject" if option == "cues" else "speaker"
                stances.setdefault(stance, {}).setdefault(holder, []).append((phrase, source))
    topic = _Topic(
        tuple(
            context.compile(context.expand(pattern, ("topic", i)), ("topic", i))
            for i, pattern in enumerate(spec.topic)
        ),
        tuple(
            context.compile(context.expand(pattern, ("topic_after", i)), ("topic_after", i))
            for i, pattern in enumerate(spec.topic_after)
        ),
        tuple(
            context.compile(context.expand(pattern, ("related", i)), ("related", i))
            for i, pattern in enumerate(spec.related)
        ),
    )
    reader = _reader(registries)
    probes = []
    for stance, holders in stances.items():
        groups = [
            f"(?P<{holder}>{'|'.join(source for _, source in sorted(cues, key=_longest_first))})"
            for holder, cues in holders.items()
        ]
        source = _number_references("|".join(groups))
        option = "cues" if "subject" in holders else "speaker_cues"
        regex = context.compile_probe(source, (option, stance))
        refs = ref_groups(regex)
        speaker_group = regex.groupindex.get("speaker")
        gaps = tuple(sorted(set(range(1, regex.groups + 1)) - set(regex.groupindex.values())))
        probes.append(
            Probe(
                field_id=context.field_id,
                extractor=extractor,
                priority=priority,
                source=source,
                case_sensitive=False,
                regex=regex,
                interpret=_interpreter(
                    reader, actor, stance, (speaker_group, gaps), spec.subject_window, topic
                ),
                wishes=True,
                refs=refs,
            )
        )
    return probes


def _longest_first(cue: tuple[str, str]) -> tuple[int, str]:
    return -len(cue[0]), cue[0]


def _expand_word(context: CompileContext, where: tuple[str | int, ...], word: str) -> str:
    return context.expand(word, where)


_REF_NUMBER = re.compile(r"\(\?P<_ref\d+_")


def _number_references(source: str) -> str:
    """Each {ref:...} mention group of a probe its own number: cues are expanded one by one."""
    counter = itertools.count(1)
    return _REF_NUMBER.sub(lambda _: f"(?P<_ref{next(counter)}_", source)


def _phrase_problem(phrase: str) -> str | None:
    words = phrase.split()
    if not words or all(word in ("...", "*") for word in words):
        return "a cue phrase cannot be empty"
    if words[0] == "..." or words[-1] == "...":
        return f"cue {phrase!r}: '...' stands between two words, not at an end"
    if any(a == b == "..." for a, b in itertools.pairwise(words)):
        return f"cue {phrase!r}: '... ...' is one gap written twice"
    for word in words:
        if word == "..." or PLACEHOLDER.fullmatch(word):
            continue
        if "{" in word or "}" in word:
            return (
                f"cue {phrase!r}: {word!r} is not a placeholder ({{lex:NAME}}, {{verb:NAME}}, {{ref:NAME}})"
            )
        if word.strip("*") == "" or "*" in word[:-1]:
            return f"cue {phrase!r}: '*' may only end a word"
    return None


def cue_regex(phrase: str, expand: Callable[[str], str] | None = None) -> str:
    """RE2 source for one cue phrase: whole words, `*` ends a word freely, `...` is a short gap,
    and `{lex:NAME}` (or `{verb:..}`, `{noun:..}`, `{participle:..}`, `{ref:..}`) stands for the
    forms of a lexicon or the names of a reference, through `expand`."""
    pieces: list[str] = []
    run: list[str] = []
    join = ""

    def add(piece: str) -> None:
        nonlocal join
        pieces.append(join + piece if pieces else piece)
        join = _SPACE

    def flush() -> None:
        if run:
            add(phrase_regex(" ".join(run)))
            run.clear()

    for word in phrase.split():
        if word == "...":
            flush()
            join = f"({_GAP})"
        elif PLACEHOLDER.fullmatch(word):
            if expand is None:
                raise ValueError(f"cue {phrase!r}: {word} needs the rules' lexicons and references")
            flush()
            add(f"(?:{expand(word)})")
        else:
            run.append(word)
            if word.endswith("*"):
                flush()
    flush()
    return "".join(pieces)


# --- the words the attribution reads ---------------------------------------------------------

# General English comes from the english package; the lists kept here are the stance kind's own.
_NEGATIONS = NEGATIONS | {"longer"}  # "no longer": the tokens "no" and "longer"
_TIME = TIME_WORDS | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)
_DETERMINERS = ARTICLES | SMALL_NUMBERS | QUANTIFIERS | {"senior", "top"}
"""Words that open a noun phrase of people ("the", "two", "some", "senior officials")."""
_FILLERS = frozenset(
    "official officials spokesperson spokesman spokeswoman spokespeople minister ministers ministry "
    "ministries government governments administration cabinet side leader leaders leadership diplomat "
    "diplomats envoy envoys ambassador ambassadors embassy delegation delegations authorities authority "
    "chief chiefs secretary secretaries president premier pm department council office director "
    "representative representatives counterpart counterparts foreign defense defence state prime "
    "deputy general security national press affairs officer officers military negotiators negotiator "
    "team aides aide adviser advisers advisor advisors mainland".split()
)
_SPEECH_NOUNS = frozenset(
    "comments comment remarks remark statement statements response reaction message warning warnings "
    "criticism position stance readout communique note declaration declarations announcement".split()
)
_AGENT_WORDS = 8
"""How far after a passive cue its "by" agent may stand: "was approached on the idea by ..."."""
_DECLARING = frozenset(
    form
    for verb in "announce reveal unveil confirm outline declare express voice signal reiterate restate issue "
    "release make detail flag state".split()
    for form in verb_forms(verb)
)
"""Verbs whose object is a stance of their subject: "announced plans to ...", "made the decision to ..."."""
_PEOPLE = frozenset(
    "official officials spokesperson spokesman spokeswoman spokespeople minister ministers ministry "
    "ministries government governments administration leader leaders leadership diplomat diplomats envoy "
    "envoys ambassador ambassadors embassy delegation authorities chief chiefs secretary president premier "
    "representative representatives".split()
)
"""Words for the people or bodies that speak for a government: what "the ministers" refers back to."""
_NOT_GOVERNMENT = frozenset(
    "former ex opposition shadow lawmaker lawmakers legislator legislators mp mps senator senators "
    "parliamentarian parliamentarians congressman congresswoman congressmen".split()
)
"""Words for people who speak for no government: "former defense minister", "opposition leader"."""
_GROUP_NOUNS = frozenset("partners members allies countries nations states sides powers".split())
"""Nouns for the members of a group: "the AUKUS partners" are its members, but "US allies" and
"Japan's partners" are not the US or Japan."""
_ANALYSTS = frozenset(
    "analyst analysts expert experts observer observers commentator commentators scholar scholars "
    "researcher researchers critic critics professor professors academic academics pundit pundits "
    "specialist specialists fellow fellows economist economists".split()
)
_OBLIQUE = PREPOSITIONS | {"inviting"}  # "a summit inviting Japan": Japan is no subject
_JOINERS = COORDINATORS | CLAUSE_CONJUNCTIONS | RELATIVES
_SPEECH_VERBS = SPEECH_VERBS | OPINION_VERBS
"""Verbs whose subject holds what follows, said or believed: a speaker of the clause."""
_STATE_PARTICIPLES = frozenset(
    "concerned worried alarmed opposed interested committed determined undecided reserved divided "
    "pleased disappointed unconvinced unconcerned".split()
)
"""Past participles that after "is" describe the subject's state, not a passive."""
_SPECULATION = frozenset("speculation speculations rumour rumours rumor rumors conjecture".split())
"""What is speculated about is no one's stated stance: "speculation about Japan being invited by ..."."""

_REFERS_BACK = re.compile(
    r"\b(?:[Hh]e|[Ss]he|[Tt]he\s+(?:\w+\s+){0,2}?(?:"
    + "|".join(sorted(_PEOPLE, key=len, reverse=True))
    + r"))\b"
)
"""What may refer to an actor named in the sentence before: "he", "the spokesperson"."""
_SUBORDINATORS = CLAUSE_CONJUNCTIONS - {"but", "since", "yet"}
"""Conjunctions that open a subordinate clause ("since" and "yet" may be adverbs): a speech verb
before one governs another clause."""
_CLAUSE_PUNCT = frozenset(";:—–()[]")
_CLOSED_CLAUSE = frozenset(";:()[]")
"""After these a predicate needs its own subject: it continues no clause before them."""
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011]+")
_QUOTES = frozenset('“”"‘')


class Token(NamedTuple):
    """A word, a punctuation mark or an actor mention of one sentence (character offsets).

    A named tuple: sentences are cut into many of these, and a tuple is the cheapest to build.
    """

    start: int
    end: int
    text: str
    low: str
    kind: Literal["actor", "adjective", "office", "word", "punct"]
    actors: frozenset[str] = frozenset()
    possessive: bool = False
    group: bool = False
    """A name of a group of actors ("AUKUS", "the trio"): it stands for each member."""
    person: bool = False
    """A person or an office holder ("Mao Ning", "US Defense Secretary"): who "he" may be."""
    newline: bool = False
    """The token starts a line: a heading before it is not part of its noun phrase."""


@dataclass(frozen=True)
class Subject:
    """Who a clause is about: actors, a pronoun, something else, or no one (an elided subject)."""

    kind: Literal["actors", "pronoun", "expletive", "other", "elided"]
    actors: frozenset[str] = frozenset()
    start: int = 0
    """Token index where the subject (or the boundary before an elided one) is."""
    text: str = ""
    analyst: bool = False


@dataclass(frozen=True)
class Speaker:
    """Who says or believes the clause a cue is in, and with which verb."""

    subject: Subject
    actors: frozenset[str]
    verb: str
    opinion: bool
    index: int | None = None
    """The speech verb's token, when it governs the clause from before it."""


# --- naming actors ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    kind: Literal["alias", "adjective", "person", "surname", "office", "bare", "mention"]
    actors: frozenset[str]
    person: str | None = None
    group: str | None = None
    """The group (an actor with members) this names, for its mentions and its head nouns."""


@dataclass
class _Reader:
    """Finds actor mentions in sentences and reads who holds a cue; one per rules file.

    The stance fields of all actors share it, so a sentence is analysed once however many
    fields' probes match it; what it keeps is for the article being read only.
    """

    regex: Any
    grouped_source: str
    """The same alternatives, each in its own group: which one matched, when the lookups do not
    know the text (compiled on first need: it is as large as `regex`, and rarely needed)."""
    entries: list[_Entry]
    lookup: Mapping[tuple[str, bool], _Entry]
    """(phrase as _key folds it, whether case-sensitive) -> what it names."""
    office_lookup: Mapping[str, _Entry]
    """An office written with its country ("Japanese Defense Minister"), folded -> its entry."""
    full_names: Mapping[str, Any]
    """Person key -> RE2 of their full names, for the surname rule."""
    group_names: Mapping[str, Any] = field(default_factory=dict)
    """Group key -> RE2 of its names (aliases and adjectives), for the mention rule."""
    nouns: frozenset[str] = frozenset()
    """The nouns the rules' lexicons declare ("concern", "opposition"), folded: a noun cue's holder
    may be the place after it ("concern in Moscow")."""
    article: str | None = None
    sentences: dict[int, _Sentence] = field(default_factory=dict)
    first_full_name: dict[str, int] = field(default_factory=dict)
    first_group_name: dict[str, int] = field(default_factory=dict)
    topic_starts: dict[int, int | None] = field(default_factory=dict)
    named_first: Mapping[str, int] = field(default_factory=dict)
    """The article's references and where each is first named (from the engine)."""
    article_sentences: list[tuple[int, int]] | None = None
    _grouped: Any = None

    def sentence(self, scope: SentenceScope, data: bytes) -> _Sentence:
        """The analysed sentence, computed once for all probes that match it."""
        if self.article is not scope.text:
            self.article = scope.text
            self.sentences.clear()
            self.first_full_name.clear()
            self.first_group_name.clear()
            self.topic_starts.clear()
            self.named_first = scope.named
            self.article_sentences = None
        found = self.sentences.get(scope.start)
        if found is None:
            found = self.sentences[scope.start] = _Sentence(self, scope, data)
        return found

    def full_name_before(self, person: str, position: int) -> bool:
        """Whether the person's full name appears in the article before a character offset."""
        if person not in self.first_full_name:
            text = self.article or ""
            data = text.encode("utf-8")
            first = next((spans[0][0] for spans in iter_spans(self.full_names[person], data)), -1)
            self.first_full_name[person] = char_offsets(text, data)(first) if first >= 0 else -1
        first = self.first_full_name[person]
        return 0 <= first < position

    def first_on_topic(self, topic: _Topic) -> int | None:
        """Where the article is first on a rule's topic (the start of the first match), if ever."""
        key = id(topic)
        if key not in self.topic_starts:
            text = self.article or ""
            data = text.encode("utf-8")
            to_char = char_offsets(text, data)
            first: int | None = None
            for pattern in topic.sentence:
                refs = ref_groups(pattern)
                for spans in iter_spans(pattern, data):
                    start = to_char(spans[0][0])
                    if all(spans[g][0] < 0 or self.named_first.get(r, len(text)) < start for g, r in refs):
                        first = start if first is None else min(first, start)
                        break
            self.topic_starts[key] = first
        return self.topic_starts[key]

    def group_named_before(self, group: str, position: int) -> bool:
        """Whether the article names a group ("AUKUS") before a character offset."""
        if group not in self.first_group_name:
            text = self.article or ""
            data = text.encode("utf-8")
            first = next((spans[0][0] for spans in iter_spans(self.group_names[group], data)), -1)
            self.first_group_name[group] = char_offsets(text, data)(first) if first >= 0 else -1
        first = self.first_group_name[group]
        return 0 <= first < position

    def mentions(self, data: bytes, to_char: Callable[[int], int]) -> list[tuple[int, int, _Entry]]:
        """(start, end, entry) of every mention in the sentence, leftmost-longest, in characters.

        The scan has no capture groups (RE2's fast path); the phrase a match stands for is found
        by its text, and only a phrase no lookup knows is told apart by the grouped
        pattern, run on the match alone.
        """
        found = []
        for spans in iter_spans(self.regex, data):
            start, end = spans[0]
            piece = data[start:end].decode("utf-8", "replace")
            key = _key(piece)
            entry = (
                self.lookup.get((key, True))
                or self.lookup.get((key.casefold(), False))
                or self.office_lookup.get(key.casefold())
            )
            if entry is None:
                if self._grouped is None:
                    self._grouped = _compile(self.grouped_source, longest=True)
                groups = next(iter_spans(self._grouped, data[start:end]))
                entry = self.entries[next(i for i in range(1, len(groups)) if groups[i][0] >= 0) - 1]
            found.append((to_char(start), to_char(end), entry))
        return found

    def sentence_before(self, start: int) -> tuple[int, int] | None:
        """The article's sentence that ends before character offset `start`."""
        if self.article_sentences is None:
            text = self.article or ""
            self.article_sentences = split_sentences(text, 0, len(text))
        index = bisect.bisect_left(self.article_sentences, (start, -1)) - 1
        while index >= 0 and self.article_sentences[index][1] > start:
            index -= 1
        return self.article_sentences[index] if index >= 0 else None


_READERS: dict[int, tuple[Any, _Reader]] = {}
_READERS_KEPT = 8
"""Rules files whose readers are kept (a process compiles one; tests compile many)."""


def _reader(registries: Any) -> _Reader:
    """The reader for a rules file's registries, built once and shared by all its stance fields."""
    cached = _READERS.get(id(registries))
    if cached is not None and cached[0] is registries:
        return cached[1]
    if len(_READERS) >= _READERS_KEPT:
        _READERS.clear()
    reader = _build_reader(registries)
    _READERS[id(registries)] = (registries, reader)
    return reader


def _build_reader(registries: Any) -> _Reader:
    phrases: dict[tuple[str, bool], _Entry] = {}
    rank = {"office": 0, "person": 1, "alias": 2, "bare": 3, "surname": 4, "adjective": 5, "mention": 6}

    def add(text: str, entry: _Entry, *, case_sensitive: bool) -> None:
        key = (text if case_sensitive else text.casefold(), case_sensitive)
        old = phrases.get(key)
        if old is None or rank[entry.kind] < rank[old.kind]:
            phrases[key] = entry
        elif old.kind == entry.kind == "bare":
            phrases[key] = _Entry("bare", old.actors | entry.actors)

    actors = registries.actors
    group_names: dict[str, Any] = {}
    for key, actor in actors.items():
        if actor.members:
            members = frozenset(actor.members)
            for alias in actor.aliases:
                add(alias, _Entry("alias", members, group=key), case_sensitive=True)
            for adjective in actor.adjectives:
                add(adjective, _Entry("adjective", members, group=key), case_sensitive=True)
            for mention in actor.mentions:
                add(mention, _Entry("mention", members, group=key), case_sensitive=False)
            group_names[key] = _compile(alternation([*actor.aliases, *actor.adjectives], case_sensitive=True))
            continue
        own = frozenset((key,))
        for alias in actor.aliases:
            add(alias, _Entry("alias", own), case_sensitive=True)
        for adjective in actor.adjectives:
            base = adjective[:-2] if adjective[-2:] in ("'s", "’s") else None
            if base is not None and base in actor.aliases:
                continue  # "China's" is the alias "China" and a possessive
            add(adjective, _Entry("adjective", own), case_sensitive=True)
    full_names: dict[str, Any] = {}
    for key, person in registries.people.items():
        country = frozenset((person.country,)) if person.country else frozenset()
        names = [person.name, *person.aliases]
        for name in names:
            add(name, _Entry("person", country, key), case_sensitive=True)
        surname = person.surname or person.name.split()[-1]
        if surname not in names:
            add(surname, _Entry("surname", country, key), case_sensitive=True)
        full_names[key] = _compile(alternation(names, case_sensitive=True))
    office_sources: list[tuple[str, _Entry]] = []
    office_lookup: dict[str, _Entry] = {}
    for office in registries.offices.values():
        if office.country is None or office.country not in actors or actors[office.country].members:
            continue
        country = actors[office.country]
        own = frozenset((office.country,))
        country_names = alternation([*country.adjectives, *country.aliases], case_sensitive=True)
        for form in literal_forms(office, registries.lexicons):
            if "{country}" in form:
                parts = [part.strip() for part in form.split("{country}")]
                pieces = [phrase_regex(part, case_sensitive=False) if part else "" for part in parts]
                source = _join_country(pieces, country_names)
                own_office = _Entry("office", own)
                office_sources.append((source, own_office))
                for name in (*country.adjectives, *country.aliases):
                    # first wins, as the first alternative of the grouped pattern would
                    office_lookup.setdefault(_key(form.replace("{country}", name)).casefold(), own_office)
            else:
                explicit = any(_contains_word(form, alias) for alias in country.aliases)
                sensitive = form.isupper()
                add(form, _Entry("office" if explicit else "bare", own), case_sensitive=sensitive)
    entries: list[_Entry] = []
    sources: list[str] = []
    lookup: dict[tuple[str, bool], _Entry] = {}
    for (text, sensitive), entry in phrases.items():
        sources.append(phrase_regex(text, case_sensitive=sensitive))
        entries.append(entry)
        lookup[(_key(text) if sensitive else _key(text).casefold(), sensitive)] = entry
    for source, entry in office_sources:
        sources.append(source)
        entries.append(entry)
    return _Reader(
        regex=_compile(
            "|".join(f"(?:{source})" for source in sources), longest=True, max_mem=REGISTRY_MAX_MEM
        ),
        grouped_source="|".join(f"({source})" for source in sources),
        entries=entries,
        lookup=lookup,
        office_lookup=office_lookup,
        full_names=full_names,
        group_names=group_names,
        nouns=frozenset(
            _fold(form)
            for lexicon in registries.lexicons.values()
            for noun in lexicon.nouns
            for form in noun_forms(noun)
        ),
    )


def _key(text: str) -> str:
    """A phrase as its forgiving pattern matches it: spacing, hyphens and apostrophes folded."""
    return _SEPARATORS.sub("", text).replace("’", "'")


def _join_country(pieces: list[str], names: str) -> str:
    """An office form's pieces around {country}, with the country's names in between."""
    out = pieces[0]
    for piece in pieces[1:]:
        out = (out + _SPACE if out else "") + names + (_SPACE + piece if piece else "")
    return out


def _contains_word(text: str, word: str) -> bool:
    return f" {word} " in f" {text} " or f" {word}'" in f" {text}" or f" {word}’" in f" {text}"


def _compile(source: str, *, longest: bool = False, max_mem: int = MAX_MEM) -> Any:
    import re2

    opts = options(case_sensitive=True, max_mem=max_mem)
    opts.longest_match = longest
    return re2.compile(source, opts)


_WORDS = re.compile(rf"{_WORD}|[^\w\s]")
"""Words and marks of a sentence; Python's re on the str gives character offsets directly."""


# --- one sentence --------------------------------------------------------------------------------


class _Sentence:
    """A sentence as tokens with actor mentions, and the attribution rules read over them."""

    def __init__(self, reader: _Reader, scope: SentenceScope, data: bytes) -> None:
        self.reader = reader
        self.scope = scope
        self.text = scope.text[scope.start : scope.end]
        self.data = data
        self.to_char = char_offsets(self.text, data)
        self._previous: list[Token] | None = None
        self.previous_bounds: tuple[int, int] | None = None
        """Character offsets in the article of the sentence before this one, once looked up."""
        self._verdicts: dict[tuple[int, int, bool], tuple[frozenset[str], str, int | None]] = {}
        self._mentions = reader.mentions(data, self.to_char)
        self.named: frozenset[str] = frozenset().union(*(entry.actors for _, _, entry in self._mentions))
        """Every actor a name in the sentence may stand for: only these can hold its cues."""
        self._tokens: list[Token] | None = None
        self._starts: list[int] = []
        self._held_before: frozenset[str] | None = None
        self._about: dict[int, bool] = {}

    @property
    def tokens(self) -> list[Token]:
        """The sentence's tokens, cut when a cue's holder is first looked for."""
        if self._tokens is None:
            self._tokens = self._tokenize(self.text, self.data, self.scope.start, resolve=True)
            self._starts = [token.start for token in self._tokens]
        return self._tokens

    # tokens ------------------------------------------------------------------------------

    def _tokenize(self, text: str, data: bytes, offset: int, *, resolve: bool) -> list[Token]:
        if text is self.text:
            mentions = self._mentions
        else:
            mentions = self.reader.mentions(data, char_offsets(text, data))
        words = [match.span() for match in _WORDS.finditer(text)]
        tokens: list[Token] = []
        position = 0
        bare: list[int] = []
        next_word = 0
        for start, end, entry in [*mentions, (len(text), len(text), None)]:
            if start < position:
                continue
            while next_word < len(words) and words[next_word][0] < start:
                s, e = words[next_word]
                next_word += 1
                if s < position or e > start:
                    continue  # inside the mention before, or cut by the next one
                word = text[s:e]
                kind: Literal["word", "punct"] = "word" if word[0].isalnum() or word[0] == "_" else "punct"
                tokens.append(Token(s, e, word, _fold(word), kind))
            if entry is None:
                break
            if text[end : end + 1] in ("-", "\u2010", "\u2011") or (
                start > 0 and text[start - 1] in "-\u2010\u2011"
            ):
                # part of a compound ("Japan-AUKUS ties", "U.S.-led"): a modifier, not a mention
                tokens.append(Token(start, end, text[start:end], _fold(text[start:end]), "word"))
                position = end
                continue
            possessive = text[end : end + 2] in ("'s", "’s")
            if possessive:
                end += 2
            mention = text[start:end]
            if entry.kind == "mention":
                assert entry.group is not None
                if not self.reader.group_named_before(entry.group, offset + start):
                    tokens.append(Token(start, end, mention, _fold(mention), "word", possessive=possessive))
                    position = end
                    continue
            if entry.kind == "surname":
                assert entry.person is not None
                if not self.reader.full_name_before(entry.person, offset + start):
                    tokens.append(Token(start, end, mention, _fold(mention), "word", possessive=possessive))
                    position = end
                    continue
            kind_of: dict[str, Literal["actor", "adjective", "office"]] = {
                "mention": "actor",
                "alias": "actor",
                "person": "actor",
                "surname": "actor",
                "office": "actor",
                "adjective": "adjective",
                "bare": "office",
            }
            tokens.append(
                Token(
                    start,
                    end,
                    mention,
                    _fold(mention),
                    kind_of[entry.kind],
                    entry.actors,
                    possessive,
                    group=entry.group is not None,
                    person=entry.kind in ("person", "surname", "office"),
                )
            )
            if entry.kind == "bare":
                bare.append(len(tokens) - 1)
            position = end
        if resolve:
            for index in bare:
                tokens[index] = self._resolve_office(tokens, index)
        else:
            for index in bare:
                tokens[index] = _as_word(tokens[index])
        for index in range(1, len(tokens)):
            if "\n" in text[tokens[index - 1].end : tokens[index].start]:
                tokens[index] = tokens[index]._replace(newline=True)
        return tokens

    def _resolve_office(self, tokens: list[Token], index: int) -> Token:
        """A bare office form names its actor only when that is unambiguous (see module doc)."""
        token = tokens[index]
        before = tokens[index - 1] if index > 0 else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if before is not None and (
            before.low in ("vice", "deputy", "former", "ex", "acting")
            or (
                before.kind == "word"
                and before.text[0].isupper()
                and before.low not in _DETERMINERS
                and index > 1
            )
        ):
            return _as_word(token)
        if after is not None:
            if after.kind == "actor" and after.actors & token.actors:
                return Token(
                    token.start,
                    token.end,
                    token.text,
                    token.low,
                    "actor",
                    after.actors,
                    token.possessive,
                    person=True,
                )
            if after.kind == "word" and after.text[0].isupper():
                return _as_word(token)  # someone else's office: "President Macron"
        for scope_tokens in (tokens[:index], self.previous()):
            named = {actor for actor in _participants(scope_tokens) if actor in token.actors}
            if len(named) == 1:
                return Token(
                    token.start,
                    token.end,
                    token.text,
                    token.low,
                    "actor",
                    frozenset(named),
                    token.possessive,
                    person=True,
                )
            if named:
                return _as_word(token)
        return _as_word(token)

    def previous_person(self) -> frozenset[str]:
        """The one actor the people and officials named in the sentence before speak for, if one."""
        return _one_person(self.previous())

    def may_hold(self, actor: str) -> bool:
        """Whether the sentence names the actor, or "he", "she" or "the spokesperson" may stand for
        it (an actor the sentence before names)."""
        if actor in self.named:
            return True
        if self._held_before is None:  # every actor's field asks: look once per sentence
            self._held_before = (
                frozenset().union(*(token.actors for token in self.previous()))
                if _REFERS_BACK.search(self.text)
                else frozenset()
            )
        return actor in self._held_before

    def about(self, topic: _Topic) -> bool:
        """Whether the sentence matches one of the topic's sentence patterns (asked once per
        sentence, however many cues and actors' fields need it)."""
        key = id(topic)
        if key not in self._about:
            self._about[key] = _matches(topic.sentence, self.data, self.scope)
        return self._about[key]

    def previous(self) -> list[Token]:
        """The tokens of the sentence before this one (bare offices in it name nobody)."""
        if self._previous is None:
            self.previous_bounds = self.reader.sentence_before(self.scope.start)
            self._previous = []
            if self.previous_bounds is not None:
                start, end = self.previous_bounds
                piece = self.scope.text[start:end]
                self._previous = self._tokenize(piece, piece.encode("utf-8"), start, resolve=False)
        return self._previous

    def index_at(self, char: int) -> int:
        """The index of the first token starting at or after a character offset."""
        self.tokens  # noqa: B018 - cuts the tokens (and their starts) on first use
        return bisect.bisect_left(self._starts, char)

    # attribution -------------------------------------------------------------------------

    def verdict(
        self, cue_start: int, cue_end: int, speaker_cue: bool, window: int
    ) -> tuple[frozenset[str], str, int | None]:
        """Who holds the cue (none: why not), after dropping views and conditions, and where the
        holder's clause starts (a character offset, when its subject stands before the cue);
        computed once for the probes of every actor's field."""
        key = (cue_start, cue_end, speaker_cue)
        if key not in self._verdicts:
            holders, why, subject = self.holders(cue_start, cue_end, speaker_cue, window)
            if holders:
                framed = self.framing(self.index_at(cue_start), holders, speaker_cue)
                if framed is not None:
                    holders, why = frozenset(), framed
            else:
                why = f"no actor holds the cue: {why}"
            start = self.tokens[subject].start if subject is not None else None
            self._verdicts[key] = (holders, why, start)
        return self._verdicts[key]

    def holders(
        self, cue_start: int, cue_end: int, speaker_cue: bool, window: int
    ) -> tuple[frozenset[str], str, int | None]:
        """The actors who hold the cue at [cue_start, cue_end), or none and why; and the token
        index of the holder's subject when it stands before the cue in its clause."""
        first = self.index_at(cue_start)
        last = next((i for i in range(first, len(self.tokens)) if self.tokens[i].end >= cue_end), first)
        if first >= len(self.tokens):
            return frozenset(), "no cue", None
        agent = self._agent(first, last)
        if agent is not None:
            return (*agent, None)
        if first > 0 and self.tokens[first - 1].possessive and self.tokens[first - 1].kind == "actor":
            owners = self.np_before(first)  # "Washington and Tokyo's plans"
            if owners.kind == "actors":
                return owners.actors, "", owners.start
            return self.tokens[first - 1].actors, "", first - 1
        located = self._located(first, last) if first == last else None
        if located is not None:
            # its clause starts at the words that govern the noun: "plans to expand AUKUS are
            # causing concern in Moscow" is no forecast of Moscow's; "no concern" denies it
            governing = first - 1
            while governing > 0 and (
                self.tokens[governing].low in _DETERMINERS
                or self.tokens[governing].low in _NEGATIONS
                or self.tokens[governing].low == "no"
                or self.adverb(self.tokens[governing])
            ):
                governing -= 1
            return located, "", max(governing, 0)
        if speaker_cue:
            speaker = self.speaker(first)
            if speaker is None:
                return frozenset(), "nobody is said to say it", None
            if not speaker.actors:
                return frozenset(), f"said by {_describe(speaker.subject)}, not an actor", None
            before = speaker.subject.start if speaker.subject.start < first else None
            return speaker.actors, "", before
        start = first
        while start > 0 and (
            self.tokens[start - 1].low in _DETERMINERS or self.adverb(self.tokens[start - 1])
        ):
            start -= 1
        if start > 0 and self.tokens[start - 1].low in _DECLARING:
            start -= 1  # "announced plans to ...", "revealed the decision to ...": the declarer's
        else:
            start = first
        if first > 0 and self.tokens[first - 1].low in POSSESSIVE_DETERMINERS:
            start = first - 1  # "expressed its openness": the subject of "expressed"
            previous = self.tokens[start - 1] if start > 0 else None
            if previous is not None and previous.kind == "word" and previous.low not in _JOINERS:
                start -= 1
            else:  # "My intent is to ...": the one "my" stands for
                pronoun = self.tokens[start]
                subject = self.resolve(Subject("pronoun", start=start, text=pronoun.text))
                if subject.kind == "actors":
                    return subject.actors, "", start
                return frozenset(), f"its holder is {_describe(subject)}", None
        found = self.subject_before(start, window)
        subject = self.resolve(found)
        if subject.kind == "actors":
            floor = found.start if found.kind in ("actors", "pronoun") and found.start < first else None
            return subject.actors, "", floor
        fronted = self._fronted_subject(first)
        if fronted is not None:
            return fronted, "", None
        impersonal = self._impersonal(start)
        if impersonal is not None:
            return impersonal, "", None
        return frozenset(), f"its subject is {_describe(subject)}", None

    def _impersonal(self, start: int) -> frozenset[str] | None:
        """An infinitive in an impersonal clause is the view of whoever says it: "there is an
        opportunity to look at how ...", "it is time to welcome ...", he said."""
        tokens = self.tokens
        if start == 0 or tokens[start - 1].low != "to":
            return None
        k = start - 1
        while (
            k > 0
            and tokens[k - 1].low != ","
            and (tokens[k - 1].low in RELATIVES or not self._boundary(k - 1))
        ):
            k -= 1
        if k + 1 >= start or tokens[k].low not in ("there", "it") or tokens[k + 1].low not in BE_FORMS:
            return None
        speaker = self.speaker(k)
        if speaker is None or not speaker.actors or speaker.subject.analyst:
            return None
        return speaker.actors

    def _fronted_subject(self, first: int) -> frozenset[str] | None:
        """A cue in a participle phrase opening the sentence is held by the main clause's subject:
        "After singling out Tokyo as a candidate, AUKUS leaders said ..."."""
        tokens = self.tokens
        opener = 1 if tokens and tokens[0].low in PARTICIPLE_OPENERS else 0
        if len(tokens) <= opener or not tokens[opener].low.endswith("ing") or first < opener:
            return None
        comma = next((i for i in range(first, len(tokens)) if tokens[i].low == ","), None)
        if comma is None or any(
            self._speech_verb(i) or tokens[i].text in _CLAUSE_PUNCT for i in range(opener, comma)
        ):
            return None
        subject = self.np_after(comma + 1)
        return subject.actors if subject.kind == "actors" else None

    def _agent(self, first: int, last: int) -> tuple[frozenset[str], str] | None:
        """A passive cue's holder is its agent ("was welcomed by Tokyo", "was approached on the idea
        by each of the three"); without one, nobody."""
        tokens = self.tokens
        word = tokens[first].low
        if not word.endswith("ed") or word in _STATE_PARTICIPLES:
            return None
        by = next(
            (
                k
                for k in range(first + 1, min(len(tokens) - 1, last + 1 + _AGENT_WORDS))
                if tokens[k].low == "by" or (k > last and self._boundary(k))
            ),
            None,
        )
        if by is not None and tokens[by].low == "by":
            agent = self.np_after(by + 1)
            if agent.kind == "actors":
                return agent.actors, ""
        j = first - 1
        while j >= 0 and (self.adverb(self.tokens[j]) or self.tokens[j].low in _NEGATIONS):
            j -= 1
        if j >= 0 and self.tokens[j].low in BE_FORMS:
            return frozenset(), "passive, with no actor as its agent"
        return None

    def _located(self, first: int, last: int) -> frozenset[str] | None:
        """The holder of a noun cue placed in it: "concern in Moscow", "unease among Japanese officials"."""
        tokens = self.tokens
        cue = tokens[last]
        if (
            last + 2 >= len(tokens)
            or tokens[last + 1].low not in ("in", "among", "within", "from")
            or cue.kind != "word"
            or cue.low not in self.reader.nouns
            or (last > 0 and tokens[last - 1].kind == "word" and tokens[last - 1].low in self.reader.nouns)
        ):
            return None
        end = self.np_end(last + 2)
        place = self._np(last + 2, end)
        if place.kind != "actors":
            return None
        # the place ends the phrase: not "opposition in Japan's parliament"
        following = tokens[end] if end < len(tokens) else None
        if (
            following is None
            or following.kind == "punct"
            or following.low in _OBLIQUE
            or following.low in CLAUSE_CONJUNCTIONS
            or following.low in ("that", "regarding")
        ):
            return place.actors
        return None

    def subject_before(self, index: int, window: int) -> Subject:
        """The subject of the predicate that starts at token `index`."""
        tokens = self.tokens
        j = index - 1
        skipped = 0
        while j >= 0:
            token = tokens[j]
            if self._prelude(j):
                j -= 1
                skipped += 1
                if skipped > window:
                    return Subject("other", start=j, text="too far from its cue")
                continue
            if token.low == ",":
                included = self._included(j)
                if included is not None:
                    return included  # "countries, including Japan, have expressed interest"
                aside = self._aside_before(j)
                if aside is not None:
                    j = aside
                    continue
                appositive = self.np_before(j)
                if (
                    appositive.kind == "actors"
                    and appositive.start > 0
                    and tokens[appositive.start - 1].low == ","
                ):
                    return appositive
                return Subject("elided", start=j)
            if token.kind in ("actor", "adjective", "office") or self._np_word(token):
                return self._subject_np(self.np_before(j + 1), j + 1, window)
            if token.low in SUBJECT_PRONOUNS:
                return Subject("pronoun", start=j, text=token.text)
            if token.low == "there":
                return Subject("expletive", start=j, text=token.text)
            if token.low in RELATIVES and j > 1 and tokens[j - 1].low == ",":
                # "Beijing, which has condemned ...", "the words of spokeswoman Mao Ning, who ..."
                antecedent = tokens[j - 2]
                if antecedent.kind in ("actor", "adjective", "office") or self._np_word(antecedent):
                    return self.np_before(j - 1)
                return self.subject_before(j - 1, window)
            if token.text in _CLOSED_CLAUSE:
                return Subject("other", start=j, text=token.text)  # "Japan and AUKUS: Exploring ..."
            if self._boundary(j):
                return Subject("elided", start=j)
            return Subject("other", start=j, text=token.text, analyst=token.low in _ANALYSTS)
        return Subject("elided", start=0)

    def _subject_np(self, np: Subject, end: int, window: int) -> Subject:
        """The noun phrase tokens[np.start:end] before a predicate, as its subject: not when it is the
        object of a preposition after a noun ("lawmakers in the Japanese government support ..."); the
        maker of a statement it names ("Beijing issued a statement condemning ...")."""
        tokens = self.tokens
        before = np.start - 1
        if before < 1:
            return np
        if np.kind == "other" and tokens[before].low == ",":
            described = self.np_before(before)  # "A former defense official, Ogi said ..."
            if described.analyst:
                return described
        preposition, head = tokens[before], tokens[before - 1]
        if preposition.low in ("including", "like") or (preposition.low == "as" and head.low == "such"):
            return np  # "US allies such as Australia welcomed ...": the examples hold it
        if (
            preposition.low in _OBLIQUE
            and head.kind == "word"
            and head.text[0].islower()
            and head.low not in PARTITIVES
            and head.low not in AUXILIARIES
            and not self._speech_verb(before - 1)
            and not self.adverb(head)
        ):
            return Subject("other", start=before - 1, text=f"{head.text} {preposition.text} {np.text}")
        words = tokens[np.start : end]
        if (
            np.kind == "other"
            and any(t.low in _SPEECH_NOUNS for t in words)
            and all(t.low in _SPEECH_NOUNS or t.low in _DETERMINERS for t in words)
            and preposition.kind == "word"
            and preposition.text[0].islower()
            and preposition.low not in _OBLIQUE
        ):
            return self.subject_before(before, window)
        return np

    def _included(self, comma: int) -> Subject | None:
        """The actors of an aside ", including Japan and New Zealand," closed by the comma at `comma`."""
        tokens = self.tokens
        k = comma - 1
        while k > 0 and comma - k <= 10 and tokens[k].low != ",":
            k -= 1
        if k <= 0 or tokens[k].low != "," or tokens[k + 1].low not in ("including", "notably", "especially"):
            return None
        named = self.np_after(k + 2)
        return named if named.kind == "actors" else None

    def resolve(self, subject: Subject, depth: int = 0) -> Subject:
        """A pronoun is the speaker of its clause; an elided subject that of the predicate before."""
        if depth > 4:
            return Subject("other", text="an unresolved reference")
        if subject.kind == "pronoun":
            speaker = self.speaker(subject.start, depth + 1)
            if speaker is None:
                if subject.text.casefold() in ("he", "she"):
                    # "Rahm Emanuel fuelled speculation when he said ...", "Richard Marles spoke in
                    # Tokyo. He said ..."
                    person = _one_person(self.tokens[: subject.start]) or self.previous_person()
                    if person:
                        return Subject("actors", person, subject.start, subject.text)
                return Subject("other", start=subject.start, text=f"'{subject.text}' with no speaker")
            return speaker.subject
        if subject.kind == "elided":
            return self.resolve(self.chain_subject(subject.start), depth + 1)
        return subject

    def chain_subject(self, boundary: int) -> Subject:
        """The subject of the clause a subject-less predicate after `boundary` continues."""
        tokens = self.tokens
        j = boundary - 1
        while j >= -1:
            opener = j
            while opener >= 0 and not self._opener(opener):
                opener -= 1
            first = self._skip_fronted(opener + 1)
            if first >= len(tokens) or first >= boundary:
                j = opener - 1
                if opener < 0:
                    break
                continue
            token = tokens[first]
            if token.low in SUBJECT_PRONOUNS:
                return Subject("pronoun", start=first, text=token.text)
            if (
                token.kind in ("actor", "adjective", "office")
                or token.low in _DETERMINERS
                or self._np_word(token)
            ):
                subject = self.np_after(first)
                if subject.kind in ("actors", "other"):
                    return subject
            if opener < 0:
                break
            j = opener - 1
        return Subject("other", start=0, text="no subject")

    def speaker(self, index: int, depth: int = 0) -> Speaker | None:
        """Who says (or believes) the clause at token `index`: a governing or trailing speech verb."""
        tokens = self.tokens
        j = index - 1
        while j >= 0:
            token = tokens[j]
            if self._speech_verb(j):
                subject = self.subject_before(j, 8)
                if subject.kind in ("pronoun", "elided") and depth < 4:
                    subject = self.resolve(subject, depth + 1)
                return Speaker(
                    subject,
                    subject.actors if subject.kind == "actors" else frozenset(),
                    token.low,
                    token.low in OPINION_VERBS,
                    j,
                )
            if token.text in (";",) or token.low in _SUBORDINATORS:
                break
            j -= 1
        for k in range(index + 1, len(tokens)):
            if not self._speech_verb(k):
                continue
            subject = self.subject_before(k, 4)
            if (
                subject.kind in ("actors", "other", "pronoun")
                and index < subject.start
                and tokens[subject.start - 1].text in (",", "”", '"', "’")
            ):
                if subject.kind == "pronoun":  # "“...,” he said."
                    if depth >= 4:
                        continue
                    subject = self.resolve(subject, depth + 1)
                return Speaker(subject, subject.actors, tokens[k].low, tokens[k].low in OPINION_VERBS)
            if k > 0 and tokens[k - 1].text in (",", "”", '"'):
                subject = self.np_after(k + 1)
                if subject.kind in ("actors", "other"):
                    return Speaker(subject, subject.actors, tokens[k].low, False)
        for k in range(len(tokens) - 2):
            if tokens[k].low == "according" and tokens[k + 1].low == "to":
                subject = self.np_after(k + 2)
                return Speaker(subject, subject.actors, "according to", False)
        return None

    # noun phrases --------------------------------------------------------------------------

    def np_before(self, end: int) -> Subject:
        """The noun phrase that ends just before token `end`, read backwards."""
        tokens = self.tokens
        k = end - 1
        while k >= 0:
            token = tokens[k]
            if k + 1 < end and tokens[k + 1].newline:
                break  # a heading on the line before ("... in AUKUS\nChina denigrated ...")
            if (
                token.kind in ("actor", "adjective", "office")
                or self._np_word(token)
                or token.low in _DETERMINERS
                or token.low in _NOT_GOVERNMENT
            ):
                k -= 1
                continue
            if (token.low in COORDINATORS or token.low == ",") and self._coordinates(k, end):
                k -= 1
                continue
            if token.low in _OBLIQUE and token.low != "as" and k > 0 and k + 1 < end:
                head = tokens[k - 1]
                if head.kind in ("actor", "office", "adjective") or self._np_word(head):
                    k -= 1
                    continue
            break
        return self._np(k + 1, end)

    def np_after(self, start: int) -> Subject:
        """The noun phrase that starts at token `start`, read forwards."""
        return self._np(start, self.np_end(start))

    def np_end(self, start: int) -> int:
        """Where the noun phrase that starts at token `start` ends (exclusive)."""
        tokens = self.tokens
        k = start
        while k < len(tokens):
            token = tokens[k]
            if k > start and token.newline:
                break
            if (
                token.kind in ("actor", "adjective", "office")
                or self._np_word(token)
                or token.low in _DETERMINERS
            ):
                k += 1
                continue
            if (
                (token.low in COORDINATORS or token.low == ",")
                and k > start
                and self._coordinates(k, len(tokens))
            ):
                k += 1
                continue
            if (
                token.low in SOURCE_PREPOSITIONS
                and k > start
                and k + 1 < len(tokens)
                and (self._np_word(tokens[k - 1]) or tokens[k - 1].low in PARTITIVES)
            ):
                nxt = tokens[k + 1]
                if nxt.kind in ("actor", "adjective", "office") or nxt.low in _DETERMINERS:
                    k += 1
                    continue
            break
        return k

    def _np(self, start: int, end: int) -> Subject:
        """What the noun phrase tokens[start:end] names."""
        tokens = self.tokens[start:end]
        if not tokens:
            return Subject("other", start=start, text="nothing")
        text = self.text[tokens[0].start : tokens[-1].end]
        if any(t.low in _NOT_GOVERNMENT for t in tokens):
            # a former official, the opposition or a lawmaker speaks for no government, and reports
            # others' stances as an observer does
            return Subject("other", start=start, text=text, analyst=True)
        analyst = any(t.low in _ANALYSTS for t in tokens)
        has_head = any(t.low in _FILLERS or t.kind in ("actor", "office") for t in tokens)
        # "the AUKUS partners" are the group's members; "US allies", "Japan's partners" are others
        collective = tokens[-1].low in _GROUP_NOUNS
        has_head = has_head or (collective and any(t.group for t in tokens))
        actors: set[str] = set()
        oblique = False
        for position, token in enumerate(tokens):
            if token.low in _OBLIQUE:
                prior = tokens[position - 1] if position else None
                # "officials in Canberra", "comments from Chinese officials": the place or source
                # is whose they are, unless something else owns them ("the AUKUS chiefs in Tokyo")
                # ("the Chinese embassy in the UK" is China's), within its own conjunct ("Australia,
                # and some in the US government")
                conjunct = max(
                    (i + 1 for i, t in enumerate(tokens[:position]) if t.low in COORDINATORS or t.low == ","),
                    default=0,
                )
                owned = any(
                    t.kind in ("actor", "adjective", "office")
                    or (
                        t.kind == "word"
                        and t.text[0].isupper()
                        and t.low not in _FILLERS
                        and t.low not in _DETERMINERS
                    )
                    for t in tokens[conjunct:position]
                )
                agentive = (
                    token.low in SOURCE_PREPOSITIONS
                    and prior is not None
                    and (
                        prior.low in _FILLERS
                        or prior.low in _SPEECH_NOUNS
                        or prior.low in _ANALYSTS
                        or prior.low in PARTITIVES
                        or prior.low in _GROUP_NOUNS
                    )
                    and not owned
                )
                oblique = not agentive
                continue
            if oblique or (collective and not token.group):
                continue
            # "the Chinese" are China; "AUKUS" alone is the pact, "the AUKUS leaders" its members
            if token.kind == "actor" or (
                token.kind == "adjective" and (has_head or (len(tokens) <= 2 and not token.group))
            ):
                actors |= token.actors
        if actors and not analyst:
            return Subject("actors", frozenset(actors), start, text)
        if (
            not analyst
            and tokens[0].low == "the"
            and len(tokens) > 1
            and all(t.kind == "word" and t.low in _FILLERS for t in tokens[1:])
        ):
            named = self._definite(start, tokens[-1].low)
            if named:
                return Subject("actors", named, start, text)
        return Subject("other", start=start, text=text, analyst=analyst)

    def _definite(self, index: int, head: str) -> frozenset[str]:
        """Who "the spokesperson", "the embassy" or "the government" is: the actors of an earlier
        phrase with that head ("the Aukus defence ministers ... the ministers"), else the one actor
        named as a participant before it in the sentence or, if none is, in the sentence before."""
        if head not in _PEOPLE:
            return frozenset()
        for scope_tokens in (self.tokens[:index], self.previous()):
            same = _headed(scope_tokens, head)
            if same:
                return same
        for scope_tokens in (self.tokens[:index], self.previous()):
            named = _participants(scope_tokens)
            if len(named) == 1:
                return frozenset(named)
            if named:
                return frozenset()
        return frozenset()

    def _conjunct(self, index: int) -> bool:
        """An actor, or a name or a part ("Canada", "some in the US government") coordinated with one."""
        token = self.tokens[index]
        if token.kind in ("actor", "office"):
            return True
        if token.kind == "adjective":  # "US and Australian officials"; not "under AUKUS, the minister"
            modified = self.tokens[index + 1] if index + 1 < len(self.tokens) else None
            return modified is not None and (
                modified.kind in ("actor", "adjective", "office")
                or modified.low in _FILLERS
                or modified.low in _GROUP_NOUNS
                or modified.low in COORDINATORS
                or modified.low == ","
            )
        following = self.tokens[index + 1].low if index + 1 < len(self.tokens) else ""
        return token.kind == "word" and (
            (token.low in PARTITIVES and following in SOURCE_PREPOSITIONS)
            or (
                token.text[0].isupper()
                and token.low not in _FILLERS
                and token.low not in _DETERMINERS
                and token.low not in SUBJECT_PRONOUNS
                and token.low not in FRONTING_WORDS
                and token.low not in CLAUSE_CONJUNCTIONS
            )
        )

    def _coordinates(self, k: int, end: int) -> bool:
        """Whether the comma or "and" at k joins two actors ("the UK, Britain, and Australia")."""
        tokens = self.tokens
        p = k - 1
        while p >= 0 and (tokens[p].low in COORDINATORS or tokens[p].low == ","):
            p -= 1
        q = k + 1
        while q < end and (tokens[q].low in COORDINATORS or tokens[q].low in (",", "the")):
            q += 1
        if p < 0 or q >= end or not (self._conjunct(p) and self._conjunct(q)):
            return False
        if tokens[p].kind == "adjective" and tokens[q].kind != "adjective" and tokens[p + 1].low == ",":
            return False  # an adjective before a comma joins only another: "Australian, British and US"
        if tokens[p].kind not in ("actor", "adjective", "office") and any(
            tokens[i].low == "," for i in range(p + 1, q)
        ):
            return False  # ", and" after a word that names no actor joins clauses: "welcomed work on
            # Pillar II, and China opposed ..."; a list's comma follows one of its actors
        # at least one side is an actor: "Japan and Canada", not "Sankei and Nikkei"
        return tokens[p].kind in ("actor", "adjective", "office") or tokens[q].kind in (
            "actor",
            "adjective",
            "office",
        )

    def _np_word(self, token: Token) -> bool:
        """A word that can stand in an actor's noun phrase: an official's title, a name."""
        if token.kind != "word":
            return False
        if (
            token.low in _FILLERS
            or token.low in _SPEECH_NOUNS
            or token.low in _ANALYSTS
            or token.low in _GROUP_NOUNS
        ):
            return True
        return (
            token.text[0].isupper()
            and token.low not in FRONTING_WORDS
            and token.low not in CLAUSE_CONJUNCTIONS
            and (
                token.low not in SUBJECT_PRONOUNS
                and token.low not in _DETERMINERS
                and token.low not in AUXILIARIES
            )
        )

    # clause structure ----------------------------------------------------------------------

    def adverb(self, token: Token) -> bool:
        """An adverb: "repeatedly", "also", "indeed"."""
        low = token.low
        return token.kind == "word" and (
            low in ADVERBS
            or (low.endswith("ly") and low not in NOT_LY_ADVERBS and not token.text[0].isupper())
        )

    def _prelude(self, j: int) -> bool:
        """Words between a subject and its predicate: auxiliaries, adverbs, negation, time phrases."""
        token = self.tokens[j]
        low = token.low
        if token.kind != "word":
            return False
        if (
            low in AUXILIARIES
            or low in ("all", "both", "each")  # "the US, UK and Australia have all said"
            or low in LINKING_VERBS
            or low in _NEGATIONS
            or self.adverb(token)
            or low.endswith("n't")
        ):
            return True
        if low in _TIME or low.isdigit():
            if low == "that":
                following = self.tokens[j + 1].low if j + 1 < len(self.tokens) else ""
                return following in TIME_NOUNS
            return True
        if low in ("on", "in", "at", "during") and j + 1 < len(self.tokens):
            following = self.tokens[j + 1].low
            return following in _TIME or following.isdigit()
        return False

    def _aside_before(self, comma: int) -> int | None:
        """Before ", meanwhile," or ", in a statement,": the index before the opening comma."""
        tokens = self.tokens
        k = comma - 1
        while k >= 0 and comma - k <= 6:
            token = tokens[k]
            if token.low == ",":
                inner = tokens[k + 1 : comma]
                if inner and not any(
                    tokens[i].kind != "word"
                    or tokens[i].low in SUBJECT_PRONOUNS
                    or tokens[i].low in RELATIVES
                    or self._speech_verb(i)
                    for i in range(k + 1, comma)
                ):
                    return k - 1
                return None
            if token.kind != "word" or token.text in _QUOTES:
                return None
            k -= 1
        return None

    def _speech_verb(self, j: int) -> bool:
        token = self.tokens[j]
        if token.kind != "word" or token.low not in _SPEECH_VERBS:
            return False
        following = self.tokens[j + 1].low if j + 1 < len(self.tokens) else ""
        previous = self.tokens[j - 1].low if j > 0 else ""
        # not "is expected to", "a report", "the statement"
        return not (
            following == "to"
            or (previous in BE_FORMS and not token.low.endswith("ing"))  # "is said"; not "are signalling"
            or (previous in _DETERMINERS and previous not in ("all", "both", "each"))
        )

    def _boundary(self, j: int) -> bool:
        token = self.tokens[j]
        return (
            token.text in _CLAUSE_PUNCT
            or token.text in _QUOTES
            or token.low in CLAUSE_CONJUNCTIONS
            or token.low in COORDINATORS
            or token.low in RELATIVES
            or self._speech_verb(j)
            or token.low == "with"
        )

    def _opener(self, j: int) -> bool:
        """A token after which a clause with its own subject may start."""
        token = self.tokens[j]
        if token.low == "with":
            return j > 0 and self.tokens[j - 1].low == ","
        if token.low == "that":
            following = self.tokens[j + 1].low if j + 1 < len(self.tokens) else ""
            return following not in TIME_NOUNS
        return (
            token.text in _CLAUSE_PUNCT
            or token.text in _QUOTES
            or token.low in CLAUSE_CONJUNCTIONS
            or self._speech_verb(j)
        )

    def _skip_fronted(self, start: int) -> int:
        """Past "Last month," or "According to X," before a clause's subject."""
        tokens = self.tokens
        k = start
        while k < len(tokens) and (tokens[k].low in COORDINATORS or tokens[k].low in ("yet", "so")):
            k += 1
        if k < len(tokens) and tokens[k].low in FRONTING_WORDS:
            comma = next((i for i in range(k, min(len(tokens), k + 14)) if tokens[i].low == ","), None)
            if comma is not None:
                return comma + 1
        return k

    # framing -------------------------------------------------------------------------------

    def framing(self, first: int, holders: frozenset[str], speaker_cue: bool = False) -> str | None:
        """Why the cue is someone else's view of the holder, or in a condition; None if it is not."""
        speaker = self.speaker(first)
        outer = 0
        while speaker is not None:  # "an analyst said the ministers only said ...": the analyst's report
            if speaker.subject.analyst:
                return f"an analyst's view ({speaker.subject.text} {speaker.verb})"
            if outer == 0 and speaker.opinion and not holders <= speaker.actors:
                return f"{_describe(speaker.subject)}'s view ({speaker.verb}), not the holder's own"
            if speaker.index is None or outer >= 3:
                break
            speaker, outer = self.speaker(speaker.index), outer + 1
        tokens = self.tokens
        if tokens and tokens[0].low in CONDITIONS:
            comma = next((i for i, t in enumerate(tokens) if t.low == ","), None)
            if comma is not None and comma < first:
                return "the consequence of a condition"
        clause_start = first
        while (
            clause_start > 0 and not self._boundary(clause_start - 1) and tokens[clause_start - 1].low != ","
        ):
            clause_start -= 1
        modal = any(t.low in ("would", "could", "might") for t in tokens[clause_start : first + 1])
        if modal and any(t.low in CONDITIONS for t in tokens[first:]):
            return "the consequence of a condition"
        for index in range(first - 1, -1, -1):
            token = tokens[index]
            if self._speech_verb(index) or token.text in _CLAUSE_PUNCT:
                break
            if (
                token.low in _SPECULATION
                and index + 1 < first
                and tokens[index + 1].low in ("about", "that", "over", "of", "on")
            ):
                return f"speculation ('{token.text} {tokens[index + 1].text}'), not a stance"
        advice = next((t.text for t in tokens[clause_start:first] if t.low in OBLIGATION_MODALS), None)
        if advice is not None and not speaker_cue:
            return f"advice to the holder ('{advice}'), not its stance"
        return None


def _one_person(tokens: Sequence[Token]) -> frozenset[str]:
    """The one actor the people and officials named in tokens speak for, if there is one."""
    actors = frozenset().union(*(t.actors for t in tokens if t.person))
    return actors if len(actors) == 1 else frozenset()


def _headed(tokens: Sequence[Token], head: str) -> frozenset[str]:
    """The actors qualifying the last phrase of tokens whose head is `head` (or its plural or
    singular): "Chinese embassy", "the US, UK and Australian defence ministers"."""
    forms = {head, head + "s", head.removesuffix("s")}
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].low not in forms:
            continue
        actors: set[str] = set()
        k = index - 1
        while k >= 0 and (
            tokens[k].kind in ("actor", "adjective")
            or tokens[k].low in _FILLERS
            or tokens[k].low in COORDINATORS
            or tokens[k].low in (",", "the")
        ):
            if tokens[k].kind in ("actor", "adjective"):
                actors |= tokens[k].actors
            k -= 1
        if actors:
            return frozenset(actors)
    return frozenset()


def _participants(tokens: Sequence[Token]) -> set[str]:
    """Actors named in tokens as participants: not as the object of a preposition."""
    named: set[str] = set()
    for index, token in enumerate(tokens):
        if token.kind == "adjective":
            # "Australian officials", "the Aukus defence ministers": an adjective heading people
            following = index + 1
            while following < len(tokens) and tokens[following].low in _FILLERS:
                following += 1
            if following == index + 1 or tokens[following - 1].low not in _PEOPLE:
                continue
        elif token.kind != "actor":
            continue
        k = index - 1
        while k >= 0 and (
            tokens[k].kind in ("actor", "adjective")
            or tokens[k].low in COORDINATORS
            or tokens[k].low in (",", "the")
        ):
            k -= 1
        before = tokens[k].low if k >= 0 else ""
        if before in _OBLIQUE:
            prior = tokens[k - 1].low if k > 0 else ""
            if not (before in SOURCE_PREPOSITIONS and (prior in _FILLERS or prior in _SPEECH_NOUNS)):
                continue
        named |= token.actors
    return named


def _as_word(token: Token) -> Token:
    return Token(token.start, token.end, token.text, token.low, "word", possessive=token.possessive)


def _fold(text: str) -> str:
    return text.replace("’", "'").casefold()


def _describe(subject: Subject) -> str:
    if subject.kind == "expletive":
        return f"'{subject.text}' (no one)"
    if subject.kind == "actors":
        return ", ".join(sorted(subject.actors))
    return f"'{subject.text}'" if subject.text else "no one"


# --- the probe's reading -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Topic:
    """What a stance must be about: patterns for its sentence (or the one before), and for the
    words after the cue in its clause."""

    sentence: tuple[Any, ...] = ()
    after: tuple[Any, ...] = ()
    related: tuple[Any, ...] = ()


def _interpreter(
    reader: _Reader,
    actor: str,
    stance: str,
    groups: tuple[int | None, tuple[int, ...]],
    window: int,
    topic: _Topic,
) -> Callable[[Spans, bytes, SentenceScope], Hit]:
    speaker_group, gaps = groups

    def interpret(spans: Spans, data: bytes, scope: SentenceScope) -> Hit:
        span = spans[0]
        sentence = reader.sentence(scope, data)
        if not sentence.may_hold(actor):
            return Hit(None, span, span, reason=f"the sentence names nobody who speaks for {actor}")
        start, end = sentence.to_char(span[0]), sentence.to_char(span[1])
        speaker_cue = speaker_group is not None and spans[speaker_group][0] >= 0
        holders, why, clause = sentence.verdict(start, end, speaker_cue, window)
        if not holders:
            return Hit(None, span, span, reason=why)
        if actor not in holders:
            return Hit(None, span, span, reason=f"the cue is {', '.join(sorted(holders))}'s, not {actor}'s")
        if topic.sentence and not _on_topic(sentence, topic, span[1]):
            return Hit(
                None, span, span, reason="neither this sentence nor the one before is on the rule's topic"
            )
        clause_start = len(sentence.text[:clause].encode("utf-8")) if clause is not None else None
        return Hit(
            stance,
            _anchor(sentence, span, [spans[g] for g in gaps], speaker_cue),
            span,
            clause_start=clause_start,
        )

    return interpret


_GAP_NEGATION = _compile(rf"(?i)\b(?:{word_alternation(NEGATIONS)}|n['’]t)\b")


_SAID_MOOD = MOOD_MODALS | FUTURE_MODALS | {"can", "'ll", "’ll"}


def _anchor(
    sentence: _Sentence, span: tuple[int, int], gaps: list[tuple[int, int]], said: bool = False
) -> tuple[int, int]:
    """Where modality is judged: the cue, from a modal just before it ("would welcome", "would be a
    natural partner", "may take time" is a stance now, not a forecast; in what a speaker says, "will
    undermine peace" too), or from after a negation inside one of its gaps ("expressed no support"
    denies the support)."""
    start = span[0]
    for gap_start, gap_end in gaps:
        if gap_start < 0:
            continue
        for found in iter_spans(_GAP_NEGATION, sentence.data[gap_start:gap_end]):
            start = max(start, gap_start + found[0][1])
    if start != span[0]:
        return start, span[1]
    tokens = sentence.tokens
    index = sentence.index_at(sentence.to_char(span[0])) - 1
    while index >= 0 and (sentence.adverb(tokens[index]) or tokens[index].low in ("be", "a", "an", "the")):
        index -= 1  # "would be a natural partner", "would also welcome"
    if index >= 0 and tokens[index].low in (_SAID_MOOD if said else MOOD_MODALS):
        return len(sentence.text[: tokens[index].start].encode("utf-8")), span[1]
    return span


RELATED_WORDS = 5
"""How many words after a cue `related` looks at: its object ("condemned the AUKUS pact")."""
TOPIC_AFTER_WORDS = 12
"""How many words after a cue `topic_after` looks at (within the cue's clause)."""


def _matches(patterns: Iterable[Any], data: bytes, scope: SentenceScope) -> bool:
    """Whether one of the patterns matches, a mention of a reference ("the pact") counting only
    where the article has named it."""
    for pattern in patterns:
        refs = ref_groups(pattern)
        for spans in iter_spans(pattern, data):
            if all(spans[group][0] < 0 or scope.names(reference) for group, reference in refs):
                return True
    return False


_ANAPHORS = frozenset(
    "it its this that these those such them they move plan plans idea proposal proposals suggestion "
    "suggestions prospect possibility step decision report reports announcement development news "
    "anything nothing".split()
)
"""Words that refer back to what the sentence before said ("condemned the move", "opposed to this")."""
_SHORT_AFTER = 4
"""A cue followed by at most this many words in its clause (none of them a name) may be about the
sentence before."""
_ANAPHOR_WORDS = 5
"""How near after a cue a word referring back must stand."""


def _on_topic(sentence: _Sentence, topic: _Topic, cue_end: int) -> bool:
    """Whether the sentence matches one of the rule's topic patterns, or the words after the cue (in
    its clause) match one of its `topic_after` patterns, or the cue refers back ("welcomed the move",
    or says nothing more) to a sentence before that matches a topic pattern."""
    scope = sentence.scope
    if sentence.about(topic):
        return True
    end_char = sentence.to_char(cue_end)
    # the sentence's clauses, found once for all its cues (not once per cue)
    _, clause_end = scope.cues(sentence.data).clause(end_char, end_char)
    words = list(_WORDS.finditer(sentence.text, end_char, clause_end))
    words = [word for word in words if word.group()[0].isalnum()]
    if words and words[0].group().casefold() == "by":
        # a passive's agent is its holder, not what it is about: "was welcomed by Tokyo in 2021"
        agent = 1
        while agent < len(words) and _fold(words[agent].group()) not in _OBLIQUE:
            agent += 1
        words = words[agent:]
        end_char = words[0].start() if words else clause_end
    if words and topic.after:
        after = sentence.text[end_char : words[min(len(words), TOPIC_AFTER_WORDS) - 1].end()]
        if _matches(topic.after, after.encode("utf-8"), scope):
            return True
    if words and topic.related:
        after = sentence.text[end_char : words[min(len(words), RELATED_WORDS) - 1].end()]
        if _matches(topic.related, after.encode("utf-8"), scope):
            first = sentence.reader.first_on_topic(topic)
            if first is not None and first < scope.start:
                return True
    refers_back = any(_fold(word.group()) in _ANAPHORS for word in words[:_ANAPHOR_WORDS])
    if not refers_back and (len(words) > _SHORT_AFTER or any(word.group()[0].isupper() for word in words)):
        return False  # it names what it is about: "interested in the Philippines' drones"
    sentence.previous()
    if sentence.previous_bounds is None:
        return False
    start, end = sentence.previous_bounds
    before = scope.text[start:end].encode("utf-8")
    return _matches(topic.sentence, before, scope)
