"""The rules file's registries: actors, people with their terms of office, offices, lexicons,
references, checked (keys, countries, members, term dates) with located errors.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from aukus_check.errors import RulesError
from aukus_check.yaml_source import YamlDocument

SNAKE = re.compile(r"[a-z0-9][a-z0-9_]*")


class Strict(BaseModel):
    """A rules-file model: frozen, and no key it does not declare."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class TermOfOffice(Strict):
    """A span in which a person held an office, from the public record."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    office: str = Field(description="Key of the office in the offices registry.")
    start: str | int = Field(alias="from", description="First day in office, YYYY-MM-DD (or YYYY-MM, YYYY).")
    end: str | int | None = Field(
        default=None, alias="to", description="Last day in office; absent or null while in office."
    )


class ActorSpec(Strict):
    """A government or country whose stance and officials the rules track."""

    label: str = Field(description="How reports name the actor ('China', 'the AUKUS partners').")
    aliases: list[str] = Field(
        default_factory=list,
        description="Names that stand for the actor: country names, capitals used as metonyms "
        "(Beijing), government bodies (the Kremlin); matched case-sensitively as whole words. "
        "Required, except for a group.",
    )
    adjectives: list[str] = Field(
        default_factory=list,
        description="How offices are qualified by the country: 'U.S.', 'US', 'American', 'Washington's'.",
    )
    members: list[str] = Field(
        default_factory=list,
        description="Makes this actor a group of other actors ('the AUKUS partners'): what its names "
        "hold, each member holds; a group has no field of its own (keys_from: actors skips it).",
    )
    mentions: list[str] = Field(
        default_factory=list,
        description="For a group: words that refer back to it once the article has named it ('the "
        "trio', 'the three partners'), matched case-insensitively.",
    )


class PersonSpec(Strict):
    """A person the rules track: official.<person>.title and role.<office>.holder values."""

    name: str = Field(description="Full name as usually written, e.g. 'Kurt Campbell'.")
    aliases: list[str] = Field(
        default_factory=list, description="Other full forms of the name ('Tony Albanese')."
    )
    surname: str | None = Field(
        default=None,
        description="Counts alone only after the full name appeared in the article; default: the "
        "last word of the name.",
    )
    country: str | None = Field(default=None, description="Actor key the person speaks for.")
    terms: list[TermOfOffice] = Field(
        default_factory=list,
        description="The offices the person held and when (public record; give the source in a "
        "comment). With terms, a title or holder an article gives is checked against the record "
        "at the article's time: values the record bears out never conflict, one it contradicts is "
        "reported.",
    )


class OfficeSpec(Strict):
    """An office the rules track, and how articles write it."""

    label: str = Field(description="The office's name in reports ('U.S. Deputy Secretary of State').")
    country: str | None = Field(default=None, description="Actor key the office belongs to.")
    holders: Literal["one", "many"] = Field(
        default="one",
        description="many: several people hold the office at once (spokespersons, ministers of "
        "state), so different holders named for it never conflict.",
    )
    forms: list[str] = Field(
        min_length=1,
        description="How articles write the office: words, '{country}' (the country's adjectives "
        "and names), '{country?}' (the same, or nothing) and '{lex:NAME}' (any phrase of a "
        "lexicon). A form without a country is also read with the country before or after it; "
        "alone it names this office only for this country, written next to the title or the "
        "country of the person (a bare 'Prime Minister' next to Fumio Kishida). The first form's "
        "lexicons are the office's kind ('his Australian counterpart').",
    )


class LexiconSpec(Strict):
    """A word list declared once and used by name in any pattern: {lex:NAME}, {verb:NAME}, ..."""

    verbs: list[str] = Field(
        default_factory=list,
        description="Verbs in their base form ('consider', 'take part'); every inflection is generated "
        "('considers', 'considered', 'considering', 'took part').",
    )
    nouns: list[str] = Field(
        default_factory=list,
        description="Nouns in the singular ('invitation'); the plural is generated.",
    )
    words: list[str] = Field(
        default_factory=list,
        description="Words and phrases taken as written (adjectives, idioms); a trailing * matches "
        "the rest of the word.",
    )
    unless: list[str] = Field(
        default_factory=list,
        description="Generated forms to leave out: 'including' is mostly a preposition, not a verb.",
    )


class ReferenceSpec(Strict):
    """Something articles name once and then refer back to: {ref:NAME} matches both."""

    names: list[str] = Field(
        min_length=1,
        description="Phrases that name it ('AUKUS'); matched as whole words, case-sensitively unless "
        "'case_sensitive' is false.",
    )
    mentions: list[str] = Field(
        default_factory=list,
        description="Nouns that refer back to it once the article has named it ('pact' matches 'the "
        "pact', 'this security pact', 'the trilateral pact'); plurals are generated.",
    )
    case_sensitive: bool = Field(default=True, description="Whether the names match case-sensitively.")


@dataclass(frozen=True)
class Registries:
    """The rules file's registries and word lists, shared by every extractor that needs them."""

    actors: Mapping[str, ActorSpec]
    people: Mapping[str, PersonSpec]
    offices: Mapping[str, OfficeSpec]
    lexicons: Mapping[str, LexiconSpec] = field(default_factory=dict)
    references: Mapping[str, ReferenceSpec] = field(default_factory=dict)
    terms: tuple[Term, ...] = ()
    """Every term of office in the people registry, checked."""


