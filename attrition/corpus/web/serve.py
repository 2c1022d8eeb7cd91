"""Serve an attrition database to a browser with Datasette, read-only.

    app = build_datasette("claims.db")           # a Datasette instance
    serve("claims.db", host="127.0.0.1", port=8001)

Safe defaults for a laptop on a shared network: 127.0.0.1 only, read-only,
arbitrary SQL off (the canned queries, tables, facets, search and claim pages
work without it; `allow_sql=True` turns it on), at most MAX_RETURNED_ROWS rows
and SQL_TIME_LIMIT_MS per query, responses over MAX_RESPONSE_BYTES refused, and
on every connection `fts3_tokenizer`, `zeroblob`, `randomblob` and
`load_extension` refused and the length of any value a query builds capped
(`guard.py`). The database file itself is not offered for download.

The database is brought up to the current schema first (the one write, so the
`claims_view` the pages use exists), then served read-only: Datasette reads it
with `mode=ro`, so a nightly `attrition update` can go on writing and the pages
show its work; with `immutable=True` it is opened as a file that will not
change (faster; for a finished copy nothing writes to any more).
"""

from __future__ import annotations

import os
import socket
import sqlite3
from pathlib import Path

from attrition.corpus import store
from attrition.errors import AttritionError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001

MAX_RETURNED_ROWS = 1000
SQL_TIME_LIMIT_MS = 5000
MAX_RESPONSE_BYTES = 50_000_000
MIN_VALUE_LENGTH = 16_000_000  # the least SQLITE_LIMIT_LENGTH: well above any article's text

# Facets over a few thousand claims on the view take longer than Datasette's 200 ms default.
SETTINGS = {"facet_time_limit_ms": 2000, "sql_time_limit_ms": SQL_TIME_LIMIT_MS,
            "max_returned_rows": MAX_RETURNED_ROWS, "default_allow_sql": False,
            "allow_download": False}


class PortInUse(AttritionError):
    """The address `serve` was asked to listen on is taken: a usage error (exit 2) naming it."""

    exit_code = 2


def check_port_free(host: str, port: int) -> None:
    """Raise PortInUse if nothing can listen on host:port (another server holds it)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as e:
            raise PortInUse(f"cannot listen on {host}:{port} ({e.strerror or e}); another server is "
                            f"using it: stop it or give --port another number") from None


def prepare_database(db_path: str | Path) -> Path:
    """Check the database exists and bring its schema up to date; return its resolved path.

    A file this process cannot write (a read-only copy) is not migrated: it
    must be at the current schema already. Raises store.StoreError (with a
    message for a person) for a missing, unreadable or out-of-date file.
    """
    path = Path(db_path)
    if path.is_file() and not _writable(path):
        _check_read_only(path)
        return path.resolve()
    conn = store.connect(db_path, create=False)
    conn.close()
    return path.resolve()


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.resolve().parent, os.W_OK)


def _check_read_only(path: Path) -> None:
    from attrition.corpus.store.connection import SCHEMA_VERSION

    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise store.StoreError(f"cannot open database {path}: {e}") from e
    if version != SCHEMA_VERSION:
        raise store.StoreError(f"{path} is read-only and at schema version {version}, not {SCHEMA_VERSION}: "
                               f"run any attrition command on a writable copy to upgrade it")


def _longest_value(path: str, immutable: bool) -> int:
    """Return the length in bytes of the longest article text stored (0 when none or unreadable)."""
    mode = "immutable=1" if immutable else "mode=ro"
    try:
        conn = sqlite3.connect(f"{Path(path).as_uri()}?{mode}", uri=True)
        try:
            return conn.execute("SELECT coalesce(max(length(CAST(text AS BLOB))), 0) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def build_datasette(db_path: str | Path, *, immutable: bool = False, allow_sql: bool = False):
    """Return a Datasette instance serving the attrition database at `db_path` with its metadata,
    canned queries, claim page and templates. The database is opened read-only (immutable when
    asked, or when this process cannot write the file); arbitrary SQL only with `allow_sql`.
    """
    from datasette.app import Datasette
    from datasette.plugins import pm

    from attrition.corpus.web import guard, plugin
    from attrition.corpus.web.site import site_metadata, template_dir

    path = str(prepare_database(db_path))
    immutable = immutable or not _writable(Path(path))
    for module, name in ((plugin, plugin.PLUGIN), (guard, guard.PLUGIN)):
        if not pm.is_registered(module):
            pm.register(module, name=name)
    guard.limits["length"] = max(MIN_VALUE_LENGTH, 2 * _longest_value(path, immutable) + 1_000_000)
    return Datasette(
        files=[] if immutable else [path],
        immutables=[path] if immutable else [],
        metadata=site_metadata(Path(path).stem),
        template_dir=template_dir(),
        settings={**SETTINGS, "default_allow_sql": allow_sql},
    )


def serve(db_path: str | Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          immutable: bool = False, allow_sql: bool = False, announce=print) -> None:
    """Serve the database at http://host:port/ until interrupted.

    `allow_sql` lets visitors run their own SQL (still capped). `announce` is
    called once with a line saying where, before the server starts.
    """
    import uvicorn

    from attrition.corpus.web.guard import ResponseCap

    check_port_free(host, port)
    datasette = build_datasette(db_path, immutable=immutable, allow_sql=allow_sql)
    database = next(name for name in datasette.databases if name != "_internal")
    announce(f"Serving {db_path} read-only at http://{host}:{port}/{database}/claims_view "
             f"(Ctrl-C to stop)")
    uvicorn.run(ResponseCap(datasette.app(), MAX_RESPONSE_BYTES), host=host, port=port, log_level="warning", lifespan="on",
                workers=1)
