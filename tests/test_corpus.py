"""Reading articles: front matter, titles, header dates, cited sources, furniture, offsets and loading."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from aukus_check.corpus import Article, load_corpus, parse_article
from aukus_check.errors import CorpusError, Location
from aukus_check.metadata import find_datelines
from aukus_check.models import CitedSource, FurnitureRange, PartialDate
from aukus_check.outlets import build_outlet_matcher

OUTLETS = build_outlet_matcher()
PATH = "corpus/yard.txt"


def parse(text: str, *, markdown: bool = False) -> Article:
    return parse_article(text, "yard", PATH, "utf-8", OUTLETS, markdown=markdown)


def sentence_texts(article: Article) -> list[str]:
    return [article.text[start:end] for start, end in article.sentences]


def sentence_starts(article: Article) -> list[tuple[int, int]]:
    return [article.index.position(start) for start, _ in article.sentences]


def corpus_error(text: str) -> CorpusError:
    with pytest.raises(CorpusError) as caught:
        parse(text)
    return caught.value


def write(root: Path, relative: str, data: bytes | str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --- identity and titles ----------------------------------------------------------------------


def test_article_keeps_id_path_encoding_and_text() -> None:
    text = "Yard hires welders\n\nThe yard hired staff.\n"
    article = parse_article(text, "yard-01", "c/yard-01.txt", "cp1252", OUTLETS)
    assert (article.info.id, article.info.path, article.info.encoding) == (
        "yard-01",
        "c/yard-01.txt",
        "cp1252",
    )
    assert article.text == text


def test_title_is_the_first_non_empty_line_stripped() -> None:
    info = parse("\n   \n  Navy orders six frigates  \n\nThe order was placed on Monday.\n").info
    assert (info.title, info.title_line) == ("Navy orders six frigates", 3)


def test_title_from_front_matter_has_no_line() -> None:
    info = parse("---\ntitle: Welders wanted in Adelaide\n---\nA different first line\n\nBody text.\n").info
    assert (info.title, info.title_line) == ("Welders wanted in Adelaide", None)


def test_title_after_front_matter_without_title_counts_file_lines() -> None:
    info = parse("---\nauthor: Jane Doe\n---\n\nHull welding resumes\n\nWork restarted today.\n").info
    assert (info.title, info.title_line) == ("Hull welding resumes", 5)


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("# Yard hires welders", "Yard hires welders"),
        ("### Yard hires welders", "Yard hires welders"),
        ("   ## Yard hires welders", "Yard hires welders"),
        ("Yard hires welders", "Yard hires welders"),
    ],
)
def test_markdown_heading_marks_are_stripped_from_the_title(first_line: str, title: str) -> None:
    info = parse(f"{first_line}\n\nThe yard hired staff.\n", markdown=True).info
    assert (info.title, info.title_line) == (title, 1)


def test_heading_marks_are_kept_in_plain_text_articles() -> None:
    assert parse("# Yard hires welders\n\nThe yard hired staff.\n").info.title == "# Yard hires welders"


def test_article_with_only_front_matter_has_an_empty_title() -> None:
    article = parse("---\nauthor: Jane Doe\n---\n")
    assert (article.info.title, article.info.title_line, article.sentences) == ("", None, ())


# --- front matter -----------------------------------------------------------------------------


FULL_FRONT_MATTER = (
    "---\n"
    "title: Yard hires welders\n"
    "published: 2024-03-04\n"
    "outlet: Harbour Press\n"
    "author: Jane Doe\n"
    "url: https://example.org/yard\n"
    "reliability: high\n"
    "---\n"
    "Welding begins\n"
    "\n"
    "The yard hired 400 welders.\n"
)


def test_front_matter_keys_are_read() -> None:
    info = parse(FULL_FRONT_MATTER).info
    assert info.title == "Yard hires welders"
    assert info.outlet == "Harbour Press"
    assert info.author == "Jane Doe"
    assert info.url == "https://example.org/yard"
    assert info.reliability == "high"
    assert info.published is not None
    assert info.published.source == "front_matter"
    assert info.published.date == PartialDate(year=2024, month=3, day=4)
    assert (info.published.text, info.published.line, info.published.column) == ("2024-03-04", 3, 12)


def test_front_matter_is_not_part_of_the_body() -> None:
    article = parse(FULL_FRONT_MATTER)
    assert sentence_texts(article) == ["Welding begins", "The yard hired 400 welders."]
    assert sentence_starts(article) == [(9, 1), (11, 1)]


def test_missing_front_matter_keys_are_none() -> None:
    info = parse("---\ntitle: T\n---\nBody.\n").info
    assert (info.outlet, info.author, info.url, info.reliability, info.published) == (
        None,
        None,
        None,
        None,
        None,
    )


def test_empty_front_matter_values_are_none() -> None:
    info = parse("---\nauthor:\nurl:\n---\nBody.\n").info
    assert (info.author, info.url) == (None, None)


def test_numbers_in_front_matter_become_text() -> None:
    info = parse("---\ntitle: 1984\nreliability: 0.8\n---\nBody.\n").info
    assert (info.title, info.reliability) == ("1984", "0.8")


def test_front_matter_may_close_with_dots() -> None:
    article = parse("---\nauthor: Jane Doe\n...\nSubmarine talks\n")
    assert (article.info.author, article.info.title, article.info.title_line) == (
        "Jane Doe",
        "Submarine talks",
        4,
    )


def test_empty_front_matter_block() -> None:
    article = parse("---\n---\nSubmarine talks\n")
    assert (article.info.title, article.info.title_line) == ("Submarine talks", 3)
    assert sentence_texts(article) == ["Submarine talks"]


@pytest.mark.parametrize(
    ("value", "date", "iso", "precision"),
    [
        ("2024-03-04", PartialDate(year=2024, month=3, day=4), "2024-03-04", "day"),
        ('"2024-03-04"', PartialDate(year=2024, month=3, day=4), "2024-03-04", "day"),
        ("2024-03", PartialDate(year=2024, month=3), "2024-03", "month"),
        ("2024", PartialDate(year=2024), "2024", "year"),
        ("4 March 2024", PartialDate(year=2024, month=3, day=4), "2024-03-04", "day"),
        ("4 Mar 2024", PartialDate(year=2024, month=3, day=4), "2024-03-04", "day"),
        ("March 4, 2024", PartialDate(year=2024, month=3, day=4), "2024-03-04", "day"),
        ("2023-12-31", PartialDate(year=2023, month=12, day=31), "2023-12-31", "day"),
    ],
)
def test_front_matter_published_forms(value: str, date: PartialDate, iso: str, precision: str) -> None:
    published = parse(f"---\ntitle: T\npublished: {value}\n---\nBody.\n").info.published
    assert published is not None
    assert published.date == date
    assert (published.date.iso, published.date.precision) == (iso, precision)
    assert (published.source, published.line, published.column) == ("front_matter", 3, 12)


def test_front_matter_date_wins_over_a_header_date() -> None:
    published = parse("---\npublished: 2024-05\n---\nYard news\n12 March 2024\n\nBody.\n").info.published
    assert published is not None
    assert (published.source, published.date) == ("front_matter", PartialDate(year=2024, month=5))


# --- front matter errors ----------------------------------------------------------------------


def test_unknown_front_matter_key_points_at_the_key() -> None:
    error = corpus_error("---\ntitle: T\nsection: Defence\n---\nBody.\n")
    assert "unknown front matter key 'section'" in error.message
    assert error.location == Location(PATH, 3, 1)


def test_unknown_key_after_a_multiline_value_points_at_its_own_line() -> None:
    error = corpus_error("---\ntitle: >\n  A long folded\n  title\nsection: Defence\n---\nBody.\n")
    assert error.location == Location(PATH, 5, 1)


def test_unknown_key_line_with_crlf_line_endings() -> None:
    error = corpus_error("---\r\ntitle: T\r\n\r\nsection: Defence\r\n---\r\nBody.\r\n")
    assert error.location == Location(PATH, 4, 1)


def test_invalid_yaml_location_is_offset_by_the_opening_delimiter() -> None:
    # "author: Jane: Doe" is the third line of the file; its second colon is column 13.
    error = corpus_error("---\ntitle: T\nauthor: Jane: Doe\n---\nBody.\n")
    assert error.message.startswith("front matter is not valid YAML")
    assert error.location == Location(PATH, 3, 13)


def test_unclosed_front_matter_points_at_the_opening_line() -> None:
    error = corpus_error("---\ntitle: T\n\nThe body never closes the block.\n")
    assert "never closed" in error.message
    assert error.location == Location(PATH, 1, 1)


def test_front_matter_that_is_not_a_mapping() -> None:
    error = corpus_error("---\n- one\n- two\n---\nBody.\n")
    assert error.location == Location(PATH, 2, 1)


def test_front_matter_value_that_is_a_list_points_at_the_value() -> None:
    error = corpus_error("---\ntitle: T\nauthor: [Jane, Joe]\n---\nBody.\n")
    assert "'author' must be text" in error.message
    assert error.location == Location(PATH, 3, 9)


@pytest.mark.parametrize(
    "value", ["soon", "31 February 2024", "2024-13", "2024-3-4", "4 Smarch 2024", "true", "99"]
)
def test_bad_published_value_points_at_the_value(value: str) -> None:
    error = corpus_error(f"---\ntitle: T\npublished: {value}\n---\nBody.\n")
    assert "'published' is not a date" in error.message
    assert error.location == Location(PATH, 3, 12)


def test_impossible_yaml_date_is_a_corpus_error() -> None:
    error = corpus_error("---\ntitle: T\npublished: 2024-02-30\n---\nBody.\n")
    assert error.location == Location(PATH, 3, 12)


# --- publication date from the header ---------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "date", "text"),
    [
        ("4 Mar, 2024 16:32", PartialDate(year=2024, month=3, day=4), "4 Mar, 2024"),
        ("March 4, 2024", PartialDate(year=2024, month=3, day=4), "March 4, 2024"),
        ("2024-03-04", PartialDate(year=2024, month=3, day=4), "2024-03-04"),
        ("Published: 7 June 2023", PartialDate(year=2023, month=6, day=7), "Published: 7 June 2023"),
        (
            "Updated on Sept. 21, 2022 at 10:05",
            PartialDate(year=2022, month=9, day=21),
            "Updated on Sept. 21, 2022",
        ),
        ("Canberra, 3rd April 2024", PartialDate(year=2024, month=4, day=3), "Canberra, 3rd April 2024"),
        ("Tokyo, 12 May, /KYODO/", PartialDate(month=5, day=12), "Tokyo, 12 May"),
        ("29 February", PartialDate(month=2, day=29), "29 February"),
    ],
)
def test_header_date_forms(header: str, date: PartialDate, text: str) -> None:
    published = parse(f"Yard news\n{header}\n\nThe yard hired welders.\n").info.published
    assert published is not None
    assert published.date == date
    assert (published.source, published.text, published.line, published.column) == ("header", text, 2, 1)


def test_header_date_without_year() -> None:
    published = parse("Yard news\nTokyo, 12 May, /KYODO/\n\nBody.\n").info.published
    assert published is not None
    assert published.date == PartialDate(year=None, month=5, day=12)
    assert (published.date.iso, published.date.precision) == ("--05-12", "day")


def test_indented_header_date_column() -> None:
    published = parse("Yard news\n   Posted: 9 Oct 2021\n\nBody.\n").info.published
    assert published is not None
    assert (published.text, published.line, published.column) == ("Posted: 9 Oct 2021", 2, 4)


def test_header_date_after_summary_prompts_and_blank_lines() -> None:
    published = parse(
        "Yard news\n\nNo time to read?\nGet a summary\n\nOctober 9, 2021\n\nBody.\n"
    ).info.published
    assert published is not None
    assert (published.date, published.line) == (PartialDate(year=2021, month=10, day=9), 6)


def test_date_inside_body_prose_is_not_the_publication_date() -> None:
    text = "Yard news\n\nThe first steel for the new hull was cut on 4 March 2024 at the Osborne yard.\n"
    published = parse(text).info.published
    # no header date: only a lower bound inferred from the past it asserts (tests/test_written.py)
    assert published is not None and (published.source, published.inferred) == ("latest_mention", True)


def test_date_far_below_the_header_is_not_the_publication_date() -> None:
    lines = ["Yard news", "One.", "Two.", "Three.", "Four.", "Five.", "Six.", "4 March 2024"]
    assert parse("\n".join(lines) + "\n").info.published is None


def test_date_on_the_sixth_line_after_the_title_is_still_the_header() -> None:
    lines = ["Yard news", "One.", "Two.", "Three.", "Four.", "Five.", "4 March 2024"]
    published = parse("\n".join(lines) + "\n").info.published
    assert published is not None
    assert published.line == 7


def test_title_line_is_not_read_as_a_dateline() -> None:
    assert parse("12 March 2024\n\nThe yard hired welders.\n").info.published is None


@pytest.mark.parametrize("header", ["31 February 2024", "29 February 2023", "2024-02-30", "April 31, 2024"])
def test_impossible_header_dates_are_rejected(header: str) -> None:
    article = parse(f"Yard news\n{header}\n\nBody.\n")
    assert article.info.published is None
    assert header in sentence_texts(article)


def test_dateline_line_is_not_a_sentence() -> None:
    article = parse("Yard news\nMarch 4, 2024\n\nThe yard hired welders.\n")
    assert sentence_texts(article) == ["Yard news", "The yard hired welders."]


def test_short_lead_sentence_opening_with_a_clause_and_date_is_not_a_dateline() -> None:
    article = parse("Yard news\n\nBy then, 12 May 2024 had been set as the deadline.\n")
    assert article.info.published is None
    assert "By then, 12 May 2024 had been set as the deadline." in sentence_texts(article)


def test_prose_on_the_dateline_line_is_kept() -> None:
    article = parse("Yard news\n\nTokyo, 12 May, /KYODO/ -- The navy ordered two tenders.\n")
    assert any("The navy ordered two tenders." in sentence for sentence in sentence_texts(article))


@pytest.mark.parametrize(
    ("first_line", "date", "text", "lead"),
    [
        (
            "date 2024-03-06 Japan is keen on the harbour deal, an official said Wednesday.",
            PartialDate(year=2024, month=3, day=6),
            "date 2024-03-06",
            "Japan is keen on the harbour deal, an official said Wednesday.",
        ),
        (
            "OSAKA (Harbour Wire / Reuters - 17th September, 2021) The yard hired welders on Friday.",
            PartialDate(year=2021, month=9, day=17),
            "17th September, 2021",
            "The yard hired welders on Friday.",
        ),
        (
            "Osaka, April 13 (Harbour Wire) The yard hired welders, which it had sought for years.",
            PartialDate(month=4, day=13),
            "Osaka, April 13",
            "The yard hired welders, which it had sought for years.",
        ),
        (
            "13th April 2024 – (Osaka) In a quiet week the yard hired welders.",
            PartialDate(year=2024, month=4, day=13),
            "13th April 2024",
            "In a quiet week the yard hired welders.",
        ),
    ],
)
def test_a_dateline_on_the_first_line_gives_the_date_and_leaves_the_lead(
    first_line: str, date: PartialDate, text: str, lead: str
) -> None:
    article = parse(f"{first_line}\n\nThe navy ordered two tenders.\n")
    published = article.info.published
    assert published is not None
    assert (published.date, published.text, published.line) == (date, text, 1)
    assert sentence_texts(article)[0] == lead


def test_a_long_line_opening_with_a_dateline_is_a_dateline_and_both_datelines_are_cut() -> None:
    text = (
        "Yard news\n date 2024-03-21 Harbour Wire\n\nOsaka, March 21 (Harbour Press)--The yard, which"
        " had been idle since the spring, hired two hundred welders and four crane drivers on Thursday.\n"
    )
    article = parse(text)
    assert article.info.published is not None and article.info.published.date == PartialDate(
        year=2024, month=3, day=21
    )
    assert not any("March 21" in sentence or "2024-03-21" in sentence for sentence in sentence_texts(article))


def test_a_title_that_is_only_a_date_is_still_a_title() -> None:
    assert parse("12 March 2024\n\nThe yard hired welders.\n").info.published is None


@pytest.mark.parametrize(
    ("front", "header", "expected"),
    [
        # day-month, as the front matter says
        (
            PartialDate(year=2025, month=2, day=9),
            "Harbour Times09-02-2025",
            PartialDate(year=2025, month=2, day=9),
        ),
        (None, "Harbour Times25-02-2025", PartialDate(year=2025, month=2, day=25)),  # 25 is no month
        (None, "09/02/2025", None),  # 9 February or 2 September: no guess
    ],
)
def test_day_and_month_in_figures_are_read_only_when_one_reading_is_possible(
    front: PartialDate | None, header: str, expected: PartialDate | None
) -> None:
    found = find_datelines(["Yard news", header], [True, True], 0, front)
    assert (found[0].date if found else None) == expected


# --- cited sources ----------------------------------------------------------------------------


def test_citation_in_parentheses() -> None:
    sources = parse("Yard news\n\nThe yard is behind schedule (Reuters, 2024).\n").info.sources
    # "The yard is behind schedule " is 28 characters, so the citation opens at column 29.
    assert sources == (
        CitedSource(name="Reuters", via="citation", text="(Reuters, 2024)", line=3, column=29),
    )


def test_unknown_outlet_in_a_citation_keeps_its_name() -> None:
    sources = parse("Yard news\n\nCosts rose (Harbour Press, 2023).\n").info.sources
    assert sources == (
        CitedSource(name="Harbour Press", via="citation", text="(Harbour Press, 2023)", line=3, column=12),
    )


def test_known_outlet_mentioned_in_prose() -> None:
    sources = parse("Yard news\n\nCosts rose, according to the Financial Times.\n").info.sources
    assert sources == (
        CitedSource(name="Financial Times", via="mention", text="Financial Times", line=3, column=30),
    )


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        ("KYODO", "Kyodo News"),
        ("Kyodo", "Kyodo News"),
        ("AFP", "Agence France-Presse"),
        ("Nikkei", "Nikkei Asia"),
        ("Wall Street Journal", "The Wall Street Journal"),
    ],
)
def test_outlet_aliases_are_canonicalised(surface: str, canonical: str) -> None:
    sources = parse(f"Yard news\n\nThe story was first carried by {surface} overnight.\n").info.sources
    assert [(source.name, source.text, source.line, source.column) for source in sources] == [
        (canonical, surface, 3, 32)
    ]


def test_outlet_names_must_be_whole_words() -> None:
    text = "Yard news\n\nThe Reuters-style wire copy and the CNNs of the world disagreed.\n"
    assert parse(text).info.sources == ()


def test_copyright_line_credits_its_outlet() -> None:
    article = parse("Yard news\n\nThe yard hired welders.\n\n© KYODO\n")
    assert article.info.sources == (
        CitedSource(name="Kyodo News", via="copyright", text="© KYODO", line=5, column=3),
    )


def test_copyright_line_with_year_and_rights_reserved() -> None:
    article = parse(
        "Yard news\n\nThe yard hired welders.\n\nCopyright 2024 Harbour Press. All rights reserved.\n"
    )
    # "Copyright 2024 " is 15 characters; the name starts at column 16.
    assert article.info.sources == (
        CitedSource(
            name="Harbour Press",
            via="copyright",
            text="Copyright 2024 Harbour Press. All rights reserved.",
            line=5,
            column=16,
        ),
    )


def test_agency_slug_in_the_dateline() -> None:
    article = parse("Yard news\nTokyo, 3 April 2024 /AJMEDIA/\n\nThe yard hired welders.\n")
    # "Tokyo, 3 April 2024 /" is 21 characters; the agency name starts at column 22.
    assert article.info.sources == (
        CitedSource(name="AJMEDIA", via="dateline", text="/AJMEDIA/", line=2, column=22),
    )


def test_agency_slug_outside_the_dateline_is_not_a_source() -> None:
    assert parse("Yard news\n\nThe memo was stamped /SECRET/ on every page.\n").info.sources == ()


def test_each_source_once_at_its_first_appearance_in_text_order() -> None:
    text = (
        "Yard news\n"
        "\n"
        "Bloomberg reported the order first. Later (Reuters, 2024) confirmed it.\n"
        "Reuters and Bloomberg both cited the same memo, as did Kyodo.\n"
        "\n"
        "© KYODO\n"
    )
    sources = parse(text).info.sources
    assert [(s.name, s.via, s.line, s.column) for s in sources] == [
        ("Bloomberg", "mention", 3, 1),
        ("Reuters", "citation", 3, 43),
        ("Kyodo News", "mention", 4, 56),
    ]


def test_outlet_named_only_in_furniture_is_not_a_source() -> None:
    text = "Yard news\n\nThe yard hired welders.\n\nRead more: what Bloomberg said about the yard\n"
    article = parse(text)
    assert article.info.furniture == (FurnitureRange(start_line=5, end_line=5, reason="related links"),)
    assert article.info.sources == ()


# --- furniture and sentence offsets -----------------------------------------------------------


ARTICLE_LINES = [
    "Shipyard hiring surges",  # 1
    "No time to read?",  # 2
    "Get a summary",  # 3
    "12 March 2024",  # 4
    "",  # 5
    "The Adelaide yard hired 400 welders last month. Managers said training takes two years.",  # 6
    "Unions welcomed the news, according to Bloomberg.",  # 7
    "",  # 8
    "The state premier, Mr. Hollis, visited on Friday.",  # 9
    "",  # 10
    "Leave a Reply",  # 11
    "Your email address will not be published. Required fields are marked *",  # 12
    "",  # 13
    "Previous Article",  # 14
    "Navy tests drones off Darwin in 2031",  # 15
    "Next Article",  # 16
    "Frigate contract signed",  # 17
    "© 2024 Example Media",  # 18
    "",
]
EXPECTED_FURNITURE = (
    FurnitureRange(start_line=2, end_line=3, reason="summary prompt"),
    FurnitureRange(start_line=11, end_line=12, reason="comment form"),
    FurnitureRange(start_line=14, end_line=14, reason="navigation link"),
    FurnitureRange(start_line=15, end_line=15, reason="linked headline"),
    FurnitureRange(start_line=16, end_line=16, reason="navigation link"),
    FurnitureRange(start_line=17, end_line=17, reason="linked headline"),
    FurnitureRange(start_line=18, end_line=18, reason="copyright notice"),
)
EXPECTED_SENTENCES = [
    ((1, 1), "Shipyard hiring surges"),
    ((6, 1), "The Adelaide yard hired 400 welders last month."),
    ((6, 49), "Managers said training takes two years."),
    ((7, 1), "Unions welcomed the news, according to Bloomberg."),
    ((9, 1), "The state premier, Mr. Hollis, visited on Friday."),
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_whole_article_segmentation(newline: str) -> None:
    article = parse(newline.join(ARTICLE_LINES))
    info = article.info
    assert info.furniture == EXPECTED_FURNITURE
    assert list(zip(sentence_starts(article), sentence_texts(article), strict=True)) == EXPECTED_SENTENCES
    assert info.published is not None
    assert (info.published.date, info.published.line, info.published.column) == (
        PartialDate(year=2024, month=3, day=12),
        4,
        1,
    )
    assert [(s.name, s.via, s.line, s.column) for s in info.sources] == [
        ("Bloomberg", "mention", 7, 40),
        ("Example Media", "copyright", 18, 8),
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_no_sentence_overlaps_a_furniture_or_dateline_line(newline: str) -> None:
    article = parse(newline.join(ARTICLE_LINES))
    excluded = {4}  # the dateline
    for item in article.info.furniture:
        excluded.update(range(item.start_line, item.end_line + 1))
    for start, end in article.sentences:
        first_line = article.index.position(start)[0]
        last_line = article.index.position(end - 1)[0]
        assert not excluded & set(range(first_line, last_line + 1))


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_every_sentence_maps_back_to_its_line_and_column(newline: str) -> None:
    article = parse(newline.join(ARTICLE_LINES))
    lines = article.index.lines()
    assert len(article.sentences) == len(EXPECTED_SENTENCES)
    for start, end in article.sentences:
        line, column = article.index.position(start)
        sentence = article.text[start:end]
        assert lines[line - 1][column - 1 :].startswith(sentence.splitlines()[0])


def test_wrapped_sentence_spans_two_file_lines() -> None:
    first = "Officials at the shipyard in Osborne confirmed that the"
    text = f"Yard news\n\n{first}\nsecond hull would be laid down in spring. Unions agreed.\n"
    article = parse(text)
    start, end = article.sentences[1]
    assert article.text[start:end] == f"{first}\nsecond hull would be laid down in spring."
    assert article.index.position(start) == (3, 1)
    # "second hull would be laid down in spring." is 41 characters: it ends before column 42.
    assert article.index.position(end) == (4, 42)
    assert sentence_texts(article)[2] == "Unions agreed."
    assert article.index.position(article.sentences[2][0]) == (4, 43)


def test_footer_after_share_buttons_is_excluded_from_sentences() -> None:
    paragraph = (
        "The yard hired four hundred welders and expects to hire two hundred more before the end of 2025."
    )
    text = "\n".join(
        ["Yard news", "", paragraph, "", paragraph, "", paragraph, "", "Share this article", "Jane Doe"]
    )
    article = parse(text + "\n")
    assert article.info.furniture == (
        FurnitureRange(start_line=9, end_line=9, reason="social links"),
        FurnitureRange(start_line=10, end_line=10, reason="page footer after line 9"),
    )
    assert sentence_texts(article) == ["Yard news", paragraph, paragraph, paragraph]


def test_share_buttons_under_the_headline_keep_the_body() -> None:
    paragraph = (
        "The yard hired four hundred welders and expects to hire two hundred more before the end of 2025."
    )
    lines = ["Yard news", "Share this article", "", paragraph, "Short note.", "", paragraph, "Last words."]
    article = parse("\n".join(lines) + "\n")
    assert article.info.furniture == (FurnitureRange(start_line=2, end_line=2, reason="social links"),)
    assert sentence_texts(article) == ["Yard news", paragraph, "Short note.", paragraph, "Last words."]


def test_front_matter_lines_are_never_furniture() -> None:
    article = parse(
        "---\ntitle: Related Posts\nauthor: Jane Doe\n---\nYard news\n\nThe yard hired welders.\n"
    )
    assert article.info.furniture == ()
    assert article.info.title == "Related Posts"


# --- load_corpus ------------------------------------------------------------------------------


def load(root: Path, display: str = "corpus"):
    return load_corpus(root, display, OUTLETS)


def test_discovery_is_recursive_sorted_skips_hidden_files_and_names_other_files(tmp_path: Path) -> None:
    write(tmp_path, "zeta.txt", "Zeta\n\nBody.\n")
    write(tmp_path, "alpha/inner.md", "# Inner\n\nBody.\n")
    write(tmp_path, "Beta.TXT", "Beta\n\nBody.\n")
    write(tmp_path, "deep/er/gamma.Md", "Gamma\n\nBody.\n")
    write(tmp_path, "notes.json", "{}")
    write(tmp_path, "readme.rst", "Not an article\n")
    write(tmp_path, ".hidden.txt", "Hidden\n")
    write(tmp_path, ".git/commit.txt", "Hidden dir\n")
    write(tmp_path, "alpha/.cache/old.md", "Hidden nested dir\n")
    corpus = load(tmp_path)
    assert [(a.info.id, a.info.path) for a in corpus.articles] == [
        ("Beta", "corpus/Beta.TXT"),
        ("inner", "corpus/alpha/inner.md"),
        ("gamma", "corpus/deep/er/gamma.Md"),
        ("zeta", "corpus/zeta.txt"),
    ]
    # hidden entries are left out silently; a file of another kind is named, never silently skipped
    assert [(d.path, d.message) for d in corpus.diagnostics] == [
        ("corpus/notes.json", "is not a .txt, .md or .html article; not read"),
        ("corpus/readme.rst", "is not a .txt, .md or .html article; not read"),
    ]
    assert (corpus.path, corpus.bundled) == ("corpus", False)


def test_markdown_suffix_strips_heading_but_txt_does_not(tmp_path: Path) -> None:
    write(tmp_path, "one.MD", "## Yard hires welders\n\nBody.\n")
    write(tmp_path, "two.txt", "## Yard hires welders\n\nBody.\n")
    titles = {a.info.id: a.info.title for a in load(tmp_path).articles}
    assert titles == {"one": "Yard hires welders", "two": "## Yard hires welders"}


def test_display_path_trailing_slash_is_not_doubled(tmp_path: Path) -> None:
    write(tmp_path, "sub/a.txt", "A\n")
    assert load(tmp_path, "my corpus/").articles[0].info.path == "my corpus/sub/a.txt"


def test_duplicate_stems_in_two_directories(tmp_path: Path) -> None:
    write(tmp_path, "x/report.txt", "One\n")
    write(tmp_path, "y/report.md", "Two\n")
    with pytest.raises(CorpusError) as caught:
        load(tmp_path)
    assert "'report'" in caught.value.message
    assert "corpus/x/report.txt" in caught.value.message
    assert "corpus/y/report.md" in caught.value.message
    assert caught.value.location == Location("corpus/y/report.md")


def test_duplicate_stems_with_different_suffixes_in_one_directory(tmp_path: Path) -> None:
    write(tmp_path, "brief.md", "One\n")
    write(tmp_path, "brief.txt", "Two\n")
    with pytest.raises(CorpusError, match=r"corpus/brief\.md and corpus/brief\.txt"):
        load(tmp_path)


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist") as caught:
        load(tmp_path / "nowhere", "nowhere")
    assert caught.value.location == Location("nowhere")


def test_file_instead_of_directory(tmp_path: Path) -> None:
    path = write(tmp_path, "single.txt", "Yard news\n")
    with pytest.raises(CorpusError, match="not a directory") as caught:
        load(path, "single.txt")
    assert caught.value.location == Location("single.txt")
    assert caught.value.hint is not None


@pytest.mark.parametrize("files", [[], ["data.csv", "image.png"], [".hidden.txt"]])
def test_directory_without_articles(tmp_path: Path, files: list[str]) -> None:
    for name in files:
        write(tmp_path, name, "content\n")
    with pytest.raises(CorpusError, match=r"no \.txt, \.md or \.html articles") as caught:
        load(tmp_path)
    assert caught.value.location == Location("corpus")


def test_binary_file_is_skipped_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "blob.txt", b"PK\x03\x04\x00\x00\x14\x00")
    write(tmp_path, "good.txt", "Yard news\n\nBody.\n")
    corpus = load(tmp_path)
    assert [a.info.id for a in corpus.articles] == ["good"]
    assert len(corpus.diagnostics) == 1
    warning = corpus.diagnostics[0]
    assert (warning.severity, warning.path, warning.line, warning.column) == (
        "warning",
        "corpus/blob.txt",
        None,
        None,
    )
    assert "binary" in warning.message


@pytest.mark.parametrize("content", [b"", b"   \n\t\n\r\n"])
def test_empty_or_whitespace_file_is_skipped_with_a_warning(tmp_path: Path, content: bytes) -> None:
    write(tmp_path, "blank.md", content)
    write(tmp_path, "good.txt", "Yard news\n")
    corpus = load(tmp_path)
    assert [a.info.id for a in corpus.articles] == ["good"]
    assert [(d.path, d.line) for d in corpus.diagnostics] == [("corpus/blank.md", None)]
    assert "empty" in corpus.diagnostics[0].message


def test_corpus_where_every_file_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "blank.txt", "\n\n")
    write(tmp_path, "blob.md", b"\x00\x01\x02")
    with pytest.raises(CorpusError, match=r"no readable articles \(2 skipped\)") as caught:
        load(tmp_path)
    assert caught.value.location == Location("corpus")


def test_non_utf8_file_is_decoded_as_windows_1252_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "cafe.txt", b"Harbour notes\ncaf\xe9 owners near the yard \x93cheered\x94.\n")
    corpus = load(tmp_path)
    article = corpus.articles[0]
    assert article.info.encoding == "cp1252"
    assert article.text == "Harbour notes\ncafé owners near the yard “cheered”.\n"
    [warning] = corpus.diagnostics
    assert (warning.path, warning.line, warning.column) == ("corpus/cafe.txt", 2, 4)
    assert "0xE9" in warning.message
    assert "Windows-1252" in warning.message


def test_bad_byte_column_counts_characters_not_bytes(tmp_path: Path) -> None:
    # "naïve" is six bytes in UTF-8 but five characters; the bad byte follows "naïve caf".
    write(tmp_path, "naive.txt", b"Title\r\nna\xc3\xafve caf\xe9\r\n")
    [warning] = load(tmp_path).diagnostics
    assert (warning.line, warning.column) == (2, 10)


def test_byte_undefined_in_windows_1252_falls_back_to_latin_1(tmp_path: Path) -> None:
    write(tmp_path, "odd.txt", b"Title\nbad \x81 byte\n")
    corpus = load(tmp_path)
    assert corpus.articles[0].info.encoding == "latin-1"
    assert corpus.articles[0].text == "Title\nbad \x81 byte\n"
    [warning] = corpus.diagnostics
    assert (warning.line, warning.column) == (2, 5)
    assert "Latin-1" in warning.message


def test_bad_byte_position_with_cr_only_line_endings(tmp_path: Path) -> None:
    write(tmp_path, "mac.txt", b"Title\rcaf\xe9\r")
    [warning] = load(tmp_path).diagnostics
    assert (warning.line, warning.column) == (2, 4)


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    write(tmp_path, "bom.txt", codecs.BOM_UTF8 + b"---\nauthor: Jane Doe\n---\nYard news\n")
    corpus = load(tmp_path)
    article = corpus.articles[0]
    assert article.text == "---\nauthor: Jane Doe\n---\nYard news\n"
    assert (article.info.encoding, article.info.author, article.info.title) == (
        "utf-8",
        "Jane Doe",
        "Yard news",
    )
    assert corpus.diagnostics == ()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(tmp_path: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    write(tmp_path, "wide.txt", bom + "Wide yard news\n\nWelders arrived.\n".encode(codec))
    corpus = load(tmp_path)
    article = corpus.articles[0]
    assert article.text == "Wide yard news\n\nWelders arrived.\n"
    assert (article.info.encoding, article.info.title) == ("utf-16", "Wide yard news")
    assert sentence_texts(article) == ["Wide yard news", "Welders arrived."]
    assert corpus.diagnostics == ()


def test_truncated_utf16_file_does_not_crash(tmp_path: Path) -> None:
    write(tmp_path, "broken.txt", codecs.BOM_UTF16_LE + "Yard".encode("utf-16-le") + b"\x41")
    write(tmp_path, "good.txt", "Yard news\n")
    try:
        corpus = load(tmp_path)
    except CorpusError:
        return
    assert [d.path for d in corpus.diagnostics] == ["corpus/broken.txt"]


def test_crlf_file_keeps_line_numbers(tmp_path: Path) -> None:
    text = "\r\n".join(
        [
            "---",
            "author: Jane Doe",
            "---",
            "Yard news",
            "March 4, 2024",
            "",
            "Welders came.",
            "Leave a Reply",
            "",
        ]
    )
    write(tmp_path, "crlf.txt", text)
    article = load(tmp_path).articles[0]
    info = article.info
    assert (info.title, info.title_line) == ("Yard news", 4)
    assert info.published is not None
    assert (info.published.line, info.published.column) == (5, 1)
    assert info.furniture == (FurnitureRange(start_line=8, end_line=8, reason="comment form"),)
    assert list(zip(sentence_starts(article), sentence_texts(article), strict=True)) == [
        ((4, 1), "Yard news"),
        ((7, 1), "Welders came."),
    ]


def test_title_skips_furniture_above_it() -> None:
    article = parse(
        "Skip to main content\nNo time to read?\n\nShipyard wins frigate order\n\nThe yard won it.\n"
    )
    assert article.info.title == "Shipyard wins frigate order"
    assert article.info.title_line == 4
