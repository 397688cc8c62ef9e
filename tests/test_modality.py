"""Modality, hedges and dropped candidates judged by `assess`, and clause cutting by `clause_bounds`.

Every sentence here is written for these tests; anchors are located with str.index, never by
hard-coded offsets.
"""

from __future__ import annotations

import pytest

from aukus_check.modality import Assessment, SentenceCues, assess, clause_bounds
from aukus_check.models import Cue


def anchor_of(sentence: str, anchor: str, after: str = "") -> tuple[int, int]:
    """Offsets of `anchor` in the sentence (its first occurrence after `after`, if given)."""
    origin = sentence.index(after) + len(after) if after else 0
    start = sentence.index(anchor, origin)
    return start, start + len(anchor)


def judge(sentence: str, anchor: str, after: str = "") -> Assessment:
    return assess(sentence, *anchor_of(sentence, anchor, after))


def negation(text: str) -> Cue:
    return Cue(kind="negation", text=text)


def future(text: str) -> Cue:
    return Cue(kind="future", text=text)


def hedge(text: str) -> Cue:
    return Cue(kind="hedge", text=text)


def attribution(text: str) -> Cue:
    return Cue(kind="attribution", text=text)


# --- asserted ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        ("Japan joined the working group on hypersonic defence.", "joined"),
        ("Last week the frigate Kumano docked in Darwin for repairs.", "docked"),
        ("Tokyo, Seoul and Manila signed the maritime declaration.", "signed"),
        ("The anti-submarine drills began off Guam on Tuesday.", "began"),
    ],
)
def test_plain_statement_is_asserted_without_cues(sentence: str, anchor: str) -> None:
    assert judge(sentence, anchor) == Assessment("asserted", False, ())


# --- reported ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor", "cue"),
    [
        ("Canberra joined the drills last week, officials said.", "joined", "said"),
        ("A senior diplomat told reporters Manila signed the pact.", "signed", "told"),
        ("According to two officials, Seoul joined the exercise.", "joined", "According to"),
        ("Wellington reportedly joined the initiative in March.", "joined", "reportedly"),
        ("The ministry claimed Hanoi ratified the accord.", "ratified", "claimed"),
        ("Ottawa joined the consortium in 2021 (Reuters, 2023).", "joined", "(Reuters, 2023)"),
        ("A leaked memo (Kyodo, 2022) showed that Tokyo joined the drills.", "joined", "(Kyodo, 2022)"),
    ],
)
def test_attribution_outside_the_anchor_makes_a_claim_reported(sentence: str, anchor: str, cue: str) -> None:
    assert judge(sentence, anchor) == Assessment("reported", False, (attribution(cue),))


def test_reporting_verb_inside_the_anchor_is_the_actors_own_words() -> None:
    sentence = "Marles said the alliance welcomed Japan's technical expertise."
    result = judge(sentence, "Marles said the alliance welcomed")
    assert result == Assessment("asserted", False, ())


def test_reporting_verb_outside_the_anchor_in_the_same_sentence_still_counts() -> None:
    sentence = "Marles said the alliance welcomed Japan's technical expertise."
    assert judge(sentence, "welcomed").modality == "reported"


@pytest.mark.parametrize(
    ("sentence", "anchor", "cue"),
    [
        ("Seoul reportedly joined the sonar trials.", "Seoul reportedly joined", "reportedly"),
        (
            "According to Ottawa, Canada joined the sonar trials.",
            "According to Ottawa, Canada joined",
            "According to",
        ),
        (
            "Canada joined the trials (Globe and Mail, 2024) in autumn.",
            "Canada joined the trials (Globe and Mail, 2024)",
            "(Globe and Mail, 2024)",
        ),
    ],
)
def test_third_party_source_inside_the_anchor_still_makes_it_reported(
    sentence: str, anchor: str, cue: str
) -> None:
    assert judge(sentence, anchor) == Assessment("reported", False, (attribution(cue),))


