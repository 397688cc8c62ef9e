"""The README's promises: a two-command Quick start, and CI running exactly its test command."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)]


def test_quick_start_is_exactly_two_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    assert commands[0].endswith("pip install . && aukus-check report")
    assert commands[1].endswith("pip install '.[test]' && pytest")


def test_ci_runs_the_quick_start_test_command_in_a_fresh_venv() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install '.[test]' && pytest" in ci
    assert "rm -rf .ci/venv" in ci and "-m venv .ci/venv" in ci
    assert "CI=true" in ci
    assert '"$status" -eq 5' in ci  # no tests collected is a failure, not a pass


def test_readme_report_excerpt_is_the_real_output(cli) -> None:
    """The README shows the report of the bundled seeds as it is, not as it once was."""
    excerpt = README.split("(a terminal 170 columns wide;", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    output = cli("report", columns=170).stdout.splitlines()
    head, tail = excerpt.split("...\n")
    assert output[: len(head.splitlines())] == head.splitlines()
    assert output[-len(tail.splitlines()) :] == tail.splitlines()


def test_readme_field_excerpt_lines_are_real_output(cli) -> None:
    excerpt = README.split("shows every value with its quote (excerpt):", 1)[1].split("```text\n", 1)[1]
    excerpt = excerpt.split("```", 1)[0]
    output = cli("report", "--field", "japan.pillar2_status", columns=110).stdout.splitlines()
    for line in excerpt.splitlines():
        if line.strip() != "...":
            assert line in output, line


def test_readme_check_excerpt_on_the_seeds_is_the_real_output(cli) -> None:
    excerpt = README.split("(`rules/resolutions.yaml`),\nthe gate passes:", 1)[1].split("```text\n", 1)[1]
    excerpt = excerpt.split("```", 1)[0]
    result = cli("check", "--corpus", "seeds", columns=170)
    assert result.code == 0
    assert result.stdout == excerpt


def test_readme_unresolved_excerpt_lines_are_real_output(cli, tmp_path) -> None:
    from tests.gate_helpers import ARTICLE_C, SOURCES, inside, write_project

    excerpt = README.split("(an excerpt, from the test suite's corpus):", 1)[1].split("```text\n", 1)[1]
    excerpt = excerpt.split("```", 1)[0]
    project = write_project(tmp_path / "p")
    (project / "corpus" / "c.txt").write_text(ARTICLE_C, encoding="utf-8")
    with inside(project):
        output = cli("check", *SOURCES, columns=170).stdout.splitlines()
    for line in excerpt.splitlines():
        assert line in output, line


def test_readme_ci_excerpt_is_the_example_workflow() -> None:
    excerpt = README.split("[configuration](#configuration). Its core:", 1)[1]
    excerpt = excerpt.split("```yaml\n", 1)[1].split("```", 1)[0]
    workflow = (REPO / "examples" / "github-workflow.yml").read_text(encoding="utf-8")
    for line in excerpt.splitlines():
        assert line in workflow.splitlines(), line


def test_readme_briefing_excerpt_lines_are_real_output(cli) -> None:
    excerpt = README.split("From `aukus-check export` on the bundled seeds (excerpt):", 1)[1]
    excerpt = excerpt.split("```markdown\n", 1)[1].split("```", 1)[0]
    output = cli("export").stdout.splitlines()
    for line in excerpt.splitlines():
        if line.strip() != "...":
            assert line in output, line


def test_readme_rules_reference_is_generated_from_the_schema(update_golden: bool) -> None:
    from aukus_check.rules_reference import reference_markdown

    readme_path = REPO / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    start = readme.index("<!-- rules-reference:start -->\n") + len("<!-- rules-reference:start -->\n")
    end = readme.index("<!-- rules-reference:end -->")
    generated = reference_markdown()
    if update_golden:
        readme_path.write_text(readme[:start] + generated + readme[end:], encoding="utf-8")
        pytest.skip("README rules reference rewritten; review the diff before committing")
    assert readme[start:end] == generated, (
        "run pytest --update-golden (or `aukus-check rules schema --markdown`)"
    )
    for kind in ("pattern", "lexicon", "stance", "frame", "date", "quantity", "official", "published"):
        assert f"#### Extractor `kind: {kind}`" in generated
