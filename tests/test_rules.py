"""The rules file: validation errors name file:line:column and what was expected."""

from __future__ import annotations

import textwrap

import pytest

from aukus_check.errors import RulesError
from aukus_check.rules import parse_rules, rules_json_schema

VALID = """\
schema_version: 1
version: "1.0"
title: Test rules
fields:
  - id: japan.status
    label: Japan's status
    type: enum
    vocabulary: [considered, joined]
    compare:
      compatible:
        - [considered, joined]
    extractors:
      - kind: pattern
        pattern: '\\bJapan (?P<value>joined|was considered)\\b'
        map: {joined: joined, was considered: considered}
  - id: stance.{key}
    label: "{label}'s stance"
    type: enum
    vocabulary: [supportive, opposed]
    keys:
      china: {label: China, aliases: [China, Beijing]}
      united_states: {aliases: [US, Washington]}
    extractors:
      - kind: pattern
        pattern: '{aliases} (?:welcomed|supports)'
        value: supportive
"""


def error_of(text: str) -> RulesError:
    with pytest.raises(RulesError) as caught:
        parse_rules(textwrap.dedent(text), "rules/test.yaml")
    return caught.value


def test_valid_rules_expand_families_per_key() -> None:
    rules = parse_rules(VALID, "rules/test.yaml")
    assert [f.id for f in rules.fields] == ["japan.status", "stance.china", "stance.united_states"]
    assert rules.field("stance.china").label == "China's stance"
    assert rules.field("stance.united_states").label == "United States's stance"
    assert rules.field("stance.china").family == "stance"
    assert rules.field("stance.china").key == "china"
    assert rules.version == "1.0"
    assert rules.field("japan.status").values_compatible("considered", "joined")


def test_family_aliases_are_case_sensitive_whole_words() -> None:
    rules = parse_rules(VALID, "rules/test.yaml")
    probe = next(p for p in rules.probes if p.field_id == "stance.united_states")
    assert probe.regex.search(b"US welcomed it")
    assert not probe.regex.search(b"us welcomed it")
    assert not probe.regex.search(b"BUS welcomed it")


def test_map_value_outside_the_vocabulary_names_its_node() -> None:
    error = error_of(VALID.replace("was considered: considered}", "was considered: consdered}"))
    assert str(error) == (
        "rules/test.yaml:15:47: field 'japan.status': extractor maps to 'consdered', "
        "which is not in the vocabulary (considered, joined)"
    )


def test_fixed_value_outside_the_vocabulary_names_its_node() -> None:
    error = error_of(VALID.replace("value: supportive", "value: suportive"))
    assert str(error).startswith("rules/test.yaml:26:16: field 'stance.china': extractor gives 'suportive'")


def test_unknown_key_is_an_error_at_the_key_listing_allowed_keys() -> None:
    error = error_of(
        VALID.replace(
            "    type: enum\n    vocabulary: [considered", "    tpye: enum\n    vocabulary: [considered", 1
        )
    )
    assert str(error).startswith(
        "rules/test.yaml:7:5: field 'japan.status': unknown key 'tpye' (did you mean 'type'?); "
        "expected one of: id, label, type"
    )


def test_missing_required_key() -> None:
    error = error_of(VALID.replace("    label: Japan's status\n", "", 1))
    assert str(error) == "rules/test.yaml:5:5: field 'japan.status': missing required key 'label'"


def test_unknown_type_lists_the_supported_ones() -> None:
    error = error_of(VALID.replace("type: enum", "type: colour", 1))
    assert str(error) == (
        "rules/test.yaml:7:11: field 'japan.status': 'type' cannot be 'colour'; "
        "expected 'enum', 'set', 'date', 'quantity', 'office' or 'person'"
    )


def test_unknown_extractor_kind_lists_registered_kinds() -> None:
    error = error_of(
        VALID.replace(
            "- kind: pattern\n        pattern: '\\bJapan", "- kind: regex\n        pattern: '\\bJapan", 1
        )
    )
    from aukus_check.extractors import REGISTRY

    assert str(error) == (
        "rules/test.yaml:13:15: field 'japan.status': unknown extractor kind 'regex'; "
        f"expected one of: {', '.join(sorted(REGISTRY))}"
    )


