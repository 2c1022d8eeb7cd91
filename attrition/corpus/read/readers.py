"""Inputs to Articles: files, directories, http(s) URLs, RSS/Atom feeds (each entry's page) and JSON lines.

    for item in read_sources(["examples/", "https://example.org/story"]):
        ...  # an Article, or a Failure naming the input and why it was skipped

One bad input never stops the others: each is yielded as a Failure and the
reading goes on.

Every read of the outside world is bounded: files are read only when they are
regular files (a FIFO, a device or a symlink to one is refused without being
read), through the size cap; URLs only through `fetch.fetch_url` (a
whole-request deadline, the size cap, http(s) only); a feed is parsed from the
bytes attrition itself read (`listing.parse_listing`), never handed to a
library as a path or URL to open, and only its http(s) links are followed.
Each JSON line is its own input: a bad one is named `source:LINE` and the
others go in.
"""

from __future__ import annotations

import json
import os
import re
import stat
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
            yield from read_jsonl(capped_lines(stdin, max_bytes), "<stdin>", published=published,
                                  max_line_chars=max_bytes)
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
    are skipped; a file named directly is read whatever its suffix. A
    sub-folder that cannot be listed is a Failure naming it.
    """
    if path.is_dir():
        problems: list[Failure] = []
        children = sorted(_walk(path, problems))
        yield from problems
        for child in children:
            yield from read_file(child, published=published, max_bytes=max_bytes, timeout=timeout)
        if not children and not problems:
            yield Failure(str(path), "directory holds no .txt, .html, .jsonl or feed files")
        return
    yield from read_file(path, published=published, max_bytes=max_bytes, timeout=timeout)


def _walk(root: Path, problems: list[Failure]) -> Iterator[Path]:
    def unreadable(error: OSError) -> None:
        reason = "permission denied" if isinstance(error, PermissionError) else (error.strerror or str(error))
        problems.append(Failure(error.filename or str(root), f"cannot list the folder: {reason}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            child = Path(dirpath) / name
            if not name.startswith(".") and child.suffix.lower() in SUPPORTED_SUFFIXES:
                yield child


def read_file(path: Path, *, published: str | None = None, max_bytes: int = MAX_BYTES,
              timeout: float = TIMEOUT_SECONDS) -> Iterator[Item]:
    """Yield the article(s) in one file, or a Failure saying why it cannot be read.

    .jsonl files give one article per line; .html/.htm one article via
    trafilatura; feed files (.rss/.atom/.xml) one per linked http(s) page;
    anything else is plain text (or HTML, if it starts like an HTML document).
    """
    source = str(path)
    suffix = path.suffix.lower()
    try:
        data = read_file_bytes(path, max_bytes)
        if suffix in FEED_SUFFIXES:
            if not data.strip():
                raise ReadError(source, "empty")
        elif suffix in JSONL_SUFFIXES:
            text = decode_text(data, source, allow_nul=True)  # a NUL fails its own line only
        else:
            text = decode_text(data, source)
    except ReadError as e:
        yield Failure.from_error(e)
        return
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(text.splitlines(), source, published=published)
        return
    if suffix in FEED_SUFFIXES:
        yield from read_feed(data, source, published=published, max_bytes=max_bytes,
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

    Refuses missing and unreadable paths, anything but a regular file, files
    over `max_bytes`, empty files and binary files (NUL bytes, or neither UTF-8
    nor Windows-1252).
    """
    return decode_text(read_file_bytes(path, max_bytes), str(path))


