"""The English word classes, their regex alternations, and that no module keeps a second list."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import re2

from aukus_check.english import words
from aukus_check.english.words import word_alternation, word_regex

SRC = Path(__file__).resolve().parent.parent / "src" / "aukus_check"
ENGLISH = SRC / "english"

CLASSES: dict[str, frozenset[str]] = {
    name: value
    for name, value in vars(words).items()
    if name.isupper() and isinstance(value, frozenset) and all(isinstance(word, str) for word in value)
}
"""Every word class of the english package, by name."""

_PLAIN_RUN = re.compile(r"(?<![\w\\])(?:[A-Za-z][a-z’']*\|)+[A-Za-z][a-z’']*(?![\w’'])")
"""A regex alternation of plain words: "is|are|was|were" (not "plans?" nor "den(?:y|ies)")."""
_SHARED = 3
"""A list sharing fewer words than this with a class is a few words of a construction ("is|are")."""
_CLASS_SHARE = 5
"""... and so is one sharing fewer than this, unless it holds the whole class ("if|unless")."""
_CLOSED = frozenset({"ARTICLES"})
"""Classes too small and closed to drift: regexes spell "the|a|an" inline."""
_CONSTRUCTIONS = frozenset({"PREPOSITIONS", "SOURCE_PREPOSITIONS", "PARTICIPLE_OPENERS", "FRONTING_WORDS"})
"""Classes of prepositions: in a regex, a few prepositions are the construction's own ("since|until"
bound a stretch of time), so only word sets are checked against these."""


def _string_lists(tree: ast.AST) -> list[tuple[int, list[str], bool]]:
    """(line, words) of every literal list of words in a module: set, frozenset, tuple or list
    literals of strings, "a b c".split(), and the plain-word alternations of regex sources (and
    whether it is one of these)."""
    found: list[tuple[int, list[str], bool]] = []
    skipped: set[int] = set()  # the values of a Literal type are names, not English
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id == "Literal"
        ):
            skipped.update(id(child) for child in ast.walk(node.slice))
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Set | ast.Tuple | ast.List) and node.elts:
            if all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
                found.append(
                    (node.lineno, [e.value for e in node.elts if isinstance(e, ast.Constant)], False)
                )
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "split"
            and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)
        ):
            found.append((node.lineno, node.func.value.value.split(), False))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for run in _PLAIN_RUN.finditer(node.value):
                found.append((node.lineno, run.group().split("|"), True))
    return found


def _repeats(source: str, module: str) -> list[str]:
    """The literal lists of one module's source that are mostly one english class's words."""
    problems = []
    for line, found, regex in _string_lists(ast.parse(source)):
        listed = {word.lower().replace("’", "'") for word in found}
        for name, members in CLASSES.items():
            shared = listed & members
            if (
                name not in _CLOSED
                and not (regex and name in _CONSTRUCTIONS)
                and len(shared) >= _SHARED
                and 2 * len(shared) >= len(listed)
                and (len(shared) >= _CLASS_SHARE or shared == members)
            ):
                problems.append(f"{module}:{line} repeats {name}: {sorted(shared)}")
                break
    return problems


def _second_lists() -> list[str]:
    """Every such list in the modules outside the english package."""
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        module = path.relative_to(SRC.parent).as_posix()
        if ENGLISH in path.parents:
            continue
        problems += _repeats(path.read_text(encoding="utf-8"), module)
    return problems


def test_no_module_keeps_a_second_list_of_english_words() -> None:
    """A literal list (or regex alternation) that is mostly words of one english class, and holds
    five of them or the whole class, is a copy of it that will drift: use the class. Lists
    that mix in other words (domain vocabulary, office titles, months) are not flagged, nor a
    few words of a construction ("(?:by|from|in)\\s+")."""
    assert _second_lists() == []


@pytest.mark.parametrize(
    "source",
    [
        '_BE = frozenset("is are was were be been".split())',
        '_NEGATIONS = {"not", "never", "no"}',
        '_SPEECH = ("said", "says", "told", "stated", "noted")',
        '_FUTURE = r"\\b(?:will|would|shall)\\b"',
        '_HEDGE = r"(?-i:\\b(?:could|may|might|perhaps|probably)\\b)"',
    ],
)
def test_a_second_list_is_found(source: str) -> None:
    """Copies of a class, as a set, a split string, a tuple or a regex alternation, are found."""
    assert _repeats(source, "planted.py")


@pytest.mark.parametrize(
    "source",
    [
        '_FILLERS = frozenset("official officials minister ministers government cabinet envoy".split())',
        '_MONTH = r"(?:January|February|March|April|May|June|July|August)"',
        '_LEAD = r"\\b(?:in|on|by|since|until)\\s+$"',  # a construction's own prepositions
        'Precision = Literal["year", "month", "day"]',
        '_MIXED = frozenset("is are said the pact submarines pillar treaty navy".split())',
    ],
)
def test_domain_vocabulary_and_constructions_are_not_second_lists(source: str) -> None:
    """Office titles, months, a few prepositions of a construction, a Literal type's names and
    lists that are mostly other words are no copy of a class."""
    assert _repeats(source, "planted.py") == []


# --- the classes -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_classes_are_lower_case_words(name: str) -> None:
    """Token readers look words up folded: every member is lower case, without outer spaces."""
    for word in CLASSES[name]:
        assert word == word.lower().strip() and word, (name, word)


def test_narrower_classes_are_parts_of_their_base() -> None:
    """A named narrower class holds only words of the class it narrows."""
    assert words.FINITE_BE < words.BE_FORMS and words.NONFINITE_BE == words.BE_FORMS - words.FINITE_BE
    assert words.FINITE_HAVE < words.HAVE_FORMS
    assert words.NEGATIONS < words.NEGATIVE_WORDS and words.CONDITIONS < words.HYPOTHETICALS
    assert words.POSSIBILITY_MODALS < words.MOOD_MODALS <= words.MODALS
    assert words.FUTURE_MODALS < words.MODALS and words.NEGATED_MODALS < words.NEGATED_AUXILIARIES
    assert words.MODALS | words.BE_FORMS | words.HAVE_FORMS | words.DO_FORMS < words.AUXILIARIES
    assert words.FINITE_AUXILIARIES < words.AUXILIARIES
    assert words.REPORTING_VERBS < words.SPEECH_VERBS
    assert words.SOURCE_PREPOSITIONS < words.PREPOSITIONS
    assert words.VERB_GROUP_ADVERBS < words.ADVERBS and words.MODAL_ADVERBS - {"well"} < words.ADVERBS
    assert words.BE_FORMS < words.LINKING_VERBS and words.FUTURE_ADJECTIVES < words.BE_AHEAD
    assert words.PRESENT_AUXILIARIES < words.FINITE_AUXILIARIES
    assert words.PRESENT_AUXILIARIES.isdisjoint(words.IRREGULAR_PAST)
    assert not words.SPEECH_VERBS & words.OPINION_VERBS


def test_classes_sort_words_of_a_sentence() -> None:
    """The classes tell the function words of a sentence of news apart."""
    sentence = "Officials said they would not rule it out if Tokyo had asked, although nothing was decided"
    tokens = sentence.lower().replace(",", "").split()
    assert [t for t in tokens if t in words.SPEECH_VERBS] == ["said"]
    assert [t for t in tokens if t in words.SUBJECT_PRONOUNS] == ["they", "it"]
    assert [t for t in tokens if t in words.MODALS] == ["would"]
    assert [t for t in tokens if t in words.NEGATIVE_WORDS] == ["not", "nothing"]
    assert [t for t in tokens if t in words.CONDITIONS] == ["if"]
    assert [t for t in tokens if t in words.FINITE_HAVE] == ["had"]
    assert [t for t in tokens if t in words.FINITE_BE] == ["was"]
    assert [t for t in tokens if t in words.SUBORDINATORS] == ["if", "although"]
    assert "analysts" not in words.OPINION_VERBS and "believe" in words.OPINION_VERBS


def test_reporting_and_attribution_verbs() -> None:
    """A date's report ("said", "told") and modality's attribution ("claimed", "urging")."""
    assert {"said", "says", "say", "told", "announced", "wrote", "states"} <= words.REPORTING_VERBS
    assert not {"saying", "state", "report", "written"} & words.REPORTING_VERBS
    assert {"said", "claimed", "citing", "quoted", "urging", "believes", "stated"} <= words.ATTRIBUTION_VERBS
    # nouns and imperatives as often as verbs: "a claim", "the states", "in a report"
    assert not {"claim", "states", "report", "note", "adding"} & words.ATTRIBUTION_VERBS


# --- the regex helpers ---------------------------------------------------------------------------


def test_word_regex_matches_either_apostrophe_and_any_spacing() -> None:
    """A word's pattern takes a curly or a straight apostrophe, and a space any whitespace."""
    pattern = re.compile(word_regex("won't"))
    assert pattern.fullmatch("won't") and pattern.fullmatch("won’t") and not pattern.fullmatch("wont")
    assert re.fullmatch(word_regex("in case"), "in\n  case")
    assert re.fullmatch(word_regex("in case", space=" "), "in case")
    assert not re.fullmatch(word_regex("in case", space=" "), "in  case")
    assert re.fullmatch(word_regex("would-be"), "would-be")


