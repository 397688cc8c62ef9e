"""`frame`: a value read from a trigger word that stands in a given role to a topic, in one clause.

    - kind: frame
      topic: '{ref:japan}'          # RE2: who or what the value is about
      window: 6                     # most words between trigger and topic (default 6)
      values:
        under_consideration: [{lexicon: consider, role: object}]  # "are considering inviting Japan"
        invited: [{lexicon: invite, role: object}]                 # "Japan was invited"
        joined: [{lexicon: join, role: subject}]                   # "Japan's participation"
        talks_reported: [{lexicon: talks, role: with}]             # "talks with Japan"

A frame names a trigger lexicon (declared once under `lexicons:`, with inflections generated)
and the role the topic must play for the trigger to say something about it:

- `subject`: the topic does it: "Japan joined", "Japan and Canada intend to join", "Tokyo will
  not take part", or owns the noun: "Japan's participation", "the accession of Japan". Only a
  verb group may stand between the topic and the verb (auxiliaries, modals, negation, adverbs,
  "intends to", "is about to"), so "Japan's neighbour South Korea joined", "Japan said Seoul
  would join" and "Tokyo to find ways to collaborate" do not count for Japan.
- `object`: it is done to the topic: "are considering inviting Japan", "Japan was invited",
  "Japan's entry is being considered", "Japan has received an invitation", "an invitation to
  Tokyo". "Japan invited the ministers" does not count: there Japan does the inviting.
- `with`: the topic is the partner: "cooperation with Japan", "work with Tokyo".


The trigger is the anchor: negation, future and hedges are judged at it, so "Japan was not
invited" is a denial and "Japan will join" a forecast. A trigger marked `negated: true` gives
its value only when negated, the negation then being part of the value: with `excluded:
[{lexicon: join, role: subject, negated: true}]`, "Japan will not take part in Pillar I" is
`excluded (expected)`, and "Japan will take part" counts only for the values that list the
trigger plainly. Triggers of one frame that overlap keep
the earliest: in "would consider bringing Japan in", "consider" is the claim. Use the field's
or the extractor's `context` for what the sentence must be about ('{ref:aukus}').
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from aukus_check.english import VERB_GROUP_WORD, word_alternation
from aukus_check.english.words import BE_FORMS, FINITE_HAVE, GET_FORMS, NONFINITE_BE
from aukus_check.extractors.base import CompileContext, ExtractorSpec, Hit, Probe, SentenceScope
from aukus_check.extractors.placeholders import expand_placeholders
from aukus_check.models import ExtractorRef
from aukus_check.re2_spans import Spans

KIND = "frame"

Role = Literal["subject", "object", "with"]
_LOWER_WORD = r"(?-i:[a-z][a-z’'-]*)"
"""A word that cannot be a name: auxiliaries, adverbs, "about to", "not"."""
_CLAUSE_WORD = r"[\w’'\-“”\"‘]+"
_NOT_OBJECT = re.compile(
    rb"\b(?:said|says|told|if|about)\b"
    rb"|\b(?:to|at|from|by|into|than|as|(?<!bring )(?<!brought )(?<!bringing )in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""Between a verb and the topic, what makes the topic something else than its object: a
preposition just before it, a place or a means ("invited the ministers to Tokyo", "in Manila";
not "bringing in Manila", nor "weighing whether to bring Japan"), a new speaker, or a question
("asked if it meant Japan ..."). Python's re on the few bytes between two matched spans: a
bounded, literal search."""
_PASSIVE = rf"(?:{word_alternation(BE_FORMS | GET_FORMS)}|{word_alternation(FINITE_HAVE)}\s+been)"
_LIGHT_VERB = (
    r"(?:(?:begin|began|begun|start|hold|held|open|launch|enter|conduct|resume|seek|sought|make|made)\w*"
    rf"|{word_alternation(NONFINITE_BE)}|become|becoming|became)"
)
"""A verb that carries a noun trigger for its subject: "Japan began talks", "Japan being a fourth member"."""
_RECEIVE = rf"(?:receiv\w*|{word_alternation(GET_FORMS)}|accept\w*|obtain\w*)"
_QUOTE = r"[‘’'\"“”]?"


