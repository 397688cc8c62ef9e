"""`stance`: an actor's own position, read from cue words and from who holds them.

    - kind: stance
      cues:                      # held by the subject of the cue's clause
        opposed: ["condemn*", "warn*"]
        supportive: ["welcom*", "willing to", "approach* ... invitation"]
      speaker_cues:              # held by whoever says them, not by the clause's subject
        supportive: [natural candidate]
        cautious: ["would take ... time"]

The field's key is an actor of the rules' `actors` registry (`keys_from: actors`). A cue is
the actor's stance only when the actor holds it:

- a subject cue ("condemned", "has been skeptical") is held by the subject of its clause:
  "China, meanwhile, has repeatedly condemned ..." is China's, "Tokyo condemned China" is
  Japan's. A pronoun subject ("he wanted to ...", "they would consider ...") is the speaker
  of the clause ("Marles stated that he ..."); a coordinated predicate without a subject
  ("... and urging Japan to abandon ...") has the subject of the predicate before it; a
  passive cue is held by its agent ("was welcomed by Tokyo"), a noun cue by its possessor
  ("Kishida's willingness"). A subject that is not an actor ("the AUKUS defense chiefs",
  "there are concerns") holds the cue for nobody.
- a speaker cue ("Japan is a natural candidate", "it would take some time") is held by whoever
  says it: the subject of the reporting verb that governs its clause ("Albanese said ...",
  "the Defense Minister believes that ..."), or a trailing "..., X said".

An actor is named by its aliases ("Beijing", "Chinese officials"), an adjective before an
office or a word for officials ("Australian Defense Minister", "Japanese diplomats"), a person
of the people registry whose country it is (the surname alone once the full name appeared
earlier in the article), or an office of that country written with the country ("U.S. Deputy
Secretary of State"). An office written bare ("the Defense Minister") names an actor only when
it is unambiguous: among the actors that have an office of that form, exactly one is named
as a participant (not after a preposition: "cooperation with Japan" does not name Japan) in
the sentence before the office, or, if none is, in the previous sentence. A bare office next
to an unknown name ("President Macron") or after another qualifier ("Vice President",
"Philippine President") names no actor.

Someone else's view of an actor is not the actor's stance: a cue governed by an opinion verb
("Analysts believe China is wary", "Tokyo thinks Beijing will object") is dropped unless the
one who believes is the holder, and so is every cue an analyst, expert or observer reports. A
report of what an actor did ("the Global Times said Beijing welcomed ...") is the actor's
stance, reported. A cue in the consequence of a condition ("If Japan joins, Beijing would
condemn it") is dropped; negation, future, hedges and questions are judged by `modality` at
the cue, which is the claim's anchor, so a cue that carries its own negation ("no formal
application", "has not yet decided") is not a denial.

Cue phrases match case-insensitively as whole words with forgiving spacing; `*` at the end of
a word matches the rest of it ("condemn*"), and `...` between two words lets up to six words
stand between them ("watching ... closely"); a negation inside such a gap denies the cue
("expressed no support"). A "would" just before a cue is the stance's mood, not a forecast
("would welcome"). With `topic`, a cue counts only in a sentence that is, or follows one that
is, about the topic.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from pydantic import Field

from aukus_check.extractors.base import CompileContext, ExtractorSpec, Hit, Probe, SentenceScope
from aukus_check.extractors.official import literal_forms
from aukus_check.extractors.phrases import alternation, phrase_regex
from aukus_check.models import ExtractorRef
from aukus_check.re2_spans import Spans, char_offsets, iter_spans, options, search
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
        description="RE2 patterns (case-insensitive); when given, a cue counts only if its sentence "
        "or the sentence before it matches one: what the stance must be about.",
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
    stances: dict[str, dict[str, list[str]]] = {}
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
                holder = "subject" if option == "cues" else "speaker"
                stances.setdefault(stance, {}).setdefault(holder, []).append(phrase)
    topic = tuple(
        context.compile(context.expand(pattern, ("topic", i)), ("topic", i))
        for i, pattern in enumerate(spec.topic)
    )
    reader = _reader(registries)
    probes = []
    for stance, holders in stances.items():
        groups = [
            f"(?P<{holder}>{'|'.join(cue_regex(p) for p in sorted(phrases, key=lambda p: (-len(p), p)))})"
            for holder, phrases in holders.items()
        ]
        source = "|".join(groups)
        option = "cues" if "subject" in holders else "speaker_cues"
        regex = context.compile(source, (option, stance))
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
            )
        )
    return probes


def _phrase_problem(phrase: str) -> str | None:
    words = phrase.split()
    if not words or all(word in ("...", "*") for word in words):
        return "a cue phrase cannot be empty"
    if words[0] == "..." or words[-1] == "...":
        return f"cue {phrase!r}: '...' stands between two words, not at an end"
    if any(a == b == "..." for a, b in itertools.pairwise(words)):
        return f"cue {phrase!r}: '... ...' is one gap written twice"
    if any(word != "..." and (word.strip("*") == "" or "*" in word[:-1]) for word in words):
        return f"cue {phrase!r}: '*' may only end a word"
    return None


def cue_regex(phrase: str) -> str:
    """RE2 source for one cue phrase: whole words, `*` ends a word freely, `...` is a short gap."""
    pieces: list[str] = []
    run: list[str] = []
    joins: list[str] = []

    def flush(join: str) -> None:
        if run:
            pieces.append(phrase_regex(" ".join(run)))
            joins.append(join)
            run.clear()

    for word in phrase.split():
        if word == "...":
            flush(f"({_GAP})")
            joins[-1] = f"({_GAP})"
        else:
            run.append(word)
            if word.endswith("*"):
                flush(_SPACE)
    flush("")
    source = pieces[0]
    for join, piece in zip(joins, pieces[1:], strict=False):
        source += join + piece
    return source


# --- the words the attribution reads ---------------------------------------------------------

_AUXILIARIES = frozenset(
    "is are was were be been being am has have had having will would shall should can could may might "
    "must do does did 's ’s isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't "
    "couldn't doesn't don't didn't shouldn't mustn't cannot".split()
)
_BE = frozenset("is are was were be been being am".split())
_LINKING = _BE | frozenset(
    "remain remains remained seem seems seemed appear appears appeared become becomes became stay stays "
    "stayed looks looked".split()
)
"""Verbs that join a subject to what describes it: "London remains cautious"."""
_NEGATIONS = frozenset("not never no longer".split())
_ADVERBS = frozenset(
    "also already still yet now then indeed even just again too long once first meanwhile today "
    "yesterday so further only thus since repeatedly reportedly formally informally publicly openly "
    "quickly strongly firmly seriously privately officially reportedly initially previously "
    "consistently clearly actively".split()
)
_NOT_ADVERBS = frozenset("ally family supply rally assembly italy july reply apply".split())
_TIME = frozenset(
    "later earlier last this next that day week month year morning afternoon evening night weekend "
    "today yesterday tonight monday tuesday wednesday thursday friday saturday sunday january february "
    "march april may june july august september october november december".split()
)
_TIME_NOUNS = frozenset("day week month year morning afternoon evening night weekend time".split())
_PRONOUNS = frozenset("he she they we i it".split())
_POSSESSIVE_PRONOUNS = frozenset("its their his her our".split())
_DETERMINERS = frozenset(
    "the a an one two three four some several many both all either neither each other another senior "
    "top most".split()
)
_FILLERS = frozenset(
    "official officials spokesperson spokesman spokeswoman spokespeople minister ministers ministry "
    "ministries government governments administration cabinet side leader leaders leadership diplomat "
    "diplomats envoy envoys ambassador ambassadors embassy delegation delegations authorities authority "
    "chief chiefs secretary secretaries president premier pm department council office director "
    "representative representatives counterpart counterparts foreign defense defence state prime "
    "deputy general security national press affairs officer officers military negotiators negotiator "
    "team aides aide adviser advisers advisor advisors".split()
)
_SPEECH_NOUNS = frozenset(
    "comments comment remarks remark statement statements response reaction message warning warnings "
    "criticism position stance readout communique note".split()
)
_ANALYSTS = frozenset(
    "analyst analysts expert experts observer observers commentator commentators scholar scholars "
    "researcher researchers critic critics professor professors academic academics pundit pundits "
    "specialist specialists fellow fellows economist economists".split()
)
_OBLIQUE = frozenset(
    "with to about against on in into for at toward towards over between among including like than "
    "under within without from by of regarding concerning onto upon beyond across around behind via "
    "as after before during inviting".split()
)
_AGENTIVE = frozenset("from of in at by".split())
_CONJUNCTIONS = frozenset("but while whilst whereas although though because since yet".split())
_COORDINATORS = frozenset("and or nor".split())
_RELATIVES = frozenset("who which that".split())
_OPINION_VERBS = frozenset(
    "believe believes believed think thinks thought expect expects predict predicts predicted fear fears "
    "feared suspect suspects suspected assume assumes assumed doubt doubts doubted feel feels felt reckon "
    "reckons hope hopes hoped view views viewed see sees saw regard regards regarded".split()
)
_SPEECH_VERBS = (
    frozenset(
        "say says said saying state states stated told tell tells telling add adds added note notes noted "
        "noting claim claims claimed write writes wrote argue argues argued arguing insist insists insisted "
        "explain explains explained stress stresses stressed emphasize emphasizes emphasized emphasise "
        "emphasises emphasised suggest suggests suggested indicate indicates indicated announce announces "
        "announced acknowledge acknowledges acknowledged confirm confirms confirmed report reports reported "
        "warn warns warned call calls called describe describes described".split()
    )
    | _OPINION_VERBS
)
_OBJECT_VERBS = frozenset("told tell tells telling call calls called describe describes described".split())
"""Speech verbs followed by whom they address or describe before what is said ("told reporters")."""
_STATE_PARTICIPLES = frozenset(
    "concerned worried alarmed opposed interested committed determined undecided reserved divided "
    "pleased disappointed unconvinced unconcerned".split()
)
"""Past participles that after "is" describe the subject's state, not a passive."""
_CONDITIONS = frozenset("if unless".split())
_FRONTED = frozenset(
    "last at on in according with following after before during yet however meanwhile earlier later "
    "speaking separately asked for by".split()
)
"""Words that open a phrase set before the subject ("Last month, ...", "According to ..., ...")."""

