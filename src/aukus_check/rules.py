"""The rules file: which fields to check, their vocabularies, extractors and comparison options.

A rules file is YAML, validated by the models below. Keyed families (position.<actor>,
official.<person>.title, ...) are one entry with `keys`: the entry is expanded once per key,
with {key}, {label} and {aliases} filled in. Every error names file:line:column of the
offending node and what was expected.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from aukus_check.errors import Location, RulesError
from aukus_check.extractors import REGISTRY, AnySpec
from aukus_check.extractors.base import ArticleProbe, CompileContext, Example, Probe, ProbePatterns
from aukus_check.extractors.phrases import alternation
from aukus_check.extractors.placeholders import NameFinder, ref_groups
from aukus_check.models import ExtractorRef, FieldType
from aukus_check.outlets import OutletMatcher, build_outlet_matcher
from aukus_check.probe_index import ProbeIndex
from aukus_check.registries import (
    SNAKE,
    ActorSpec,
    LexiconSpec,
    OfficeSpec,
    PersonSpec,
    ReferenceSpec,
    Registries,
    Strict,
    Term,
    check_registries,
    record_of,
)
from aukus_check.rules_errors import MAX_REPORTED_ERRORS, located_error
from aukus_check.yaml_source import YamlDocument, load_yaml

SUPPORTED_SCHEMA_VERSIONS = (1,)
_FIELD_ID = re.compile(r"[a-z0-9_]+(?:\.(?:[a-z0-9_]+|\{key\}))*")


class KeySpec(Strict):
    """One key of a keyed family: a display label and the names articles use for it."""

    label: str | None = Field(
        default=None, description="How reports name the key; default: the key in title case."
    )
    aliases: list[str] = Field(min_length=1, description="Names matched case-sensitively as whole words.")


class ScopeSpec(Strict):
    """Where a field's extractors may match, applied to every extractor of the field."""

    context: list[str] = Field(
        default_factory=list, description="RE2 patterns; the sentence must match at least one."
    )
    unless: list[str] = Field(default_factory=list, description="RE2 patterns; the sentence must match none.")
    unless_before: list[str] = Field(
        default_factory=list,
        description="RE2 patterns; the clause before the value must match none (e.g. 'analysts believe').",
    )
    unless_after: list[str] = Field(
        default_factory=list,
        description="RE2 patterns; the clause after the value must match none (^ anchors at the value).",
    )


class CompareSpec(Strict):
    """How values of a field are compared."""

    compatible: list[list[str]] = Field(
        default_factory=list,
        description="Groups of vocabulary values that never conflict with one another.",
    )
    tolerance: float = Field(
        default=0.0,
        ge=0,
        description="Quantity fields: relative tolerance (0.05 = 5%) within which two amounts agree.",
    )
    per_article: bool = Field(
        default=False,
        description="Each article's own fact (its publication date): values differ without conflicting.",
    )
    time_separated_days: int | None = Field(
        default=None,
        ge=1,
        description="Different values in articles published more than this many days apart are "
        "reported as time_separated (e.g. an office that changed hands), not as a conflict.",
    )
    stages: list[str] = Field(
        default_factory=list,
        description="Enum fields: vocabulary values in the order a status moves through "
        "(talks_reported, under_consideration, joined). Articles at least stage_gap_days apart "
        "that give a later stage later in time are a progression, not a conflict; an earlier stage "
        "after a later one, or two stages at overlapping times, still conflict.",
    )
    stage_gap_days: int = Field(
        default=7,
        ge=0,
        description="With stages: how far apart (days) two articles' times must be to read a progression.",
    )


class FieldSpec(Strict):
    """A field to extract from every article, or a keyed family of fields."""

    id: str = Field(description="Dotted snake_case; a family's id contains {key}.")
    label: str = Field(description="The field in words, as views and briefings show it; {label} in a family.")
    type: FieldType = Field(
        description="enum: one value of a vocabulary; set: several; date and quantity: typed values "
        "read as intervals; office and person: keys of the offices and people registries."
    )
    description: str | None = Field(default=None, description="What the field means, for rule authors.")
    vocabulary: list[str] = Field(
        default_factory=list,
        description="The values an enum or set field can take; office and person fields take the "
        "keys of the offices and people registries; date and quantity fields have none.",
    )
    compare: CompareSpec = Field(
        default_factory=CompareSpec, description="How the field's values are compared."
    )
    scope: ScopeSpec = Field(
        default_factory=ScopeSpec, description="Which sentences every extractor of the field reads."
    )
    keys: dict[str, KeySpec] | None = Field(default=None, description="Makes this entry a keyed family.")
    keys_from: Literal["people", "offices", "actors"] | None = Field(
        default=None, description="Makes this entry a keyed family over a registry's keys."
    )
    extractors: list[AnySpec] = Field(
        min_length=1, description="How the field is read; each item is one of the extractor kinds below."
    )


