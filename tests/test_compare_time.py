"""Time explains some differences: stages reported in order, office holders of their own time,
offices with several holders. What time does not explain stays a conflict."""

from __future__ import annotations

import datetime
import json
import textwrap
from pathlib import Path

import pytest

from aukus_check.compare import compare_field
from aukus_check.errors import RulesError
from aukus_check.exit_codes import ExitCode
from aukus_check.models import PartialDate
from aukus_check.registries import Term
from aukus_check.rules import FieldDef, parse_rules
from tests.test_compare import claim

STAGES = ("talks_reported", "under_consideration", "invited", "joined")


def status_field(gap: int = 7) -> FieldDef:
    return FieldDef(
        id="harbour.status",
        label="Status",
        type="enum",
        vocabulary=STAGES,
        compatible=frozenset(),
        family=None,
        key=None,
        stages=STAGES,
        stage_gap_days=gap,
    )


def day(text: str) -> PartialDate:
    year, month, number = (int(part) for part in text.split("-"))
    return PartialDate(year=year, month=month, day=number)


def test_a_later_stage_in_a_later_article_is_a_progression() -> None:
    claims = [claim("march", "talks_reported"), claim("april", "under_consideration")]
    published = {"march": day("2024-03-04"), "april": day("2024-04-08")}
    result = compare_field(status_field(), claims, ["march", "april"], published)
    assert result.status == "progressed"
    (pair,) = result.conflicts
    assert (pair.kind, pair.left, pair.right) == ("progressed", "talks_reported", "under_consideration")
    assert (pair.left_published, pair.right_published) == (("2024-03-04",), ("2024-04-08",))
    assert not any(stance.in_conflict for stance in result.stances)


def test_an_earlier_stage_after_a_later_one_stays_a_conflict() -> None:
    claims = [claim("may", "talks_reported"), claim("april", "joined")]
    published = {"may": day("2024-05-20"), "april": day("2024-04-08")}
    result = compare_field(status_field(), claims, ["may", "april"], published)
    assert result.status == "conflict"
    assert result.conflicts[0].kind == "conflict"


def test_two_stages_in_the_same_week_conflict() -> None:
    claims = [claim("monday", "under_consideration"), claim("thursday", "joined")]
    published = {"monday": day("2024-04-08"), "thursday": day("2024-04-11")}
    assert compare_field(status_field(), claims, ["monday", "thursday"], published).status == "conflict"


def test_an_undated_article_never_reads_as_a_step() -> None:
    claims = [claim("dated", "talks_reported"), claim("undated", "joined")]
    published = {"dated": day("2024-03-04"), "undated": None}
    assert compare_field(status_field(), claims, ["dated", "undated"], published).status == "conflict"


def test_an_article_known_only_to_be_later_than_a_date_is_no_step() -> None:
    """Written on or after 1 May: it may be of the same week as the other article."""
    claims = [claim("early", "talks_reported"), claim("later", "joined")]
    published = {"early": day("2024-03-04"), "later": day("2024-05-01")}
    windows = {
        "early": (datetime.date(2024, 3, 4),) * 2,
        "later": (datetime.date(2024, 5, 1), datetime.date.max),
    }
    result = compare_field(status_field(), claims, ["early", "later"], published, windows)
    assert result.status == "progressed"  # "later" is after 1 May, so after 4 March anyway
    windows["early"] = (datetime.date(2024, 5, 2), datetime.date(2024, 5, 2))
    result = compare_field(status_field(), claims, ["early", "later"], published, windows)
    assert result.status == "conflict"  # "later" may be of 2 May too


def test_stages_are_rules_of_an_enum_field_and_name_its_values() -> None:
    base = textwrap.dedent(
        """\
        schema_version: 1
        version: "t"
        title: T
        fields:
          - id: harbour.status
            label: Status
            type: {type}
            vocabulary: [open, shut]
            compare:
              stages: [{stages}]
            extractors:
              - kind: pattern
                pattern: "open"
                value: open
        """
    )
    assert parse_rules(base.format(type="enum", stages="open, shut"), "r.yaml").fields[0].stages == (
        "open",
        "shut",
    )
    with pytest.raises(RulesError, match="stage 'ajar' is not a vocabulary value"):
        parse_rules(base.format(type="enum", stages="open, ajar"), "r.yaml")
    with pytest.raises(RulesError, match="only an enum field has stages"):
        parse_rules(base.format(type="set", stages="open"), "r.yaml")


# --- terms of office ---------------------------------------------------------------------

