"""The SQLite store: open a database, apply schema.sql, write articles with their claims.

    conn = connect("attrition.db")
    result = save_article(conn, article, claims, EXTRACTOR_VERSION)

Writes happen in `BEGIN IMMEDIATE` transactions, one per article: an article and
its claims go in (or are replaced) together or not at all. Reading claims back
lives in `attrition.corpus.query`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from attrition.corpus.article import Article

SCHEMA_VERSION = 5

# Statements that bring a database at version N-1 to version N, applied after
# schema.sql (which creates any table, index or trigger that is missing, so a
# version that only adds tables needs no statement here). ALTERs of existing
# tables go here.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (),  # articles, claims and their full-text indexes
    2: (),  # official_files, official, checks, checked_claims
    3: (),  # feeds, feed_entries, runs (nightly updates)
    4: (),  # claims_view (the web view: claims with their article and latest verdicts)
    5: (),  # claims_area_stage_period, claims_area_article (query speed at a million claims)
}

BUSY_TIMEOUT_MS = 30_000

CLAIM_COLUMNS = (
    "id", "article_id", "value", "unit", "stage", "of_stage", "offence", "area",
    "period_start", "period_end", "period_text", "source", "speaker", "change",
    "quote", "quote_start", "char_start", "char_end", "comparator",
    "area_inherited", "period_inherited", "source_inherited", "confidence",
    "extractor_version",
)

INSERT_CLAIM = "INSERT INTO claims ({}) VALUES ({})".format(
    ", ".join(CLAIM_COLUMNS), ", ".join(":" + name for name in CLAIM_COLUMNS)
)

# A claim extracted again at the same place keeps its row (and id): only its fields change.
UPSERT_CLAIM = INSERT_CLAIM + " ON CONFLICT(id) DO UPDATE SET {}".format(
    ", ".join(f"{name} = excluded.{name}" for name in CLAIM_COLUMNS if name != "id")
)

INSERT_ARTICLE = """
INSERT INTO articles (label, url, path, origin, title, publisher, published, fetched_at,
                      content_hash, text, extractor_version, updated_at)
VALUES (:label, :url, :path, :origin, :title, :publisher, :published, :fetched_at,
        :content_hash, :text, :extractor_version, :updated_at)
"""

UPDATE_ARTICLE = """
UPDATE articles
   SET label = :label, url = :url, path = :path, origin = :origin, title = :title,
       publisher = :publisher, published = :published, fetched_at = :fetched_at,
       content_hash = :content_hash, text = :text,
       extractor_version = :extractor_version, updated_at = :updated_at
 WHERE id = :id
"""


class StoreError(Exception):
    """A database that cannot be opened, migrated or written, with a message for a person."""


@dataclass
class SaveResult:
    """What `save_article` did: `status` is 'new', 'unchanged' or 'updated'.

    `dropped` lists (char_start, char_end, reason) for claims refused because
    their evidence does not match the text.
    """

    status: str
    article_id: int
    claims: int = 0
    dropped: list[tuple[int, int, str]] = field(default_factory=list)


def now_iso() -> str:
    """Return the current UTC time as an ISO 8601 string to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def schema_sql() -> str:
    """Return the text of the packaged schema.sql."""
    return resources.files("attrition").joinpath("schema.sql").read_text(encoding="utf-8")


