"""`official`: who holds which office, however the article writes the title.

    - id: official.{key}.title      # the office the article gives a person
      type: office
      keys_from: people
      extractors: [{kind: official, output: title}]
    - id: role.{key}.holder         # who the article says holds an office
      type: person
      keys_from: offices
      extractors: [{kind: official, output: holder}]

Both read the same person-office pairs, so the two families always agree. A pair is found in
one of these constructions:

- title before the name: "Japanese Defense Minister Minoru Kihara"; a plural title before a
  list gives each name its own office: "Prime Ministers Anthony Albanese of Australia and
  Rishi Sunak of the UK";
- name, then the title in apposition: "Hirokazu Matsuno, the Secretary General of Japan's
  Cabinet", "Wu Qian, the spokesman for the Ministry of National Defense";
- title, then the name in apposition, at the start of a clause: "The United States
  Ambassador in Tokyo, Rahm Emanuel, ..." ("after meeting the Defence Minister, Albanese
  said" is no apposition: the title is an object there);
- a predicate: "Kihara is (no longer) the defence minister", "Yamada will become ...",
  "Marles, who is the deputy prime minister and defence minister";
- a counterpart: "Motegi spoke with his Australian counterpart, Marise Payne" gives Payne
  the office of Australia that is of the same kind as Motegi's (see below).

Titles are the office forms of the rules' `offices` registry. A form is words and three
placeholders: `{country}` (the office country's adjectives and names: "U.S.", "US",
"American", "Washington's"), `{country?}` (the same, or nothing), and `{lex:NAME}` (any word
of the lexicon NAME of the rules' `lexicons`: its `nouns` and `words`, as written). A form
without a country is also read with the country before it ("Australian Minister for
Defence") or after it ("Prime Minister of Australia"), and a "the" in a form or before a
country may be left out. An office's kind is the set of lexicons its first form uses: offices
are mapped by country and kind, not by listing every spelling, so "UK defence minister"
reads as the UK Defence Secretary when both forms use one lexicon of defence-minister
titles. Defense/Defence, spokesman/spokeswoman/spokesperson, plurals ("Prime Ministers"),
case and a leading "the"/"a" are folded.

Whose office a title names. A form that names a country names that country's office; a
form without one takes the country written before the title (past words such as "new",
"newly elected", "incumbent": "Japan's new prime minister"), or after the name ("President
Emmanuel Macron of France"), or else the registry country of the person it is paired with.
Two of these that disagree ("British Prime Minister Fumio Kishida") drop the pair.

People are read by full name or alias, with a middle initial or not ("Joseph R. Biden"),
with the given name's usual variants (Joe/Joseph, Tony/Anthony, Sergei/Sergey,
Dmitry/Dmitri), in capitals ("RICHARD MARLES", transcript headers) and surname first when
the surname is in capitals ("KISHIDA Fumio"); the surname alone ("Marles", "Mr Marles")
counts only once the full name appeared earlier in the article. A holder who is not in the
registry ("Japanese Defense Minister Taro Yamada") is read as a snake_case slug of the name
("taro_yamada", "KIHARA Minoru" as "minoru_kihara"): a new holder is exactly what a
time-separated difference needs, so it is kept rather than dropped.

Counterparts. "his/her/their [COUNTRY] counterpart[,] NAME" (or "NAME, his ... counterpart")
refers to the nearest person or title before it in the sentence: a pair read in the same
sentence, a bare title ("The Prime Minister held talks with his Japanese counterpart"), or a
person whose office the article gave in an earlier sentence ("Hegseth ... with his Australian
counterpart, Richard Marles"). The name gets the office of the stated country (or of the
person's registry country) whose kind is the referent's; without a referent whose office is
known, or without exactly one such office, nothing is read.

Dropped, with the reason shown by `explain`: "former"/"ex-"/"then-"/"late" before the title
(not a current holder: keeping it as a value would make it compare as the present holder,
and "former" is no denial either); "Vice President", "Deputy Prime Minister" (another office
than President or Prime Minister); a title qualified by another country ("Philippine
President"); a title introducing the next name in a list ("Albanese, Defence Minister
Richard Marles" does not make Albanese the minister); a possessive ("the defence minister's
adviser"); a title with no name ("the spokesman for the Ministry of National Defense said"):
a title and a name in different sentences are not paired.

Modality. A title in a noun phrase (every construction but the predicate) is the writer's
own description of the person, whatever the sentence's verb does: "Kishida is expected to
meet US President Joe Biden" does not make Biden's title expected, and "Albanese did not
meet Defence Minister Marles" does not deny Marles's. So its anchor is the whole sentence,
and only a cue that sources the whole sentence ("reportedly", "according to", a "(Sankei,
2024)" citation) changes it, to reported. In a predicate the title is what the clause
asserts, so the anchor is the title and the clause's negation ("is no longer"), future
("will become") and attribution ("officials said") apply. A rule's `unless_before`
therefore only acts on predicates.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from aukus_check.english import word_alternation
from aukus_check.english.words import MOOD_MODALS
from aukus_check.errors import RulesError
from aukus_check.extractors.base import CompileContext, ExtractorSpec, Hit, Probe, SentenceScope
from aukus_check.extractors.phrases import alternation, phrase_regex
from aukus_check.models import ExtractorRef
from aukus_check.re2_spans import Spans, char_offsets, iter_spans, options
from aukus_check.sentences import split_sentences

KIND = "official"

Construction = Literal[
    "title-name", "name-title", "title-comma-name", "predicate", "counterpart-name", "name-counterpart"
]
_COUNTERPARTS = ("counterpart-name", "name-counterpart")
PersonReading = tuple[str | None, bool, tuple[int, int], str | None]
"""A name read as a person: key or slug, whether in the registry, the name's span, why not."""


class Spec(ExtractorSpec):
    """Person-office pairs from titles, appositions and predicates, typed by the registries."""

    kind: Literal["official"]
    output: Literal["title", "holder"] = Field(
        description="title: in a family keyed by people (official.{key}.title), the office key the "
        "article gives the person; holder: in a family keyed by offices (role.{key}.holder), the "
        "person key the article gives the office, or a snake_case slug of a name not in the registry."
    )
    new_holders: bool = Field(
        default=True,
        description="holder output: also read people who are not in the registry, as a slug of their "
        "name ('Taro Yamada' -> taro_yamada); false keeps to registry people.",
    )


# --- text normalisation -----------------------------------------------------------------------

_FOLD = str.maketrans({"’": "'", "‘": "'", "\u2010": "-", "\u2011": "-", "\u00a0": " "})
_SPACING = re.compile(r"[\s\-]+")
_LEADING_ARTICLE = re.compile(r"^(?:a|an) ")
_THE = re.compile(r"(?:^| )the(?= |$)")
_DEFENCE = re.compile(r"\bdefen[cs]e\b")
_SPOKES = re.compile(r"\bspokes(?:man|woman|person|men|women|persons|people)\b")
_SPOKES_WORDS = frozenset({"spokesman", "spokeswoman", "spokesperson"})
_PLURAL_HEADS = frozenset({"minister", "president", "premier", "ambassador", "envoy", "chief", "counterpart"})
_PLURAL = re.compile(r"\b(minister|president|premier|ambassador|envoy|chief|counterpart|pm)s\b")
_SECRETARIES = re.compile(r"\bsecretaries\b")
_IS_PLURAL = re.compile(
    r"\b(?:ministers|presidents|premiers|ambassadors|envoys|chiefs|secretaries|pms"
    r"|spokes(?:men|women|persons|people))\b"
)
_MIDDLE_INITIAL = re.compile(r"(?<=\s)[A-Z]\.(?=\s)")


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked of the same few titles in every sentence
def title_key(text: str) -> str:
    """A title folded for lookup: case, spacing, hyphens, Defense/Defence, spokes*, plurals, "the"."""
    folded = _SPACING.sub(" ", text.translate(_FOLD).casefold()).strip()
    folded = _LEADING_ARTICLE.sub("", _THE.sub("", folded).strip())
    folded = _SPOKES.sub("spokesperson", _DEFENCE.sub("defence", folded))
    folded = _SECRETARIES.sub("secretary", _PLURAL.sub(r"\1", folded))
    return folded.replace(" ", "")


