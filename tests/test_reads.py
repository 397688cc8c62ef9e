"""What the tool reads: regular files only, never outside the corpus, never a hang, no silent skip.

Each case goes through the CLI. A FIFO would block a reader forever and /dev/zero never ends:
every such test would hang (and time out) if the tool read them.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from aukus_check.exit_codes import ExitCode
from tests.gate_helpers import ARTICLE_A, RULES_YAML

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file kinds")
SECRET = "password=hunter2-do-not-print"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(RULES_YAML, encoding="utf-8")
    return root


def report(cli, corpus: Path, *extra: str):
    return cli("report", "--corpus", str(corpus), "--rules", str(corpus.parent / "rules.yaml"), *extra)


@posix_only
def test_a_fifo_named_like_an_article_is_named_and_not_read(cli, corpus: Path) -> None:
    os.mkfifo(corpus / "b.txt")
    result = report(cli, corpus)
    assert result.code == ExitCode.OK
    assert "b.txt: warning: is not a regular file" in result.stderr


@posix_only
def test_a_link_that_leaves_the_corpus_is_not_read_and_its_target_never_printed(
    cli, corpus: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "credentials"
    secret.write_text(SECRET + "\nmore\n", encoding="utf-8")
    (corpus / "leak.txt").symlink_to(secret)
    for output in ("table", "json"):
        result = report(cli, corpus, "--format", output)
        assert result.code == ExitCode.OK
        assert "leak.txt: warning: is a symbolic link that leaves the corpus; not read" in result.stderr
        assert SECRET not in result.stdout and SECRET not in result.stderr
    exported = cli("export", "--corpus", str(corpus), "--rules", str(corpus.parent / "rules.yaml"))
    assert SECRET not in exported.stdout


@posix_only
def test_a_link_inside_the_corpus_is_read(cli, corpus: Path) -> None:
    (corpus / "sub").mkdir()
    (corpus / "sub" / "c.txt").write_text("Third\n\nThe mission was cancelled.\n", encoding="utf-8")
    (corpus / "c-link.txt").symlink_to(corpus / "sub" / "c.txt")
    result = report(cli, corpus, "--format", "json")
    ids = [a["id"] for a in json.loads(result.stdout)["articles"]]
    assert "c-link" in ids and "c" in ids


@posix_only
def test_a_linked_directory_is_named_and_not_followed(cli, corpus: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.txt").write_text("X\n\nThe mission was planned.\n", encoding="utf-8")
    (corpus / "more").symlink_to(outside, target_is_directory=True)
    result = report(cli, corpus, "--format", "json")
    assert "more: warning: is a symbolic link to a directory; not followed" in result.stderr
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["a"]


@posix_only
def test_an_unreadable_directory_stops_the_run(cli, corpus: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any directory")
    locked = corpus / "locked"
    locked.mkdir()
    (locked / "z.txt").write_text("Z\n\nThe mission was planned.\n", encoding="utf-8")
    locked.chmod(0)
    try:
        result = cli("check", "--corpus", str(corpus), "--rules", str(corpus.parent / "rules.yaml"))
    finally:
        locked.chmod(0o755)
    assert result.code == ExitCode.USAGE
    assert "cannot read directory" in result.stderr


def test_an_article_over_the_size_cap_is_named_and_skipped(
    cli, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (corpus / "big.txt").write_text("Big\n\n" + "The mission was planned. " * 100 + "\n", encoding="utf-8")
    monkeypatch.setenv("AUKUS_CHECK_MAX_ARTICLE_BYTES", "1000")
    result = report(cli, corpus, "--format", "json")
    assert result.code == ExitCode.OK
    assert "big.txt: warning: skipped: is larger than 1,000 bytes" in result.stderr
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["a"]


@posix_only
@pytest.mark.parametrize("option", ["--rules", "--resolutions"])
def test_a_fifo_or_device_given_as_a_file_is_exit_2_at_once(
    cli, corpus: Path, tmp_path: Path, option: str
) -> None:
    fifo = tmp_path / "input.yaml"
    os.mkfifo(fifo)
    args = ["check", "--corpus", str(corpus), "--rules", str(corpus.parent / "rules.yaml"), option, str(fifo)]
    result = cli(*args)
    assert result.code == ExitCode.USAGE
    assert "is a FIFO, not a regular file" in result.stderr
    if os.path.exists("/dev/zero"):
        zero = tmp_path / "zero.yaml"
        zero.symlink_to("/dev/zero")
        args[-1] = str(zero)
        result = cli(*args)
        assert result.code == ExitCode.USAGE
        assert "is a device, not a regular file" in result.stderr


@posix_only
def test_a_file_name_that_is_not_utf8_is_shown_escaped(cli, corpus: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    try:
        (corpus / name).write_text("Cafe\n\nThe mission was launched.\n", encoding="utf-8")
    except (UnicodeEncodeError, OSError):
        pytest.skip("the file system refuses the name")
    table = report(cli, corpus)
    assert table.code == ExitCode.OK, table.stderr
    assert "caf\\xe9" in table.stdout
    listed = json.loads(report(cli, corpus, "--format", "json").stdout)["articles"]
    assert "caf\\xe9" in [a["id"] for a in listed]
    assert cli("export", "--corpus", str(corpus), "--rules", str(corpus.parent / "rules.yaml")).code == 0


@posix_only
def test_a_directory_nested_past_the_path_limit_stops_the_run(cli, corpus: Path) -> None:
    # Its path is longer than the system allows (PATH_MAX, 4096 on Linux): it cannot be listed,
    # so the gate must not pass without it; it used to end in exit 3 (an OSError).
    name = "d" * 200
    descriptor = os.open(corpus, os.O_RDONLY)
    try:
        for _ in range(25):
            os.mkdir(name, dir_fd=descriptor)
            inner = os.open(name, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        article = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor)
        os.write(article, b"Deep\n\nThe mission was planned.\n")
        os.close(article)
    finally:
        os.close(descriptor)
    result = cli("check", "--corpus", str(corpus), "--rules", str(corpus.parent / "rules.yaml"))
    assert result.code == ExitCode.USAGE, result.stderr
    assert result.stderr.count("\n") == 1 and "cannot read directory: File name too long" in result.stderr
    assert "Traceback" not in result.stderr
