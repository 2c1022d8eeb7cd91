"""RSS and Atom feeds to Articles: fetch each entry's page (feedparser for the feed)."""

from __future__ import annotations

from typing import Iterator

from attrition.corpus.article import Article
from attrition.corpus.errors import Failure, ReadError
from attrition.corpus.fetch import MAX_BYTES, TIMEOUT_SECONDS


def feed_entries(feed: str | bytes, source: str) -> list[dict]:
    """Return the entries of an RSS/Atom feed as dicts of link, title and published (ISO date).

    Raises ReadError when the document is not a feed or has no entries.
    """
    import feedparser

    parsed = feedparser.parse(feed)
    if not parsed.entries:
        reason = "not an RSS or Atom feed" if parsed.bozo else "feed has no entries"
        raise ReadError(source, reason)
    entries = []
    for entry in parsed.entries:
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = "{:04d}-{:02d}-{:02d}".format(*stamp[:3]) if stamp else None
        entries.append({"link": entry.get("link"), "title": entry.get("title"),
                        "published": published})
    return entries


def read_feed(feed: str | bytes, source: str, *, published: str | None = None,
              max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS) -> Iterator[Article | Failure]:
    """Yield the article behind every entry of a feed, or a Failure for each that cannot be read.

    The entry's own date is used when its page gives none, then `published`.
    """
    from attrition.corpus.readers import read_url

    try:
        entries = feed_entries(feed, source)
    except ReadError as e:
        yield Failure.from_error(e)
        return
    for number, entry in enumerate(entries, 1):
        if not entry["link"]:
            yield Failure(f"{source} entry {number}", "entry has no link")
            continue
        for item in read_url(entry["link"], published=entry["published"] or published,
                             max_bytes=max_bytes, timeout=timeout):
            if isinstance(item, Article) and not item.title:
                item.title = entry["title"]
            yield item