def is_plural(title: str) -> bool:
    """Whether a title names several holders ("Prime Ministers", "defence secretaries")."""
    return _IS_PLURAL.search(title.translate(_FOLD).casefold()) is not None


def name_key(text: str) -> str:
    """A person's name folded for lookup: middle initials, spacing, hyphens (case is kept)."""
    return _SPACING.sub("", _MIDDLE_INITIAL.sub("", text.translate(_FOLD)))


def slug(name: str) -> str:
    """A snake_case key for a name not in the registry: 'Taro Yamada' -> 'taro_yamada'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.casefold()).strip("_")


# --- what may stand before a title, and what a name is not ----------------------------------

_NOT_CURRENT = frozenset({"former", "ex", "then", "late"})
_OTHER_OFFICE = frozenset({"vice", "deputy", "assistant", "under", "associate", "shadow", "acting"})
_NOT_YET = frozenset({"incoming", "designate", "future", "next", "would-be"})
_MODIFIER = "(?:" + "|".join(sorted(_NOT_CURRENT | _OTHER_OFFICE | _NOT_YET)) + ")"
_EPITHETS = frozenset(
    "new newly elected appointed installed named current incumbent sitting serving long-serving "
    "longserving longtime long-time veteran hawkish female woman".split()
)
"""Words that may stand between a country and its title and change nothing ("Japan's new prime
minister"); "first" counts too before "female" or "woman"."""
_EPITHET = (
    r"(?:new|newly[\s-]+(?:elected|appointed|installed|named)|current|incumbent|sitting|serving"
    r"|long[\s-]?serving|long[\s-]?time|veteran|hawkish|first[\s-]+(?:female|woman)|female)"
)
_TITLE_WORDS = frozenset(
    "minister ministry secretary president ambassador director spokesman spokeswoman spokesperson "
    "chief premier deputy vice cabinet council general senator governor chancellor king queen prince "
    "emperor defence defense foreign prime state house department office government officials "
    "official navy army forces envoy adviser advisor commander admiral counterpart industry".split()
)
_NOT_NAMES = frozenset(
    "the a an this that these those he she it they we i his her its their our in on at for from with "
    "by but and or as if when while after before since last next earlier later also meanwhile however "
    "then still yesterday today tomorrow mr mrs ms dr sir dame mp mps qc kc monday tuesday wednesday "
    "thursday friday saturday sunday january february march april june july august september october "
    "november december".split()
)
_DEMONYM = re.compile(r"(?:an|ese|ish|ine|ic|i|ch)$")
_CLAUSE_OPENERS = ",;:([—–\"“‘'"
_WORD = r"\p{Lu}[\p{L}\p{M}]*(?:['’]\p{Lu}[\p{L}\p{M}]*)?(?:-\p{Lu}[\p{L}\p{M}]*)*"
_GENERIC_NAME = rf"(?-i:{_WORD}(?:[ \t\x{{a0}}]+(?:\p{{Lu}}\.[ \t\x{{a0}}]+)?{_WORD}){{0,3}})"
"""A name not in the registry: one to four capitalised words, with middle initials."""
_SEP = r"[\s\p{Zs}\-\x{2010}\x{2011}]+"
_ARTICLE = r"(?:\b(?:the|a|an)\s+)?"
_OPTIONAL_MODIFIER = rf"(?:\b{_MODIFIER}(?:\s*[-\x{{2010}}\x{{2011}}]\s*|\s+))??"
_COPULA = (
    r"(?:is|isn['’]t|remains|became|becomes|has\s+become|has\s+(?:not\s+|never\s+)?been"
    r"|was\s+(?:appointed|named|made|sworn\s+in\s+as)|has\s+been\s+(?:appointed|named|made)"
    r"|serves\s+as|is\s+serving\s+as"
    rf"|{word_alternation(MOOD_MODALS | {'will'})}\s+(?:not\s+|no\s+longer\s+)?"
    r"(?:be|become|remain|serve\s+as)"
    r"|(?:is|was)\s+(?:expected|set|likely|tipped|poised)\s+to\s+(?:be|become))"
    r"(?:\s+(?:not|no\s+longer|still|now|currently|also|already|never))?"
)
"""Verbs that give a person an office in a predicate; only these: "X met the minister" is none."""
_COUNTERPART_WORD = r"\bcounterpart\b"
_PREFIX_WORDS = re.compile(r"((?:[^\s,;:()\[\]“”\"]+\s+){1,6})$")
_PREVIOUS_TOKEN = re.compile(r"(\S+?)(?:\s+|\s*[-\u2010\u2011])$")
_POSSESSIVE = re.compile(r"['’]s\b")
_NEXT_WORD = re.compile(r"\s+(\S)")
_TOKENS = re.compile(r"\S+")
_GLUE = re.compile(r"[a-z](?=[A-Z])")
"""A lower-case letter glued to a capital: two words run together ("MacronEmmanuel")."""
_PLACEHOLDER = re.compile(r"\{(country\??|lex:[a-z0-9_]+)\}")
_LIST_LIMIT = 8
_ENTRIES_KEPT = 1 << 16
"""At most this many names follow a plural title ("Prime Ministers A, B and C")."""

_GIVEN_NAME_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("Joe", "Joseph"),
    ("Tony", "Anthony", "Antony"),
    ("Bill", "William"),
    ("Bob", "Robert"),
    ("Jim", "James"),
    ("Mike", "Michael"),
    ("Tom", "Thomas"),
    ("Dick", "Richard"),
    ("Pete", "Peter"),
    ("Dave", "David"),
    ("Steve", "Stephen", "Steven"),
    ("Chris", "Christopher"),
    ("Ben", "Benjamin"),
    ("Dan", "Daniel"),
    ("Andy", "Andrew"),
    ("Matt", "Matthew"),
    ("Liz", "Elizabeth"),
    ("Kate", "Katherine", "Catherine"),
    ("Penny", "Penelope"),
    ("Sergei", "Sergey", "Serguei"),
    ("Dmitry", "Dmitri", "Dmitriy"),
    ("Alexei", "Alexey", "Aleksei", "Aleksey"),
    ("Alexander", "Aleksandr", "Alexandr"),
    ("Andrei", "Andrey"),
    ("Yuri", "Yury", "Yuriy"),
    ("Nikolai", "Nikolay"),
    ("Mikhail", "Mikhail"),
    ("Maria", "Mariya"),
)
"""Given names newspapers write either way: nicknames, and transliterations from Cyrillic."""
_VARIANTS_OF: dict[str, tuple[str, ...]] = {name: group for group in _GIVEN_NAME_VARIANTS for name in group}


def _given_name_variants(name: str) -> list[str]:
    """'Joe Biden' -> ['Joe Biden', 'Joseph Biden']: the first word's variants, the rest kept."""
    words = name.split()
    if len(words) < 2:
        return [name]
    group = _VARIANTS_OF.get(words[0], (words[0],))
    return list(dict.fromkeys([name, *(" ".join([given, *words[1:]]) for given in group)]))


@dataclass(frozen=True, slots=True)
class Relation:
    """A person-office pair read in one sentence (character offsets), or why it was dropped."""

    construction: Construction
    title: tuple[int, int]
    name: tuple[int, int]
    anchor: tuple[int, int]
    office: str | None
    person: str | None
    registered: bool
    reason: str | None

    @property
    def span(self) -> tuple[int, int]:
        """From the first to the last character of title and name."""
        return min(self.title[0], self.name[0]), max(self.title[1], self.name[1])