def test_reportedly_is_not_a_hedge() -> None:
    result = judge("Hanoi reportedly signed the memorandum.", "signed")
    assert result.modality == "reported"
    assert result.hedged is False


# --- expected ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor", "cue"),
    [
        ("Hanoi will join the maritime exercise.", "join", "will"),
        ("Oslo would join the coalition in principle.", "join", "would"),
        ("Finland is expected to join the programme.", "join", "is expected to"),
        ("Officials from both navies are set to sign the agreement.", "sign", "are set to"),
        ("Tokyo joins the exercise next month.", "joins", "next month"),
        ("The frigates arrive in Perth later this year.", "arrive", "later this year"),
        ("Next month, Delhi signs the logistics pact.", "signs", "Next month"),
    ],
)
def test_future_cue_makes_a_claim_expected(sentence: str, anchor: str, cue: str) -> None:
    assert judge(sentence, anchor) == Assessment("expected", False, (future(cue),))


def test_future_auxiliary_shortly_after_the_anchor_counts() -> None:
    sentence = "Talks with Seoul are set to begin in June."
    assert judge(sentence, "Talks with Seoul") == Assessment("expected", False, (future("are set to"),))


def test_future_cue_within_six_words_after_the_anchor_counts() -> None:
    # "next" is the fifth word after the anchor.
    sentence = "Canberra approved funding for new hubs next year."
    assert judge(sentence, "approved").modality == "expected"


def test_future_cue_beyond_six_words_after_the_anchor_is_ignored() -> None:
    # "next" is the tenth word after the anchor.
    sentence = "Canberra approved funding for three new research hubs in Adelaide next year."
    assert judge(sentence, "approved") == Assessment("asserted", False, ())


def test_future_cue_after_a_new_predicate_belongs_to_it() -> None:
    sentence = "Seoul joined the talks and suggested that it would host the next round."
    result = judge(sentence, "joined")
    # "suggested" attributes, but "would" belongs to "suggested that ..." not to "joined".
    assert result == Assessment("reported", False, (attribution("suggested"),))


def test_future_cue_after_and_plus_past_tense_verb_is_not_the_claims() -> None:
    sentence = "Seoul joined the talks and promised it would host the next round."
    assert judge(sentence, "joined") == Assessment("asserted", False, ())


def test_future_cue_in_a_relative_clause_after_the_anchor_is_ignored() -> None:
    sentence = "Tokyo joined the group that will meet in Sydney."
    assert judge(sentence, "joined") == Assessment("asserted", False, ())


# --- denied -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor", "cue"),
    [
        ("Jakarta did not join the exercise.", "join", "not"),
        ("There is no agreement with Manila on basing rights.", "agreement", "no"),
        ("Wellington has never joined the pact.", "joined", "never"),
        ("Ottawa has not signed the accord.", "signed", "not"),
        ("Seoul didn't sign the memorandum.", "sign", "didn't"),
        ("Seoul didn’t sign the memorandum.", "sign", "didn’t"),
        (
            "The minister ruled out Japanese participation in the submarine project.",
            "participation",
            "ruled out",
        ),
    ],
)
def test_negation_before_the_anchor_denies(sentence: str, anchor: str, cue: str) -> None:
    assert judge(sentence, anchor) == Assessment("denied", False, (negation(cue),))


def test_was_ruled_out_right_after_the_anchor_denies() -> None:
    sentence = "Full membership was ruled out by all three partners."
    result = judge(sentence, "Full membership")
    assert result == Assessment("denied", False, (negation("was ruled out"),))


def test_not_only_but_also_is_not_a_negation() -> None:
    sentence = "Tokyo not only joined the drills but also hosted them."
    assert judge(sentence, "joined") == Assessment("asserted", False, ())
    assert judge(sentence, "hosted") == Assessment("asserted", False, ())


def test_neither_confirmed_nor_denied_is_a_hedge_not_a_denial() -> None:
    sentence = "The ministry neither confirmed nor denied that Manila joined the talks."
    result = judge(sentence, "joined")
    assert result.modality != "denied"
    assert result.hedged is True
    assert hedge("neither confirmed nor denied") in result.cues
    assert all(cue.kind != "negation" for cue in result.cues)


