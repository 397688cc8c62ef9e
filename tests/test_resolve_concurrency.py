"""`resolve` under concurrency and interruption: two writers lose nothing, a killed writer
leaves the old ledger whole.

Each writer is a real process running the CLI through a small driver script that widens or
cuts the critical section (read the ledger, edit, write) at a chosen point, so the race and
the crash happen every time rather than by luck.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from aukus_check.ledger import parse_ledger
from tests.conftest import REPO
from tests.gate_helpers import ARTICLE_A, ARTICLE_B, LEDGER_YAML, SOURCES, write_project

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals and fork-free process start as on POSIX")

SITE_ARTICLE = "Site\n\nThe crew used the southern site.\n"

# Inside the critical section, each writer announces itself and waits (up to a limit) for the
# other. With the lock, the second cannot enter until the first has written, so the first
# waits in vain; without it, both read the same old ledger and the last write wins.
RACE_DRIVER = textwrap.dedent(
    """\
    import sys, time
    from pathlib import Path
    import aukus_check.ledger as ledger

    me, other, unlocked = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "unlocked"
    original = ledger._round_trip

    def rendezvous(text):
        me.touch()
        deadline = time.monotonic() + 4
        while not other.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        return original(text)

    ledger._round_trip = rendezvous
    if unlocked:
        import contextlib, filelock
        filelock.FileLock = lambda *args, **kwargs: contextlib.nullcontext()
    from aukus_check.cli import run_cli
    sys.exit(run_cli(sys.argv[4:]))
    """
)

# Dies by SIGKILL part-way through writing the temporary file, or just before the rename.
CRASH_DRIVER = textwrap.dedent(
    """\
    import os, signal, sys
    import aukus_check.writes as atomic

    where = sys.argv[1]
    if where == "mid-write":
        real_fdopen = os.fdopen

        def fdopen(fd, *args, **kwargs):
            stream = real_fdopen(fd, *args, **kwargs)
            real_write = stream.write

            def write(data):
                real_write(data[: len(data) // 2])
                stream.flush()
                os.kill(os.getpid(), signal.SIGKILL)

            stream.write = write
            return stream

        atomic.os.fdopen = fdopen
    else:
        def replace(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGKILL)

        atomic.os.replace = replace
    from aukus_check.cli import run_cli
    sys.exit(run_cli(sys.argv[2:]))
    """
)


def env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]),
    }


def resolve_args(field: str) -> list[str]:
    decision = (
        ["--accept", "launched"] if field == "mission.status" else ["--compatible", "--reason", "scope"]
    )
    return [
        "resolve",
        field,
        *decision,
        "--note",
        f"decided {field}",
        "--by",
        "T",
        "--date",
        "2024-06-05",
        *SOURCES,
    ]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    # Two undecided conflicts, one per field, so the two writers add two different entries.
    return write_project(
        tmp_path / "p",
        ledger="# Shared ledger.\nversion: 1\nresolutions: []\n",
        articles={"a.txt": ARTICLE_A, "b.txt": ARTICLE_B, "d.txt": SITE_ARTICLE},
    )


def race(project: Path, tmp_path: Path, mode: str) -> list[subprocess.CompletedProcess[str]]:
    driver = tmp_path / "race.py"
    driver.write_text(RACE_DRIVER, encoding="utf-8")
    marks = [tmp_path / "one.mark", tmp_path / "two.mark"]
    fields = ["mission.status", "mission.site"]
    processes = [
        subprocess.Popen(
            [sys.executable, str(driver), str(marks[i]), str(marks[1 - i]), mode, *resolve_args(fields[i])],
            cwd=project,
            env=env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(2)
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return results


def fields_of(project: Path) -> list[str]:
    from tests.test_ledger import FIELDS

    text = (project / "rules" / "resolutions.yaml").read_text(encoding="utf-8")
    return sorted(entry.field for entry in parse_ledger(text, "res.yaml", FIELDS).entries)


def test_two_concurrent_resolves_both_land(project: Path, tmp_path: Path) -> None:
    results = race(project, tmp_path, "locked")
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert fields_of(project) == ["mission.site", "mission.status"]
    assert (
        (project / "rules" / "resolutions.yaml").read_text(encoding="utf-8").startswith("# Shared ledger.\n")
    )


def test_without_the_lock_the_same_race_loses_an_entry(project: Path, tmp_path: Path) -> None:
    """The control: the race above is real, so only the lock can explain that nothing was lost."""
    results = race(project, tmp_path, "unlocked")
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert len(fields_of(project)) == 1


@pytest.mark.parametrize("where", ["mid-write", "before-rename"])
def test_a_writer_killed_midway_leaves_the_old_ledger_whole(
    project: Path, tmp_path: Path, where: str
) -> None:
    ledger = project / "rules" / "resolutions.yaml"
    ledger.write_text(LEDGER_YAML, encoding="utf-8")
    before = ledger.read_bytes()
    driver = tmp_path / "crash.py"
    driver.write_text(CRASH_DRIVER, encoding="utf-8")
    killed = subprocess.run(
        # --no-cache: the driver breaks every atomic write of the process, and the cache's would
        # come first; this test is about the ledger's.
        [sys.executable, str(driver), where, *resolve_args("mission.site"), "--no-cache"],
        cwd=project,
        env=env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert ledger.read_bytes() == before  # the old ledger, whole
    leftovers = [p.name for p in ledger.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1 and leftovers[0].startswith(".resolutions.yaml.")  # hidden, never read
    # The dead writer's lock died with it: the next resolve goes through, and the gate reads
    # the ledger as before.
    again = subprocess.run(
        [sys.executable, "-m", "aukus_check", *resolve_args("mission.site")],
        cwd=project,
        env=env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert fields_of(project) == ["mission.site", "mission.status"]
