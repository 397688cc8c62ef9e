"""Claims held by the hundred thousand share what they can.

A claim that comes back from a worker process (unpickled) or from the cache (validated) holds
its own copy of everything, though much of it repeats across claims:
- Every pydantic model instance keeps the set of the field names it was given
  (`__pydantic_fields_set__`): a claim, its evidence and its cues hold three to five such sets,
  half of the memory a claim takes. The sets of instances given the same fields are equal, and
  on these frozen models they never change (pydantic adds to the set only on assignment, which
  a frozen model refuses, and copies it on model_copy): one shared set per shape serves all.
- The cues ("said", "could") and the values ("under_consideration") are a small vocabulary
  repeated in every article: one shared tuple of cues and one string per distinct value.
Sharing replaces a frozen model's attribute with an equal value, so nothing any reader of the
model can see changes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from pydantic import BaseModel

from aukus_check.models import Claim, Cue

_SHARED: dict[type, list[set[str]]] = {}
"""Per model class, its shared sets: one per distinct set of field names (one or two a class)."""


def share_fields_set(model: BaseModel) -> None:
    """Give a frozen model instance the shared set equal to its own set of given fields."""
    own = model.__pydantic_fields_set__
    known = _SHARED.setdefault(type(model), [])
    for shared in known:  # comparing a short list of small sets: cheaper than hashing a key
        if shared is own:
            return
        if shared == own:
            object.__setattr__(model, "__pydantic_fields_set__", shared)
            return
    known.append(own)


_CUES: dict[tuple[Cue, ...], tuple[Cue, ...]] = {}
"""One tuple of cues per distinct run of cues (cues hash by kind and text)."""
_CUES_KEPT = 1 << 16


def _share_attribute(model: BaseModel, name: str, shared: object) -> None:
    """Put an equal, shared value in place of a frozen model's own (no reader can tell)."""
    if model.__dict__[name] is not shared:
        model.__dict__[name] = shared


def compact_claims(claims: Iterable[tuple[str, Claim]]) -> None:
    """Share what each claim repeats of others: its models' fields sets, its cues, its value."""
    for _, claim in claims:
        share_fields_set(claim)
        share_fields_set(claim.evidence)
        share_fields_set(claim.extractor)
        if claim.cues:
            cues = _CUES.get(claim.cues)
            if cues is None:
                for cue in claim.cues:
                    share_fields_set(cue)
                if len(_CUES) >= _CUES_KEPT:
                    _CUES.clear()
                cues = _CUES[claim.cues] = claim.cues
            _share_attribute(claim, "cues", cues)
        _share_attribute(claim, "value", sys.intern(claim.value))
        if claim.detail is not None:
            share_fields_set(claim.detail)
