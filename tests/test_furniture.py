"""Page furniture detection on hand-written lines: each reason family, footers, and what is not furniture."""

from __future__ import annotations

import pytest

from aukus_check.furniture import FurnitureLine, find_furniture

PROSE = (
    "Officials in Canberra said the submarine yard in Adelaide would employ four thousand "
    "workers by the end of the decade, most of them in welding and pipe-fitting trades."
)
LONG_PROSE = (
    "The defence minister told parliament on Tuesday that the first of the new attack submarines "
    "would be delivered later than planned, citing shortages of skilled welders at the shipyard and "
    "delays in the supply of reactor components from overseas partners, and said that a revised "
    "schedule would be published before the end of the year."
)


def furniture(lines: list[str], candidates: list[bool] | None = None) -> dict[int, str]:
    """Line number -> reason, for every furniture line."""
    flags = [True] * len(lines) if candidates is None else candidates
    return {item.line: item.reason for item in find_furniture(lines, flags)}


def single(line: str) -> dict[int, str]:
    """Classify one line placed at the top of a long article, so no footer logic applies."""
    return furniture([line, PROSE, PROSE, PROSE, PROSE])


def test_result_items_are_furniture_lines_in_line_order() -> None:
    result = find_furniture(["Advertisement", PROSE, "Tweet"], [True, True, True])
    assert result == [FurnitureLine(1, "advertisement"), FurnitureLine(3, "social links")]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("No time to read?", "summary prompt"),
        ("Get a summary", "summary prompt"),
        ("Get the summary", "summary prompt"),
        ("Summarize this article", "summary prompt"),
        ("Leave a Reply", "comment form"),
        ("Your email address will not be published. Required fields are marked *", "comment form"),
        ("Required fields are marked *", "comment form"),
        ("Post a Comment", "comment form"),
        ("12 Comments", "comment form"),
        ("Cancel reply", "comment form"),
        ("Follow us on social", "social links"),
        ("Facebook Twitter Youtube", "social links"),
        ("LinkedIn | WhatsApp | Email", "social links"),
        ("Share this article", "social links"),
        ("Share on Telegram", "social links"),
        ("Tweet", "social links"),
        ("Subscribe to our daily newsletter", "subscription notice"),
        ("Sign up for a free account", "subscription notice"),
        ("Already a subscriber? Log in here", "subscription notice"),
        ("You have 2 free articles remaining", "subscription notice"),
        ("Subscribe today", "subscription notice"),
        ("© REUTERS", "copyright notice"),
        ("Copyright 2024 Example News. All rights reserved.", "copyright notice"),
        ("(c) 2019 Harbour Press", "copyright notice"),
        ("All rights reserved.", "copyright notice"),
        ("Related Posts", "related links"),
        ("Related:", "related links"),
        ("You may be interested in: Osborne yard doubles its workforce", "related links"),
        ("You might also like", "related links"),
        ("Read more: Why the hull design changed", "related links"),
        ("Most read", "related links"),
        ("Tags: submarines, shipbuilding", "related links"),
        ("Advertisement", "advertisement"),
        ("Sponsored content", "advertisement"),
        ("4 min read", "reading time"),
    ],
)
def test_line_reason(line: str, reason: str) -> None:
    assert single(line) == {1: reason}


@pytest.mark.parametrize("line", ["no time to read?", "RELATED POSTS", "leave a reply", "FACEBOOK TWITTER"])
def test_patterns_ignore_case(line: str) -> None:
    assert 1 in single(line)


def test_surrounding_whitespace_is_ignored() -> None:
    assert single("   Leave a Reply   ") == {1: "comment form"}


@pytest.mark.parametrize(
    "line",
    [
        "The navy will share this article of the treaty with Tokyo.",
        "Officials declined to comment on the cost.",
        "Copyrighted designs were shared under the pact.",
        "Related talks are expected in Tokyo next month.",
        "Next year the first crews begin training.",
    ],
)
def test_prose_mentioning_furniture_words_is_not_furniture(line: str) -> None:
    assert single(line) == {}


# --- navigation links and the headlines after them --------------------------------------------