def connect(path: str | Path = "attrition.db", *, create: bool = True) -> sqlite3.Connection:
    """Open (and if needed create and migrate) the database at `path`.

    Takes a file path or ":memory:"; with `create=False` a missing file raises
    StoreError instead of being created. Returns a connection in autocommit mode
    (transactions are explicit), WAL journal, a busy timeout, foreign keys on and
    rows as sqlite3.Row.
    """
    path = str(path)
    if not create and path != ":memory:" and not Path(path).is_file():
        raise StoreError(f"no database at {path} (run `attrition ingest ... --db {path}` first)")
    conn = None
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        migrate(conn)
    except sqlite3.DatabaseError as e:
        if conn is not None:
            conn.close()
        raise StoreError(f"cannot open database {path}: {e}") from e
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    """Return the database's PRAGMA user_version (0 for a new database)."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to SCHEMA_VERSION in one transaction; return the version.

    A database already at SCHEMA_VERSION is left untouched; one from a newer
    attrition raises StoreError. On any error the transaction rolls back and the
    database keeps its old version.
    """
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {version} is newer than this attrition ({SCHEMA_VERSION})"
        )
    if version == SCHEMA_VERSION:
        return version
    steps = [schema_sql()]
    for target in range(version + 1, SCHEMA_VERSION + 1):
        steps.extend(MIGRATIONS.get(target, ()))
    script = "BEGIN IMMEDIATE;\n{}\nPRAGMA user_version = {:d};\nCOMMIT;".format(
        "\n".join(s.rstrip().rstrip(";") + ";" for s in steps if s.strip()), SCHEMA_VERSION
    )
    try:
        conn.executescript(script)
    except sqlite3.Error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION


def claim_id(content_hash: str, char_start: int, char_end: int, occurrence: int = 0) -> str:
    """Return the stable id of a claim: 16 hex digits from (article hash, offsets).

    `occurrence` separates two claims the extractor reads from the same span
    (0 for the first, which keeps the plain digest).
    """
    key = f"{content_hash}:{char_start}:{char_end}"
    if occurrence:
        key += f":{occurrence}"
    return hashlib.sha256(key.encode("ascii")).hexdigest()[:16]


def evidence_problem(text: str, claim) -> str | None:
    """Return why `claim`'s offsets or quote do not match `text`, or None when they do.

    Takes the article text and a Claim; checks that the figure span lies inside
    the text and inside the quote, and that the quote is found at `quote_start`.
    """
    if not (0 <= claim.char_start < claim.char_end <= len(text)):
        return f"figure offsets {claim.char_start}-{claim.char_end} outside the text"
    if not claim.quote:
        return "empty quote"
    if text[claim.quote_start:claim.quote_start + len(claim.quote)] != claim.quote:
        return f"quote not found at offset {claim.quote_start}"
    if not (claim.quote_start <= claim.char_start and
            claim.char_end <= claim.quote_start + len(claim.quote)):
        return "figure lies outside its quote"
    return None


def find_article(conn: sqlite3.Connection, article: Article) -> sqlite3.Row | None:
    """Return the stored row `article` would replace or match, or None if it is new.

    Looks up by content hash first (the same text, wherever it came from), then by
    URL, then by file path (the same place, perhaps with a changed text).
    """
    row = conn.execute(
        "SELECT id, content_hash, extractor_version FROM articles WHERE content_hash = ?",
        (article.content_hash,),
    ).fetchone()
    if row is None and article.url:
        row = conn.execute(
            "SELECT id, content_hash, extractor_version FROM articles WHERE url = ?",
            (article.url,),
        ).fetchone()
    if row is None and article.path:
        row = conn.execute(
            "SELECT id, content_hash, extractor_version FROM articles WHERE path = ?",
            (article.path,),
        ).fetchone()
    return row


def needs_extraction(conn: sqlite3.Connection, article: Article, extractor_version: str) -> bool:
    """Return True unless `article`'s exact text is stored with claims from `extractor_version`."""
    row = find_article(conn, article)
    return not (row is not None and row["content_hash"] == article.content_hash
                and row["extractor_version"] == extractor_version)


def _article_params(article: Article, extractor_version: str) -> dict:
    stamp = now_iso()
    return {
        "label": article.label,
        "url": article.url,
        "path": article.path,
        "origin": article.extra.get("origin") or article.url or article.path or article.label,
        "title": article.title,
        "publisher": article.publisher,
        "published": article.published,
        "fetched_at": article.fetched_at or stamp,
        "content_hash": article.content_hash,
        "text": article.text,
        "extractor_version": extractor_version,
        "updated_at": stamp,
    }