@dataclass(frozen=True, slots=True)
class _Part:
    """One word or placeholder of an office form: its RE2 source and the texts it stands for."""

    source: str
    texts: tuple[str, ...]
    optional: bool = False
    country: bool = False
    lexicon: str | None = None


class _Article:
    """What one article tells beyond a sentence, computed once per article when first needed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.first_full: dict[str, int] | None = None
        """Person -> end offset of the first full name of theirs in the article."""
        self.offices: dict[str, list[tuple[int, str]]] | None = None
        """Person (key or slug) -> (offset, office) of every pair read for them, in text order."""
        self.given_names: dict[str, tuple[list[int], list[str]]] | None = None
        """A word -> where each "Given Word" pair of the article ends, and the given name, in text
        order (see Registry._earlier_full_name)."""


class Registry:
    """The people and offices registries compiled for matching: one per rules file, shared."""

    def __init__(self, registries: Any, document: Any) -> None:
        self.people: Mapping[str, Any] = registries.people
        self.offices: Mapping[str, Any] = registries.offices
        self.actors: Mapping[str, Any] = registries.actors
        self.lexicons: Mapping[str, Any] = getattr(registries, "lexicons", {}) or {}
        self.document = document
        compile_ = _compiler(document)
        self.country_of_word: dict[str, str] = {}
        for actor_key, actor in self.actors.items():
            if actor.members:
                continue  # a group of actors ("AUKUS") is no country an office belongs to
            for word in (*actor.adjectives, *actor.aliases):
                self.country_of_word.setdefault(title_key(word), actor_key)
        country_words = [w for actor in self.actors.values() for w in (*actor.adjectives, *actor.aliases)]
        country_names = [w for actor in self.actors.values() for w in actor.aliases]
        self._country_word = alternation(country_words, case_sensitive=True) if country_words else "(?!)"
        country_name = alternation(country_names, case_sensitive=True) if country_names else "(?!)"
        self.forms: dict[str, list[tuple[str, bool]]] = {}
        self.office_regex: dict[str, str] = {}
        self.kind: dict[str, frozenset[str]] = {}
        all_forms: list[str] = []
        for office_key, office in self.offices.items():
            sources = []
            for index, form in enumerate(office.forms):
                where = ("offices", office_key, "forms", index)
                parts = self._parts(office_key, office, form, where)
                if index == 0:
                    lexicons = frozenset(p.lexicon for p in parts if p.lexicon is not None)
                    if lexicons:
                        self.kind[office_key] = lexicons
                sources.append(_join(parts))
                for text, explicit in _expansions(parts):
                    entries = self.forms.setdefault(title_key(text), [])
                    if (office_key, explicit) not in entries:
                        entries.append((office_key, explicit))
            self.office_regex[office_key] = _longest_first(sources)
            all_forms.extend(sources)
        self.full_names: dict[str, str] = {}
        self.surnames: dict[str, list[str]] = {}
        self.person_regex: dict[str, str] = {}
        full_sources: list[str] = []
        card_sources: list[str] = []
        for person_key, person in self.people.items():
            full, surnames = _person_names(person)
            for name in full:
                self.full_names.setdefault(name_key(name), person_key)
            for surname in surnames:
                entries_ = self.surnames.setdefault(name_key(surname), [])
                if person_key not in entries_:
                    entries_.append(person_key)
            # The probe also finds a name glued to the next word ("MacronEmmanuel"): see _unglued.
            glued = [_name_regex(name, glued=True) for name in (*full, *surnames)]
            self.person_regex[person_key] = "(?-i:" + "|".join(_by_length(glued)) + ")"
            full_sources.extend(_name_regex(name) for name in full)
            card_sources.extend(_name_regex(name, glued=True, card=True) for name in full)
        self._full_name_regex = compile_("(?-i:" + "|".join(_by_length(full_sources) or ["(?!)"]) + ")")
        self._card_regex = compile_("(?-i:" + "|".join(_by_length(card_sources) or ["(?!)"]) + ")")
        # A form is also read with a country before it or after it ("US Deputy Secretary of State",
        # "Prime Minister of Australia"): one alternation of countries around all forms, not the
        # forms written out per country, keeps the pattern small (and the scan fast).
        forms = _longest_first(all_forms) if all_forms else "(?!)"
        before = rf"(?:(?:\bthe{_SEP})?(?P<before>{self._country_word}){_SEP})?"
        after = rf"(?:{_SEP}of{_SEP}(?:the{_SEP})?(?P<after>{country_name}))?"
        self._title_parts = compile_(before + rf"(?P<form>{forms})" + after)
        title = _strip_groups(before) + forms + _strip_groups(after)
        # Names are capitalised words; which registry person they are (if any) is read from them
        # (_person): one pattern for every name keeps the scan fast. Only registry names with a
        # word in lower case ("Ursula von der Leyen") are listed.
        lower = [n for p in self.people.values() for n in _person_names(p)[0] if not _capitalised(n)]
        name = (
            f"(?:(?-i:{'|'.join(_by_length(map(_name_regex, lower)))})|{_GENERIC_NAME})"
            if lower
            else _GENERIC_NAME
        )
        before_title = rf"{_ARTICLE}(?:{self._country_word}\s+)?(?:{_EPITHET}\s+){{0,2}}{_OPTIONAL_MODIFIER}"
        counterpart = (
            rf"\b(?:his|her|their)\s+(?:(?-i:\p{{Ll}}[\p{{L}}\-]*)\s+){{0,3}}?(?:{self._country_word}\s+)?"
            rf"counterpart(?:\s+(?:from|in|of)\s+(?:the\s+)?{country_name})?"
        )
        self.constructions: tuple[tuple[Construction, Any], ...] = (
            ("title-name", compile_(rf"(?P<title>{title}){_SEP}(?P<name>{name})")),
            ("name-title", compile_(rf"(?P<name>{name}),\s+{before_title}(?P<title>{title})")),
            ("title-comma-name", compile_(rf"{before_title}(?P<title>{title}),\s+(?P<name>{name})")),
            (
                "predicate",
                compile_(rf"(?P<name>{name})(?:,\s+who)?\s+{_COPULA}\s+{before_title}(?P<title>{title})"),
            ),
            ("counterpart-name", compile_(rf"(?P<title>{counterpart}),?\s+(?P<name>{name})")),
            ("name-counterpart", compile_(rf"(?P<name>{name}),\s+(?P<title>{counterpart})")),
        )
        self._title = compile_(title)
        self._name = compile_(name)
        self._counterpart_parts = compile_(
            rf"(?:his|her|their)\s+(?P<epithets>(?:\S+\s+)*?)(?:(?P<country>{self._country_word})\s+)?"
            rf"counterpart(?:\s+(?:from|in|of)\s+(?:the\s+)?(?P<after>{country_name}))?"
        )
        self._of_country = compile_(
            rf"\s+of\s+(?:the\s+)?(?P<country>{country_name})(?P<possessive>['’]s)?\b"
        )
        self._list_next = compile_(
            rf"(?:\s+of\s+(?:the\s+)?{country_name})?(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?P<name>{name})"
        )
        self._cached: tuple[tuple[str, int, bytes], list[Relation]] | None = None
        self._entries: dict[str, tuple[list[tuple[str, bool]], str | None, str | None]] = {}
        """_form_entries' answers: a pure function of the title, asked for every word run before a
        title in every sentence; bounded (cleared when full)."""
        self._article: _Article | None = None
        self._name_words: dict[str, bool] = {}
        """Words already judged by _name_word: the capitalised words of the articles read."""

    # --- office forms ---------------------------------------------------------------------------

    def _parts(self, office_key: str, office: Any, form: str, where: tuple[str | int, ...]) -> list[_Part]:
        """The words and placeholders of one office form."""
        words = form.split()
        if not words:
            raise RulesError(f"offices.{office_key}: a form cannot be empty", self.document.location(where))
        parts: list[_Part] = []
        for word in words:
            placeholder = _PLACEHOLDER.fullmatch(word)
            if "{" in word and placeholder is None:
                raise RulesError(
                    f"offices.{office_key}: form {form!r}: write '{{country}}', '{{country?}}' or "
                    "'{lex:NAME}' as a word of its own (the only placeholders a form takes)",
                    self.document.location(where),
                )
            if placeholder is None:
                if word.casefold() == "the":
                    parts.append(_Part(r"\bthe\b", ("",), optional=True))
                else:
                    parts.append(_Part(_word_regex(word), (word,)))
            elif placeholder.group(1).startswith("country"):
                if office.country is None:
                    raise RulesError(
                        f"offices.{office_key}: form {form!r} uses {{country}}, but the office has "
                        "no 'country'",
                        self.document.location(where),
                    )
                parts.append(self._country_part(office.country, optional=word == "{country?}"))
            else:
                parts.append(self._lexicon_part(office_key, form, placeholder.group(1)[4:], where))
        return parts

    def _country_part(self, country: str, *, optional: bool = False) -> _Part:
        """The country's adjectives and names ("Australian", "Australia's", "Canberra")."""
        actor = self.actors[country]
        names = list(dict.fromkeys((*actor.adjectives, *actor.aliases)))
        source = rf"(?:\bthe{_SEP})?{alternation(names, case_sensitive=True)}"
        texts = (*names, "") if optional else tuple(names)
        return _Part(source, texts, optional=optional, country=True)

    def _lexicon_part(self, office_key: str, form: str, name: str, where: tuple[str | int, ...]) -> _Part:
        lexicon = self.lexicons.get(name)
        if lexicon is None:
            known = ", ".join(self.lexicons) or "none declared"
            raise RulesError(
                f"offices.{office_key}: form {form!r} uses the lexicon {name!r}, which is not declared "
                f"(lexicons: {known})",
                self.document.location(where),
            )
        phrases = list(dict.fromkeys((*lexicon.nouns, *lexicon.words)))
        if not phrases:
            raise RulesError(
                f"offices.{office_key}: form {form!r}: the lexicon {name!r} has no 'nouns' or 'words' "
                "to write a title with",
                self.document.location(where),
            )
        sources = [_join([_literal_part(word) for word in phrase.split()]) for phrase in phrases]
        return _Part("(?:" + "|".join(_by_length(sources)) + ")", tuple(phrases), lexicon=name)

    # --- reading a sentence -------------------------------------------------------------------------

    def relations(self, data: bytes, scope: SentenceScope) -> list[Relation]:
        """Every person-office pair in the sentence, kept or dropped; computed once per sentence."""
        key = (scope.text, scope.start, data)
        if self._cached is not None and self._cached[0] == key:
            return self._cached[1]
        sentence = data.decode("utf-8", "replace")
        found = self._base_relations(sentence, data, scope)
        found += self._counterpart_relations(sentence, data, scope, found)
        self._cached = (key, found)
        return found

    def _matches(self, construction: Construction, regex: Any, sentence: str, data: bytes) -> Iterable[Any]:
        to_char = char_offsets(sentence, data)
        title_group, name_group = _title_and_name(regex)
        for spans in iter_spans(regex, data):
            yield (
                (to_char(spans[0][0]), to_char(spans[0][1])),
                (to_char(spans[title_group][0]), to_char(spans[title_group][1])),
                (to_char(spans[name_group][0]), to_char(spans[name_group][1])),
            )

    def _base_relations(self, sentence: str, data: bytes, scope: SentenceScope) -> list[Relation]:
        """The pairs of the title and predicate constructions (not counterparts)."""
        found: list[Relation] = []
        for construction, regex in self.constructions:
            if construction in _COUNTERPARTS:
                continue
            for match, title, name in self._matches(construction, regex, sentence, data):
                relation = self._relation(construction, sentence, match, title, name, scope)
                found.append(relation)
                if construction == "title-name" and is_plural(
                    sentence[relation.title[0] : relation.title[1]]
                ):
                    found.extend(self._listed(sentence, relation, scope))
        return found

    def _listed(self, sentence: str, first: Relation, scope: SentenceScope) -> list[Relation]:
        """The other names a plural title introduces: "Prime Ministers A of Australia and B of the UK"."""
        listed: list[Relation] = []
        position = first.name[1]
        for _ in range(_LIST_LIMIT):
            match = self._list_next.match(sentence, position)
            if match is None:
                break
            name = match.span(self._list_next.groupindex["name"])
            relation = self._relation(
                "title-name", sentence, (first.title[0], name[1]), first.title, name, scope
            )
            if relation.person is None:
                break
            listed.append(relation)
            position = relation.name[1]
        return listed

    # --- reading one match -----------------------------------------------------------------

    def _relation(
        self,
        construction: Construction,
        sentence: str,
        match: tuple[int, int],
        title: tuple[int, int],
        name: tuple[int, int],
        scope: SentenceScope,
    ) -> Relation:
        title = self._extend_title(sentence, title)
        if construction == "title-name":
            title, name = self._extend_title_right(sentence, title, name)
        name_text = sentence[name[0] : name[1]]
        anchor = title if construction == "predicate" else (0, len(sentence))
        office: str | None = None
        stated: str | None = None
        # The reasons a reader finds most telling come first: the construction, then "former" or
        # "Vice", then a foreign qualifier, then the name, then the office.
        reason = self._construction_problem(construction, sentence, match, title)
        if reason is None:
            stated, reason = self._before_title(sentence, title)
        # The person is read even under a dropped title: "former Prime Minister Scott Morrison" is
        # still Morrison, whom a later "his counterpart" may refer to.
        person, registered, name, why = self._person(construction, sentence, name, scope)
        reason = reason or why
        if reason is None and construction in ("title-name", "title-comma-name"):
            after, reason = self._country_after(sentence, name, stated)
            stated = stated or after
        if reason is None:
            office, reason = self._office(
                sentence[title[0] : title[1]], person if registered else None, name_text, stated
            )
        if reason is not None:
            office = None
        return Relation(construction, title, name, anchor, office, person, registered, reason)

    def _extend_title(self, sentence: str, title: tuple[int, int]) -> tuple[int, int]:
        """Take in the words before the title that make a longer form ("Deputy" + "Secretary of State")."""
        prefix = _PREFIX_WORDS.search(sentence, 0, title[0])
        if prefix is None:
            return title
        starts = [prefix.start() + m.start() for m in _TOKENS.finditer(prefix.group(1))]
        for start in starts:  # the farthest first: the longest form wins
            if self._is_form(sentence[start : title[1]]):
                return start, title[1]
        return title

    def _extend_title_right(
        self, sentence: str, title: tuple[int, int], name: tuple[int, int]
    ) -> tuple[tuple[int, int], tuple[int, int]]:
        """Take in the first words of the "name" that make a longer form ("Minister for Defence" +
        "Industry Pat Conroy"), keeping at least one word for the name."""
        words = [
            (m.start() + name[0], m.end() + name[0]) for m in _TOKENS.finditer(sentence[name[0] : name[1]])
        ]
        for count in range(min(3, len(words) - 1), 0, -1):
            if self._is_form(sentence[title[0] : words[count - 1][1]]):
                return (title[0], words[count - 1][1]), (words[count][0], name[1])
        return title, name

    def _person(
        self, construction: Construction, sentence: str, name: tuple[int, int], scope: SentenceScope
    ) -> PersonReading:
        """(person key or slug, whether registered, the name's span, why not) for a matched name."""
        text = sentence[name[0] : name[1]]
        registered = self._registered(sentence, name, scope)
        if registered is not None:
            return registered
        glued = self._unglued(sentence, name, scope)
        if glued is not None:
            return glued
        words = [(m.start() + name[0], m.end() + name[0]) for m in _TOKENS.finditer(text)]
        whole = words
        ok = [self._name_word(sentence[s:e]) for s, e in words]
        # A name after its title runs until the first word that is no name ("Taro Yamada Tuesday");
        # a name before its title or verb starts after the last one ("On Monday Taro Yamada, ...").
        after_title = construction in ("title-name", "title-comma-name", "counterpart-name")
        if after_title:
            while words[:-1] and _honorific(sentence[words[0][0] : words[0][1]]):
                words, ok = words[1:], ok[1:]  # "the Foreign Minister, Senator Penny Wong"
            kept = words[: ok.index(False)] if False in ok else words
        else:
            kept = words[len(ok) - ok[::-1].index(False) :] if False in ok else words
        if not kept:
            return None, False, name, f"{text!r} is not a person's name"
        # The longest registry name it starts with (after a title: "Joe Biden Administration") or
        # ends with (before one), if any.
        for count in range(len(kept), 0, -1):
            part = kept[:count] if after_title else kept[-count:]
            if part == whole:
                continue  # read above
            registered = self._registered(sentence, (part[0][0], part[-1][1]), scope)
            if registered is not None:
                return registered
        name = (kept[0][0], kept[-1][1])
        text = sentence[name[0] : name[1]]
        if title_key(text) in self.country_of_word:
            return None, False, name, f"{text!r} names a country, not a person"
        if len(kept) > 1:
            return slug(_given_first(text)), False, name, None
        full = self._earlier_full_name(text, scope.start + name[0], scope)
        if full is None:
            reason = (
                f"a single name ({text!r}) that is not in the people registry and was not given in "
                "full earlier in the article"
            )
            return None, False, name, reason
        return slug(full), False, name, None

    def _unglued(self, sentence: str, name: tuple[int, int], scope: SentenceScope) -> PersonReading | None:
        """A registry name glued to the next word, as scraped links and their hover cards leave
        them: "Emmanuel MacronEmmanuel Jean-Michel Macron...", "BidenJoe Biden..." (the surname,
        then the card's full name: it counts as the full name)."""
        glue = _GLUE.search(sentence, name[0], name[1])
        if glue is None:
            return None
        cut = (name[0], glue.start() + 1)
        reading = self._registered(sentence, cut, scope)
        if reading is None:
            return None
        if reading[0] is not None:
            return reading
        card = self._card_regex.match(sentence, cut[1])
        text = card.group() if card is not None else ""
        if _GLUE.search(text[-2:]):
            text = text[:-1]  # the card is glued to the next word too
        person = self.full_names.get(name_key(text))
        if person is not None and person in self.surnames.get(name_key(sentence[cut[0] : cut[1]]), []):
            return person, True, cut, None
        return reading

    def _registered(self, sentence: str, name: tuple[int, int], scope: SentenceScope) -> PersonReading | None:
        """The registry person a name (full, alias or surname) stands for; None if it is no registry name."""
        text = sentence[name[0] : name[1]]
        key = name_key(text)
        if key in self.full_names:
            return self.full_names[key], True, name, None
        if key not in self.surnames:
            return None
        candidates = self.surnames[key]
        first = self._first_full_names(scope)
        position = scope.start + name[0]
        named = [person for person in candidates if first.get(person, position + 1) <= position]
        if len(named) == 1:
            return named[0], True, name, None
        full = " or ".join(repr(self.people[p].name) for p in candidates)
        if not named:
            return (
                None,
                True,
                name,
                f"the surname {text!r} alone, before the full name ({full}) appears in the article",
            )
        return None, True, name, f"the surname {text!r} is ambiguous: both {full} appear earlier"

    def _name_word(self, word: str) -> bool:
        """Whether a word may be a given name (not a title word, a country, a possessive)."""
        known = self._name_words.get(word)
        if known is None:
            if len(self._name_words) >= _NAME_WORDS_KEPT:
                self._name_words.clear()  # a bound on memory over a large corpus
            folded = word.translate(_FOLD).casefold().rstrip(".")
            known = self._name_words[word] = (
                folded not in _NOT_NAMES
                and folded not in _TITLE_WORDS
                and title_key(word) not in self.country_of_word
                and not folded.endswith("'s")
            )
        return known

    def _earlier_full_name(self, surname: str, position: int, scope: SentenceScope) -> str | None:
        """'Taro Yamada' for a later 'Yamada', when the article gave the full name before the
        character offset `position`."""
        pairs = self._given_names(scope).get(surname)
        if pairs is None:
            return None
        ends, given = pairs
        index = bisect.bisect_right(ends, position) - 1
        return f"{given[index]} {surname}" if index >= 0 else None

    def _given_names(self, scope: SentenceScope) -> dict[str, tuple[list[int], list[str]]]:
        """Every capitalised name word followed (after spaces) by another word, indexed by that
        word: one pass, once per article, so that each surname is looked up, never searched for
        over the text before it (which made long articles quadratic)."""
        article = self._article_for(scope)
        if article.given_names is None:
            index: dict[str, tuple[list[int], list[str]]] = {}
            for pair in _NAME_PAIR.finditer(article.text):
                first, following = pair.group(1, 2)
                if first[0].isupper() and self._name_word(first):
                    # the surname may be the word or a part of it ended by an apostrophe or
                    # hyphen: "Yamada's", "Abe-era"
                    for surname in _word_stems(following):
                        ends, given = index.setdefault(surname, ([], []))
                        ends.append(pair.end() + len(surname))
                        given.append(first)
            article.given_names = index
        return article.given_names

    def _construction_problem(
        self, construction: Construction, sentence: str, match: tuple[int, int], title: tuple[int, int]
    ) -> str | None:
        after = sentence[title[1] :]
        if construction in ("name-title", "predicate") and _POSSESSIVE.match(after):
            return "the title is a possessive ('the defence minister's ...'): it qualifies another noun"
        if construction == "name-title":
            following = _NEXT_WORD.match(after)
            if following is not None and following.group(1).isupper():
                return "the title introduces the next name (a list), it is not an apposition to this one"
        if construction == "title-comma-name":
            before = sentence[: match[0]].rstrip()
            if before and before[-1] not in _CLAUSE_OPENERS:
                return (
                    "the title does not open a clause, so the name after its comma is no apposition "
                    "('after meeting the Defence Minister, Albanese said': Albanese is not the minister)"
                )
        return None

    def _previous_token(self, sentence: str, position: int) -> tuple[str, int] | None:
        """The word right before a position (spaces or a hyphen between), and where it starts."""
        match = _PREVIOUS_TOKEN.search(sentence, 0, position)
        if match is None or match.end() != position:
            return None
        return match.group(1), match.start(1)

    def _before_title(self, sentence: str, title: tuple[int, int]) -> tuple[str | None, str | None]:
        """(the country written before the title, past epithets such as "new"; why the title is
        not this office's current holder's, if it is not): "former", "Vice", "Philippine"."""
        text = sentence[title[0] : title[1]]
        position = title[0]
        skipped: list[str] = []
        while True:
            previous = self._previous_token(sentence, position)
            if previous is None:
                return None, None
            word, start = previous
            folded = word.translate(_FOLD).casefold().strip("-")
            if folded in _NOT_CURRENT:
                return None, f"'{word}' before the title: not a current holder"
            if folded in _OTHER_OFFICE:
                return None, f"'{word} {text}' is another office than '{text}'"
            if folded in _NOT_YET:
                return None, f"'{word}' before the title: not (yet) the holder"
            if folded in _EPITHETS or (folded == "first" and skipped and skipped[-1] in ("female", "woman")):
                skipped.append(folded)
                position = start
                continue
            actor = self.country_of_word.get(title_key(word))
            if actor is not None:
                return actor, None
            return None, self._qualifier_problem(sentence, word, start)

    def _qualifier_problem(self, sentence: str, word: str, start: int) -> str | None:
        """A capitalised word right before the title that names no country ("Philippine President")."""
        if not word[:1].isupper() or word.casefold() in _NOT_NAMES:
            return None  # "On Monday Prime Minister ...": a day or a function word qualifies nothing
        if word[-1] in ',;:.!?)”"':
            return None
        initial = not sentence[:start].strip(" \t\"“‘'(")
        if initial and not _DEMONYM.search(word):
            return None  # "Meanwhile Prime Minister ..." at the start of a sentence
        return f"the title is qualified by '{word}', which names no country of the registry"

    def _country_after(
        self, sentence: str, name: tuple[int, int], stated: str | None
    ) -> tuple[str | None, str | None]:
        """The country written after the name ("Anthony Albanese of Australia"), and a conflict."""
        match = self._of_country.match(sentence, name[1])
        if match is None or match.group("possessive"):
            return None, None
        actor = self.country_of_word.get(title_key(match.group("country")))
        if stated is not None and actor is not None and actor != stated:
            return None, (
                f"the title is qualified by {self._label(stated)} and the name by {self._label(actor)}: "
                "another country"
            )
        return actor, None

    def _label(self, country: str | None) -> str:
        if country is None:
            return "no country"
        actor = self.actors.get(country)
        return actor.label if actor is not None else country

    def _form_entries(self, title: str) -> tuple[list[tuple[str, bool]], str | None, str | None]:
        """(the offices a title's form names and whether the form names the country; the country
        written before or after the form; why the title is none)."""
        known = self._entries.get(title)
        if known is None:
            if len(self._entries) >= _ENTRIES_KEPT:
                self._entries.clear()
            known = self._entries[title] = self._read_form_entries(title)
        return known

    def _read_form_entries(self, title: str) -> tuple[list[tuple[str, bool]], str | None, str | None]:
        entries = self.forms.get(title_key(title))
        if entries is not None:
            return entries, None, None
        parts = self._title_parts.fullmatch(title)
        if parts is None:
            return [], None, f"{title!r} is no office form"
        countries = [
            self.country_of_word.get(title_key(word))
            for word in (parts.group("before"), parts.group("after"))
            if word is not None
        ]
        if len(set(countries)) > 1:
            return [], None, f"{title!r} names two countries"
        return self.forms.get(title_key(parts.group("form")), []), (countries or [None])[0], None

    def _is_form(self, title: str) -> bool:
        """Whether a text is a title: a form, with a country before or after it or not."""
        return bool(self._form_entries(title)[0])

    def _office(
        self, title: str, person: str | None, name: str, stated: str | None = None
    ) -> tuple[str | None, str | None]:
        """The office a title names, given the person it is paired with and a country written next
        to it."""
        entries, written, reason = self._form_entries(title)
        if reason is not None:
            return None, reason
        if written is not None and stated is not None and written != stated:
            return None, f"{title!r} names another country than {self._label(stated)}, written next to it"
        stated = written or stated
        explicit = sorted({office for office, named in entries if named})
        bare = sorted({office for office, named in entries if not named})
        country = self.people[person].country if person is not None else None
        if explicit:
            countries = {self.offices[o].country for o in explicit}
            if country is not None and country not in countries:
                return None, (
                    f"{title!r} names another country than {self._label(country)}, the country of "
                    f"{name!r} in the registry"
                )
            if stated is not None and stated not in countries:
                return None, f"{title!r} names another country than {self._label(stated)}, written next to it"
            offices = explicit
            if len(offices) > 1:
                offices = [o for o in offices if self.offices[o].country in (country, stated)] or offices
        else:
            if stated is not None and country is not None and stated != country:
                return None, (
                    f"{title!r} is qualified by {self._label(stated)}, another country than "
                    f"{self._label(country)}, the country of {name!r} in the registry"
                )
            country = stated or country
            if country is None:
                if person is None:
                    return None, (
                        f"{title!r} names no country, and {name!r} is not in the people registry "
                        "to tell whose office it is"
                    )
                return None, f"{title!r} names no country, and {name!r} has none in the registry"
            offices = [o for o in bare if self.offices[o].country in (None, country)]
            if not offices:
                whose = f", the country of {name!r} in the registry" if stated is None else ""
                return None, f"{title!r} is no office of {self._label(country)}{whose}"
        if len(offices) > 1:
            return None, f"{title!r} is ambiguous: {', '.join(offices)}"
        return offices[0], None

    # --- counterparts -------------------------------------------------------------------------------

    def _counterpart_relations(
        self, sentence: str, data: bytes, scope: SentenceScope, base: list[Relation]
    ) -> list[Relation]:
        found: list[Relation] = []
        for construction, regex in self.constructions:
            if construction not in _COUNTERPARTS:
                continue
            for _, title, name in self._matches(construction, regex, sentence, data):
                found.append(self._counterpart(construction, sentence, title, name, scope, base))
        return found

    def _counterpart(
        self,
        construction: Construction,
        sentence: str,
        title: tuple[int, int],
        name: tuple[int, int],
        scope: SentenceScope,
        base: list[Relation],
    ) -> Relation:
        """ "his Australian counterpart, Marise Payne": the office of Australia of the kind of the
        office of the one "his" refers to."""
        anchor = (0, len(sentence))
        person, registered, name, reason = self._person(construction, sentence, name, scope)

        def dropped(why: str) -> Relation:
            return Relation(construction, title, name, anchor, None, person, registered, why)

        if reason is not None:
            return dropped(reason)
        parts = self._counterpart_parts.fullmatch(sentence, title[0], title[1])
        if parts is None:  # pragma: no cover - the construction matched these words
            return dropped("no counterpart phrase")
        for word in parts.group("epithets").split():
            folded = word.translate(_FOLD).casefold().strip("-")
            if folded in _NOT_CURRENT | _NOT_YET:
                return dropped(f"'{word}' before 'counterpart': not a current holder")
            if folded in _OTHER_OFFICE:
                return dropped(f"'{word} counterpart' is another office")
        written = parts.group("country") or parts.group("after")
        country = self.country_of_word.get(title_key(written)) if written else None
        own = self.people[person].country if registered and person is not None else None
        if country is not None and own is not None and country != own:
            return dropped(
                f"the counterpart is of {self._label(country)}, but {person} is of {self._label(own)} "
                "in the registry"
            )
        country = country or own
        if country is None:
            return dropped("the counterpart's country is neither written nor in the people registry")
        end = min(title[0], name[0])
        kind, referent, why = self._referent(sentence, end, scope, base)
        if kind is None:
            return dropped(why or "no one before 'counterpart' whose office is known")
        offices = [o for o, k in self.kind.items() if k == kind and self.offices[o].country == country]
        if len(offices) != 1:
            return dropped(
                f"the counterpart of {referent} in {self._label(country)}: "
                + ("no such office in the registry" if not offices else f"ambiguous ({', '.join(offices)})")
            )
        return Relation(construction, title, name, anchor, offices[0], person, registered, None)

    def _referent(
        self, sentence: str, end: int, scope: SentenceScope, base: list[Relation]
    ) -> tuple[frozenset[str] | None, str, str | None]:
        """The kind of office of the nearest person or title before `end`: (kind, who, why not)."""
        best: tuple[int, frozenset[str] | None, str, str | None] | None = None

        def consider(position: int, kind: frozenset[str] | None, who: str, why: str | None) -> None:
            nonlocal best
            if best is None or position > best[0]:
                best = (position, kind, who, why)

        covered: list[tuple[int, int]] = []
        for relation in base:
            if relation.span[1] > end or (relation.person is None and relation.reason is not None):
                continue  # "According to Kyodo, the Prime Minister ...": no one's title, see below
            covered.append(relation.span)
            if relation.reason is None and relation.office is not None:
                consider(relation.span[1], self.kind.get(relation.office), repr(relation.person), None)
            else:  # "former Prime Minister Abe met his Australian counterpart": no current office
                dropped = f"the title of the one before 'counterpart' was dropped: {relation.reason}"
                consider(relation.span[1], None, repr(relation.person), dropped)
        for match in self._title.finditer(sentence, 0, end):
            span = match.span()
            if any(s < span[1] and span[0] < e for s, e in covered):
                continue
            text = match.group()
            kinds = {self.kind.get(office) for office, _ in self._form_entries(text)[0]}
            kind = kinds.pop() if len(kinds) == 1 else None
            consider(span[1], kind, repr(text), None if kind else f"{text!r} is no office of one kind")
        for match in self._name.finditer(sentence, 0, end):
            span = match.span()
            if any(s < span[1] and span[0] < e for s, e in covered):
                continue
            # Read as a name before its verb: "On Monday Hegseth ..." is Hegseth.
            person, registered, name, _ = self._person("name-counterpart", sentence, span, scope)
            if person is None:
                continue  # no one's name ("Hawaii", "Pillar II"): not who "his" refers to
            office = self._earlier_office(person, scope)
            if office is None:
                if registered:
                    consider(name[1], None, repr(person), f"the article gives no office for {person} before")
                continue
            consider(name[1], self.kind.get(office), repr(person), None)
        if best is None:
            return None, "", "no one before 'counterpart' whose office is known"
        _, kind, who, why = best
        if kind is None:
            return None, who, why or f"the office of {who} is of no kind the registry maps across countries"
        return kind, who, None

    def _earlier_office(self, person: str, scope: SentenceScope) -> str | None:
        """The office the article last gave a person before this sentence."""
        pairs = self._article_offices(scope).get(person, [])
        before = [office for offset, office in pairs if offset < scope.start]
        return before[-1] if before else None

    # --- what the article says elsewhere ------------------------------------------------------------

    def _article_for(self, scope: SentenceScope) -> _Article:
        if self._article is None or self._article.text is not scope.text:
            self._article = _Article(scope.text)
        return self._article

    def _first_full_names(self, scope: SentenceScope) -> dict[str, int]:
        """Person -> where their full name first ends in the article: one pass, once per article."""
        article = self._article_for(scope)
        if article.first_full is None:
            first: dict[str, int] = {}
            for match in self._full_name_regex.finditer(article.text):
                person = self.full_names.get(name_key(match.group()))
                if person is not None and person not in first:
                    first[person] = match.end()
            article.first_full = first
        return article.first_full

    def _article_offices(self, scope: SentenceScope) -> dict[str, list[tuple[int, str]]]:
        """Every pair the article states (titles and predicates), by person: read once per article,
        when a counterpart needs to know what office someone named before holds."""
        article = self._article_for(scope)
        if article.offices is None:
            offices: dict[str, list[tuple[int, str]]] = {}
            text = article.text
            for start, end in split_sentences(text, 0, len(text)):
                sentence = text[start:end]
                data = sentence.encode("utf-8")
                where = SentenceScope(text, start, end, None)
                for relation in self._base_relations(sentence, data, where):
                    if relation.reason is None and relation.office and relation.person:
                        offices.setdefault(relation.person, []).append(
                            (start + relation.name[0], relation.office)
                        )
            article.offices = offices
        return article.offices


