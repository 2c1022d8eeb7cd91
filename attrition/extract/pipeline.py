"""Temporary placeholder: the real pipeline is being written (issue 3)."""

from __future__ import annotations

from typing import Iterable, Iterator

from attrition.extract.claim import Claim

EXTRACTOR_VERSION = "0.0.1"


def extract(text: str, published: str | None = None) -> list[Claim]:
    """Return the claims found in `text` (published: ISO date or None)."""
    return next(extract_many([(text, published)]))


def extract_many(items: Iterable[tuple[str, str | None]], batch_size: int = 16) -> Iterator[list[Claim]]:
    """Yield one list of claims per (text, published) pair, in order, batching spaCy."""
    import re
    for text, _published in items:
        claims = []
        for m in re.finditer(r"\b\d[\d,]*\b", text):
            if "," in m.group() or len(m.group()) < 4:
                value = float(m.group().replace(",", ""))
                claims.append(Claim(value=value, unit="count", stage="other", quote=m.group(),
                                    char_start=m.start(), char_end=m.end(), quote_start=m.start()))
        yield claims
