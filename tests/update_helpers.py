"""Helpers for the update tests: a small news site on 127.0.0.1 with feeds, pages and bad cases.

The site answers conditional GETs (ETag), counts every request by path, and can
hold a request until the test releases it (to kill or race a process at a known
point). The articles are fictional, written for these tests.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Route:
    """One path on the site: status, content type, body, and how to misbehave."""

    body: bytes
    ctype: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0               # seconds to wait before answering
    hold: threading.Event | None = None   # wait for this before answering
    content_length: bool = True      # False: no Content-Length, the body just streams
    fail_first: int = 0              # answer this many requests with 503 first
    headers: dict | None = None      # extra response headers (e.g. Location)


class Site:
    """A threaded HTTP server on 127.0.0.1 serving `routes`; `requests` lists the paths asked for."""

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.stamps: list[tuple[float, str]] = []
        self.not_modified: list[str] = []
        self.agents: set[str] = set()
        self.arrived: dict[str, threading.Event] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                site.requests.append(self.path)
                site.stamps.append((time.monotonic(), self.path))
                site.agents.add(self.headers.get("User-Agent", ""))
                site.arrived.setdefault(self.path, threading.Event()).set()
                route = site.routes.get(self.path)
                if route is None:
                    return self._send(404, "text/plain", b"not found")
                if route.hold is not None:
                    route.hold.wait(60)
                if route.delay:
                    time.sleep(route.delay)
                if route.fail_first > 0:
                    route.fail_first -= 1
                    return self._send(503, "text/plain", b"busy, try later")
                etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
                if route.status == 200 and self.headers.get("If-None-Match") == etag:
                    site.not_modified.append(self.path)
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self._send(route.status, route.ctype, route.body, etag, route.content_length,
                           route.headers)

            def _send(self, status, ctype, body, etag=None, length=True, headers=None):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    if etag:
                        self.send_header("ETag", etag)
                    if length:
                        self.send_header("Content-Length", str(len(body)))
                    else:
                        self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Site":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        for route in self.routes.values():
            if route.hold is not None:
                route.hold.set()
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        """Return the absolute URL of `path` on this site."""
        return self.base + path

    def count(self, path: str) -> int:
        """Return how many times `path` was requested."""
        return self.requests.count(path)

    def wait_for(self, path: str, timeout: float = 30) -> bool:
        """Wait until `path` has been requested; return False on timeout."""
        return self.arrived.setdefault(path, threading.Event()).wait(timeout)


# --- fictional articles ----------------------------------------------------------------------

ARTICLES = {
    "/news/kent-rapes": ("Kent rape reports rise", """
Kent Police recorded 1,204 rapes in 2022/23, according to Home Office figures published on Thursday.
Of those, 96 led to a charge, the figures show.
The force said the number of reports had risen by a fifth in three years."""),
    "/news/essex-referrals": ("Essex referrals", """
Essex Police referred 143 rape cases to the Crown Prosecution Service in 2023, up from 118 the year before.
The CPS charged 71 suspects with rape in Essex over the same period."""),
    "/news/sussex-reports": ("Sussex reports", """
Sussex Police received 1,512 reports of rape in the year to March 2023.
Only 61 suspects were charged, the force told the Argus."""),
    "/news/cumbria-convictions": ("Cumbria convictions", """
In Cumbria, 29 people were convicted of rape in 2022, the Crown Prosecution Service said.
Cumbria Constabulary recorded 598 rapes in the same year."""),
    "/news/durham-offences": ("Durham offences", """
Durham Constabulary recorded 2,310 sexual offences in 2022/23, Home Office data shows.
Of these, 402 were rapes, the force said."""),
    "/news/cycle-lanes": ("Cycle lanes approved", """