def _claim_params(claims, article_id: int, content_hash: str, extractor_version: str) -> list[dict]:
    seen: dict[tuple[int, int], int] = {}
    rows = []
    for claim in claims:
        span = (claim.char_start, claim.char_end)
        occurrence = seen.get(span, 0)
        seen[span] = occurrence + 1
        row = claim.to_row()
        row.pop("article", None)
        row.update(
            id=claim_id(content_hash, claim.char_start, claim.char_end, occurrence),
            article_id=article_id,
            extractor_version=extractor_version,
            change=int(bool(row["change"])),
            area_inherited=int(bool(row["area_inherited"])),
            period_inherited=int(bool(row["period_inherited"])),
            source_inherited=int(bool(row["source_inherited"])),
        )
        rows.append({name: row.get(name) for name in CLAIM_COLUMNS})
    return rows


def save_article(conn: sqlite3.Connection, article: Article, claims, extractor_version: str) -> SaveResult:
    """Store `article` with its `claims` in one transaction; return a SaveResult.

    Takes an Article, the Claims extracted from `article.text`, and the extractor
    version; runs `write_article` inside `BEGIN IMMEDIATE` ... `COMMIT`. If any
    write fails the whole transaction rolls back and the error propagates.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = write_article(conn, article, claims, extractor_version)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return result


def write_article(conn: sqlite3.Connection, article: Article, claims, extractor_version: str) -> SaveResult:
    """Write `article` and its `claims` inside the caller's open transaction; return a SaveResult.

    The same text already stored with this extractor version changes nothing
    ('unchanged'). A changed text at a stored URL or path, or the same text from
    an older extractor version, replaces the article's row and its claims
    ('updated'): a claim whose id (article hash + offsets) is extracted again is
    updated in place, so it keeps its id and, if its fields are the same, its
    checks; claims no longer extracted are deleted. Anything else is inserted
    ('new'). Claims whose offsets or quote do not match the text are not stored;
    they are listed in `dropped`.
    """
    kept, dropped = [], []
    for claim in claims:
        problem = evidence_problem(article.text, claim)
        if problem:
            dropped.append((claim.char_start, claim.char_end, problem))
        else:
            kept.append(claim)
    row = find_article(conn, article)
    params = _article_params(article, extractor_version)
    if row is None:
        article_id = conn.execute(INSERT_ARTICLE, params).lastrowid
        status = "new"
    elif row["content_hash"] == article.content_hash and row["extractor_version"] == extractor_version:
        return SaveResult("unchanged", row["id"])
    else:
        article_id = row["id"]
        if row["content_hash"] == article.content_hash:
            # Same text, newer extractor: keep where and when it was first read.
            params.update(_kept_provenance(conn, article_id))
        conn.execute(UPDATE_ARTICLE, {**params, "id": article_id})
        status = "updated"
    rows = _claim_params(kept, article_id, article.content_hash, extractor_version)
    if status == "updated":
        keep_ids = [r["id"] for r in rows]
        conn.execute(
            "DELETE FROM claims WHERE article_id = ? AND id NOT IN (SELECT value FROM json_each(?))",
            (article_id, json.dumps(keep_ids)),
        )
        conn.executemany(UPSERT_CLAIM, rows)
    else:
        conn.executemany(INSERT_CLAIM, rows)
    return SaveResult(status, article_id, len(kept), dropped)


def _kept_provenance(conn: sqlite3.Connection, article_id: int) -> dict:
    row = conn.execute(
        "SELECT label, url, path, origin, title, publisher, published, fetched_at"
        " FROM articles WHERE id = ?", (article_id,),
    ).fetchone()
    return {key: row[key] for key in row.keys() if row[key] is not None}


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Return the number of rows in each table the store writes: {'articles': n, 'claims': m}."""
    return {
        "articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
        "claims": conn.execute("SELECT count(*) FROM claims").fetchone()[0],
    }
