"""Claims held by the hundred thousand share what they can.

Every pydantic model instance keeps the set of the field names it was given
(`__pydantic_fields_set__`), one set per instance: a claim, its evidence and its cues hold three
to five of them, over a third of the memory a claim takes once it has come back from a worker
process or from the cache. The sets of instances given the same fields are equal, and on these
frozen models they never change (pydantic adds to the set only on assignment, which a frozen
model refuses, and copies it on model_copy), so one shared set per distinct set of names serves
them all.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from aukus_check.models import Claim

_SHARED: dict[frozenset[str], set[str]] = {}
"""One set per distinct set of field names (a few dozen: bounded by the models' fields)."""


def share_fields_set(model: BaseModel) -> None:
    """Give a frozen model instance the shared set equal to its own set of given fields."""
    own = model.__pydantic_fields_set__
    shared = _SHARED.setdefault(frozenset(own), own)
    if shared is not own:
        object.__setattr__(model, "__pydantic_fields_set__", shared)


def compact_claims(claims: Iterable[tuple[str, Claim]]) -> None:
    """Share the fields sets of each claim and of the models it holds (evidence, cues, detail)."""
    for _, claim in claims:
        share_fields_set(claim)
        share_fields_set(claim.evidence)
        share_fields_set(claim.extractor)
        for cue in claim.cues:
            share_fields_set(cue)
        if claim.detail is not None:
            share_fields_set(claim.detail)
