"""The corpus: a directory of articles (.txt, .md, saved .html pages), read and segmented.

Article ids are file stems. Each article may open with a YAML front matter block (title,
published, outlet, author, url, reliability). Metadata missing from front matter is read from
the text: the title from the first non-empty line, the publication date from a header or
dateline. Page furniture is set aside; every sentence keeps its offsets into the original
file so evidence maps back to the right line and column. A saved web page is read through
html_pages: its main text is the article, its metadata stands in for front matter.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from aukus_check.errors import CorpusError, Location
from aukus_check.furniture import FurnitureLine, find_furniture
from aukus_check.html_pages import HTML_SUFFIXES, looks_like_html, read_page
from aukus_check.metadata import MONTHS, find_datelines, find_sources, parse_date_parts
from aukus_check.models import ArticleInfo, Diagnostic, FurnitureRange, PartialDate, Published
from aukus_check.outlets import OutletMatcher
from aukus_check.positions import LineIndex
from aukus_check.reads import NotReadable, inside, max_article_bytes, read_regular
from aukus_check.sentences import split_sentences
from aukus_check.sources import text_fingerprint
from aukus_check.written import infer_published
from aukus_check.yaml_source import check_events

ARTICLE_SUFFIXES = (".txt", ".md", *HTML_SUFFIXES)
ARTICLE_KINDS = ".txt, .md or .html"
FRONT_MATTER_KEYS = ("title", "published", "outlet", "author", "url", "reliability")
_BINARY_SNIFF = 8192
_FRONT_MATTER_OPEN = re.compile(r"---[ \t]*")
_FRONT_MATTER_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_PARTIAL_ISO = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"(?:Z|[+-](?P<offset_hour>\d{2}):?(?P<offset_minute>\d{2}))?)?)?)?"
)
_NATURAL_DATE = re.compile(
    r"(?:(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)\.?,?|(?P<month2>[A-Za-z]+)\.?\s+(?P<day2>\d{1,2}),?)"
    r"\s+(?P<year>\d{4})"
)
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")

try:  # the C loader parses front matter of thousands of articles several times faster
    _YamlLoader: Any = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _YamlLoader = yaml.BaseLoader


@dataclass(frozen=True, slots=True)
class Article:
    """An article's metadata, its text, and its body sentences as offsets into the text."""

    info: ArticleInfo
    text: str
    index: LineIndex
    sentences: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Corpus:
    """Every readable article of a corpus directory, in path order, and what was skipped."""

    path: str
    bundled: bool
    articles: tuple[Article, ...]
    diagnostics: tuple[Diagnostic, ...]
    not_read: int = 0
    """Entries of the corpus not read as articles (each has a warning in diagnostics)."""


def _warning(path: str, message: str, line: int | None = None, column: int | None = None) -> Diagnostic:
    return Diagnostic(severity="warning", path=path, line=line, column=column, message=message)


def shown_path(text: str) -> str:
    """A path as text that can always be printed: bytes that are not UTF-8 as \\xNN escapes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A corpus entry that is not read, and why; `fatal` when the gate must not pass without it."""

    path: Path
    message: str
    fatal: bool = False


def discover(root: Path) -> tuple[list[Path], list[Skipped]]:
    """Article files under root, recursively, in a stable order, and every entry not read.

    Hidden entries are left out silently. A symbolic link to a directory is not followed, and
    a link to a file outside the corpus, or anything that is not a regular file, is not read:
    each is named. A directory that cannot be listed is fatal: the gate must not pass on a
    corpus it could not read.
    """
    found: list[Path] = []
    skipped: list[Skipped] = []

    def failed(error: OSError) -> None:
        where = Path(error.filename) if error.filename else root
        skipped.append(Skipped(where, f"cannot read directory: {error.strerror}", fatal=True))

    for directory, subdirectories, files in os.walk(root, onerror=failed):
        kept = []
        for name in sorted(d for d in subdirectories if not d.startswith(".")):
            path = Path(directory, name)
            try:
                linked = path.is_symlink()
            except OSError as error:  # nested past the path limit: unreadable, so fatal
                skipped.append(Skipped(path, f"cannot read directory: {error.strerror}", fatal=True))
                continue
            if linked:
                skipped.append(Skipped(path, "is a symbolic link to a directory; not followed"))
            else:
                kept.append(name)
        subdirectories[:] = kept
        for name in files:
            if name.startswith("."):
                continue
            if not name.lower().endswith(ARTICLE_SUFFIXES):
                # a .pdf, .docx, .html or image the user may think is read: say it is not
                skipped.append(Skipped(Path(directory, name), f"is not a {ARTICLE_KINDS} article; not read"))
                continue
            path = Path(directory, name)
            try:
                if path.is_symlink() and not inside(root, path):
                    skipped.append(Skipped(path, "is a symbolic link that leaves the corpus; not read"))
                    continue
                mode = os.stat(path).st_mode
            except OSError as error:
                skipped.append(Skipped(path, f"cannot read article: {error.strerror}", fatal=True))
                continue
            if not stat.S_ISREG(mode):
                skipped.append(
                    Skipped(path, "is not a regular file (a FIFO, a device or a directory); not read")
                )
                continue
            found.append(path)
    return sorted(found, key=lambda path: path.relative_to(root).as_posix()), skipped


