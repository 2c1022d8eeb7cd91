"""Fetch one http(s) URL politely: an honest User-Agent, a whole-request deadline and a size cap.

    page = fetch_url("https://example.org/news/1")
    page.body, page.content_type

Uses urllib from the standard library; this is the one place attrition reads
the network. Every failure raises ReadError with a message that says what went
wrong (HTTP status, timeout, size, a truncated body); failures worth trying
again (HTTP 5xx and 429, timeouts, dropped connections, truncated bodies) raise
its subclass TransientError. Redirects are followed only to http(s) URLs. Extra
request headers (If-None-Match, If-Modified-Since) make a conditional GET; a
304 answer comes back as a Fetched with `status` 304 and no body.

The timeout is a deadline for the whole request (connecting, the headers, every
redirect and the body), not for each read: a server that drips one byte a
second is cut off when the deadline passes, because a watchdog shuts the
request's sockets. The size cap applies to the body as decoded (a gzip or
deflate body is inflated under the same cap).
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import zlib
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from attrition import __version__
from attrition.corpus.read.errors import ReadError, TransientError

USER_AGENT = f"attrition/{__version__} (research tool reading news about sexual-offence statistics)"
TIMEOUT_SECONDS = 20.0
MAX_BYTES = 5_000_000
CHUNK_BYTES = 65_536


@dataclass
class Fetched:
    """A fetched response: the URL asked for, where it ended up, its media type, charset and bytes.

    `status` is 200 (or another 2xx) or 304 for a conditional GET whose document
    has not changed; `etag` and `last_modified` are the validators the server sent.
    """

    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None


def is_url(source: str) -> bool:
    """Return True when `source` is an http:// or https:// URL."""
    return urlsplit(source).scheme.lower() in ("http", "https")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s) URLs (urllib's default also allows ftp)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_url(newurl):
            raise ReadError(req.full_url, f"redirected to a non-http(s) URL: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Deadline:
    """A whole-request deadline: when it passes, every socket the request opened is shut down.

    A blocked read on a shut socket returns at once, so no server can hold a
    request past `seconds`, whatever it sends and however slowly.
    """

    def __init__(self, seconds: float):
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> "_Deadline":
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def track(self, sock: socket.socket) -> None:
        """Put `sock` under the deadline (shut at once if it has passed already)."""
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:  # the plain socket's shutdown: an SSLSocket's own would drop its state under the reader
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


def _under_deadline(http_class, deadline: _Deadline):
    """Return a factory of `http_class` connections whose sockets `deadline` tracks."""

    def make(*args, **kwargs):
        connection = http_class(*args, **kwargs)
        create = connection._create_connection  # http.client's hook for opening the socket

        def create_tracked(*a, **k):
            sock = create(*a, **k)
            deadline.track(sock)
            return sock

        connection._create_connection = create_tracked
        return connection

    return make


class _DeadlineHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self.deadline = deadline

    def do_open(self, http_class, req, **kwargs):
        return super().do_open(_under_deadline(http_class, self.deadline), req, **kwargs)


class _DeadlineHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self.deadline = deadline

    def do_open(self, http_class, req, **kwargs):
        return super().do_open(_under_deadline(http_class, self.deadline), req, **kwargs)


def _opener(deadline: _Deadline):
    return urllib.request.build_opener(_HttpOnlyRedirects, _DeadlineHTTPHandler(deadline),
                                       _DeadlineHTTPSHandler(deadline))


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def fetch_url(url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES,
              headers: dict[str, str] | None = None) -> Fetched:
    """GET `url` and return a Fetched; raise ReadError (or TransientError) on any failure.

    Takes an http(s) URL, a deadline in seconds for the whole request
    (connecting, headers, redirects and body together), the largest body
    accepted in bytes (after gzip/deflate decoding), and extra request headers.
    Fails on a non-2xx status (other than 304), a network error, the deadline
    passing, a body over `max_bytes`, a body shorter than its Content-Length, or
    an empty body.
    """
    if not is_url(url):
        raise ReadError(url, "not an http(s) URL")
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        **(headers or {}),
    })
    deadline = _Deadline(timeout)
    try:
        with deadline, _opener(deadline).open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise ReadError(url, f"response is {int(declared):,} bytes, over the cap of {max_bytes:,}")
            body = _read_capped(response, url, max_bytes)
            if deadline.expired:
                raise TransientError(url, f"timed out after {timeout:g}s")
            missing = getattr(response, "length", None)
            if missing:  # http.client counts down Content-Length; a closed connection leaves the rest
                raise TransientError(url, f"truncated response: {len(body):,} of "
                                          f"{len(body) + missing:,} bytes (Content-Length) received")
            body = _decoded(body, response.headers.get("Content-Encoding"), url, max_bytes)
            page = Fetched(url, response.geturl(), response.headers.get_content_type(),
                           response.headers.get_content_charset(), body, response.status,
                           response.headers.get("ETag"), response.headers.get("Last-Modified"))
    except urllib.error.HTTPError as e:
        if e.code == 304:
            return Fetched(url, url, "", None, b"", 304, e.headers.get("ETag"),
                           e.headers.get("Last-Modified"))
        if e.code >= 500 or e.code == 429:
            raise TransientError(url, f"HTTP {e.code} {e.reason}",
                                 _retry_after(e.headers.get("Retry-After"))) from e
        raise ReadError(url, f"HTTP {e.code} {e.reason}") from e
    except ReadError:
        if deadline.expired:
            raise TransientError(url, f"timed out after {timeout:g}s") from None
        raise
    except urllib.error.URLError as e:
        if deadline.expired or isinstance(e.reason, (socket.timeout, TimeoutError)):
            raise TransientError(url, f"timed out after {timeout:g}s") from e
        raise TransientError(url, f"cannot fetch: {e.reason}") from e
    except (socket.timeout, TimeoutError) as e:
        raise TransientError(url, f"timed out after {timeout:g}s") from e
    except (OSError, http.client.HTTPException, ValueError) as e:
        if deadline.expired:
            raise TransientError(url, f"timed out after {timeout:g}s") from e
        raise TransientError(url, f"cannot fetch: {type(e).__name__}: {e}") from e
    if not body.strip():
        raise ReadError(url, "empty response")
    return page


def _decoded(body: bytes, encoding: str | None, url: str, max_bytes: int) -> bytes:
    """Return `body` inflated when its Content-Encoding is gzip or deflate, under `max_bytes`."""
    encoding = (encoding or "").strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise ReadError(url, f"unsupported Content-Encoding: {encoding}")
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header, detected
    try:
        data = inflater.decompress(body, max_bytes + 1)
    except zlib.error as e:
        raise ReadError(url, f"corrupt {encoding} body: {e}") from None
    if len(data) > max_bytes:
        raise ReadError(url, f"response inflates to over the cap of {max_bytes:,} bytes")
    return data


def _read_capped(response, url: str, max_bytes: int) -> bytes:
    """Read the body in chunks; raise ReadError as soon as it passes `max_bytes`."""
    chunks, size = [], 0
    while True:
        chunk = response.read(CHUNK_BYTES)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise ReadError(url, f"response is over the cap of {max_bytes:,} bytes")
        chunks.append(chunk)
