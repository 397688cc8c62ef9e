"""`aukus-check rules eval`: figures, located differences, the gold format and its errors.

The corpus, rules and reading here are written for these tests: their figures are worked out
by hand below, so the expected numbers do not come from the tool.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from aukus_check.errors import GoldError
from aukus_check.gold import gold_json_schema, parse_gold
from tests.conftest import GOLDEN, REPO, SEEDS

RULES = textwrap.dedent(
    """\
    schema_version: 1
    version: "test"
    title: Eval test
    fields:
      - id: mission.status
        label: Mission status
        type: enum
        vocabulary: [planned, launched, cancelled]
        extractors:
          - name: status-words
            kind: lexicon
            terms:
              planned: [was planned]
              launched: [was launched]
              cancelled: [was cancelled]
      - id: mission.areas
        label: Mission areas
        type: set
        vocabulary: [optics, radio]
        extractors:
          - name: areas
            kind: lexicon
            context: ['\\bpayload\\b']
            terms:
              optics: [optics]
              radio: [radio]
    """
)

ARTICLES = {
    # a: states launched (read) and optics in a payload sentence (read)
    "a.txt": "Report A\n\nThe mission was launched on time.\n\nIts payload carries optics.\n",
    # b: the reader finds "cancelled" on line 3; the tool reads "planned" there (a wrong value)
    "b.txt": "Report B\n\nThe mission was planned, then it was scrapped.\n",
    # c: radio is named outside a payload sentence: the rule matches and is dropped (a miss);
    # "was launched" is read but the reader says the article denies it (extra + miss)
    "c.txt": "Report C\n\nIt carries radio gear.\n\nThe claim that it was launched is wrong.\n",
}

GOLD = textwrap.dedent(
    """\
    schema_version: 1
    corpus: eval-test
    reader: the test's author
    articles:
      a: {published: null}
      b: {published: null}
      c: {published: null}
    fields:
      mission.status:
        status: conflict
        claims:
          a:
            - {value: launched, modality: asserted, line: 3, quote: "was launched on time"}
          b:
            - {value: cancelled, modality: asserted, line: 3, quote: "then it was scrapped"}
      mission.areas:
        claims:
          a:
            - {value: optics, modality: asserted, line: 5, quote: "payload carries optics"}
          c:
            - {value: radio, modality: asserted, line: 3, quote: "carries radio gear"}
    """
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "corpus").mkdir()
    for name, text in ARTICLES.items():
        (tmp_path / "corpus" / name).write_text(text, encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "gold.yaml").write_text(GOLD, encoding="utf-8")
    return tmp_path


def _eval(cli, project: Path, *extra: str):
    return cli(
        "rules",
        "eval",
        "--corpus",
        str(project / "corpus"),
        "--rules",
        str(project / "rules.yaml"),
        "--gold",
        str(project / "gold.yaml"),
        *extra,
    )


def test_figures_worked_out_by_hand(cli, project: Path) -> None:
    result = _eval(cli, project, "--format", "json")
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    # Reading: launched@a, cancelled@b, optics@a, radio@c = 4 facts.
    # Tool: launched@a, planned@b, optics@a, launched@c = 4 facts; 2 correct.
    overall = report["overall"]
    assert (overall["gold"], overall["found"], overall["correct"]) == (4, 4, 2)
    assert overall["precision"] == pytest.approx(0.5)
    assert overall["recall"] == pytest.approx(0.5)
    assert overall["f1"] == pytest.approx(0.5)
    families = {f["name"]: f for f in report["families"]}
    assert (families["enums"]["gold"], families["enums"]["found"], families["enums"]["correct"]) == (2, 3, 1)
    assert (families["sets"]["gold"], families["sets"]["found"], families["sets"]["correct"]) == (2, 1, 1)
    assert families["sets"]["precision"] == 1.0 and families["sets"]["recall"] == 0.5


def test_each_difference_is_located_with_the_rule_behind_it(cli, project: Path) -> None:
    report = json.loads(_eval(cli, project, "--format", "json").stdout)
    items = {(i["kind"], i["article"], i["field"]): i for i in report["items"]}
    wrong = items[("wrong", "b", "mission.status")]
    assert (wrong["expected"], wrong["found"], wrong["line"]) == ("cancelled", "planned", 3)
    assert wrong["rule"]["name"] == "status-words"
    miss = items[("miss", "c", "mission.areas")]
    assert miss["expected"] == "radio" and miss["line"] == 3
    assert miss["rule"]["name"] == "areas"
    assert "dropped" in miss["note"] and "context" in miss["note"]
    extra = items[("extra", "c", "mission.status")]
    assert extra["found"] == "launched" and extra["line"] == 5
    # The reading expects a conflict (launched against cancelled); the tool sees launched
    # against planned, also a conflict: no status item.
    assert not [i for i in report["items"] if i["kind"] == "status"]


def test_table_lists_misses_wrong_and_extras_with_file_and_line(cli, project: Path) -> None:
    result = _eval(cli, project)
    assert result.code == 0
    out = result.stdout
    assert "overall" in out and "0.50" in out
    assert (
        "corpus/b.txt:3  mission.status: read planned, the reading has cancelled · rule status-words" in out
    )
    assert "corpus/c.txt:3  mission.areas: the reading has radio · rule matched" in out
    assert "corpus/c.txt:5  mission.status: read launched" in out


def test_a_miss_with_no_candidate_says_no_rule_matched(cli, project: Path) -> None:
    gold = project / "gold.yaml"
    gold.write_text(
        GOLD.replace(
            "  mission.areas:\n",
            "  mission.areas:\n    status: agree\n",
        ).replace(
            "      c:\n        - {value: radio",
            "      b:\n        - {value: optics, modality: expected, line: 3, quote: planned}\n"
            "      c:\n        - {value: radio",
        ),
        encoding="utf-8",
    )
    report = json.loads(_eval(cli, project, "--format", "json").stdout)
    miss = next(i for i in report["items"] if i["kind"] == "miss" and i["article"] == "b")
    assert miss["expected"] == "optics (expected)"
    assert miss["note"] == "no rule matched" and miss["rule"] is None
    status = next(i for i in report["items"] if i["kind"] == "status")
    assert (status["field"], status["expected"], status["found"]) == ("mission.areas", "agree", "single")


def test_field_option_scores_one_field(cli, project: Path) -> None:
    report = json.loads(_eval(cli, project, "--field", "mission.areas", "--format", "json").stdout)
    assert [f["name"] for f in report["fields"]] == ["mission.areas"]
    assert (report["overall"]["gold"], report["overall"]["correct"]) == (2, 1)
    unknown = _eval(cli, project, "--field", "mission.area")
    assert unknown.code == 2 and "did you mean 'mission.areas'" in unknown.stderr


def test_floors_make_it_a_gate(cli, project: Path) -> None:
    assert _eval(cli, project, "--min-recall", "0.5", "--min-precision", "0.5").code == 0
    failed = _eval(cli, project, "--min-recall", "0.6")
    assert failed.code == 1
    assert "recall 0.50 is below --min-recall 0.60" in failed.stderr
    assert _eval(cli, project, "--min-precision", "0.75").code == 1


def test_articles_outside_the_reading_are_not_scored_and_are_named(cli, project: Path) -> None:
    (project / "corpus" / "d.txt").write_text("Report D\n\nThe mission was planned.\n", encoding="utf-8")
    result = _eval(cli, project)
    assert "not scored: 1 articles of the corpus the reading does not cover: d" in result.stdout
    report = json.loads(_eval(cli, project, "--format", "json").stdout)
    assert report["overall"]["found"] == 4  # d's "planned" is not counted
    assert report["unscored"]["articles_not_in_reading"] == ["d"]


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("schema_version: 1\ncorpus: x\narticles: {a: {}}\nfields: {f: {claims: {b: []}}}\n", ":4:", "'b'"),
        (
            "schema_version: 1\ncorpus: x\narticles: {a: {}}\nfields:\n  f:\n    claims:\n      a:\n"
            "        - {value: v, modality: stated, line: 3}\n",
            ":8:",
            "modality",
        ),
        ("schema_version: 1\ncorpus: x\narticles: {a: {}}\nfeilds: {}\n", ":4:1", "unknown key 'feilds'"),
        ("schema_version: 2\ncorpus: x\narticles: {}\n", ":1:", "schema_version"),
        ("corpus: [unclosed\n", ":", "invalid YAML"),
        (
            "schema_version: 1\ncorpus: x\narticles: {a: {}}\nfields:\n  f:\n    claims:\n      a:\n"
            "        - {value: v, modality: asserted, line: 0}\n",
            ":8:",
            "line",
        ),
    ],
)
def test_gold_errors_are_located(text: str, where: str, what: str) -> None:
    with pytest.raises(GoldError) as caught:
        parse_gold(text, "gold.yaml")
    message = str(caught.value)
    assert message.startswith("gold.yaml" + where), message
    assert what in message, message


def test_a_bad_gold_file_is_exit_2_with_one_line(cli, project: Path) -> None:
    (project / "gold.yaml").write_text(
        "schema_version: 1\ncorpus: x\narticles: {}\nfields: 3\n", encoding="utf-8"
    )
    result = _eval(cli, project)
    assert result.code == 2
    assert result.stderr.count("\n") == 1 and "gold.yaml:4:" in result.stderr
    missing = cli("rules", "eval", "--corpus", str(project / "corpus"), "--gold", str(project / "nope.yaml"))
    assert missing.code == 2 and "gold file does not exist" in missing.stderr


def test_untrusted_text_in_the_reading_prints_literally(cli, project: Path) -> None:
    gold = (project / "gold.yaml").read_text(encoding="utf-8")
    (project / "gold.yaml").write_text(
        gold.replace('quote: "then it was scrapped"', 'quote: "then \\e[31m it \\u202e was [bold]scrapped"'),
        encoding="utf-8",
    )
    out = _eval(cli, project).stdout
    assert "\x1b" not in out and "\u202e" not in out
    assert "\\x1b[31m" in out and "\\u202e" in out and "[bold]scrapped" in out


def test_published_gold_schema_matches_the_models(update_golden: bool) -> None:
    path = REPO / "docs" / "gold.schema.json"
    generated = json.dumps(gold_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if update_golden:
        path.write_text(generated, encoding="utf-8")
        pytest.skip("docs/gold.schema.json rewritten; review the diff before committing")
    assert path.read_text(encoding="utf-8") == generated, "run pytest --update-golden and review"


def test_shipped_readings_are_valid_against_the_published_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads((REPO / "docs" / "gold.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in (GOLDEN / "seeds-reading.yaml", REPO / "benchmarks" / "devcorpus" / "reading.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
        parse_gold(path.read_text(encoding="utf-8"), str(path))


SEEDS_FLOOR = {"recall": 0.90, "precision": 0.90}
"""The seeds' figures against their independent reading may not drop below these (CI)."""


def test_rules_eval_on_the_seeds_holds_the_floor(cli) -> None:
    result = cli(
        "rules",
        "eval",
        "--corpus",
        str(SEEDS),
        "--gold",
        str(GOLDEN / "seeds-reading.yaml"),
        "--min-recall",
        str(SEEDS_FLOOR["recall"]),
        "--min-precision",
        str(SEEDS_FLOOR["precision"]),
    )
    assert result.code == 0, result.stdout[-3000:] + result.stderr
