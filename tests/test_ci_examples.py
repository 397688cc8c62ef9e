"""The example GitHub Actions workflow and the pre-commit hook: well-formed, and their commands work."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

WORKFLOW = REPO / "examples" / "github-workflow.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"


def steps() -> dict[str, dict]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    return {step.get("name", step.get("uses", "")): step for step in job["steps"]}


def test_workflow_runs_the_gate_and_uploads_sarif() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"]["security-events"] == "write"
    named = steps()
    assert named["actions/checkout@v4"]["with"]["fetch-depth"] == 0
    assert "--format sarif --output aukus-check.sarif" in named["SARIF for code scanning"]["run"]
    upload = named["Upload SARIF"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "aukus-check.sarif"
    assert "aukus-check check" in named["Gate"]["run"] and "--format github" in named["Gate"]["run"]
    assert "${{" not in named["Gate"]["run"]  # untrusted context values reach scripts via env only


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_example_workflow_is_the_one_init_writes() -> None:
    from aukus_check.project_init import WORKFLOW as WRITTEN

    assert WORKFLOW.read_text(encoding="utf-8") == WRITTEN


@pytest.mark.parametrize("seeds_resolved", [True, False])
def test_workflow_scripts_work_on_the_seeds(cli, tmp_path: Path, seeds_resolved: bool) -> None:
    """The SARIF and gate steps, run as the workflow runs them, in a project `init` made, with
    the seeds as its corpus: the steps name no corpus, the configuration does."""
    assert cli("init", str(tmp_path)).code == 0
    for article in (REPO / "seeds").glob("*.txt"):
        shutil.copy(article, tmp_path / "corpus")
    if seeds_resolved:
        shutil.copy(REPO / "rules" / "resolutions.yaml", tmp_path / "rules" / "resolutions.yaml")
    shim = f'aukus-check() {{ {shlex.quote(sys.executable)} -m aukus_check "$@"; }}\n'
    env = {**os.environ, "BASE_REF": "", "PYTHONPATH": str(REPO / "src")}
    named = steps()
    outcomes = {}
    for name in ("SARIF for code scanning", "Gate"):
        script = shim + named[name]["run"]
        done = subprocess.run(
            ["bash", "-e", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        outcomes[name] = done
    assert outcomes["SARIF for code scanning"].returncode == 0, outcomes["SARIF for code scanning"].stderr
    results = json.loads((tmp_path / "aukus-check.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    gate = outcomes["Gate"]
    if seeds_resolved:
        assert results == [] and gate.returncode == 0 and gate.stdout == ""
    else:
        assert len(results) == 3 and gate.returncode == 1
        assert gate.stdout.startswith("::error file=corpus/")


def test_pre_commit_hook_runs_the_gate_once() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "aukus-check"
    assert hook["entry"] == "aukus-check check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
