"""Articles and their claims in the store: write them, find them, tell whether they need extracting.

    result = save_article(conn, article, claims, EXTRACTOR_VERSION)   # a SaveResult: new, unchanged, updated

One transaction per article: an article and its claims go in (or are replaced)
together or not at all. A claim's id is a digest of (article content hash,
char offsets), so the same text extracted again keeps its ids. Reading claims
back lives in `query`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field

from attrition.corpus.read.article import Article, now_iso
from attrition.corpus.read.errors import Failure
from attrition.corpus.store.connection import database, transaction

CLAIM_COLUMNS = (
    "id", "article_id", "value", "unit", "stage", "of_stage", "offence", "area",
    "period_start", "period_end", "period_text", "source", "speaker", "change",
    "quote", "quote_start", "char_start", "char_end", "comparator",
    "area_inherited", "period_inherited", "source_inherited", "confidence",
    "extractor_version",
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


@dataclass
class IngestReport:
    """What writing a stream of articles did (`ingest`, `load`): article counts, claims, failures, warnings."""

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

    def add(self, result: "SaveResult", name: str) -> None:
        """Count what `save_article`/`write_article` did for the article named `name`."""
        setattr(self, result.status, getattr(self, result.status) + 1)
        self.claims += result.claims
        for start, end, reason in result.dropped:
            self.warnings.append(f"{name}: claim at {start}-{end} not stored: {reason}")

    def summary(self) -> str:
        """Return the one-line count of the run, e.g. `2 new, 1 unchanged, 0 updated, 1 failed`."""
        return (f"{self.new} new, {self.unchanged} unchanged, {self.updated} updated, "
                f"{self.failed} failed ({self.claims} claims written)")


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
    version; runs `write_article` inside `transaction` (a SAVEPOINT when the
    caller's transaction is open). If any write fails it all rolls back and the
    error propagates.
    """
    with transaction(conn):
        result = write_article(conn, article, claims, extractor_version)
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
        article_id = conn.execute(INSERT_ARTICLE, params).lastrowid  # one row: plain SQL is cheapest
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
    if status == "updated" and _keep_hand_checked(conn, article_id, article.text):
        return SaveResult(status, article_id, 0, dropped)
    rows = _claim_params(kept, article_id, article.content_hash, extractor_version)
    if status == "updated":
        keep_ids = [r["id"] for r in rows]
        conn.execute(
            "DELETE FROM claims WHERE article_id = ? AND id NOT IN (SELECT value FROM json_each(?))",
            (article_id, json.dumps(keep_ids)),
        )
        # A claim extracted again at the same place keeps its row (and id): only its fields change.
        database(conn)["claims"].upsert_all(rows, pk="id")
    elif rows:  # an article without claims (most of a mixed stream) needs no bulk insert
        database(conn)["claims"].insert_all(rows)
    return SaveResult(status, article_id, len(kept), dropped)


def _keep_hand_checked(conn: sqlite3.Connection, article_id: int, text: str) -> bool:
    """Keep an article's hand-checked claims (those whose quote is still in `text`) instead of extracted ones.

    Returns False when the article has none (its claims are replaced as usual);
    else deletes its other claims and returns True. See `store.handchecked`.
    """
    rows = conn.execute(
        "SELECT c.id, c.quote, c.quote_start FROM claims c JOIN hand_checked_claims h ON h.claim_id = c.id"
        " WHERE c.article_id = ?", (article_id,)).fetchall()
    if not rows:
        return False
    still = [r["id"] for r in rows if text[r["quote_start"]:r["quote_start"] + len(r["quote"])] == r["quote"]]
    conn.execute("DELETE FROM claims WHERE article_id = ? AND id NOT IN (SELECT value FROM json_each(?))",
                 (article_id, json.dumps(still)))
    return True


def _kept_provenance(conn: sqlite3.Connection, article_id: int) -> dict:
    row = conn.execute(
        "SELECT label, url, path, origin, title, publisher, published, fetched_at"
        " FROM articles WHERE id = ?", (article_id,),
    ).fetchone()
    return {key: row[key] for key in row.keys() if row[key] is not None}


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Return the number of rows in each table the store writes: {'articles': n, 'claims': m}."""
    db = database(conn)
    return {name: db[name].count for name in ("articles", "claims")}
