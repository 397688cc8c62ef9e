"""Untrusted text in Markdown: escaped text renders as exactly itself, in every position the briefing uses."""

from __future__ import annotations

import random

import pytest
from markdown_it import MarkdownIt

from aukus_check.markdown_text import escape, escape_inline, fold
from aukus_check.safe_text import printable

PARSER = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")
"""Raw HTML is *on* here: the escaping must hold even for a renderer that would pass HTML through."""

# Where the briefing puts a value, and what the rendered text around it is.
CONTEXTS = {
    "paragraph": ("{x}", "{x}"),
    "mid-line": ("Said {x} here", "Said {x} here"),
    "first cell": ("| h | g |\n|---|---|\n| {x} | b |", "hg{x}b"),
    "last cell": ("| h | g |\n|---|---|\n| a | {x} |", "hga{x}"),
    "list item": ("- {x}", "{x}"),
    "nested item": ("- a\n  - {x}", "a{x}"),
    "quote block": ("> {x}", "{x}"),
    "heading": ("### {x}", "{x}"),
    "emphasis": ("See *{x}* here", "See <em>{x}</em> here"),
    "strong": ("**{x}**: value", "<strong>{x}</strong>: value"),
    "quotation": ("- *reported*: “{x}” (A1, line 3)", "<em>reported</em>: “{x}” (A1, line 3)"),
}
_STRUCTURE = {
    "paragraph_open",
    "paragraph_close",
    "heading_open",
    "heading_close",
    "bullet_list_open",
    "bullet_list_close",
    "list_item_open",
    "list_item_close",
    "blockquote_open",
    "blockquote_close",
    "table_open",
    "table_close",
    "thead_open",
    "thead_close",
    "tbody_open",
    "tbody_close",
    "tr_open",
    "tr_close",
    "th_open",
    "th_close",
    "td_open",
    "td_close",
}
_MARKS = {"em_open": "<em>", "em_close": "</em>", "strong_open": "<strong>", "strong_close": "</strong>"}


def rendered_text(source: str) -> tuple[str, list[str]]:
    """The text a reader sees (emphasis marked), and every token that is not plain structure."""
    seen, other = [], []
    for token in PARSER.parse(source):
        if token.type == "inline":
            for child in token.children or []:
                if child.type == "text":
                    seen.append(child.content)
                elif child.type in _MARKS:
                    seen.append(_MARKS[child.type])
                else:
                    other.append(child.type)
        elif token.type not in _STRUCTURE:
            other.append(token.type)
    return "".join(seen), other


def assert_inert(text: str) -> None:
    """In every context, the escaped text renders as the original (folded) text and nothing else."""
    expected = printable(fold(text.strip()))
    for name, (template, shown) in CONTEXTS.items():
        source = template.replace("{x}", escape(text))
        seen, other = rendered_text(source)
        assert (seen, other) == (shown.replace("{x}", expected), []), (name, text, source)


HOSTILE = [
    "[click](http://evil.example)",
    "![pixel](http://evil.example/p.png)",
    "<script>alert(1)</script>",
    "<b>bold</b> <img src=x onerror=alert(1)>",
    "<http://evil.example> and <mail@evil.example>",
    "&amp; &lt;b&gt; &#60;script&#62; &copy;",
    "| a | b |",
    "`code` and ``more``",
    "*em* **strong** _em_ __strong__ ***both***",
    "~~gone~~",
    "# heading",
    "## heading ##",
    "> quoted",
    "1. first",
    "1) first",
    "2024. The year",
    "- item",
    "+ item",
    "* item",
    "---",
    "***",
    "___",
    "===",
    "```python",
    "~~~",
    "    indented code",
    "\tTabbed",
    "line one\nline two\n\nparagraph",
    "trailing backslash \\",
    "hard break  \nnext",
    "[ref]: http://evil.example",
    "[ref]",
    "\\[escaped\\]",
    "a\x1b[31mred\x1b[0m \u202eevil \x00nul",
    "snake_case and _leading and trailing_",
    "http://bare.example www.bare.example",
    "{curly} (parens) #hash !bang",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_inert_everywhere(text: str) -> None:
    assert_inert(text)


def test_random_metacharacter_soup_is_inert_everywhere() -> None:
    alphabet = [
        *"\\`*_{}[]<>()#+-.!|~&=:/\"' \t\n1aé",
        "http://x.example",
        "&amp;",
        "&#60;",
        "<b>",
        "](",
        "![",
        "1.",
        "---",
        "```",
        "\x1b",
        "\u202e",
    ]
    generator = random.Random(5)  # fixed: the same strings every run
    for _ in range(1500):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(1, 9)))
        if text.strip():
            assert_inert(text)


def test_plain_prose_stays_readable() -> None:
    """Only what could start syntax is escaped: dots, hyphens and parentheses mid-line stay as written."""
    assert (
        escape("U.S.-led efforts (Sankei, 2024), version 2024.1")
        == "U.S.-led efforts (Sankei, 2024), version 2024.1"
    )
    assert escape("seeds/000_3cc280a0dfded5b0.txt") == "seeds/000_3cc280a0dfded5b0.txt"


def test_leading_block_markers_are_neutralised() -> None:
    assert escape("1. first") == "1\\. first"
    assert escape("12) twelfth") == "12\\) twelfth"
    assert escape("- item") == "\\- item"
    assert escape("+ item") == "\\+ item"
    assert escape("=== ") == "\\==="
    assert escape("# title") == "\\# title"
    assert escape("2024.1 release") == "2024.1 release"  # not a list marker: no space after the dot


def test_whitespace_folds_and_control_characters_show() -> None:
    assert escape("  a\n\n\tb  ") == "a b"
    assert escape("a\x1bb") == "a\\\\x1bb"  # printable's "\x1b", its backslash escaped for Markdown
    assert escape_inline(" a ") == " a "  # a piece of a line keeps its edges


def test_every_inline_metacharacter_is_escaped() -> None:
    for character in "\\`*{}[]<>#|~&!":
        assert escape(f"a{character}b") == f"a\\{character}b"
    assert escape("_x") == "\\_x"
    assert escape("x_") == "x\\_"