class OutletSpec(Strict):
    """A news outlet to recognise as a cited source, beyond the built-in list."""

    name: str = Field(description="The outlet's name as reports show it.")
    aliases: list[str] = Field(default_factory=list, description="Other names articles use for it.")


class RulesSpec(Strict):
    """The whole rules file."""

    schema_version: int = Field(strict=True, description="Version of the rules file format.")
    version: str = Field(description="Version of these rules, shown in every report.")
    title: str = Field(description="The topic, shown at the head of every report.")
    description: str | None = Field(default=None, description="What the rules cover, for rule authors.")
    outlets: list[OutletSpec] = Field(
        default_factory=list,
        description="News outlets to recognise as cited sources, beyond the built-in list.",
    )
    actors: dict[str, ActorSpec] = Field(
        default_factory=dict,
        description="Governments and countries, by key: stance subjects, office holders.",
    )
    people: dict[str, PersonSpec] = Field(default_factory=dict, description="Named officials, by key.")
    offices: dict[str, OfficeSpec] = Field(default_factory=dict, description="Offices they hold, by key.")
    lexicons: dict[str, LexiconSpec] = Field(
        default_factory=dict,
        description="Word lists shared by every pattern: {lex:NAME} (every form), {verb:NAME}, "
        "{participle:NAME}, {noun:NAME}.",
    )
    references: dict[str, ReferenceSpec] = Field(
        default_factory=dict,
        description="Things an article names and then refers back to; {ref:NAME} in a pattern matches "
        "a name, or a mention ('the pact') once the article has named it.",
    )
    fields: list[FieldSpec] = Field(min_length=1, description="The facts to extract from every article.")


@dataclass(frozen=True)
class FieldDef:
    """A concrete field after family expansion."""

    id: str
    label: str
    type: FieldType
    vocabulary: tuple[str, ...]
    compatible: frozenset[frozenset[str]]
    family: str | None
    key: str | None
    tolerance: float = 0.0
    time_separated_days: int | None = None
    per_article: bool = False
    value_labels: Mapping[str, str] = field(default_factory=dict)
    """Registry labels of office and person values, for prose ("U.S. Deputy Secretary of State")."""
    stages: tuple[str, ...] = ()
    """Enum values in the order a status moves through (compare.stages)."""
    stage_gap_days: int = 7
    record: Mapping[str, tuple[Term, ...]] | None = None
    """Office and person fields with terms in the registry: value -> the record's terms in which
    it holds (an office the field's person held; a person who held the field's office)."""
    many_values: bool = False
    """Several values hold at once (an office with `holders: many`): different values never conflict."""

    def values_compatible(self, left: str, right: str) -> bool:
        """Two values of this field can both be true (typed values: see compare.details_compatible)."""
        if left == right or self.type == "set" or self.many_values:
            return True
        return frozenset((left, right)) in self.compatible


@dataclass(frozen=True)
class RuleExamples:
    """One rule (extractor) of one field, its examples and where each is written."""

    field_id: str
    extractor: ExtractorRef
    examples: tuple[tuple[Example, Location], ...]
    declared_as: str
    """The field id as the rules file writes it: a family's id keeps its {key}."""


