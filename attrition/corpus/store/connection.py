"""Opening a database: connect, schema.sql and its migrations, the one transaction helper.

    conn = connect("attrition.db")           # WAL, busy timeout, foreign keys on, rows as sqlite3.Row
    with transaction(conn):                  # BEGIN IMMEDIATE ... COMMIT, or ROLLBACK and re-raise
        database(conn)["claims"].insert_all(rows)   # the sqlite_utils.Database over the same connection

Every writer in attrition writes through `transaction`: an article and its
claims, a run's counts, an official file, a batch of claim shards. Inside a
transaction that is already open it is a SAVEPOINT, so a writer can be called
on its own or as a step of a larger write.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from attrition.corpus.read.article import now_iso  # noqa: F401  (store.now_iso, as before)
from attrition.errors import AttritionError

if TYPE_CHECKING:  # sqlite-utils takes 0.1 s to import: only a write or a table lookup needs it
    import sqlite_utils

SCHEMA_VERSION = 9

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
    6: (),  # hand_checked_claims (attrition import-claims)
    7: ("DROP VIEW IF EXISTS claims_view", "-- schema.sql: claims_view"),  # figure, integers, article URL
    8: (),  # official.period_kind 'month' (CPS files), checks kind 'subgroup': both rebuilt, see migrate
    # across_members, check_dirty and their triggers (issue 15): every claim is checked once more,
    # which fills across_members.
    9: ("DELETE FROM checked_claims",),
}

# A migration step naming a statement of schema.sql: that statement, read when the migration runs.
_SCHEMA_STATEMENT = "-- schema.sql: "

BUSY_TIMEOUT_MS = 30_000


def _rebuilt(table: str, indexes: tuple[str, ...]) -> tuple[str, ...]:
    """Statements rebuilding `table` with schema.sql's definition (a CHECK constraint cannot be altered).

    The rename runs with legacy_alter_table on, so views naming the table (claims_view
    names `checks`) are left as they are and see the rebuilt table.
    """
    head = f"CREATE TABLE IF NOT EXISTS {table} ("
    create = next(s[s.index(head):] for s in schema_statements() if head in s)
    return (create.replace(head, f"CREATE TABLE {table}_rebuilt (", 1),
            f"INSERT INTO {table}_rebuilt SELECT * FROM {table}",
            "PRAGMA legacy_alter_table = ON",
            f"DROP TABLE {table}",
            f"ALTER TABLE {table}_rebuilt RENAME TO {table}",
            "PRAGMA legacy_alter_table = OFF",
            *indexes)


def _rebuild_checked_tables() -> tuple[str, ...]:
    """Version 7: `official.period_kind` may be 'month'; `checks` may be of kind 'subgroup' and its verdicts."""
    return (_rebuilt("official", ("CREATE INDEX IF NOT EXISTS official_area_period"
                                  " ON official(area, period_start, period_end)",))
            + _rebuilt("checks", ("CREATE INDEX IF NOT EXISTS checks_claim ON checks(claim_id, kind)",
                                  "CREATE INDEX IF NOT EXISTS checks_verdict ON checks(verdict)")))


class StoreError(AttritionError):
    """A database that cannot be opened, migrated or written, with a message for a person."""


class Connection(sqlite3.Connection):
    """A sqlite3 connection (autocommit; transactions through `transaction`) with its sqlite-utils Database."""

    _database: "sqlite_utils.Database | None" = None

    @property
    def db(self) -> sqlite_utils.Database:
        """The sqlite_utils.Database wrapping this connection (made on first use)."""
        if self._database is None:
            self._database = _wrap(self)
        return self._database


def _wrap(conn: sqlite3.Connection) -> sqlite_utils.Database:
    import sqlite_utils

    # No PRAGMA changes and no plugins: the wrapper only adds sqlite-utils' table methods.
    db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    # schema.sql's own upserts need SQLite >= 3.24, so INSERT ... ON CONFLICT is there:
    # spare sqlite-utils its probe (which creates and drops a table in this database).
    db._supports_on_conflict = True
    return db


def database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """Return the sqlite_utils.Database over `conn` (one made by `connect`, or any sqlite3 connection)."""
    return conn.db if isinstance(conn, Connection) else _wrap(conn)


_savepoints = itertools.count(1)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the `with` block as one write transaction; yield the connection.

    Begins with BEGIN IMMEDIATE (the write lock is taken at once, so two
    writers queue on the busy timeout instead of failing half way), commits
    when the block ends, and on any exception rolls back and re-raises. Inside
    a transaction that is already open, the block is a SAVEPOINT: on error only
    its own writes roll back, and the rest commits with the outer transaction.
    """
    if conn.in_transaction:
        name = f"attrition_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def schema_sql() -> str:
    """Return the text of the packaged schema.sql."""
    return resources.files("attrition").joinpath("schema.sql").read_text(encoding="utf-8")


def schema_statements(script: str | None = None) -> list[str]:
    """Return the statements of `script` (default: schema.sql), one string each, triggers whole."""
    statements, buffer = [], ""
    for line in (schema_sql() if script is None else script).splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return statements


def connect(path: str | Path = "attrition.db", *, create: bool = True) -> Connection:
    """Open (and if needed create and migrate) the database at `path`.

    Takes a file path or ":memory:"; with `create=False` a missing file raises
    StoreError instead of being created. Returns a connection in autocommit mode
    (transactions are explicit), WAL journal, a busy timeout, foreign keys on and
    rows as sqlite3.Row; its `db` is the sqlite_utils.Database over it.
    """
    path = str(path)
    if not create and path != ":memory:" and not Path(path).is_file():
        raise StoreError(f"no database at {path} (run `attrition ingest ... --db {path}` first)")
    conn = None
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               factory=Connection)
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


def _schema_statement(step: str, statements: list[str]) -> str:
    """Return the CREATE statement of schema.sql that a migration step names (a view recreated)."""
    name = step[len(_SCHEMA_STATEMENT):].strip()
    for statement in statements:
        if re.search(rf"^CREATE\s+\w+\s+IF\s+NOT\s+EXISTS\s+{re.escape(name)}\b", statement, re.MULTILINE):
            return statement
    raise StoreError(f"schema.sql has no statement creating {name}")


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to SCHEMA_VERSION in one transaction; return the version.

    A database already at SCHEMA_VERSION is left untouched; one from a newer
    attrition raises StoreError. Applies schema.sql (every statement is
    idempotent), then MIGRATIONS for each version passed, then sets PRAGMA
    user_version. On any error the transaction rolls back and the database
    keeps its old version.
    """
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {version} is newer than this attrition ({SCHEMA_VERSION})"
        )
    if version == SCHEMA_VERSION:
        return version
    schema = schema_statements()
    steps = list(schema)
    for target in range(version + 1, SCHEMA_VERSION + 1):
        steps.extend(_schema_statement(step, schema) if step.startswith(_SCHEMA_STATEMENT) else step
                     for step in MIGRATIONS.get(target, ()))
        if target == 8 and version >= 2:  # an `official` table made before 'month' was a period kind
            steps.extend(_rebuild_checked_tables())
    with transaction(conn):
        for statement in steps:
            if statement.strip():
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
    return SCHEMA_VERSION
