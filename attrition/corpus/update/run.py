"""Keep a database current from feeds: read feeds → queue new entries → fetch → gate → extract → store → check.

    report = update(conn, ["https://example.org/rss.xml"], UpdateOptions(), EventLog())
    report.exit_status      # 0 all good, 1 something failed (listed in report.errors)

The caller holds the writer lock (lock.writer_lock) for the whole run. Each
step commits on its own, so a run killed at any moment loses nothing it
committed and the next run carries on:

1. Each feed or sitemap is fetched with a conditional GET (its ETag and
   Last-Modified are kept in `feeds`). A changed document's entries are queued
   in `feed_entries` (status 'pending') in the same transaction as its new
   validators. An entry already known by URL is queued again only when the
   feed gives it a different updated/lastmod stamp.
2. Queued entries (and those that failed on a temporary error in an earlier
   run, up to MAX_ATTEMPTS runs) are fetched, oldest first, at most
   `max_articles` per run. A page is read by pages.article_from_page; one that
   fails the relevance gate (extract.gate.is_relevant) is recorded as skipped
   and not parsed; one whose exact text is stored already is 'unchanged'
   without running the extractor.
3. Each article is written (store.write_article) with its entry's new status,
   the run's counts and the checks of what changed (check_run.run_checks) in
   one transaction (store.transaction).
4. Stored articles from an older extractor version are re-extracted
   (reextract.reextract_stale).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field

from attrition.corpus import store
from attrition.corpus.check.run import run_checks
from attrition.corpus.read.article import now_iso
from attrition.corpus.read.errors import Failure, ReadError, TransientError
from attrition.corpus.read.listing import Entry, parse_listing
from attrition.corpus.read.pages import article_from_page
from attrition.corpus.read.polite import Disallowed, Fetcher, FetchPolicy
from attrition.corpus.store import runs
from attrition.corpus.store.connection import transaction
from attrition.corpus.update.runlog import EventLog

MAX_ATTEMPTS = 3          # runs in which an entry failing on temporary errors is tried
MAX_SITEMAP_DEPTH = 2     # a sitemap index may list sitemaps, which list pages
MAX_CHILD_SITEMAPS = 50   # per sitemap index
GATE_REASON = "no rape or sexual-offence figure in the text (relevance gate)"

_QUEUE_ENTRY = """
INSERT INTO feed_entries (url, guid, feed_url, title, published, updated, status, first_seen)
VALUES (:url, :guid, :feed_url, :title, :published, :updated, 'pending', :now)
ON CONFLICT(url) DO UPDATE SET
    status = 'pending', attempts = 0, updated = excluded.updated,
    title = coalesce(excluded.title, feed_entries.title),
    published = coalesce(excluded.published, feed_entries.published),
    guid = coalesce(excluded.guid, feed_entries.guid)
WHERE excluded.updated IS NOT NULL AND excluded.updated IS NOT feed_entries.updated
  AND feed_entries.status NOT IN ('pending', 'retry')
"""

_QUEUE_SQL = """
SELECT id, url, title, published, attempts FROM feed_entries
 WHERE status IN ('pending', 'retry') ORDER BY (status = 'retry'), first_seen, id
"""

_SAVE_FEED = """
INSERT INTO feeds (url, kind, etag, last_modified, checked_at, changed_at, entries, last_error)
VALUES (:url, :kind, :etag, :last_modified, :now, :now, :entries, NULL)
ON CONFLICT(url) DO UPDATE SET kind = excluded.kind, etag = excluded.etag,
    last_modified = excluded.last_modified, checked_at = excluded.checked_at,
    changed_at = excluded.changed_at, entries = excluded.entries, last_error = NULL
"""

_FEED_CHECKED = """
INSERT INTO feeds (url, checked_at, last_error) VALUES (:url, :now, :error)
ON CONFLICT(url) DO UPDATE SET checked_at = excluded.checked_at, last_error = excluded.last_error
"""


@dataclass
class UpdateOptions:
    """How to run an update: articles per run, fetch policy, whether to check, re-extract."""

    max_articles: int | None = None
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    check: bool = True
    reextract: bool = True
    max_attempts: int = MAX_ATTEMPTS
    workers: int = 1          # processes re-extracting stale articles (fetching is paced per host)


@dataclass
class UpdateReport:
    """What a run did: its id and record (counts, errors), HTTP requests made, seconds taken."""

    run: runs.RunRecord
    requests: int = 0
    seconds: float = 0.0
    waiting: int = 0          # entries still queued after this run (--max-articles)

    @property
    def exit_status(self) -> int:
        """0 when nothing failed, else 1."""
        return 1 if self.run.counts["failed"] else 0

    def summary(self) -> str:
        """Return the run's counts on one line, e.g. `run 3: 2 new, 0 updated, ...`."""
        c = self.run.counts
        waiting = f"; {self.waiting} left for the next run" if self.waiting else ""
        return (f"run {self.run.id}: {c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged, "
                f"{c['skipped']} skipped, {c['failed']} failed, {c['reextracted']} re-extracted "
                f"({c['claims']} claims written; {self.requests} requests, {self.seconds:.1f}s){waiting}")


