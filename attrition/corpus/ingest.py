"""The pipeline: read → extract (in batches) → store, with a count of what happened.

    report = ingest(conn, ["examples/"])
    report.new, report.unchanged, report.updated, report.failures

Articles whose exact text is already stored with the current extractor
version are not extracted again. The same read → extract path without a
database (the `attrition extract` command) is `scale.workers.extract_articles`.
"""

from __future__ import annotations

import sqlite3
from typing import Callable, IO, Iterable, Iterator

from attrition.corpus import store
from attrition.corpus.read.article import Article
from attrition.corpus.read.errors import Failure
from attrition.corpus.read.fetch import MAX_BYTES
from attrition.corpus.read.manifest import apply_manifest
from attrition.corpus.read.readers import read_sources
from attrition.corpus.scale.workers import article_name, extract_articles
from attrition.corpus.store.articles import IngestReport

__all__ = ["IngestReport", "extract_articles", "ingest"]


def ingest(conn: sqlite3.Connection, sources: Iterable[str], *, published: str | None = None,
           stdin: IO[str] | None = None, max_bytes: int = MAX_BYTES,
           batch_size: int = 16, workers: int = 1, manifest: dict | None = None,
           progress: Callable[[], None] | None = None) -> IngestReport:
    """Read `sources`, extract claims from new or changed articles, store them; return a report.

    Takes an open store connection, paths/URLs/`-` (see `read_sources`), a
    fallback publication date, the stream `-` reads from, a size cap per input
    and the extractor's batch size and processes (`workers`; the calling
    process stays the only writer). `manifest` ({id: metadata}, see
    `attrition.corpus.read.manifest`) fills in each article's url, title,
    publisher and date. Each article is written in its own
    transaction; an input that fails is recorded and the others go on.
    `progress`, when given, is called once for each input read (a progress bar).
    """
    from attrition.extract import EXTRACTOR_VERSION

    report = IngestReport()
    items = read_sources(sources, published=published, stdin=stdin, max_bytes=max_bytes)
    if manifest:
        items = apply_manifest(items, manifest)

    def todo() -> Iterator[Article | Failure]:
        for item in items:
            if progress is not None:
                progress()
            if isinstance(item, Article) and not store.needs_extraction(conn, item, EXTRACTOR_VERSION):
                report.unchanged += 1
            else:
                yield item

    for item, claims in extract_articles(todo(), batch_size, workers):
        if isinstance(item, Failure):
            report.failures.append(item)
            continue
        _save(conn, item, claims, EXTRACTOR_VERSION, report)
    return report


def _save(conn, article: Article, claims, version: str, report: IngestReport) -> None:
    try:
        result = store.save_article(conn, article, claims, version)
    except sqlite3.Error as e:
        report.failures.append(Failure(article_name(article), f"not stored: {e}"))
        return
    report.add(result, article_name(article))
