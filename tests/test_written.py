"""When an undated article was written: a date in its URL, else the latest date it asserts as
past; marked inferred, never taken from a forecast or an anniversary, never the date relative
phrases are counted from, and shown in the JSON report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aukus_check.corpus import Article, Corpus, parse_article
from aukus_check.engine import build_report
from aukus_check.models import PartialDate, Published
from aukus_check.outlets import build_outlet_matcher
from aukus_check.rules import RuleSet, load_rules
from tests.conftest import RULES

OUTLETS = build_outlet_matcher()


def parse(text: str) -> Article:
    return parse_article(text, "dock", "corpus/dock.txt", "utf-8", OUTLETS)


def with_front(body: str, **front: str) -> str:
    """An article whose front matter holds `front` (quoted), then a headline and the body."""
    lines = "".join(f'{key}: "{value}"\n' for key, value in front.items())
    return f"---\n{lines}---\nDock workers return\n\n{body}\n"


def published_of(text: str) -> Published | None:
    return parse(text).info.published


def points_at_its_text(article: Article) -> bool:
    """The date's line and column are where its text is written in the file."""
    published = article.info.published
    assert published is not None
    return article.index.line_text(published.line)[published.column - 1 :].startswith(published.text)


# --- the URL ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "written", "date"),
    [
        ("https://harbour.example/news/2022/04/06/dock-strike-ends/", "2022/04/06", (2022, 4, 6)),
        ("https://harbour.example/news/2022/04/06", "2022/04/06", (2022, 4, 6)),
        ("https://harbour.example/news/2022/04/dock-strike-ends", "2022/04", (2022, 4, None)),
        ("https://harbour.example/2022-04-06/dock-strike-ends", "2022-04-06", (2022, 4, 6)),
        ("https://harbour.example/local/dock-strike-20220406-k3v9q.html", "20220406", (2022, 4, 6)),
        ("https://harbour.example/local/20220406/dock-strike", "20220406", (2022, 4, 6)),
        ("https://harbour.example/world/2021/nov/19/dock-strike", "2021/nov/19", (2021, 11, 19)),
        ("https://harbour.example/world/2021/September/3/dock-strike", "2021/September/3", (2021, 9, 3)),
        ("https://harbour.example/world/2021/may/dock-strike", "2021/may", (2021, 5, None)),
    ],
)
def test_a_date_in_the_url_is_the_inferred_date_as_precise_as_written(
    url: str, written: str, date: tuple[int, int, int | None]
) -> None:
    article = parse(with_front("The dockers went back to work after a long dispute.", url=url))
    published = article.info.published
    assert published is not None
    year, month, day = date
    assert published.date == PartialDate(year=year, month=month, day=day)
    assert (published.source, published.inferred, published.not_before) == ("url", True, False)
    assert published.text == written
    assert published.line == 2  # the url line of the front matter
    assert points_at_its_text(article)


@pytest.mark.parametrize(
    "url",
    [
        "https://harbour.example/news/2023/02/30/dock-strike/",  # no 30 February
        "https://harbour.example/news/2023/13/dock-strike/",  # no 13th month
        "https://harbour.example/link/follow-20170101-k3v9q",  # a placeholder every link carries
        "https://harbour2022.example/dock-strike",  # a host name dates nothing
        "https://harbour.example/dock-strike?day=20220406",  # nor does a query
        "https://harbour.example/story/2022040612/dock-strike",  # an id, not a date
        "https://harbour.example/2022/dock-strike",  # a year alone is no date here
        "https://harbour.example/2021/novel-ideas/dock-strike",  # a word that starts like a month
        "https://harbour.example/2021/nov/31/dock-strike",  # no 31 November
    ],
)
def test_a_url_without_a_real_date_path_dates_nothing(url: str) -> None:
    assert published_of(with_front("The dockers went back to work after a long dispute.", url=url)) is None


def test_an_impossible_url_day_is_not_read_as_its_month() -> None:
    url = "https://harbour.example/news/2023/02/30/dock-strike/"
    body = "The union voted on the offer in January 2023."
    published = published_of(with_front(body, url=url))
    assert published is not None
    assert (published.source, published.date.iso) == ("latest_mention", "2023-01")


