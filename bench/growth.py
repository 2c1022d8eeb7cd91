"""Inputs for the issue-15 benchmarks: pathological texts, and similar articles served on 127.0.0.1.

    text = pathological("digits", 40_000)            # about 40 KB of one hostile pattern
    with NewsSite() as site:                         # a feed and its pages on 127.0.0.1
        site.publish(similar_articles(0, 100))       # the feed now lists these 100
        update(conn, [site.feed_url], options)

The similar articles are near-identical reports of the same force, offence,
stage and period (so every one of them lands in the same across-article
groups), one in seven giving a different figure (a conflict). They are
fictional, written for this benchmark.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

# Issue 15's hostile patterns: name -> the unit repeated to the length wanted.
PATTERNS = {
    "ones": "1 ",                                   # "1 1 1 ..." in one sentence
    "rape_lines": "rape 5\n",                       # lines that merge into one sentence
    "ascii_quotes": '"a" 5 ',                       # ASCII quote marks around figures
    "run_on": "and 12 rapes were recorded in Kent ",  # a long run-on sentence
    "speech": "5 rapes, said Kent Police, ",          # speech verbs between figures
    "pipe_table": "| Kent | rape | 5 | 2022 |\n",     # a pipe table
    "digits": "1",                                    # 100,000 digits (one unbroken number)
    "comma_ones": "1,",                               # "1,1,1"
    "dot_ones": "1.",                                 # "1.1."
    "pound_ones": "£1,",                              # "£1,1,"
}

LEAD = "Kent rape figures: "


def pathological(name: str, size: int) -> str:
    """Return about `size` characters of pattern `name` after a line that passes the relevance gate."""
    unit = PATTERNS[name]
    return LEAD + unit * max(1, (size - len(LEAD)) // len(unit))


_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_FILLER = [
    "The council met on {day} to discuss the budget for the coming year.",
    "Campaigners gathered outside the town hall on {day}, holding placards.",
    "A spokesperson said more officers would be trained over the summer.",
    "The charity said its helpline, line {calls}, had been busy since January.",
]


def _letters(i: int) -> str:
    """Return i written in letters (a, b, ..., ba, ...): a tag the extractor cannot read as a figure."""
    tag = ""
    while True:
        i, r = divmod(i, 26)
        tag = "abcdefghijklmnopqrstuvwxyz"[r] + tag
        if not i:
            return tag


def similar_article(i: int) -> tuple[str, str]:
    """Return (title, text) of the i-th similar article: the same Kent 2022/23 figures, worded apart.

    No number but the figures: "(report 999)" would be read as 999 rapes recorded, one more group per
    article.
    """
    recorded = "1,240" if i % 7 == 3 else "1,204"
    charged = 96 if i % 11 else 69
    filler = " ".join(f.format(day=_DAYS[i % 7], calls=_letters(i)) for f in _FILLER[: 2 + i % 3])
    text = (f"Kent Police recorded {recorded} rapes in 2022/23, according to Home Office figures "
            f"published on Thursday (edition {_letters(i)}).\n"
            f"Of those, {charged} led to a charge, the figures show.\n"
            f"Kent Police received 1,512 reports of rape in 2022/23.\n"
            f"{filler}")
    return f"Kent rape figures, edition {_letters(i)}", text


class NewsSite:
    """A threaded HTTP server on 127.0.0.1: an RSS feed at /feed.xml listing the published articles."""

    def __init__(self):
        self.pages: dict[str, bytes] = {}
        self.listed: list[tuple[str, str]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                if self.path == "/robots.txt":
                    body, ctype, status = b"User-agent: *\nAllow: /\n", "text/plain", 200
                elif self.path == "/feed.xml":
                    body, ctype, status = site.feed(), "application/rss+xml", 200
                elif self.path in site.pages:
                    body, ctype, status = site.pages[self.path], "text/html; charset=utf-8", 200
                else:
                    body, ctype, status = b"not found", "text/plain", 404
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.feed_url = self.base + "/feed.xml"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "NewsSite":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def publish(self, articles: list[tuple[int, str, str]]) -> None:
        """Serve (number, title, text) articles as pages; the feed lists exactly these from now on."""
        self.listed = []
        for number, title, text in articles:
            path = f"/news/{number}"
            paragraphs = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines())
            self.pages[path] = (f"<html><head><title>{escape(title)}</title></head><body><article>"
                                f"<h1>{escape(title)}</h1>{paragraphs}</article></body></html>").encode("utf-8")
            self.listed.append((path, title))

    def feed(self) -> bytes:
        """Return the RSS document listing the published articles."""
        items = "".join(f"<item><title>{escape(t)}</title><link>{self.base}{p}</link>"
                        f"<pubDate>Thu, 01 Feb 2024 09:00:00 GMT</pubDate></item>" for p, t in self.listed)
        return (f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Bench</title>"
                f"{items}</channel></rss>").encode("utf-8")


def similar_articles(start: int, n: int) -> list[tuple[int, str, str]]:
    """Return the similar articles numbered start..start+n-1 as (number, title, text)."""
    return [(i, *similar_article(i)) for i in range(start, start + n)]