@dataclass(frozen=True)
class RuleSet:
    """Compiled rules: fields, probes, and the one prefilter that serves them all."""

    path: str
    title: str
    version: str
    schema_version: int
    fields: tuple[FieldDef, ...]
    probes: tuple[Probe, ...]
    probe_index: ProbeIndex
    """Which probe patterns can match a sentence (by their numbers in prefilter_probes)."""
    outlets: OutletMatcher
    article_probes: tuple[ArticleProbe, ...] = ()
    registries: Registries | None = None
    examples: tuple[RuleExamples, ...] = ()
    names: NameFinder | None = None
    """Finds where an article first names each reference, for {ref:...} mentions."""
    scope_refs: Mapping[int, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    prefilter_probes: tuple[tuple[int, ...], ...] = ()
    """Prefilter pattern index -> the indices of the probes that use that pattern."""
    source_digest: str = ""
    """SHA-256 of the rules text this set was compiled from."""
    """id() of each context/unless pattern that mentions a reference -> its mention groups; the
    rule set holds the patterns, so the ids stay theirs for its lifetime."""

    def field(self, field_id: str) -> FieldDef | None:
        """A field by id."""
        return next((f for f in self.fields if f.id == field_id), None)


def load_rules(path: Path, display: str) -> RuleSet:
    """Read, validate and compile a rules file."""
    from aukus_check.reads import read_text

    text = read_text(path, display, "rules file", RulesError)
    assert text is not None, "a missing rules file is an error"
    return parse_rules(text, display)


def parse_rules(text: str, display: str) -> RuleSet:
    """Validate and compile rules from YAML text; display names the file in errors."""
    document = load_yaml(text, display)
    if not isinstance(document.data, dict):
        raise RulesError(
            "a rules file must be a mapping with 'schema_version', 'version', 'title' and 'fields'",
            Location(display, 1, 1),
        )
    version = document.data.get("schema_version")
    if isinstance(version, int) and version not in SUPPORTED_SCHEMA_VERSIONS:
        raise RulesError(
            f"unsupported schema_version {version}; this aukus-check reads "
            + ", ".join(map(str, SUPPORTED_SCHEMA_VERSIONS)),
            document.location(("schema_version",)),
        )
    try:
        spec = RulesSpec.model_validate(document.data)
    except ValidationError as error:
        raise located_error(error, document, RulesSpec) from None
    # The digest of the text the rules were compiled from: the extraction cache's key, so an
    # edit to the rules file re-reads every article.
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return replace(_compile(spec, document), source_digest=digest)


def rules_json_schema() -> dict[str, Any]:
    """JSON Schema of the rules file format."""
    schema = RulesSpec.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "aukus-check rules file",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def rules_json_schema_document() -> bytes:
    """The rules JSON Schema as the bytes of docs/rules.schema.json."""
    import json

    return (json.dumps(rules_json_schema(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _compile(spec: RulesSpec, document: YamlDocument) -> RuleSet:
    registries = check_registries(spec, document)
    probe_patterns = ProbePatterns()
    fields: list[FieldDef] = []
    probes: list[Probe] = []
    article_probes: list[ArticleProbe] = []
    examples: list[RuleExamples] = []
    seen: dict[str, Location] = {}
    faults: list[RulesError] = []
    for index, field_spec in enumerate(spec.fields):
        # A fault in one field does not hide the next one's: each field's first is reported, up
        # to MAX_REPORTED_ERRORS in one run.
        try:
            path = ("fields", index)
            family_keys: set[str | None] = set()
            for field_def, placeholders in _expand(field_spec, path, document, registries):
                family_keys.add(field_def.key)
                if field_def.id in seen:
                    raise RulesError(
                        f"field {field_def.id!r} is declared twice (first at {seen[field_def.id]})",
                        document.location((*path, "id")),
                    )
                seen[field_def.id] = document.location((*path, "id"))
                fields.append(field_def)

                def context_at(
                    where: tuple[str | int, ...],
                    field_def: FieldDef = field_def,
                    placeholders: dict[str, str] = placeholders,
                ) -> CompileContext:
                    return CompileContext(
                        field_def.id,
                        field_def.vocabulary,
                        document,
                        where,
                        placeholders,
                        field_type=field_def.type,
                        key=field_def.key,
                        registries=registries,
                        probe_patterns=probe_patterns,
                    )

                # The field's own scope is compiled once and shared by all its extractors, so the
                # engine searches each of its patterns once per sentence.
                field_level = [(context_at((*path, "scope")), field_spec.scope)]
                field_context = _compile_scope(field_level, "context")
                field_unless = _compile_scope(field_level, "unless")
                field_unless_before = _compile_scope(field_level, "unless_before")
                field_unless_after = _compile_scope(field_level, "unless_after")
                for position, extractor_spec in enumerate(field_spec.extractors):
                    extractor_path = (*path, "extractors", position)
                    line, column = _line_column(document, extractor_path)
                    ref = ExtractorRef(
                        name=extractor_spec.name or f"{extractor_spec.kind}#{position + 1}",
                        kind=extractor_spec.kind,
                        line=line,
                        column=column,
                    )
                    context = context_at(extractor_path)
                    examples.append(
                        RuleExamples(
                            field_def.id,
                            ref,
                            tuple(
                                (example, document.location((*extractor_path, "examples", number)))
                                for number, example in enumerate(extractor_spec.examples)
                                if example.key is None or example.key == field_def.key
                            ),
                            field_spec.id,
                        )
                    )
                    compiled = REGISTRY[extractor_spec.kind](extractor_spec, context, ref, position)
                    own = [(context, extractor_spec)]
                    contexts = tuple(
                        level for level in (_compile_scope(own, "context"), field_context) if level
                    )
                    unless = _compile_scope(own, "unless") + field_unless
                    unless_before = _compile_scope(own, "unless_before") + field_unless_before
                    unless_after = _compile_scope(own, "unless_after") + field_unless_after
                    for probe in compiled:
                        if isinstance(probe, ArticleProbe):
                            article_probes.append(probe)
                        else:
                            probes.append(
                                replace(
                                    probe,
                                    context=contexts,
                                    unless=unless,
                                    unless_before=unless_before,
                                    unless_after=unless_after,
                                    exclusions=field_def.type == "set",
                                    refs=ref_groups(probe.regex),
                                )
                            )
            for position, extractor_spec in enumerate(field_spec.extractors):
                for number, example in enumerate(extractor_spec.examples):
                    if example.key is not None and example.key not in family_keys:
                        raise RulesError(
                            f"field {field_spec.id!r}: example key {example.key!r} "
                            "is not a key of this field",
                            document.location((*path, "extractors", position, "examples", number, "key")),
                        )
        except RulesError as fault:
            faults.append(fault)
            if len(faults) >= MAX_REPORTED_ERRORS:
                break
    if faults:
        faults[0].also = tuple(faults[1:])
        raise faults[0]
    # The prefilter holds each distinct probe pattern once (compiled there, see ProbePatterns);
    # probes of a keyed family often share one (a stance per actor), and a hit on it names every
    # probe that uses it.
    prefilter = probe_patterns.filter
    sharing: dict[int, list[int]] = {}
    for index, probe in enumerate(probes):
        number = probe_patterns.number_of(probe.regex, probe.source, case_sensitive=probe.case_sensitive)
        sharing.setdefault(number, []).append(index)
    patterns = len(probe_patterns.regexes)
    unfiltered: tuple[int, ...] = ()
    if patterns:
        prefilter.Compile()
        # A pattern whose every required literal is shorter than RE2's minimum atom (three
        # bytes: "Xi", "AI", "PM") passes the prefilter on every sentence, even an empty one.
        unfiltered = tuple(prefilter.Match(b"", True) or ())
    outlets = build_outlet_matcher((o.name, o.aliases) for o in spec.outlets)
    return RuleSet(
        path=document.file,
        title=spec.title,
        version=spec.version,
        schema_version=spec.schema_version,
        fields=tuple(fields),
        probes=tuple(probes),
        probe_index=ProbeIndex(prefilter, probe_patterns.sources, frozenset(unfiltered)),
        outlets=outlets,
        article_probes=tuple(article_probes),
        registries=registries,
        examples=tuple(examples),
        names=NameFinder(registries.references) if registries.references else None,
        scope_refs={
            id(regex): refs
            for probe in probes
            for regex in (*(r for level in probe.context for r in level), *probe.unless)
            if (refs := ref_groups(regex))
        },
        prefilter_probes=tuple(tuple(sharing.get(number, ())) for number in range(patterns)),
    )


def _compile_scope(scopes: Sequence[tuple[CompileContext, Any]], name: str) -> tuple[Any, ...]:
    """Compile one scope option (context, unless, unless_before, unless_after) from each level that has it."""
    return tuple(
        where.compile(where.expand(pattern, (name, index)), (name, index))
        for where, spec in scopes
        for index, pattern in enumerate(getattr(spec, name))
    )


def _line_column(document: YamlDocument, path: Sequence[str | int]) -> tuple[int, int]:
    location = document.location(path)
    return location.line or 1, location.column or 1


_OPEN_VOCABULARY_TYPES = ("date", "quantity")


def _family_keys(spec: FieldSpec, registries: Registries) -> list[tuple[str, str, list[str]]]:
    """(key, label, aliases) for each key of a family, from `keys` or from a registry."""
    if spec.keys is not None:
        return [
            (key, key_spec.label or key.replace("_", " ").title(), key_spec.aliases)
            for key, key_spec in spec.keys.items()
        ]
    if spec.keys_from == "actors":
        return [
            (key, actor.label, actor.aliases) for key, actor in registries.actors.items() if not actor.members
        ]
    if spec.keys_from == "people":
        return [
            (key, person.name, [person.name, *person.aliases]) for key, person in registries.people.items()
        ]
    if spec.keys_from == "offices":
        return [(key, office.label, [office.label]) for key, office in registries.offices.items()]
    return []


def _expand(
    spec: FieldSpec, path: tuple[str | int, ...], document: YamlDocument, registries: Registries
) -> Iterable[tuple[FieldDef, dict[str, str]]]:
    """One FieldDef per key of a family (or the field itself), with its placeholder values."""

    def fail(message: str, subpath: Sequence[str | int], *, key: bool = False) -> RulesError:
        return RulesError(message, document.location((*path, *subpath), key=key))

    if spec.keys is not None and spec.keys_from is not None:
        raise fail(f"field {spec.id!r}: give 'keys' or 'keys_from', not both", ("keys_from",), key=True)
    is_family = spec.keys is not None or spec.keys_from is not None
    if not _FIELD_ID.fullmatch(spec.id):
        raise fail(f"field id {spec.id!r} is not dotted snake_case (e.g. japan.pillar2_status)", ("id",))
    if is_family != ("{key}" in spec.id):
        message = (
            "a family id must contain {key}"
            if is_family
            else "{key} is only allowed in a family (add 'keys' or 'keys_from')"
        )
        raise fail(f"field {spec.id!r}: {message}", ("id",))
    vocabulary = list(spec.vocabulary)
    if spec.type in _OPEN_VOCABULARY_TYPES and vocabulary:
        raise fail(f"field {spec.id!r}: a {spec.type} field has no vocabulary", ("vocabulary",), key=True)
    if spec.type in ("enum", "set") and not vocabulary:
        raise fail(f"field {spec.id!r}: an {spec.type} field needs a 'vocabulary'", ("type",))
    if spec.type == "office" and not vocabulary:
        vocabulary = list(registries.offices)
    if spec.type == "person" and not vocabulary:
        vocabulary = list(registries.people)
    value_labels: dict[str, str] = {}
    if spec.type == "office":
        value_labels = {key: office.label for key, office in registries.offices.items()}
    if spec.type == "person":
        value_labels = {key: person.name for key, person in registries.people.items()}
    for position, value in enumerate(vocabulary):
        if not SNAKE.fullmatch(value):
            raise fail(
                f"field {spec.id!r}: vocabulary value {value!r} is not snake_case",
                ("vocabulary", position),
            )
        if value in vocabulary[:position]:
            raise fail(
                f"field {spec.id!r}: vocabulary value {value!r} is listed twice",
                ("vocabulary", position),
            )
    compatible: set[frozenset[str]] = set()
    for group_index, group in enumerate(spec.compare.compatible):
        if len(group) < 2:
            raise fail(
                f"field {spec.id!r}: a compatible group needs at least two values",
                ("compare", "compatible", group_index),
            )
        for item_index, value in enumerate(group):
            if value not in vocabulary:
                raise fail(
                    f"field {spec.id!r}: compatible value {value!r} is not in the vocabulary "
                    f"({', '.join(vocabulary)})",
                    ("compare", "compatible", group_index, item_index),
                )
        compatible.update(frozenset((a, b)) for a in group for b in group if a != b)
    if spec.compare.stages and spec.type != "enum":
        raise fail(f"field {spec.id!r}: only an enum field has stages", ("compare", "stages"))
    for position, value in enumerate(spec.compare.stages):
        if value not in vocabulary or value in spec.compare.stages[:position]:
            raise fail(
                f"field {spec.id!r}: stage {value!r} is not a vocabulary value, or is listed twice",
                ("compare", "stages", position),
            )
    family = spec.id.split("{key}")[0].rstrip(".") if is_family else None
    keys: list[tuple[str | None, str, list[str]]] = list(_family_keys(spec, registries))
    if is_family and not keys:
        where = ("keys",) if spec.keys is not None else ("keys_from",)
        raise fail(f"field {spec.id!r}: a family needs at least one key", where)
    if not is_family:
        keys = [(None, spec.label, [])]
    for key, key_label, aliases in keys:
        placeholders: dict[str, str] = {}
        field_id, label = spec.id, spec.label
        if key is not None:
            if not SNAKE.fullmatch(key):
                raise fail(f"field {spec.id!r}: key {key!r} is not snake_case", ("keys", key), key=True)
            placeholders = {
                "{key}": key,
                "{label}": key_label,
                "{aliases}": alternation(aliases, case_sensitive=True),
            }
            field_id = spec.id.replace("{key}", key)
            label = label.replace("{key}", key).replace("{label}", key_label)
        yield (
            FieldDef(
                id=field_id,
                label=label,
                type=spec.type,
                vocabulary=tuple(vocabulary),
                compatible=frozenset(compatible),
                family=family,
                key=key,
                tolerance=spec.compare.tolerance,
                time_separated_days=spec.compare.time_separated_days,
                per_article=spec.compare.per_article,
                value_labels=value_labels,
                stages=tuple(spec.compare.stages),
                stage_gap_days=spec.compare.stage_gap_days,
                record=record_of(spec.type, key, registries),
                many_values=spec.type == "person"
                and key is not None
                and key in registries.offices
                and registries.offices[key].holders == "many",
            ),
            placeholders,
        )
