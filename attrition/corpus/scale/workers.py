"""Extraction of read articles in batches: in this process, or in worker processes, one writer.

    for item, claims in extract_articles(read_sources(["archive/"]), workers=2):
        ...  # (Article or Failure, claims), in input order, whatever `workers` is

`extract_batch` runs the extractor over a list of articles (one at a time if
the batch fails, so one bad text fails alone); `extract_articles` streams read
items through it; with `workers` > 1, `extract_parallel` does the same in
worker processes.

Each worker is a fresh interpreter (the `spawn` start method: no spaCy state is
shared through fork) that loads the pipeline once, when it starts, then takes
chunks of articles and sends back their claims. Only the calling process reads
inputs and only it writes to SQLite: workers never open the database.

A worker ends when the process that started it ends, however it ends (SIGTERM,
SIGKILL, a crash): each watches its parent's pid from a daemon thread and
exits when it changes, so a killed `ingest` leaves no worker behind.

Articles the keyword gate (`attrition.extract.gate.is_relevant`) turns away
never leave the calling process: their result, no claims, is known already. At
most `workers * 2` chunks are in flight and at most MAX_WAITING articles wait
for their turn to be yielded, so memory stays flat however long the stream is.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Iterable, Iterator

from attrition.corpus.read.article import Article
from attrition.corpus.read.errors import Failure

READ_CHUNK = 64       # articles read ahead and extracted together in this process
CHUNK_SIZE = 32       # relevant articles per task sent to a worker
MAX_WAITING = 2048    # articles read ahead of the one to yield next, at most
START_METHOD = "spawn"
PARENT_CHECK_SECONDS = 0.5  # how often a worker checks that the process that started it is alive


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """Yield lists of `size` items (the last one shorter) from any iterable."""
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_batch(articles: list[Article], batch_size: int = 16,
                  time_limit: float | None = None) -> list[list | Failure]:
    """Return the claims of each article (or a Failure if extraction raised), in order.

    Runs the extractor over the whole list with `extract_many`; if that raises,
    extracts the articles one at a time so that one bad text fails alone.
    `time_limit` is the extractor's budget in seconds per 10 KB (None: its
    default); an article that passes it fails with the reason.
    """
    from attrition.extract import extract  # the extractor loads spaCy: import when needed
    from attrition.extract import extract_many

    pairs = [(a.text, a.published, page_meta(a)) for a in articles]
    try:
        results = list(extract_many(pairs, batch_size=batch_size, seconds_per_10kb=time_limit))
        if len(results) == len(articles):
            return results
    except Exception:  # fall through to one at a time, to find the culprit
        pass
    results = []
    for article in articles:
        try:
            results.append(extract(article.text, article.published, seconds_per_10kb=time_limit,
                                   **page_meta(article)))
        except Exception as e:
            results.append(Failure(article_name(article), f"extractor failed: {type(e).__name__}: {e}"))
    return results


def page_meta(article: Article) -> dict:
    """The page metadata the extractor reads: the article's url, publisher and title."""
    return {"url": article.url, "publisher": article.publisher, "title": article.title}


def article_name(article: Article) -> str:
    """Return how to name an article in a failure: where it was read from."""
    return article.extra.get("origin") or article.url or article.path or article.label


def extract_articles(items: Iterable[Article | Failure], batch_size: int = 16,
                     workers: int = 1, time_limit: float | None = None) -> Iterator[tuple]:
    """Yield (Article or Failure, claims) for each read item, in order, extracting in batches.

    Failures pass through with an empty claim list; an article the extractor
    fails on is yielded as a Failure. With `workers` > 1 the extraction runs in
    that many processes (`extract_parallel`); what is yielded is the same.
    `time_limit`: see `extract_batch`.
    """
    if workers > 1:
        yield from extract_parallel(items, workers, batch_size, time_limit=time_limit)
        return
    for chunk in chunks(items, READ_CHUNK):
        articles = [item for item in chunk if isinstance(item, Article)]
        extracted = iter(extract_batch(articles, batch_size, time_limit)) if articles else iter(())
        for item in chunk:
            if isinstance(item, Failure):
                yield item, []
                continue
            result = next(extracted)
            yield (result, []) if isinstance(result, Failure) else (item, result)


