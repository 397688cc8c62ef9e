"""Saved web pages (.html, .htm) as articles: the main text and the page's own metadata.

A news page is mostly navigation, teasers, cookie banners and footers; reading its markup as
text would make "Subscribe" a sentence and the doctype a title. trafilatura, made for news
pages, keeps the article body and reads title, publication date, outlet, author and canonical
URL from the page's metadata (Open Graph, JSON-LD, <meta>). It is imported only when a corpus
holds a page, so start-up and text-only corpora never pay for it.

The article as aukus-check reads a page is a text article: a front matter block made of the
page's metadata, then the main text, one paragraph per line. Evidence points into that text,
which `aukus-check text FILE` prints, so every line:column can be followed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from aukus_check.metadata import MONTHS, parse_date_parts

HTML_SUFFIXES = (".html", ".htm")
_SNIFF = 1024
_LOOKS_LIKE_HTML = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL
)
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# htmldate rejects dates after `max_date`, which defaults to today: a fixed bound keeps the
# reading of a page independent of the day it is read (a page dated ahead is still read).
_DATE_OPTIONS: dict[str, Any] = {
    "extensive_search": False,  # the page's metadata only, never a date guessed from its text
    "original_date": True,  # the publication date, not the last modification
    "max_date": "2999-12-31",
}


@dataclass(frozen=True, slots=True)
class Page:
    """What a page holds for aukus-check: its main text and metadata (None where not stated)."""

    text: str
    title: str | None
    published: str | None
    outlet: str | None
    author: str | None
    url: str | None

    def as_text(self) -> str:
        """The page as a text article: its metadata as front matter, then its paragraphs."""
        front = {
            key: value
            for key, value in (
                ("title", self.title),
                ("published", self.published),
                ("outlet", self.outlet),
                ("author", self.author),
                ("url", self.url),
            )
            if value is not None
        }
        # safe_dump quotes and escapes whatever the page says: its metadata is untrusted text.
        # The block is written even when empty, so a body opening with "---" is never read as one.
        block = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1_000_000) if front else ""
        return f"---\n{block}---\n\n{self.text}"


def looks_like_html(data: bytes) -> bool:
    """Whether a file's bytes open as an HTML document (a page saved under another suffix)."""
    return _LOOKS_LIKE_HTML.match(data[:_SNIFF]) is not None


def read_page(data: bytes, markup: str) -> Page | None:
    """The page's main text and metadata; None when it holds no article text.

    `markup` is the page decoded as text: a date is kept only as precisely as it states it.
    """
    import trafilatura  # imported here: a heavy import that only corpora with pages need

    document = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,  # readers' comments are not the article
        include_tables=True,
        deduplicate=False,  # deduplication keeps state across calls: output would depend on order
        date_extraction_params=dict(_DATE_OPTIONS),
    )
    if document is None or isinstance(document, dict) or not (document.text or "").strip():
        return None
    return Page(
        text=_normalised(document.text or ""),
        title=_clean(document.title),
        published=_stated_date(document.date, markup),
        outlet=_clean(document.sitename) or _clean(document.hostname),
        author=_clean(document.author),
        url=_clean(document.url),
    )


def _normalised(text: str) -> str:
    """Paragraphs one per line, separated by a blank line, ending with a newline."""
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n\n".join(paragraphs) + "\n"


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _stated_date(value: object, markup: str) -> str | None:
    """The metadata's date, only as precise as the page states it: YYYY-MM-DD or YYYY-MM.

    htmldate fills what a page leaves out ("2024-02" becomes the 1st; "30 February" too), so
    its day is kept only when the page writes that day (ISO, a /YYYY/MM/DD/ path, or "17 June
    2024"); its month only when the page writes YYYY-MM. Otherwise no date: never a guessed one.
    """
    if not isinstance(value, str):
        return None
    found = _ISO_DAY.fullmatch(value.strip())
    if found is None:
        return None
    year, month, day = (int(part) for part in found.groups())
    if parse_date_parts(year, month, day) is None:
        return None
    names = "|".join(name for name, number in MONTHS.items() if number == month)
    day_pattern = rf"0?{day}(?:st|nd|rd|th)?"
    written_out = rf"\b(?:{day_pattern}\s+(?:{names})\.?,?|(?:{names})\.?\s+{day_pattern},?)\s+{year}\b"
    if (
        found.group(0) in markup
        or f"/{year:04d}/{month:02d}/{day:02d}/" in markup
        or re.search(written_out, markup, re.IGNORECASE) is not None
    ):
        return found.group(0)
    return f"{year:04d}-{month:02d}" if f"{year:04d}-{month:02d}" in markup else None
