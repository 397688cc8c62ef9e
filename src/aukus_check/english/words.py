"""The English word classes the tool reads clauses with, each defined once.

Modality (negation, futures, hedges, conditions, attribution), the date kind's tense and the
stance kind's subjects and speakers all read the same small closed classes of English: forms
of "be", modals, negations, pronouns, determiners, prepositions, speech and opinion verbs.
They are defined here, once, as frozensets of lower-case words (token lookups use them as
they are), and `word_alternation` turns one into regex source for Python's `re` and RE2 alike.

Where a reader needs fewer or more members than a class, it gets a named class of its own
here, built from the base class and documented with why ("`FINITE_BE`: the finite forms of
be"), never a second list of its own. Vocabulary that is not general English (office titles,
month names, outlet names) stays with the reader that knows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from aukus_check.english.forms import verb_forms

# --- verbs: auxiliaries and modals -----------------------------------------------------------

BE_FORMS = frozenset({"be", "am", "is", "are", "was", "were", "been", "being"})
"""Every form of "be"."""
FINITE_BE = BE_FORMS - {"be", "been", "being"}
"""The finite forms of "be" ("is", "was"): they carry the tense of their clause."""
NONFINITE_BE = BE_FORMS - FINITE_BE
""""be", "been", "being": they follow an auxiliary or open a participle phrase."""
HAVE_FORMS = frozenset({"have", "has", "had", "having"})
"""Every form of "have" that serves as an auxiliary."""
FINITE_HAVE = HAVE_FORMS - {"having"}
"""The finite forms of "have": "having joined" opens a participle phrase, not a finite clause."""
DO_FORMS = frozenset({"do", "does", "did"})
"""The forms of "do" that serve as an auxiliary ("done" and "doing" are the main verb)."""
GET_FORMS = frozenset({"get", "gets", "got", "gotten", "getting"})
"""Every form of "get", which makes a passive ("got invited") and a receiving ("gets access")."""
MODALS = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must"})
"""The modal auxiliaries. "may" is also a month: readers of mixed case keep it lower-case."""
NEGATED_MODALS = frozenset({"cannot", "can't", "won't", "wouldn't", "couldn't", "shouldn't", "mustn't"})
"""Modals with their negation written in: a modal to a reader of tense, a negation to modality."""
NEGATED_AUXILIARIES = NEGATED_MODALS | frozenset(
    {"isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "doesn't", "don't", "didn't"}
)
"""Auxiliaries with "n't" (straight apostrophe: token readers fold the curly one)."""
AUXILIARIES = BE_FORMS | HAVE_FORMS | DO_FORMS | MODALS | NEGATED_AUXILIARIES | {"'s", "’s"}
"""Every auxiliary, "'s" ("it's", "he's") included: words between a subject and its verb."""
FINITE_AUXILIARIES = FINITE_BE | FINITE_HAVE | DO_FORMS | MODALS
"""The finite auxiliaries: one starts a predicate ("is", "has", "did", "will")."""
POSSIBILITY_MODALS = frozenset({"could", "may", "might"})
"""Modals of possibility: "could join" is a hedged forecast."""
MOOD_MODALS = POSSIBILITY_MODALS | {"would"}
"""Modals that set the mood of a stance rather than its time: "would welcome"."""
FUTURE_MODALS = frozenset({"will", "shall", "would"})
"""Modals that look ahead ("will join"); "'ll" is their clitic."""
OBLIGATION_MODALS = frozenset({"should", "must", "ought"})
"""Modals of advice or duty: "Japan should join" is what someone says Japan should do."""
LINKING_VERBS = BE_FORMS | frozenset(
    "remain remains remained seem seems seemed appear appears appeared become becomes became stay stays "
    "stayed looks looked".split()
)
"""Verbs that join a subject to what describes it: "London remains cautious"."""

PRESENT_AUXILIARIES = frozenset({"am", "is", "are", "has", "have", "do", "does"})
"""The auxiliaries in the present tense."""
IRREGULAR_PAST = (FINITE_BE | FINITE_HAVE | DO_FORMS) - PRESENT_AUXILIARIES | frozenset(
    "didn't said met held made took gave began came went saw told led won wrote sent spoke left brought "
    "bought thought found kept paid sought struck chose rose fell grew drew threw flew knew became ran stood "
    "lost meant felt built spent got broke fought taught caught heard laid hung shot".split()
)
"""Past tense forms that do not end in -ed ("was", "met", "took"); "set", "put" and "let" are
left out, being present forms as well."""
IRREGULAR_PARTICIPLES = frozenset(
    "been done gone seen taken given made held met said told written spoken begun known shown grown drawn "
    "flown chosen risen fallen broken won led sent brought bought sought struck become come got gotten "
    "found kept paid lost built spent left".split()
)
"""Past participles that do not end in -ed ("taken", "met")."""
NOT_PAST_ED = frozenset(
    "advanced limited united detailed sophisticated experienced interested concerned skilled armed powered "
    "based related unprecedented classified need indeed speed proceed exceed succeed seed feed bleed breed "
    "greed shed red bed hundred sacred naked wicked beloved aged supposed alleged talented varied".split()
)
"""Words in -ed that are rarely a verb in the past in news prose: adjectives and nouns."""

# --- verbs of looking ahead ----------------------------------------------------------------

FUTURE_ADJECTIVES = frozenset({"expected", "set", "due", "scheduled", "poised", "slated", "going"})
"""Words that, between "be" and "to", look ahead: "is set to", "are due to", "was going to"."""
BE_AHEAD = FUTURE_ADJECTIVES | {"about", "likely"}
"""What, between "be" and "to", makes a clause future to the date kind's tense ("is about to",
"is likely to"); modality reads "about to" apart (a quote may stand before it) and "likely" as
a hedge."""
AHEAD = frozenset(
    {"expected", "scheduled", "planned", "proposed", "upcoming", "anticipated", "forthcoming", "slated"}
)
"""Words that, anywhere near a date, put it ahead: "the expected signing", "an upcoming visit"."""
INTEND = frozenset({"plan", "plans", "planning", "intend", "intends"})
"""Verbs of intent that, before "to", look ahead: "plans to join"."""

# --- negation, condition, hedge ---------------------------------------------------------------

NEGATIONS = frozenset({"not", "never", "no"})
"""The negation particles."""
NEGATIVE_WORDS = NEGATIONS | {"neither", "nor", "none", "nothing", "nobody", "without", "cannot"}
"""Every word that negates what follows it in its clause ("nothing has been decided")."""
CONDITIONS = frozenset({"if", "unless"})
"""Words that open a condition: what depends on it is not stated ("If Japan joins, ...")."""
HYPOTHETICALS = CONDITIONS | {"whether", "in case", "suppose", "supposing", "assuming", "hypothetically"}
"""Words under which a statement is only supposed: conditions, "whether", "assuming"."""
HEDGES = POSSIBILITY_MODALS | frozenset(
    {"possibly", "perhaps", "probably", "likely", "unlikely", "allegedly", "apparently"}
)
"""Words that hedge a statement: "could", "probably", "allegedly"."""

# --- speaking and believing -------------------------------------------------------------------

OPINION_VERBS = frozenset(
    "believe believes believed think thinks thought expect expects predict predicts predicted fear fears "
    "feared suspect suspects suspected assume assumes assumed doubt doubts doubted feel feels felt reckon "
    "reckons hope hopes hoped view views viewed see sees saw regard regards regarded".split()
)
"""Verbs of opinion: what follows is someone's view ("Analysts believe China is wary")."""
SPEECH_VERBS = frozenset(
    "say says said saying state states stated told tell tells telling add adds added note notes noted "
    "noting claim claims claimed write writes wrote argue argues argued arguing insist insists insisted "
    "explain explains explained stress stresses stressed emphasize emphasizes emphasized emphasise "
    "emphasises emphasised suggest suggests suggested indicate indicates indicated announce announces "
    "announced acknowledge acknowledges acknowledged confirm confirms confirmed report reports reported "
    "warn warns warned call calls called describe describes described signal signals signaled signalled "
    "signaling signalling reveal reveals revealed declare declares declared commented "
    "reiterate reiterates reiterated".split()
)
"""Verbs that report speech, in the forms that introduce what someone said ("Albanese said")."""
REPORTING_VERBS = frozenset({"say"}) | frozenset(
    form
    for verb in ("say", "tell", "state", "announce", "add", "note", "report", "claim", "write", "confirm")
    for form in verb_forms(verb)
    if form != verb and not form.endswith("ing") and form != "written"
)
"""The finite forms of the commonest reporting verbs ("said", "told", "announces"), and "say":
between an event and a date they make the date the report's."""
ATTRIBUTION_VERBS = (
    frozenset(
        form
        for verb in (
            "say tell state report claim cite quote note suggest indicate announce add argue write explain "
            "stress emphasise emphasize insist acknowledge warn urge describe comment confirm believe".split()
        )
        for form in verb_forms(verb)
        if form != verb
    )
    | {"say", "tell", "believe"}
) - {"states", "adding", "written", "believing"}
"""The forms of the verbs by which a sentence attributes what it says to a source ("X said",
"..., the outlet claimed", "analysts believe"): modality's reported cue. Unlike
`SPEECH_VERBS`, bare forms that are nouns or imperatives as often ("a claim", "the state",
"states") are left out, and "cite", "quote", "urge" and "believe" are in."""