def _load_in_worker(parent: int | None = None) -> None:
    """Worker initialiser: exit with the parent (`parent` is its pid), then load the spaCy pipeline once."""
    if parent is not None:
        exit_with_parent(parent)
    from attrition.extract.pipeline import load_pipeline

    load_pipeline()


def exit_with_parent(parent: int, every: float = PARENT_CHECK_SECONDS) -> threading.Thread:
    """Start a daemon thread that ends this process as soon as process `parent` is no longer its parent.

    When the parent dies (even by SIGKILL) the kernel re-parents this process,
    so `os.getppid()` changes; the thread then calls `os._exit(1)` at once,
    whatever the main thread is doing.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    thread = threading.Thread(target=watch, name="exit-with-parent", daemon=True)
    thread.start()
    return thread


def extract_chunk(articles: list[Article], batch_size: int = 16,
                  time_limit: float | None = None) -> list[list | Failure]:
    """Return the claims of each article (or a Failure), in order: the task a worker runs.

    The same call as the one-process path (`extract_batch`), so both give
    identical claims.
    """
    return extract_batch(articles, batch_size, time_limit)


class _Chunk:
    """Relevant articles gathered for one task, and the task once submitted."""

    __slots__ = ("articles", "future")

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.future: Future | None = None


def extract_parallel(items: Iterable[Article | Failure], workers: int = 2, batch_size: int = 16,
                     chunk_size: int = CHUNK_SIZE, time_limit: float | None = None) -> Iterator[tuple]:
    """Yield (Article or Failure, claims) for each item, in input order, extracting in `workers` processes.

    Takes what `read_sources` yields. Yields exactly what
    `extract_articles(items, batch_size)` yields: read failures pass
    through with no claims; an article the extractor fails on comes back as a
    Failure. The pool is shut down when the generator finishes or is closed.
    """
    from attrition.extract.gate import is_relevant

    context = multiprocessing.get_context(START_METHOD)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_load_in_worker, initargs=(os.getpid(),)) as pool:
        waiting: deque = deque()      # (item, chunk or None, index in chunk), in input order
        in_flight: deque[_Chunk] = deque()
        building = _Chunk()

        def submit() -> None:
            nonlocal building
            if building.articles:
                building.future = pool.submit(extract_chunk, building.articles, batch_size, time_limit)
                in_flight.append(building)
                building = _Chunk()

        def ready() -> Iterator[tuple]:
            while waiting:
                item, chunk, index = waiting[0]
                if chunk is not None and (chunk.future is None or not chunk.future.done()):
                    return
                waiting.popleft()
                yield _result(item, chunk, index)

        def oldest_done() -> None:
            """Block until the chunk the head of the stream waits on is extracted."""
            item, chunk, _ = waiting[0]
            if chunk is not None:
                if chunk.future is None:
                    submit()
                chunk.future.result()

        for item in items:
            if isinstance(item, Article) and is_relevant(item.text):
                waiting.append((item, building, len(building.articles)))
                building.articles.append(item)
                if len(building.articles) >= chunk_size:
                    submit()
            else:
                waiting.append((item, None, 0))
            while in_flight and in_flight[0].future.done():
                in_flight.popleft()
            if len(in_flight) >= workers * 2 or len(waiting) >= MAX_WAITING:
                oldest_done()
            yield from ready()
        submit()
        while waiting:
            oldest_done()
            yield from ready()


def extract_results(articles: Iterable[Article], batch_size: int = 16,
                    workers: int = 1, time_limit: float | None = None) -> Iterator[tuple[Article, list | Failure]]:
    """Yield (article, its claims or the Failure the extractor gave) for each article, in order.

    The pairs `zip(articles, extract_batch(articles))` gives, over a
    stream of any length, in `workers` processes when more than one.
    """
    taken: deque[Article] = deque()

    def feed() -> Iterator[Article]:
        for article in articles:
            taken.append(article)
            yield article

    for item, claims in extract_articles(feed(), batch_size, workers, time_limit):
        yield taken.popleft(), (item if isinstance(item, Failure) else claims)


def _result(item: Article | Failure, chunk: _Chunk | None, index: int) -> tuple:
    if chunk is None:
        return item, []
    result = chunk.future.result()[index]
    return (result, []) if isinstance(result, Failure) else (item, result)