@pytest.mark.parametrize(
    ("sentence", "anchor", "after"),
    [
        ("Although nothing was decided, Tokyo joined the working group.", "joined", ""),
        ("The navy did not comment, but Manila joined the patrols.", "joined", ""),
        ("Hanoi has not signed, while Jakarta signed the declaration.", "signed", "Jakarta"),
        ("Seoul never objected to the plan, which Manila endorsed on Friday.", "endorsed", ""),
        ("No decision was reached; Tokyo joined the exercise anyway.", "joined", ""),
        ("Tokyo did not join Pillar I but joined Pillar II.", "joined", "but"),
    ],
)
def test_negation_in_another_clause_does_not_deny(sentence: str, anchor: str, after: str) -> None:
    assert judge(sentence, anchor, after) == Assessment("asserted", False, ())


def test_negation_after_the_anchor_in_a_relative_clause_does_not_deny() -> None:
    sentence = "Seoul signed the pact, which Hanoi will not sign."
    assert judge(sentence, "signed") == Assessment("asserted", False, ())


def test_as_well_as_does_not_start_a_new_clause() -> None:
    sentence = "Wellington did not sign the trade pact, as well as the defence accord."
    assert judge(sentence, "defence accord") == Assessment("denied", False, (negation("not"),))


def test_comma_as_does_start_a_new_clause() -> None:
    sentence = "Wellington did not sign the trade pact, as the defence accord was ready."
    assert judge(sentence, "defence accord") == Assessment("asserted", False, ())


def test_negation_in_leading_subordinate_clause_with_inner_commas_does_not_deny() -> None:
    sentence = "Although Seoul, like Manila, has not signed, Tokyo joined the pact."
    assert judge(sentence, "joined") == Assessment("asserted", False, ())


# --- hedges -----------------------------------------------------------------------------------


def test_hedge_marks_claim_without_changing_modality() -> None:
    assert judge("Officials in Tokyo likely approved the transfer.", "approved") == Assessment(
        "asserted", True, (hedge("likely"),)
    )


@pytest.mark.parametrize(
    ("sentence", "anchor", "cue"),
    [
        ("Manila could join the patrols.", "join", "could"),
        ("Seoul may sign the agreement.", "sign", "may"),
        ("Hanoi might host the summit.", "host", "might"),
        ("Manila could also join the patrols.", "join", "could"),
    ],
)
def test_a_possibility_of_what_is_still_to_come_is_a_hedged_forecast(
    sentence: str, anchor: str, cue: str
) -> None:
    assert judge(sentence, anchor) == Assessment("expected", True, (future(cue), hedge(cue)))


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        ("Manila could have joined the patrols.", "joined"),
        ("The force may already have 4,000 cyber specialists.", "4,000"),
    ],
)
def test_a_possibility_about_the_past_or_present_is_only_hedged(sentence: str, anchor: str) -> None:
    result = judge(sentence, anchor)
    assert (result.modality, result.hedged) == ("asserted", True)


def test_hedge_keeps_expected_modality() -> None:
    result = judge("Tokyo will likely join the programme.", "join")
    assert result == Assessment("expected", True, (future("will"), hedge("likely")))


def test_hedge_keeps_reported_modality() -> None:
    result = judge("Seoul is likely to sign the deal, officials said.", "sign")
    assert result == Assessment("reported", True, (hedge("likely"), attribution("said")))


def test_hedge_keeps_denied_modality() -> None:
    result = judge("Jakarta may not join the exercise.", "join")
    assert result == Assessment("denied", True, (negation("not"), future("may"), hedge("may")))


@pytest.mark.parametrize(
    "sentence",
    ["In May, Seoul signed the pact.", "Since May Seoul signed two such pacts."],
)
def test_capitalised_may_is_the_month_not_a_hedge(sentence: str) -> None:
    result = judge(sentence, "signed")
    assert result.hedged is False
    assert result.modality == "asserted"
    assert all(cue.kind != "hedge" for cue in result.cues)


