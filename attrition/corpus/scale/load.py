"""Merge claim shards (from `attrition extract --engine dask`) into the SQLite store.

    report = load_shards(conn, ["claims-out/"])     # an IngestReport: new, unchanged, updated, failures

Each article goes through the same `store.write_article` as `attrition ingest`,
so claim ids are the same (a digest of content hash and offsets), an article
already stored with the same extractor version is left alone, and loading the
same shards twice changes nothing.

Each shard loads whole or not at all: its articles are written in one
transaction, and a shard holding a line that cannot be stored (not a shard
record, a text that does not match its hash, a claim field of the wrong type,
lines from another extractor version than this attrition's, or a row the
database refuses) is rolled back alone, every bad line and the shard named in
`report.failures`, and the next shard loads. Inputs a shard records as failed
(an unreadable source file) are named too; they do not refuse the shard.
"""

from __future__ import annotations

import math
import sqlite3
from typing import Iterable, Iterator

from attrition.corpus import store
from attrition.corpus.read.errors import Failure
from attrition.corpus.scale.shards import ShardError, read_shard, shard_files
from attrition.corpus.store.articles import IngestReport

LOAD_BATCH = 500  # kept for callers; a shard is now one transaction whatever its size

# Claim fields that must be numbers, and those that must be whole numbers.
_NUMBERS = ("value", "confidence")
_WHOLE = ("quote_start", "char_start", "char_end")


def load_shards(conn: sqlite3.Connection, paths: Iterable[str], batch: int = LOAD_BATCH) -> IngestReport:
    """Store the articles and claims in the claim shards at `paths`; return an IngestReport.

    Takes an open store connection and shard files, directories holding
    `*.claims.jsonl`, or globs. Each shard is stored whole or not at all; a
    refused shard's bad lines and the shard itself are listed in
    `report.failures` (`report.refused` names the shards), as are the failures
    the shards record; everything else is stored. Raises ShardError when a
    path matches nothing. `batch` is ignored (one transaction per shard).
    """
    report = IngestReport()
    report.refused = []
    for path in shard_files(paths):
        _load_one(conn, path, report)
    return report


def _load_one(conn: sqlite3.Connection, path, report: IngestReport) -> None:
    """Store one shard in one transaction, or nothing of it (naming why) when any line cannot be stored."""
    try:
        stream = open(path, encoding="utf-8")
    except OSError as e:
        report.failures.append(Failure(str(path), f"cannot read: {e.strerror or e}"))
        report.refused.append(str(path))
        return
    mine = IngestReport()
    bad: list[Failure] = []
    try:
        with stream, store.transaction(conn):
            for where, record in _records(stream, str(path), mine, bad):
                try:
                    with store.transaction(conn):  # a savepoint: find every bad line, not just the first
                        mine.add(store.write_article(conn, *record), where)
                except (sqlite3.Error, ValueError, TypeError, OverflowError) as e:
                    bad.append(Failure(where, f"not stored: {e}"))
            if bad:
                raise _Refused()
    except _Refused:
        report.failures.extend(bad + mine.failures)
        report.failures.append(Failure(str(path), f"shard refused, nothing from it stored: {len(bad)} bad "
                                                   f"line{'s' if len(bad) != 1 else ''}"))
        report.refused.append(str(path))
        return
    except UnicodeDecodeError as e:
        report.failures.append(Failure(str(path), f"shard refused, nothing from it stored: not UTF-8 ({e.reason})"))
        report.refused.append(str(path))
        return
    for name in ("new", "unchanged", "updated", "claims"):
        setattr(report, name, getattr(report, name) + getattr(mine, name))
    report.failures.extend(mine.failures)
    report.warnings.extend(mine.warnings)


class _Refused(Exception):
    """Raised inside a shard's transaction to roll it back."""


def _records(stream, name: str, report: IngestReport, bad: list[Failure]) -> Iterator[tuple]:
    """Yield (file:line, (article, claims, version)) for each storable line; note recorded and bad lines."""
    from attrition.extract import EXTRACTOR_VERSION

    for where, record in read_shard(stream, name):
        if isinstance(record, Failure):
            report.failures.append(record)
            continue
        if isinstance(record, ShardError):
            bad.append(Failure(record.where, record.reason))
            continue
        article, claims, version = record
        if version != EXTRACTOR_VERSION:
            bad.append(Failure(where, f"extracted by extractor {version}, not {EXTRACTOR_VERSION}: "
                                      f"extract it again"))
            continue
        problem = _field_problem(claims)
        if problem:
            bad.append(Failure(where, problem))
            continue
        yield where, (article, claims, version)


def _field_problem(claims) -> str | None:
    """Return what is wrong with a claim field's type (a string where a number belongs), or None."""
    for number, claim in enumerate(claims, 1):
        for name in _NUMBERS + _WHOLE:
            value = getattr(claim, name, None)
            if name == "confidence" and value is None:
                continue
            whole = name in _WHOLE
            if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
                return f"claim {number}: {name} is {value!r}, not a {'whole ' if whole else ''}number"
            if not whole and not math.isfinite(value):
                return f"claim {number}: {name} is {value!r}, not a finite number"
    return None
