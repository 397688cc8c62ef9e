"""safe_text at its edges: which characters are escaped, how, and which pass through.

Written for the mutation run (tests/mutation/run.py); the sentences are the tests' own.
"""

from __future__ import annotations

import json

import pytest

from aukus_check.safe_text import json_safe, one_line, printable


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("bell\x07", "bell\\x07"),
        ("nul\x00", "nul\\x00"),
        ("esc\x1b[31mred", "esc\\x1b[31mred"),  # ANSI colour: the CSI introducer is shown, not run
        ("del\x7f", "del\\x7f"),
        ("c1 csi\x9b2J", "c1 csi\\x9b2J"),  # the 8-bit CSI of C1
        ("c1 first\x80 last\x9f", "c1 first\\x80 last\\x9f"),
        ("rlo\u202eevil", "rlo\\u202eevil"),
        ("isolate\u2066x\u2069", "isolate\\u2066x\\u2069"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("arabic mark\u061c", "arabic mark\\u061c"),
        ("bom\ufeff", "bom\\ufeff"),
        ("joiner\u2060", "joiner\\u2060"),
    ],
    ids=lambda value: ascii(value)[1:-1],
)
def test_unsafe_characters_are_shown_as_escapes(text: str, shown: str) -> None:
    assert printable(text) == shown


@pytest.mark.parametrize(
    "text",
    [
        "tab\there and a\nnewline",  # the caller deals with those two
        "Latin-1 stays: caf\u00e9 \u00a0 \u00ff",  # 0xA0 and up are printable
        "Nearby but harmless: \u2065 \u2070 \u200a \u2029 \u2030",
        "Emoji and CJK: \U0001f600 \u65e5\u672c",
    ],
    ids=["tab-newline", "latin1", "near-misses", "emoji-cjk"],
)
def test_printable_text_is_left_alone(text: str) -> None:
    assert printable(text) == text


def test_an_escape_is_two_hex_digits_up_to_ff_and_four_above() -> None:
    assert printable("\x01") == "\\x01"
    assert printable("\x9f") == "\\x9f"
    assert printable("\u200e") == "\\u200e"


def test_one_line_folds_whitespace_runs_and_trims_before_escaping() -> None:
    assert one_line("  The  minister\n\n said\t\tno.\r\n ") == "The minister said no."
    assert one_line("a\x0bb") == "a b"  # a vertical tab is whitespace: folded, not escaped
    assert one_line("x\u202ey") == "x\\u202ey"
    assert one_line("") == ""


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("\x7f", "\\u007f"),
        ("\x85", "\\u0085"),  # NEL, a C1 control
        ("\x9b", "\\u009b"),
        ("\u061c", "\\u061c"),
        ("\u200b", "\\u200b"),
        ("\u200f", "\\u200f"),
        ("\u202a", "\\u202a"),
        ("\u202e", "\\u202e"),
        ("\u2060", "\\u2060"),
        ("\u2064", "\\u2064"),
        ("\u2066", "\\u2066"),
        ("\u2069", "\\u2069"),
        ("\ufeff", "\\ufeff"),
    ],
    ids=lambda value: ascii(value)[1:-1],
)
def test_json_safe_escapes_each_unsafe_character_as_u_escape(raw: str, safe: str) -> None:
    data = json.dumps({"sentence": f"a{raw}b"}, ensure_ascii=False).encode("utf-8")
    out = json_safe(data)
    assert out == ('{"sentence": "a' + safe + 'b"}').encode("ascii")
    assert json.loads(out) == {"sentence": f"a{raw}b"}  # the same value


def test_json_safe_leaves_other_utf8_alone() -> None:
    data = json.dumps({"s": "caf\u00e9 \u00a0 \u2014 \u2070 \u65e5"}, ensure_ascii=False).encode("utf-8")
    assert json_safe(data) == data