def update(conn: sqlite3.Connection, feed_urls: list[str], options: UpdateOptions | None = None,
           log: EventLog | None = None) -> UpdateReport:
    """Bring the database up to date with `feed_urls`; return an UpdateReport.

    Takes an open store connection (the caller holds the writer lock), the feed
    and sitemap URLs, UpdateOptions and an EventLog. Records the run in `runs`.
    Bad input (a feed or page that cannot be read) is counted and named in the
    run's errors and never stops the run; database errors propagate.
    """
    from attrition.extract import EXTRACTOR_VERSION

    options = options or UpdateOptions()
    log = log or EventLog(quiet=True)
    began = time.monotonic()
    run_id = runs.start_run(conn, "update", EXTRACTOR_VERSION)
    log.emit("run_start", run=run_id, feeds=len(feed_urls), extractor_version=EXTRACTOR_VERSION)
    fetcher = Fetcher(options.policy)
    for url in feed_urls:
        queue_feed(conn, fetcher, url, run_id, log)
    queue = conn.execute(_QUEUE_SQL).fetchall()
    todo = queue[:options.max_articles] if options.max_articles is not None else queue
    log.emit("queue", pending=len(todo), waiting=len(queue))
    with log.progress(len(todo)):
        for row in todo:
            fetch_entry(conn, fetcher, row, run_id, log, options)
            log.advance()
    if options.reextract:
        from attrition.corpus.update.reextract import reextract_stale

        reextract_stale(conn, run_id, log, version=EXTRACTOR_VERSION, check=options.check,
                        workers=options.workers)
    record = runs.finish_run(conn, run_id)
    report = UpdateReport(record, fetcher.requests, time.monotonic() - began, len(queue) - len(todo))
    log.emit("run_end", run=run_id, status=record.status, exit_status=report.exit_status,
             requests=report.requests, seconds=round(report.seconds, 2), waiting=report.waiting,
             **record.counts, errors=record.errors, summary=report.summary())
    return report


def _fail(conn, run_id: int, url: str, reason: str) -> None:
    runs.count(conn, run_id, "failed")
    runs.add_error(conn, run_id, url, reason)


def queue_feed(conn: sqlite3.Connection, fetcher: Fetcher, url: str, run_id: int, log: EventLog,
              depth: int = 0) -> int:
    """Fetch one feed or sitemap (conditionally) and queue its new or changed entries; return how many.

    A failure to fetch or parse is counted, named in the run's errors and kept
    in `feeds.last_error`; the feed's validators are then left as they were,
    so the next run fetches it in full again. Child sitemaps of a sitemap index
    are read in turn (to MAX_SITEMAP_DEPTH).
    """
    row = conn.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)).fetchone()
    try:
        page = fetcher.get(url, etag=row["etag"] if row else None,
                           last_modified=row["last_modified"] if row else None)
        listing = None if page.status == 304 else parse_listing(page.body, url, page.content_type)
    except ReadError as e:
        with transaction(conn):
            _fail(conn, run_id, url, e.reason)
            conn.execute(_FEED_CHECKED, {"url": url, "now": now_iso(), "error": e.reason})
        log.emit("feed", url=url, status="failed", reason=e.reason)
        return 0
    if listing is None:
        with transaction(conn):
            runs.count(conn, run_id, "feeds")
            conn.execute(_FEED_CHECKED, {"url": url, "now": now_iso(), "error": None})
        log.emit("feed", url=url, status="not_modified")
        return 0
    queued = 0
    with transaction(conn):
        now = now_iso()
        conn.execute(_SAVE_FEED, {"url": url, "kind": listing.kind, "etag": page.etag,
                                  "last_modified": page.last_modified, "now": now,
                                  "entries": len(listing.entries)})
        for entry in listing.entries:
            if entry.problem:
                _fail(conn, run_id, _entry_name(url, entry), entry.problem)
                continue
            queued += conn.execute(_QUEUE_ENTRY, _entry_params(entry, url, now)).rowcount
        runs.count(conn, run_id, "feeds")
        runs.count(conn, run_id, "entries_found", queued)
    log.emit("feed", url=url, status="read", kind=listing.kind, entries=len(listing.entries),
             queued=queued)
    if listing.warning:
        log.emit("warning", url=url, reason=listing.warning)
    for entry in listing.entries:
        if entry.problem:
            log.emit("entry", url=_entry_name(url, entry), status="failed", reason=entry.problem)
    if depth < MAX_SITEMAP_DEPTH:
        for child in listing.sitemaps[:MAX_CHILD_SITEMAPS]:
            if child != url:
                queued += queue_feed(conn, fetcher, child, run_id, log, depth + 1)
    return queued