def _code(character: int | str) -> int:
    return ord(character) if isinstance(character, str) else character


def decode(data: bytes, display: str) -> tuple[str, str, Diagnostic | None]:
    """Text, encoding name, and a warning when the bytes were not valid UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00
        try:
            return data.decode("utf-32"), "utf-32", None
        except UnicodeDecodeError:
            text = data.decode("utf-32", errors="replace")
            return (
                text,
                "utf-32",
                _warning(display, "not valid UTF-32; undecodable bytes replaced with U+FFFD"),
            )
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", None
        except UnicodeDecodeError as error:
            text = data.decode("utf-16", errors="replace")
            line, column = LineIndex(data[: error.start].decode("utf-16", errors="replace")).end()
            message = "not valid UTF-16; undecodable bytes replaced with U+FFFD"
            return text, "utf-16", _warning(display, message, line, column)
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as error:
        line, column = LineIndex(data[: error.start].decode("utf-8", errors="replace")).end()
        byte = data[error.start]
    try:
        text, encoding, label = data.decode("cp1252"), "cp1252", "Windows-1252"
    except UnicodeDecodeError:
        text, encoding, label = data.decode("latin-1"), "latin-1", "Latin-1"
    message = f"not valid UTF-8 (byte 0x{byte:02X}); decoded as {label}, check the characters here"
    return text, encoding, _warning(display, message, line, column)


def is_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (a NUL byte near the start)."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in data[:_BINARY_SNIFF]


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """One article file to read: where it is, how to name it, its id."""

    path: Path
    shown: str
    id: str

    @property
    def markdown(self) -> bool:
        """Whether the file is Markdown (its title may be a '#' heading)."""
        return self.path.suffix.lower() == ".md"

    @property
    def html(self) -> bool:
        """Whether the file is a saved web page by its suffix."""
        return self.path.suffix.lower() in HTML_SUFFIXES


def discover_articles(root: Path, display: str) -> tuple[list[ArticleSource], list[Diagnostic]]:
    """The corpus's article files in path order, and a warning for each entry not read.

    CorpusError if there are none, if ids clash, or if part of the corpus cannot be read.
    """
    if not root.exists():
        raise CorpusError("corpus directory does not exist", Location(display))
    if not root.is_dir():
        raise CorpusError(
            "corpus is a file, not a directory",
            Location(display),
            hint="pass the directory that holds the articles",
        )
    paths, skipped = discover(root)

    def shown_of(path: Path) -> str:
        relative = path.relative_to(root).as_posix() if path != root else ""
        return shown_path(f"{display.rstrip('/')}/{relative}".rstrip("/"))

    for item in skipped:
        if item.fatal:
            raise CorpusError(
                item.message, Location(shown_of(item.path)), hint="the corpus must be read whole"
            )
    warnings = [_warning(shown_of(item.path), item.message) for item in skipped]
    if not paths:
        raise CorpusError(f"corpus has no {ARTICLE_KINDS} articles (searched recursively)", Location(display))
    sources = []
    owners: dict[str, str] = {}
    for path in paths:
        shown = shown_of(path)
        article_id = shown_path(path.stem)
        if article_id in owners:
            raise CorpusError(
                f"article id {article_id!r} is used by two files: {owners[article_id]} and {shown}",
                Location(shown),
                hint="article ids are file stems and must be unique; rename one file",
            )
        owners[article_id] = shown
        sources.append(ArticleSource(path, shown, article_id))
    return sources, warnings


@dataclass(frozen=True, slots=True)
class TextAsRead:
    """An article file's text as aukus-check reads it (a page: its main text under its metadata)."""

    text: str
    encoding: str
    page: bool


