"""Modality's verdicts whole: the reason a candidate is dropped, the cues behind a verdict, and
what a claim reads as once its negation is part of the value.

Written for the mutation run (tests/mutation/run.py); every sentence is the tests' own.
"""

from __future__ import annotations

import pytest

from aukus_check.modality import Assessment, SentenceCues, assess, clause_bounds
from aukus_check.models import Cue


def judge(sentence: str, anchor: str, **options: bool) -> Assessment:
    start = sentence.index(anchor)
    return assess(sentence, start, start + len(anchor), **options)


def cues(*pairs: tuple[str, str]) -> tuple[Cue, ...]:
    return tuple(Cue(kind=kind, text=text) for kind, text in pairs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "anchor", "reason"),
    [
        ("Would the navy really buy the frigates?", "buy the frigates", "in a question"),
        ("Would the navy buy the frigates?”", "buy the frigates", "in a question"),
        (
            "Canberra wants Wellington to join the pact.",
            "join the pact",
            "wished for, not stated ('wants' before it)",
        ),
        (
            "If Ottawa signs the accord, trade will grow.",
            "signs the accord",
            "hypothetical ('If' before it)",
        ),
        (
            "Its potential purchase of frigates drew comment.",
            "purchase of frigates",
            "hypothetical ('potential' before it)",
        ),
        (
            "The prospect of Fiji joining the pact alarmed Suva.",
            "joining the pact",
            "hypothetical ('The prospect of' before it)",
        ),
    ],
)
def test_a_dropped_candidate_says_why(sentence: str, anchor: str, reason: str) -> None:
    assert judge(sentence, anchor) == Assessment("asserted", False, (), dropped=reason)


@pytest.mark.parametrize("opener", ["Apart from", "Aside from", "Other than"])
def test_an_opening_besides_phrase_is_dropped_as_ambiguous(opener: str) -> None:
    sentence = f"{opener} drones, the program covers radar."
    assert judge(sentence, "drones", exclusions=True) == Assessment(
        "asserted", False, (), dropped=f"ambiguous: '{opener}' may mean 'besides' here"
    )
    assert judge(sentence, "radar", exclusions=True) == Assessment("asserted", False, ())


def test_an_opening_except_for_denies_up_to_its_comma_only() -> None:
    sentence = "Except for sonar, the program covers radar."
    assert judge(sentence, "sonar", exclusions=True) == Assessment(
        "denied", False, cues(("negation", "Except for"))
    )
    assert judge(sentence, "radar", exclusions=True) == Assessment("asserted", False, ())


def test_an_exclusion_reaches_every_element_of_its_list_and_no_further() -> None:
    sentence = "The program covers everything except sonar and radar, and it includes drones."
    for element in ("sonar", "radar"):
        assert judge(sentence, element, exclusions=True) == Assessment(
            "denied", False, cues(("negation", "except"))
        )
    assert judge(sentence, "drones", exclusions=True).modality == "asserted"
    far = "The program covers everything except one two three four five six seven sonar."
    assert judge(far, "sonar", exclusions=True).modality == "asserted"
    near = "The program covers everything except one two three four five sonar."
    assert judge(near, "sonar", exclusions=True).modality == "denied"


def test_nothing_other_than_means_only() -> None:
    assert judge("The program covers nothing other than sonar.", "sonar", exclusions=True) == Assessment(
        "asserted", False, ()
    )
    # the negation is too far from the exclusion word to make it "only"
    sentence = "The program did not grow, and covers one two three four except sonar."
    assert judge(sentence, "sonar", exclusions=True).modality == "denied"


@pytest.mark.parametrize(
    ("sentence", "anchor", "text"),
    [
        ("The frigate deal was denied by the ministry.", "frigate deal", "was denied"),
        ("The frigate deal has been quietly ruled out.", "frigate deal", "has been quietly ruled out"),
        ("The frigate deal is not on the table.", "frigate deal", "is not on the table"),
        ("The frigate deal were rejected outright.", "frigate deal", "were rejected"),
    ],
)
def test_a_denial_just_after_the_value_denies_it(sentence: str, anchor: str, text: str) -> None:
    assert judge(sentence, anchor) == Assessment("denied", False, cues(("negation", text)))


def test_a_denial_after_a_comma_is_another_clauses() -> None:
    assert judge("The frigate deal stands, rumours were denied.", "frigate deal").modality == "asserted"


def test_without_negation_keeps_the_other_cues_and_their_precedence() -> None:
    forecast = judge("The navy will not buy the frigates.", "buy the frigates")
    assert forecast == Assessment("denied", False, cues(("negation", "not"), ("future", "will")))
    assert forecast.without_negation() == Assessment("expected", False, cues(("future", "will")))
    reported = judge("The navy did not buy the frigates, officials said.", "buy the frigates")
    assert reported.without_negation() == Assessment("reported", False, cues(("attribution", "said")))
    plain = judge("The navy did not perhaps buy the frigates.", "buy the frigates")
    assert plain.without_negation() == Assessment("asserted", True, cues(("hedge", "perhaps")))