@functools.lru_cache(maxsize=64)
def _title_and_name(regex: Any) -> tuple[int, int]:
    """The groups of a construction's title and name (the wrapper rebuilds groupindex per call)."""
    return regex.groupindex["title"], regex.groupindex["name"]


_NAME_WORDS_KEPT = 100_000
"""Words whose _name_word judgement is kept at most (then forgotten all at once)."""
_NAME_PAIR = re.compile(r"(?<![\w'’\-])([^\W\d_a-z][\w'’\-]*)\s+(?=([^\W\d_][\w'’\-]*))")
"""A word that may be a given name (it starts with a capital, or a letter beyond ASCII: checked
after), spaces, and the word after it (looked ahead at, so that it may start the next pair)."""


def _word_stems(word: str) -> list[str]:
    """The word, and each start of it that ends before an apostrophe or a hyphen."""
    return [
        word[:cut] for cut in range(1, len(word)) if word[cut] in "'’-" and word[cut - 1] not in "'’-"
    ] + [word]


def _given_first(name: str) -> str:
    """'KIHARA Minoru' -> 'Minoru KIHARA': a surname written first in capitals goes last."""
    words = name.split()
    surname_first = len(words) > 1 and len(words[0]) > 2 and words[0].isalpha() and words[0].isupper()
    if surname_first and not any(word.isupper() for word in words[1:]):
        return " ".join([*words[1:], words[0]])
    return name