_CLAUSE_PUNCT = frozenset(";:—–()[]")
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


# --- naming actors ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    kind: Literal["alias", "adjective", "person", "surname", "office", "bare"]
    actors: frozenset[str]
    person: str | None = None


@dataclass
class _Reader:
    """Finds actor mentions in sentences and reads who holds a cue; one per rules file.

    The stance fields of all actors share it, so a sentence is analysed once however many
    fields' probes match it; what it keeps is for the article being read only.
    """

    regex: Any
    grouped: Any
    """The same alternatives, each in its own group: which office form matched."""
    entries: list[_Entry]
    lookup: Mapping[tuple[str, bool], _Entry]
    """(phrase as _key folds it, whether case-sensitive) -> what it names."""
    full_names: Mapping[str, Any]
    """Person key -> RE2 of their full names, for the surname rule."""
    article: str | None = None
    sentences: dict[int, _Sentence] = field(default_factory=dict)
    first_full_name: dict[str, int] = field(default_factory=dict)
    article_sentences: list[tuple[int, int]] | None = None

    def sentence(self, scope: SentenceScope, data: bytes) -> _Sentence:
        """The analysed sentence, computed once for all probes that match it."""
        if self.article is not scope.text:
            self.article = scope.text
            self.sentences.clear()
            self.first_full_name.clear()
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

    def mentions(self, data: bytes, to_char: Callable[[int], int]) -> list[tuple[int, int, _Entry]]:
        """(start, end, entry) of every mention in the sentence, leftmost-longest, in characters.

        The scan has no capture groups (RE2's fast path); the phrase a match stands for is found
        by its text, and only an office written with its country is told apart by the grouped
        pattern, run on the match alone.
        """
        found = []
        for spans in iter_spans(self.regex, data):
            start, end = spans[0]
            piece = data[start:end].decode("utf-8", "replace")
            key = _key(piece)
            entry = self.lookup.get((key, True)) or self.lookup.get((key.casefold(), False))
            if entry is None:
                groups = next(iter_spans(self.grouped, data[start:end]))
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
    rank = {"office": 0, "person": 1, "alias": 2, "bare": 3, "surname": 4, "adjective": 5}

    def add(text: str, entry: _Entry, *, case_sensitive: bool) -> None:
        key = (text if case_sensitive else text.casefold(), case_sensitive)
        old = phrases.get(key)
        if old is None or rank[entry.kind] < rank[old.kind]:
            phrases[key] = entry
        elif old.kind == entry.kind == "bare":
            phrases[key] = _Entry("bare", old.actors | entry.actors)

    actors = registries.actors
    for key, actor in actors.items():
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
    for office in registries.offices.values():
        if office.country is None or office.country not in actors:
            continue
        country = actors[office.country]
        own = frozenset((office.country,))
        country_names = alternation([*country.adjectives, *country.aliases], case_sensitive=True)
        for form in literal_forms(office, registries.lexicons):
            if "{country}" in form:
                parts = [part.strip() for part in form.split("{country}")]
                pieces = [phrase_regex(part, case_sensitive=False) if part else "" for part in parts]
                source = _join_country(pieces, country_names)
                office_sources.append((source, _Entry("office", own)))
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
        regex=_compile("|".join(f"(?:{source})" for source in sources), longest=True),
        grouped=_compile("|".join(f"({source})" for source in sources), longest=True),
        entries=entries,
        lookup=lookup,
        full_names=full_names,
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