def test_previous_and_next_article_links_take_the_following_headline() -> None:
    lines = [
        PROSE,
        PROSE,
        "Previous Article",
        "Navy orders six frigates in 2031",
        "",
        "Next Article",
        "",
        "Shipyard union signs a ten-year deal",
    ]
    assert furniture(lines) == {
        3: "navigation link",
        4: "linked headline",
        6: "navigation link",
        8: "linked headline",
    }


@pytest.mark.parametrize("link", ["Previous", "Next", "Prev", "Next Post", "Previous Story"])
def test_navigation_link_forms(link: str) -> None:
    lines = [PROSE, PROSE, PROSE, link, "Drone trial ends early off Darwin"]
    assert furniture(lines) == {4: "navigation link", 5: "linked headline"}


def test_only_one_headline_follows_a_navigation_link() -> None:
    lines = [PROSE, PROSE, "Next Article", "Radar contract awarded in 2029", PROSE]
    assert furniture(lines) == {3: "navigation link", 4: "linked headline"}


def test_long_prose_after_a_navigation_link_is_not_a_linked_headline() -> None:
    assert len(LONG_PROSE) > 300
    lines = [PROSE, PROSE, "Next Article", LONG_PROSE]
    assert furniture(lines) == {3: "navigation link"}


def test_skip_to_content_does_not_mark_the_article_title_as_a_linked_headline() -> None:
    lines = ["Skip to main content", "Adelaide yard hires four thousand welders", "", PROSE, PROSE]
    assert furniture(lines) == {1: "page navigation"}


# --- page footers -----------------------------------------------------------------------------


def test_short_lines_after_a_footer_marker_in_the_second_half_are_footer() -> None:
    lines = [
        "Yard expansion approved",  # 1
        "",
        PROSE,  # 3
        "",
        PROSE,  # 5
        "",
        PROSE,  # 7
        "",
        "Share this article",  # 9
        "",
        "Jane Doe",  # 11
        "Jane Doe covers defence and industry for Example News.",  # 12
        "",
    ]
    assert furniture(lines) == {
        9: "social links",
        11: "page footer after line 9",
        12: "page footer after line 9",
    }


def test_footer_keeps_the_reasons_of_lines_that_already_have_one() -> None:
    lines = [
        PROSE,
        PROSE,
        PROSE,
        "Related Posts",  # 4
        "Osborne workers vote on new roster",  # 5
        "Copyright 2024 Example News. All rights reserved.",  # 6
        "Hobart ferry contract delayed again",  # 7
    ]
    assert furniture(lines) == {
        4: "related links",
        5: "page footer after line 4",
        6: "copyright notice",
        7: "page footer after line 4",
    }


def test_no_footer_when_a_long_line_follows_the_marker() -> None:
    assert len(PROSE) > 160
    lines = [PROSE, PROSE, PROSE, "Follow us on social", "Jane Doe", PROSE]
    assert furniture(lines) == {4: "social links"}


def test_share_button_near_the_top_does_not_turn_the_body_into_footer() -> None:
    lines = [
        "Yard expansion approved",  # 1
        "Share this article",  # 2
        "",
        PROSE,  # 4
        "Short heading in the body",  # 5
        PROSE,  # 6
        "Another short line",  # 7
        PROSE,  # 8
        "Closing remark of the piece.",  # 9
    ]
    assert furniture(lines) == {2: "social links"}


def test_summary_prompt_does_not_open_a_footer() -> None:
    lines = [PROSE, PROSE, PROSE, "Get a summary", "Jane Doe", "Short closing line."]
    assert furniture(lines) == {4: "summary prompt"}


# --- what is never furniture ------------------------------------------------------------------


def test_long_lines_are_never_furniture_even_if_they_match_a_pattern() -> None:
    long_line = "Copyright " + LONG_PROSE
    assert len(long_line) > 300
    assert single(long_line) == {}


def test_candidates_false_lines_are_never_examined() -> None:
    lines = ["---", "tags: navy", "copyright: 2024", "---", "Related Posts", PROSE, PROSE]
    candidates = [False, False, False, False, True, True, True]
    assert furniture(lines, candidates) == {5: "related links"}


def test_navigation_link_in_front_matter_does_not_mark_the_next_line() -> None:
    lines = ["Next", "Drone trial ends early", PROSE, PROSE]
    assert furniture(lines, [False, True, True, True]) == {}


def test_blank_and_empty_lines_are_not_furniture() -> None:
    assert furniture(["", "   ", PROSE]) == {}