_HONORIFICS = frozenset("mr mrs ms dr sir dame senator sen hon prof professor".split())


def _honorific(word: str) -> bool:
    """Whether a word is a form of address before a name ("Mr", "Dr.", "Senator")."""
    return word.translate(_FOLD).casefold().rstrip(".") in _HONORIFICS


def _capitalised(name: str) -> bool:
    """Whether every word of a name starts with a capital (the generic name pattern finds it)."""
    return all(word[:1].isupper() for word in name.split())


def _person_names(person: Any) -> tuple[list[str], list[str]]:
    """(full names, surnames) a registry person is written with."""
    written = [person.name, *person.aliases]
    full = [variant for name in written for variant in _given_name_variants(name)]
    surname = person.surname or person.name.split()[-1]
    given = [word for word in person.name.split() if word != surname]
    if given:
        full.append(" ".join([surname.upper(), *given]))  # "KISHIDA Fumio"
    full += [name.upper() for name in full]
    return list(dict.fromkeys(full)), list(dict.fromkeys([surname, surname.upper()]))


def _name_regex(name: str, *, glued: bool = False, card: bool = False) -> str:
    """RE2 source of a person's name: its words, a middle initial allowed after the first; with
    `glued`, also when a capital follows its last letter ("MacronEmmanuel"); with `card`, also
    glued to the word before it ("BidenJoe Biden": a hover card after a link)."""
    words = name.split()
    sources = [phrase_regex(word) for word in words]
    if card:
        sources[0] = phrase_regex(words[0], whole_words=False) + (r"\b" if len(words) > 1 else "")
    if glued and words[-1][-1:].isascii() and words[-1][-1:].isalpha():
        sources[-1] = phrase_regex(words[-1], whole_words=False)
        if words[-1][:1].isascii() and words[-1][:1].isalnum():
            sources[-1] = r"\b" + sources[-1]
        sources[-1] += r"(?:\b|\p{Lu})"
    if len(sources) == 1:
        return sources[0]
    return sources[0] + rf"(?:{_SEP}\p{{Lu}}\.)?{_SEP}" + _SEP.join(sources[1:])


