"""Fetching many URLs politely: a delay between requests to one host, retries with backoff.

    fetcher = Fetcher(FetchPolicy(delay=1.0, retries=2))
    page = fetcher.get("https://example.org/news/1")          # a fetch.Fetched
    feed = fetcher.get(url, etag='"abc"', last_modified=None)  # conditional GET

One request at a time. Before each request the fetcher waits until `delay`
seconds have passed since the last response from the same host. A TransientError
(HTTP 5xx or 429, a timeout, a dropped connection) is tried again up to
`retries` times, after `backoff`, 2 x `backoff`, 4 x `backoff` ... seconds (or the
server's Retry-After, up to `max_retry_after`); the last error propagates.

Before the first request to a host the fetcher reads its /robots.txt (once per
host per Fetcher, i.e. per run; `urllib.robotparser` with our User-Agent); a URL
it disallows raises Disallowed, a ReadError the update records as skipped. A
robots.txt that is missing or cannot be fetched allows everything; one answered
with 401 or 403 disallows everything (as `urllib.robotparser` reads them).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from attrition.corpus.read.errors import ReadError, TransientError
from attrition.corpus.read.fetch import MAX_BYTES, USER_AGENT, Fetched, fetch_url

ROBOTS_MAX_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB of it


class Disallowed(ReadError):
    """The site's robots.txt asks agents like ours not to fetch this URL."""

    def __init__(self, url: str, robots_url: str):
        super().__init__(url, f"disallowed by {robots_url}")

DEFAULT_DELAY = 1.0
DEFAULT_TIMEOUT = 20.0
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 2.0


@dataclass
class FetchPolicy:
    """How to fetch: seconds between requests to one host, timeout, size cap, retries, backoff."""

    delay: float = DEFAULT_DELAY
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = MAX_BYTES
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF
    max_retry_after: float = 60.0
    robots: bool = True


@dataclass
class Fetcher:
    """A fetcher that keeps `policy` across requests; `requests` counts the HTTP requests made."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    requests: int = 0
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, RobotFileParser] = field(default_factory=dict)

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url` (conditionally when `etag` or `last_modified` is given); return a Fetched.

        Waits for the host's delay, retries transient failures with backoff, and
        raises the ReadError (or TransientError) of the last attempt; raises
        Disallowed, without fetching, when the host's robots.txt disallows `url`.
        """
        if self.policy.robots:
            self._check_robots(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            self._wait_for_host(url)
            self.requests += 1
            try:
                return fetch_url(url, timeout=self.policy.timeout, max_bytes=self.policy.max_bytes,
                                 headers=headers)
            except TransientError as e:
                if attempt >= self.policy.retries:
                    if attempt:
                        e.reason += f" ({attempt + 1} attempts)"
                        e.args = (f"{e.source}: {e.reason}",)
                    raise
                time.sleep(self._pause(attempt, e.retry_after))
                attempt += 1
            finally:
                self._done(url)

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        rules = self._robots.get(robots_url)
        if rules is None:
            rules = self._robots[robots_url] = self._read_robots(robots_url)
        if not rules.can_fetch(USER_AGENT, url):
            raise Disallowed(url, robots_url)

    def _read_robots(self, robots_url: str) -> RobotFileParser:
        rules = RobotFileParser(robots_url)
        self._wait_for_host(robots_url)
        self.requests += 1
        try:
            page = fetch_url(robots_url, timeout=self.policy.timeout, max_bytes=ROBOTS_MAX_BYTES)
            rules.parse(page.body.decode("utf-8", errors="replace").splitlines())
        except ReadError as e:
            if e.reason.startswith(("HTTP 401", "HTTP 403")):
                rules.disallow_all = True
            else:
                rules.allow_all = True  # none, or unreachable: nothing asked of us
        finally:
            self._done(robots_url)
        return rules

    def _pause(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.policy.max_retry_after)
        return self.policy.backoff * (2 ** attempt)

    def _wait_for_host(self, url: str) -> None:
        last = self._last.get(_host(url))
        if last is not None:
            remaining = self.policy.delay - (time.monotonic() - last)
            if remaining > 0:
                time.sleep(remaining)

    def _done(self, url: str) -> None:
        self._last[_host(url)] = time.monotonic()


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()
