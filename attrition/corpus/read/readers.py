"""Inputs to Articles: files, directories, http(s) URLs, RSS/Atom feeds (each entry's page) and JSON lines.

    for item in read_sources(["examples/", "https://example.org/story"]):
        ...  # an Article, or a Failure naming the input and why it was skipped

One bad input never stops the others: each is yielded as a Failure and the
reading goes on.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date, datetime
from pathlib import Path
from typing import IO, Iterable, Iterator

from attrition.corpus.read.article import Article
from attrition.corpus.read.errors import Failure, ReadError
from attrition.corpus.read.fetch import MAX_BYTES, TIMEOUT_SECONDS, fetch_url, is_url
from attrition.corpus.read.article import now_iso
from attrition.corpus.read.webpage import article_from_html, looks_like_html

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES

FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml"}
JSONL_TYPES = {"application/jsonl", "application/x-ndjson", "application/x-jsonlines"}

Item = Article | Failure


def read_sources(sources: Iterable[str], *, published: str | None = None,
                 stdin: IO[str] | None = None, max_bytes: int = MAX_BYTES,
                 timeout: float = TIMEOUT_SECONDS) -> Iterator[Item]:
    """Yield an Article or a Failure for everything found in `sources`, in order.

    Takes paths (files or directories, read recursively), http(s) URLs, and `-`
    for JSON lines on `stdin`; `published` (ISO date) is used for any article
    whose input does not give a date; `max_bytes` caps any one file or response.
    """
    for source in sources:
        if source == "-":
            if stdin is None:
                yield Failure("-", "no standard input to read")
                continue
            yield from read_jsonl(stdin, "<stdin>", published=published)
        elif is_url(source):
            yield from read_url(source, published=published, max_bytes=max_bytes, timeout=timeout)
        else:
            yield from read_path(Path(source), published=published, max_bytes=max_bytes,
                                 timeout=timeout)


def read_path(path: Path, *, published: str | None = None, max_bytes: int = MAX_BYTES,
              timeout: float = TIMEOUT_SECONDS) -> Iterator[Item]:
    """Yield the articles in a file, or in every supported file under a directory.

    In a directory, files are read in sorted order and hidden files and files
    without a supported suffix (.txt, .html, .htm, .jsonl, .rss, .atom, .xml)
    are skipped; a file named directly is read whatever its suffix.
    """
    if path.is_dir():
        found = False
        for child in sorted(_walk(path)):
            found = True
            yield from read_file(child, published=published, max_bytes=max_bytes, timeout=timeout)
        if not found:
            yield Failure(str(path), "directory holds no .txt, .html, .jsonl or feed files")
        return
    yield from read_file(path, published=published, max_bytes=max_bytes, timeout=timeout)


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            child = Path(dirpath) / name
            if not name.startswith(".") and child.suffix.lower() in SUPPORTED_SUFFIXES:
                yield child


def read_file(path: Path, *, published: str | None = None, max_bytes: int = MAX_BYTES,
              timeout: float = TIMEOUT_SECONDS) -> Iterator[Item]:
    """Yield the article(s) in one file, or a Failure saying why it cannot be read.

    .jsonl files give one article per line; .html/.htm one article via
    trafilatura; feed files (.rss/.atom/.xml) one per linked page; anything else
    is plain text (or HTML, if it starts like an HTML document).
    """
    source = str(path)
    try:
        text = read_text_file(path, max_bytes)
    except ReadError as e:
        yield Failure.from_error(e)
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(text.splitlines(), source, published=published)
        return
    if suffix in FEED_SUFFIXES:
        yield from read_feed(text, source, published=published, max_bytes=max_bytes,
                             timeout=timeout)
        return
    resolved = str(path.resolve())
    try:
        if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(text)):
            yield article_from_html(text, source, path.stem, path=resolved,
                                    published=published, fetched_at=now_iso())
        else:
            yield Article(text=text, label=path.stem, path=resolved, published=published,
                          fetched_at=now_iso(), extra={"origin": source})
    except ReadError as e:
        yield Failure.from_error(e)


def read_text_file(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Return the text of the file at `path`; raise ReadError if it is not a usable text file.

    Refuses missing and unreadable paths, files over `max_bytes`, empty files and
    binary files (NUL bytes, or neither UTF-8 nor Windows-1252).
    """
    source = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ReadError(source, "is a directory")
        if size > max_bytes:
            raise ReadError(source, f"file is {size:,} bytes, over the cap of {max_bytes:,}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(source, "no such file or directory") from None
    except PermissionError:
        raise ReadError(source, "permission denied") from None
    except OSError as e:
        raise ReadError(source, f"cannot read: {e.strerror or e}") from None
    return decode_text(data, source)


def decode_text(data: bytes, source: str, charset: str | None = None) -> str:
    """Return `data` decoded as text (the given charset, else UTF-8, else Windows-1252).

    Raises ReadError for empty or whitespace-only input and for binary data.
    """
    if not data.strip():
        raise ReadError(source, "empty")
    if b"\x00" in data[:65536]:
        raise ReadError(source, "binary file, not text")
    for encoding in (charset, "utf-8-sig", "cp1252"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise ReadError(source, "binary file, not text (neither UTF-8 nor Windows-1252)")


def read_url(url: str, *, published: str | None = None, max_bytes: int = MAX_BYTES,
             timeout: float = TIMEOUT_SECONDS) -> Iterator[Item]:
    """Yield the article(s) at an http(s) URL: a page, a text file, a feed or JSON lines."""
    try:
        page = fetch_url(url, timeout=timeout, max_bytes=max_bytes)
        fetched_at = now_iso()
        if page.content_type in JSONL_TYPES or url.lower().endswith(".jsonl"):
            yield from read_jsonl(decode_text(page.body, url, page.charset).splitlines(), url,
                                  published=published)
            return
        head = page.body[:512].lstrip().lower()
        if page.content_type in FEED_TYPES or head.startswith((b"<rss", b"<feed")):
            yield from read_feed(page.body, url, published=published, max_bytes=max_bytes,
                                 timeout=timeout)
            return
        if page.content_type == "text/plain":
            text = decode_text(page.body, url, page.charset)
            yield Article(text=text, label=url, url=url, published=published,
                          fetched_at=fetched_at, extra={"origin": url})
            return
        if b"\x00" in page.body[:65536]:
            raise ReadError(url, f"binary content ({page.content_type}), not a web page")
        yield article_from_html(page.body, url, url, url=url, published=published,
                                fetched_at=fetched_at)
    except ReadError as e:
        yield Failure.from_error(e)


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


def read_jsonl(lines: Iterable[str], source: str, *, published: str | None = None) -> Iterator[Item]:
    """Yield one Article per JSON line of {url, title, published, text} (also id, publisher).

    Takes the lines and the name of where they came from. A line that is not a
    JSON object, has no text, or has an unreadable date becomes a Failure named
    `source:LINE`; blank lines are skipped. Articles are labelled by `id`, else
    `url`, else `source:LINE`.
    """
    fetched_at = now_iso()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            yield article_from_record(_parse_line(line, where), where, published, fetched_at)
        except ReadError as e:
            yield Failure.from_error(e)


def _parse_line(line: str, where: str) -> dict:
    return json_object(line, where, ReadError, "malformed JSON line", "JSON line is not an object")


def json_object(line: str, where: str, error: type = ReadError, malformed: str = "malformed JSON line",
                not_object: str = "JSON line is not an object") -> dict:
    """Return the JSON object on one line; raise `error(where, reason)` when it is not JSON or not an object."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise error(where, f"{malformed}: {e.msg} at column {e.colno}") from None
    if not isinstance(record, dict):
        raise error(where, not_object)
    return record


def article_from_record(record: dict, where: str, published: str | None = None,
                        fetched_at: str | None = None) -> Article:
    """Return the Article in one JSON-lines record; raise ReadError naming `where` if unusable."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReadError(where, "no 'text' in the JSON line")
    url = record.get("url") or None
    label = record.get("id") or record.get("article") or url or where
    try:
        when = iso_date(record.get("published")) or published
    except ValueError:
        raise ReadError(where, f"'published' is not a date: {record.get('published')!r}") from None
    return Article(text=text, label=str(label), url=url, title=record.get("title") or None,
                   publisher=record.get("publisher") or None, published=when,
                   fetched_at=fetched_at, extra={"origin": where})


_NUMERIC_DATE = re.compile(r"[\d\s/.\-:]+")
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def _numeric_date(text: str, value) -> str:
    """Read an all-digit date as Y-M-D or D/M/Y (British order), every field checked; else ValueError."""
    if match := _YMD.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DMY.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise ValueError(f"not a date: {value!r}")
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise ValueError(f"not a date: {value!r}") from None


def iso_date(value) -> str | None:
    """Return `value` (an ISO date or datetime, or a date in words) as YYYY-MM-DD.

    None and empty strings give None; text that is not a date raises ValueError.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    if _NUMERIC_DATE.fullmatch(text):  # digits only: never let dateparser swap or invent fields
        return _numeric_date(text, value)
    import dateparser  # slow to import; only needed for dates in words

    parsed = dateparser.parse(text, settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        raise ValueError(f"not a date: {value!r}")
    return parsed.date().isoformat()
