"""Named read queries over the store: filter claims, fetch one claim, full-text search.

Every function takes an open connection (see `store.connect`) and returns plain
dicts, ready for `attrition.corpus.store.export`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from attrition.corpus.store.connection import StoreError

# A claim with its article's label, in the column order exports use.
CLAIM_SELECT = """
SELECT c.id, a.label AS article, c.quote, c.value, c.unit, c.stage, c.of_stage, c.offence,
       c.area, c.period_start, c.period_end, c.period_text, c.source, c.speaker, c.change,
       c.char_start, c.char_end, c.quote_start, c.comparator, c.area_inherited,
       c.period_inherited, c.source_inherited, c.confidence, c.extractor_version,
       c.article_id, a.title AS article_title, a.publisher, a.published,
       COALESCE(a.url, a.path, a.origin) AS article_url,
       substr(a.text, max(1, c.quote_start - 399), min(c.quote_start, 400)) AS before_quote
  FROM claims c JOIN articles a ON a.id = c.article_id
"""

# The keys of every dict find_claims/get_claim/search_claims return, in order: the figure as a
# person reads it (`figure`: value, unit and hedge, "fewer than 20%"), then the article to cite.
CLAIM_FIELDS = (
    "id", "article", "figure", "quote", "value", "unit", "stage", "of_stage", "offence", "area",
    "period_start", "period_end", "period_text", "source", "speaker", "change",
    "char_start", "char_end", "quote_start", "comparator", "area_inherited",
    "period_inherited", "source_inherited", "confidence", "extractor_version", "article_id",
    "article_title", "publisher", "published", "article_url",
)

BOOLEAN_COLUMNS = ("change", "area_inherited", "period_inherited", "source_inherited")


@dataclass
class ClaimFilter:
    """What `find_claims` keeps. Every field is optional; None means no filter.

    `area` matches the canonical force name case-insensitively; `stage` and
    `offence` match exactly; `since`/`until` (ISO dates) keep claims whose period
    overlaps [since, until]; `source` and `speaker` match a case-insensitive
    substring; `article` matches an article's label or numeric id.
    """

    area: str | None = None
    stage: str | None = None
    offence: str | None = None
    since: str | None = None
    until: str | None = None
    source: str | None = None
    speaker: str | None = None
    article: str | None = None
    limit: int | None = None


class SearchQueryError(StoreError):
    """A full-text query FTS5 cannot parse: a usage error (exit 2) with the hint to quote terms."""

    exit_code = 2

    def __init__(self, query: str, error: sqlite3.Error):
        quoted = '"' + query.replace('"', '""') + '"'
        super().__init__(f"bad search query {query!r} ({error}); put words joined by - or : and other "
                         f"punctuation in double quotes, e.g. '{quoted}'")


def _claim_dict(row: sqlite3.Row) -> dict:
    from attrition.corpus.store.export import figure_label, sentence_lead

    claim = dict(row)
    for name in BOOLEAN_COLUMNS:
        claim[name] = bool(claim[name])
    value = claim["value"]
    if value is not None and float(value).is_integer():
        claim["value"] = int(value)
    claim["figure"] = figure_label(claim)
    lead = sentence_lead(claim["before_quote"] or "", claim["quote"])
    if lead:  # the extractor's quote began mid-sentence: start it where its sentence or line starts
        claim["quote"], claim["quote_start"] = lead + claim["quote"], claim["quote_start"] - len(lead)
    return {name: claim[name] for name in CLAIM_FIELDS}


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# ClaimFilter field -> its SQL condition, and the parameters a value gives it (in that order).
_FILTERS = (
    ("area", "c.area = ? COLLATE NOCASE", lambda v: [v]),
    ("stage", "c.stage = ?", lambda v: [v]),
    ("offence", "c.offence = ?", lambda v: [v]),
    ("since", "c.period_end >= ?", lambda v: [v]),
    ("until", "c.period_start <= ?", lambda v: [v]),
    ("source", "c.source LIKE ? ESCAPE '\\'", lambda v: [_like(v)]),
    ("speaker", "c.speaker LIKE ? ESCAPE '\\'", lambda v: [_like(v)]),
    ("article", "(a.label = ? OR CAST(a.id AS TEXT) = ?)", lambda v: [v, v]),
)


def find_claims(conn: sqlite3.Connection, where: ClaimFilter | None = None) -> list[dict]:
    """Return the stored claims that pass `where`, ordered by article then position.

    Takes a connection and a ClaimFilter (None: every claim). Returns one dict
    per claim with the columns of CLAIM_SELECT (booleans as bool).
    """
    where = where or ClaimFilter()
    clauses, params = [], []
    for name, condition, parameters in _FILTERS:
        value = getattr(where, name)
        if value:
            clauses.append(condition)
            params.extend(parameters(value))
    sql = CLAIM_SELECT
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY c.article_id, c.char_start, c.seq"  # = a.id; lets an index give the order
    if where.limit is not None:
        sql += " LIMIT ?"
        params.append(where.limit)
    return [_claim_dict(row) for row in conn.execute(sql, params)]


def get_claim(conn: sqlite3.Connection, claim_id: str) -> dict:
    """Return the claim whose id is `claim_id` (or starts with it, if only one does).

    Raises StoreError when no claim, or more than one, matches.
    """
    rows = conn.execute(
        CLAIM_SELECT + " WHERE c.id = ? OR c.id LIKE ? ESCAPE '\\' ORDER BY c.id LIMIT 2",
        (claim_id, claim_id.replace("%", "\\%").replace("_", "\\_") + "%"),
    ).fetchall()
    exact = [row for row in rows if row["id"] == claim_id]
    if exact:
        return _claim_dict(exact[0])
    if not rows:
        raise StoreError(f"no claim with id {claim_id}")
    if len(rows) > 1:
        raise StoreError(f"more than one claim id starts with {claim_id}; give more digits")
    return _claim_dict(rows[0])


def get_article(conn: sqlite3.Connection, article_id: int) -> dict:
    """Return the stored article with id `article_id` as a dict (text included).

    Raises StoreError when there is none.
    """
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise StoreError(f"no article with id {article_id}")
    return dict(row)


def search_claims(conn: sqlite3.Connection, query: str, limit: int = 50) -> list[dict]:
    """Return claims whose quote matches the FTS5 `query`, best match first.

    Raises SearchQueryError on a query FTS5 cannot parse.
    """
    sql = (CLAIM_SELECT + " JOIN claims_fts f ON f.rowid = c.seq"
           " WHERE claims_fts MATCH ? ORDER BY f.rank LIMIT ?")
    try:
        return [_claim_dict(row) for row in conn.execute(sql, (query, limit))]
    except sqlite3.OperationalError as e:
        raise SearchQueryError(query, e) from e


def search_articles(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[dict]:
    """Return articles whose title or text matches the FTS5 `query`, best first.

    Each dict has id, label, title, published and `snippet` (matched words in
    [[ ]]). Raises SearchQueryError on a query FTS5 cannot parse.
    """
    sql = """
    SELECT a.id, a.label, a.title, a.published,
           snippet(articles_fts, 1, '[[', ']]', ' ... ', 12) AS snippet
      FROM articles_fts f JOIN articles a ON a.id = f.rowid
     WHERE articles_fts MATCH ?
     ORDER BY f.rank LIMIT ?
    """
    try:
        return [dict(row) for row in conn.execute(sql, (query, limit))]
    except sqlite3.OperationalError as e:
        raise SearchQueryError(query, e) from e
