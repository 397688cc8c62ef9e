"""Sentence splitting on hand-written text: abbreviations, quotes, decimals, line breaks, offsets."""

from __future__ import annotations

import pytest

from aukus_check.sentences import split_sentences


def sentences(text: str) -> list[str]:
    """Split the whole text and return each sentence's text, checking offsets on the way."""
    spans = split_sentences(text, 0, len(text))
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
    assert spans == sorted(spans)
    return [text[start:end] for start, end in spans]


# --- ordinary sentence ends ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The frigate left port. It returned at dawn.",
            ["The frigate left port.", "It returned at dawn."],
        ),
        (
            "Did the talks fail? Officials would not say.",
            ["Did the talks fail?", "Officials would not say."],
        ),
        (
            "The submarine surfaced! Crowds cheered on the pier.",
            ["The submarine surfaced!", "Crowds cheered on the pier."],
        ),
        (
            "Will Canada be invited? Nobody knows! Wait for the summit.",
            ["Will Canada be invited?", "Nobody knows!", "Wait for the summit."],
        ),
        (
            "Why does 2031 matter? 2032 is the real deadline.",
            ["Why does 2031 matter?", "2032 is the real deadline."],
        ),
        (
            "The crews rested. (The drill had lasted nine hours.) Then they ate.",
            ["The crews rested.", "(The drill had lasted nine hours.)", "Then they ate."],
        ),
    ],
)
def test_splits_on_terminal_punctuation(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_single_sentence_without_final_punctuation_is_kept_whole() -> None:
    assert sentences("Reactors arrive from overseas partners") == ["Reactors arrive from overseas partners"]


def test_empty_and_blank_ranges_give_no_sentences() -> None:
    assert split_sentences("", 0, 0) == []
    assert split_sentences("   \n  ", 0, 6) == []


# --- titles, honorifics and initials ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Marles met Mrs. Lee and Ms. Ortiz in Sydney.",
        "Dr. Okafor briefed Gen. Harris before lunch.",
        "Lt. Col. Baker and Sgt. Moreno inspected the hull.",
        "Traffic on Martin Luther King Jr. Boulevard was stopped for the parade.",
        "Sen. Whitfield and Rep. Dawes co-signed the letter.",
        "Prof. Nakamura and Capt. Reyes toured the dock.",
        "The report by A. J. Pemberton was leaked to reporters.",
        "Analyst R. Tanaka disagreed with the findings.",
    ],
)
def test_no_split_after_titles_or_initials(text: str) -> None:
    assert sentences(text) == [text]


def test_title_at_sentence_start_still_allows_a_later_split() -> None:
    assert sentences("Gen. Ito inspected the base. He left before noon.") == [
        "Gen. Ito inspected the base.",
        "He left before noon.",
    ]


def test_initials_in_a_name_then_a_real_sentence_end() -> None:
    text = "The memoir by J. K. Whitcombe sold well. Critics were less kind."
    assert sentences(text) == ["The memoir by J. K. Whitcombe sold well.", "Critics were less kind."]


