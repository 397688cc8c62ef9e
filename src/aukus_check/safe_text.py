"""Make untrusted text safe to show in a terminal: no control codes, no invisible reordering."""

from __future__ import annotations

import re

# C0 and C1 controls (except tab and newline, handled by the caller), DEL, and the format
# characters that can hide or reorder text on screen (bidi overrides and isolates, zero-width
# characters, BOM). Each is shown as a visible escape instead of being sent to the terminal.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# The same characters in UTF-8 JSON, apart from C0, which JSON itself escapes. Each is a whole
# character: its first byte is ASCII or a lead byte, never a continuation of another.
_UNSAFE_IN_JSON = re.compile(
    rb"\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa0-\xa4\xa6-\xa9]|\xef\xbb\xbf"
)
_WHITESPACE_RUN = re.compile(r"\s+")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Escape control and invisible formatting characters so text prints literally."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """Printable text with every run of whitespace (line breaks included) folded to one space."""
    return printable(_WHITESPACE_RUN.sub(" ", text).strip())


def _json_escape(match: re.Match[bytes]) -> bytes:
    return f"\\u{ord(match.group().decode('utf-8')):04x}".encode("ascii")


def json_safe(data: bytes) -> bytes:
    """UTF-8 JSON with DEL, C1 controls and invisible formatting characters written as \\u
    escapes: the same JSON value, which no longer reorders or hides text where it is shown."""
    return _UNSAFE_IN_JSON.sub(_json_escape, data)