def test_hedge_after_the_anchor_is_not_counted() -> None:
    result = judge("Tokyo joined the drills, possibly in March.", "joined")
    assert result.hedged is False


# --- dropped: hypotheticals and questions -------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor", "word"),
    [
        ("If Tokyo joins the programme, costs will fall.", "joins", "If"),
        ("Officials discussed whether Seoul would join the drills.", "join", "whether"),
        ("Canberra will not proceed unless Tokyo signs the accord.", "signs", "unless"),
        ("The ministry neither confirmed nor denied whether Tokyo joined.", "joined", "whether"),
    ],
)
def test_condition_before_the_anchor_drops_the_candidate(sentence: str, anchor: str, word: str) -> None:
    result = judge(sentence, anchor)
    assert result.dropped == f"hypothetical ('{word}' before it)"
    assert result.cues == ()


def test_condition_in_a_leading_clause_does_not_drop_the_main_clause() -> None:
    sentence = "If funding arrives, Tokyo joins the programme."
    assert judge(sentence, "joins") == Assessment("asserted", False, ())


def test_condition_after_the_anchor_does_not_drop() -> None:
    result = judge("Tokyo will join the programme if invited.", "join")
    assert result.dropped is None
    assert result.modality == "expected"


@pytest.mark.parametrize(
    "sentence",
    [
        "Will Tokyo join the programme?",
        "Did Seoul really sign the deal?”",
        'Is Tokyo joining the programme?"',
        "Has Manila joined the patrols? ",
        "(Has Manila joined the patrols?)",
    ],
)
def test_question_is_dropped(sentence: str) -> None:
    anchor = next(word for word in ("join", "sign", "joining", "joined") if f" {word} " in sentence)
    result = judge(sentence, anchor)
    assert result.dropped == "in a question"
    assert result.cues == ()
    assert result.hedged is False


def test_question_mark_mid_sentence_does_not_drop() -> None:
    sentence = '"Why wait?" was the minister\'s reply as Tokyo joined the drills.'
    assert judge(sentence, "joined").dropped is None


# --- precedence and cues -----------------------------------------------------------------------


def test_denied_beats_expected_and_reported() -> None:
    sentence = "Tokyo will not join the programme, officials said."
    result = judge(sentence, "join")
    assert result == Assessment("denied", False, (negation("not"), future("will"), attribution("said")))


def test_expected_beats_reported() -> None:
    sentence = "Seoul will sign the deal, officials said."
    assert judge(sentence, "sign") == Assessment("expected", False, (future("will"), attribution("said")))


def test_denied_beats_reported() -> None:
    sentence = "Hanoi did not join the drills, a spokesman said."
    assert judge(sentence, "join") == Assessment("denied", False, (negation("not"), attribution("said")))


def test_wont_is_both_negation_and_future_and_denies() -> None:
    result = judge("Tokyo won't join the programme.", "join")
    assert result == Assessment("denied", False, (negation("won't"), future("won't")))


def test_repeated_cue_is_listed_once() -> None:
    sentence = "Officials said, and ministers said, that Tokyo joined the drills."
    result = judge(sentence, "joined")
    assert result == Assessment("reported", False, (attribution("said"),))


def test_cue_kinds_are_listed_in_negation_future_hedge_attribution_order() -> None:
    sentence = "Seoul probably will not sign the deal, diplomats told Yonhap."
    result = judge(sentence, "sign")
    assert result.modality == "denied"
    assert result.hedged is True
    assert result.cues == (negation("not"), future("will"), hedge("probably"), attribution("told"))


# --- clause_bounds ------------------------------------------------------------------------------


def test_clause_bounds_whole_sentence_without_breaks() -> None:
    sentence = "Tokyo, Seoul and Manila signed the maritime declaration."
    assert clause_bounds(sentence, *anchor_of(sentence, "signed")) == (0, len(sentence))


