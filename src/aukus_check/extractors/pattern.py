"""`pattern`: an RE2 regular expression; the value is fixed, or read from a named group
through a map to the vocabulary.

    - kind: pattern
      pattern: '(?:Japan|Tokyo)\\b[^.;]{0,40}?\\b(?P<anchor>joined)\\b[^.;]{0,60}?\\bPillar (?:II|2)'
      value: joined

    - kind: pattern
      pattern: '\\bJapan (?:has )?(?P<value>joined|been invited to join) Pillar II'
      map: {joined: joined, been invited to join: invited}

Negation and modality are judged from the words before the anchor: the group named
`anchor`, else the value group, else the whole match. Put a negation that is part of the
claim ("ruled out Japan's role") inside the match before the anchor, or in the value group.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from aukus_check.extractors.base import CompileContext, ExtractorSpec, Hit, Probe, SentenceScope
from aukus_check.models import ExtractorRef
from aukus_check.re2_spans import Spans

KIND = "pattern"
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u2010": "-", "\u2011": "-"})
_SPACES = re.compile(r"\s+")


class Spec(ExtractorSpec):
    """A regular expression with an optional value map."""

    kind: Literal["pattern"]
    pattern: str = Field(description="RE2 syntax; {aliases}, {key} and {label} expand in keyed families.")
    value: str | None = Field(default=None, description="Fixed value for every match.")
    group: str | None = Field(
        default=None, description="Named group holding the value text (default: 'value')."
    )
    map: dict[str, str] | None = Field(
        default=None, description="Value text (case-insensitive) to a vocabulary value."
    )
    case_sensitive: bool = Field(default=False, description="Whether the patterns match only as written.")


def normalize(text: str) -> str:
    """Fold case, quotes, hyphens and spacing so map keys match what articles write."""
    return _SPACES.sub(" ", text.translate(_FOLD)).strip().casefold()


def compile_probes(
    spec: Spec, context: CompileContext, extractor: ExtractorRef, priority: int
) -> list[Probe]:
    """Compile one pattern rule into one probe."""
    source = context.expand(spec.pattern, ("pattern",))
    regex = context.compile_probe(source, ("pattern",), case_sensitive=spec.case_sensitive)
    groups: dict[str, int] = dict(regex.groupindex)

    if (spec.value is None) == (spec.map is None):
        raise context.error("a pattern extractor needs exactly one of 'value' or 'map'")
    value_group: int | None = None
    mapping: dict[str, str] = {}
    if spec.value is not None:
        context.check_value(spec.value, ("value",), verb="gives")
        if spec.group is not None:
            raise context.error("'group' is only used together with 'map'", ("group",), key=True)
    else:
        assert spec.map is not None
        name = spec.group or "value"
        if name not in groups:
            where = ("group",) if spec.group else ("map",)
            raise context.error(
                f"the pattern has no named group {name!r} to read the value from",
                where,
                hint=f"write (?P<{name}>...) around the value in the pattern",
            )
        value_group = groups[name]
        for surface, target in spec.map.items():
            context.check_value(target, ("map", surface))
            mapping[normalize(surface)] = target
    anchor_group = groups.get("anchor", value_group)
    fixed = spec.value

    def interpret(spans: Spans, data: bytes, scope: SentenceScope) -> Hit:
        span = spans[0]
        anchor = span
        if anchor_group is not None and spans[anchor_group][0] >= 0:
            anchor = spans[anchor_group]
        if fixed is not None:
            return Hit(fixed, anchor, span)
        assert value_group is not None
        start, end = spans[value_group]
        text = data[start:end].decode("utf-8", "replace") if start >= 0 else ""
        mapped = mapping.get(normalize(text))
        if mapped is None:
            return Hit(None, anchor, span, reason=f"{text!r} is not in the extractor's map")
        return Hit(mapped, anchor, span)

    return [
        Probe(
            field_id=context.field_id,
            extractor=extractor,
            priority=priority,
            source=source,
            case_sensitive=spec.case_sensitive,
            regex=regex,
            interpret=interpret,
        )
    ]
