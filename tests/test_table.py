"""The terminal table: labels and values in words by default, ids with --ids, and widths that
never cut a word, whatever the terminal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aukus_check.exit_codes import ExitCode
from aukus_check.models import FieldResult, Stance
from aukus_check.render import table
from aukus_check.render.words import date_value_words, stance_text, value_text


def write(directory: Path, name: str, content: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def only_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def _words(output: str) -> set[str]:
    """Every whitespace-separated token of a table's text, its rules and borders removed."""
    return set(re.sub("[\u2500-\u257f]", " ", output).split())


def _field(**changes: object) -> FieldResult:
    base: dict[str, object] = {
        "id": "x.office",
        "label": "Office held by someone",
        "type": "office",
        "family": None,
        "key": None,
        "vocabulary": (),
        "status": "single",
        "stances": (),
        "conflicts": (),
        "coverage": (),
        "claims": (),
        "silent": (),
    }
    return FieldResult.model_validate({**base, **changes})


def _stance(value: str, polarity: str = "affirmed") -> Stance:
    return Stance.model_validate(
        {"value": value, "polarity": polarity, "label": value, "articles": ("a",), "group": 1}
    )


# --- words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2021", "2021"),
        ("2021-09", "September 2021"),
        ("2021-09-15", "15 September 2021"),
        ("--04-08", "8 April, year not stated"),
        ("--04", "April, year not stated"),
        ("last week", "last week"),  # a phrase no publication date placed stays as the article wrote it
        ("next_week", "next_week"),
        ("2021-13-01", "2021-13-01"),  # not a date: left alone rather than guessed at
        ("20211", "20211"),
    ],
)
def test_a_date_value_reads_as_a_date_in_words(value: str, words: str) -> None:
    assert date_value_words(value) == words


def test_a_stance_reads_with_the_registry_name_and_its_polarity() -> None:
    office = _field(value_labels={"us_deputy_secretary_of_state": "U.S. Deputy Secretary of State"})
    assert stance_text(_stance("us_deputy_secretary_of_state"), office) == "U.S. Deputy Secretary of State"
    expected = _stance("us_deputy_secretary_of_state", "expected")
    assert stance_text(expected, office) == "U.S. Deputy Secretary of State (expected)"
    denied = _stance("us_deputy_secretary_of_state", "denied")
    assert stance_text(denied, office) == "not U.S. Deputy Secretary of State"
    # an office the registry does not name: its id in words
    assert stance_text(_stance("us_president"), office) == "us president"


def test_values_in_words_keep_quantities_and_escape_nothing() -> None:
    quantity = _field(type="quantity", label="Contract value")
    assert value_text("~1,000,000,000 USD", quantity) == "~1,000,000,000 USD"
    enum = _field(type="enum", value_labels={"odd": "*not* [bold]markup[/bold] <b>"})
    assert value_text("odd", enum) == "*not* [bold]markup[/bold] <b>"  # each view escapes its own way
    assert value_text("talks_reported", enum) == "talks reported"


def test_date_values_are_in_words_only_when_asked() -> None:
    when = _field(type="date", label="When")
    assert stance_text(_stance("--04-08"), when) == "--04-08"  # the briefing's way, unchanged
    assert (
        stance_text(_stance("--04-08", "expected"), when, dates=True) == "8 April, year not stated (expected)"
    )


# --- the table -------------------------------------------------------------------------------


def test_the_table_shows_field_labels_and_values_in_words_by_default(cli) -> None:
    text = cli("report", "--corpus", "seeds", "-q", columns=200).stdout
    assert "Japan's status in AUKUS Pillar II" in text
    assert "under consideration (expected): A2, A4" in text
    assert "U.S. Deputy Secretary of State: A3, A4" in text  # the registry's name for the office
    assert "Kurt Campbell: A3, A4" in text  # and for the person
    assert "8 April, year not stated: A2" in text  # a date without its year
    assert "15 September 2021: A1" in text
    assert "April 2024 (expected): A5" in text
    assert "~1,000,000,000 USD: A1" in text  # a quantity as it is
    assert "12 May, year not stated" in text  # A2's publication date, in the key
    for raw in ("japan.pillar2_status", "under_consideration", "us_deputy_secretary_of_state", "--04-08"):
        assert raw not in text, raw


def test_ids_shows_field_ids_and_values_as_the_rules_write_them(cli) -> None:
    text = cli("report", "--corpus", "seeds", "-q", "--ids", columns=200).stdout
    assert "japan.pillar2_status" in text
    assert "under_consideration (expected): A2, A4" in text
    assert "us_deputy_secretary_of_state: A3, A4" in text
    assert "kurt_campbell: A3, A4" in text
    assert "--04-08: A2" in text
    assert "001_2925982b7433e5f6  --05-12" in text
    assert "Japan's status in AUKUS Pillar II" not in text
    assert "year not stated" not in text


def test_ids_changes_the_table_format_only(cli) -> None:
    result = cli("report", "--corpus", "seeds", "--ids", "--format", "json")
    assert result.code == ExitCode.USAGE
    assert only_line(result.stderr).startswith("--ids changes the table format, not json")