def _strip_groups(source: str) -> str:
    """A source with its named groups made plain groups (one pattern may not name a group twice)."""
    return re.sub(r"\(\?P<[a-z_]+>", "(?:", source)


def _literal_part(word: str) -> _Part:
    if word.casefold() == "the":
        return _Part(r"\bthe\b", ("",), optional=True)
    return _Part(_word_regex(word), (word,))


def _join(parts: Sequence[_Part]) -> str:
    """RE2 source of a form's parts, separated by spacing; an optional part may be left out."""
    out = ""
    need_separator = False
    for part in parts:
        if part.optional:
            if need_separator:
                out += f"(?:{_SEP}{part.source})?"
            else:
                out += f"(?:{part.source}{_SEP})?"
        else:
            out += (_SEP if need_separator else "") + part.source
            need_separator = True
    return out


def _expansions(parts: Sequence[_Part]) -> Iterable[tuple[str, bool]]:
    """Every text a form stands for, and whether it names its country."""
    for combination in itertools.product(*(part.texts for part in parts)):
        text = " ".join(word for word in combination if word)
        explicit = any(part.country and word for part, word in zip(parts, combination, strict=True))
        yield text, explicit


def _word_regex(word: str) -> str:
    """One word of an office form: Defense/Defence, spokes* and plurals folded, acronyms ('PM') exact."""
    folded = word.casefold()
    if folded in ("defence", "defense"):
        return r"\bdefen[cs]e\b"
    if folded in _SPOKES_WORDS:
        return r"\bspokes(?:man|woman|person|men|women|persons|people)\b"
    if folded == "secretary":
        return r"\bsecretar(?:y|ies)\b"
    if folded in _PLURAL_HEADS:
        return rf"\b{folded}s?\b"
    if len(word) >= 2 and word.isalpha() and word.isupper():
        return rf"(?-i:\b{re.escape(word)}s?\b)"
    return phrase_regex(word)