# --- dotted acronyms and ambiguous abbreviations ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Sailors from the U.S. Navy joined the drill.",
        "Engineers from the U.K. Ministry of Defence visited Perth.",
        "Ships of the U.S. 7th Fleet sailed north.",
        "The parts came from Acme Inc. Chairman Lowe approved them.",
        "The talks began on Jan. 14 in Tokyo.",
    ],
)
def test_no_split_before_a_capitalised_non_opener(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The deal was struck with the U.S. The treaty follows next year.",
            ["The deal was struck with the U.S.", "The treaty follows next year."],
        ),
        (
            "Canberra signed a pact with the U.K. However, the details remain secret.",
            ["Canberra signed a pact with the U.K.", "However, the details remain secret."],
        ),
        (
            "The boats will be built in the U.S. They will be crewed by Australians.",
            ["The boats will be built in the U.S.", "They will be crewed by Australians."],
        ),
        (
            "The hull steel was supplied by Bluewater Co. The firm declined to comment.",
            ["The hull steel was supplied by Bluewater Co.", "The firm declined to comment."],
        ),
        (
            "The briefing ended at 6 p.m. According to aides, it went well.",
            ["The briefing ended at 6 p.m.", "According to aides, it went well."],
        ),
    ],
)
def test_split_after_abbreviation_when_a_sentence_opener_follows(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# --- decimals and lowercase continuations -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Each boat costs 3.5 billion dollars.", ["Each boat costs 3.5 billion dollars."]),
        (
            "Spending rose 2.75 percent in 2024. Critics objected.",
            ["Spending rose 2.75 percent in 2024.", "Critics objected."],
        ),
        (
            "Some partners, e.g. this one, were not invited.",
            ["Some partners, e.g. this one, were not invited."],
        ),
        (
            "The vote was close, i.e. within two seats. Both sides claimed victory.",
            ["The vote was close, i.e. within two seats.", "Both sides claimed victory."],
        ),
        (
            "The hull, approx. twelve metres wide, was dented.",
            ["The hull, approx. twelve metres wide, was dented."],
        ),
        ("He paused... then carried on reading.", ["He paused... then carried on reading."]),
    ],
)
def test_decimals_and_lowercase_after_a_period_do_not_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# --- quotations -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The admiral said: “We are ready. The crews are trained.” Reporters left.",
            ["The admiral said: “We are ready. The crews are trained.”", "Reporters left."],
        ),
        (
            'The minister said "Costs will rise. Nothing is settled." Markets fell.',
            ['The minister said "Costs will rise. Nothing is settled."', "Markets fell."],
        ),
        (
            'A spokesman said “Talks continue. No date is set." The statement ended there.',
            ['A spokesman said “Talks continue. No date is set."', "The statement ended there."],
        ),
        (
            "“Will Japan join? Nobody knows yet,” an official said.",
            ["“Will Japan join? Nobody knows yet,” an official said."],
        ),
        (
            "“Launch!” The order rang across the deck.",
            ["“Launch!”", "The order rang across the deck."],
        ),
        (
            'Observers asked "Is it over?" Nobody answered.',
            ['Observers asked "Is it over?"', "Nobody answered."],
        ),
    ],
)
def test_no_split_inside_a_quotation(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_quote_question_followed_by_lowercase_attribution_is_one_sentence() -> None:
    text = "“Is the yard ready?” she asked. Nobody replied."
    assert sentences(text) == ["“Is the yard ready?” she asked.", "Nobody replied."]


@pytest.mark.parametrize("opener", ["“", '"'])
def test_unbalanced_quote_does_not_swallow_the_rest_of_the_paragraph(opener: str) -> None:
    text = f"The envoy began {opener}We accept the terms. Then he stopped. Aides looked away."
    assert sentences(text) == [
        f"The envoy began {opener}We accept the terms.",
        "Then he stopped.",
        "Aides looked away.",
    ]


def test_two_quotations_in_a_row_are_separate_sentences() -> None:
    text = 'He said "Yes." "No," she replied.'
    assert sentences(text) == ['He said "Yes."', '"No," she replied.']


# --- line breaks ------------------------------------------------------------------------------


def test_short_heading_line_is_a_hard_break() -> None:
    assert sentences("Launch schedule\nThe first boat is due in 2032.") == [
        "Launch schedule",
        "The first boat is due in 2032.",
    ]


def test_line_ending_with_a_period_is_a_hard_break_even_before_lowercase() -> None:
    assert sentences("The crews slept.\nthe ship sailed at dawn.") == [
        "The crews slept.",
        "the ship sailed at dawn.",
    ]


def test_line_ending_with_a_colon_is_a_hard_break() -> None:
    text = "The ministry listed three causes of the delay, as follows:\nwelder shortages came first."
    assert sentences(text) == [
        "The ministry listed three causes of the delay, as follows:",
        "welder shortages came first.",
    ]


def test_hard_wrapped_prose_is_joined_into_one_sentence() -> None:
    first = "Officials at the shipyard in Osborne confirmed that the"
    second = "second hull would be laid down in the spring. Unions agreed."
    assert len(first) >= 40
    text = f"{first}\n{second}"
    assert sentences(text) == [
        f"{first}\nsecond hull would be laid down in the spring.",
        "Unions agreed.",
    ]


def test_hard_wrapped_prose_with_crlf_is_joined() -> None:
    first = "The treasury estimated that the full programme would cost"
    text = f"{first}\r\nmore than the previous government had admitted.\r\nBudget hawks were alarmed."
    assert sentences(text) == [
        f"{first}\r\nmore than the previous government had admitted.",
        "Budget hawks were alarmed.",
    ]


def test_short_line_without_punctuation_is_not_joined_to_the_next() -> None:
    text = "By Jane Doe, defence reporter\nThe navy announced the order on Monday."
    assert sentences(text) == ["By Jane Doe, defence reporter", "The navy announced the order on Monday."]


def test_blank_line_separates_paragraphs() -> None:
    assert sentences("Ships sailed.\n\nPlanes flew overhead.") == ["Ships sailed.", "Planes flew overhead."]


def test_question_line_then_answer_line() -> None:
    assert sentences("Is the budget realistic?\nFew analysts think so.") == [
        "Is the budget realistic?",
        "Few analysts think so.",
    ]


# --- offsets ----------------------------------------------------------------------------------


def test_offsets_are_trimmed_of_surrounding_whitespace() -> None:
    text = "   Ships sailed.   Planes flew.   "
    assert split_sentences(text, 0, len(text)) == [(3, 16), (19, 31)]


def test_offsets_are_absolute_within_a_subrange() -> None:
    text = "IGNORED. Drones flew low. Radars missed them. IGNORED."
    start = text.index("Drones")
    end = text.index(" IGNORED.", start)
    assert split_sentences(text, start, end) == [(9, 25), (26, 45)]
    assert [text[s:e] for s, e in split_sentences(text, start, end)] == [
        "Drones flew low.",
        "Radars missed them.",
    ]


def test_offsets_across_lines_map_back_to_the_text() -> None:
    text = "Heading\n  The yard hired welders. Training takes years.  \nSmall note"
    spans = split_sentences(text, 0, len(text))
    assert spans == [(0, 7), (10, 33), (34, 55), (58, 68)]
    assert [text[s:e] for s, e in spans] == [
        "Heading",
        "The yard hired welders.",
        "Training takes years.",
        "Small note",
    ]


# --- overlong sentences ------------------------------------------------------------------------


def test_an_overlong_sentence_is_cut_at_clause_breaks_into_bounded_pieces() -> None:
    from aukus_check.sentences import MAX_SENTENCE_CHARS

    clause = "the delegates from the coastal provinces met again in the harbour town"
    text = "; ".join([clause] * 200) + "."
    pieces = split_sentences(text, 0, len(text))
    assert len(pieces) > 1
    assert all(end - start <= MAX_SENTENCE_CHARS for start, end in pieces)
    # each piece ends after a semicolon (or at the end), never inside a word
    assert all(text[end - 1] in ";." for _, end in pieces)
    assert "".join(text[start:end] for start, end in pieces).replace(";", "; ").count(clause) == 200


def test_an_overlong_run_without_breaks_is_cut_at_spaces() -> None:
    from aukus_check.sentences import MAX_SENTENCE_CHARS

    text = " ".join(f"word{n}" for n in range(3000))
    pieces = split_sentences(text, 0, len(text))
    assert all(end - start <= MAX_SENTENCE_CHARS for start, end in pieces)
    assert " ".join(text[start:end] for start, end in pieces) == text


def test_quotations_that_nest_still_hold_their_full_stops() -> None:
    text = "“He said “we will go. Soon.” and left. Then.” Officials agreed. Later they met."
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == [
        "“He said “we will go. Soon.” and left. Then.”",
        "Officials agreed.",
        "Later they met.",
    ]
