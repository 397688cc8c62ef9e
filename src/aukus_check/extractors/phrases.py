"""Literal phrases (lexicon terms, family aliases) to RE2 source with forgiving spacing.

A space in a phrase matches any run of spaces or a hyphen; a hyphen matches a hyphen, a
space or nothing ("anti-submarine" finds "anti submarine" and "antisubmarine"); an
apostrophe matches straight or curly; a trailing `*` matches the rest of the word
("cyber*" finds "cyberweapons", "cybersécurité"). Whole-word phrases get word boundaries
where they begin or end with an ASCII letter or digit (RE2's \b is ASCII-only).
"""

from __future__ import annotations

import functools
import re

_SEPARATOR = r"[\s\p{Zs}\-\x{2010}\x{2011}]"


def _ascii_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


@functools.lru_cache(maxsize=65536)  # a lexicon's forms recur in every pattern that names it
def phrase_regex(text: str, *, case_sensitive: bool | None = None, whole_words: bool = True) -> str:
    """RE2 source for one phrase; case_sensitive None leaves the enclosing flags alone."""
    phrase = text.strip()
    prefix_only = phrase.endswith("*")
    if prefix_only:
        phrase = phrase[:-1]
    parts: list[str] = []
    for char in phrase:
        if char.isspace():
            if not parts or parts[-1] != f"{_SEPARATOR}+":
                parts.append(f"{_SEPARATOR}+")
        elif char in "-\u2010\u2011":
            parts.append(f"{_SEPARATOR}?")
        elif char in "'’":
            parts.append("['’]")
        else:
            parts.append(re.escape(char))
    body = "".join(parts)
    if prefix_only:
        body += r"[\p{L}\p{N}_]*"
    if whole_words:
        # RE2's \b only knows ASCII word characters: use it where the phrase edge is one.
        # A phrase that starts or ends with "É" or "ö" is matched without a boundary there.
        if _ascii_word(phrase[:1]):
            body = r"\b" + body
        if not prefix_only and _ascii_word(phrase[-1:]):
            body += r"\b"
    if case_sensitive is True:
        return f"(?-i:{body})"
    if case_sensitive is False:
        return f"(?i:{body})"
    return f"(?:{body})"


def alternation(phrases: list[str], *, case_sensitive: bool | None = None, whole_words: bool = True) -> str:
    """One RE2 group matching any of the phrases, longest first so the longest wins."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    inner = "|".join(phrase_regex(p, whole_words=whole_words) for p in ordered)
    if case_sensitive is True:
        return f"(?-i:{inner})"
    if case_sensitive is False:
        return f"(?i:{inner})"
    return f"(?:{inner})"
