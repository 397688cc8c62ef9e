"""Pydantic's validation errors of a rules file, turned into located lines: file:line:column
of the YAML node at fault, with words a rule author can act on ("unknown key 'patterns' (did
you mean 'pattern'?)"), the earliest fault first and the others (one per mapping) in `also`.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from aukus_check.errors import RulesError
from aukus_check.extractors import REGISTRY
from aukus_check.yaml_source import YamlDocument

# --- turning pydantic's errors into one located line -------------------------------------


MAX_REPORTED_ERRORS = 20
"""Faults of a rules file reported in one run, at most (the earliest, in document order)."""


def located_error(error: ValidationError, document: YamlDocument, root: type[BaseModel]) -> RulesError:
    """The earliest fault in document order, located at its YAML node, carrying the others
    (one per YAML mapping, up to MAX_REPORTED_ERRORS in all) in `also`."""
    best: dict[tuple[int, int], tuple[tuple[int, ...], RulesError]] = {}
    for item in error.errors(include_url=False):
        data_path, model = _resolve(item["loc"], document.data, root)
        if item["type"] == "union_tag_invalid":  # point at the bad tag itself
            data_path = (*data_path, "kind")
        is_key = item["type"] == "extra_forbidden"
        location = document.location(data_path, key=is_key)
        parent = document.location(data_path[:-1])
        # Within one mapping, an unknown key (likely a typo) explains a missing one: report it
        # first, and only it: the rest of that mapping's errors are often its consequences.
        rank = {"extra_forbidden": 0, "missing": 2}.get(item["type"], 1)
        order = (parent.line or 0, parent.column or 0, rank, location.line or 0, location.column or 0)
        mapping = (parent.line or 0, parent.column or 0)
        if mapping not in best or order < best[mapping][0]:
            prefix = _field_prefix(data_path, document.data)
            best[mapping] = (order, RulesError(f"{prefix}{_describe(item, data_path, model)}", location))
    found = [found for _, found in sorted(best.values(), key=lambda entry: entry[0])][:MAX_REPORTED_ERRORS]
    first, *others = found
    first.also = tuple(others)
    return first


def _field_prefix(data_path: Sequence[str | int], data: Any) -> str:
    if len(data_path) >= 2 and data_path[0] == "fields" and isinstance(data_path[1], int):
        try:
            field_id = data["fields"][data_path[1]].get("id")
        except (AttributeError, IndexError, KeyError, TypeError):
            field_id = None
        if isinstance(field_id, str):
            return f"field {field_id!r}: "
        return f"fields[{data_path[1]}]: "
    return ""


def _resolve(loc: Sequence[str | int], data: Any, root: type[BaseModel]) -> tuple[tuple[str | int, ...], Any]:
    """Map a pydantic error location onto the YAML data path, and find the model at the parent.

    Union tags (e.g. 'pattern' for a discriminated extractor, 'str' for a smart union) are in
    pydantic's location but not in the data; they are skipped, and they also tell which model
    describes the node.
    """
    path: list[str | int] = []
    node = data
    annotation: Any = root
    parent_model: Any = root
    for part in loc:
        model = _model_of(annotation)
        if model is not None:
            parent_model = model
        tagged = _tagged_member(annotation, part) if len(_union_members(annotation)) > 1 else None
        if tagged is not None:  # a union tag ('pattern', 'str'): names the model, not a node
            annotation = tagged
            continue
        present, child = _child_node(node, part)
        if present:
            path.append(part)
            node = child
            annotation = _child_annotation(annotation, part)
        elif isinstance(part, str) and not isinstance(node, dict):
            continue
        else:
            path.append(part)  # a missing key: the location is its parent's
            annotation = _child_annotation(annotation, part)
    return tuple(path), _model_of(annotation) or parent_model


def _child_node(node: Any, part: str | int) -> tuple[bool, Any]:
    """Whether the data has this key or index, and the child there."""
    if isinstance(node, dict) and part in node:
        return True, node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return True, node[part]
    return False, None


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _union_members(annotation: Any) -> tuple[Any, ...]:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return tuple(_unwrap(a) for a in typing.get_args(annotation))
    return (annotation,)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    for member in _union_members(annotation):
        if isinstance(member, type) and issubclass(member, BaseModel):
            return member
    return None


def _tagged_member(annotation: Any, tag: str | int) -> Any:
    for member in _union_members(annotation):
        if isinstance(member, type) and issubclass(member, BaseModel):
            kind = member.model_fields.get("kind")
            if member.__name__ == tag or (kind is not None and tag in typing.get_args(kind.annotation)):
                return member
        elif getattr(member, "__name__", None) == tag:
            return member
    return None


def _child_annotation(annotation: Any, part: str | int) -> Any:
    for member in _union_members(annotation):
        is_model = isinstance(member, type) and issubclass(member, BaseModel)
        if is_model and isinstance(part, str) and part in member.model_fields:
            return member.model_fields[part].annotation
        origin = typing.get_origin(member)
        if origin is list and isinstance(part, int):
            return typing.get_args(member)[0]
        if origin is dict:
            return typing.get_args(member)[1]
    return None


_TYPE_NOUNS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def _describe(item: Any, data_path: Sequence[str | int], model: Any) -> str:
    kind = item["type"]
    name = data_path[-1] if data_path else "document"
    if kind == "union_tag_invalid":
        name = data_path[-2] if len(data_path) > 1 else name
    given = item.get("input")
    if kind == "missing":
        return f"missing required key {item['loc'][-1]!r}"
    if kind == "extra_forbidden":
        allowed = list(model.model_fields) if model is not None else []
        close = difflib.get_close_matches(str(name), allowed, n=1)
        guess = f" (did you mean {close[0]!r}?)" if close else ""
        listing = f"; expected one of: {', '.join(allowed)}" if allowed else ""
        return f"unknown key {name!r}{guess}{listing}"
    if kind == "literal_error":
        return f"{name!r} cannot be {given!r}; expected {item['ctx']['expected']}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        kinds = ", ".join(sorted(REGISTRY))
        if kind == "union_tag_not_found":
            return f"extractor has no 'kind'; expected one of: {kinds}"
        return f"unknown extractor kind {item['ctx']['tag']!r}; expected one of: {kinds}"
    if kind in _TYPE_NOUNS:
        hint = ' (quote it, e.g. version: "1.0")' if name == "version" else ""
        return f"{name!r} must be {_TYPE_NOUNS[kind]}, got {type(given).__name__} {given!r}{hint}"
    if kind == "too_short":
        return f"{name!r} must not be empty"
    return f"{name!r}: {item['msg']}"
