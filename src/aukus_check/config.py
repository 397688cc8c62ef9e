"""Project configuration: `aukus-check.toml`, or `[tool.aukus-check]` in `pyproject.toml`.

Found like ruff's and mypy's: in the working directory or the nearest directory above it that
holds one (in each directory `aukus-check.toml` first, then a `pyproject.toml` with the table);
`--config FILE` names one instead. Paths in it are relative to the file. A command's own flag
always wins over the file, and the file over the built-in default.

    corpus = "corpus"                  # the articles the gate checks
    rules = "rules/aukus.yaml"
    resolutions = "rules/resolutions.yaml"
    cache-dir = ".aukus-check-cache"
    [format]                           # each command's default --format
    report = "table"
    check = "github"
    export = "markdown"
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from aukus_check.errors import AukusError, Location

CONFIG_FILE = "aukus-check.toml"
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "aukus-check")

PATH_KEYS = ("corpus", "rules", "resolutions", "cache-dir")
FORMAT_COMMANDS = ("report", "check", "export")


class ConfigError(AukusError):
    """The configuration file cannot be read, or holds a key or value the tool does not know."""


@dataclass(frozen=True)
class Config:
    """What a configuration file sets; None where it says nothing."""

    path: Path
    """The file it was read from."""
    display: str
    corpus: Path | None = None
    rules: Path | None = None
    resolutions: Path | None = None
    cache_dir: Path | None = None
    formats: Mapping[str, str] = field(default_factory=dict)
    """Command -> its default --format, as written (the CLI checks it against its formats)."""
    locations: Mapping[str, Location] = field(default_factory=dict)
    """Key ("corpus", "format.report") -> where the file sets it, for errors about its value."""

    def where(self, key: str) -> Location:
        """Where the file sets `key`, or the file itself."""
        return self.locations.get(key, Location(self.display))


def find_config(start: Path) -> Path | None:
    """The configuration file that governs `start` (a directory): its own or its nearest parent's."""
    for directory in (start, *start.parents):
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _declares_table(pyproject):
            return pyproject
    return None


def _declares_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml has a [tool.aukus-check] table (a cheap look at its text: a
    broken pyproject of another tool must not stop this one)."""
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return _TABLE_HEADER.search(text) is not None


_TABLE_HEADER = re.compile(r'(?m)^\s*\[\s*tool\s*\.\s*(?:"aukus-check"|aukus-check)\s*[\].]')


def load_config(path: Path, display: str | None = None) -> Config:
    """Read and check a configuration file (aukus-check.toml, or pyproject.toml's table)."""
    import tomllib

    from aukus_check.reads import read_text

    shown = display or str(path)
    text = read_text(path, shown, "configuration file", ConfigError)
    assert text is not None, "a missing configuration file is an error"
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"not valid TOML: {_toml_message(error)}", _toml_location(error, shown)) from None
    in_pyproject = path.name == PYPROJECT
    table: object = document
    header: str | None = None
    if in_pyproject:
        table = (
            document.get("tool", {}).get("aukus-check") if isinstance(document.get("tool"), dict) else None
        )
        header = "tool.aukus-check"
        if table is None:
            raise ConfigError(f"{PYPROJECT} has no [tool.aukus-check] table", Location(shown))
    if not isinstance(table, dict):
        raise ConfigError("[tool.aukus-check] must be a table", Location(shown))
    return _checked(path, shown, text, table, header)


def _checked(path: Path, shown: str, text: str, table: dict[str, object], header: str | None) -> Config:
    base = path.parent
    locations = {key: _locate(text, header, key, shown) for key in table}
    known = (*PATH_KEYS, "format")
    values: dict[str, Path] = {}
    formats: dict[str, str] = {}
    for key, value in table.items():
        where = locations[key]
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(known)}"
            raise ConfigError(f"unknown key {key!r}", where, hint=hint)
        if key == "format":
            if not isinstance(value, dict):
                raise ConfigError("'format' must be a table of command = format", where)
            format_header = f"{header}.format" if header else "format"
            for command, name in value.items():
                spot = _locate(text, format_header, command, shown)
                if command not in FORMAT_COMMANDS:
                    raise ConfigError(
                        f"'format' has no command {command!r}",
                        spot,
                        hint=f"commands: {', '.join(FORMAT_COMMANDS)}",
                    )
                if not isinstance(name, str) or not name:
                    raise ConfigError(f"format.{command} must be a format name (a string)", spot)
                formats[command] = name
                locations[f"format.{command}"] = spot
            continue
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{key!r} must be a path (a non-empty string)", where)
        values[key] = base / value
    return Config(
        path=path,
        display=shown,
        corpus=values.get("corpus"),
        rules=values.get("rules"),
        resolutions=values.get("resolutions"),
        cache_dir=values.get("cache-dir"),
        formats=formats,
        locations=locations,
    )


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _toml_message(error: Exception) -> str:
    return _TOML_POSITION.sub("", str(error))


def _toml_location(error: Exception, shown: str) -> Location:
    found = _TOML_POSITION.search(str(error))
    if found is None:
        return Location(shown)
    return Location(shown, int(found.group(1)), int(found.group(2)))


def _locate(text: str, header: str | None, key: str, shown: str) -> Location:
    """Where `key = ...` is written in the table named `header` (None: the top level), so that
    an error names its line and column (tomllib keeps no positions). The file itself if the
    key is written some other way (a dotted key, an inline table)."""
    lines = text.splitlines()
    inside = header is None
    key_line = re.compile(rf'^\s*(?:"{re.escape(key)}"|{re.escape(key)})\s*=')
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            name = stripped.strip("[] \t").replace('"', "").replace(" ", "")
            inside = header is not None and name == header.replace(" ", "")
            continue
        if inside:
            found = key_line.match(line)
            if found:
                return Location(shown, number, len(line) - len(line.lstrip()) + 1)
    return Location(shown)