def read_source(source: ArticleSource) -> tuple[bytes | None, list[Diagnostic]]:
    """The file's bytes; None (with a warning) when it is not a regular file or too large."""
    try:
        return read_regular(source.path, max_article_bytes()), []
    except NotReadable as why:
        return None, [_warning(source.shown, f"skipped: {why}")]
    except OSError as error:
        raise CorpusError(f"cannot read article: {error.strerror}", Location(source.shown)) from error


def text_as_read(source: ArticleSource) -> tuple[TextAsRead | None, list[Diagnostic]]:
    """The file's text as read; None (with a warning) when it is binary, empty or a bare page."""
    data, diagnostics = read_source(source)
    return (None, diagnostics) if data is None else text_of(source, data)


def text_of(source: ArticleSource, data: bytes) -> tuple[TextAsRead | None, list[Diagnostic]]:
    """The text of a file's bytes as read; None (with a warning) when binary, empty or a bare page."""
    if is_binary(data):
        return None, [_warning(source.shown, "skipped: binary file, not a text article")]
    text, encoding, warning = decode(data, source.shown)
    diagnostics = [warning] if warning is not None else []
    if not text.strip():
        return None, [*diagnostics, _warning(source.shown, "skipped: empty article")]
    if not (source.html or looks_like_html(data)):
        return TextAsRead(text, encoding, page=False), diagnostics
    if not source.html:  # a page saved as .txt: its markup is not the article's text
        diagnostics.append(_warning(source.shown, "is an HTML page; read as one"))
    page = read_page(data, text)
    if page is None:
        return None, [*diagnostics, _warning(source.shown, "skipped: the page holds no article text")]
    return TextAsRead(page.as_text(), encoding, page=True), diagnostics


def read_article(
    source: ArticleSource, outlets: OutletMatcher, data: bytes | None = None
) -> tuple[Article | None, list[Diagnostic]]:
    """Read (or take the bytes of) one article and parse it; None (with a warning) when it is
    binary or empty."""
    read, diagnostics = text_as_read(source) if data is None else text_of(source, data)
    if read is None:
        return None, diagnostics
    markdown = source.markdown and not read.page
    article = parse_article(
        read.text, source.id, source.shown, read.encoding, outlets, markdown=markdown, page=read.page
    )
    return article, diagnostics


def no_readable_articles(display: str, skipped: int) -> CorpusError:
    """The error for a corpus whose every file was skipped."""
    return CorpusError(f"corpus has no readable articles ({skipped} skipped)", Location(display))


def load_corpus(root: Path, display: str, outlets: OutletMatcher, *, bundled: bool = False) -> Corpus:
    """Read every article under root into memory; raise CorpusError when nothing usable is there."""
    sources, diagnostics = discover_articles(root, display)
    not_read = len(diagnostics)  # discovery warns only of entries it sets aside
    articles: list[Article] = []
    for source in sources:
        article, warnings = read_article(source, outlets)
        diagnostics.extend(warnings)
        if article is not None:
            articles.append(article)
    if not articles:
        raise no_readable_articles(display, len(sources))
    not_read += len(sources) - len(articles)
    return Corpus(display, bundled, tuple(articles), tuple(diagnostics), not_read)