def _by_length(sources: Iterable[str]) -> list[str]:
    return sorted(set(sources), key=lambda s: (-len(s), s))


def _longest_first(sources: Iterable[str]) -> str:
    return "(?:" + "|".join(_by_length(sources)) + ")"


def _compiler(document: Any) -> Any:
    import re2

    def compile_(source: str) -> Any:
        try:
            return re2.compile(source, options(case_sensitive=False))
        except re2.error as exc:  # a registry entry RE2 cannot take (e.g. far too many forms)
            raise RulesError(
                f"the people and offices registries do not compile: {exc}", document.location(("offices",))
            ) from None

    return compile_


_COMPILED: list[tuple[Any, Registry]] = []
"""Registries already compiled: every field of a family (and both families) share one."""


def registry_for(registries: Any, document: Any) -> Registry:
    """The compiled registry for a rules file's registries, built once."""
    for known, compiled in _COMPILED:
        if known is registries:
            return compiled
    compiled = Registry(registries, document)
    _COMPILED[:] = [*_COMPILED[-3:], (registries, compiled)]
    return compiled


# --- probes ---------------------------------------------------------------------------------------


def compile_probes(
    spec: Spec, context: CompileContext, extractor: ExtractorRef, priority: int
) -> list[Probe]:
    """One probe per field: the person's names (title) or the office's forms (holder)."""
    registries = context.registries
    if registries is None:
        raise context.error("an official extractor needs the rules' people and offices registries")
    wanted = {
        "title": ("office", "people", "official.{key}.title"),
        "holder": ("person", "offices", "role.{key}.holder"),
    }
    field_type, section, example = wanted[spec.output]
    if context.field_type != field_type:
        raise context.error(
            f"output {spec.output!r} gives a {field_type} value, but the field is of type "
            f"{context.field_type!r}",
            ("output",),
            hint=f"declare it as e.g. id: {example}, type: {field_type}, keys_from: {section}",
        )
    key = context.key
    if key is None or key not in getattr(registries, section):
        raise context.error(
            f"output {spec.output!r} belongs in a family keyed by the {section} registry "
            f"(keys_from: {section}); {key!r} is not one of its keys",
            ("output",),
        )
    registry = registry_for(registries, context.document)
    if spec.output == "title":
        source = registry.person_regex[key]
    else:
        source = registry.office_regex[key]
        if key in registry.kind:  # "his Australian counterpart, Marise Payne" names no form of it
            source = f"(?:{source}|{_COUNTERPART_WORD})"
    return [
        Probe(
            field_id=context.field_id,
            extractor=extractor,
            priority=priority,
            source=source,
            case_sensitive=False,
            regex=context.compile_probe(source, ("output",)),
            interpret=_reader(registry, spec.output, key, spec.new_holders),
        )
    ]