def test_unknown_key_inside_an_extractor_names_the_extractor_keys() -> None:
    error = error_of(
        VALID.replace("        value: supportive", "        value: supportive\n        valeu: x")
    )
    assert str(error).startswith(
        "rules/test.yaml:27:9: field 'stance.{key}': unknown key 'valeu' (did you mean 'value'?); "
        "expected one of: name, examples, context, unless, unless_before, unless_after, kind, pattern, value"
    )


def test_invalid_regex_is_reported_at_the_pattern() -> None:
    error = error_of(VALID.replace("(?P<value>joined|was considered)", "(?P<value>joined|was considered"))
    assert str(error).startswith("rules/test.yaml:14:18: field 'japan.status': invalid pattern: missing ):")


def test_lookaround_gets_a_hint_about_re2() -> None:
    error = error_of(VALID.replace("'{aliases} (?:welcomed|supports)'", "'{aliases}(?= welcomed)'"))
    assert "invalid pattern" in str(error)
    assert "RE2 has no lookaround or backreferences" in str(error)


def test_placeholder_outside_a_family_is_an_error() -> None:
    error = error_of(VALID.replace("'\\bJapan (?P<value>", "'{aliases} (?P<value>"))
    assert str(error).startswith(
        "rules/test.yaml:14:18: field 'japan.status': {aliases} is only defined in a keyed family"
    )


def test_map_needs_a_value_group() -> None:
    error = error_of(VALID.replace("(?P<value>joined|was considered)", "(joined|was considered)"))
    assert "the pattern has no named group 'value'" in str(error)
    assert error.location is not None and error.location.line == 15


def test_value_and_map_are_exclusive() -> None:
    error = error_of(
        VALID.replace(
            "        map: {joined: joined, was considered: considered}",
            "        map: {joined: joined}\n        value: joined",
        )
    )
    assert "exactly one of 'value' or 'map'" in str(error)


def test_compatible_values_must_be_in_the_vocabulary() -> None:
    error = error_of(VALID.replace("- [considered, joined]", "- [considered, joinde]"))
    assert str(error) == (
        "rules/test.yaml:11:24: field 'japan.status': compatible value 'joinde' is not in the vocabulary "
        "(considered, joined)"
    )


def test_duplicate_field_ids_are_rejected() -> None:
    twice = VALID + VALID.split("fields:\n", 1)[1].split("  - id: stance", 1)[0]
    error = error_of(twice)
    assert "field 'japan.status' is declared twice (first at rules/test.yaml:5:9)" in str(error)


def test_family_id_needs_key_placeholder() -> None:
    error = error_of(VALID.replace("id: stance.{key}", "id: stance.actor"))
    assert "a family id must contain {key}" in str(error)


def test_field_id_must_be_dotted_snake_case() -> None:
    error = error_of(VALID.replace("id: japan.status", "id: Japan Status"))
    assert str(error).startswith("rules/test.yaml:5:9: field id 'Japan Status' is not dotted snake_case")


def test_vocabulary_values_must_be_snake_case() -> None:
    error = error_of(VALID.replace("vocabulary: [considered, joined]", "vocabulary: [considered, Joined In]"))
    assert "vocabulary value 'Joined In' is not snake_case" in str(error)


def test_unsupported_schema_version() -> None:
    error = error_of(VALID.replace("schema_version: 1", "schema_version: 2"))
    assert str(error) == "rules/test.yaml:1:17: unsupported schema_version 2; this aukus-check reads 1"


def test_version_must_be_quoted_text() -> None:
    error = error_of(VALID.replace('version: "1.0"', "version: 1.0"))
    assert (
        str(error)
        == "rules/test.yaml:2:10: 'version' must be text, got float 1.0 (quote it, e.g. version: \"1.0\")"
    )


def test_yaml_syntax_error_has_a_location() -> None:
    error = error_of("schema_version: 1\nfields: [\n  - id: x\n")
    assert str(error).startswith("rules/test.yaml:3:")
    assert "invalid YAML" in str(error)


def test_duplicate_yaml_keys_are_rejected() -> None:
    error = error_of("schema_version: 1\nschema_version: 1\n")
    assert "invalid YAML" in str(error)
    assert error.location is not None and error.location.line == 2