@dataclass(frozen=True)
class Term:
    """One term of office from the registry, as days (end None: still in office)."""

    person: str
    office: str
    start: datetime.date
    end: datetime.date | None
    person_name: str = ""
    office_label: str = ""

    def covers(self, first: datetime.date, last: datetime.date) -> bool:
        """Whether the term and the days first..last share a day."""
        return self.start <= last and (self.end is None or first <= self.end)

    def words(self) -> str:
        """ "Fumio Kishida, Prime Minister of Japan, 2021-10-04 to 2024-10-01"."""
        span = (
            f"{self.start.isoformat()} to {self.end.isoformat()}"
            if self.end is not None
            else f"from {self.start.isoformat()}, in office"
        )
        return f"{self.person_name or self.person}, {self.office_label or self.office}, {span}"


def check_registries(spec: Any, document: YamlDocument) -> Registries:
    """Check that every person and office names a known actor, and that keys are snake_case."""
    for section in ("actors", "people", "offices"):
        for key in getattr(spec, section):
            if not SNAKE.fullmatch(key):
                raise RulesError(
                    f"{section}: key {key!r} is not snake_case", document.location((section, key), key=True)
                )
    for section in ("people", "offices"):
        for key, entry in getattr(spec, section).items():
            if entry.country is not None and entry.country not in spec.actors:
                known = ", ".join(spec.actors) or "none declared"
                raise RulesError(
                    f"{section}.{key}: country {entry.country!r} is not an actor (actors: {known})",
                    document.location((section, key, "country")),
                )
    for key, actor in spec.actors.items():
        for index, member in enumerate(actor.members):
            if member not in spec.actors or spec.actors[member].members:
                known = ", ".join(k for k, a in spec.actors.items() if not a.members) or "none declared"
                raise RulesError(
                    f"actors.{key}: member {member!r} is not an actor of its own (actors: {known})",
                    document.location(("actors", key, "members", index)),
                )
        if not actor.aliases and not actor.members:
            raise RulesError(
                f"actors.{key}: an actor needs 'aliases' (names that stand for it)",
                document.location(("actors", key)),
            )
        if actor.mentions and not actor.members:
            raise RulesError(
                f"actors.{key}: 'mentions' refer back to a group: give its 'members'",
                document.location(("actors", key, "mentions")),
            )
    for section in ("people", "offices"):
        for key, entry in getattr(spec, section).items():
            if (
                entry.country is not None
                and spec.actors.get(entry.country)
                and spec.actors[entry.country].members
            ):
                raise RulesError(
                    f"{section}.{key}: country {entry.country!r} is a group of actors, not one",
                    document.location((section, key, "country")),
                )
    for section in ("lexicons", "references"):
        for key in getattr(spec, section):
            if not SNAKE.fullmatch(key):
                raise RulesError(
                    f"{section}: key {key!r} is not snake_case", document.location((section, key), key=True)
                )
    for key, lexicon in spec.lexicons.items():
        if not (lexicon.verbs or lexicon.nouns or lexicon.words):
            raise RulesError(
                f"lexicons.{key}: a lexicon needs 'verbs', 'nouns' or 'words'",
                document.location(("lexicons", key)),
            )
    terms: list[Term] = []
    for key, person in spec.people.items():
        for index, term in enumerate(person.terms):
            where = ("people", key, "terms", index)
            if term.office not in spec.offices:
                raise RulesError(
                    f"people.{key}: term office {term.office!r} is not in the offices registry",
                    document.location((*where, "office")),
                )
            start = _term_day(term.start, first=True)
            if start is None:
                raise RulesError(
                    f"people.{key}: term 'from' {term.start!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)",
                    document.location((*where, "from")),
                )
            end = None if term.end is None else _term_day(term.end, first=False)
            if term.end is not None and (end is None or end < start):
                raise RulesError(
                    f"people.{key}: term 'to' {term.end!r} is not a date on or after 'from'",
                    document.location((*where, "to")),
                )
            terms.append(Term(key, term.office, start, end, person.name, spec.offices[term.office].label))
    return Registries(
        actors=spec.actors,
        people=spec.people,
        offices=spec.offices,
        lexicons=spec.lexicons,
        references=spec.references,
        terms=tuple(terms),
    )


_TERM_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _term_day(text: str | int, *, first: bool) -> datetime.date | None:
    """The first (or last) day a term date stands for; None if it is no calendar date."""
    found = _TERM_DATE.fullmatch(str(text).strip())
    if found is None:
        return None
    year, month, day = (int(part) if part else None for part in found.groups())
    assert year is not None
    try:
        if month is None:
            return datetime.date(year, 1, 1) if first else datetime.date(year, 12, 31)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return datetime.date(year, month, 1 if first else last)
        return datetime.date(year, month, day)
    except ValueError:
        return None


def record_of(
    field_type: str, key: str | None, registries: Registries
) -> Mapping[str, tuple[Term, ...]] | None:
    """value -> the record's terms in which it holds, for an office field of a person or a person
    field of an office; None when the registry records no term for that person or office."""
    if key is None:
        return None
    if field_type == "office" and key in registries.people:
        relevant = [(term.office, term) for term in registries.terms if term.person == key]
    elif field_type == "person" and key in registries.offices:
        relevant = [(term.person, term) for term in registries.terms if term.office == key]
    else:
        return None
    if not relevant:
        return None
    record: dict[str, list[Term]] = {}
    for value, term in relevant:  # the value a term gives this field
        record.setdefault(value, []).append(term)
    return {value: tuple(found) for value, found in record.items()}