@pytest.mark.parametrize(
    ("sentence", "anchor", "expected"),
    [
        ("The navy could have bought the frigates.", "bought the frigates", ("asserted", True)),
        ("The navy may already have bought the frigates.", "bought the frigates", ("asserted", True)),
        ("The navy might've bought the frigates.", "bought the frigates", ("asserted", True)),
        ("The navy could soon buy the frigates.", "buy the frigates", ("expected", True)),
        ("The navy may one day buy the frigates.", "buy the frigates", ("expected", True)),
    ],
)
def test_a_possibility_is_a_forecast_unless_it_is_about_the_past(sentence, anchor, expected) -> None:
    result = judge(sentence, anchor)
    assert (result.modality, result.hedged) == expected


def test_plans_to_are_a_forecast_until_a_finite_verb() -> None:
    assert judge("The navy announced plans to buy frigates.", "buy frigates") == Assessment(
        "expected", False, cues(("future", "plans to"), ("attribution", "announced"))
    )
    assert judge(
        "The bid to buy frigates has succeeded, and frigates arrived.", "frigates arrived"
    ).modality == ("asserted")
    assert judge("Its bid to buy frigates was approved.", "buy frigates").modality == "expected"
    assert judge("Its bid to expand was approved for frigates.", "frigates").modality == "asserted"


def test_a_settled_value_is_never_expected() -> None:
    sentence = "The navy will keep the frigates bought in 2021."
    start = sentence.index("frigates bought")
    assert assess(sentence, start, start + 8).modality == "expected"
    cues_ = SentenceCues(sentence)
    assert cues_.assess(start, start + 8, settled=True) == Assessment("asserted", False, ())
    later = "The frigates are set to arrive."
    start = later.index("frigates")
    assert SentenceCues(later).assess(start, start + 8, settled=True).modality == "asserted"
    assert SentenceCues(later).assess(start, start + 8).modality == "expected"


def test_a_wish_is_the_claim_when_the_field_reads_wishes() -> None:
    sentence = "Canberra wants Wellington to join the pact."
    start = sentence.index("join the pact")
    assert SentenceCues(sentence).assess(start, start + 13, wishes=True) == Assessment("asserted", False, ())


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        ("The minister is keen for Fiji to sign.", "sign"),
        ("The envoy called for talks with Tonga.", "talks with Tonga"),
        ("Suva is interested in frigates.", "frigates"),
        ("Ottawa should sign the accord.", "sign the accord"),
    ],
)
def test_wishes_ending_in_for_in_or_should_govern_what_follows(sentence: str, anchor: str) -> None:
    assert judge(sentence, anchor).dropped is not None and judge(sentence, anchor).dropped.startswith(
        "wished"
    )


def test_a_wish_before_a_finite_verb_governs_nothing_after_it() -> None:
    sentence = "Canberra wanted talks, but Wellington has joined the pact."
    assert judge(sentence, "joined the pact").dropped is None


def test_clause_bounds_at_the_sentence_edges() -> None:
    sentence = "Tonga signed; Fiji did not."
    assert clause_bounds(sentence, 0, 5) == (0, sentence.index(";"))
    assert clause_bounds(sentence, sentence.index("Fiji"), sentence.index("Fiji") + 4) == (
        sentence.index(";") + 1,
        len(sentence),
    )
    assert judge(sentence, "Tonga").modality == "asserted"
    assert judge(sentence, "Fiji").modality == "asserted"  # "not" is after the anchor


def test_a_long_leading_clause_ends_at_its_first_comma_after_an_aside() -> None:
    sentence = "Although Tonga, like Samoa, hesitated, Fiji has never signed the accord, officials said."
    start = sentence.index("Fiji")
    assert clause_bounds(sentence, start, start + 4)[0] == sentence.index("hesitated,") + len("hesitated,")
    framed = "Although Tonga, he wrote, hesitated over the accord at length, Fiji signed."
    start = framed.index("Fiji")
    assert clause_bounds(framed, start, start + 4)[0] == framed.index(", he wrote") + 1
    negated = "Although Tonga did not hesitate, Fiji signed the accord."
    assert judge(negated, "Fiji signed").modality == "asserted"


def test_many_cues_are_found_alike_by_bisection() -> None:
    filler = " ".join(f"Tonga said {n} things;" for n in range(20))
    sentence = f"{filler} Fiji will sign, officials said."
    result = judge(sentence, "sign")
    assert result.modality == "expected"
    assert result.cues == cues(("future", "will"), ("attribution", "said"))


def test_a_negation_before_and_plus_a_past_verb_stays_with_its_own_predicate() -> None:
    sentence = "Tonga rejected the draft and signed the accord."
    assert judge(sentence, "the accord").modality == "asserted"
    assert judge(sentence, "the draft").modality == "denied"
    both = "Tonga never wavered and rejected the accord."
    assert judge(both, "the accord") == Assessment("denied", False, cues(("negation", "rejected")))