CREDITING_VERBS = frozenset(
    "said says reported reports reporting claimed claims cited quoted wrote writes stated stressed "
    "noted added learned learnt revealed understands".split()
)
"""The finite forms by which a sentence credits a news outlet as its source ("Kyodo reported",
"the newspaper said", "the daily learned"): the sources' count of independent origins."""

# --- nouns, pronouns and determiners ---------------------------------------------------------

ARTICLES = frozenset({"the", "a", "an"})
"""The articles."""
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
"""The demonstratives."""
SUBJECT_PRONOUNS = frozenset({"i", "we", "he", "she", "it", "they"})
"""Personal pronouns that stand as a subject ("you" does not report news)."""
POSSESSIVE_DETERMINERS = frozenset({"my", "our", "his", "her", "its", "their"})
"""Possessive determiners: "its plans", "their concerns"."""
QUANTIFIERS = frozenset(
    {"some", "several", "many", "both", "all", "either", "neither", "each", "other", "another", "most"}
)
"""Quantifying determiners: "some officials", "each of the three"."""
SMALL_NUMBERS = frozenset({"one", "two", "three", "four"})
"""Number words that open a noun phrase of people ("two officials")."""
PARTITIVES = frozenset(
    {"some", "many", "most", "several", "others", "those", "all", "each", "both", "few", "none"}
)
"""Words for part of a whole: "some in the US government", "each of the three"."""
NOT_LY_ADVERBS = frozenset(
    {"ally", "family", "supply", "rally", "assembly", "italy", "july", "reply", "apply"}
)
"""Words in -ly that are no adverb."""
ADVERBS = frozenset(
    "also already still yet now then indeed even just again too long once first meanwhile today "
    "yesterday so further only thus since repeatedly reportedly formally informally publicly openly "
    "quickly strongly firmly seriously privately officially initially previously "
    "consistently clearly actively always often ever soon almost".split()
)
"""Adverbs that stand in a verb group or between a subject and its verb ("has repeatedly said");
besides these, most words in -ly but `NOT_LY_ADVERBS`."""
MODAL_ADVERBS = frozenset({"also", "still", "soon", "yet", "even", "well"})
"""Adverbs that stand between a modal and its verb ("could soon join", "may well join")."""
SEQUENCE_ADVERBS = frozenset({"first", "then", "later", "once", "now", "already", "also", "just", "only"})
"""Adverbs of order and time that may stand before a participle: "first signed", "later expanded"."""
VERB_GROUP_ADVERBS = SEQUENCE_ADVERBS - {"later", "once"} | {"soon", "still", "yet"}
"""The adverbs, besides words in -ly, that `VERB_GROUP_WORD` lets stand before a main verb."""

