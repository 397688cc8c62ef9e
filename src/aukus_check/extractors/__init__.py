"""Extractor kinds, registered by name in one explicit registry.

Adding a kind: write one module with KIND, Spec (a pydantic model with a `kind` literal)
and compile_probes(spec, context, extractor, priority) returning sentence probes (base.Probe)
or article-level probes (base.ArticleProbe); add it to REGISTRY and AnySpec here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from pydantic import Field

from aukus_check.extractors import date, frame, lexicon, official, pattern, published, quantity, stance
from aukus_check.extractors.base import ArticleProbe, CompileContext, ExtractorSpec, Probe
from aukus_check.models import ExtractorRef

CompileProbes = Callable[..., list[Probe] | list[ArticleProbe] | list[Probe | ArticleProbe]]

REGISTRY: dict[str, CompileProbes] = {
    pattern.KIND: pattern.compile_probes,
    lexicon.KIND: lexicon.compile_probes,
    published.KIND: published.compile_probes,
    quantity.KIND: quantity.compile_probes,
    official.KIND: official.compile_probes,
    date.KIND: date.compile_probes,
    stance.KIND: stance.compile_probes,
    frame.KIND: frame.compile_probes,
}
"""Extractor kind name -> the function that compiles its rules into probes."""

AnySpec = Annotated[
    pattern.Spec
    | lexicon.Spec
    | published.Spec
    | quantity.Spec
    | official.Spec
    | date.Spec
    | stance.Spec
    | frame.Spec,
    Field(discriminator="kind"),
]
"""The rules-file shape of any registered extractor, told apart by its `kind`."""

__all__ = ["REGISTRY", "AnySpec", "CompileContext", "ExtractorRef", "ExtractorSpec", "Probe"]
