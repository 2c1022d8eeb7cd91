"""Claim shards: the files archive-scale extraction writes and `attrition load` reads.

One JSON object per line. An article with its claims:

    {"article": {"label", "url", "path", "origin", "title", "publisher", "published",
                 "fetched_at", "text"},
     "content_hash": "...", "extractor_version": "1.0.0", "claims": [{Claim fields}, ...]}

or an input that could not be read or extracted: {"failed": NAME, "reason": "..."}.

Every article read goes in, with or without claims, so that loading the shards
stores what `attrition ingest` of the same inputs stores. Claims carry no ids:
the store derives them from (content hash, offsets), exactly as ingest does.
A shard is written to a temporary name and renamed when complete, so a shard
file that exists is whole.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Iterable, Iterator

from attrition.errors import AttritionError
from attrition.corpus.read.article import Article
from attrition.corpus.read.errors import Failure
from attrition.corpus.read.readers import json_object

SUFFIX = ".claims.jsonl"
ARTICLE_FIELDS = ("label", "url", "path", "origin", "title", "publisher", "published", "fetched_at", "text")


class ShardError(AttritionError):
    """A shard path or line that cannot be read back: `where` (path or file:line) and `reason`."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


def article_line(article: Article, claims, extractor_version: str) -> str:
    """Return the shard line (no newline) for one article and its claims."""
    record = {name: getattr(article, name, None) for name in ARTICLE_FIELDS if name != "origin"}
    record["origin"] = article.extra.get("origin") or article.url or article.path or article.label
    return json.dumps({"article": record, "content_hash": article.content_hash,
                       "extractor_version": extractor_version,
                       "claims": [claim.to_row() for claim in claims]}, ensure_ascii=False)


def failure_line(failure: Failure) -> str:
    """Return the shard line (no newline) recording an input that failed."""
    return json.dumps({"failed": failure.source, "reason": failure.reason}, ensure_ascii=False)


def write_shard(path: Path, lines: Iterable[str]) -> int:
    """Write `lines` to `path` via a temporary file renamed when done; return how many were written."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    n = 0
    with open(tmp, "w", encoding="utf-8") as out:
        for line in lines:
            out.write(line + "\n")
            n += 1
    os.replace(tmp, path)
    return n


def parse_line(line: str, where: str) -> tuple[Article, list, str] | Failure:
    """Return (Article, claims, extractor_version) or the Failure one shard line records.

    Raises ShardError naming `where` (file:line) for a line that is not a shard
    record, whose claims do not fit the Claim fields, or whose text does not
    match its content hash.
    """
    from attrition.extract.claim import Claim

    record = json_object(line, where, ShardError, "not JSON", "not a JSON object")
    if "failed" in record:
        return Failure(str(record["failed"]), str(record.get("reason") or "failed"))
    try:
        fields = record["article"]
        origin = fields.get("origin")
        article = Article(**{k: fields.get(k) for k in ARTICLE_FIELDS if k != "origin"},
                          extra={"origin": origin} if origin else {})
        claims = [Claim(**row) for row in record["claims"]]
        version = str(record["extractor_version"])
    except (KeyError, TypeError, AttributeError) as e:
        raise ShardError(where, f"not a claim-shard record ({type(e).__name__}: {e})") from None
    if article.content_hash != record.get("content_hash"):
        raise ShardError(where, "the text does not match its content_hash")
    return article, claims, version


def read_shard(stream: IO[str], name: str) -> Iterator[tuple[str, tuple | Failure | ShardError]]:
    """Yield (file:line, parsed record or ShardError) for each non-blank line of an open shard."""
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            yield where, parse_line(line, where)
        except ShardError as e:
            yield where, e


def shard_files(paths: Iterable[str]) -> list[Path]:
    """Return the claim-shard files named by `paths` (files, directories of *.claims.jsonl, globs), sorted.

    Raises ShardError for a path that matches nothing.
    """
    import glob

    found: list[Path] = []
    for spec in paths:
        matches = sorted(glob.glob(spec)) if glob.has_magic(spec) else [spec]
        if not matches or not all(Path(m).exists() for m in matches):
            raise ShardError(spec, "no such file or directory")
        for match in map(Path, matches):
            found.extend(sorted(match.glob("*" + SUFFIX)) if match.is_dir() else [match])
    return found
