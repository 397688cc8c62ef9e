"""The small support modules: positions, safe text, atomic writes, YAML positions, RE2 spans,
outlets, resources and errors."""

from __future__ import annotations

import bisect
import os
import pickle
from pathlib import Path

import pytest
import re2

from aukus_check import re2_spans
from aukus_check.errors import AukusError, CorpusError, Location, RulesError
from aukus_check.outlets import build_outlet_matcher
from aukus_check.positions import LineIndex
from aukus_check.resources import bundled_path
from aukus_check.safe_text import one_line, printable
from aukus_check.writes import write_atomic
from aukus_check.yaml_source import load_yaml

# --- positions ------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_index_counts_every_kind_of_line_break(newline: str) -> None:
    text = newline.join(["first", "second line", "", "Ōsaka café"])
    index = LineIndex(text)
    assert index.position(0) == (1, 1)
    assert index.position(text.index("line")) == (2, 8)
    assert index.position(text.index("café")) == (4, 7)  # columns count characters, not bytes
    assert index.line_text(4) == "Ōsaka café"
    assert index.lines() == ["first", "second line", "", "Ōsaka café"]
    assert index.end() == (4, 11)


# --- safe text ------------------------------------------------------------------------------


def test_printable_escapes_control_and_bidi_characters_but_keeps_text() -> None:
    assert printable("red \x1b[31mALERT\x1b[0m") == "red \\x1b[31mALERT\\x1b[0m"
    assert printable("abc\u202edef") == "abc\\u202edef"
    assert printable("zero\u200bwidth") == "zero\\u200bwidth"
    assert printable("[bold]Japan’s “pact”[/bold]") == "[bold]Japan’s “pact”[/bold]"
    assert printable("carriage\rreturn") == "carriage\\x0dreturn"


def test_one_line_folds_whitespace() -> None:
    assert one_line("  a\n b\t\tc  ") == "a b c"


# --- atomic writes --------------------------------------------------------------------------


def test_atomic_write_creates_with_umask_mode_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, b"first")
    assert target.read_bytes() == b"first"
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    target.chmod(0o640)
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert target.stat().st_mode & 0o777 == 0o640  # an existing file keeps its mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_interrupted_atomic_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old content")

    def crash(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new content that never lands")
    assert target.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # the temporary file is gone


# --- YAML positions -------------------------------------------------------------------------


def test_yaml_positions_of_keys_values_and_items() -> None:
    document = load_yaml("a: 1\nlist:\n  - x\n  - {k: v}\n", "f.yaml")
    assert document.data == {"a": 1, "list": ["x", {"k": "v"}]}
    assert str(document.location(("a",))) == "f.yaml:1:4"
    assert str(document.location(("a",), key=True)) == "f.yaml:1:1"
    assert str(document.location(("list", 1))) == "f.yaml:4:5"
    assert str(document.location(("list", 1, "k"))) == "f.yaml:4:9"
    assert str(document.location(("list", 1, "missing"))) == "f.yaml:4:5"  # nearest known ancestor


# --- RE2 spans ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"(?P<v>a+)(b)?", "aab ab a"),
        (r"x*", "Ōxx é x"),  # empty matches step over whole characters
        (r"\bJapan\b", "Japan’s Japanese Japan"),
        (r"a|", "ba a"),
    ],
)
def test_fast_spans_agree_with_the_public_api(pattern: str, text: str) -> None:
    """Same matches as the wrapper's str API (which steps over whole characters), in bytes."""
    regex = re2.compile(pattern)
    data = text.encode("utf-8")

    def to_bytes(span: tuple[int, int]) -> tuple[int, int]:
        if span[0] < 0:
            return span
        return len(text[: span[0]].encode()), len(text[: span[1]].encode())

    public = [[to_bytes(m.span(g)) for g in range(regex.groups + 1)] for m in regex.finditer(text)]
    assert [list(s) for s in re2_spans.iter_spans(regex, data)] == public
    assert [list(s) for s in re2_spans.all_spans(regex, data)] == public
    assert re2_spans.search(regex, data) == (regex.search(data) is not None)


def test_an_empty_match_past_the_search_start_is_found_once() -> None:
    """The wrapper's finditer yields such a match twice (it searches again from it); a claim
    found there twice would be one match read twice."""
    regex = re2.compile(r"\b")
    data = "é ab cd".encode()
    expected = [[(3, 3)], [(5, 5)], [(6, 6)], [(8, 8)]]
    assert [list(s) for s in re2_spans.iter_spans(regex, data)] == expected
    assert [list(s) for s in re2_spans.all_spans(regex, data)] == expected


def test_char_offsets_convert_bytes_to_characters() -> None:
    text = "Ōsaka café"
    to_char = re2_spans.char_offsets(text, text.encode("utf-8"))
    assert to_char(len("Ōsaka ".encode())) == len("Ōsaka ")


# --- outlets, resources, errors -------------------------------------------------------------


def test_outlet_aliases_are_canonicalised_and_extendable() -> None:
    matcher = build_outlet_matcher([("Example Daily", ["ExDaily"])])
    assert matcher.canonical_name("KYODO") == "Kyodo News"
    assert matcher.canonical_name("exdaily") == "Example Daily"
    assert matcher.canonical_name("Unknown Gazette") == "Unknown Gazette"
    assert [m.group() for m in matcher.pattern.finditer("per ExDaily and the Nikkei Asia report")] == [
        "ExDaily",
        "Nikkei Asia",
    ]


def test_bundled_seeds_and_rules_are_found() -> None:
    assert (bundled_path("seeds") / "000_3cc280a0dfded5b0.txt").is_file()
    assert bundled_path("rules/aukus.yaml").is_file()
    with pytest.raises(AukusError, match="missing from this installation"):
        bundled_path("no/such/thing")


def test_errors_render_as_one_line_and_survive_pickling() -> None:
    error = RulesError("bad value", Location("rules.yaml", 4, 7), hint="use a vocabulary value")
    assert str(error) == "rules.yaml:4:7: bad value (hint: use a vocabulary value)"
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is RulesError and str(copy) == str(error)
    assert str(CorpusError("gone", Location("dir"))) == "dir: gone"


def test_overlap_check_by_bisection_agrees_with_a_scan() -> None:
    # The resolver keeps each field's accepted spans sorted and asks only the last one that starts
    # before a new span's end; it must say what a scan of every accepted span says.
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from aukus_check.engine import _overlaps

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 4)), max_size=25))
    def check(candidates: list[tuple[int, int]]) -> None:
        taken: list[tuple[int, int]] = []
        for start, length in candidates:
            span = (start, start + length)
            scan = any(span[0] < end and begin < span[1] for begin, end in taken)
            assert _overlaps(taken, span) == scan, (taken, span)
            if not scan:
                bisect.insort(taken, span)

    check()