# --- prepositions, conjunctions, relatives -------------------------------------------------

PREPOSITIONS = frozenset(
    "with to about against on in into for at toward towards over between among including like than "
    "under within without from by of regarding concerning onto upon beyond across around behind via "
    "as after before during".split()
)
"""Prepositions: a noun after one is an oblique, not a subject or an object."""
SOURCE_PREPOSITIONS = frozenset({"from", "of", "in", "at", "by"})
"""Prepositions that may name where a view comes from: "concern in Moscow", "criticism from Beijing"."""
COORDINATORS = frozenset({"and", "or", "nor"})
"""Coordinating conjunctions."""
CLAUSE_CONJUNCTIONS = frozenset(
    {"but", "while", "whilst", "whereas", "although", "though", "because", "since", "yet"}
)
"""Conjunctions that open a new clause with its own subject."""
SUBORDINATORS = (
    (CLAUSE_CONJUNCTIONS - {"but", "yet"})
    | CONDITIONS
    | {"when", "whenever", "as", "after", "before", "once", "even if", "even though"}
)
"""Conjunctions that open a subordinate clause: "Although nothing has been decided, ..."."""
RELATIVES = frozenset({"who", "which", "that"})
"""Relative pronouns."""
PARTICIPLE_OPENERS = frozenset({"after", "before", "while", "since", "when", "upon", "by"})
"""Words that may open a participle phrase before the main clause: "After singling out Tokyo, ..."."""
FRONTING_WORDS = frozenset(
    "last at on in according with following after before during yet however meanwhile earlier later "
    "speaking separately asked for by".split()
)
"""Words that open a phrase set before the subject ("Last month, ...", "According to ..., ...")."""

