"""A feed or sitemap document to the article entries it lists.

    listing = parse_listing(body, "https://example.org/news/rss.xml")
    listing.kind                       # 'rss', 'atom' or 'sitemap'
    listing.entries                    # [Entry(url, guid, title, published, updated, number)]
    listing.sitemaps                   # child sitemaps of a sitemap index

RSS and Atom go through feedparser (given a stream, so a document can never
make it open a file or a URL); sitemaps (`<urlset>`, `<sitemapindex>`) through
lxml with entities and network access off. Links are resolved against the
document's URL. A gzipped document (`sitemap.xml.gz`, recognised by its magic
bytes) is unpacked first, to at most MAX_UNPACKED_BYTES. Nothing is fetched here; an entry whose link is missing or not
http(s) keeps `url=None` and a `problem` saying why.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass, field

from attrition.corpus.read.errors import ReadError
from attrition.corpus.read.fetch import is_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_ENTRIES = 50_000  # the sitemap protocol's own limit per file
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # the sitemap protocol's limit for an uncompressed file
GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class Entry:
    """One article a feed or sitemap lists: its link, guid, title, dates and place in the document.

    `updated` is the entry's updated/lastmod stamp exactly as the document gives
    it (a newer one means: fetch the page again). `problem` says why the entry
    cannot be fetched (no link, not http(s)), else None.
    """

    url: str | None
    number: int
    guid: str | None = None
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    problem: str | None = None


@dataclass
class Listing:
    """What a feed or sitemap document lists: its kind, entries, child sitemaps and any warning."""

    kind: str
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    warning: str | None = None


def parse_listing(body: bytes, url: str, content_type: str | None = None) -> Listing:
    """Return the Listing in a feed or sitemap document; raise ReadError naming `url` if it is neither.

    Takes the document's bytes, the URL it came from (links are resolved
    against it) and the media type it was served as. A feed that is malformed but still yields entries gives them,
    with `warning` set; one that yields nothing raises ReadError.
    """
    if body.startswith(GZIP_MAGIC):
        body = gunzip(body, url)
    try:
        if _xml_root_name(body) in ("urlset", "sitemapindex"):
            return parse_sitemap(body, url)
        return parse_feed(body, url, content_type)
    except ReadError:
        raise
    except Exception as e:  # a parser tripping on hostile input must not stop the run
        raise ReadError(url, f"cannot parse the feed: {type(e).__name__}: {e}") from e


def gunzip(body: bytes, url: str, limit: int = MAX_UNPACKED_BYTES) -> bytes:
    """Return a gzipped document unpacked; raise ReadError naming `url` if it is corrupt or unpacks past `limit`."""
    unpacker = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        data = unpacker.decompress(body, limit + 1)
    except zlib.error as e:
        raise ReadError(url, f"not a readable gzip file: {e}") from e
    if len(data) > limit:
        raise ReadError(url, f"unpacks to more than {limit:,} bytes (the sitemap protocol's limit)")
    return data


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> Listing:
    """Return the entries of an RSS or Atom document; raise ReadError if it is not one."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(body), response_headers={
        "content-location": url, "content-type": content_type or "application/xml"})
    problem = parsed.get("bozo_exception")
    if isinstance(problem, (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)):
        parsed["bozo"], problem = 0, None  # served as text/html or with another charset: not malformed
    if not parsed.version and not parsed.entries:
        detail = f" ({problem})" if problem else ""
        raise ReadError(url, f"not an RSS/Atom feed or a sitemap: malformed or unknown XML{detail}")
    if parsed.bozo and not any(item.get("link") for item in parsed.entries):
        raise ReadError(url, f"malformed feed XML: {problem}")
    kind = "atom" if parsed.version.startswith("atom") else "rss"
    listing = Listing(kind, warning=f"malformed feed XML, read anyway: {problem}" if parsed.bozo else None)
    for number, item in enumerate(parsed.entries[:MAX_ENTRIES], 1):
        link = item.get("link") or _permalink_guid(item)
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        listing.entries.append(_entry(
            link, number, guid=item.get("id"), title=item.get("title"),
            published="{:04d}-{:02d}-{:02d}".format(*stamp[:3]) if stamp else None,
            # dict.get: the stamps as given, without feedparser's deprecated updated->published mapping
            updated=dict.get(item, "updated") or dict.get(item, "published"),
        ))
    return listing


def _permalink_guid(item) -> str | None:
    guid = item.get("id")
    return guid if guid and item.get("guidislink") else None


def parse_sitemap(body: bytes, url: str) -> Listing:
    """Return the pages (`<urlset>`) or child sitemaps (`<sitemapindex>`) of a sitemap document."""
    from urllib.parse import urljoin

    tree = _parse_xml(body, url)
    kind = _local(tree.tag)
    listing = Listing("sitemap")
    for number, element in enumerate(tree, 1):
        if number > MAX_ENTRIES:
            break
        if not isinstance(element.tag, str) or _local(element.tag) not in ("url", "sitemap"):
            continue
        loc = _child_text(element, "loc")
        link = urljoin(url, loc) if loc else None
        if kind == "sitemapindex":
            if link and is_url(link):
                listing.sitemaps.append(link)
            continue
        listing.entries.append(_entry(link, number, guid=None, title=None, published=None,
                                      updated=_child_text(element, "lastmod")))
    return listing


def _entry(link: str | None, number: int, **fields) -> Entry:
    if not link:
        return Entry(None, number, problem="entry has no link", **fields)
    link = link.strip()
    if not is_url(link):
        return Entry(None, number, problem=f"entry link is not an http(s) URL: {link[:200]}", **fields)
    return Entry(link, number, **fields)


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           remove_comments=True, remove_pis=True)


def _parse_xml(body: bytes, url: str):
    from lxml import etree

    try:
        return etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as e:
        raise ReadError(url, f"malformed sitemap XML: {e}") from None


def _xml_root_name(body: bytes) -> str | None:
    """Return the local name of the document's root element, or None if it does not parse."""
    from lxml import etree

    try:
        for _event, element in etree.iterparse(io.BytesIO(body), events=("start",),
                                               resolve_entities=False, no_network=True):
            return _local(element.tag)
    except etree.XMLSyntaxError:
        return None
    return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element, name: str) -> str | None:
    for child in element:
        if isinstance(child.tag, str) and _local(child.tag) == name:
            return (child.text or "").strip() or None
    return None
