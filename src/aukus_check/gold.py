"""A reading (gold file): what a careful reader finds in a corpus, the answer key for `rules eval`.

A reading is written by a person from the articles, never from the tool's output. It lists,
per field, the claims each article makes (value, modality, line, a few words of quote) and
optionally the status the reader expects over the whole corpus. `articles` names every
article the reader read: an article listed there with no claim for a field is silent on it,
so a value the tool reads there is an extra, not an unknown.

The format is documented in README "rules eval" and published as docs/gold.schema.json.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aukus_check.errors import GoldError, Location
from aukus_check.models import Modality, Status
from aukus_check.yaml_source import YamlDocument, load_yaml

GOLD_SCHEMA_VERSION: Literal[1] = 1


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GoldClaim(_Strict):
    """One value an article states for a field, as the reader found it."""

    value: str = Field(
        min_length=1,
        description="The value as the report labels it: a vocabulary value, a registry key, a date "
        "('2024-04', '--04-08', 'next week') or a quantity ('~1,000,000,000 USD').",
    )
    modality: Modality
    line: int = Field(ge=1, description="1-based line of the article file where the claim is stated.")
    quote: str | None = Field(
        default=None, description="A few words copied exactly from that line (kept short: third-party text)."
    )
    hedged: bool | None = Field(default=None, description="Informational: a hedge such as 'could' or 'may'.")
    bounds: tuple[str | float | None, str | float | None] | None = Field(
        default=None,
        description="For dates and quantities: the interval the value stands for, first and last "
        "day (YYYY-MM-DD) or low and high amount; null for an open side.",
    )


class GoldField(_Strict):
    """The reader's claims for one field, by article, and the status expected over the corpus."""

    status: Status | None = None
    claims: dict[str, list[GoldClaim]] = Field(default_factory=dict)


class GoldArticle(_Strict):
    """An article the reader read, and what they found about it as a whole."""

    published: str | None = Field(
        default=None, description="Publication date as read ('2024-03-04', '--05-12'); null if none."
    )
    title: str | None = None
    sources: list[str] | None = Field(default=None, description="Outlets the article cites or credits.")
    furniture_lines: list[int] | None = Field(
        default=None, description="Lines that are page furniture (navigation, bylines, related links)."
    )


class KnownGap(_Strict):
    """A difference between the reading and the tool, kept on record until the tool reads it right."""

    field: str
    article: str
    line: int = Field(ge=1)
    expected: str | None = Field(
        description="The reading's value as the report labels it ('joined (expected)', 'not joined'); "
        "null when the reading has nothing there (the tool reads an extra)."
    )
    found: str | None = Field(
        description="What the tool reads there instead; null when it reads nothing (a miss)."
    )
    status: Status | None = Field(
        default=None,
        description="The field's status in the report while this gap is open, when it differs from "
        "the reading's.",
    )
    reason: str = Field(min_length=1)


class Gold(_Strict):
    """A whole reading of one corpus."""

    schema_version: Literal[1] = Field(description="The gold file format; this aukus-check reads 1.")
    corpus: str = Field(description="Which corpus was read (a name or a path).")
    reader: str | None = Field(default=None, description="Who read it, and how.")
    articles: dict[str, GoldArticle] = Field(
        description="Every article read; one listed with no claims for a field is silent on it."
    )
    fields: dict[str, GoldField] = Field(default_factory=dict)
    known_gaps: list[KnownGap] = Field(default_factory=list)


def gold_json_schema() -> dict[str, object]:
    """JSON Schema (draft 2020-12) of the gold file format."""
    schema = Gold.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "aukus-check reading (gold file)",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def gold_json_schema_document() -> bytes:
    """The gold JSON Schema as the bytes of docs/gold.schema.json."""
    import json

    return (json.dumps(gold_json_schema(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def load_gold(path: Path, display: str) -> Gold:
    """Read and validate a gold file; every error names file:line:column."""
    from aukus_check.reads import read_text

    text = read_text(path, display, "gold file", GoldError)
    assert text is not None, "a missing gold file is an error"
    return parse_gold(text, display)


def parse_gold(text: str, display: str) -> Gold:
    """Validate a gold file's YAML text; claims must name articles listed under `articles`."""
    document = load_yaml(text, display, GoldError)
    if not isinstance(document.data, dict):
        raise GoldError(
            "a gold file must be a mapping with 'schema_version', 'corpus', 'articles' and 'fields'",
            Location(display, 1, 1),
        )
    try:
        gold = Gold.model_validate(document.data)
    except ValidationError as error:
        raise _located(error, document) from None
    for field_id, field in gold.fields.items():
        for article in field.claims:
            if article not in gold.articles:
                raise GoldError(
                    f"field {field_id!r}: article {article!r} is not listed under 'articles'",
                    document.location(("fields", field_id, "claims", article), key=True),
                    hint="list every article you read under 'articles', with its publication date",
                )
    for index, gap in enumerate(gold.known_gaps):
        if gap.article not in gold.articles:
            raise GoldError(
                f"known gap: article {gap.article!r} is not listed under 'articles'",
                document.location(("known_gaps", index, "article")),
            )
    return gold


def _located(error: ValidationError, document: YamlDocument) -> GoldError:
    """The first validation error in document order, at its YAML node."""
    candidates = []
    for item in error.errors(include_url=False):
        path = tuple(part for part in item["loc"] if isinstance(part, (str, int)))
        is_key = item["type"] == "extra_forbidden"
        location = document.location(path, key=is_key)
        candidates.append(((location.line or 0, location.column or 0), item, path, location))
    _, item, path, location = min(candidates, key=lambda c: c[0])
    where = ".".join(str(part) for part in path) or "the document"
    if item["type"] == "extra_forbidden":
        message = f"unknown key {path[-1]!r}"
    elif item["type"] == "missing":
        message = f"{where}: required key is missing"
    else:
        message = f"{where}: {item['msg']}"
    return GoldError(message, location)
