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
one of four constructions:

- title before the name: "Japanese Defense Minister Minoru Kihara";
- name, then the title in apposition: "Hirokazu Matsuno, the Secretary General of Japan's
  Cabinet";
- title, then the name in apposition, at the start of a clause: "The United States
  Ambassador in Tokyo, Rahm Emanuel, ..." ("after meeting the Defence Minister, Albanese
  said" is no apposition: the title is an object there);
- a predicate: "Kihara is (no longer) the defence minister", "Yamada will become ...",
  "Marles, who is the deputy prime minister and defence minister".

Titles are the office forms of the rules' `offices` registry; "{country}" in a form stands
for the office country's adjectives and names ("U.S.", "US", "American", "Washington's").
Defense/Defence, spokesman/spokeswoman/spokesperson, case and a leading "the"/"a" are
folded. A form without "{country}" ("Prime Minister", "Foreign Ministry spokeswoman") names
an office only next to a person of the registry whose country is the office's. A person is
read by full name or alias; the surname alone counts only once the full name appeared
earlier in the article. A holder who is not in the registry ("Japanese Defense Minister
Taro Yamada") is read as a snake_case slug of the name ("taro_yamada"): a new holder is
exactly what a time-separated difference needs, so it is kept rather than dropped.

Dropped, with the reason shown by `explain`: "former"/"ex-"/"then-"/"late" before the title
(not a current holder: keeping it as a value would make it compare as the present holder,
and "former" is no denial either); "Vice President", "Deputy Prime Minister" (another office
than President or Prime Minister); a title qualified by another country ("Philippine
President"); a title introducing the next name in a list ("Albanese, Defence Minister
Richard Marles" does not make Albanese the minister); a possessive ("the defence minister's
adviser").

Modality. A title in a noun phrase (the first three constructions) is the writer's own
description of the person, whatever the sentence's verb does: "Kishida is expected to meet
US President Joe Biden" does not make Biden's title expected, and "Albanese did not meet
Defence Minister Marles" does not deny Marles's. So its anchor is the whole sentence, and
only a cue that sources the whole sentence ("reportedly", "according to", a "(Sankei,
2024)" citation) changes it, to reported. In a predicate the title is what the clause
asserts, so the anchor is the title and the clause's negation ("is no longer"), future ("will
become") and attribution ("officials said") apply. A rule's `unless_before` therefore only
acts on predicates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from aukus_check.errors import RulesError
from aukus_check.extractors.base import CompileContext, ExtractorSpec, Hit, Probe, SentenceScope
from aukus_check.extractors.phrases import alternation, phrase_regex
from aukus_check.models import ExtractorRef
from aukus_check.re2_spans import Spans, char_offsets, iter_spans, options

KIND = "official"

Construction = Literal["title-name", "name-title", "title-comma-name", "predicate"]
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
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an) ")
_DEFENCE = re.compile(r"\bdefen[cs]e\b")
_SPOKES = re.compile(r"\bspokes(?:man|woman|person)\b")
_SPOKES_WORDS = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def title_key(text: str) -> str:
    """A title folded for lookup: case, spacing, hyphens, Defense/Defence, spokes*, a leading article."""
    folded = _SPACING.sub(" ", text.translate(_FOLD).casefold()).strip()
    folded = _LEADING_ARTICLE.sub("", folded)
    folded = _SPOKES.sub("spokesperson", _DEFENCE.sub("defence", folded))
    return folded.replace(" ", "")


def name_key(text: str) -> str:
    """A person's name folded for lookup: spacing and hyphens (case is kept: names are proper)."""
    return _SPACING.sub("", text.translate(_FOLD))


def slug(name: str) -> str:
    """A snake_case key for a name not in the registry: 'Taro Yamada' -> 'taro_yamada'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.casefold()).strip("_")


# --- what may stand before a title, and what a name is not ----------------------------------

_NOT_CURRENT = frozenset({"former", "ex", "then", "late"})
_OTHER_OFFICE = frozenset({"vice", "deputy", "assistant", "under", "associate", "shadow", "acting"})
_NOT_YET = frozenset({"incoming", "designate", "future", "next", "would-be"})
_MODIFIER = "(?:" + "|".join(sorted(_NOT_CURRENT | _OTHER_OFFICE | _NOT_YET)) + ")"
_TITLE_WORDS = frozenset(
    "minister ministry secretary president ambassador director spokesman spokeswoman spokesperson "
    "chief premier deputy vice cabinet council general senator governor chancellor king queen prince "
    "emperor defence defense foreign prime state house department office government officials "
    "official navy army forces envoy adviser advisor commander admiral".split()
)
_NOT_NAMES = frozenset(
    "the a an this that these those he she it they we i his her its their our in on at for from with "
    "by but and or as if when while after before since last next earlier later also meanwhile however "
    "then still yesterday today tomorrow mr mrs ms dr monday tuesday wednesday thursday friday saturday "
    "sunday january february march april june july august september october november december".split()
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
    r"|(?:will|would|could|may|might)\s+(?:not\s+|no\s+longer\s+)?(?:be|become|remain|serve\s+as)"
    r"|(?:is|was)\s+(?:expected|set|likely|tipped|poised)\s+to\s+(?:be|become))"
    r"(?:\s+(?:not|no\s+longer|still|now|currently|also|already|never))?"
)
"""Verbs that give a person an office in a predicate; only these: "X met the minister" is none."""
_PREFIX_WORDS = re.compile(r"((?:[^\s,;:()\[\]“”\"]+\s+){1,6})$")
_PREVIOUS_TOKEN = re.compile(r"(\S+?)(?:\s+|\s*[-\u2010\u2011])$")
_POSSESSIVE = re.compile(r"['’]s\b")
_NEXT_WORD = re.compile(r"\s+(\S)")


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


class Registry:
    """The people and offices registries compiled for matching: one per rules file, shared."""

    def __init__(self, registries: Any, document: Any) -> None:
        self.people: Mapping[str, Any] = registries.people
        self.offices: Mapping[str, Any] = registries.offices
        self.actors: Mapping[str, Any] = registries.actors
        self.country_of_word: dict[str, str] = {}
        for actor_key, actor in self.actors.items():
            if actor.members:
                continue  # a group of actors ("AUKUS") is no country an office belongs to
            for word in (*actor.adjectives, *actor.aliases):
                self.country_of_word.setdefault(title_key(word), actor_key)
        self.forms: dict[str, list[tuple[str, bool]]] = {}
        self.office_regex: dict[str, str] = {}
        all_forms: list[str] = []
        for office_key, office in self.offices.items():
            sources = []
            for index, form in enumerate(office.forms):
                source, expansions = self._form(office_key, office, index, form, document)
                sources.append(source)
                for text, explicit in expansions:
                    entries = self.forms.setdefault(title_key(text), [])
                    if (office_key, explicit) not in entries:
                        entries.append((office_key, explicit))
            self.office_regex[office_key] = _longest_first(sources)
            all_forms.extend(sources)
        self.full_names: dict[str, str] = {}
        self.surnames: dict[str, list[str]] = {}
        self.person_regex: dict[str, str] = {}
        self.earlier: dict[str, re.Pattern[str]] = {}
        registered_names: list[str] = []
        for person_key, person in self.people.items():
            full = [person.name, *person.aliases]
            surname = person.surname or person.name.split()[-1]
            for name in full:
                self.full_names.setdefault(name_key(name), person_key)
            self.surnames.setdefault(name_key(surname), []).append(person_key)
            names = [*full, surname]
            self.person_regex[person_key] = alternation(names, case_sensitive=True)
            self.earlier[person_key] = re.compile(
                r"(?<!\w)(?:"
                + "|".join(r"[\s\-\u2010\u2011]*".join(map(re.escape, _SPACING.split(n))) for n in full)
                + r")(?!\w)"
            )
            registered_names.extend(names)
        title = _longest_first(all_forms)
        name = f"(?:{alternation(registered_names, case_sensitive=True)}|{_GENERIC_NAME})"
        compile_ = _compiler(document)
        self.constructions: tuple[tuple[Construction, Any], ...] = (
            ("title-name", compile_(rf"(?P<title>{title}){_SEP}(?P<name>{name})")),
            (
                "name-title",
                compile_(rf"(?P<name>{name}),\s+{_ARTICLE}{_OPTIONAL_MODIFIER}(?P<title>{title})"),
            ),
            (
                "title-comma-name",
                compile_(rf"{_ARTICLE}{_OPTIONAL_MODIFIER}(?P<title>{title}),\s+(?P<name>{name})"),
            ),
            (
                "predicate",
                compile_(
                    rf"(?P<name>{name})(?:,\s+who)?\s+{_COPULA}\s+{_ARTICLE}{_OPTIONAL_MODIFIER}(?P<title>{title})"
                ),
            ),
        )
        self._cached: tuple[tuple[str, int, bytes], list[Relation]] | None = None

    def _form(
        self, office_key: str, office: Any, index: int, form: str, document: Any
    ) -> tuple[str, list[tuple[str, bool]]]:
        """RE2 source of one office form, and its literal expansions (text, names a country)."""
        where = ("offices", office_key, "forms", index)
        words = form.split()
        if not words:
            raise RulesError(f"offices.{office_key}: a form cannot be empty", document.location(where))
        for word in words:
            if "{" in word and word != "{country}":
                raise RulesError(
                    f"offices.{office_key}: form {form!r}: write '{{country}}' as a word of its own "
                    "(the only placeholder a form takes)",
                    document.location(where),
                )
        if "{country}" not in words:
            return _SEP.join(map(_word_regex, words)), [(form, False)]
        if office.country is None:
            raise RulesError(
                f"offices.{office_key}: form {form!r} uses {{country}}, but the office has no 'country'",
                document.location(where),
            )
        actor = self.actors[office.country]
        names = list(dict.fromkeys((*actor.adjectives, *actor.aliases)))
        countries = alternation(names, case_sensitive=True)
        source = _SEP.join(countries if word == "{country}" else _word_regex(word) for word in words)
        return source, [(form.replace("{country}", name), True) for name in names]

    def relations(self, data: bytes, scope: SentenceScope) -> list[Relation]:
        """Every person-office pair in the sentence, kept or dropped; computed once per sentence."""
        key = (scope.text, scope.start, data)
        if self._cached is not None and self._cached[0] == key:
            return self._cached[1]
        sentence = data.decode("utf-8", "replace")
        to_char = char_offsets(sentence, data)
        found = []
        for construction, regex in self.constructions:
            for spans in iter_spans(regex, data):
                title_group, name_group = regex.groupindex["title"], regex.groupindex["name"]
                found.append(
                    self._relation(
                        construction,
                        sentence,
                        (to_char(spans[0][0]), to_char(spans[0][1])),
                        (to_char(spans[title_group][0]), to_char(spans[title_group][1])),
                        (to_char(spans[name_group][0]), to_char(spans[name_group][1])),
                        scope,
                    )
                )
        self._cached = (key, found)
        return found

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
        name_text = sentence[name[0] : name[1]]
        anchor = title if construction == "predicate" else (0, len(sentence))
        office = person = None
        registered = False
        # The reasons a reader finds most telling come first: the construction, then "former" or
        # "Vice", then a foreign qualifier, then the name, then the office.
        reason = self._construction_problem(construction, sentence, match, title)
        if reason is None:
            reason = self._modifier_problem(sentence, title)
        if reason is None:
            reason = self._qualifier_problem(sentence, title, None)
        if reason is None:
            person, registered, name, reason = self._person(construction, sentence, name, scope)
        if reason is None:
            office, reason = self._office(
                sentence[title[0] : title[1]], person if registered else None, name_text
            )
        if reason is None and office is not None:
            reason = self._qualifier_problem(sentence, title, office)
        if reason is not None:
            office = None
        return Relation(construction, title, name, anchor, office, person, registered, reason)

    def _extend_title(self, sentence: str, title: tuple[int, int]) -> tuple[int, int]:
        """Take in the words before the title that make a longer form ("Deputy" + "Secretary of State")."""
        prefix = _PREFIX_WORDS.search(sentence, 0, title[0])
        if prefix is None:
            return title
        starts = [prefix.start() + m.start() for m in re.finditer(r"\S+", prefix.group(1))]
        for start in starts:  # the farthest first: the longest form wins
            if title_key(sentence[start : title[1]]) in self.forms:
                return start, title[1]
        return title

    def _person(
        self, construction: Construction, sentence: str, name: tuple[int, int], scope: SentenceScope
    ) -> PersonReading:
        """(person key or slug, whether registered, the name's span, why not) for a matched name."""
        text = sentence[name[0] : name[1]]
        registered = self._registered(sentence, name, scope)
        if registered is not None:
            return registered
        words = [(m.start() + name[0], m.end() + name[0]) for m in re.finditer(r"\S+", text)]
        ok = [self._name_word(sentence[s:e]) for s, e in words]
        # A name after its title runs until the first word that is no name ("Taro Yamada Tuesday");
        # a name before its title or verb starts after the last one ("On Monday Taro Yamada, ...").
        if construction in ("title-name", "title-comma-name"):
            kept = words[: ok.index(False)] if False in ok else words
        else:
            kept = words[len(ok) - ok[::-1].index(False) :] if False in ok else words
        if not kept:
            return None, False, name, f"{text!r} is not a person's name"
        name = (kept[0][0], kept[-1][1])
        text = sentence[name[0] : name[1]]
        registered = self._registered(sentence, name, scope) if kept != words else None
        if registered is not None:
            return registered
        if len(kept) > 1:
            return slug(text), False, name, None
        full = self._earlier_full_name(text, _before(scope, sentence, name))
        if full is None:
            reason = (
                f"a single name ({text!r}) that is not in the people registry and was not given in "
                "full earlier in the article"
            )
            return None, False, name, reason
        return slug(full), False, name, None

    def _registered(self, sentence: str, name: tuple[int, int], scope: SentenceScope) -> PersonReading | None:
        """The registry person a name (full, alias or surname) stands for; None if it is no registry name."""
        text = sentence[name[0] : name[1]]
        key = name_key(text)
        if key in self.full_names:
            return self.full_names[key], True, name, None
        if key not in self.surnames:
            return None
        candidates = self.surnames[key]
        before = _before(scope, sentence, name)
        named = [person for person in candidates if self.earlier[person].search(before)]
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
        folded = word.translate(_FOLD).casefold()
        return (
            folded not in _NOT_NAMES
            and folded not in _TITLE_WORDS
            and title_key(word) not in self.country_of_word
            and not folded.endswith("'s")
        )

    def _earlier_full_name(self, surname: str, before: str) -> str | None:
        """'Taro Yamada' for a later 'Yamada', when the article gave the full name before."""
        pattern = re.compile(r"([^\W\d_][\w'’\-]*)\s+" + re.escape(surname) + r"(?!\w)")
        for match in reversed(list(pattern.finditer(before))):
            first = match.group(1)
            if first[0].isupper() and self._name_word(first):
                return f"{first} {surname}"
        return None

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

    def _previous_token(self, sentence: str, title: tuple[int, int]) -> tuple[str, int] | None:
        """The word right before the title (spaces or a hyphen between), and where it starts."""
        match = _PREVIOUS_TOKEN.search(sentence, 0, title[0])
        if match is None or match.end() != title[0]:
            return None
        return match.group(1), match.start(1)

    def _modifier_problem(self, sentence: str, title: tuple[int, int]) -> str | None:
        previous = self._previous_token(sentence, title)
        if previous is None:
            return None
        word = previous[0].translate(_FOLD).casefold().strip("-")
        if word in _NOT_CURRENT:
            return f"'{previous[0]}' before the title: not a current holder"
        if word in _OTHER_OFFICE:
            text = sentence[title[0] : title[1]]
            return f"'{previous[0]} {text}' is another office than '{text}'"
        if word in _NOT_YET:
            return f"'{previous[0]}' before the title: not (yet) the holder"
        return None

    def _qualifier_problem(self, sentence: str, title: tuple[int, int], office: str | None) -> str | None:
        """A capitalised word right before the title that is not the office's country ("Philippine
        President"). Without `office`, only words that name no country are judged; with it, country
        names ("British Prime Minister" next to a Japanese office) are."""
        previous = self._previous_token(sentence, title)
        if previous is None:
            return None
        word, start = previous
        actor = self.country_of_word.get(title_key(word))
        if office is not None:
            country = self.offices[office].country
            if actor is None or actor == country:
                return None
            label = self.actors[country].label if country in self.actors else "the office's country"
            return f"'{word}' before the title names another country than {label}"
        if actor is not None or not word[:1].isupper() or word.casefold() in _NOT_NAMES:
            return None  # "On Monday Prime Minister ...": a day or a function word qualifies nothing
        if word[-1] in ',;:.!?)”"':
            return None
        initial = not sentence[:start].strip(" \t\"“‘'(")
        if initial and not _DEMONYM.search(word):
            return None  # "Meanwhile Prime Minister ..." at the start of a sentence
        return f"the title is qualified by '{word}', which names no country of the registry"

    def _office(self, title: str, person: str | None, name: str) -> tuple[str | None, str | None]:
        """The office a title names, given the person it is paired with."""
        entries = self.forms.get(title_key(title), [])
        explicit = sorted({office for office, named in entries if named})
        bare = sorted({office for office, named in entries if not named})
        country = self.people[person].country if person is not None else None
        if explicit:
            offices = explicit
            if len(offices) > 1:
                offices = [o for o in offices if self.offices[o].country == country] or offices
        else:
            if person is None:
                return None, (
                    f"{title!r} names no country, and {name!r} is not in the people registry "
                    "to tell whose office it is"
                )
            offices = [o for o in bare if self.offices[o].country in (None, country)]
            if not offices:
                if country is None or country not in self.actors:
                    return None, f"{title!r} names no country, and {name!r} has none in the registry"
                label = self.actors[country].label
                return None, f"{title!r} is no office of {label}, the country of {name!r} in the registry"
        if len(offices) > 1:
            return None, f"{title!r} is ambiguous: {', '.join(offices)}"
        return offices[0], None


def _before(scope: SentenceScope, sentence: str, name: tuple[int, int]) -> str:
    """The article up to a name: where its full form must have appeared for a surname to count."""
    return scope.before() + sentence[: name[0]]


def _word_regex(word: str) -> str:
    """One word of an office form: Defense/Defence and spokes* folded, acronyms ('PM') exact."""
    folded = word.casefold()
    if folded in ("defence", "defense"):
        return r"\bdefen[cs]e\b"
    if folded in _SPOKES_WORDS:
        return r"\bspokes(?:man|woman|person)\b"
    if len(word) >= 2 and word.isalpha() and word.isupper():
        return phrase_regex(word, case_sensitive=True)
    return phrase_regex(word)


def _longest_first(sources: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted(set(sources), key=lambda s: (-len(s), s))) + ")"


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
    source = registry.person_regex[key] if spec.output == "title" else registry.office_regex[key]
    return [
        Probe(
            field_id=context.field_id,
            extractor=extractor,
            priority=priority,
            source=source,
            case_sensitive=False,
            regex=context.compile(source, ("output",)),
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
        relation = relations[0]
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