def test_clause_bounds_semicolon_starts_a_clause() -> None:
    sentence = "Tokyo joined; Seoul declined the invitation."
    bounds = clause_bounds(sentence, *anchor_of(sentence, "declined"))
    assert bounds == (sentence.index(";") + 1, len(sentence))


def test_clause_bounds_leading_subordinate_ends_at_its_comma() -> None:
    sentence = "Although talks stalled, Manila signed the pact."
    assert clause_bounds(sentence, *anchor_of(sentence, "signed")) == (sentence.index(",") + 1, len(sentence))
    assert clause_bounds(sentence, *anchor_of(sentence, "stalled")) == (0, sentence.index(","))


def test_clause_bounds_but_clause_starts_at_but() -> None:
    sentence = "Ottawa hesitated, but Oslo agreed."
    assert clause_bounds(sentence, *anchor_of(sentence, "agreed")) == (sentence.index("but"), len(sentence))
    assert clause_bounds(sentence, *anchor_of(sentence, "hesitated")) == (0, sentence.index(","))


def test_clause_bounds_dashes_and_brackets_cut() -> None:
    sentence = "Seoul — after months of talks — signed the pact (with reservations) on Monday."
    bounds = clause_bounds(sentence, *anchor_of(sentence, "signed"))
    assert bounds == (sentence.rindex("—") + 1, sentence.index("("))


def test_clause_bounds_spaced_hyphen_cuts_but_word_hyphen_does_not() -> None:
    sentence = "The anti-submarine drills - delayed twice - began on Monday."
    bounds = clause_bounds(sentence, *anchor_of(sentence, "anti-submarine drills"))
    assert bounds == (0, sentence.index(" - "))


def test_clause_bounds_as_well_as_is_not_a_cut() -> None:
    sentence = "Wellington did not sign the trade pact, as well as the defence accord."
    assert clause_bounds(sentence, *anchor_of(sentence, "defence accord")) == (0, len(sentence))


# --- exclusion words (set fields only) ----------------------------------------------------------


def judge_element(sentence: str, anchor: str, *, exclusions: bool = True) -> Assessment:
    return assess(sentence, *anchor_of(sentence, anchor), exclusions=exclusions)


@pytest.mark.parametrize(
    ("sentence", "anchor", "cue"),
    [
        ("The treaty covers fisheries excluding whaling.", "whaling", "excluding"),
        ("The accord spans every sector except shipbuilding.", "shipbuilding", "except"),
        ("The accord spans every sector except for steel.", "steel", "except for"),
        ("The grant funds all crops other than rice.", "rice", "other than"),
        ("The pact covers every port apart from Busan.", "Busan", "apart from"),
        ("The pact covers every port aside from Kobe.", "Kobe", "aside from"),
        ("The accord spans every sector except shipbuilding and steel.", "steel", "except"),
        ("The accord spans every sector except shipbuilding, steel and rail.", "rail", "except"),
    ],
)
def test_an_exclusion_word_denies_the_element_it_governs(sentence: str, anchor: str, cue: str) -> None:
    assert judge_element(sentence, anchor) == Assessment("denied", False, (negation(cue),))


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        # the element before the exclusion word is included
        ("The treaty covers fisheries excluding whaling.", "fisheries"),
        # "with" ends the excluded list
        ("The accord spans every sector except shipbuilding, with steel at its core.", "steel"),
        # so does a new predicate
        ("The accord spans every sector except shipbuilding, and will add steel.", "steel"),
        # an opening exclusion phrase ends at its comma
        ("Except for rice, the grant funds wheat.", "wheat"),
        # "including" re-opens the list
        ("The accord spans every sector except shipbuilding including steel.", "steel"),
        # too far from the exclusion word to be governed by it
        ("The accord spans every sector except shipbuilding in the far south and then later steel.", "steel"),
    ],
)
def test_an_exclusion_word_does_not_reach_past_its_list(sentence: str, anchor: str) -> None:
    result = judge_element(sentence, anchor)
    assert result.dropped is None and result.modality != "denied"