def test_yaml_12_keeps_no_and_yes_as_text() -> None:
    rules = parse_rules(
        VALID.replace("[considered, joined]", "[yes, no]")
        .replace("- [yes, no]", "- [yes, no]")
        .replace("{joined: joined, was considered: considered}", "{joined: yes, was considered: no}")
        .replace("- [considered, joined]", "- [yes, no]"),
        "rules/test.yaml",
    )
    assert rules.field("japan.status").vocabulary == ("yes", "no")


def test_a_document_that_is_not_a_mapping() -> None:
    error = error_of("- just\n- a list\n")
    assert str(error).startswith("rules/test.yaml:1:1: a rules file must be a mapping")


def test_catastrophic_backtracking_pattern_is_linear_in_re2() -> None:
    """RE2 matches in linear time: the classic (a+)+$ cannot hang a run, even on a long line."""
    rules = parse_rules(
        VALID.replace("'\\bJapan (?P<value>joined|was considered)\\b'", "'(?P<value>(a+)+$)'").replace(
            "{joined: joined, was considered: considered}", "{aaa: joined}"
        ),
        "rules/test.yaml",
    )
    probe = next(p for p in rules.probes if p.field_id == "japan.status")
    assert probe.regex.search(b"a" * 200_000 + b"!") is None
    assert probe.regex.search(b"a" * 200_000) is not None


def test_rules_schema_is_generated_from_the_models() -> None:
    schema = rules_json_schema()
    assert schema["title"] == "aukus-check rules file"
    assert set(schema["required"]) == {"schema_version", "version", "title", "fields"}


def test_bundled_rules_compile() -> None:
    from aukus_check.rules import load_rules
    from tests.conftest import RULES

    rules = load_rules(RULES, "rules/aukus.yaml")
    assert {
        "japan.pillar2_status",
        "japan.pillar1_role",
        "japan.full_membership",
        "pillar1.scope",
        "pillar2.scope",
    } <= {f.id for f in rules.fields}
    assert {
        f"position.{actor}"
        for actor in ("china", "russia", "australia", "united_kingdom", "united_states", "japan")
    } <= {f.id for f in rules.fields}


def test_a_rules_file_with_several_faults_reports_each_in_one_run(cli, tmp_path) -> None:
    # Three fields, three faults: an unknown key, a misspelt key, an unknown type. One run
    # names all three, in file order, each at its place; exit 2.
    text = """\
schema_version: 1
version: "test"
title: Faults
fields:
  - id: a.one
    label: One
    type: enum
    vocabulary: [x]
    extractors:
      - kind: lexicon
        terms: {x: [ex]}
        colour: red
  - id: a.two
    lable: Two
    type: enum
    vocabulary: [y]
    extractors:
      - kind: lexicon
        terms: {y: [why]}
  - id: a.three
    label: Three
    type: enume
    extractors: []
"""
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("rules", "test", "--rules", str(path))
    assert result.code == 2
    lines = result.stderr.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [f"{path}:12:9", f"{path}:14:5", f"{path}:22:11"]
    assert "unknown key 'colour'" in lines[0]
    assert "did you mean 'label'?" in lines[1]
    assert "'type' cannot be 'enume'" in lines[2]
    assert "Traceback" not in result.stderr


def test_every_field_with_a_compile_fault_is_reported_in_one_run() -> None:
    """A bad pattern, a value outside the vocabulary and a doubled id, in three fields: one run
    names all three, each at its own line, instead of one per round-trip."""
    text = textwrap.dedent(
        """\
        schema_version: 1
        version: "t"
        title: Faults
        fields:
          - id: harbour.status
            label: Status
            type: enum
            vocabulary: [open]
            extractors:
              - kind: pattern
                pattern: "(never closed"
                value: open
          - id: harbour.depth
            label: Depth
            type: enum
            vocabulary: [deep]
            extractors:
              - kind: pattern
                pattern: "shallow"
                value: shallow
          - id: harbour.status
            label: Status again
            type: enum
            vocabulary: [open]
            extractors:
              - kind: pattern
                pattern: "open"
                value: open
        """
    )
    with pytest.raises(RulesError) as caught:
        parse_rules(text, "faults.yaml")
    reported = [caught.value, *caught.value.also]
    assert [error.location.line for error in reported] == [11, 20, 21]
    assert "invalid pattern" in str(reported[0])
    assert "not in the vocabulary" in str(reported[1])
    assert "declared twice" in str(reported[2])
