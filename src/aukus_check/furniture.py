"""Page furniture: lines that a scraper kept but that are not the article's text.

Nothing is extracted from furniture: summary prompts, previous/next-article links and the
headlines after them, comment forms, social links, related posts, subscription notices,
copyright lines, and the short lines (author bios, link lists) of a page footer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_SOCIAL = (
    r"facebook|twitter|x|youtube|linkedin|instagram|whatsapp|telegram|reddit|email|e-mail"
    r"|print|pinterest|tiktok|threads|bluesky|flipboard|copy link"
)

# (reason, pattern matched against the whole stripped line, case-insensitively,
#  whether this kind of line opens a page footer)
_LINE_RULES: tuple[tuple[str, str, bool], ...] = (
    (
        "summary prompt",
        r"no time to read\??|get (?:a|the) summary|summari[sz]e (?:this|the) article",
        False,
    ),
    ("navigation link", r"(?:previous|next|prev)(?: article| post| story)?", True),
    ("page navigation", r"back to top|skip to (?:main )?content|(?:main )?menu|search", False),
    (
        "related links",
        r"related(?: posts?| articles?| stories| content| news| topics)?:?"
        r"|you (?:may|might) (?:also )?(?:be interested in|like)\b.*|read (?:more|also|next)\b.*"
        r"|see also\b.*|more (?:from|on|stories)\b.*|recommended(?: for you| stories| articles| reading)?"
        r"|most (?:read|popular|viewed)|trending(?: now)?|(?:tags?|topics?|filed under|posted in):.*",
        True,
    ),
    (
        "comment form",
        r"leave a (?:reply|comment)|post a comment|add a comment|\d* ?comments?(?: \(\d+\))?"
        r"|your email address will not be published\.?.*|required fields are marked.*"
        r"|(?:name|email|website|comment) ?\*|save my name, email.*|cancel reply|join the conversation",
        True,
    ),
    (
        "social links",
        rf"follow us(?: on [\w ]+)?:?|share(?: this)?(?: article| story| post)?(?: on \w+)?:?|tweet"
        rf"|(?:(?:{_SOCIAL})[\s,|·•/]*){{1,12}}",
        True,
    ),
    (
        "subscription notice",
        r"(?:subscribe|sign up|log ?in|register)\b.*(?:newsletter|subscri|account|free|access).*"
        r"|with your current subscription plan.*|you have \d+ free articles?.*"
        r"|already a subscriber\??.*|subscribe(?: now| today)?",
        True,
    ),
    ("copyright notice", r"(?:©|\(c\)|copyright\b).*|all rights reserved\.?", True),
    ("advertisement", r"advertisement|sponsored(?: content)?|ad", False),
    ("reading time", r"\d+ ?(?:min|minute)s? read", False),
)
_MATCHERS = tuple(
    (reason, re.compile(pattern, re.IGNORECASE), opens_footer)
    for reason, pattern, opens_footer in _LINE_RULES
)
_MAX_FURNITURE_LINE = 300
"""Longer lines are prose; no furniture pattern is tried on them."""
_FOOTER_LINE_MAX = 160
"""A page footer holds only short lines (names, bios, link lists, headlines)."""
_LINKED_HEADLINE_AFTER = ("navigation link",)


@dataclass(frozen=True, slots=True)
class FurnitureLine:
    """A line (1-based) that is not article text, and why."""

    line: int
    reason: str


def _line_reason(stripped: str) -> tuple[str, bool] | None:
    if not stripped or len(stripped) > _MAX_FURNITURE_LINE:
        return None
    for reason, matcher, opens_footer in _MATCHERS:
        if matcher.fullmatch(stripped):
            return reason, opens_footer
    return None


def find_furniture(lines: Sequence[str], candidates: Sequence[bool]) -> list[FurnitureLine]:
    """Classify lines; only lines whose `candidates` flag is set (not front matter) are examined."""
    reasons: dict[int, str] = {}
    footer_markers: list[int] = []
    pending_headline = False
    for index, line in enumerate(lines):
        if not candidates[index]:
            continue
        stripped = line.strip()
        found = _line_reason(stripped)
        if found is not None:
            reason, opens_footer = found
            reasons[index] = reason
            if opens_footer:
                footer_markers.append(index)
            pending_headline = reason in _LINKED_HEADLINE_AFTER
        elif stripped and pending_headline:
            if len(stripped) <= _FOOTER_LINE_MAX:  # a headline is short; long prose is the article
                reasons[index] = "linked headline"
            pending_headline = False
    nonblank = [i for i, line in enumerate(lines) if candidates[i] and line.strip()]
    halfway = nonblank[len(nonblank) // 2] if nonblank else 0
    for marker in footer_markers:
        if marker < halfway:  # share buttons under a headline do not start a footer
            continue
        after = range(marker + 1, len(lines))
        if all(
            index in reasons or len(lines[index].strip()) <= _FOOTER_LINE_MAX or not candidates[index]
            for index in after
        ):
            for index in after:
                if candidates[index] and lines[index].strip() and index not in reasons:
                    reasons[index] = f"page footer after line {marker + 1}"
            break
    return [FurnitureLine(index + 1, reason) for index, reason in sorted(reasons.items())]
