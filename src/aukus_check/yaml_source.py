"""YAML that remembers where every node came from, so errors can name file:line:column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aukus_check.errors import AukusError, Location, RulesError

Path = tuple[str | int, ...]
"""A path to a node: mapping keys and sequence indexes from the document root."""


@dataclass(frozen=True)
class YamlDocument:
    """Plain Python data (dicts, lists, scalars) plus the position of every node."""

    data: Any
    file: str
    values: Mapping[Path, tuple[int, int]]
    keys: Mapping[Path, tuple[int, int]]

    def location(self, path: Sequence[str | int], *, key: bool = False) -> Location:
        """The closest known position to a path: the node itself, or its nearest ancestor."""
        probe = tuple(path)
        while True:
            table = self.keys if key and probe in self.keys else self.values
            if probe in table:
                line, column = table[probe]
                return Location(self.file, line, column)
            if not probe:
                return Location(self.file, 1, 1)
            probe = probe[:-1]
            key = False


MAX_DEPTH = 40
"""Deepest nesting of mappings and sequences accepted: far beyond any rules file, ledger or
front matter, and far short of what could exhaust the reader's stack."""


def check_events(events: Iterable[Any], file: str, error: type[AukusError], first_line: int = 1) -> None:
    """Refuse, at their position, what no input of ours needs and an attacker could use.

    Anchors and aliases are refused (a "billion laughs" alias bomb expands to gigabytes), and
    so are explicit tags (`!!python/object`, `!!omap`: every value here is plain text, numbers,
    lists and mappings) and nesting deeper than MAX_DEPTH. `events` come from a YAML parser
    (ruamel's or PyYAML's: both name their events alike); `first_line` is the file line of the
    text's first line (front matter starts below its `---`).
    """
    depth = 0
    for event in events:
        name = type(event).__name__
        mark = event.start_mark
        where = Location(file, mark.line + first_line, mark.column + 1)
        if name == "AliasEvent" or getattr(event, "anchor", None):
            raise error(
                "YAML anchors and aliases are not accepted", where, hint="write the value out in full"
            )
        if getattr(event, "tag", None):
            raise error(f"YAML tag {str(event.tag)!r} is not accepted", where, hint="remove the tag")
        if name in ("MappingStartEvent", "SequenceStartEvent"):
            depth += 1
            if depth > MAX_DEPTH:
                raise error(f"nesting deeper than {MAX_DEPTH} levels is not accepted", where)
        elif name in ("MappingEndEvent", "SequenceEndEvent"):
            depth -= 1


def _checked_with_libyaml(text: str, file: str, error: type[AukusError]) -> bool:
    """Run check_events on libyaml's events when PyYAML has it: the pure-Python parser takes
    a fifth of a second over the bundled rules, libyaml a hundredth. False when it cannot
    (no libyaml, or text it refuses): the caller then checks with ruamel's parser, whose
    message for a syntax error is the one the user sees."""
    import yaml

    loader = getattr(yaml, "CBaseLoader", None)
    if loader is None:  # pragma: no cover - PyYAML built without libyaml
        return False
    try:
        check_events(yaml.parse(text, Loader=loader), file, error)
    except yaml.YAMLError:
        return False
    return True


def _text_timestamps() -> Any:
    """A round-trip constructor that keeps dates as their text: a date the calendar lacks
    (2024-13-01, year 0) is then the caller's located error, not an exception inside the parser."""
    from ruamel.yaml.constructor import RoundTripConstructor

    class TextTimestamps(RoundTripConstructor):
        pass

    TextTimestamps.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)
    return TextTimestamps


_TextTimestamps: Any = None


def load_yaml(text: str, file: str, error: type[AukusError] = RulesError) -> YamlDocument:
    """Parse YAML 1.2 text; raise `error` with the position of the first syntax problem."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    global _TextTimestamps
    if _TextTimestamps is None:
        _TextTimestamps = _text_timestamps()
    parser = YAML(typ="rt")
    parser.Constructor = _TextTimestamps
    try:
        if not _checked_with_libyaml(text, file, error):
            check_events(parser.parse(text), file, error)
        root = parser.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        location = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        raise error(f"invalid YAML: {problem}", location) from exc
    except YAMLError as exc:
        raise error(f"invalid YAML: {exc}", Location(file)) from exc
    values: dict[Path, tuple[int, int]] = {(): (1, 1)}
    keys: dict[Path, tuple[int, int]] = {}
    data = _plain(root, (), values, keys)
    return YamlDocument(data, file, values, keys)


def _plain(
    node: Any, path: Path, values: dict[Path, tuple[int, int]], keys: dict[Path, tuple[int, int]]
) -> Any:
    """Convert ruamel's round-trip nodes to plain data while recording positions."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        result = {}
        for key in node:
            child: Path = (*path, str(key))
            key_line, key_column = node.lc.key(key)
            value_line, value_column = node.lc.value(key)
            keys[child] = (key_line + 1, key_column + 1)
            values[child] = (value_line + 1, value_column + 1)
            result[str(key)] = _plain(node[key], child, values, keys)
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for index, item in enumerate(node):
            line, column = node.lc.item(index)
            values[(*path, index)] = (line + 1, column + 1)
            items.append(_plain(item, (*path, index), values, keys))
        return items
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, (dt.date, dt.datetime)):
        return node.isoformat()
    return node