def file_kind(mode: int) -> str:
    """Return what a file mode is, for a refusal: `a FIFO (named pipe)`, `a directory`, `a character device`..."""
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def read_file_bytes(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Return the bytes of the regular file at `path`, at most `max_bytes`; raise ReadError otherwise.

    Only regular files are read (a symlink is followed, then what it points to
    must be a regular file): a directory, FIFO, device or socket is refused
    without being read, so nothing can block the read or feed it without end.
    A file over `max_bytes` (or growing past it while read) is refused.
    """
    source = str(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(source, f"is {file_kind(info.st_mode)}, not a regular file" if
                            not stat.S_ISDIR(info.st_mode) else "is a directory")
        if info.st_size > max_bytes:
            raise ReadError(source, f"file is {info.st_size:,} bytes, over the cap of {max_bytes:,}")
        # O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening it cannot block.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise ReadError(source, f"is {file_kind(info.st_mode)}, not a regular file")
            chunks, size = [], 0
            while True:
                chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise ReadError(source, f"file is over the cap of {max_bytes:,} bytes")
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise ReadError(source, "no such file or directory") from None
    except PermissionError:
        raise ReadError(source, "permission denied") from None
    except OSError as e:
        raise ReadError(source, f"cannot read: {e.strerror or e}") from None
    return b"".join(chunks)


def decode_text(data: bytes, source: str, charset: str | None = None, allow_nul: bool = False) -> str:
    """Return `data` decoded as text (the given charset, else UTF-8, else Windows-1252).

    Raises ReadError for empty or whitespace-only input and for binary data (a
    NUL byte in the first 64 KB, unless `allow_nul`: JSON lines check each line).
    """
    if not data.strip():
        raise ReadError(source, "empty")
    if not allow_nul and b"\x00" in data[:65536]:
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
             timeout: float = TIMEOUT_SECONDS, follow_feeds: bool = True) -> Iterator[Item]:
    """Yield the article(s) at an http(s) URL: a page, a text file, a feed or JSON lines.

    With `follow_feeds` false (a feed entry's page) a feed found there is
    refused rather than followed, so one feed cannot lead to another without end.
    """
    try:
        page = fetch_url(url, timeout=timeout, max_bytes=max_bytes)
        fetched_at = now_iso()
        if page.content_type in JSONL_TYPES or url.lower().endswith(".jsonl"):
            yield from read_jsonl(decode_text(page.body, url, page.charset).splitlines(), url,
                                  published=published)
            return
        head = page.body[:512].lstrip().lower()
        if page.content_type in FEED_TYPES or head.startswith((b"<rss", b"<feed")):
            if not follow_feeds:
                raise ReadError(url, "a feed entry links to another feed, not an article")
            yield from read_feed(page.body, url, published=published, max_bytes=max_bytes,
                                 timeout=timeout, content_type=page.content_type)
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


def feed_entries(feed: bytes, source: str, content_type: str | None = None) -> list[dict]:
    """Return the entries of an RSS/Atom feed (or sitemap) as dicts of link, title, published and problem.

    Takes the document's bytes as attrition read them (never a path or URL: the
    parser is given a stream, so a document cannot make it open anything) and
    the name of where they came from. `link` is an http(s) URL or None, with
    `problem` saying why (no link, a file:// or other non-http(s) link).
    Raises ReadError when the document is not a feed or has no entries.
    """
    from attrition.corpus.read.listing import parse_listing

    if isinstance(feed, str):
        feed = feed.encode("utf-8")
    listing = parse_listing(feed, source, content_type)
    if not listing.entries:
        raise ReadError(source, "feed has no entries")
    return [{"link": entry.url, "title": entry.title, "published": entry.published,
             "problem": entry.problem} for entry in listing.entries]


def read_feed(feed: bytes, source: str, *, published: str | None = None,
              max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS,
              content_type: str | None = None) -> Iterator[Article | Failure]:
    """Yield the article behind every entry of a feed, or a Failure for each that cannot be read.

    Takes the feed's bytes (see `feed_entries`). Only http(s) links are
    fetched, each through `read_url` with the same deadline and size cap. The
    entry's own date is used when its page gives none, then `published`.
    """
    try:
        entries = feed_entries(feed, source, content_type)
    except ReadError as e:
        yield Failure.from_error(e)
        return
    for number, entry in enumerate(entries, 1):
        if not entry["link"]:
            yield Failure(f"{source} entry {number}", entry.get("problem") or "entry has no link")
            continue
        for item in read_url(entry["link"], published=entry["published"] or published,
                             max_bytes=max_bytes, timeout=timeout, follow_feeds=False):
            if isinstance(item, Article) and not item.title:
                item.title = entry["title"]
            yield item


def read_jsonl(lines: Iterable[str], source: str, *, published: str | None = None,
               max_line_chars: int | None = None) -> Iterator[Item]:
    """Yield one Article per JSON line of {url, title, published, text} (also id, publisher).

    Takes the lines and the name of where they came from. A line that is not a
    JSON object (or nests too deep, or holds a NUL byte), has no text, has a
    field of the wrong type, or has an unreadable or implausible date becomes a
    Failure named `source:LINE`, and the other lines go on; blank lines are
    skipped; a line longer than `max_line_chars` is refused. Articles are
    labelled by `id`, else `url`, else `source:LINE`.
    """
    fetched_at = now_iso()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            if max_line_chars is not None and len(line) > max_line_chars:
                raise ReadError(where, f"JSON line is over the cap of {max_line_chars:,} characters")
            if "\x00" in line:
                raise ReadError(where, "JSON line holds a NUL byte")
            yield article_from_record(_parse_line(line, where), where, published, fetched_at)
        except ReadError as e:
            yield Failure.from_error(e)


def capped_lines(stream: IO[str], max_chars: int) -> Iterator[str]:
    """Yield the lines of a text stream, each read at most `max_chars` + 1 characters at a time.

    A longer line is yielded cut at `max_chars` + 1 characters (so a reader can
    refuse it by its length) and the rest of it is skipped without being kept.
    """
    while True:
        line = stream.readline(max_chars + 1)
        if not line:
            return
        if len(line) > max_chars and not line.endswith("\n"):
            rest = line
            while rest and not rest.endswith("\n"):
                rest = stream.readline(max_chars + 1)
        yield line


def _parse_line(line: str, where: str) -> dict:
    return json_object(line, where, ReadError, "malformed JSON line", "JSON line is not an object")


def json_object(line: str, where: str, error: type = ReadError, malformed: str = "malformed JSON line",
                not_object: str = "JSON line is not an object") -> dict:
    """Return the JSON object on one line; raise `error(where, reason)` when it is not JSON or not an object.

    JSON nested too deep for the parser is refused like malformed JSON.
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise error(where, f"{malformed}: {e.msg} at column {e.colno}") from None
    except RecursionError:
        raise error(where, f"{malformed}: nested too deep") from None
    if not isinstance(record, dict):
        raise error(where, not_object)
    return record


# Publication dates outside this range are refused: they would date "last year" wrongly.
EARLIEST_YEAR = 1900
LATEST_YEARS_AHEAD = 1


def _text_field(record: dict, name: str, where: str) -> str | None:
    value = record.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ReadError(where, f"'{name}' must be a string, not {type(value).__name__}")
    return str(value)


def article_from_record(record: dict, where: str, published: str | None = None,
                        fetched_at: str | None = None) -> Article:
    """Return the Article in one JSON-lines record; raise ReadError naming `where` if unusable.

    `text` must be a non-empty string; `url`, `title`, `publisher`, `id` and
    `article` strings (or numbers, for ids); `published` a date from 1900 to
    next year.
    """
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReadError(where, "no 'text' in the JSON line")
    url, title, publisher = (_text_field(record, name, where) for name in ("url", "title", "publisher"))
    label = _text_field(record, "id", where) or _text_field(record, "article", where) or url or where
    raw = record.get("published")
    try:
        if raw is not None and (isinstance(raw, bool) or not isinstance(raw, str)):
            raise ValueError("not text")
        when = sane_date(iso_date(raw)) or published
    except ValueError as e:
        raise ReadError(where, f"'published' is not a plausible date: {raw!r} ({e})") from None
    return Article(text=text, label=label, url=url, title=title, publisher=publisher,
                   published=when, fetched_at=fetched_at, extra={"origin": where})


def sane_date(value: str | None) -> str | None:
    """Return the ISO date `value` unchanged if its year is from 1900 to next year; else raise ValueError."""
    if value is None:
        return None
    year = int(value[:4])
    latest = datetime.now().year + LATEST_YEARS_AHEAD
    if not EARLIEST_YEAR <= year <= latest:
        raise ValueError(f"year {year} is outside {EARLIEST_YEAR}-{latest}")
    return value


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
    if len(text) > 100:
        raise ValueError("too long to be a date")
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    if _NUMERIC_DATE.fullmatch(text):  # digits only: never let dateparser swap or invent fields
        return _numeric_date(text, value)
    import dateparser  # slow to import; only needed for dates in words

    try:
        parsed = dateparser.parse(text, settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})
    except (OverflowError, ValueError, RecursionError) as e:
        raise ValueError(f"not a date: {value!r}") from e
    if parsed is None:
        raise ValueError(f"not a date: {value!r}")
    return parsed.date().isoformat()
