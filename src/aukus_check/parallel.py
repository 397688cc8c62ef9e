"""Reading and extracting articles in worker processes, results in corpus order.

Each article is independent until comparison, so the per-article work (read, decode,
segment, scan) fans out to one process per CPU; results come back in the order the
articles were given, so the report is byte-identical whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from aukus_check.cache import ArticleCache
from aukus_check.corpus import ArticleSource
from aukus_check.engine import ArticleResult, process_article
from aukus_check.errors import AukusError
from aukus_check.rules import RuleSet, load_rules

_RULES: RuleSet | None = None
"""The compiled rules in a worker: inherited when forked, loaded once when spawned."""
_CACHE: ArticleCache | None = None
"""The extraction cache a worker reads and writes (each worker has its own copy)."""


def _start(rules_file: str, rules_display: str, cache: ArticleCache | None, exact: bool) -> None:
    global _RULES, _CACHE
    if _RULES is None:
        _RULES = load_rules(Path(rules_file), rules_display)
        if exact:  # as the parent decided (probe_index.py)
            _RULES.probe_index.use_set()
    _CACHE = cache


def _work(source: ArticleSource) -> tuple[ArticleResult | None, AukusError | None]:
    assert _RULES is not None, "the pool initialiser sets the rules"
    try:
        # the parent looked the cache up first: a worker gets only the articles it lacks
        return process_article(source, _RULES, _CACHE, look_up=_CACHE is None), None
    except AukusError as error:  # an input error: the parent raises it, in corpus order
        return None, error


class ArticlePool:
    """A pool of worker processes that turn article files into ArticleResults."""

    def __init__(self, pool: multiprocessing.pool.Pool, workers: int) -> None:
        self._pool = pool
        self._workers = workers

    def map(self, sources: Iterable[ArticleSource]) -> Iterator[ArticleResult]:
        """Results in the order of `sources`; the first input error in that order is raised."""
        items = list(sources)
        chunk = max(1, min(64, len(items) // (self._workers * 8)))
        for result, error in self._pool.imap(_work, items, chunksize=chunk):
            if error is not None:
                raise error
            assert result is not None
            yield result


@contextmanager
def article_pool(
    rules: RuleSet, rules_file: Path, workers: int, cache: ArticleCache | None = None
) -> Iterator[ArticlePool]:
    """Start `workers` processes sharing the compiled rules (and cache); stop them on the way out."""
    global _RULES
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    _RULES = rules if context.get_start_method() == "fork" else None
    pool = context.Pool(
        workers, initializer=_start, initargs=(str(rules_file), rules.path, cache, rules.probe_index.exact)
    )
    try:
        yield ArticlePool(pool, workers)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
        _RULES = None