def _to_bytes(sentence: str, span: tuple[int, int]) -> tuple[int, int]:
    return len(sentence[: span[0]].encode("utf-8")), len(sentence[: span[1]].encode("utf-8"))


def _overlapping(relations: Sequence[Relation], span: tuple[int, int], part: str) -> list[Relation]:
    """Relations whose title (or name) overlaps the probe's match; kept ones first."""
    found = [r for r in relations if getattr(r, part)[0] < span[1] and span[0] < getattr(r, part)[1]]
    return sorted(found, key=lambda r: r.reason is not None)


def _hit(data: bytes, relation: Relation, value: str | None, reason: str | None) -> Hit:
    sentence = data.decode("utf-8", "replace")
    return Hit(
        value,
        _to_bytes(sentence, relation.anchor),
        _to_bytes(sentence, relation.span),
        reason=reason,
    )


def _char_span(data: bytes, span: tuple[int, int]) -> tuple[int, int]:
    sentence = data.decode("utf-8", "replace")
    to_char = char_offsets(sentence, data)
    return to_char(span[0]), to_char(span[1])


def _reader(registry: Registry, output: Literal["title", "holder"], key: str, new_holders: bool) -> Any:
    """interpret() for one field: the pair whose name (title output) or title (holder output) is
    the probe's match, read once per sentence for every field."""
    part, missing = ("name", "office title") if output == "title" else ("title", "person's name")

    def interpret(spans: Spans, data: bytes, scope: SentenceScope) -> Hit:
        relations = _overlapping(registry.relations(data, scope), _char_span(data, spans[0]), part)
        if not relations:
            return Hit(None, spans[0], spans[0], reason=f"no {missing} next to the {part}")
        own = [
            r for r in relations if r.reason is None and (r.person if output == "title" else r.office) == key
        ]
        relation = own[0] if own else relations[0]
        if relation.reason is not None:
            return _hit(data, relation, None, relation.reason)
        if output == "title":
            if relation.person != key:
                return _hit(data, relation, None, f"the name is {relation.person}, not {key}")
            return _hit(data, relation, relation.office, None)
        if relation.office != key:
            return _hit(data, relation, None, f"the title names {relation.office}, not {key}")
        if not relation.registered and not new_holders:
            return _hit(data, relation, None, f"{relation.person} is not in the people registry")
        return _hit(data, relation, relation.person, None)

    return interpret


def literal_forms(office: Any, lexicons: Mapping[str, Any]) -> list[str]:
    """An office's forms written out as the `stance` kind reads them: each `{lex:NAME}` as each of
    the lexicon's phrases, `{country?}` with and without `{country}`, Defence/Defense and
    spokesman/spokeswoman/spokesperson, and a form without a country with "{country}" before it
    ("Australian Prime Minister") and once with "of {country}" after it."""
    out: list[str] = []
    for form in office.forms:
        choices: list[list[str]] = []
        for word in form.split():
            placeholder = _PLACEHOLDER.fullmatch(word)
            if placeholder is None or placeholder.group(1) == "country":
                choices.append([word])
            elif placeholder.group(1) == "country?":
                choices.append(["{country}", ""])
            else:
                lexicon = lexicons.get(placeholder.group(1)[4:])
                choices.append(list((*lexicon.nouns, *lexicon.words)) if lexicon is not None else [word])
        for combination in itertools.product(*choices):
            spelled = _spellings(" ".join(word for word in combination if word))
            out.extend(spelled)
            if office.country is not None and "{country" not in form:
                # "the Australian Prime Minister said": the country's adjective before the title
                out.extend("{country} " + spelling for spelling in spelled)
        if office.country is not None and "{country" not in form:
            # "the Prime Minister of Japan said": the country after the title, for each form's
            # first spelling only (the stance kind reads "Japanese Prime Minister" by itself).
            out.append(" ".join(choice[0] for choice in choices) + " of {country}")
    return list(dict.fromkeys(out))


_SPELLINGS = re.compile(r"\b(?:[Dd]efen[cs]e|[Ss]pokes(?:man|woman|person))\b")


def _spellings(text: str) -> list[str]:
    """The spellings the official kind folds, written out: Defence/Defense, spokesman/woman/person."""
    match = _SPELLINGS.search(text)
    if match is None:
        return [text]
    word = match.group()
    if word[1:].startswith("efen"):
        options_ = [word[:5] + "ce", word[:5] + "se"]
    else:
        options_ = [word[:6] + ending for ending in ("man", "woman", "person")]
    rest = _spellings(text[match.end() :])
    return [text[: match.start()] + option + tail for option in options_ for tail in rest]
