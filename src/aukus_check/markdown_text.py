"""Untrusted text as inert Markdown: every character renders as itself and none becomes syntax.

Article text, titles, paths and rules labels reach the briefing through `escape` (a whole
value on one line) or `escape_inline` (a piece of a line, e.g. part of a quote). CommonMark
lets a backslash escape any ASCII punctuation, so escaping is always safe; the question is
only how much to escape for the Markdown source to stay readable:

- everywhere: the characters that can open or close inline syntax or a table cell, wherever
  they stand: \\ ` * _ { } [ ] < > # | ~ & ! (code spans, emphasis, links and images,
  autolinks and raw HTML, entities, cell separators, heading closers, strikethrough);
- at the start of a value only: - + = and the "." or ")" after leading digits, which make
  list items, setext underlines and thematic breaks only at the start of a line. In the
  middle of a line "U.S.-led (2024)" cannot form syntax once every [ and < is escaped, so
  it stays as written.

Line breaks, tabs and other whitespace runs fold to one space, so a value never starts a
new block; control and invisible formatting characters become visible escapes (safe_text).
Tests parse escaped hostile text in every position the briefing uses and check that it
renders as exactly the original text, with no link, image, HTML or code token.
"""

from __future__ import annotations

import re

from aukus_check.safe_text import printable

# "_" between two letters or digits cannot open or close emphasis ("file_name" stays as is).
_INLINE_SYNTAX = re.compile(r"[\\`*{}\[\]<>#|~&!]|_(?![^\W_])|(?<![^\W_])_")
_LEADING_BLOCK = re.compile(r"^(?:[-+=]|\d{1,9}(?=[.)](?: |$)))")
_WHITESPACE_RUN = re.compile(r"\s+")


def fold(text: str) -> str:
    """Every run of whitespace, line breaks and tabs included, folded to one space."""
    return _WHITESPACE_RUN.sub(" ", text)


def escape_inline(text: str) -> str:
    """A piece of a line: whitespace folded, control codes visible, inline syntax escaped."""
    return _INLINE_SYNTAX.sub(r"\\\g<0>", printable(fold(text)))


def _escape_leading(match: re.Match[str]) -> str:
    marker = match.group()
    return "\\" + marker if not marker[0].isdigit() else marker + "\\"


def escape(text: str) -> str:
    """A whole value on one line, safe anywhere in a paragraph, list item, heading or table cell."""
    return _LEADING_BLOCK.sub(_escape_leading, escape_inline(text.strip()), count=1)