RULES = textwrap.dedent(
    """\
    schema_version: 1
    version: "t"
    title: Harbour board
    actors:
      port: {label: Port City, aliases: [Port City]}
    offices:
      harbour_master:
        label: Harbour Master
        country: port
        forms: [harbour master]
      pilot:
        label: Harbour Pilot
        country: port
        holders: many
        forms: [harbour pilot]
    people:
      ada_osei:
        name: Ada Osei
        country: port
        terms:
          - {office: harbour_master, from: 2019-02-01, to: 2022-06-30}
      ben_kaur:
        name: Ben Kaur
        country: port
        terms:
          - {office: harbour_master, from: 2022-07-01}
          - {office: pilot, from: 2015}
      cy_moss:
        name: Cy Moss
        country: port
        terms:
          - {office: pilot, from: 2018}
    fields:
      - id: role.{key}.holder
        keys_from: offices
        label: Who is {label}
        type: person
        extractors:
          - kind: official
            output: holder
    """
)


OLD = (
    "---\npublished: 2021-05-03\n---\nDocks reopen\n\nHarbour master Ada Osei said the docks would reopen.\n"
)
NEW = "---\npublished: 2024-09-12\n---\nNew cranes\n\nHarbour master Ben Kaur unveiled two cranes.\n"
STALE = "---\npublished: 2024-02-20\n---\nBudget day\n\nHarbour master Ada Osei presented the budget.\n"
FRESH = "---\npublished: 2024-03-01\n---\nCranes\n\nHarbour master Ben Kaur unveiled two cranes.\n"


def write_corpus(root: Path, articles: dict[str, str]) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in articles.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    (root / "rules.yaml").write_text(RULES, encoding="utf-8")
    return corpus


def report(cli, root: Path) -> dict:
    result = cli(
        "report",
        "--corpus",
        str(root / "corpus"),
        "--rules",
        str(root / "rules.yaml"),
        "--format",
        "json",
        "--no-cache",
    )
    assert result.code == ExitCode.OK, result.stderr
    return json.loads(result.stdout)


def field(data: dict, field_id: str) -> dict:
    return next(f for f in data["fields"] if f["id"] == field_id)


def test_holders_of_their_own_time_never_conflict(cli, tmp_path: Path) -> None:
    write_corpus(
        tmp_path,
        {
            "old": OLD,
            "new": NEW,
        },
    )
    result = field(report(cli, tmp_path), "role.harbour_master.holder")
    assert (result["status"], result["conflict_pairs"]) == ("agree", 0)
    assert {s["value"]: s["record"] for s in result["stances"]} == {
        "ada_osei": "consistent",
        "ben_kaur": "consistent",
    }


def test_a_holder_named_after_the_term_ended_is_reported_against_the_record(cli, tmp_path: Path) -> None:
    write_corpus(
        tmp_path,
        {
            "stale": STALE,
            "fresh": FRESH,
        },
    )
    result = field(report(cli, tmp_path), "role.harbour_master.holder")
    assert result["status"] == "conflict"
    (pair,) = result["conflicts"]
    assert (
        pair["kind"] == "against_record" and pair["left"] == "ada_osei" and pair["left_articles"] == ["stale"]
    )
    assert "Ada Osei, Harbour Master, 2019-02-01 to 2022-06-30" in pair["record"]
    assert "2024-02-20" in pair["record"]


def test_an_undated_article_naming_a_past_holder_is_no_conflict(cli, tmp_path: Path) -> None:
    write_corpus(
        tmp_path,
        {
            "undated": "Docks reopen\n\nHarbour master Ada Osei said the docks would reopen.\n",
            "dated": NEW,
        },
    )
    result = field(report(cli, tmp_path), "role.harbour_master.holder")
    assert result["status"] != "conflict"
    assert {s["value"]: s["record"] for s in result["stances"]} == {
        "ada_osei": "on_record",
        "ben_kaur": "consistent",
    }


def test_an_office_with_many_holders_takes_them_all(cli, tmp_path: Path) -> None:
    write_corpus(
        tmp_path,
        {
            "one": "---\npublished: 2024-09-12\n---\nFog\n\nHarbour pilot Cy Moss guided the tanker in.\n",
            "two": "---\npublished: 2024-09-12\n---\nFog\n\nHarbour pilot Ben Kaur guided the ferry in.\n",
        },
    )
    result = field(report(cli, tmp_path), "role.pilot.holder")
    assert result["status"] != "conflict" and result["conflict_pairs"] == 0