def test_a_url_date_before_a_date_the_text_asserts_as_past_is_not_taken() -> None:
    body = "The dispute began in May 2021. The union accepted the offer on 3 March 2022."
    article = parse(with_front(body, url="https://harbour.example/2019/05/archive/"))
    published = article.info.published
    assert published is not None
    assert (published.source, published.date.iso) == ("latest_mention", "2022-03-03")


def test_a_url_date_after_the_latest_past_date_is_taken() -> None:
    body = "The dispute began in May 2021."
    published = published_of(with_front(body, url="https://harbour.example/2022/04/06/dock/"))
    assert published is not None
    assert (published.source, published.date.iso) == ("url", "2022-04-06")


# --- the latest date the text asserts as past ------------------------------------------------


def test_the_latest_past_date_wins_over_earlier_ones_wherever_it_stands() -> None:
    body = (
        "The crane operators walked out on 14 November 2022 over night shifts.\n\n"
        "The port itself was opened in May 1998 by the state government.\n\n"
        "A first offer was rejected in October 2022, and talks stalled in 2023."
    )
    article = parse(f"Dock workers return\n\n{body}\n")
    published = article.info.published
    assert published is not None
    assert published.date == PartialDate(year=2022, month=11, day=14)
    assert (published.source, published.inferred, published.not_before) == ("latest_mention", True, True)
    assert published.text == "14 November 2022"
    assert (published.line, published.column) == (3, 35)
    assert points_at_its_text(article)


def test_a_day_beats_its_own_month_and_iso_dates_count() -> None:
    body = "Pay talks resumed in March 2023. The deal was signed on 2023-03-09 at the port office."
    published = published_of(f"Dock workers return\n\n{body}\n")
    assert published is not None and published.date.iso == "2023-03-09"


def test_a_bare_year_is_no_writing_date() -> None:
    body = "The union was founded in 1987 and won a strike in 2022."
    assert published_of(f"Dock workers return\n\n{body}\n") is None


@pytest.mark.parametrize(
    "forecast",
    [
        "The summit will be held on 9 June 2026.",
        "The next round of talks is on 9 June 2026.",
        "The summit is to open on 9 June 2026.",
        "The summit, scheduled for 9 June 2026, was agreed by both sides.",
        "Ministers said the report was due in June 2026.",
        "The union wanted a deal by June 2026 and signed one in the end.",
        "The vote was postponed to June 2026.",
        "Ministers expected a ruling in June 2026.",
        "If the port reopened in June 2026, the workers returned.",
        "The cranes could have been replaced in June 2026.",
        "Was the deal signed in June 2026?",
    ],
)
def test_a_date_looking_ahead_is_never_taken(forecast: str) -> None:
    body = f"The dockers first struck on 2 February 2025. {forecast}"
    published = published_of(f"Dock workers return\n\n{body}\n")
    assert published is not None
    assert published.date.iso == "2025-02-02", forecast


def test_a_forecast_alone_gives_no_date() -> None:
    assert published_of("Dock workers return\n\nThe summit will be held on 9 June 2026.\n") is None


@pytest.mark.parametrize(
    "anniversary",
    [
        "This week marks the third anniversary of the 15 September 2021 announcement.",
        "It is three years since the announcement of 15 September 2021.",
        "The ceremony marked five years after the strike of April 2019.",
    ],
)
def test_an_anniversary_is_never_taken(anniversary: str) -> None:
    body = f"The dockers first struck in May 2018. {anniversary}"
    published = published_of(f"Dock workers return\n\n{body}\n")
    assert published is not None
    assert published.date.iso == "2018-05", anniversary


def test_a_sentence_that_is_not_in_the_past_gives_no_date() -> None:
    assert published_of("Dock workers return\n\nThe port's pay scale runs from 1 July 2026.\n") is None


def test_the_headline_and_page_furniture_give_no_date() -> None:
    text = (
        "Dockers signed a deal on 3 March 2031\n\n"
        "The dockers signed a new deal on 3 March 2022 after a long dispute.\n\n"
        "Next Article\n\n"
        "Crane maker was sold to rival on 1 August 2030\n"
    )
    published = published_of(text)
    assert published is not None and published.date.iso == "2022-03-03"


