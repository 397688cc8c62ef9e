"""Exit codes as numbers: CI scripts test `$?`, not the enum's names.

Written for the mutation run (tests/mutation/run.py): a renumbered code must fail here even
where every other test compares against `ExitCode.X` and would move with it.
"""

from __future__ import annotations

import pytest

from aukus_check.exit_codes import INTERRUPTED, ExitCode
from tests.gate_helpers import ARTICLE_A, ARTICLE_B, SOURCES, inside, write_project


def test_each_exit_code_has_its_documented_number() -> None:
    assert [(code.name, int(code)) for code in ExitCode] == [
        ("OK", 0),
        ("FINDINGS", 1),
        ("USAGE", 2),
        ("INTERNAL", 3),
    ]
    assert INTERRUPTED == 130 == 128 + 2


def test_a_clean_command_exits_0(cli) -> None:
    result = cli("--version")
    assert result.code == 0


def test_a_usage_error_exits_2(cli) -> None:
    assert cli("report", "--no-such-option").code == 2
    assert cli("report", "--corpus", "/no/such/directory/anywhere").code == 2


def test_unresolved_findings_exit_1_and_resolved_ones_0(cli, tmp_path) -> None:
    write_project(tmp_path, ledger=None, articles={"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
    with inside(tmp_path):
        assert cli("check", *SOURCES).code == 1
    resolved = tmp_path / "resolved"
    write_project(resolved)
    with inside(resolved):
        assert cli("check", *SOURCES).code == 0


def test_a_bug_exits_3(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import aukus_check.runner

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("planted")

    monkeypatch.setattr(aukus_check.runner, "run", broken)
    monkeypatch.delenv("AUKUS_CHECK_TRACEBACK", raising=False)
    assert cli("report").code == 3
