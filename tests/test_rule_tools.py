"""The rule author's tools: `rules test`, `rules schema` and `explain`."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml

from aukus_check.exit_codes import ExitCode
from tests.conftest import REPO, RULES

SCHEMA_DOC = REPO / "docs" / "rules.schema.json"

RULES_WITH_EXAMPLES = """\
schema_version: 1
version: "1"
title: T
fields:
  - id: japan.status
    label: Status
    type: enum
    vocabulary: [joined, considered]
    extractors:
      - name: joined
        kind: pattern
        pattern: '\\bJapan\\b[^.]{0,30}?\\b(?P<anchor>joined) Pillar II'
        value: joined
        examples:
          - {text: "Japan joined Pillar II in April.", expect: joined}
          - {text: "Officials said Japan joined Pillar II.", expect: joined}
          - {text: "Japan has not joined Pillar II.", expect: not joined}
          - {text: "Tokyo joined nothing at all."}
      - name: considered
        kind: pattern
        pattern: '\\bconsider\\w*\\s+Japan'
        value: considered
        examples:
          - {text: "The partners are considering Japan for Pillar II.", expect: considered}
          - {text: "Nobody mentions it.", expect: null}
"""


def write_rules(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_rules_test_passes_when_every_example_reads_as_expected(cli, tmp_path: Path) -> None:
    result = cli("rules", "test", "--rules", str(write_rules(tmp_path, RULES_WITH_EXAMPLES)))
    assert result.code == ExitCode.OK, result.stdout + result.stderr
    assert result.stdout.strip() == "2 rules, 6 examples: 6 passed, 0 failed; 0 rules lack examples"


def test_a_failing_example_is_reported_at_its_line_and_fails_the_run(cli, tmp_path: Path) -> None:
    broken = RULES_WITH_EXAMPLES.replace(
        '{text: "Japan joined Pillar II in April.", expect: joined}',
        '{text: "Japan joined Pillar I in April.", expect: joined}',
    )
    path = write_rules(tmp_path, broken)
    result = cli("rules", "test", "--rules", str(path))
    assert result.code == ExitCode.FINDINGS
    lines = result.stdout.splitlines()
    assert lines[0] == f"{path}:15:13: field 'japan.status' rule 'joined': expected joined; read nothing"
    assert lines[1] == "    text: “Japan joined Pillar I in April.”"
    assert lines[-1] == "2 rules, 6 examples: 5 passed, 1 failed; 0 rules lack examples"


def test_a_rule_without_a_no_match_example_cannot_pass(cli, tmp_path: Path) -> None:
    text = RULES_WITH_EXAMPLES.replace('          - {text: "Nobody mentions it.", expect: null}\n', "")
    path = write_rules(tmp_path, text)
    result = cli("rules", "test", "--rules", str(path))
    assert result.code == ExitCode.FINDINGS
    assert f"{path}:19:9: field 'japan.status' rule 'considered' has no no-match example" in result.stdout


def test_example_modality_is_part_of_the_label(cli, tmp_path: Path) -> None:
    text = RULES_WITH_EXAMPLES.replace("expect: not joined", "expect: joined")
    result = cli("rules", "test", "--rules", str(write_rules(tmp_path, text)))
    assert result.code == ExitCode.FINDINGS
    assert "expected joined; read not joined" in result.stdout


def test_coverage_names_rules_that_never_fire_on_the_corpus(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("News\n\nJapan joined Pillar II on Monday.\n", encoding="utf-8")
    path = write_rules(tmp_path, RULES_WITH_EXAMPLES)
    result = cli("rules", "test", "--rules", str(path), "--coverage", "--corpus", str(corpus))
    assert result.code == ExitCode.OK, result.stderr
    assert (
        f"{path}:19:9: field 'japan.status' rule 'considered' never fires on corpus {corpus}" in result.stdout
    )
    assert result.stdout.splitlines()[-1] == f"coverage: 1 of 2 rules fire on {corpus}"


def test_an_example_for_an_unknown_family_key_is_a_rules_error(cli, tmp_path: Path) -> None:
    text = """\
    schema_version: 1
    version: "1"
    title: T
    actors:
      china: {label: China, aliases: [China]}
    fields:
      - id: position.{key}
        label: "{label}"
        type: enum
        vocabulary: [opposed]
        keys_from: actors
        extractors:
          - kind: pattern
            pattern: '{aliases} condemned'
            value: opposed
            examples:
              - {text: "China condemned it.", expect: opposed, key: chna}
    """
    path = write_rules(tmp_path, text)
    result = cli("rules", "test", "--rules", str(path))
    assert result.code == ExitCode.USAGE
    assert result.stderr.strip() == (
        f"{path}:17:65: field 'position.{{key}}': example key 'chna' is not a key of this field"
    )


def test_the_bundled_rules_pass_their_own_examples(cli) -> None:
    result = cli("rules", "test")
    assert result.code == ExitCode.OK, result.stdout
    assert "0 failed; 0 rules lack examples" in result.stdout


# --- rules schema ---------------------------------------------------------------------------


def test_rules_schema_is_the_published_document(cli, update_golden: bool) -> None:
    result = cli("rules", "schema")
    assert result.code == ExitCode.OK
    if update_golden:
        SCHEMA_DOC.write_text(result.stdout, encoding="utf-8")
        pytest.skip("docs/rules.schema.json rewritten")
    assert result.stdout == SCHEMA_DOC.read_text(encoding="utf-8"), (
        "docs/rules.schema.json is stale: run pytest --update-golden"
    )


def test_the_bundled_rules_validate_against_the_schema(cli) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(cli("rules", "schema").stdout)
    # Read as YAML 1.2, as the tool and editors' YAML language servers read it: a bare
    # 2024-02-12 is a string there, not a date (PyYAML's YAML 1.1 would make it one).
    from aukus_check.yaml_source import load_yaml

    jsonschema.validate(load_yaml(RULES.read_text(encoding="utf-8"), "rules.yaml").data, schema)


def test_the_schema_rejects_what_the_loader_rejects(cli) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(cli("rules", "schema").stdout)
    bad = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    bad["fields"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


# --- explain --------------------------------------------------------------------------------

EXPLAIN_ARTICLE = """\
Japan and the pact

