"""Fetch one http(s) URL politely: an honest User-Agent, a timeout and a size cap.

    page = fetch_url("https://example.org/news/1")
    page.body, page.content_type

Uses urllib from the standard library. Every failure raises ReadError with a
message that says what went wrong (HTTP status, timeout, size); failures worth
trying again (HTTP 5xx and 429, timeouts, dropped connections) raise its
subclass TransientError. Redirects are followed only to http(s) URLs. Extra
request headers (If-None-Match, If-Modified-Since) make a conditional GET; a
304 answer comes back as a Fetched with `status` 304 and no body.
"""

from __future__ import annotations

import http.client
import socket
import time
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


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects)


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

    Takes an http(s) URL, a timeout in seconds (for connecting, for each read,
    and for reading the whole body), the largest body accepted in bytes, and
    extra request headers. Fails on a non-2xx status (other than 304), a network
    error, a timeout, a body over `max_bytes` or an empty body.
    """
    if not is_url(url):
        raise ReadError(url, "not an http(s) URL")
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        **(headers or {}),
    })
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise ReadError(url, f"response is {int(declared):,} bytes, over the cap of {max_bytes:,}")
            body = _read_capped(response, url, timeout, max_bytes)
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
    except urllib.error.URLError as e:
        if isinstance(e.reason, (socket.timeout, TimeoutError)):
            raise TransientError(url, f"timed out after {timeout:g}s") from e
        raise TransientError(url, f"cannot fetch: {e.reason}") from e
    except (socket.timeout, TimeoutError) as e:
        raise TransientError(url, f"timed out after {timeout:g}s") from e
    except (OSError, http.client.HTTPException) as e:
        raise TransientError(url, f"cannot fetch: {type(e).__name__}: {e}") from e
    if not body.strip():
        raise ReadError(url, "empty response")
    return page


def _read_capped(response, url: str, timeout: float, max_bytes: int) -> bytes:
    """Read the body in chunks; raise ReadError past `max_bytes`, TransientError past `timeout`."""
    deadline = time.monotonic() + timeout
    chunks, size = [], 0
    while True:
        chunk = response.read(CHUNK_BYTES)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise ReadError(url, f"response is over the cap of {max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise TransientError(url, f"timed out after {timeout:g}s reading the body")
        chunks.append(chunk)
