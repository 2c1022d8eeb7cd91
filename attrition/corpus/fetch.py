"""Fetch one http(s) URL politely: an honest User-Agent, a timeout and a size cap.

    page = fetch_url("https://example.org/news/1")
    page.body, page.content_type

Uses urllib from the standard library. Every failure raises ReadError with a
message that says what went wrong (HTTP status, timeout, size).
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from attrition import __version__
from attrition.corpus.errors import ReadError

USER_AGENT = f"attrition/{__version__} (research tool reading news about sexual-offence statistics)"
TIMEOUT_SECONDS = 20.0
MAX_BYTES = 5_000_000


@dataclass
class Fetched:
    """A fetched response: the URL asked for, where it ended up, its media type, charset and bytes."""

    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes


def is_url(source: str) -> bool:
    """Return True when `source` is an http:// or https:// URL."""
    return urlsplit(source).scheme.lower() in ("http", "https")


def fetch_url(url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> Fetched:
    """GET `url` and return a Fetched; raise ReadError on any failure.

    Takes an http(s) URL, a timeout in seconds and the largest body accepted in
    bytes. Fails on a non-2xx status, a network error, a timeout, a body over
    `max_bytes` or an empty body.
    """
    if not is_url(url):
        raise ReadError(url, "not an http(s) URL")
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
    })
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise ReadError(url, f"response is {int(declared):,} bytes, over the cap of {max_bytes:,}")
            body = response.read(max_bytes + 1)
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
            final_url = response.geturl()
    except urllib.error.HTTPError as e:
        raise ReadError(url, f"HTTP {e.code} {e.reason}") from e
    except urllib.error.URLError as e:
        if isinstance(e.reason, (socket.timeout, TimeoutError)):
            raise ReadError(url, f"timed out after {timeout:g}s") from e
        raise ReadError(url, f"cannot fetch: {e.reason}") from e
    except (socket.timeout, TimeoutError) as e:
        raise ReadError(url, f"timed out after {timeout:g}s") from e
    except OSError as e:
        raise ReadError(url, f"cannot fetch: {e}") from e
    if len(body) > max_bytes:
        raise ReadError(url, f"response is over the cap of {max_bytes:,} bytes")
    if not body.strip():
        raise ReadError(url, "empty response")
    return Fetched(url, final_url, content_type, charset, body)
