"""A fetched article page to an Article, through the same HTML reader as `ingest`.

    article = article_from_page(fetched, title="From the feed", published="2024-03-01")

Stricter than reading a URL given by hand: a feed entry must lead to a web page
(HTML or plain text), so any other content type is refused; a page that says it
is UTF-8 but is not is refused (its text would be garbled); binary bodies and
pages without article text are refused. Each refusal is a ReadError naming the
URL and the reason.
"""

from __future__ import annotations

import codecs
import re

from attrition.corpus.read.article import Article
from attrition.corpus.read.errors import ReadError
from attrition.corpus.read.fetch import Fetched
from attrition.corpus.read.readers import decode_text
from attrition.corpus.read.article import now_iso
from attrition.corpus.read.webpage import article_from_html, looks_like_html

HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(page: Fetched) -> str | None:
    """Return the charset the response declares (Content-Type header, else a <meta> tag), or None."""
    if page.charset:
        return page.charset
    match = _META_CHARSET.search(page.body[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def page_text(page: Fetched) -> str:
    """Return the page's body as text; raise ReadError for binary data or a false UTF-8 claim.

    Uses the declared charset: a body declared UTF-8 must decode as UTF-8 (the
    first bad byte is named); an unknown or absent charset falls back to UTF-8,
    then Windows-1252 (readers.decode_text).
    """
    url = page.url
    if b"\x00" in page.body[:65536]:
        raise ReadError(url, f"binary content ({page.content_type or 'no content type'}), not a web page")
    charset = declared_charset(page)
    try:
        codec = codecs.lookup(charset).name if charset else None
    except LookupError:
        codec = None
    if codec == "utf-8":
        try:
            return page.body.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise ReadError(url, f"invalid UTF-8 at byte {e.start} (the page declares {charset})") from None
    return decode_text(page.body, url, codec)


def article_from_page(page: Fetched, *, title: str | None = None,
                      published: str | None = None) -> Article:
    """Return the Article on a fetched page; raise ReadError naming the URL when there is none.

    Takes the Fetched response, the title and ISO date the feed gave the entry
    (used when the page has none). HTML goes through webpage.article_from_html
    (trafilatura); text/plain is taken as it is; other content types are refused.
    """
    url = page.url
    ctype = page.content_type or ""
    if ctype not in HTML_TYPES | TEXT_TYPES and not (ctype in ("", "application/octet-stream")
                                                    and looks_like_html(page.body[:2000].decode("latin-1"))):
        raise ReadError(url, f"content type {ctype or 'missing'} is not a web page")
    text = page_text(page)
    fetched_at = now_iso()
    if ctype in TEXT_TYPES:
        article = Article(text=text, label=url, url=url, published=published,
                          fetched_at=fetched_at, extra={"origin": url})
    else:
        article = article_from_html(text, url, url, url=url, published=published, fetched_at=fetched_at)
    if not article.title:
        article.title = title
    if not article.text.strip():
        raise ReadError(url, "no article text on the page")
    return article
