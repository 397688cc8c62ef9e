"""Exit codes when the streams fail: a closed, broken or full stdout, a closed stderr, Ctrl-C.

Run as real processes (the console entry point through `python -m aukus_check`), because a
stream's failure is the process's business: 2 for an output that could not be written, never
1 (the gate's findings) or 3 (a bug), and never a traceback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX streams")
COMMAND = [sys.executable, "-m", "aukus_check"]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "120"}


def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*COMMAND, *args], env=env(), capture_output=True, timeout=120, **kwargs)  # type: ignore[call-overload]


@posix_only
@pytest.mark.parametrize("command", [["report"], ["check", "--corpus", str(SEEDS)], ["--version"]])
def test_a_closed_stdout_is_exit_2_with_one_line(command: list[str]) -> None:
    done = subprocess.run(
        [*COMMAND, *command],
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=120,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"<stdout>: stdout is closed" in done.stderr


@posix_only
@pytest.mark.parametrize("command", [["report"], ["check", "--corpus", str(SEEDS)], ["rules", "test"]])
def test_a_closed_stderr_changes_no_exit_code(command: list[str]) -> None:
    done = subprocess.run(
        [*COMMAND, *command],
        env=env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        timeout=120,
        preexec_fn=lambda: os.close(2),
    )
    assert done.returncode == 0
    assert done.stdout


@posix_only
def test_a_reader_that_closes_the_pipe_is_exit_2_not_findings() -> None:
    reader = subprocess.Popen(
        [*COMMAND, "report", "--format", "json"], env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert reader.stdout is not None
    reader.stdout.close()  # like `| head` that has seen enough before anything was written
    _, err = reader.communicate(timeout=120)
    assert reader.returncode == 2, err
    assert b"Traceback" not in err
    assert b"<stdout>: cannot write: the reader closed the pipe" in err


@posix_only
def test_a_full_stdout_is_exit_2() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [*COMMAND, "report"], env=env(), stdout=full, stderr=subprocess.PIPE, timeout=120
        )
    assert done.returncode == 2
    assert b"no space left on the device" in done.stderr and b"Traceback" not in done.stderr


@posix_only
def test_resolve_says_the_decision_was_recorded_when_stdout_is_broken(tmp_path: Path) -> None:
    from tests.gate_helpers import write_project

    project = write_project(tmp_path / "p", ledger=None)
    args = [
        *COMMAND,
        "resolve",
        "mission.status",
        "--accept",
        "launched",
        "--note",
        "read",
        "--by",
        "T",
        "--date",
        "2024-06-01",
        "--corpus",
        "corpus",
        "--rules",
        "rules/rules.yaml",
    ]
    done = subprocess.run(
        args,
        env=env(),
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=120,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 2
    assert b"the decision was recorded in rules/resolutions.yaml" in done.stderr
    assert "mission.status" in (project / "rules" / "resolutions.yaml").read_text(encoding="utf-8")


@posix_only
@pytest.mark.parametrize("delay", [0.05, 0.2, 0.5])
def test_ctrl_c_at_any_instant_is_exit_130_without_a_traceback(delay: float) -> None:
    process = subprocess.Popen(
        [*COMMAND, "report"], env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip("the run finished before the signal")
    assert process.returncode == 130, err
    assert b"Traceback" not in err


def test_jobs_never_exceed_the_cpus() -> None:
    from aukus_check.runner import choose_workers

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    assert choose_workers(10_000, 3000) == usable
    assert choose_workers(3, 3000) == min(3, usable)
    assert choose_workers(10_000, 1) == 1
