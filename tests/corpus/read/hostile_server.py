"""A hostile HTTP server on 127.0.0.1 for the read tests, and a guard that no call hangs a test.

    with hostile({"/drip": drip_body(b"x" * 100)}) as base:
        within(10, fetch_url, f"{base}/drip", timeout=1)

Each route is a function given the connected socket; it writes whatever it
likes (raw bytes, slowly, or lies about Content-Length) and returns. The server
stops its connections when the `with` block ends.
"""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager


def within(seconds: float, function, *args, **kwargs):
    """Return `function(*args, **kwargs)`, failing the test if it takes longer than `seconds`."""
    import pytest

    outcome: dict = {}

    def run():
        try:
            outcome["value"] = function(*args, **kwargs)
        except BaseException as e:  # handed back to the test below
            outcome["error"] = e

    thread = threading.Thread(target=run, daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"{getattr(function, '__name__', function)} still running after {seconds:g}s")
    if "error" in outcome:
        raise outcome["error"]
    within.elapsed = time.monotonic() - started
    return outcome["value"]


def _head(status: str, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status}"] + [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def respond(body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK",
            **headers: str):
    """A route that answers `body` at once, with an honest Content-Length."""

    def route(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(_head(status, {"Content-Type": content_type, "Content-Length": str(len(body)),
                                    "Connection": "close", **headers}) + body)

    return route


def drip_body(body: bytes, pause: float = 0.2, content_type: str = "text/html"):
    """A route that sends its headers, then the body one byte every `pause` seconds."""

    def route(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(_head("200 OK", {"Content-Type": content_type, "Content-Length": str(len(body))}))
        for byte in body:
            if stop.wait(pause):
                return
            conn.sendall(bytes([byte]))

    return route


def drip_headers(pause: float = 0.2):
    """A route that sends a status line, then header bytes one every `pause` seconds, for ever."""

    def route(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        while not stop.wait(pause):
            conn.sendall(b"X")

    return route


def endless(content_type: str = "application/rss+xml", chunk: bytes = b"<rss>" + b" " * 65536):
    """A route that streams a body with no Content-Length until the client goes away."""

    def route(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(_head("200 OK", {"Content-Type": content_type, "Connection": "close"}))
        while not stop.is_set():
            conn.sendall(chunk)

    return route


def truncated(declared: int, sent: bytes, content_type: str = "text/html; charset=utf-8"):
    """A route that promises `declared` bytes (Content-Length), sends `sent` and hangs up."""

    def route(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(_head("200 OK", {"Content-Type": content_type, "Content-Length": str(declared)}) + sent)

    return route


@contextmanager
def hostile(routes: dict):
    """Serve `routes` ({path: route}) on 127.0.0.1 in threads; yield the base URL; `hostile.hits` counts requests."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()
    hits: dict[str, int] = {}

    def handle(conn: socket.socket) -> None:
        try:
            conn.settimeout(10)
            request = b""
            while b"\r\n\r\n" not in request:
                data = conn.recv(4096)
                if not data:
                    return
                request += data
            path = request.split(b" ", 2)[1].decode("latin-1")
            hits[path] = hits.get(path, 0) + 1
            route = routes.get(path, respond(b"not found", "text/plain", "404 Not Found"))
            route(conn, stop)
        except OSError:
            pass
        finally:
            conn.close()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except (socket.timeout, OSError):
                continue
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    hostile.hits = hits
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(2)
        listener.close()