def _entry_name(feed_url: str, entry: Entry) -> str:
    title = f" ({entry.title})" if entry.title else ""
    return f"{feed_url} entry {entry.number}{title}"


def _entry_params(entry: Entry, feed_url: str, now: str) -> dict:
    return {"url": entry.url, "guid": entry.guid, "feed_url": feed_url, "title": entry.title,
            "published": entry.published, "updated": entry.updated, "now": now}


def fetch_entry(conn: sqlite3.Connection, fetcher: Fetcher, entry: sqlite3.Row, run_id: int,
                log: EventLog, options: UpdateOptions) -> str:
    """Fetch, gate, extract and store one queued entry; return its new status.

    Takes a `feed_entries` row (id, url, title, published, attempts). The
    article, its claims, its checks, the entry's status and the run's counts
    are committed together. Returns 'new', 'updated', 'unchanged', 'skipped',
    'retry' (a temporary failure, tried again next run) or 'failed'.
    """
    from attrition.extract import EXTRACTOR_VERSION
    from attrition.extract.gate import is_relevant

    url = entry["url"]
    attempts = entry["attempts"] + 1
    try:
        page = fetcher.get(url)
        article = article_from_page(page, title=entry["title"], published=entry["published"])
    except Disallowed as e:  # robots.txt: not ours to fetch; skipped with the reason, not a failure
        with transaction(conn):
            runs.count(conn, run_id, "skipped")
            _set_entry(conn, entry["id"], "skipped", e.reason, attempts, run_id)
        log.emit("entry", url=url, status="skipped", reason=e.reason)
        return "skipped"
    except ReadError as e:
        temporary = isinstance(e, TransientError) and attempts < options.max_attempts
        status = "retry" if temporary else "failed"
        reason = e.reason + (f" (will try again next run; attempt {attempts} of {options.max_attempts})"
                             if temporary else "")
        if "over the cap" in e.reason:  # a page over the size cap: name the option that raises it
            reason += " (--max-bytes raises the cap)"
        with transaction(conn):
            _fail(conn, run_id, url, reason)
            _set_entry(conn, entry["id"], status, reason, attempts, run_id)
        log.emit("entry", url=url, status=status, reason=reason)
        return status
    if not is_relevant(article.text):
        with transaction(conn):
            runs.count(conn, run_id, "skipped")
            _set_entry(conn, entry["id"], "skipped", GATE_REASON, attempts, run_id, title=article.title)
        log.emit("entry", url=url, status="skipped", title=article.title, reason=GATE_REASON)
        return "skipped"
    claims = []
    if store.needs_extraction(conn, article, EXTRACTOR_VERSION):
        from attrition.corpus.scale.workers import extract_batch

        [claims] = extract_batch([article])
        if isinstance(claims, Failure):
            reason = claims.reason
            with transaction(conn):
                _fail(conn, run_id, url, reason)
                _set_entry(conn, entry["id"], "failed", reason, attempts, run_id)
            log.emit("entry", url=url, status="failed", reason=reason)
            return "failed"
    with transaction(conn):
        result = store.write_article(conn, article, claims, EXTRACTOR_VERSION)
        runs.count(conn, run_id, result.status, claims=result.claims)
        _set_entry(conn, entry["id"], result.status, None, attempts, run_id,
                   title=article.title, article_id=result.article_id)
        if options.check and result.status != "unchanged":
            run_checks(conn, own_transaction=False)
    log.emit("entry", url=url, status=result.status, title=article.title, claims=result.claims)
    for begin, end, reason in result.dropped:
        log.emit("warning", url=url, reason=f"claim at {begin}-{end} not stored: {reason}")
    return result.status


def _set_entry(conn, entry_id: int, status: str, reason: str | None, attempts: int, run_id: int,
               *, title: str | None = None, article_id: int | None = None) -> None:
    conn.execute(
        "UPDATE feed_entries SET status = ?, reason = ?, attempts = ?, run_id = ?, last_attempt = ?,"
        " title = coalesce(?, title), article_id = coalesce(?, article_id) WHERE id = ?",
        (status, reason, attempts, run_id, now_iso(), title, article_id, entry_id),
    )


def entry_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Return how many feed entries are in each status, e.g. {'new': 12, 'pending': 3}."""
    return {row[0]: row[1] for row in
            conn.execute("SELECT status, count(*) FROM feed_entries GROUP BY status")}
