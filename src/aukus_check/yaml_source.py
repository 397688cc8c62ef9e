"""YAML that remembers where every node came from, so errors can name file:line:column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
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


def load_yaml(text: str, file: str, error: type[AukusError] = RulesError) -> YamlDocument:
    """Parse YAML 1.2 text; raise `error` with the position of the first syntax problem."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    parser = YAML(typ="rt")
    try:
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
