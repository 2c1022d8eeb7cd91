"""The Article: one text read from a file, URL, feed or JSON line, before extraction."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone


def now_iso() -> str:
    """Return the current UTC time as an ISO 8601 string to the second (when an article was read)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


# Invisible characters that split a figure ("1\u200b234") or a word without showing:
# zero-width spaces and joiners, soft hyphens, word joiners, bidi marks and overrides,
# byte-order marks, and NUL.
_INVISIBLE = re.compile("[\x00\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def normalise_text(text: str) -> str:
    """Return `text` in the form it is stored and hashed in.

    Takes any string; returns it NFC-normalised, with invisible format
    characters (zero-width spaces and joiners, soft hyphens, bidi marks, BOMs,
    NUL) removed, CRLF/CR turned into LF, trailing spaces stripped from lines,
    runs of 3+ newlines reduced to two, and leading/trailing blank space
    removed. Non-breaking spaces are kept: they are part of what the reporter
    wrote, and offsets must point into this text.
    """
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if " \n" in text or "\t\n" in text:  # the regexes cost more than these tests: skip when idle
        text = re.sub(r"[ \t]+\n", "\n", text)
    if "\n\n\n" in text:
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest of the normalised text (the article's identity)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass
class Article:
    """A text to extract claims from, with where it came from.

    `label` is the article's name in exports (`article` field of GOLD.md): the
    file name without extension for files, else the URL or the JSON line's id.
    `published` is an ISO date (YYYY-MM-DD) or None.
    """

    text: str
    label: str
    url: str | None = None
    path: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    fetched_at: str | None = None
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.text = normalise_text(self.text)

    @property
    def content_hash(self) -> str:
        """The SHA-256 of the normalised text (computed once per text: a re-ingest asks for it often)."""
        cached = self.__dict__.get("_hash")
        if cached is None or cached[0] is not self.text:
            cached = self.__dict__["_hash"] = (self.text, content_hash(self.text))
        return cached[1]
