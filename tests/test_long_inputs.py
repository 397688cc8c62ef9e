"""Very long inputs under the bundled rules: what is read in them, through the CLI.

A 2 MB article and a 100,000-word sentence, as the hardening issue asks: how long they take is
measured by benchmarks/long_inputs.py (at 1x and 2x, to show the cost is linear), never
asserted here; these tests check what is read in them, and a whole-text look-back or a
per-pair scan would show as a run that does not end. The large article is read once for the
module (some ten seconds).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from aukus_check.exit_codes import ExitCode
from aukus_check.sentences import MAX_SENTENCE_CHARS, split_sentences
from tests.long_inputs_text import PEOPLE, endless_sentence, invented_name, large_article

LARGE_BYTES = 2_000_000
ENDLESS_WORDS = 100_000


def cli_json(*args: str) -> dict:
    """`aukus-check ARGS --format json` in-process, for a module-scoped fixture (the cli
    fixture is per test)."""
    import io
    import sys

    from aukus_check.cli import run_cli

    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", out)
        patch.setattr(sys, "stderr", err)
        code = run_cli([*args, "--format", "json"])
        out.flush()
    assert code == ExitCode.OK, err.getvalue()
    return json.loads(out.buffer.getvalue().decode("utf-8"))  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    """The report of one 2 MB article, and its text."""
    corpus = tmp_path_factory.mktemp("large")
    text = large_article(LARGE_BYTES)
    (corpus / "long.txt").write_text(text, encoding="utf-8")
    return cli_json("report", "--corpus", str(corpus)), text


def report(cli, corpus: Path) -> dict:
    result = cli("report", "--corpus", str(corpus), "--format", "json")
    assert result.code == ExitCode.OK, result.stderr
    return json.loads(result.stdout)


def claims_of(data: dict, field_id: str) -> list[dict]:
    return next(field["claims"] for field in data["fields"] if field["id"] == field_id)


def test_a_surname_far_into_a_large_article_is_the_person_named_in_full_before_it(large) -> None:
    data, text = large
    paragraphs = text.count("Japanese Defense Minister ")
    assert paragraphs > 3_000  # the generator wrote what this test reads
    holders = Counter(claim["value"] for claim in claims_of(data, "role.japan_defence_minister.holder"))
    # Each paragraph: "<Given> <Surname>, a former diplomat, ... Japanese Defense Minister <Surname> told
    # reporters": the surname is the person named in full a sentence before, all along the article.
    expected = Counter()
    for number in range(paragraphs):
        person = number % PEOPLE
        expected[f"{invented_name(person)}_{invented_name(person + 7919, 4)}".lower()] += 1
    assert holders == expected


def test_every_paragraph_of_a_large_article_is_read(large) -> None:
    data, text = large
    paragraphs = text.count("Beijing voiced strong opposition")
    china = claims_of(data, "position.china")
    assert [claim["value"] for claim in china] == ["opposed"] * paragraphs
    amounts = {claim["value"] for claim in claims_of(data, "naval_group.contract_value")}
    # "... the scrapped French submarine deal at <N> billion euros", N cycling through 1-90
    assert amounts == {f"{billions * 1_000_000_000:,} EUR" for billions in range(1, 91)}


def test_no_decision_on_joining_is_no_denial_of_joining(large) -> None:
    # "officials said no decision on Japan joining the partnership had been taken": undecided
    data, _ = large
    assert claims_of(data, "japan.pillar2_status") == []
    assert claims_of(data, "japan.pillar1_role") == []


def test_an_endless_sentence_is_read_in_pieces_each_quoted_whole(cli, tmp_path: Path) -> None:
    text = endless_sentence(ENDLESS_WORDS)
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    data = report(cli, tmp_path)
    body = text.index("\n\n") + 2
    pieces = split_sentences(text, body, len(text))
    assert len(pieces) > 250 and all(end - start <= MAX_SENTENCE_CHARS for start, end in pieces)
    china = claims_of(data, "position.china")
    # "China opposed the pact" every fifth clause: one claim per piece that holds it, quoted
    # with the piece it stands in.
    holding = [piece for piece in pieces if "China opposed the pact" in text[piece[0] : piece[1]]]
    assert len(china) == len(holding)
    for claim in china:
        assert claim["value"] == "opposed"
        assert "China opposed the pact" in claim["evidence"]["sentence"]
        assert claim["evidence"]["line"] == 3


STAR_RULES = """\
schema_version: 1
version: "test"
title: A term that matches everywhere
fields:
  - id: mission.status
    label: Mission status
    type: enum
    vocabulary: [planned]
    extractors:
      - kind: lexicon
        terms:
          planned: ['a*']
"""


def test_a_term_that_matches_at_every_position_of_a_long_sentence(cli, tmp_path: Path) -> None:
    # 'a*' matches (often emptily) at every position: thousands of overlapping candidates in
    # one sentence, each checked against those already accepted. One claim per sentence piece
    # (a value is claimed once per sentence), at the piece's first character.
    (tmp_path / "rules.yaml").write_text(STAR_RULES, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "Title\n\n" + " ".join(["aaa b"] * 20_000) + ".\n"
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    result = cli(
        "report", "--corpus", str(corpus), "--rules", str(tmp_path / "rules.yaml"), "--format", "json"
    )
    assert result.code == ExitCode.OK, result.stderr
    claims = json.loads(result.stdout)["fields"][0]["claims"]
    pieces = split_sentences(text, text.index("aaa"), len(text))
    assert len(claims) == len(pieces) > 1
    assert [claim["evidence"]["start"] for claim in claims] == [start for start, _ in pieces]
