"""The feeds file: one RSS/Atom feed or sitemap URL per line, `#` starts a comment.

    feeds = read_feed_list("feeds.txt")      # ['https://example.org/rss.xml', ...]

A line that is not an http(s) URL is a configuration error (FeedListError,
naming the file and line), never a path to read: the feeds file cannot make
the tool read local files.
"""

from __future__ import annotations

from pathlib import Path

from attrition.errors import AttritionError
from attrition.corpus.read.fetch import is_url


class FeedListError(AttritionError):
    """A feeds file that cannot be used: missing, unreadable, empty or with a bad line."""

    exit_code = 2  # a configuration error


def parse_feed_list(text: str, name: str = "feeds file") -> list[str]:
    """Return the URLs in the text of a feeds file, in order, without duplicates.

    Takes the file's text and its name (for messages). Blank lines and anything
    after `#` are ignored. Raises FeedListError for a line that is not an
    http(s) URL (or holds more than one word) and for a file that names no feed.
    """
    urls: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        content = _strip_comment(line)
        if not content:
            continue
        if len(content.split()) > 1 or not is_url(content):
            raise FeedListError(f"{name}:{number}: not an http(s) feed or sitemap URL: {content!r}")
        if content not in urls:
            urls.append(content)
    if not urls:
        raise FeedListError(f"{name}: names no feed (one http(s) URL per line, # for comments)")
    return urls


def _strip_comment(line: str) -> str:
    # A `#` after whitespace starts a comment; one inside a URL is its fragment.
    for index, char in enumerate(line):
        if char == "#" and (index == 0 or line[index - 1].isspace()):
            return line[:index].strip()
    return line.strip()


def read_feed_list(path: str | Path) -> list[str]:
    """Return the feed URLs in the feeds file at `path`; raise FeedListError if it is unusable."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FeedListError(f"{path}: no such feeds file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise FeedListError(f"{path}: cannot read the feeds file: {e}") from None
    return parse_feed_list(text, str(path))
