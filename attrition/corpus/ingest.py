"""The pipeline: read → extract (in batches) → store, with a count of what happened.

    report = ingest(conn, ["examples/"])
    report.new, report.unchanged, report.updated, report.failures

`extract_articles` is the same read → extract path without a database (the
`attrition extract` command). Articles whose exact text is already stored with
the current extractor version are not extracted again.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import IO, Iterable, Iterator

from attrition.corpus import store
from attrition.corpus.article import Article
from attrition.corpus.manifest import apply_manifest
from attrition.corpus.errors import Failure
from attrition.corpus.fetch import MAX_BYTES
from attrition.corpus.readers import read_sources

CHUNK_SIZE = 64


@dataclass
class IngestReport:
    """What one ingest run did: article counts, claims written, failures and warnings."""

    new: int = 0
    unchanged: int = 0
    updated: int = 0
    claims: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """The number of inputs that could not be read, extracted or stored."""
        return len(self.failures)

    def summary(self) -> str:
        """Return the one-line count of the run, e.g. `2 new, 1 unchanged, 0 updated, 1 failed`."""
        return (f"{self.new} new, {self.unchanged} unchanged, {self.updated} updated, "
                f"{self.failed} failed ({self.claims} claims written)")


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_batch(articles: list[Article], batch_size: int = 16) -> list[list | Failure]:
    """Return the claims of each article (or a Failure if extraction raised), in order.

    Runs the extractor over the whole list with `extract_many`; if that raises,
    extracts the articles one at a time so that one bad text fails alone.
    """
    from attrition.extract import extract  # the extractor loads spaCy: import when needed
    from attrition.extract import extract_many

    pairs = [(a.text, a.published, _meta(a)) for a in articles]
    try:
        results = list(extract_many(pairs, batch_size=batch_size))
        if len(results) == len(articles):
            return results
    except Exception:  # fall through to one at a time, to find the culprit
        pass
    results = []
    for article in articles:
        try:
            results.append(extract(article.text, article.published, **_meta(article)))
        except Exception as e:
            results.append(Failure(_name(article), f"extractor failed: {type(e).__name__}: {e}"))
    return results


def _meta(article: Article) -> dict:
    """The page metadata the extractor reads: url, publisher, title."""
    return {"url": article.url, "publisher": article.publisher, "title": article.title}


def _name(article: Article) -> str:
    return article.extra.get("origin") or article.url or article.path or article.label


def extract_articles(items: Iterable[Article | Failure], batch_size: int = 16,
                     workers: int = 1) -> Iterator[tuple]:
    """Yield (Article or Failure, claims) for each read item, in order, extracting in batches.

    Failures pass through with an empty claim list; an article the extractor
    fails on is yielded as a Failure. With `workers` > 1 the extraction runs in
    that many processes (`attrition.corpus.workers`); what is yielded is the same.
    """
    if workers > 1:
        from attrition.corpus.workers import extract_parallel

        yield from extract_parallel(items, workers, batch_size)
        return
    for chunk in _chunks(items, CHUNK_SIZE):
        articles = [item for item in chunk if isinstance(item, Article)]
        extracted = iter(extract_batch(articles, batch_size)) if articles else iter(())
        for item in chunk:
            if isinstance(item, Failure):
                yield item, []
                continue
            result = next(extracted)
            yield (result, []) if isinstance(result, Failure) else (item, result)


def ingest(conn: sqlite3.Connection, sources: Iterable[str], *, published: str | None = None,
           stdin: IO[str] | None = None, max_bytes: int = MAX_BYTES,
           batch_size: int = 16, workers: int = 1, manifest: dict | None = None) -> IngestReport:
    """Read `sources`, extract claims from new or changed articles, store them; return a report.

    Takes an open store connection, paths/URLs/`-` (see `read_sources`), a
    fallback publication date, the stream `-` reads from, a size cap per input
    and the extractor's batch size and processes (`workers`; the calling
    process stays the only writer). `manifest` ({id: metadata}, see
    `attrition.corpus.manifest`) fills in each article's url, title, publisher
    and date. Each article is written in its own
    transaction; an input that fails is recorded and the others go on.
    """
    from attrition.extract import EXTRACTOR_VERSION

    report = IngestReport()
    items = read_sources(sources, published=published, stdin=stdin, max_bytes=max_bytes)
    if manifest:
        items = apply_manifest(items, manifest)

    def todo() -> Iterator[Article | Failure]:
        for item in items:
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
        report.failures.append(Failure(_name(article), f"not stored: {e}"))
        return
    setattr(report, result.status, getattr(report, result.status) + 1)
    report.claims += result.claims
    for start, end, reason in result.dropped:
        report.warnings.append(f"{_name(article)}: claim at {start}-{end} not stored: {reason}")
