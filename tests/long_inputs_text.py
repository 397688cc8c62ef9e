"""Very long inputs, written for the purpose: one large article and one endless sentence.

Shared by tests/test_long_inputs.py (which asserts what the tool reads in them) and
benchmarks/long_inputs.py (which times them). Deterministic: the same size gives the same
text. The sentences exercise every kind the bundled rules use (dates, amounts, officials
with surnames that only an earlier full name explains, stances, scope sets), with the names
spread along the whole article, so a whole-text look-back per mention shows as quadratic.
"""

from __future__ import annotations

_SYLLABLES = ("ka", "to", "mi", "ra", "shi", "no", "be", "ru", "ya", "da", "ko", "su", "ne", "wa", "ho", "ri")


def invented_name(number: int, syllables: int = 3) -> str:
    """A capitalised name no registry holds: 'Katomi', 'Rashino', ... (distinct per number)."""
    parts = []
    for _ in range(syllables):
        number, digit = divmod(number, len(_SYLLABLES))
        parts.append(_SYLLABLES[digit])
    return "".join(parts).capitalize()


PEOPLE = 64
"""Distinct invented people in the large article. Every paragraph names one (its surname alone
after its full name), so the official kind looks names up all along the article; a field with
thousands of distinct values would instead measure the comparison, which counts pairs."""


def _paragraph(number: int) -> str:
    person = number % PEOPLE
    given, surname = invented_name(person), invented_name(person + 7919, 4)
    year = 2000 + number % 24
    billions = number % 90 + 1
    return (
        f"{given} {surname}, a former diplomat, flew to Canberra on Monday for talks on defence "
        f"technology. Japanese Defense Minister {surname} told reporters the visit had been planned "
        f"since {year}. "
        "Tokyo welcomed the prospect of working with AUKUS on hypersonic and cyber projects, "
        "while Beijing voiced strong opposition to the grouping. "
        f"Analysts put the value of the scrapped French submarine deal at {billions} billion euros, "
        "and officials said no decision on Japan joining the partnership had been taken.\n\n"
    )


def large_article(size: int) -> str:
    """An article of about `size` bytes: a title, a dateline, then paragraphs until it is full."""
    parts = ["Japan and the AUKUS partners: a long record\n\n", "TOKYO, May 2 (Wire) - "]
    total = sum(len(part) for part in parts)
    number = 0
    while total < size:
        paragraph = _paragraph(number)
        parts.append(paragraph)
        total += len(paragraph)
        number += 1
    return "".join(parts)


def endless_sentence(words: int) -> str:
    """An article whose body is one sentence of about `words` words, never ending in a period."""
    clauses = (
        "Japan welcomed closer work with AUKUS on Pillar II",
        "China opposed the pact",
        "Australia said talks would take time",
        "the United States called Japan a natural partner",
        "officials met in Tokyo on Monday",
    )
    body: list[str] = []
    count = 0
    index = 0
    while count < words:
        clause = clauses[index % len(clauses)]
        body.append(clause)
        count += len(clause.split()) + 1
        index += 1
    return "A sentence without end\n\n" + ", and ".join(body) + "\n"
