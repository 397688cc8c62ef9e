"""Independent sources: agreement counted by origin, not by article.

Small corpora written here: articles that repeat one agency's report, reposts of one text, an
article that credits a wire service, one that names only its outlet, and one that names
nothing. Each expectation is what a reader would count: three articles quoting Kyodo are one
source, not three.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aukus_check.exit_codes import ExitCode
from aukus_check.models import ArticleInfo, FieldResult, Report
from aukus_check.outlets import build_outlet_matcher
from aukus_check.render import RenderOptions
from aukus_check.render.markdown import briefing
from aukus_check.sources import (
    NEAR_DUPLICATE,
    grade,
    is_confirmed,
    named_source,
    near_duplicates,
    reliability_letter,
    resemblance,
    text_fingerprint,
)

RULES = """\
schema_version: 1
version: "s.1"
title: Pact watch
fields:
  - id: japan.status
    label: Japan's status in the pact
    type: enum
    vocabulary: [joined, under_consideration]
    extractors:
      - name: joined
        kind: pattern
        pattern: 'Japan\\s+(?P<anchor>joined)'
        value: joined
      - name: considered
        kind: pattern
        pattern: 'considering\\s+Japan'
        value: under_consideration
"""

# Three articles that say the same thing because each repeats Kyodo's report: different words,
# so no two of them are near-duplicates; only their attribution makes them one source.
KYODO_COPIES = {
    "a.txt": "Harbour talks\n\nKyodo News reported on Tuesday that Japan joined the technology pact "
    "after months of talks.\n",
    "b.txt": "Pact widens\n\nAccording to Kyodo, Japan joined the technology pact, a move the region "
    "had expected for weeks.\n",
    "c.txt": "Three capitals\n\nJapan joined the technology pact, Kyodo said, citing officials in "
    "three capitals.\n",
}
INDEPENDENT = (
    "Ministry briefing\n\nJapan joined the technology pact on Monday, the defence ministry told "
    "reporters in Tokyo.\n"
)


def write_corpus(root: Path, articles: dict[str, str]) -> tuple[Path, Path]:
    corpus = root / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (corpus / name).write_text(text, encoding="utf-8")
    rules = root / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    return corpus, rules


def report_of(corpus: Path, rules: Path) -> Report:
    from aukus_check.rules import load_rules
    from aukus_check.runner import run

    return run(corpus, str(corpus), load_rules(rules, str(rules)), rules)


def status(report: Report) -> FieldResult:
    field = report.field("japan.status")
    assert field is not None
    return field


# --- counting ---------------------------------------------------------------------------------


def test_three_copies_of_one_agency_report_are_one_source_and_not_confirmed(tmp_path: Path) -> None:
    report = report_of(*write_corpus(tmp_path, KYODO_COPIES))
    field = status(report)
    (joined,) = field.stances
    assert joined.articles == ("a", "b", "c")
    assert joined.independent_sources == 1
    assert joined.origins == ("Kyodo News",)
    assert field.status == "agree"  # three articles agree ...
    assert not is_confirmed(field, joined)  # ... but one source does not confirm itself
    text = briefing(report, RenderOptions())
    bottom = text.split("## Conflicts", 1)[0]
    assert "Confirmed by two or more" not in bottom
    assert "**Resting on one source (1),** by source:" in bottom
    assert "- **Kyodo News** (in A1, A2, A3): Japan's status in the pact: joined \\[F3\\]." in bottom
    # The appendix says it in full: the articles, and the one source behind them.
    assert "- **joined** \\[F3\\]: 3 articles (A1, A2, A3), 1 independent source (Kyodo News)" in text


def test_an_independent_article_confirms_what_the_copies_said(tmp_path: Path) -> None:
    report = report_of(*write_corpus(tmp_path, {**KYODO_COPIES, "d.txt": INDEPENDENT}))
    field = status(report)
    (joined,) = field.stances
    assert joined.articles == ("a", "b", "c", "d")
    assert joined.independent_sources == 2
    assert joined.origins == ("Kyodo News", "article:d")  # d names no outlet: it is its own source
    assert is_confirmed(field, joined)
    text = briefing(report, RenderOptions())
    assert "- Japan's status in the pact: **joined** \\[F1\\] (2 independent sources)." in text
    assert "4 articles (A1, A2, A3, A4), 2 independent sources (Kyodo News, A4)" in text


def test_the_json_report_carries_the_counts_and_origins(cli, tmp_path: Path) -> None:
    corpus, rules = write_corpus(tmp_path, {**KYODO_COPIES, "d.txt": INDEPENDENT})
    result = cli("report", "--corpus", str(corpus), "--rules", str(rules), "--format", "json")
    assert result.code == ExitCode.OK
    field = next(f for f in json.loads(result.stdout)["fields"] if f["id"] == "japan.status")
    assert [
        (s["label"], len(s["articles"]), s["independent_sources"], s["origins"]) for s in field["stances"]
    ] == [("joined", 4, 2, ["Kyodo News", "article:d"])]


def test_the_table_names_the_sources_of_each_value(cli, tmp_path: Path) -> None:
    # Nine articles: too many for a column each, so the table lists each value with its articles.
    quiet = {f"q{n}.txt": f"Quiet day {n}\n\nNothing was said about the pact.\n" for n in range(6)}
    corpus, rules = write_corpus(tmp_path, {**KYODO_COPIES, **quiet})
    where = ("--corpus", str(corpus), "--rules", str(rules))
    detail = cli("report", *where, "--field", "japan.status").stdout
    assert "  joined: 3 articles, 1 independent source (Kyodo News)\n" in detail
    listed = cli("report", *where, columns=120).stdout
    assert "joined: A1, A2, A3 (1 independent source)" in listed


# --- origins ------------------------------------------------------------------------------------


def _front(**keys: str) -> str:
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in keys.items()) + "---\n"


def test_an_articles_own_origin_is_its_wire_then_its_outlet_then_itself(tmp_path: Path) -> None:
    articles = {
        # credited to a wire service in a copyright notice: the wire is the source, not the site
        "wire.md": _front(outlet="Harbour Daily") + "Wire copy\n\nJapan joined the pact on Friday.\n\n"
        "© 2024 Kyodo News\n",
        # only the outlet is known: by its registry name ("Nikkei" is Nikkei Asia)
        "outlet.md": _front(outlet="Nikkei")
        + "Outlet copy\n\nOfficials confirmed that Japan joined the pact.\n",
        # nothing is known: the article is its own source
        "bare.txt": "Bare copy\n\nBy the evening, Japan joined the pact and its partners welcomed it.\n",
    }
    field = status(report_of(*write_corpus(tmp_path, articles)))
    (joined,) = field.stances
    assert dict(zip(joined.articles, joined.origins, strict=True)) == {
        "bare": "article:bare",
        "outlet": "Nikkei Asia",
        "wire": "Kyodo News",
    }


def test_the_outlet_a_sentence_calls_the_outlet_is_the_one_the_article_cites(tmp_path: Path) -> None:
    articles = {
        "x.txt": "Report\n\nThe Asahi Shimbun first carried the story on Sunday.\n\n"
        "Japan joined the pact in secret, the outlet claimed.\n",
    }
    (joined,) = status(report_of(*write_corpus(tmp_path, articles))).stances
    assert joined.origins == ("Asahi Shimbun",)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Sources told Reuters that Japan joined the pact.", "Reuters"),
        ("Japan joined the pact, the Financial Times reported.", "Financial Times"),
        ("Japan joined the pact (Yomiuri, 2024).", "Yomiuri Shimbun"),
        ("As reported by Jiji Press, Japan joined the pact.", "Jiji Press"),
        ("In a Reuters-style scoop, Japan joined the pact.", None),  # an adjective, not a source
        ("Japan joined the pact; CNN was banned in Moscow the same day.", None),  # a subject, not a source
        # two sources: the one nearer the claim's words
        (
            "Reuters said talks had stalled for a year, but Japan joined the pact, Kyodo reported.",
            "Kyodo News",
        ),
    ],
)
def test_a_sentence_names_its_source(sentence: str, source: str | None) -> None:
    match = sentence.index("Japan joined")
    assert named_source(sentence, (match, match + 12), build_outlet_matcher()) == source


# --- near-duplicates ----------------------------------------------------------------------------

STORY = (
    "The coastal city opened its new ferry terminal on Thursday after four years of delays, "
    "and the first boats left for the northern islands before dawn. Officials said the terminal "
    "would carry twice as many passengers as the old pier, which flooded every winter and closed "
    "for weeks at a time. Fishermen on the quay were less certain, saying the larger boats would "
    "crowd the harbour mouth and push their own vessels to the far end of the bay. The council "
    "promised a review of berths by the spring and a second ramp for freight by the summer. "
    "Meanwhile Japan joined the regional shipping pact, the harbour master noted in his remarks."
)


def test_reposts_of_one_text_count_once(tmp_path: Path) -> None:
    reposted = STORY.replace("four years", "three years")  # a repost that fixed one detail
    articles = {
        "first.md": _front(outlet="Harbour Daily") + "Ferry terminal opens\n\n" + STORY + "\n",
        "repost.md": _front(outlet="Coast Aggregator")
        + "New ferry terminal finally opens\n\n"
        + reposted
        + "\n",
        "other.txt": "Elsewhere\n\nA separate report said Japan joined the pact after a long debate.\n",
    }
    report = report_of(*write_corpus(tmp_path, articles))
    infos = {a.id: a for a in report.articles}
    assert infos["repost"].duplicate_of == "first"
    assert infos["first"].duplicate_of is None and infos["other"].duplicate_of is None
    (joined,) = status(report).stances
    assert joined.articles == ("first", "other", "repost")
    # the repost counts as the text it repeats: Harbour Daily's, not the aggregator's
    assert joined.origins == ("Harbour Daily", "article:other")
    text = briefing(report, RenderOptions())
    assert (
        "| **A3** | New ferry terminal finally opens | Coast Aggregator | undated | a repost of A1 |" in text
    )


def test_resemblance_tells_a_repost_from_another_story() -> None:
    def sketch(text: str) -> str | None:
        return text_fingerprint(text, [(0, len(text))])

    original = sketch(STORY)
    assert original is not None and len(original) == 256
    assert sketch(STORY) == original  # the same on every run and machine: no salted hash
    assert resemblance(original, sketch(STORY.replace("four years", "three years"))) >= NEAR_DUPLICATE
    other = "Japan joined the regional shipping pact, the harbour master said, and the ferries kept running."
    assert resemblance(original, sketch(other)) < 0.3
    assert sketch("  ...  ") is None and resemblance(None, original) == 0.0


def _info(article_id: str, fingerprint: str | None) -> ArticleInfo:
    return ArticleInfo(
        id=article_id,
        path=f"c/{article_id}.txt",
        title=article_id,
        title_line=1,
        published=None,
        outlet=None,
        author=None,
        url=None,
        reliability=None,
        sources=(),
        encoding="utf-8",
        furniture=(),
        fingerprint=fingerprint,
    )


def test_many_copies_group_under_the_first_in_corpus_order() -> None:
    story = text_fingerprint(STORY, [(0, len(STORY))])
    other = text_fingerprint(STORY[::-1], [(0, len(STORY))])
    articles = [_info(f"{n:04d}", story if n % 3 else other) for n in range(600)]
    groups = near_duplicates(articles)
    assert {groups[a.id] for a in articles if int(a.id) % 3} == {"0001"}
    assert {groups[a.id] for a in articles if not int(a.id) % 3} == {"0000"}
    assert near_duplicates([_info("x", None), _info("y", "not a sketch")]) == {}


# --- grades -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "letter"),
    [
        ("B", "B"),
        ("b", "B"),
        ("B - usually reliable", "B"),
        ("Bravo", "F"),
        ("G", "F"),
        (None, "F"),
        ("", "F"),
    ],
)
def test_reliability_letters(text: str | None, letter: str) -> None:
    assert reliability_letter(text) == letter


def test_grades_join_reliability_and_how_far_a_value_is_borne_out(tmp_path: Path) -> None:
    articles = {
        "a.md": _front(outlet="Harbour Daily", reliability="C") + "One\n\nJapan joined the pact.\n",
        "b.md": _front(outlet="Evening Post", reliability="B") + "Two\n\nBy then Japan joined the pact.\n",
        "c.md": _front(outlet="Hill Gazette", reliability="E")
        + "Three\n\nThe partners are considering Japan, the gazette reported.\n",
    }
    report = report_of(*write_corpus(tmp_path, articles))
    field = status(report)
    infos = {a.id: a for a in report.articles}
    joined, considered = field.stances
    assert grade(field, joined, infos) == "B1"  # two independent sources; the better is B
    assert grade(field, considered, infos) in ("E2", "E3")  # one source, E
    assert grade(field, joined, infos, rejected=True) == "B4"


# --- sources found as an article is read ------------------------------------------------------


def test_each_claims_source_is_found_as_its_article_is_read_and_kept_in_the_cache(tmp_path: Path) -> None:
    from aukus_check.cache import ArticleCache
    from aukus_check.corpus import discover_articles
    from aukus_check.engine import process_article
    from aukus_check.rules import load_rules

    articles = {
        **KYODO_COPIES,
        "x.txt": "Report\n\nThe Asahi Shimbun first carried the story on Sunday.\n\n"
        "Japan joined the pact in secret, the outlet claimed.\n",
        "y.txt": INDEPENDENT,
    }
    corpus, rules_path = write_corpus(tmp_path, articles)
    rules = load_rules(rules_path, str(rules_path))
    sources, _ = discover_articles(corpus, "corpus")
    cache = ArticleCache.open(tmp_path / "cache", rules.source_digest, 1 << 20)
    read = {source.id: process_article(source, rules, cache) for source in sources}
    found = {name: result.claim_sources for name, result in read.items()}
    assert found == {
        "a": ("Kyodo News",),
        "b": ("Kyodo News",),
        "c": ("Kyodo News",),
        "x": ("Asahi Shimbun",),  # "the outlet": the one the article cites
        "y": (None,),  # a ministry is no outlet: the article itself is the origin
    }
    again = {source.id: process_article(source, rules, cache) for source in sources}
    assert all(result.cache_hit for result in again.values())
    assert {name: result.claim_sources for name, result in again.items()} == found


def test_origins_use_the_sources_found_when_reading(tmp_path: Path) -> None:
    from aukus_check.sources import with_origins

    report = report_of(*write_corpus(tmp_path, {"y.txt": INDEPENDENT}))
    field = status(report)
    (claim,) = field.claims
    found = with_origins([field], report.articles, build_outlet_matcher(), {id(claim): "Nikkei Asia"})
    assert found[0].stances[0].origins == ("Nikkei Asia",)  # taken as found, not searched again
