"""Guards on every SQLite connection the served site opens, and a cap on each response's size.

Registered by `serve.build_datasette`. Each connection gets an authorizer that
refuses functions no page needs and some can abuse: `fts3_tokenizer` (it hands
out, and takes, native pointers), `zeroblob` and `randomblob` (a gigabyte from
a dozen characters of SQL), `load_extension`; and a limit on the length of any
string or BLOB a query may build (SQLITE_LIMIT_LENGTH), set above the longest
value stored. `ResponseCap` refuses a response body larger than its cap.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

PLUGIN = "attrition-guard"
DENIED_FUNCTIONS = frozenset({"fts3_tokenizer", "zeroblob", "randomblob", "load_extension"})

# Set by serve.build_datasette from the database: the longest string or BLOB a query may make.
limits = {"length": 16_000_000}


def _authorize(action, arg1, arg2, db_name, trigger):
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


@hookimpl
def prepare_connection(conn):
    """Refuse the dangerous functions on `conn` and cap the length of any value it makes."""
    conn.set_authorizer(_authorize)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, limits["length"])


class ResponseCap:
    """ASGI middleware: a response whose body passes `max_bytes` is replaced by a 413, or cut off.

    The status line and headers are held back until the first part of the body
    arrives, so a response that is too big in one piece (how Datasette sends
    JSON and HTML) becomes a plain-text 413 that says so; a streamed one that
    grows past the cap is cut off where it passes it.
    """

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = {"start": None, "sent": 0, "refused": False}

        async def capped_send(message):
            if state["refused"]:
                return
            if message["type"] == "http.response.start":
                state["start"] = message
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            state["sent"] += len(message.get("body", b""))
            if state["sent"] > self.max_bytes:
                state["refused"] = True
                if state["start"] is not None:  # nothing sent yet: say why instead
                    body = (f"Response too large: over the cap of {self.max_bytes:,} bytes. "
                            f"Ask for fewer rows or columns.\n").encode()
                    await send({"type": "http.response.start", "status": 413,
                                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                            (b"content-length", str(len(body)).encode())]})
                    await send({"type": "http.response.body", "body": body})
                else:
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            if state["start"] is not None:
                await send(state["start"])
                state["start"] = None
            await send(message)

        await self.app(scope, receive, capped_send)
