"""Claims that came back from a worker or the cache share their models' fields sets, and are
otherwise the same claims."""

from __future__ import annotations

import pickle

import pytest

from aukus_check.compact import compact_claims
from aukus_check.corpus import load_corpus
from aukus_check.engine import extract_claims
from aukus_check.models import Claim
from aukus_check.rules import load_rules
from tests.conftest import RULES, SEEDS


@pytest.fixture(scope="module")
def claims() -> tuple[tuple[str, Claim], ...]:
    rules = load_rules(RULES, "rules/aukus.yaml")
    corpus = load_corpus(SEEDS, "seeds", rules.outlets)
    found = tuple(pair for article in corpus.articles for pair in extract_claims(article, rules))
    return pickle.loads(pickle.dumps(found))  # as a worker's result arrives: every set its own


def test_compacted_claims_share_one_fields_set_per_shape(claims: tuple[tuple[str, Claim], ...]) -> None:
    before = [claim.model_dump_json() for _, claim in claims]
    evidence_sets = {id(claim.evidence.__pydantic_fields_set__) for _, claim in claims}
    assert len(evidence_sets) == len(claims)  # the premise: one set per instance
    compact_claims(claims)
    assert len({id(claim.evidence.__pydantic_fields_set__) for _, claim in claims}) == 1
    assert len({id(claim.__pydantic_fields_set__) for _, claim in claims}) <= 2  # with or without detail
    assert [claim.model_dump_json() for _, claim in claims] == before
    assert all(claim.model_fields_set == set(claim.__pydantic_fields_set__) for _, claim in claims)
    # equal cues and equal values are one object each
    cued = [claim for _, claim in claims if claim.cues]
    assert len({id(claim.cues) for claim in cued}) == len({claim.cues for claim in cued}) < len(cued)
    assert len({id(claim.value) for _, claim in claims}) == len({claim.value for _, claim in claims})


def test_a_copy_of_a_compacted_claim_does_not_change_the_shared_set(
    claims: tuple[tuple[str, Claim], ...],
) -> None:
    compact_claims(claims)
    first, second = claims[0][1], claims[1][1]
    shared = set(first.__pydantic_fields_set__)
    copied = first.model_copy(update={"hedged": not first.hedged})
    assert copied.hedged is not first.hedged
    assert first.__pydantic_fields_set__ == shared == second.__pydantic_fields_set__
    with pytest.raises(ValueError, match="frozen"):
        first.hedged = True  # type: ignore[misc]
