"""Serve an attrition database to a browser with Datasette, read-only.

    app = build_datasette("claims.db")           # a Datasette instance
    serve("claims.db", host="127.0.0.1", port=8001)

The database is brought up to the current schema first (the one write, so the
`claims_view` the pages use exists), then served read-only: Datasette reads it
with `mode=ro`, so a nightly `attrition update` can go on writing and the pages
show its work; with `immutable=True` it is opened as a file that will not
change (faster; for a finished copy nothing writes to any more).
"""

from __future__ import annotations

import socket
from pathlib import Path

from attrition.corpus import store
from attrition.errors import AttritionError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001

# Facets over a few thousand claims on the view take longer than Datasette's 200 ms default.
SETTINGS = {"facet_time_limit_ms": 2000, "sql_time_limit_ms": 5000}


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

    Raises store.StoreError (with a message for a person) for a missing or unreadable file.
    """
    conn = store.connect(db_path, create=False)
    conn.close()
    return Path(db_path).resolve()


def build_datasette(db_path: str | Path, *, immutable: bool = False):
    """Return a Datasette instance serving the attrition database at `db_path` with its metadata,
    canned queries, claim page and templates. The database is opened read-only.
    """
    from datasette.app import Datasette
    from datasette.plugins import pm

    from attrition.corpus.web import plugin
    from attrition.corpus.web.site import site_metadata, template_dir

    path = str(prepare_database(db_path))
    if not pm.is_registered(plugin):
        pm.register(plugin, name=plugin.PLUGIN)
    return Datasette(
        files=[] if immutable else [path],
        immutables=[path] if immutable else [],
        metadata=site_metadata(Path(path).stem),
        template_dir=template_dir(),
        settings=SETTINGS,
    )


def serve(db_path: str | Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          immutable: bool = False, announce=print) -> None:
    """Serve the database at http://host:port/ until interrupted.

    `announce` is called once with a line saying where, before the server starts.
    """
    import uvicorn

    check_port_free(host, port)
    datasette = build_datasette(db_path, immutable=immutable)
    database = next(name for name in datasette.databases if name != "_internal")
    announce(f"Serving {db_path} read-only at http://{host}:{port}/{database}/claims_view "
             f"(Ctrl-C to stop)")
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on",
                workers=1)