def test_a_negation_just_before_an_exclusion_word_means_only() -> None:
    assert judge_element("The pact covers nothing other than fisheries.", "fisheries") == Assessment(
        "asserted", False, ()
    )
    assert judge_element("The grant does not fund any crops except rice.", "rice").modality == "asserted"


def test_a_negation_of_another_predicate_does_not_turn_an_exclusion_into_only() -> None:
    sentence = "The pact does not cover whaling and covers every stock except cod."
    assert judge_element(sentence, "cod").modality == "denied"


def test_a_sentence_opening_apart_from_is_ambiguous_and_dropped() -> None:
    result = judge_element("Apart from rice, the grant funds wheat.", "rice")
    assert result.dropped is not None and "ambiguous" in result.dropped
    assert judge_element("Apart from rice, the grant funds wheat.", "wheat").modality == "asserted"
    # "except" cannot mean "besides": it still denies
    assert judge_element("Except for rice, the grant funds every crop.", "rice").modality == "denied"


def test_exclusion_words_are_ignored_outside_set_fields() -> None:
    sentence = "Countries other than Japan were invited."
    assert judge_element(sentence, "invited", exclusions=False) == Assessment("asserted", False, ())
    assert judge_element("Every country except Japan was invited.", "Japan", exclusions=False).modality == (
        "asserted"
    )


# --- what is no claim, and what only looks like one -------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor", "why"),
    [
        ("The US wants Japan to join the programme.", "join", "wished for"),
        ("Some in Washington are pushing for Tokyo to be brought in.", "brought", "wished for"),
        ("The minister hopes for a treaty with Fiji.", "treaty", "wished for"),  # "for", no "to"
        ("Tokyo long wished for a seat at the table.", "seat", "wished for"),
        ("Japan should join the programme.", "join", "wished for"),
        ("There is a strong case for including Seoul.", "including", "wished for"),
        ("Observers weighed the possibility of Manila joining the patrols.", "joining", "hypothetical"),
        ("Seoul's potential entry alarms Beijing.", "entry", "hypothetical"),
        ("Officials stayed silent as to what role Japan would be given.", "given", "hypothetical"),
    ],
)
def test_wishes_prescriptions_and_possibilities_are_no_claims(sentence: str, anchor: str, why: str) -> None:
    result = judge(sentence, anchor)
    assert result.dropped is not None and result.dropped.startswith(why), result


@pytest.mark.parametrize(
    ("sentence", "anchor", "modality"),
    [
        ("The navy wants 12 attack submarines.", "12", "asserted"),  # a wanted count, no infinitive
        ("The prospect of Seoul joining was welcomed in Canberra.", "welcomed", "asserted"),
        ("The proposal to include Manila was welcomed in Tokyo.", "welcomed", "asserted"),
        ("There is no prospect of Manila acquiring submarines.", "acquiring", "denied"),
        ("The ministers announced plans to collaborate with Seoul.", "collaborate", "expected"),
        ("Hanoi announced its intention to join the patrols.", "join", "expected"),
        ("Seoul's impending accession worries Beijing.", "accession", "expected"),
        ("Manila is about to become a member.", "become", "expected"),
        ("Canberra has shut down talk of Seoul joining.", "talk", "denied"),
    ],
)
def test_what_governs_the_value_and_how_far_it_reaches(sentence: str, anchor: str, modality: str) -> None:
    result = judge(sentence, anchor)
    assert result.dropped is None and result.modality == modality, result


# --- where the value's own clause opens (a description the extractor recognised) -----------------


def test_cues_before_where_the_value_s_clause_opens_do_not_reach_it() -> None:
    sentence = "Fiji will not take part in the compact's drone work."
    cues = SentenceCues(sentence)
    start, end = anchor_of(sentence, "drone")
    assert cues.assess(start, end).modality == "denied"
    opened = cues.assess(start, end, clause_start=sentence.index("the compact"))
    assert (opened.modality, opened.cues) == ("asserted", ())