def test_the_field_detail_names_the_field_both_ways_and_shows_values_in_words(cli) -> None:
    words = cli("report", "--field", "japan.pillar2_statement", columns=300).stdout
    heading = "japan.pillar2_statement — Date of the AUKUS defence ministers' statement that they are"
    assert words.startswith(heading)
    assert "group 1: 8 April, year not stated — A2" in words
    assert "\n    8 April, year not stated · asserted · seeds/001_2925982b7433e5f6.txt:15:52" in words
    assert "· published 12 May, year not stated" in words
    ids = cli("report", "--field", "japan.pillar2_statement", "--ids", columns=300).stdout
    assert ids.startswith(heading)
    assert "group 1: --04-08 — A2" in ids
    assert "\n    --04-08 · asserted · seeds/001_2925982b7433e5f6.txt:15:52" in ids
    assert "· published --05-12" in ids
    office = cli("report", "--field", "official.kurt_campbell.title", columns=300).stdout
    assert "group 1: U.S. Deputy Secretary of State — A3, A4" in office
    conflict = cli("report", "--field", "japan.pillar2_status", columns=300).stdout
    assert "under consideration (A2, A3)  ×  joined (A3, A4)" in conflict
    assert "type enum · vocabulary: talks reported, under consideration, invited, joined" in conflict


def _unwrapped(cli, flags: tuple[str, ...]) -> set[str]:
    """The words of each layout (grid, list, stacked), shown too wide for anything to wrap."""
    args = ("report", "--corpus", "seeds", "-q", *flags)
    words = _words(cli(*args, columns=2000).stdout)  # five articles side by side
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(table, "MAX_ARTICLE_COLUMNS", 0)
        words |= _words(cli(*args, columns=2000).stdout)  # a field a row, its values listed
        patch.setattr(table, "_list_width", lambda *_: 10**6)
        words |= _words(cli(*args, columns=2000).stdout)  # field after field
    return words


@pytest.mark.parametrize("ids", [False, True])
def test_no_width_cuts_a_word_of_a_label_or_a_value(cli, ids: bool) -> None:
    """Whatever layout a width gets, every line fits it, and every word it shows is a word of
    the report shown too wide to wrap: nothing is cut mid-word."""
    flags = ("--ids",) if ids else ()
    whole = _unwrapped(cli, flags)
    # (below 48 columns a field id such as role.russia_foreign_ministry_spokesperson.holder,
    # one word, cannot fit: only the labels' words fit the narrowest terminal, 40 columns)
    for columns in (60, 80, 100, 120, 140, 170) if ids else (40, 60, 80, 100, 120, 140, 170):
        output = cli("report", "--corpus", "seeds", "-q", *flags, columns=columns).stdout
        assert max(len(line) for line in output.splitlines()) <= columns
        assert _words(output) - whole == set(), columns


def test_a_small_corpus_gets_a_grid_whose_values_are_whole(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(
        corpus,
        "a.txt",
        "Tokyo weighs its options\n\nTokyo, 3 June 2024 /EXAMPLE/\n\n"
        "Officials said Japan joined AUKUS Pillar II last week. Kurt Campbell, the US deputy "
        "secretary of state, said so. AUKUS was announced on 15 September 2021.\n",
    )
    write(corpus, "b.txt", "Second thoughts\n\nThe partners are still considering cooperation with Japan.\n")
    text = cli("report", "--corpus", str(corpus), "-q", "--status", "conflict,single", columns=120).stdout
    header = next(line for line in text.splitlines() if line.startswith("┃ field"))
    assert [cell.strip() for cell in header.split("┃")[1:-1]] == ["field", "status", "A1", "A2"]
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in text.splitlines() if line[:1] == "│"]
    assert ["Office held by Kurt Campbell", "single", "U.S. Deputy Secretary of State", "—"] in rows
    assert ["When AUKUS was announced or established", "single", "15 September 2021", "—"] in rows
    assert "3 June 2024" in text  # A1's publication date in the key
    # at 80 columns the values would not fit whole side by side: each field lists its values
    narrow = cli("report", "--corpus", str(corpus), "-q", "--status", "single", columns=80).stdout
    assert "┃ field" in narrow and "values (articles)" in narrow
    assert "U.S. Deputy Secretary of State:" in narrow


def test_rules_labels_print_literally(cli, tmp_path: Path) -> None:
    rules = write(
        tmp_path,
        "rules.yaml",
        """\
schema_version: 1
version: "1"
title: T
fields:
  - id: japan.status
    label: "Status [bold red]FAKE[/bold red] \\u202e"
    type: enum
    vocabulary: [joined]
    extractors:
      - kind: pattern
        pattern: 'Japan joined'
        value: joined
""",
    )
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "Title\n\nJapan joined AUKUS Pillar II.\n")
    for flags in ((), ("--field", "japan.status")):
        result = cli("report", "--corpus", str(corpus), "--rules", str(rules), "-q", *flags, columns=200)
        assert result.code == ExitCode.OK, result.stderr
        assert "Status [bold red]FAKE[/bold red] \\u202e" in result.stdout
        assert "\u202e" not in result.stdout