class Trigger(BaseModel):
    """A lexicon and the role the topic plays for it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lexicon: str = Field(description="A lexicon declared under `lexicons:`.")
    role: Role = Field(description="subject, object or with: see the kind's documentation.")
    negated: bool = Field(
        default=False,
        description="The value holds when the trigger is negated ('Japan will not take part in Pillar "
        "I' is excluded); the same trigger affirmed then counts only for the values that list it plainly.",
    )


class Spec(ExtractorSpec):
    """A topic, and per vocabulary value the triggers that state it about the topic."""

    kind: Literal["frame"]
    topic: str = Field(
        description="RE2 pattern (case-sensitive) naming the topic: '{ref:japan}', '{aliases}'."
    )
    values: dict[str, list[Trigger]] = Field(description="Vocabulary value to its triggers.")
    window: int = Field(default=6, ge=0, le=20, description="Most words between trigger and topic.")


def _patterns(
    role: Role, verbs: str | None, nouns: str | None, participles: str | None, topic: str, window: int
) -> list[str]:
    """RE2 sources for one trigger in one role; the trigger is the group `anchor`."""
    gap = rf"(?:{_CLAUSE_WORD}\s+){{0,{window}}}?"
    verb_group = rf"(?:\s+{VERB_GROUP_WORD}){{0,{window}}}?"
    coordinated = r"(?:\s*(?:,|\band\b|\bor\b)\s*(?-i:[A-Z][\w.’'-]*)(?:\s+(?-i:[A-Z][\w.’'-]*))?)?"
    found: list[str] = []
    if role == "subject":
        if verbs:
            found.append(rf"{topic}{coordinated}{verb_group}\s+{_QUOTE}(?P<anchor>{verbs})\b")
        if nouns:
            found.append(rf"{topic}[’']s\s+(?:{_LOWER_WORD}\s+){{0,3}}?(?P<anchor>{nouns})\b")
            found.append(rf"(?P<anchor>{nouns})\s+(?:of|by)\s+(?:the\s+)?{topic}")
            # "Japan is to begin formal negotiations": a light verb carries the noun
            found.append(
                rf"{topic}{coordinated}{verb_group}\s+{_LIGHT_VERB}\s+(?:{_LOWER_WORD}\s+){{0,2}}?"
                rf"(?P<anchor>{nouns})\b"
            )
    elif role == "object":
        if verbs:
            found.append(rf"(?P<anchor>{verbs}){_QUOTE}\s+{gap}(?P<topic>{topic})")
        if participles:
            found.append(
                rf"{topic}(?:[’']s\s+(?:{_LOWER_WORD}\s+){{0,3}}?[\w-]+)?(?:\s+{_CLAUSE_WORD}){{0,{window}}}?"
                rf"\s+{_PASSIVE}\s+{_QUOTE}(?:{_LOWER_WORD}\s+){{0,2}}?{_QUOTE}(?P<anchor>{participles})\b"
            )
        if nouns:
            found.append(rf"{topic}{verb_group}\s+{_RECEIVE}\s+(?:[\w,’'-]+\s+){{0,3}}?(?P<anchor>{nouns})\b")
            found.append(rf"(?P<anchor>{nouns})\s+(?:to|for|of|from)\s+(?:the\s+)?{topic}")
    else:  # with
        triggers = "|".join(t for t in (verbs, nouns) if t)
        found.append(rf"(?P<anchor>{triggers})\s+{gap}(?:with|alongside)\s+(?:the\s+)?{topic}")
    return found


def compile_probes(
    spec: Spec, context: CompileContext, extractor: ExtractorRef, priority: int
) -> list[Probe]:
    """One probe per value, role and form: RE2 patterns generated from the lexicons."""
    registries = context.registries
    lexicons = registries.lexicons if registries is not None else {}
    if not spec.values:
        raise context.error("a frame needs at least one value under 'values'", ("values",))
    topic = f"(?-i:{context.expand(spec.topic, ('topic',))})"
    probes: list[Probe] = []
    negated = {(t.lexicon, t.role) for triggers in spec.values.values() for t in triggers if t.negated}
    for value, triggers in spec.values.items():
        context.check_value(value, ("values", value), verb="lists")
        if not triggers:
            raise context.error(f"value {value!r} has no triggers", ("values", value))
        for index, trigger in enumerate(triggers):
            where = ("values", value, index, "lexicon")
            if trigger.lexicon not in lexicons:
                known = ", ".join(lexicons) or "none declared"
                raise context.error(f"no lexicon {trigger.lexicon!r} (lexicons: {known})", where)

            def forms(
                kind: str, trigger: Trigger = trigger, where: tuple[str | int, ...] = where
            ) -> str | None:
                lexicon = lexicons[trigger.lexicon]
                if kind in ("verb", "participle") and not lexicon.verbs:
                    return None
                if kind == "noun" and not lexicon.nouns:
                    return None
                return expand_placeholders(
                    f"{{{kind}:{trigger.lexicon}}}", lexicons, {}, lambda m: context.error(m, where)
                )

            polarity: Literal["any", "affirmed", "negated"] = (
                "negated"
                if trigger.negated
                else "affirmed"
                if (trigger.lexicon, trigger.role) in negated
                else "any"
            )
            for source in _patterns(
                trigger.role, forms("verb"), forms("noun"), forms("participle"), topic, spec.window
            ):
                regex = context.compile_probe(source, ("values", value, index))
                probes.append(
                    Probe(
                        field_id=context.field_id,
                        extractor=extractor,
                        priority=priority,
                        source=source,
                        case_sensitive=False,
                        regex=regex,
                        interpret=_fixed(value, dict(regex.groupindex), polarity),
                    )
                )
    return probes


def _fixed(
    value: str, groups: dict[str, int], polarity: Literal["any", "affirmed", "negated"]
) -> Callable[[Spans, bytes, SentenceScope], Hit]:
    anchor_group = groups["anchor"]
    topic_group = groups.get("topic")

    def interpret(spans: Spans, data: bytes, scope: SentenceScope) -> Hit:
        anchor = spans[anchor_group]
        if topic_group is not None and _NOT_OBJECT.search(data, anchor[1], spans[topic_group][0]):
            return Hit(None, anchor, spans[0], reason="the topic is not the trigger's object")
        return Hit(value, anchor, spans[0], polarity=polarity)

    return interpret