def test_word_regex_capitalized_takes_a_capital_first_letter_only() -> None:
    """ "Could" opening a sentence is a hedge; "COULD" is not asked for, nor "may" as "May"."""
    pattern = re.compile(word_regex("could", capitalized=True))
    assert pattern.fullmatch("could") and pattern.fullmatch("Could")
    assert not pattern.fullmatch("COULD") and not pattern.fullmatch("cOuld")


def test_word_alternation_puts_the_longest_phrase_first() -> None:
    """Leftmost-first engines take the first alternative that fits: "no longer" before "no"."""
    source = word_alternation({"no", "no longer", "not"})
    assert source == r"(?:no\s+longer|not|no)"
    assert re.match(source, "no longer welcome").group() == "no longer"  # type: ignore[union-attr]


def test_word_alternation_runs_on_re_and_re2_alike() -> None:
    """Python's re and RE2 find the same words with the same pattern."""
    negations = word_alternation(words.NEGATIVE_WORDS)
    source = rf"\b{negations}\b|\b{word_alternation(words.HEDGES, capitalized=True)}\b"
    text = "Nobody said Japan could not join; Perhaps nothing is certain, but it may well be."
    found = [m.group() for m in re.finditer(source, text)]
    assert found == ["could", "not", "Perhaps", "nothing", "may"]
    compiled = re2.compile(source)
    assert [m.group() for m in compiled.finditer(text)] == found


def test_word_alternation_is_a_group_of_its_own() -> None:
    """The alternation captures nothing and binds as one unit inside a larger pattern."""
    source = rf"\b{word_alternation(words.FUTURE_MODALS)}\s+join\b"
    compiled = re.compile(source)
    assert compiled.groups == 0
    assert compiled.search("Japan will join") and compiled.search("Japan shall join")
    assert not compiled.search("Japan can join")


def test_verb_group_word_reads_a_verb_group() -> None:
    """The words before a main verb: auxiliaries, negation, adverbs and verbs of intent."""
    pattern = re2.compile(rf"Japan(?:\s+{words.VERB_GROUP_WORD}){{0,6}}?\s+(join)\b")
    for sentence in (
        "Japan will join",
        "Japan has not yet formally decided to join",
        "Japan is expected to join",
        "Japan announced its intention to join",
        "Japan hasn’t decided to join",
    ):
        assert pattern.search(sentence), sentence
    assert not pattern.search("Japan has no plans to join")  # "no" is no part of a verb group
