"""Atomic file writes: a reader sees the old file or the new one, never a partial write."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from aukus_check.errors import AukusError, Location


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes, display: str | None = None) -> None:
    """Write data to path through a temporary file in the same directory and a rename."""
    shown = display or str(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise AukusError(f"cannot write output: {error.strerror}", Location(shown)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        else:  # mkstemp creates 0600; a new file gets the mode the user's umask asks for
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise AukusError(f"cannot write output: {error.strerror}", Location(shown)) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
