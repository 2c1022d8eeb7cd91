"""Re-extract stored articles whose claims came from another extractor version.

    n = reextract_stale(conn, run_id, log)      # inside an update or `attrition reextract` run

The stored text is extracted again (nothing is fetched). A claim's id is a
digest of (article content hash, char offsets), and the text has not changed,
so a figure extracted again at the same place keeps its id (and its checks, if
its fields are the same); figures no longer found are deleted, new ones added.
Each article is written, with its run counts and its checks, in one
transaction: a run killed half way leaves the rest at the old version, and the
next run picks them up.
"""

from __future__ import annotations

import sqlite3

from attrition.corpus import store
from attrition.corpus.read.article import Article
from attrition.corpus.read.errors import Failure
from attrition.corpus.store import runs
from attrition.corpus.store.connection import transaction
from attrition.corpus.update.runlog import EventLog

BATCH = 16

_STALE_SQL = "SELECT id FROM articles WHERE extractor_version != ? ORDER BY id"
_ARTICLE_SQL = ("SELECT id, label, url, path, origin, title, publisher, published, fetched_at, text"
                " FROM articles WHERE id = ?")


def stale_article_ids(conn: sqlite3.Connection, version: str) -> list[int]:
    """Return the ids of stored articles whose claims are not from extractor `version`."""
    return [row[0] for row in conn.execute(_STALE_SQL, (version,))]


def stored_article(row: sqlite3.Row) -> Article:
    """Return the Article of an `articles` row (text as stored, provenance kept)."""
    return Article(text=row["text"], label=row["label"], url=row["url"], path=row["path"],
                   title=row["title"], publisher=row["publisher"], published=row["published"],
                   fetched_at=row["fetched_at"], extra={"origin": row["origin"]})


def reextract_stale(conn: sqlite3.Connection, run_id: int, log: EventLog, *, version: str | None = None,
                    check: bool = True, batch_size: int = BATCH, workers: int = 1) -> int:
    """Re-extract every stored article not at `version` (default: the current extractor); return how many.

    Takes an open connection (the caller holds the writer lock), the run to
    count into, the event log, whether to re-run checks for what changed, and
    the extractor batch size and processes (`workers`; this process stays the
    only writer). An article the extractor fails on is counted failed, named
    in the run's errors and left as it was.
    """
    from attrition.corpus.check.run import run_checks
    from attrition.corpus.scale.workers import extract_results

    if version is None:
        from attrition.extract import EXTRACTOR_VERSION as version
    ids = stale_article_ids(conn, version)
    done = 0
    with log.progress(len(ids), "re-extracting"):
        rows = (conn.execute(_ARTICLE_SQL, (i,)).fetchone() for i in ids)
        articles = (stored_article(row) for row in rows if row is not None)
        for article, result in extract_results(articles, batch_size, workers):
            name = article.url or article.path or article.label
            with transaction(conn):
                if isinstance(result, Failure):
                    runs.count(conn, run_id, "failed")
                    runs.add_error(conn, run_id, name, result.reason)
                    saved = None
                else:
                    saved = store.write_article(conn, article, result, version)
                    runs.count(conn, run_id, "reextracted", claims=saved.claims)
                    if check:
                        run_checks(conn, own_transaction=False)
            log.advance()
            if saved is None:
                log.emit("reextract", url=name, status="failed", reason=result.reason)
                continue
            done += 1
            log.emit("reextract", url=name, status="reextracted", claims=saved.claims)
            for begin, end, reason in saved.dropped:
                log.emit("warning", url=name, reason=f"claim at {begin}-{end} not stored: {reason}")
    return done