def parse_article(
    text: str,
    article_id: str,
    path: str,
    encoding: str,
    outlets: OutletMatcher,
    *,
    markdown: bool = False,
    page: bool = False,
) -> Article:
    """Segment one article's text and read its metadata; pure, so tests can call it directly.

    `page`: the text is a saved web page as read (html_pages.Page.as_text).
    """
    index = LineIndex(text)
    lines = index.lines()
    front, front_end = _front_matter(lines, path)
    candidates = [line_number > front_end for line_number in range(1, len(lines) + 1)]

    furniture = find_furniture(lines, candidates)
    furniture_lines = {item.line for item in furniture}
    not_furniture = [ok and (i + 1) not in furniture_lines for i, ok in enumerate(candidates)]
    # The title is the first line of article text: a "Skip to main content" above it is not.
    title_index = next((i for i, line in enumerate(lines) if not_furniture[i] and line.strip()), None)
    front_date = front["published"].date if "published" in front else None
    # Every dateline is header, never a sentence's date; the first gives the publication date.
    datelines = find_datelines(lines, not_furniture, title_index, front_date)
    dateline = datelines[0] if datelines else None
    header = {found.line for found in datelines}

    body = [ok and bool(lines[i].strip()) and (i + 1) not in header for i, ok in enumerate(not_furniture)]
    starts = {}
    for found in datelines:
        if found.lead_column is not None:  # "Tokyo, 12 May -- The navy ..."
            body[found.line - 1] = True
            starts[found.line - 1] = index.line_bounds(found.line)[0] + found.lead_column - 1
    sentences = tuple(_body_sentences(text, index, body, starts))

    if "title" in front:
        title, title_line = str(front["title"]), None
    elif title_index is not None:
        first = lines[title_index]
        title, title_line = (
            (_MARKDOWN_HEADING.sub("", first) if markdown else first).strip(),
            title_index + 1,
        )
    else:
        title, title_line = "", None

    published: Published | None = front.get("published")
    if published is None and dateline is not None:
        published = Published(
            date=dateline.date,
            source="header",
            text=dateline.text,
            line=dateline.line,
            column=dateline.column,
        )
    if published is None:  # not stated: inferred from the URL or the latest past date (written.py)
        url = _optional_text(front.get("url"))
        published = infer_published(text, index, sentences, url, front_end, title_line)
    copyright_lines = [item.line for item in furniture if item.reason == "copyright notice"]
    sources = find_sources(
        text,
        index,
        [i + 1 for i, is_body in enumerate(body) if is_body],
        copyright_lines,
        dateline.line if dateline else None,
        outlets,
    )
    info = ArticleInfo(
        id=article_id,
        path=path,
        title=title,
        title_line=title_line,
        published=published,
        outlet=_optional_text(front.get("outlet")),
        author=_optional_text(front.get("author")),
        url=_optional_text(front.get("url")),
        reliability=_optional_text(front.get("reliability")),
        sources=sources,
        encoding=encoding,
        furniture=tuple(_ranges(furniture)),
        extracted_from="html" if page else None,
        fingerprint=text_fingerprint(text, sentences),  # reposts of one text count as one source
    )
    return Article(info, text, index, sentences)


def _optional_text(value: object) -> str | None:
    return None if value is None else str(value)


def _body_sentences(
    text: str, index: LineIndex, body: list[bool], starts: dict[int, int]
) -> Iterator[tuple[int, int]]:
    """Sentences of each block of consecutive body lines (a line may start mid-way: `starts`)."""
    line = 0
    total = len(body)
    while line < total:
        if not body[line]:
            line += 1
            continue
        first = line
        while line < total and body[line] and (line == first or line not in starts):
            line += 1  # a line that starts mid-way (after its dateline) opens a block of its own
        start = starts.get(first, index.line_bounds(first + 1)[0])
        end = index.line_bounds(line)[1]
        yield from split_sentences(text, start, end)


def _ranges(furniture: list[FurnitureLine]) -> Iterator[FurnitureRange]:
    current: FurnitureRange | None = None
    for item in furniture:
        if current and item.reason == current.reason and item.line == current.end_line + 1:
            current = FurnitureRange(start_line=current.start_line, end_line=item.line, reason=item.reason)
            continue
        if current:
            yield current
        current = FurnitureRange(start_line=item.line, end_line=item.line, reason=item.reason)
    if current:
        yield current