Japan joined Pillar II, officials said. Did Japan joined Pillar II really happen?

Related: Japan joined Pillar II, a look back
Share this article
"""


@pytest.fixture
def explain_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(EXPLAIN_ARTICLE, encoding="utf-8")
    (corpus / "b.txt").write_text("Other\n\nNothing about it.\n", encoding="utf-8")
    return corpus


def test_explain_shows_kept_and_dropped_candidates_with_reasons(cli, tmp_path: Path, explain_corpus) -> None:
    rules = write_rules(tmp_path, RULES_WITH_EXAMPLES)
    result = cli("explain", "japan.status", "--corpus", str(explain_corpus), "--rules", str(rules))
    assert result.code == ExitCode.OK, result.stderr
    out = result.stdout
    assert out.startswith("japan.status — Status\n")
    assert "a · " in out and "b · " in out and "0 candidates, 0 kept" in out
    assert "3:1  kept     joined (reported)  · rule joined" in out
    assert "why dropped: in a question" in out


def test_explain_one_article_as_json(cli, tmp_path: Path, explain_corpus) -> None:
    rules = write_rules(tmp_path, RULES_WITH_EXAMPLES)
    result = cli(
        "explain", "japan.status", "--article", "a", "--format", "json",
        "--corpus", str(explain_corpus), "--rules", str(rules),
    )  # fmt: skip
    assert result.code == ExitCode.OK, result.stderr
    rows = json.loads(result.stdout)
    assert {row["article"] for row in rows} == {"a"}
    assert [(row["line"], row["kept"]) for row in rows][:2] == [(3, True), (3, False)]


@pytest.mark.parametrize("label", ["A2", "a2"])
def test_explain_takes_the_label_the_views_print(cli, tmp_path: Path, explain_corpus, label: str) -> None:
    rules = write_rules(tmp_path, RULES_WITH_EXAMPLES)
    result = cli(
        "explain", "japan.status", "--article", label, "--format", "json",
        "--corpus", str(explain_corpus), "--rules", str(rules),
    )  # fmt: skip
    assert result.code == ExitCode.OK, result.stderr
    text = cli(
        "explain", "japan.status", "--article", label, "--corpus", str(explain_corpus), "--rules", str(rules)
    )
    assert "b · " in text.stdout and "a · " not in text.stdout  # A2 is the second article, b
    far = cli(
        "explain", "japan.status", "--article", "A3", "--corpus", str(explain_corpus), "--rules", str(rules)
    )
    assert far.code == ExitCode.USAGE and "its label, A1 to A2" in far.stderr


def test_explain_unknown_article_is_a_usage_error_with_a_hint(cli, tmp_path: Path, explain_corpus) -> None:
    rules = write_rules(tmp_path, RULES_WITH_EXAMPLES)
    result = cli(
        "explain", "japan.status", "--article", "aa", "--corpus", str(explain_corpus), "--rules", str(rules)
    )
    assert result.code == ExitCode.USAGE
    assert result.stderr.strip() == "unknown article 'aa' (hint: did you mean 'a'?)"


def test_explain_unknown_field_is_a_usage_error(cli) -> None:
    result = cli("explain", "japan.pilar2_status")
    assert result.code == ExitCode.USAGE
    assert "did you mean 'japan.pillar2_status'?" in result.stderr