def test_a_condition_still_governs_the_whole_clause() -> None:
    sentence = "If Fiji joins the compact's drone work, Tonga will follow."
    start, end = anchor_of(sentence, "drone")
    opened = SentenceCues(sentence).assess(start, end, clause_start=sentence.index("the compact"))
    assert opened.dropped == "hypothetical ('If' before it)"


def test_the_prospect_of_another_predicate_does_not_reach_the_description() -> None:
    sentence = "The prospect of Fiji joining the compact's drone work worries Tonga."
    start, end = anchor_of(sentence, "drone")
    assert SentenceCues(sentence).assess(start, end).dropped is not None
    opened = SentenceCues(sentence).assess(start, end, clause_start=sentence.index("the compact"))
    assert (opened.dropped, opened.modality) == (None, "asserted")


def test_opens_never_widens_the_clause() -> None:
    sentence = "Tonga will wait; Fiji did not join the compact's drone work."
    start, end = anchor_of(sentence, "drone")
    # an opening before the clause's own start (the semicolon) is ignored
    assert SentenceCues(sentence).assess(start, end, clause_start=0).modality == "denied"


# --- nothing decided yet --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        ("Ministers said no decision on Tokyo joining the drills had been taken.", "joining"),
        ("No final decision has been made about Seoul's participation in the exercise.", "participation"),
        ("There has been no decision yet on whether Manila takes part.", "takes part"),
        ("The cabinet is yet to decide on sending observers.", "sending"),
        ("Canberra remains undecided about buying the radar.", "buying"),
    ],
)
def test_an_open_decision_is_no_claim(sentence: str, anchor: str) -> None:
    result = judge(sentence, anchor)
    assert result.dropped is not None and result.dropped.startswith("hypothetical"), result


def test_a_decision_that_was_made_still_reads_as_usual() -> None:
    assert judge("The ministers reached a decision on joining the drills.", "joining").modality == "asserted"
    assert judge("The ministry did not join the drills, officials said.", "join").modality == "denied"


# --- long sentences ----------------------------------------------------------------------------


def test_a_clause_reaches_no_farther_than_its_bound() -> None:
    from aukus_check.modality import CLAUSE_REACH

    filler = "the delegates listened " * 200
    sentence = f"Officials did not confirm that {filler}and the ministers joined the drills."
    start, end = anchor_of(sentence, "joined")
    clause_start, _ = clause_bounds(sentence, start, end)
    assert clause_start == start - CLAUSE_REACH
    # the "not" thousands of characters before is outside the value's clause
    assert assess(sentence, start, end).modality == "asserted"


def test_cue_lookup_by_bisection_matches_a_scan() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from aukus_check.modality import _Cues

    @settings(max_examples=200, deadline=None, derandomize=True)
    @given(
        lengths=st.lists(st.tuples(st.integers(0, 5), st.integers(1, 4)), max_size=40),  # past the scan
        start=st.integers(-2, 200),
        width=st.integers(0, 200),
    )
    def check(lengths: list[tuple[int, int]], start: int, width: int) -> None:
        spans, position = [], 0
        for gap, length in lengths:  # cues in text order, never overlapping
            position += gap
            spans.append((position, position + length, "x"))
            position += length
        end = start + width
        expected = [span for span in spans if start <= span[0] and span[1] <= end]
        assert _Cues(spans).within(start, end) == expected

    check()


@pytest.mark.parametrize(
    ("sentence", "anchor", "modality"),
    [
        # a short main clause between the leading clause and the attribution is no aside
        ("Although Tonga did not hesitate, Fiji signed, officials said.", "signed", "reported"),
        # an aside inside the leading clause is still skipped
        ("Although Tonga, like Samoa, did not hesitate, Fiji never signed.", "signed", "denied"),
        ("Although Tonga, like Samoa, did not hesitate, Fiji signed the accord.", "signed", "asserted"),
    ],
)
def test_a_leading_clause_s_negation_stays_in_it(sentence: str, anchor: str, modality: str) -> None:
    assert judge(sentence, anchor).modality == modality
