"""Character offsets to 1-based line and column numbers in the original file."""

from __future__ import annotations

import re
from bisect import bisect_right

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Maps character offsets of a text to (line, column); both 1-based, columns in code points."""

    __slots__ = ("_ends", "_starts", "_text")

    def __init__(self, text: str) -> None:
        starts = [0]
        ends = []
        for match in _LINE_BREAK.finditer(text):
            ends.append(match.start())
            starts.append(match.end())
        ends.append(len(text))
        self._starts = starts
        self._ends = ends
        self._text = text

    def __len__(self) -> int:
        """Number of lines (a trailing newline does not open an extra counted line of text)."""
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column of a character offset."""
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def end(self) -> tuple[int, int]:
        """Line and column just past the last character (where text appended would start)."""
        return self.position(len(self._text))

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 1-based line and column."""
        return self._starts[line - 1] + column - 1

    def line_bounds(self, line: int) -> tuple[int, int]:
        """Start and end offsets of a 1-based line, without its line break."""
        return self._starts[line - 1], self._ends[line - 1]

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start, end = self.line_bounds(line)
        return self._text[start:end]

    def lines(self) -> list[str]:
        """Every line's text, without line breaks."""
        text = self._text
        return [text[s:e] for s, e in zip(self._starts, self._ends, strict=True)]
