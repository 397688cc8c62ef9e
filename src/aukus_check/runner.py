"""A run over a corpus directory: each article from the cache or read (in worker processes
when the corpus is large), then the report.

Kept apart from the engine, which reads one article: the worker processes (parallel.py) import
the engine, and this module imports them, so no module imports its own importer.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from aukus_check.cache import ArticleCache
from aukus_check.compact import compact_claims
from aukus_check.corpus import ArticleSource, discover_articles, read_source
from aukus_check.engine import ArticleResult, assemble_report, process_article
from aukus_check.models import Report
from aukus_check.probe_index import SET_MIN_ARTICLES
from aukus_check.rules import RuleSet


def run(
    corpus_dir: Path,
    corpus_display: str,
    rules: RuleSet,
    rules_file: Path,
    *,
    bundled: bool = False,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cache: ArticleCache | None = None,
) -> Report:
    """Read the corpus article by article (in parallel when it is large) and report.

    `rules_file` is where `rules` were loaded from, for worker processes that cannot inherit
    them; `progress(done, total)` is called after each article, for a caller that shows it.
    With a `cache`, unchanged articles are taken from it and new ones stored; its `warnings`
    collect what the caller should print, and it is pruned to its size cap afterwards.
    """
    sources, skipped = discover_articles(corpus_dir, corpus_display)
    # The cache is looked up here, before any worker starts: a hit costs a read, a hash and a
    # validation, cheaper than a worker's and its result's trip back; only misses are read.
    looked = [_cached(source, cache) for source in sources] if cache is not None else []
    found = [result for result, _ in looked] if looked else [None] * len(sources)
    notes = [note for _, note in looked] if looked else [()] * len(sources)
    missing = [source for source, result in zip(sources, found, strict=True) if result is None]
    workers = choose_workers(len(missing), jobs)
    look_up = cache is None
    if len(missing) >= SET_MIN_ARTICLES * workers:  # before forking: the workers inherit the set
        rules.probe_index.use_set()
    try:
        if workers <= 1:
            read: Iterable[ArticleResult] = (
                process_article(source, rules, cache, look_up=look_up) for source in missing
            )
            counted = _counted(_merged(found, notes, read), len(sources), progress, cache)
            return assemble_report(counted, rules, corpus_display, bundled, skipped, len(skipped))
        from aukus_check import parallel  # multiprocessing: imported only for a pool

        with parallel.article_pool(rules, rules_file, workers, cache) as pool:
            counted = _counted(_merged(found, notes, pool.map(missing)), len(sources), progress, cache)
            return assemble_report(counted, rules, corpus_display, bundled, skipped, len(skipped))
    finally:
        if cache is not None and cache.stored:
            from aukus_check.cache import max_cache_bytes, prune

            prune(cache.root, max_cache_bytes())


def _cached(source: ArticleSource, cache: ArticleCache) -> tuple[ArticleResult | None, tuple[str, ...]]:
    """The article's result from the cache (None when it must be read), and the warnings about
    its entry (a corrupt one is warned of here, once, and rebuilt by the reading)."""
    data, unread = read_source(source)
    if data is None:  # not readable now: nothing to look up, and the warning must be fresh
        return ArticleResult(None, (), tuple(unread)), ()
    known = len(cache.warnings)
    entry = cache.load(cache.key(source, data))
    notes = tuple(cache.warnings[known:])
    del cache.warnings[known:]  # gathered again, in corpus order, by _counted
    if entry is None:
        return None, notes
    compact_claims(entry.claims)  # every hit is held until the misses are read
    return ArticleResult(entry.info, entry.claims, entry.diagnostics, notes, True, entry.claim_sources), ()


def _merged(
    found: Sequence[ArticleResult | None], notes: Sequence[tuple[str, ...]], read: Iterable[ArticleResult]
) -> Iterator[ArticleResult]:
    """The results in corpus order: each article from the cache, or the next one read (with the
    warnings about its cache entry first)."""
    fresh = iter(read)
    for result, note in zip(found, notes, strict=True):
        if result is None:
            result = next(fresh)
            if note:
                result = dataclasses.replace(result, cache_notes=note + result.cache_notes)
        yield result


def _counted(
    results: Iterable[ArticleResult],
    total: int,
    progress: Callable[[int, int], None] | None,
    cache: ArticleCache | None = None,
) -> Iterator[ArticleResult]:
    for done, result in enumerate(results, start=1):
        if progress is not None:
            progress(done, total)
        if cache is not None:  # what workers saw of the cache, gathered in corpus order
            # each worker warns of an unwritable cache once: the same line is printed once
            cache.warnings.extend(note for note in result.cache_notes if note not in cache.warnings)
            if not result.cache_hit and (result.info is not None or result.diagnostics):
                cache.stored += 1
        yield result


PARALLEL_THRESHOLD = 200
"""Below this many articles, starting worker processes costs more than it saves."""


def choose_workers(articles: int, jobs: int | None) -> int:
    """How many processes to read the corpus with: --jobs if given (at most one per usable CPU),
    else one per usable CPU for a large corpus."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if jobs is not None and jobs > 0:  # never more processes than CPUs to run them
        return max(1, min(jobs, articles, usable))
    if articles < PARALLEL_THRESHOLD:
        return 1
    return max(1, min(usable, 8))
