"""tests/mutation/run.py's own logic: tallies, kill rate, the survivors file, the verdict.

No test runs mutmut (a run takes hours); these feed the script what mutmut leaves in mutants/.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO

_SPEC = importlib.util.spec_from_file_location("mutation_run", REPO / "tests" / "mutation" / "run.py")
assert _SPEC is not None and _SPEC.loader is not None
run = importlib.util.module_from_spec(_SPEC)
sys.modules["mutation_run"] = run
_SPEC.loader.exec_module(run)


def meta(**codes: int | None) -> dict[str, object]:
    return {"exit_code_by_key": dict(codes), "durations_by_key": {}, "estimated_durations_by_key": {}}


def test_exit_codes_map_to_mutmuts_statuses() -> None:
    assert [run.status_of(code) for code in (1, 3, 0, 33, 5, 36, -24, 152, None, 34, 99)] == [
        "killed",
        "killed",
        "survived",
        "no tests",
        "no tests",
        "timeout",
        "timeout",
        "timeout",
        "not checked",
        "skipped",
        "suspicious",
    ]


def test_tally_counts_each_status_and_the_rate_is_killed_and_timeouts_over_all() -> None:
    tallies = run.tally_from_meta(
        {
            "gate.py": meta(a=1, b=1, c=1, d=36, e=0, f=33, g=35, h=1),
            "compare.py": meta(x=1, y=0),
            "compare_time.py": meta(z=1),
            "render/table.py": meta(ignored=0),
        }
    )
    gate = tallies["gate"]
    assert (gate.total, gate.killed, gate.timeout, gate.survived, gate.no_tests, gate.other) == (
        8,
        4,
        1,
        1,
        1,
        1,
    )
    assert gate.rate == 5 / 8
    assert gate.survivors() == ["e"]
    compare = tallies["compare"]  # compare, compare_sweep and compare_time are one module
    assert (compare.total, compare.killed, compare.survivors()) == (3, 2, ["y"])
    assert tallies["ledger"].rate is None and not tallies["ledger"].was_run
    assert "ignored" not in {name for t in tallies.values() for name in t.statuses}


def test_a_module_whose_mutants_were_never_checked_was_not_run() -> None:
    tallies = run.tally_from_meta({"ledger.py": meta(a=None, b=None)})
    assert not tallies["ledger"].was_run
    assert "not run" in run.table([tallies["ledger"]])


def test_a_run_cut_short_shows_its_rate_so_far_and_fails() -> None:
    tallies = run.tally_from_meta({"compare.py": meta(a=1, b=1, c=0, d=None)})
    assert tallies["compare"].checked_rate == 2 / 3 and tallies["compare"].rate == 2 / 4
    assert "66.7% of 3 checked" in run.table([tallies["compare"]])
    assert run.verdict(tallies, ["compare"], run.Check(listed=["c"])) == [
        "compare: 1 mutants not checked (the run was cut short)"
    ]


def test_a_module_with_no_function_has_no_mutants_and_says_so() -> None:
    tallies = run.tally_from_meta({"exit_codes.py": meta()})
    assert tallies["exit_codes"].total == 0 and tallies["exit_codes"].rate is None
    assert "no function to mutate" in run.table([tallies["exit_codes"]])
    assert run.verdict(tallies, ["exit_codes"], run.Check()) == []


def test_mutant_globs_cover_every_file_of_a_module() -> None:
    assert run.mutant_globs("compare") == [
        "aukus_check.compare.*",
        "aukus_check.compare_sweep.*",
        "aukus_check.compare_time.*",
    ]
    assert run.mutant_globs("date") == ["aukus_check.extractors.date.*"]


def test_every_core_file_is_mutated_and_nothing_else() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    core = {f"src/aukus_check/{path}" for files in run.MODULES.values() for path in files}
    assert set(config["only_mutate"]) == core
    assert all((REPO / path).is_file() for path in core)
    for test_file in config["pytest_add_cli_args_test_selection"]:
        assert (REPO / test_file).is_file(), test_file


def test_one_line_diff_keeps_the_changed_lines_only() -> None:
    diff = (
        "# aukus_check.gate.x_is_conflict__mutmut_2: survived\n"
        "--- src/aukus_check/gate.py\n+++ src/aukus_check/gate.py\n@@ -1,3 +1,3 @@\n"
        " def is_conflict(pair):\n"
        '-    return pair.kind in ("conflict", "against_record")\n'
        '+    return pair.kind not in ("conflict", "against_record")\n'
    )
    assert run.one_line_diff(diff) == (
        '- return pair.kind in ("conflict", "against_record")  '
        '+ return pair.kind not in ("conflict", "against_record")'
    )


ENTRY = {
    "module": "gate",
    "mutant": "aukus_check.gate.x_f__mutmut_1",
    "diff": "- a  + b",
    "reason": "equivalent: x",
}


def test_the_survivors_file_is_validated() -> None:
    assert run.parse_survivors(None) == []
    assert run.parse_survivors({"survivors": [ENTRY]}) == [run.Listed(**ENTRY)]
    bad = [
        ({"survivors": [ENTRY, ENTRY]}, "listed twice"),
        ({"survivors": [{**ENTRY, "reason": " "}]}, "reason must be non-empty"),
        ({"survivors": [{**ENTRY, "module": "cli"}]}, "unknown module 'cli'"),
        ({"survivors": [{k: v for k, v in ENTRY.items() if k != "diff"}]}, "needs exactly"),
        ({"others": []}, "one key"),
        ({"survivors": {"a": 1}}, "must be a list"),
    ]
    for data, message in bad:
        with pytest.raises(ValueError, match=message):
            run.parse_survivors(data)


def test_the_committed_survivors_file_is_valid_and_lists_each_mutant_of_its_module() -> None:
    for entry in run.load_survivors():
        assert any(entry.mutant.startswith(glob[:-1]) for glob in run.mutant_globs(entry.module)), (
            entry.mutant
        )


def test_survivors_match_by_name_then_by_diff_and_stale_entries_are_found() -> None:
    tallies = run.tally_from_meta(
        {
            "gate.py": meta(
                **{
                    "aukus_check.gate.x_f__mutmut_1": 0,
                    "aukus_check.gate.x_f__mutmut_7": 0,
                    "aukus_check.gate.x_g__mutmut_2": 0,
                    "aukus_check.gate.x_h__mutmut_1": 1,
                }
            )
        }
    )
    entries = [
        run.Listed("gate", "aukus_check.gate.x_f__mutmut_1", "- a  + b", "equivalent"),
        run.Listed("gate", "aukus_check.gate.x_f__mutmut_3", "- c  + d", "renumbered since"),
        run.Listed("gate", "aukus_check.gate.x_h__mutmut_1", "- e  + f", "now killed"),
    ]
    diffs = {"aukus_check.gate.x_f__mutmut_7": "- c  + d", "aukus_check.gate.x_g__mutmut_2": "- g  + h"}
    check = run.check_survivors(tallies, entries, diffs)
    assert check.listed == ["aukus_check.gate.x_f__mutmut_1"]
    assert check.renumbered == {"aukus_check.gate.x_f__mutmut_7": "aukus_check.gate.x_f__mutmut_3"}
    assert check.unlisted == ["aukus_check.gate.x_g__mutmut_2"]
    assert [e.mutant for e in check.stale] == ["aukus_check.gate.x_h__mutmut_1"]


def test_the_verdict_fails_below_85_percent_or_on_an_unlisted_survivor() -> None:
    passing = run.tally_from_meta({"gate.py": meta(**{f"k{i}": 1 for i in range(17)}, s1=0, s2=0, s3=0)})
    assert passing["gate"].rate == 0.85
    assert run.verdict(passing, ["gate"], run.Check(listed=["s1", "s2", "s3"])) == []
    failing = run.tally_from_meta(
        {"gate.py": meta(**{f"k{i}": 1 for i in range(16)}, s1=0, s2=0, s3=0, s4=0)}
    )
    assert run.verdict(failing, ["gate"], run.Check(listed=["s1", "s2", "s3", "s4"])) == [
        "gate: kill rate 80.0% is below 85.0%"
    ]
    assert run.verdict(passing, ["gate"], run.Check(unlisted=["s9"])) == [
        "survivor not in survivors.yaml: s9"
    ]
    assert run.verdict(passing, ["ledger"], run.Check()) == []  # a module not run is not judged


def test_report_only_reads_the_results_mutmut_left(tmp_path: Path, monkeypatch, capsys) -> None:
    meta_dir = tmp_path / "mutants" / "src" / "aukus_check"
    meta_dir.mkdir(parents=True)
    (meta_dir / "safe_text.py.meta").write_text(json.dumps(meta(a=1, b=1, c=36)), "utf-8")
    monkeypatch.setattr(run, "REPO", tmp_path)
    monkeypatch.setattr(run, "SURVIVORS", tmp_path / "none.yaml")
    assert run.main(["--report-only", "--module", "safe_text", "--module", "gate"]) == 0
    out = capsys.readouterr().out
    rows = {
        line.split()[0]: line.split()[1:] for line in out.splitlines() if line.startswith(("safe", "gate"))
    }
    assert rows == {"safe_text": ["3", "2", "0", "1", "0", "0", "100.0%"], "gate": ["-", "not", "run"]}