# --- time -------------------------------------------------------------------------------------

TIME_NOUNS = frozenset(
    {"day", "week", "month", "year", "morning", "afternoon", "evening", "night", "weekend", "time"}
)
"""Nouns of time that "that" may point to ("that day")."""
TIME_WORDS = TIME_NOUNS - {"time"} | {
    "later",
    "earlier",
    "last",
    "this",
    "next",
    "that",
    "today",
    "yesterday",
    "tonight",
}
"""Words of a time phrase ("last week", "earlier this month", "today"); weekdays and months are
the date kind's."""

# --- regex source -----------------------------------------------------------------------------

_APOSTROPHE = "['’]"


def word_regex(word: str, *, capitalized: bool = False, space: str = r"\s+") -> str:
    """Regex source for one word or phrase: a space matches `space` (any whitespace), either
    apostrophe matches, and with `capitalized` a capital first letter too ("[Cc]ould")."""
    parts: list[str] = []
    for index, char in enumerate(word):
        if char.isspace():
            parts.append(space)
        elif char in "'’":
            parts.append(_APOSTROPHE)
        elif index == 0 and capitalized and char.isalpha() and char.upper() != char:
            parts.append(f"[{char.upper()}{char}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def word_alternation(words: Iterable[str], *, capitalized: bool = False, space: str = r"\s+") -> str:
    """A non-capturing regex group (Python's re and RE2 alike) matching any of the words, longest
    first so that the longest phrase wins; see `word_regex` for `capitalized` and `space`."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "(?:" + "|".join(word_regex(word, capitalized=capitalized, space=space) for word in ordered) + ")"


VERB_GROUP_WORD = (
    "(?-i:"
    # "having" is left out ("Japan, having joined" is no finite verb group), and so is "no":
    # "Japan has no plans to join" is no verb group before "join"
    + word_alternation(MODALS | FINITE_HAVE | BE_FORMS | DO_FORMS | VERB_GROUP_ADVERBS | FUTURE_ADJECTIVES)
    + "|"
    + word_alternation(NEGATIONS - {"no"})
    + r"|able|unable|about"
    r"|intends?|intended|plans?|planned|prepares?|prepared|seeks?|sought|wants?|wanted|hopes?|hoped"
    r"|decides?|decided|agrees?|agreed|tries|tried|aims?|aimed|wish(?:es|ed)?|moves?|moved|ready"
    r"|to|[a-z]+ly"
    r"|(?:announc|declar|express|signal|stat|confirm)\w*\s+(?:its|their|his|her)\s+"
    r"(?:intention|intent|plans?|desire|wish|readiness|willingness|bid)\s+to|[a-z]+n[’']t)"
)
"""A word of a verb group before its main verb: auxiliaries, modals, negation, adverbs and the
catenative verbs of intent ("intends to", "is about to", "announced its intention to"); RE2
source, case-sensitive."""
