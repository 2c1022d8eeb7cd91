"""An HTML page to an Article: main text and metadata via trafilatura.

Menus, cookie banners, footers and comments are left out; title, date and
site name come from the page's own metadata.
"""

from __future__ import annotations

import re

from attrition.corpus.read.article import Article
from attrition.corpus.read.errors import ReadError

MIN_TEXT_CHARS = 20

# Take the date from the page's markup only: htmldate's extensive search
# otherwise "finds" a publication date in the body ("in 2022" -> 2022-01-01),
# and a wrong publication date shifts every relative period ("last year").
DATE_PARAMS = {"extensive_search": False, "original_date": True}


def looks_like_html(text: str) -> bool:
    """Return True when `text` starts like an HTML document (doctype, <html>, <head> or <body>)."""
    return re.match(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", text[:2000],
                    re.IGNORECASE | re.DOTALL) is not None


def article_from_html(html: str | bytes, source: str, label: str, *, url: str | None = None,
                      path: str | None = None, published: str | None = None,
                      fetched_at: str | None = None) -> Article:
    """Return the Article in an HTML page; raise ReadError when it has no main text.

    Takes the page (str, or bytes whose encoding trafilatura detects), the name
    of the input for messages, the label to export it under, where it came
    from, and a fallback publication date used when the page gives none.
    """
    import trafilatura  # imported here: slow to import, and only HTML needs it

    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False,
            include_tables=True, include_images=False, include_links=False,
            date_extraction_params=DATE_PARAMS,
        )
    except Exception as e:  # trafilatura raises many kinds on broken markup
        raise ReadError(source, f"cannot parse HTML: {e}") from e
    if document is None:
        raise ReadError(source, "no article text found in the HTML")
    meta = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = meta.get("text") or ""
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise ReadError(source, "no article text found in the HTML")
    return Article(
        text=text,
        label=label,
        url=url,
        path=path,
        title=meta.get("title") or None,
        publisher=meta.get("sitename") or meta.get("hostname") or None,
        published=meta.get("date") or published,
        fetched_at=fetched_at,
        extra={"origin": source},
    )
