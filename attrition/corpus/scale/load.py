"""Merge claim shards (from `attrition extract --engine dask`) into the SQLite store.

    report = load_shards(conn, ["claims-out/"])     # an IngestReport: new, unchanged, updated, failures

Each article goes through the same `store.write_article` as `attrition ingest`,
so claim ids are the same (a digest of content hash and offsets), an article
already stored with the same extractor version is left alone, and loading the
same shards twice changes nothing. Writes are grouped: one transaction per
LOAD_BATCH articles, each article inside its own savepoint (store.transaction
nested), so one bad article is rolled back alone and the rest of the batch
still commits.
Lines extracted by another extractor version than this attrition's are not
loaded (they would be re-extracted at once); they are named as failures.
"""

from __future__ import annotations

import sqlite3
from typing import Iterable, Iterator

from attrition.corpus import store
from attrition.corpus.read.errors import Failure
from attrition.corpus.scale.shards import ShardError, read_shard, shard_files
from attrition.corpus.scale.workers import chunks
from attrition.corpus.store.articles import IngestReport

LOAD_BATCH = 500


def load_shards(conn: sqlite3.Connection, paths: Iterable[str], batch: int = LOAD_BATCH) -> IngestReport:
    """Store the articles and claims in the claim shards at `paths`; return an IngestReport.

    Takes an open store connection and shard files, directories holding
    `*.claims.jsonl`, or globs. Failures recorded in the shards, unreadable
    lines and lines from another extractor version are listed in
    `report.failures`; everything else is stored. Raises ShardError when a path
    matches nothing.
    """
    report = IngestReport()
    for records in chunks(_records(shard_files(paths), report), batch):
        with store.transaction(conn):
            for where, article, claims, version in records:
                _write_one(conn, where, article, claims, version, report)
    return report


def _records(files, report: IngestReport) -> Iterator[tuple]:
    """Yield (file:line, article, claims, version) for each storable line; record the rest as failures."""
    from attrition.extract import EXTRACTOR_VERSION

    for path in files:
        try:
            stream = open(path, encoding="utf-8")
        except OSError as e:
            report.failures.append(Failure(str(path), f"cannot read: {e.strerror or e}"))
            continue
        with stream:
            for where, record in read_shard(stream, str(path)):
                if isinstance(record, (Failure, ShardError)):
                    report.failures.append(record if isinstance(record, Failure)
                                           else Failure(record.where, record.reason))
                    continue
                article, claims, version = record
                if version != EXTRACTOR_VERSION:
                    report.failures.append(Failure(where, f"extracted by extractor {version}, not "
                                                          f"{EXTRACTOR_VERSION}: extract it again"))
                    continue
                yield where, article, claims, version


def _write_one(conn, where: str, article, claims, version: str, report: IngestReport) -> None:
    try:
        with store.transaction(conn):  # a savepoint inside the batch's transaction
            result = store.write_article(conn, article, claims, version)
    except sqlite3.Error as e:
        report.failures.append(Failure(where, f"not stored: {e}"))
        return
    report.add(result, where)