# --- a stated date always wins --------------------------------------------------------------


def test_a_front_matter_date_wins_and_is_not_inferred() -> None:
    body = "The dockers signed a new deal on 3 March 2022."
    published = published_of(
        with_front(body, published="2024-01-10", url="https://harbour.example/2023/05/06/dock/")
    )
    assert published is not None
    assert (published.source, published.date.iso, published.inferred, published.not_before) == (
        "front_matter",
        "2024-01-10",
        False,
        False,
    )


def test_a_date_header_wins_and_is_not_inferred() -> None:
    text = with_front(
        "date 2024-01-10 The dockers signed a new deal on 3 March 2022.",
        url="https://harbour.example/2023/05/06/dock/",
    )
    published = published_of(text)
    assert published is not None
    assert (published.source, published.date.iso, published.inferred) == ("header", "2024-01-10", False)


def test_many_dated_sentences_are_read_once_each() -> None:
    # one sentence per day over some years: the latest past one is found in a single pass
    months = ["January", "February", "March", "April", "May", "June"]
    sentences = [
        f"The crane crew finished shift {n} on {1 + n % 28} {months[n % 6]} {2000 + n % 25}."
        for n in range(5000)
    ]
    published = published_of("Dock workers return\n\n" + " ".join(sentences) + "\n")
    assert published is not None and published.date.iso == "2024-06-28"


# --- what an inferred date is used for --------------------------------------------------------


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(RULES, "rules/aukus.yaml")


STATEMENT = "The AUKUS ministers said last week that they were considering working with Japan on Pillar II."


def statement_claims(rules: RuleSet, text: str) -> list[tuple[str, bool | None]]:
    report = build_report(Corpus("corpus", False, (parse(text),), ()), rules)
    field = report.field("japan.pillar2_statement")
    assert field is not None
    return [(c.value, getattr(c.detail, "resolved", None)) for c in field.claims]


def test_relative_phrases_stay_unresolved_against_an_inferred_date(rules: RuleSet) -> None:
    from_url = with_front(STATEMENT, url="https://harbour.example/2024/04/15/aukus/")
    assert published_of(from_url) is not None
    assert statement_claims(rules, from_url) == [("last week", False)]
    from_mention = f"Tokyo weighs AUKUS role\n\nKishida met Biden on 10 April 2024. {STATEMENT}\n"
    assert published_of(from_mention) is not None
    assert statement_claims(rules, from_mention) == [("last week", False)]


def test_relative_phrases_resolve_against_a_stated_date(rules: RuleSet) -> None:
    stated = with_front(STATEMENT, published="2024-04-15", url="https://harbour.example/2024/04/15/aukus/")
    assert statement_claims(rules, stated) == [("2024-W15", True)]


def test_the_json_report_shows_how_the_date_was_inferred(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        with_front("Japan was weighing a role in AUKUS.", url="https://harbour.example/2024/04/15/aukus/"),
        encoding="utf-8",
    )
    (corpus / "b.txt").write_text(
        "Tokyo weighs AUKUS role\n\nThe AUKUS partners met on 8 April 2024 to discuss Japan.\n",
        encoding="utf-8",
    )
    result = cli("report", "--corpus", str(corpus), "--format", "json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    articles = {article["id"]: article["published"] for article in data["articles"]}
    assert {key: articles["a"][key] for key in ("source", "text", "line", "inferred", "not_before")} == {
        "source": "url",
        "text": "2024/04/15",
        "line": 2,
        "inferred": True,
        "not_before": False,
    }
    assert articles["a"]["date"]["iso"] == "2024-04-15"
    assert {key: articles["b"][key] for key in ("source", "text", "line", "inferred", "not_before")} == {
        "source": "latest_mention",
        "text": "8 April 2024",
        "line": 3,
        "inferred": True,
        "not_before": True,
    }
    # the article's own publication date is what it states: an inferred date is no claim of it
    published_field = next(field for field in data["fields"] if field["id"] == "article.published")
    assert published_field["claims"] == []
