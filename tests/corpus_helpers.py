"""Helpers shared by the corpus tests: hand-made claims and a tiny HTTP server."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from attrition.corpus.read.article import Article
from attrition.extract.claim import Claim


def claim_for(article: Article, figure: str, *, nth: int = 0, **fields) -> Claim:
    """Return a Claim for the nth occurrence of `figure` in `article.text`, quote = its sentence."""
    text = article.text
    start = -1
    for _ in range(nth + 1):
        start = text.index(figure, start + 1)
    end = start + len(figure)
    quote_start = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1)
    stop = text.find(".", end)
    quote_end = len(text) if stop == -1 else stop + 1
    fields.setdefault("unit", "count")
    fields.setdefault("stage", "reported")
    value = float(figure.replace(",", ""))
    return Claim(value=value, quote=text[quote_start:quote_end], char_start=start, char_end=end,
                 quote_start=quote_start, **fields)


@contextmanager
def serve(routes: dict[str, tuple[int, str, bytes]]):
    """Serve `routes` ({path: (status, content type, body)}) on 127.0.0.1; yield the base URL.

    Paths not in `routes` get a 404. Records each request's User-Agent in `serve.agents`.
    """
    agents: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            agents.append(self.headers.get("User-Agent", ""))
            status, ctype, body = routes.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    serve.agents = agents
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