def test_terms_are_checked_where_they_are_written() -> None:
    bad = RULES.replace("to: 2022-06-30", "to: 2018-01-01")
    with pytest.raises(RulesError, match="term 'to' '2018-01-01' is not a date on or after 'from'") as caught:
        parse_rules(bad, "r.yaml")
    assert caught.value.location.line == 21
    with pytest.raises(RulesError, match="term office 'lighthouse' is not in the offices registry"):
        parse_rules(RULES.replace("office: pilot, from: 2018", "office: lighthouse, from: 2018"), "r.yaml")


def test_a_term_covers_the_days_it_shares() -> None:
    term = Term("ada_osei", "harbour_master", datetime.date(2019, 2, 1), datetime.date(2022, 6, 30))
    assert term.covers(datetime.date(2022, 6, 30), datetime.date(2022, 7, 5))
    assert not term.covers(datetime.date(2022, 7, 1), datetime.date.max)
    assert Term("b", "o", datetime.date(2022, 7, 1), None).covers(
        datetime.date(2030, 1, 1), datetime.date.max
    )


def test_the_gate_fails_on_a_value_against_the_record_and_the_detail_shows_the_term(
    cli, tmp_path: Path
) -> None:
    write_corpus(tmp_path, {"stale": STALE, "fresh": FRESH})
    sources = ("--corpus", str(tmp_path / "corpus"), "--rules", str(tmp_path / "rules.yaml"), "--no-cache")
    gate = cli("check", *sources)
    assert gate.code == ExitCode.FINDINGS
    assert "role.harbour_master.holder" in gate.stdout
    detail = cli("report", *sources, "--field", "role.harbour_master.holder")
    assert "against the record of terms of office:" in detail.stdout
    assert "Ada Osei, Harbour Master, 2019-02-01 to 2022-06-30" in " ".join(detail.stdout.split())


def test_an_undated_article_with_a_dated_url_is_placed_by_it(cli, tmp_path: Path) -> None:
    """No `published`, but the URL says 2021: naming the holder of 2021 is consistent, and it
    does not conflict with a 2024 article naming the holder of 2024."""
    from_url = (
        "---\nurl: https://news.example.org/2021/05/03/docks-reopen\n---\n"
        "Docks reopen\n\nHarbour master Ada Osei said the docks would reopen.\n"
    )
    write_corpus(tmp_path, {"from_url": from_url, "new": NEW})
    data = report(cli, tmp_path)
    article = next(a for a in data["articles"] if a["id"] == "from_url")
    assert article["published"]["source"] == "url" and article["published"]["inferred"]
    assert article["published"]["date"]["iso"] == "2021-05-03"
    result = field(data, "role.harbour_master.holder")
    assert (result["status"], result["conflict_pairs"]) == ("agree", 0)
    assert {s["value"]: s["record"] for s in result["stances"]} == {
        "ada_osei": "consistent",
        "ben_kaur": "consistent",
    }


STAGE_RULES = textwrap.dedent(
    """\
    schema_version: 1
    version: "t"
    title: T
    fields:
      - id: harbour.status
        label: Status of the harbour
        type: enum
        vocabulary: [planned, open]
        compare:
          {compare}
        extractors:
          - kind: pattern
            pattern: "harbour (?P<anchor>is planned)"
            value: planned
          - kind: pattern
            pattern: "harbour (?P<anchor>opened)"
            value: open
    """
)


@pytest.mark.parametrize(
    ("compare", "heading"),
    [
        # stages: a later stage in a later article is a step forward
        ("stages: [planned, open]", "progressed (a later stage, from a later article):"),
        # no stages, articles a year apart: both can have been true at their times
        ("time_separated_days: 90", "time-separated (articles published far apart"),
    ],
)
def test_the_detail_lists_dated_pairs_under_their_kind(
    cli, tmp_path: Path, compare: str, heading: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "---\npublished: 2023-01-10\n---\nA\n\nThe new harbour is planned.\n", encoding="utf-8"
    )
    (corpus / "b.txt").write_text(
        "---\npublished: 2024-02-10\n---\nB\n\nThe new harbour opened.\n", encoding="utf-8"
    )
    (tmp_path / "rules.yaml").write_text(STAGE_RULES.format(compare=compare), encoding="utf-8")
    detail = cli(
        "report",
        "--corpus",
        str(corpus),
        "--rules",
        str(tmp_path / "rules.yaml"),
        "--no-cache",
        "--field",
        "harbour.status",
    )
    assert detail.code == ExitCode.OK, detail.stderr
    assert heading in detail.stdout
    assert "  →  " in detail.stdout
