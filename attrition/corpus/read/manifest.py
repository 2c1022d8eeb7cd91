"""A manifest: the metadata researchers keep beside a folder of saved article texts.

A CSV file with the columns `id,url,title,publisher,published`, where `id` is
the article's file name without extension (its label). `apply_manifest` fills
each Article's missing url, title, publisher and published date from its row,
so that the extractor can use the page's own metadata.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable, Iterator

from attrition.corpus.read.article import Article
from attrition.corpus.read.errors import ReadError

COLUMNS = ("id", "url", "title", "publisher", "published")


def read_manifest(path: str | Path) -> dict[str, dict]:
    """Return {id: {url, title, publisher, published}} from a manifest CSV.

    Raises ReadError naming the file when it cannot be read, is not UTF-8 text
    or has no `id` column. Empty cells become None; other columns are ignored.
    """
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or "id" not in reader.fieldnames:
                raise ReadError(str(path), f"not a manifest: it needs the columns {','.join(COLUMNS)}")
            rows = {}
            for row in reader:
                key = (row.get("id") or "").strip()
                if key:
                    rows[key] = {c: (row.get(c) or "").strip() or None for c in COLUMNS[1:]}
            return rows
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise ReadError(str(path), f"cannot read the manifest: {e}") from None


def apply_manifest(items: Iterable, manifest: dict[str, dict]) -> Iterator:
    """Yield `items` with each Article's empty url, title, publisher and published filled from its row.

    Rows are matched by the Article's label (file name without extension, or a
    JSON line's `id`); Failures and unmatched Articles pass through unchanged.
    """
    for item in items:
        if isinstance(item, Article) and item.label in manifest:
            row = manifest[item.label]
            for name in ("url", "title", "publisher", "published"):
                if not getattr(item, name) and row.get(name):
                    setattr(item, name, row[name])
        yield item
