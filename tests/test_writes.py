"""What `-o FILE` and the ledger do to what a path already is: nothing the user has is lost.

Each case goes through the CLI as a user would meet it. /dev/null itself is only ever reached
through a link in the test's own directory, so a regression replaces the link, not the device.
"""

from __future__ import annotations

import os
import stat
import sys
import threading
import time
from pathlib import Path

import pytest

from aukus_check.exit_codes import ExitCode
from tests.conftest import SEEDS
from tests.gate_helpers import SOURCES, inside, write_project

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file kinds")


def report_to(cli, target: Path):
    return cli("report", "--corpus", str(SEEDS), "--format", "json", "-o", str(target))


def test_a_regular_file_is_replaced_and_keeps_its_mode(cli, tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert report_to(cli, target).code == ExitCode.OK
    assert target.read_text(encoding="utf-8").startswith("{")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@posix_only
def test_a_read_only_file_is_refused_and_left_whole(cli, tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o444)
    result = report_to(cli, target)
    assert result.code == ExitCode.USAGE
    assert "is read-only" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"


@posix_only
def test_a_link_is_written_through_to_its_target_and_stays_a_link(cli, tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert report_to(cli, link).code == ExitCode.OK
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("{")


@posix_only
def test_a_dangling_link_is_refused(cli, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "nowhere.json")
    result = report_to(cli, link)
    assert result.code == ExitCode.USAGE
    assert "symbolic link to a file that does not exist" in result.stderr
    assert link.is_symlink() and not (tmp_path / "nowhere.json").exists()


@posix_only
def test_a_device_is_written_into_never_replaced(cli, tmp_path: Path) -> None:
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    assert report_to(cli, link).code == ExitCode.OK
    assert link.is_symlink()
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@posix_only
def test_a_full_device_is_one_line_and_exit_2(cli, tmp_path: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    link = tmp_path / "full"
    link.symlink_to("/dev/full")
    result = report_to(cli, link)
    assert result.code == ExitCode.USAGE
    assert result.stderr.count("\n") == 1 and "no space left on the device" in result.stderr


@posix_only
def test_a_fifo_without_a_reader_is_refused_at_once(cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = report_to(cli, fifo)
    assert result.code == ExitCode.USAGE
    assert "FIFO with no reader" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@posix_only
def test_a_fifo_with_a_reader_gets_the_report(cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read)
    reader.start()
    time.sleep(0.3)  # the reader's open waits for a writer: let it start waiting
    result = report_to(cli, fifo)
    reader.join(timeout=10)
    assert result.code == ExitCode.OK, result.stderr
    assert received and received[0].startswith(b"{")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@posix_only
def test_a_linked_ledger_gets_the_entry_and_stays_a_link(cli, tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", ledger=None, articles=None)
    real = tmp_path / "ledger.yaml"
    real.write_text("version: 1\nresolutions: []\n", encoding="utf-8")
    link = project / "rules" / "resolutions.yaml"
    link.symlink_to(real)
    with inside(project):
        result = cli(
            "resolve",
            "mission.status",
            "--accept",
            "launched",
            "--note",
            "a read it",
            "--by",
            "T",
            "--date",
            "2024-06-01",
            *SOURCES,
        )
    assert result.code == ExitCode.OK, result.stderr
    assert link.is_symlink()
    assert "mission.status" in real.read_text(encoding="utf-8")