def _front_matter(lines: list[str], path: str) -> tuple[dict[str, Any], int]:
    """Parsed front matter and the 1-based line number of its closing delimiter (0 if none)."""
    if not lines or not _FRONT_MATTER_OPEN.fullmatch(lines[0]):
        return {}, 0
    close = next((i for i in range(1, len(lines)) if _FRONT_MATTER_CLOSE.fullmatch(lines[i])), None)
    if close is None:
        raise CorpusError(
            "front matter opened on line 1 is never closed",
            Location(path, 1, 1),
            hint="end it with a line holding only '---'",
        )
    source = "\n".join(lines[1:close])
    try:
        check_events(yaml.parse(source, Loader=_YamlLoader), path, CorpusError, first_line=2)
        node = yaml.compose(source, Loader=_YamlLoader)
        # Every scalar stays text (no YAML 1.1 guessing: "2024-02-30" is not a crash, "no" is
        # not False); dates are parsed here, with their own error.
        values = yaml.load(source, Loader=_YamlLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 2 if mark else 2
        column = mark.column + 1 if mark else 1
        raise CorpusError(
            f"front matter is not valid YAML: {error.problem}", Location(path, line, column)
        ) from error
    except yaml.reader.ReaderError as error:  # a character YAML does not allow: no mark, a position
        before = source[: error.position]
        line, column = before.count("\n") + 2, len(before) - (before.rfind("\n") + 1) + 1
        raise CorpusError(
            f"front matter is not valid YAML: character U+{_code(error.character):04X} is not allowed",
            Location(path, line, column),
        ) from error
    if values is None:
        return {}, close + 1
    if not isinstance(values, dict) or not isinstance(node, yaml.MappingNode):
        raise CorpusError("front matter must be a mapping of keys to values", Location(path, 2, 1))
    positions: dict[str, tuple[int, int, Any]] = {}
    for key, value in node.value:
        if str(key.value) in positions:  # PyYAML keeps the last silently: say which one is doubled
            raise CorpusError(
                f"front matter key {str(key.value)!r} is given twice",
                Location(path, key.start_mark.line + 2, key.start_mark.column + 1),
            )
        positions[str(key.value)] = (key.start_mark.line + 2, key.start_mark.column + 1, value.start_mark)
    result: dict[str, Any] = {}
    for key, value in values.items():
        line, column, value_mark = positions.get(str(key), (2, 1, None))
        if key not in FRONT_MATTER_KEYS:
            raise CorpusError(
                f"unknown front matter key {key!r}; expected one of: {', '.join(FRONT_MATTER_KEYS)}",
                Location(path, line, column),
            )
        value_location = (
            Location(path, value_mark.line + 2, value_mark.column + 1)
            if value_mark
            else Location(path, line, column)
        )
        if value is None or value == "":
            continue
        if key == "published":
            result[key] = _front_matter_date(value, value_location)
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            result[key] = str(value)
        else:
            raise CorpusError(
                f"front matter key {key!r} must be text, got {type(value).__name__}", value_location
            )
    return result, close + 1


def _front_matter_date(value: object, location: Location) -> Published:
    text = str(value).strip()
    date = _parse_date_text(text) if isinstance(value, str) else None
    if date is None:
        raise CorpusError(
            f"front matter 'published' is not a date: {text!r}",
            location,
            hint="write it as 2024-03-04, 2024-03, 2024 or '4 March 2024'",
        )
    assert location.line is not None and location.column is not None
    return Published(date=date, source="front_matter", text=text, line=location.line, column=location.column)


def _parse_date_text(text: str) -> PartialDate | None:
    iso = _PARTIAL_ISO.fullmatch(text)
    if iso:
        year = int(iso.group("year"))
        limits = {"hour": 23, "minute": 59, "second": 60, "offset_hour": 23, "offset_minute": 59}
        if year < 1 or any(iso.group(name) and int(iso.group(name)) > top for name, top in limits.items()):
            return None  # year 0, or a time the clock lacks: "2024-01-01T25:99"
        if iso.group("month") is None:
            return PartialDate(year=year)
        day = int(iso.group("day")) if iso.group("day") else None
        return parse_date_parts(year, int(iso.group("month")), day)
    natural = _NATURAL_DATE.fullmatch(text)
    if natural:
        month_name = (natural.group("month") or natural.group("month2")).lower()
        day_text = natural.group("day") or natural.group("day2")
        if month_name in MONTHS and int(natural.group("year")) >= 1:
            return parse_date_parts(int(natural.group("year")), MONTHS[month_name], int(day_text))
    return None
