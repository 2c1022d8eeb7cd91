"""Storing: the SQLite database and everything that reads or writes it row by row.

- `connection`: open a database, apply `attrition/schema.sql` and its migrations
  (`PRAGMA user_version`), the sqlite-utils `Database` over the connection, and
  `transaction`, the one helper every writer uses.
- `articles`: write an article with its claims (claim ids, evidence checks), tell
  whether an article needs extracting, the counts of a write.
- `query`: named read queries (filter claims, one claim, full-text search).
- `export`: claims out as table, CSV, JSON, JSON lines and GOLD.md rows.
- `show`: one claim for a person, its sentence with the figure marked.
- `runs`: the `runs` table of `update`/`reextract`; `lock`: one writer per database.

May import `attrition.corpus.read` (the Article), `attrition.extract` (the Claim
and its fields) and `attrition.errors`; never check/, update/, scale/, web/ or the CLI.

The names most callers want are here: `store.connect`, `store.transaction`,
`store.save_article`, `store.StoreError`.
"""

from attrition.corpus.store.articles import (  # noqa: F401
    IngestReport, SaveResult, claim_id, counts, evidence_problem, find_article, needs_extraction,
    save_article, write_article,
)
from attrition.corpus.store.connection import (  # noqa: F401
    BUSY_TIMEOUT_MS, MIGRATIONS, SCHEMA_VERSION, StoreError, connect, database, migrate, now_iso, schema_sql, schema_version,
    transaction,
)
