"""Official figures into the database: one file, one transaction, loaded once.

    from attrition.corpus.official.load import load_official_file
    report = load_official_file(conn, "rec-crime-pfa.csv")

A file loads whole or not at all; the same file (by SHA-256) loads once; rows
already present from another file (same dataset, force, offence, period) are
kept once. Reading the file is `layouts.read_official_file`.
"""

from __future__ import annotations

import hashlib
import operator
import os
import stat
import time
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Iterable

from attrition.corpus.official.layouts import NOT_STORED, OfficialDataError, OfficialFigure, read_official_file
from attrition.corpus.official.tables import TableReadError, file_kind, require_regular_file
from attrition.corpus.store.connection import database, transaction


@dataclass
class LoadReport:
    """What loading one file did: its layout, its rows, how many were new, whether it was loaded before."""

    path: str
    layout: str | None
    sha256: str
    rows: int
    inserted: int
    already_loaded: bool
    seconds: float = 0.0


# --- loading --------------------------------------------------------------------------------

_FIGURE_COLUMNS = [f.name for f in fields(OfficialFigure) if f.name not in NOT_STORED]
# dataclasses.astuple deep-copies every field: far too slow for 46k rows.
_figure_values = operator.attrgetter(*_FIGURE_COLUMNS)
_ROW_COLUMNS = ("file_id", *_FIGURE_COLUMNS)
BATCH_ROWS = 1000  # rows per multi-row INSERT (sqlite-utils caps it by SQLite's variable limit)


def file_sha256(path: str | Path) -> str:
    """Return the SHA-256 hex digest of a regular file's bytes (its identity in `official_files`).

    The file is opened without blocking and checked to be a regular file before
    a byte is read, so a FIFO or device swapped in after any earlier check is
    refused (TableReadError naming it) instead of blocking or reading forever.
    """
    require_regular_file(path)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise TableReadError(f"{path}: is {file_kind(mode)}, not a regular file: refused")
        digest = hashlib.sha256()
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_official_file(conn, path: str | Path, url: str | None = None) -> LoadReport:
    """Load one official file into the `official` and `official_files` tables, in one transaction.

    Takes an open sqlite3 connection (schema applied), a path and optionally the
    file's published URL. Returns a LoadReport; a file already loaded (same
    SHA-256) is not read again. Raises OfficialDataError (nothing written) for an
    unreadable file, an unknown layout or a bad row.
    """
    started = time.perf_counter()
    path = Path(path)
    try:
        sha = file_sha256(path)
    except TableReadError as exc:
        raise OfficialDataError(str(exc)) from exc
    except OSError as exc:
        raise OfficialDataError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if conn.execute("SELECT 1 FROM official_files WHERE sha256 = ?", (sha,)).fetchone():
        return LoadReport(str(path), None, sha, 0, 0, True, time.perf_counter() - started)
    layout, figures = read_official_file(path, url)
    with transaction(conn):
        # Another process may have loaded the same file while this one was parsing.
        if conn.execute("SELECT 1 FROM official_files WHERE sha256 = ?", (sha,)).fetchone():
            return LoadReport(str(path), layout, sha, len(figures), 0, True, time.perf_counter() - started)
        file_id = conn.execute(
            "INSERT INTO official_files (sha256, path, url, layout, rows, loaded_at) "
            "VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            (sha, str(path.resolve()), url, layout, len(figures)),
        ).lastrowid
        before = conn.total_changes
        database(conn)["official"].insert_all(
            (dict(zip(_ROW_COLUMNS, (file_id, *_figure_values(f)))) for f in figures),
            ignore=True, batch_size=BATCH_ROWS)
        inserted = conn.total_changes - before
        conn.execute("UPDATE official_files SET inserted = ? WHERE id = ?", (inserted, file_id))
    return LoadReport(str(path), layout, sha, len(figures), inserted, False, time.perf_counter() - started)


def load_official_files(conn, paths: Iterable[str | Path], url: str | None = None) -> tuple[list[LoadReport], list[str]]:
    """Load several official files, each in its own transaction.

    Returns (reports of the files loaded or already present, error messages of
    the files refused); one bad file does not stop the others.
    """
    reports, errors = [], []
    for path in paths:
        try:
            reports.append(load_official_file(conn, path, url))
        except OfficialDataError as exc:
            errors.append(str(exc))
    return reports, errors


def figure_from_row(row) -> OfficialFigure:
    """Return an OfficialFigure from an `official` table row (sqlite3.Row or mapping)."""
    figure = OfficialFigure(**{name: row[name] for name in _FIGURE_COLUMNS})
    if "edition" in row.keys():
        figure.edition = row["edition"]
    return figure
