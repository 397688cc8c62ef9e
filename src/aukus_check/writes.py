"""Every file the tool writes goes through here: the report's `-o FILE` and the ledger.

What a path is decides how it is written, and nothing the user has is ever lost:

- a regular file (or nothing yet): replaced atomically, through a temporary file in the same
  directory and a rename, so a reader sees the old file or the new one, never a partial write;
  an existing file keeps its mode, and a read-only one (no write bit, or not writable by the
  user) is refused, never replaced;
- a symbolic link: written through to the file it points to (replaced atomically there), so
  the link stays and its target gets the content; a link that points nowhere is refused;
- a character device (`/dev/null`, `/dev/stdout`, a terminal): written into, never replaced;
  a full device (`/dev/full`) is an error;
- a FIFO: written into if a reader is there, refused at once if none is (never a hang);
- anything else (a directory, a socket, a block device): refused.

Every failure is a WriteError naming the path: the CLI prints one line and exits 2.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from aukus_check.errors import AukusError, Location


class WriteError(AukusError):
    """A file could not be written, or may not be replaced."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def reason(error: OSError) -> str:
    """A failed write in a reader's words."""
    if error.errno == errno.ENOSPC:
        return "no space left on the device"
    if error.errno == errno.EPIPE:
        return "the reader closed the pipe"
    return error.strerror or str(error)


def write_file(path: Path, data: bytes, display: str | None = None) -> None:
    """Write data to path as its kind of file demands (see the module docstring)."""
    shown = display or str(path)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        write_atomic(path, data, shown)
        return
    except OSError as error:
        raise WriteError(f"cannot write: {reason(error)}", Location(shown)) from None
    if stat.S_ISLNK(mode):
        target = Path(os.path.realpath(path))
        if not target.exists():
            raise WriteError(
                "is a symbolic link to a file that does not exist",
                Location(shown),
                hint="write to the path the link should point to, or remove the link",
            )
        write_file(target, data, f"{shown} (-> {target})")
        return
    if stat.S_ISREG(mode):
        if not (mode & 0o222 and os.access(path, os.W_OK)):  # the read-only bit holds for root too
            raise WriteError(
                "is read-only; it is left as it is", Location(shown), hint="make it writable first"
            )
        write_atomic(path, data, shown)
        return
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        _write_through(path, data, shown, fifo=stat.S_ISFIFO(mode))
        return
    kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
    raise WriteError(f"is {kind}; it is left as it is", Location(shown))


def _write_through(path: Path, data: bytes, shown: str, *, fifo: bool) -> None:
    """Write into a device or a FIFO without replacing it; a FIFO with no reader fails at once."""
    flags = os.O_WRONLY | (os.O_NONBLOCK if fifo else 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise WriteError("is a FIFO with no reader; nothing was written", Location(shown)) from None
        raise WriteError(f"cannot write: {reason(error)}", Location(shown)) from None
    try:
        if fifo:
            os.set_blocking(handle, True)  # a reader is there: wait for it, as a shell would
        view = memoryview(data)
        while view:
            written = os.write(handle, view)
            view = view[written:]
    except OSError as error:
        raise WriteError(f"cannot write: {reason(error)}", Location(shown)) from None
    finally:
        os.close(handle)


def write_atomic(path: Path, data: bytes, display: str | None = None) -> None:
    """Replace a regular file (or create it) through a temporary file in the same directory and a rename."""
    shown = display or str(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise WriteError(f"cannot write: {reason(error)}", Location(shown)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, stat.S_IMODE(os.stat(path).st_mode))
        else:  # mkstemp creates 0600; a new file gets the mode the user's umask asks for
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise WriteError(f"cannot write: {reason(error)}", Location(shown)) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
