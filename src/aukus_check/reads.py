"""Every file the tool reads goes through here: regular files only, bounded, never a hang.

- A file is opened without blocking and checked before a byte is read: a FIFO, a device or a
  directory named like a rules file or an article is refused (the user's own files) or skipped
  with a warning (a corpus's), never read (a FIFO would block, /dev/zero never ends).
- Reads are capped: a file larger than its cap is refused or skipped with a warning, so no input
  can exhaust memory or time (articles: MAX_ARTICLE_BYTES, overridable with the environment
  variable AUKUS_CHECK_MAX_ARTICLE_BYTES; rules, ledgers, readings and configuration files:
  MAX_CONFIG_BYTES, read by read_text).
- Inside a corpus, a symbolic link is followed only to a file inside the corpus directory: a
  link that leaves it (`leak.txt -> ~/.git-credentials`) is skipped with a warning naming the
  link, so a pull request cannot make the tool read, and print, a file outside the corpus.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from aukus_check.errors import AukusError, Location

MAX_ARTICLE_BYTES = 5_000_000
"""Default cap on one article's size: far above any news article, far below what could hurt."""
MAX_CONFIG_BYTES = 20_000_000
"""Cap on a rules file, a resolution ledger or a reading."""


class NotReadable(Exception):
    """Why a file was not read: its message is the reason, in words, for an error or a warning."""


def max_article_bytes() -> int:
    """The article size cap: the environment's AUKUS_CHECK_MAX_ARTICLE_BYTES, else the default."""
    value = os.environ.get("AUKUS_CHECK_MAX_ARTICLE_BYTES", "")
    try:
        return max(1, int(value)) if value.strip() else MAX_ARTICLE_BYTES
    except ValueError:
        return MAX_ARTICLE_BYTES


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; NotReadable says why not.

    FileNotFoundError and other OSErrors of opening or reading propagate, for the caller to name.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(path, flags)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable(f"is {_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise NotReadable(f"is larger than {limit:,} bytes")
        chunks = []
        total = 0
        while chunk := os.read(handle, 1 << 20):
            total += len(chunk)
            if total > limit:  # grew while being read
                raise NotReadable(f"is larger than {limit:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def inside(root: Path, path: Path) -> bool:
    """Whether path, links resolved, lies inside root (links resolved too)."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))
    except (OSError, ValueError):
        return False


def read_text(
    path: Path, display: str, what: str, error: type[AukusError], *, missing_ok: bool = False
) -> str | None:
    """The UTF-8 text of a file the user names (rules, ledger, reading, configuration): a
    regular file of at most MAX_CONFIG_BYTES. Anything else is `error` at `display`, its
    message naming `what` the file is ("rules file"); a missing file is None if `missing_ok`."""
    try:
        data = read_regular(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        if missing_ok:
            return None
        raise error(f"{what} does not exist", Location(display)) from None
    except IsADirectoryError:
        raise error(f"{what} is a directory, not a file", Location(display)) from None
    except NotReadable as why:
        raise error(f"{what} {why}", Location(display)) from None
    except OSError as failure:
        raise error(f"cannot read {what}: {failure.strerror}", Location(display)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as failure:
        raise error(f"{what} is not UTF-8 (byte 0x{data[failure.start]:02X})", Location(display)) from None