The county council has approved 12 new cycle lanes across the town centre.
Work on the first three routes will begin in the spring, the council said."""),
}


def page(title: str, text: str) -> bytes:
    """Return an HTML page with a menu, the article and a footer."""
    paragraphs = "".join(f"<p>{line}</p>" for line in text.strip().splitlines())
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
            f"<article><h1>{title}</h1>{paragraphs}</article>"
            f"<footer>Copyright Example News</footer></body></html>").encode("utf-8")


def rss(items: list[tuple[str | None, str, str | None]], title: str = "Example News") -> bytes:
    """Return an RSS 2.0 feed of (link or None, title, pubDate or None) items."""
    parts = []
    for link, item_title, date in items:
        link_xml = f"<link>{link}</link>" if link else ""
        guid = f"<guid isPermaLink='false'>{link or item_title}</guid>"
        date_xml = f"<pubDate>{date}</pubDate>" if date else ""
        parts.append(f"<item><title>{item_title}</title>{link_xml}{guid}{date_xml}</item>")
    return (f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>{title}</title>"
            f"<link>http://example.invalid/</link><description>news</description>{''.join(parts)}"
            f"</channel></rss>").encode("utf-8")


def atom(items: list[tuple[str, str, str]]) -> bytes:
    """Return an Atom feed of (link, title, updated) entries."""
    parts = "".join(
        f"<entry><title>{t}</title><link href='{link}'/><id>{link}</id><updated>{u}</updated></entry>"
        for link, t, u in items)
    return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            "<title>Wire</title><id>urn:wire</id><updated>2024-03-01T00:00:00Z</updated>"
            f"{parts}</feed>").encode("utf-8")


def sitemap(items: list[tuple[str, str | None]]) -> bytes:
    """Return a sitemap <urlset> of (loc, lastmod or None)."""
    parts = "".join(f"<url><loc>{loc}</loc>{f'<lastmod>{m}</lastmod>' if m else ''}</url>"
                    for loc, m in items)
    return ("<?xml version='1.0' encoding='UTF-8'?>"
            f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{parts}</urlset>").encode()


def good_site(site: Site, articles: dict | None = None) -> list[str]:
    """Serve a clean site: an RSS feed, an Atom feed and a sitemap over ARTICLES; return the feed URLs."""
    for path, (title, text) in (articles or ARTICLES).items():
        site.routes[path] = Route(page(title, text))
    u = site.url
    site.routes["/rss.xml"] = Route(rss([
        (u("/news/kent-rapes"), "Kent rape reports rise", "Thu, 07 Mar 2024 09:00:00 GMT"),
        (u("/news/essex-referrals"), "Essex referrals", "Thu, 07 Mar 2024 10:00:00 GMT"),
        (u("/news/cycle-lanes"), "Cycle lanes approved", "Thu, 07 Mar 2024 11:00:00 GMT"),
    ]), "application/rss+xml")
    site.routes["/atom.xml"] = Route(atom([
        (u("/news/sussex-reports"), "Sussex reports", "2024-03-07T12:00:00Z"),
        (u("/news/cumbria-convictions"), "Cumbria convictions", "2024-03-07T13:00:00Z"),
        (u("/news/kent-rapes"), "Kent rape reports rise", "2024-03-07T09:00:00Z"),
    ]), "application/atom+xml")
    site.routes["/sitemap.xml"] = Route(sitemap([(u("/news/durham-offences"), "2024-03-07")]),
                                        "application/xml")
    return [u("/rss.xml"), u("/atom.xml"), u("/sitemap.xml")]


def write_feeds(path: Path, urls: list[str]) -> Path:
    """Write a feeds file listing `urls` (with a comment and a blank line); return its path."""
    path.write_text("# feeds for the test\n\n" + "\n".join(f"{u}  # a feed" for u in urls) + "\n")
    return path


def attrition_cmd(*args: str) -> list[str]:
    """Return the argv that runs the attrition CLI in a fresh Python process."""
    return [sys.executable, "-m", "attrition.cli.main", *args]


def start(*args: str) -> subprocess.Popen:
    """Start `attrition ARGS...` in a subprocess, capturing its output."""
    return subprocess.Popen(attrition_cmd(*args), cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


FAST = ("--delay", "0", "--timeout", "2", "--retries", "0", "--backoff", "0")
