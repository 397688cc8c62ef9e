"""The README's rules reference, generated from the rules JSON Schema so it cannot drift.

Every key of every part of a rules file (the file itself, a field, its comparison and scope,
each extractor kind, the registries) becomes a row: its type, its default (or "required"),
and the description the model declares. `aukus-check rules schema --markdown` prints it; a
test checks that the README holds exactly this text.
"""

from __future__ import annotations

import json
from typing import Any

from aukus_check.rules import rules_json_schema

_KIND_PREFIX = "aukus_check__extractors__"
_SECTIONS: tuple[tuple[str, str], ...] = (
    ("", "The rules file"),
    ("FieldSpec", "A field (an item of `fields`)"),
    ("CompareSpec", "`compare`: how a field's values are compared"),
    ("ScopeSpec", "`scope`: which sentences a field reads"),
    ("KeySpec", "A key of a keyed family (an item of `keys`)"),
    ("Example", "An example (an item of an extractor's `examples`)"),
)
_REGISTRIES: tuple[tuple[str, str], ...] = (
    ("EventFrame", "An event frame (an item of a date extractor's `events`)"),
    ("Trigger", "A trigger of an event frame"),
    ("LexiconSpec", "A lexicon (an item of `lexicons`)"),
    ("Term", "A term of a lexicon"),
    ("ReferenceSpec", "A reference (an item of `references`)"),
    ("ActorSpec", "An actor (an item of `actors`)"),
    ("PersonSpec", "A person (an item of `people`)"),
    ("OfficeSpec", "An office (an item of `offices`)"),
    ("OutletSpec", "An outlet (an item of `outlets`)"),
)


def _type(schema: dict[str, Any]) -> str:
    """A property's type in words: "string", "list of string", "string or null", "Example"."""
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        return "extractor" if name.startswith(_KIND_PREFIX) else name
    if "const" in schema:
        return json.dumps(schema["const"])
    if "enum" in schema:
        return " or ".join(json.dumps(value) for value in schema["enum"])
    for union in ("anyOf", "oneOf"):
        if union in schema:
            parts = list(dict.fromkeys(_type(option) for option in schema[union]))
            if all(part == "extractor" for part in parts):
                return "extractor"
            return " or ".join(parts)
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {_type(schema.get('items', {}))}"
    if kind == "object":
        values = schema.get("additionalProperties")
        return f"mapping to {_type(values)}" if isinstance(values, dict) else "mapping"
    return str(kind)


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _table(definition: dict[str, Any]) -> list[str]:
    required = set(definition.get("required", ()))
    rows = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for name, schema in definition.get("properties", {}).items():
        if name == "kind" and "const" in schema:
            continue  # the section heading names the kind
        if name in required:
            default = "required"
        elif "default" in schema:
            default = f"`{json.dumps(schema['default'], ensure_ascii=False)}`"
        else:
            default = "—"
        meaning = _cell(schema.get("description", ""))
        rows.append(f"| `{name}` | {_cell(_type(schema))} | {_cell(default)} | {meaning} |")
    return rows


def reference_markdown() -> str:
    """The rules reference as Markdown: one table per part of a rules file."""
    schema = rules_json_schema()
    definitions: dict[str, Any] = schema["$defs"]
    lines: list[str] = []

    def section(title: str, definition: dict[str, Any]) -> None:
        lines.extend([f"#### {title}", ""])
        description = _cell(definition.get("description", ""))
        if description:
            lines.extend([description, ""])
        lines.extend(_table(definition))
        lines.append("")

    for name, title in _SECTIONS:
        section(title, schema if not name else definitions[name])
    kinds = sorted(
        (definitions[name]["properties"]["kind"]["const"], name)
        for name in definitions
        if name.startswith(_KIND_PREFIX)
    )
    for kind, name in kinds:
        section(f"Extractor `kind: {kind}`", definitions[name])
    for name, title in _REGISTRIES:
        section(title, definitions[name])
    return "\n".join(lines).rstrip("\n") + "\n"
