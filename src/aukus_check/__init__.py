"""aukus-check: what a pile of articles on one topic says, fact by fact, with the quote behind every value."""

__version__ = "0.1.0"
