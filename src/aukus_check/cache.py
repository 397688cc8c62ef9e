"""The extraction cache: what one article contributes to a report, stored under a hash of
everything that decides it, so an unchanged article is never read twice.

An entry's key hashes the tool version (and its source code), the cache format, the rules
text, the settings that change reading (the article size cap, the page extractor's version),
the article's id and shown path (both appear in the report) and the article's bytes. A
change to any of them makes a different key: an edited rules file re-reads every article,
and an entry written by other code is never used. Entries are files named by their key
(`v1/ab/abcdef....json`): no database to lock, so two runs can share a directory. Each is
written to a temporary file and renamed into place, so a reader sees a whole entry or none.

An entry is never trusted: it opens with a SHA-256 of its payload, and the payload is
validated against the models when it is loaded. A corrupt or unreadable entry is reported
once and rebuilt. The directory is bounded: after a run that wrote entries, the least
recently used are removed until it is under its size cap.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from aukus_check import __version__
from aukus_check.corpus import ArticleSource
from aukus_check.models import ArticleInfo, Claim, Diagnostic, Frozen

CACHE_FORMAT = 1
"""Bumped when the entry layout changes; part of every key, and of the directory name."""
CACHE_DIR_NAME = ".aukus-check-cache"
"""The default cache directory, beside the corpus."""
DEFAULT_MAX_BYTES = 1 << 30
"""The size cap (1 GiB) unless AUKUS_CHECK_CACHE_MAX_BYTES says otherwise."""
_MAGIC = b"aukus-check-cache"
_ENTRY = re.compile(r"[0-9a-f]{64}\.json")
_SHARD = re.compile(r"[0-9a-f]{2}")


class CachedArticle(Frozen):
    """One article's contribution to a report, as the cache stores it."""

    info: ArticleInfo | None
    claims: tuple[tuple[str, Claim], ...]
    diagnostics: tuple[Diagnostic, ...]
    claim_sources: tuple[str | None, ...] = ()
    """The outlet each claim's sentence names as its source (sources.claim_sources)."""


def max_cache_bytes() -> int:
    """The cache's size cap: AUKUS_CHECK_CACHE_MAX_BYTES, else DEFAULT_MAX_BYTES."""
    value = os.environ.get("AUKUS_CHECK_CACHE_MAX_BYTES", "").strip()
    try:
        return max(0, int(value)) if value else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def _code_digest() -> str:
    """SHA-256 of the package's own source: an edited checkout (same version number) never
    reuses what older code extracted."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _page_reader_version() -> str:
    """The page extractor's version, from its metadata (without importing it)."""
    from importlib import metadata

    try:
        return metadata.version("trafilatura")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency, always installed
        return "none"


@dataclass
class ArticleCache:
    """A cache directory and the namespace of this run's rules and settings."""

    root: Path
    namespace: str
    warnings: list[str] = field(default_factory=list)
    """One line per entry that could not be used or stored (for stderr, never the report)."""
    stored: int = 0
    """Articles read and offered to the cache in this run (counted by the engine, across workers)."""
    unwritable: bool = False
    """A store has failed: the cache is not written to again in this process, nor warned of."""

    @classmethod
    def open(cls, root: Path, rules_digest: str, max_article_bytes: int) -> ArticleCache:
        """The cache at root for rules with this digest (nothing is created until a store)."""
        parts = (
            f"aukus-check {__version__}",
            f"code {_code_digest()}",
            f"format {CACHE_FORMAT}",
            f"rules {rules_digest}",
            f"max-article-bytes {max_article_bytes}",
            f"page-reader {_page_reader_version()}",
        )
        return cls(root, hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest())

    @property
    def entries(self) -> Path:
        """The directory that holds this format's entries."""
        return self.root / f"v{CACHE_FORMAT}"

    def key(self, source: ArticleSource, data: bytes) -> str:
        """The entry key of an article: its bytes, id and shown path under this namespace."""
        digest = hashlib.sha256(self.namespace.encode("ascii"))
        for part in (source.id, source.shown):
            encoded = part.encode("utf-8", "surrogateescape")
            digest.update(len(encoded).to_bytes(8, "big") + encoded)
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.entries / key[:2] / f"{key}.json"

    def load(self, key: str) -> CachedArticle | None:
        """The stored entry, or None when there is none or it cannot be trusted (warned once)."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):  # no entry (or no room for one) yet
            return None
        except OSError as error:
            self.warnings.append(f"{path}: cache entry cannot be read ({error.strerror}); rebuilt")
            return None
        header, _, payload = data.partition(b"\n")
        if header != _header(payload):
            self.warnings.append(f"{path}: cache entry is corrupt (checksum); rebuilt")
            return None
        try:
            entry = CachedArticle.model_validate_json(payload)
        except ValidationError:
            self.warnings.append(f"{path}: cache entry is corrupt (not a cached article); rebuilt")
            return None
        with contextlib.suppress(OSError):  # recently used: the cap removes the least recent first
            os.utime(path)
        return entry

    def store(self, key: str, entry: CachedArticle) -> None:
        """Write an entry atomically; a cache that cannot be written is warned of, never fatal."""
        if self.unwritable:
            return
        path = self._path(key)
        payload = entry.model_dump_json(exclude_computed_fields=True).encode("utf-8")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(_header(payload) + b"\n" + payload)
                os.replace(temporary, path)  # another run's identical entry may land first: same bytes
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            self.unwritable = True
            self.warnings.append(
                f"{self.root}: cannot write the cache ({error.strerror}); running without it"
            )


def _header(payload: bytes) -> bytes:
    """An entry's first line: the format and the SHA-256 of the payload that follows it."""
    return _MAGIC + b" %d " % CACHE_FORMAT + hashlib.sha256(payload).hexdigest().encode("ascii")


def entry_files(root: Path) -> list[tuple[Path, os.stat_result]]:
    """Every cache entry under root with its stat, skipping anything the cache did not name."""
    found: list[tuple[Path, os.stat_result]] = []
    entries = root / f"v{CACHE_FORMAT}"
    try:
        shards = [
            e for e in os.scandir(entries) if _SHARD.fullmatch(e.name) and e.is_dir(follow_symlinks=False)
        ]
    except OSError:
        return found
    for shard in shards:
        try:
            files = list(os.scandir(shard.path))
        except OSError:
            continue
        for item in files:
            if (_ENTRY.fullmatch(item.name) or item.name.startswith(".tmp-")) and item.is_file(
                follow_symlinks=False
            ):
                try:
                    found.append((Path(item.path), item.stat(follow_symlinks=False)))
                except OSError:
                    continue
    return found


def prune(root: Path, max_bytes: int) -> int:
    """Remove the least recently used entries until the cache is under max_bytes; how many."""
    found = entry_files(root)
    total = sum(stat.st_size for _, stat in found)
    removed = 0
    for path, stat in sorted(found, key=lambda item: (item[1].st_mtime_ns, item[0].name)):
        if total <= max_bytes:
            break
        try:
            path.unlink()
        except OSError:
            continue
        total -= stat.st_size
        removed += 1
    return removed


def clear(root: Path) -> tuple[int, int]:
    """Remove every entry (only files the cache named); the count and the bytes freed."""
    found = entry_files(root)
    removed = freed = 0
    for path, stat in found:
        try:
            path.unlink()
        except OSError:
            continue
        removed += 1
        freed += stat.st_size
    for directory in sorted({path.parent for path, _ in found}):
        with contextlib.suppress(OSError):  # only when empty: a file the cache did not write stays
            directory.rmdir()
    return removed, freed