def _compile(source: str, *, longest: bool = False) -> Any:
    import re2

    opts = options(case_sensitive=True)
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
        self._verdicts: dict[tuple[int, int, bool], tuple[frozenset[str], str]] = {}
        self._mentions = reader.mentions(data, self.to_char)
        self.named: frozenset[str] = frozenset().union(*(entry.actors for _, _, entry in self._mentions))
        """Every actor a name in the sentence may stand for: only these can hold its cues."""
        self._tokens: list[Token] | None = None

    @property
    def tokens(self) -> list[Token]:
        """The sentence's tokens, cut when a cue's holder is first looked for."""
        if self._tokens is None:
            self._tokens = self._tokenize(self.text, self.data, self.scope.start, resolve=True)
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
            if entry.kind == "surname":
                assert entry.person is not None
                if not self.reader.full_name_before(entry.person, offset + start):
                    tokens.append(Token(start, end, mention, _fold(mention), "word", possessive=possessive))
                    position = end
                    continue
            kind_of: dict[str, Literal["actor", "adjective", "office"]] = {
                "alias": "actor",
                "person": "actor",
                "surname": "actor",
                "office": "actor",
                "adjective": "adjective",
                "bare": "office",
            }
            tokens.append(
                Token(start, end, mention, _fold(mention), kind_of[entry.kind], entry.actors, possessive)
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
                    token.start, token.end, token.text, token.low, "actor", after.actors, token.possessive
                )
            if after.kind == "word" and after.text[0].isupper():
                return _as_word(token)  # someone else's office: "President Macron"
        for scope_tokens in (tokens[:index], self.previous()):
            named = {actor for actor in _participants(scope_tokens) if actor in token.actors}
            if len(named) == 1:
                return Token(
                    token.start, token.end, token.text, token.low, "actor", frozenset(named), token.possessive
                )
            if named:
                return _as_word(token)
        return _as_word(token)

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
        return next((i for i, t in enumerate(self.tokens) if t.start >= char), len(self.tokens))

    # attribution -------------------------------------------------------------------------

    def verdict(
        self, cue_start: int, cue_end: int, speaker_cue: bool, window: int
    ) -> tuple[frozenset[str], str]:
        """Who holds the cue (none: why not), after dropping views and conditions; computed once
        for the probes of every actor's field."""
        key = (cue_start, cue_end, speaker_cue)
        if key not in self._verdicts:
            holders, why = self.holders(cue_start, cue_end, speaker_cue, window)
            if holders:
                framed = self.framing(self.index_at(cue_start), holders)
                if framed is not None:
                    holders, why = frozenset(), framed
            else:
                why = f"no actor holds the cue: {why}"
            self._verdicts[key] = (holders, why)
        return self._verdicts[key]

    def holders(
        self, cue_start: int, cue_end: int, speaker_cue: bool, window: int
    ) -> tuple[frozenset[str], str]:
        """The actors who hold the cue at [cue_start, cue_end), or none and why."""
        first = self.index_at(cue_start)
        last = next((i for i in range(first, len(self.tokens)) if self.tokens[i].end >= cue_end), first)
        if first >= len(self.tokens):
            return frozenset(), "no cue"
        agent = self._agent(first, last)
        if agent is not None:
            return agent
        if first > 0 and self.tokens[first - 1].possessive and self.tokens[first - 1].kind == "actor":
            return self.tokens[first - 1].actors, ""
        if speaker_cue:
            speaker = self.speaker(first)
            if speaker is None:
                return self._own_words(first)
            if not speaker.actors:
                return frozenset(), f"said by {_describe(speaker.subject)}, not an actor"
            return speaker.actors, ""
        start = first
        if first > 0 and self.tokens[first - 1].low in _POSSESSIVE_PRONOUNS:
            start = first - 1  # "expressed its openness": the subject of "expressed"
            if start > 0 and self.tokens[start - 1].kind == "word":
                start -= 1
        subject = self.resolve(self.subject_before(start, window))
        if subject.kind == "actors":
            return subject.actors, ""
        return frozenset(), f"its subject is {_describe(subject)}"

    def _own_words(self, first: int) -> tuple[frozenset[str], str]:
        """A speaker cue nobody is said to say belongs to its clause's subject, unless the subject
        is what the cue describes ("Japan has made no formal application", but "Japan is a
        natural candidate" says nothing of Japan's own stance)."""
        subject = self.chain_subject(first)
        if subject.kind != "actors":
            return frozenset(), "nobody is said to say it"
        end = subject.start
        while end < first and self._np_token(self.tokens[end]):
            end += 1
        if any(t.low in _LINKING for t in self.tokens[end:first]):
            return frozenset(), f"it describes {_describe(subject)}, and nobody is said to say it"
        return subject.actors, ""

    def _np_token(self, token: Token) -> bool:
        return (
            token.kind in ("actor", "adjective", "office")
            or self._np_word(token)
            or token.low in _DETERMINERS
            or token.low in _COORDINATORS
            or token.low == ","
        )

    def _agent(self, first: int, last: int) -> tuple[frozenset[str], str] | None:
        """A passive cue's holder is its agent ("was welcomed by Tokyo"); without one, nobody."""
        word = self.tokens[first].low
        if not word.endswith("ed") or word in _STATE_PARTICIPLES:
            return None
        following = last + 1
        if following + 1 < len(self.tokens) and self.tokens[following].low == "by":
            agent = self.np_after(following + 1)
            if agent.kind == "actors":
                return agent.actors, ""
        j = first - 1
        while j >= 0 and (self.adverb(self.tokens[j]) or self.tokens[j].low in _NEGATIONS):
            j -= 1
        if j >= 0 and self.tokens[j].low in _BE:
            return frozenset(), "passive, with no actor as its agent"
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
                return self.np_before(j + 1)
            if token.low in _PRONOUNS:
                return Subject("pronoun", start=j, text=token.text)
            if token.low == "there":
                return Subject("expletive", start=j, text=token.text)
            if token.low in _RELATIVES and j > 0 and tokens[j - 1].low == ",":
                return self.subject_before(j - 1, window)  # "Beijing, which has condemned ..."
            if self._boundary(j):
                return Subject("elided", start=j)
            return Subject("other", start=j, text=token.text, analyst=token.low in _ANALYSTS)
        return Subject("elided", start=0)

    def resolve(self, subject: Subject, depth: int = 0) -> Subject:
        """A pronoun is the speaker of its clause; an elided subject that of the predicate before."""
        if depth > 4:
            return Subject("other", text="an unresolved reference")
        if subject.kind == "pronoun":
            speaker = self.speaker(subject.start, depth + 1)
            if speaker is None:
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
            if token.low in _PRONOUNS:
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
                    token.low in _OPINION_VERBS,
                )
            if token.text in (";",) or token.low in (
                "while",
                "whilst",
                "whereas",
                "although",
                "though",
                "because",
            ):
                break
            j -= 1
        for k in range(index + 1, len(tokens)):
            if not self._speech_verb(k):
                continue
            subject = self.subject_before(k, 4)
            if (
                subject.kind in ("actors", "other")
                and index < subject.start
                and tokens[subject.start - 1].text in (",", "”", '"', "’")
            ):
                return Speaker(subject, subject.actors, tokens[k].low, tokens[k].low in _OPINION_VERBS)
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
            if (
                token.kind in ("actor", "adjective", "office")
                or self._np_word(token)
                or token.low in _DETERMINERS
            ):
                k -= 1
                continue
            if (token.low in _COORDINATORS or token.low == ",") and self._coordinates(k, end):
                k -= 1
                continue
            if token.low in _OBLIQUE and k > 0 and k + 1 < end:
                head = tokens[k - 1]
                if head.kind in ("actor", "office", "adjective") or self._np_word(head):
                    k -= 1
                    continue
            break
        return self._np(k + 1, end)

    def np_after(self, start: int) -> Subject:
        """The noun phrase that starts at token `start`, read forwards."""
        tokens = self.tokens
        k = start
        while k < len(tokens):
            token = tokens[k]
            if (
                token.kind in ("actor", "adjective", "office")
                or self._np_word(token)
                or token.low in _DETERMINERS
            ):
                k += 1
                continue
            if (
                (token.low in _COORDINATORS or token.low == ",")
                and k > start
                and self._coordinates(k, len(tokens))
            ):
                k += 1
                continue
            if token.low in _AGENTIVE and k > start and k + 1 < len(tokens) and self._np_word(tokens[k - 1]):
                nxt = tokens[k + 1]
                if nxt.kind in ("actor", "adjective", "office") or nxt.low in _DETERMINERS:
                    k += 1
                    continue
            break
        return self._np(start, k)

    def _np(self, start: int, end: int) -> Subject:
        """What the noun phrase tokens[start:end] names."""
        tokens = self.tokens[start:end]
        if not tokens:
            return Subject("other", start=start, text="nothing")
        text = self.text[tokens[0].start : tokens[-1].end]
        if any(t.low in ("former", "ex") for t in tokens):
            return Subject("other", start=start, text=text)
        analyst = any(t.low in _ANALYSTS for t in tokens)
        has_head = any(t.low in _FILLERS or t.kind in ("actor", "office") for t in tokens)
        actors: set[str] = set()
        oblique = False
        for position, token in enumerate(tokens):
            if token.low in _OBLIQUE:
                prior = tokens[position - 1] if position else None
                # "officials in Canberra", "comments from Chinese officials": the place or source
                # is whose they are, unless something else owns them ("the AUKUS chiefs in Tokyo")
                owned = any(
                    t.kind == "word"
                    and t.text[0].isupper()
                    and t.low not in _FILLERS
                    and t.low not in _DETERMINERS
                    for t in tokens[:position]
                )
                agentive = (
                    token.low in _AGENTIVE
                    and prior is not None
                    and (prior.low in _FILLERS or prior.low in _SPEECH_NOUNS or prior.low in _ANALYSTS)
                    and not owned
                )
                oblique = not agentive
                continue
            if oblique:
                continue
            if token.kind == "actor" or (token.kind == "adjective" and (has_head or len(tokens) <= 2)):
                actors |= token.actors
        if actors and not analyst:
            return Subject("actors", frozenset(actors), start, text)
        return Subject("other", start=start, text=text, analyst=analyst)

    def _conjunct(self, token: Token) -> bool:
        return token.kind in ("actor", "adjective", "office")

    def _coordinates(self, k: int, end: int) -> bool:
        """Whether the comma or "and" at k joins two actors ("the UK, Britain, and Australia")."""
        tokens = self.tokens
        p = k - 1
        while p >= 0 and (tokens[p].low in _COORDINATORS or tokens[p].low == ","):
            p -= 1
        q = k + 1
        while q < end and (tokens[q].low in _COORDINATORS or tokens[q].low in (",", "the")):
            q += 1
        return p >= 0 and q < end and self._conjunct(tokens[p]) and self._conjunct(tokens[q])

    def _np_word(self, token: Token) -> bool:
        """A word that can stand in an actor's noun phrase: an official's title, a name."""
        if token.kind != "word":
            return False
        if token.low in _FILLERS or token.low in _SPEECH_NOUNS or token.low in _ANALYSTS:
            return True
        return (
            token.text[0].isupper()
            and token.low not in _FRONTED
            and token.low not in _CONJUNCTIONS
            and (
                token.low not in _PRONOUNS and token.low not in _DETERMINERS and token.low not in _AUXILIARIES
            )
        )

    # clause structure ----------------------------------------------------------------------

    def adverb(self, token: Token) -> bool:
        """An adverb: "repeatedly", "also", "indeed"."""
        low = token.low
        return token.kind == "word" and (
            low in _ADVERBS
            or (low.endswith("ly") and low not in _NOT_ADVERBS and not token.text[0].isupper())
        )

    def _prelude(self, j: int) -> bool:
        """Words between a subject and its predicate: auxiliaries, adverbs, negation, time phrases."""
        token = self.tokens[j]
        low = token.low
        if token.kind != "word":
            return False
        if (
            low in _AUXILIARIES
            or low in _LINKING
            or low in _NEGATIONS
            or self.adverb(token)
            or low.endswith("n't")
        ):
            return True
        if low in _TIME or low.isdigit():
            if low == "that":
                following = self.tokens[j + 1].low if j + 1 < len(self.tokens) else ""
                return following in _TIME_NOUNS
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
                    or tokens[i].low in _PRONOUNS
                    or tokens[i].low in _RELATIVES
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
        return not (following == "to" or previous in _BE or previous in _DETERMINERS)

    def _boundary(self, j: int) -> bool:
        token = self.tokens[j]
        return (
            token.text in _CLAUSE_PUNCT
            or token.text in _QUOTES
            or token.low in _CONJUNCTIONS
            or token.low in _COORDINATORS
            or token.low in _RELATIVES
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
            return following not in _TIME_NOUNS
        return (
            token.text in _CLAUSE_PUNCT
            or token.text in _QUOTES
            or token.low in _CONJUNCTIONS
            or self._speech_verb(j)
        )

    def _skip_fronted(self, start: int) -> int:
        """Past "Last month," or "According to X," before a clause's subject."""
        tokens = self.tokens
        k = start
        while k < len(tokens) and (tokens[k].low in _COORDINATORS or tokens[k].low in ("yet", "so")):
            k += 1
        if k < len(tokens) and tokens[k].low in _FRONTED:
            comma = next((i for i in range(k, min(len(tokens), k + 14)) if tokens[i].low == ","), None)
            if comma is not None:
                return comma + 1
        return k

    # framing -------------------------------------------------------------------------------

    def framing(self, first: int, holders: frozenset[str]) -> str | None:
        """Why the cue is someone else's view of the holder, or in a condition; None if it is not."""
        speaker = self.speaker(first)
        if speaker is not None:
            if speaker.subject.analyst:
                return f"an analyst's view ({speaker.subject.text} {speaker.verb})"
            if speaker.opinion and not holders <= speaker.actors:
                return f"{_describe(speaker.subject)}'s view ({speaker.verb}), not the holder's own"
        tokens = self.tokens
        if tokens and tokens[0].low in _CONDITIONS:
            comma = next((i for i, t in enumerate(tokens) if t.low == ","), None)
            if comma is not None and comma < first:
                return "the consequence of a condition"
        clause_start = first
        while (
            clause_start > 0 and not self._boundary(clause_start - 1) and tokens[clause_start - 1].low != ","
        ):
            clause_start -= 1
        modal = any(t.low in ("would", "could", "might") for t in tokens[clause_start : first + 1])
        if modal and any(t.low in _CONDITIONS for t in tokens[first:]):
            return "the consequence of a condition"
        return None


def _participants(tokens: Sequence[Token]) -> set[str]:
    """Actors named in tokens as participants: not as the object of a preposition."""
    named: set[str] = set()
    for index, token in enumerate(tokens):
        if token.kind != "actor":
            continue
        k = index - 1
        while k >= 0 and (
            tokens[k].kind in ("actor", "adjective")
            or tokens[k].low in _COORDINATORS
            or tokens[k].low in (",", "the")
        ):
            k -= 1
        before = tokens[k].low if k >= 0 else ""
        if before in _OBLIQUE:
            prior = tokens[k - 1].low if k > 0 else ""
            if not (before in _AGENTIVE and (prior in _FILLERS or prior in _SPEECH_NOUNS)):
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


def _interpreter(
    reader: _Reader,
    actor: str,
    stance: str,
    groups: tuple[int | None, tuple[int, ...]],
    window: int,
    topic: tuple[Any, ...],
) -> Callable[[Spans, bytes, SentenceScope], Hit]:
    speaker_group, gaps = groups

    def interpret(spans: Spans, data: bytes, scope: SentenceScope) -> Hit:
        span = spans[0]
        sentence = reader.sentence(scope, data)
        if actor not in sentence.named:
            return Hit(None, span, span, reason=f"the sentence names nobody who speaks for {actor}")
        start, end = sentence.to_char(span[0]), sentence.to_char(span[1])
        speaker_cue = speaker_group is not None and spans[speaker_group][0] >= 0
        holders, why = sentence.verdict(start, end, speaker_cue, window)
        if not holders:
            return Hit(None, span, span, reason=why)
        if actor not in holders:
            return Hit(None, span, span, reason=f"the cue is {', '.join(sorted(holders))}'s, not {actor}'s")
        if topic and not _on_topic(sentence, topic):
            return Hit(
                None, span, span, reason="neither this sentence nor the one before is on the rule's topic"
            )
        return Hit(stance, _anchor(sentence, span, [spans[g] for g in gaps]), span)

    return interpret


_GAP_NEGATION = _compile(r"(?i)\b(?:not|never|no|n['’]t)\b")


def _anchor(sentence: _Sentence, span: tuple[int, int], gaps: list[tuple[int, int]]) -> tuple[int, int]:
    """Where modality is judged: the cue, from a modal just before it ("would welcome", "would be a
    natural partner", "may take time" is a stance now, not a forecast), or from after a negation inside one
    of its gaps ("expressed no support" denies the support)."""
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
    if index >= 0 and tokens[index].low in ("would", "could", "may", "might"):
        return len(sentence.text[: tokens[index].start].encode("utf-8")), span[1]
    return span


def _on_topic(sentence: _Sentence, topic: Iterable[Any]) -> bool:
    """Whether the sentence, or the one before it, matches one of the rule's topic patterns."""
    patterns = list(topic)
    if any(search(pattern, sentence.data) for pattern in patterns):
        return True
    sentence.previous()
    if sentence.previous_bounds is None:
        return False
    start, end = sentence.previous_bounds
    before = sentence.scope.text[start:end].encode("utf-8")
    return any(search(pattern, before) for pattern in patterns)
