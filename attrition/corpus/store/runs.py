"""The `runs` table: what each `attrition update` or `reextract` did, written as it goes.

    run_id = start_run(conn, "update", "1.0.0")
    count(conn, run_id, "new", claims=5)                # inside the article's transaction
    add_error(conn, run_id, url, "HTTP 404 Not Found")  # likewise
    finish_run(conn, run_id)
    list_runs(conn)                                     # newest first, as RunRecords

Counts are added in the same transaction as the work they count, so a run
killed half way still says exactly what it committed. A run whose process died
keeps `ended_at` NULL; the next run (which holds the writer lock, so knows it is
alone) marks it 'interrupted'.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field

from attrition.corpus.read.article import now_iso
from attrition.corpus.store.connection import transaction

COUNTS = ("feeds", "entries_found", "new", "updated", "unchanged", "skipped", "failed",
          "reextracted", "claims")


@dataclass
class RunRecord:
    """One row of `runs`: when, what command, its status, counts and errors ({url, reason})."""

    id: int
    command: str
    started_at: str
    ended_at: str | None
    status: str
    pid: int | None
    extractor_version: str
    counts: dict[str, int]
    errors: list[dict] = field(default_factory=list)


def start_run(conn: sqlite3.Connection, command: str, extractor_version: str) -> int:
    """Mark unfinished runs 'interrupted', record a new 'running' run; return its id.

    Call only while holding the writer lock (lock.writer_lock): any run still
    'running' then belongs to a process that has died.
    """
    with transaction(conn):
        conn.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        run_id = conn.execute(
            "INSERT INTO runs (command, started_at, status, pid, extractor_version)"
            " VALUES (?, ?, 'running', ?, ?)",
            (command, now_iso(), os.getpid(), extractor_version),
        ).lastrowid
    return run_id


def count(conn: sqlite3.Connection, run_id: int, what: str, n: int = 1, claims: int = 0) -> None:
    """Add `n` to the run's count `what` (one of COUNTS) and `claims` to its claims written.

    Runs in the caller's transaction (or autocommits when there is none).
    """
    if what not in COUNTS:
        raise ValueError(f"not a run count: {what!r}")
    conn.execute(f"UPDATE runs SET {what} = {what} + ?, claims = claims + ? WHERE id = ?",
                 (n, claims, run_id))


def add_error(conn: sqlite3.Connection, run_id: int, url: str, reason: str) -> None:
    """Append {url, reason} to the run's errors (in the caller's transaction, if any)."""
    conn.execute("UPDATE runs SET errors = json_insert(errors, '$[#]', json(?)) WHERE id = ?",
                 (json.dumps({"url": url, "reason": reason}, ensure_ascii=False), run_id))


def finish_run(conn: sqlite3.Connection, run_id: int) -> RunRecord:
    """Stamp the run's end and status ('failed' if anything failed, else 'ok'); return its record."""
    conn.execute(
        "UPDATE runs SET ended_at = ?, status = CASE WHEN failed > 0 THEN 'failed' ELSE 'ok' END"
        " WHERE id = ?", (now_iso(), run_id))
    return get_run(conn, run_id)


def get_run(conn: sqlite3.Connection, run_id: int) -> RunRecord:
    """Return the RunRecord of run `run_id`; raise KeyError if there is none."""
    row = conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
    if row is None:
        raise KeyError(run_id)
    return _record(row)


def list_runs(conn: sqlite3.Connection, limit: int | None = None) -> list[RunRecord]:
    """Return the recorded runs, newest first (at most `limit` of them)."""
    rows = conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit or -1,))
    return [_record(row) for row in rows]


def _record(row: sqlite3.Row) -> RunRecord:
    return RunRecord(
        id=row["id"], command=row["command"], started_at=row["started_at"],
        ended_at=row["ended_at"], status=row["status"], pid=row["pid"],
        extractor_version=row["extractor_version"],
        counts={name: row[name] for name in COUNTS},
        errors=json.loads(row["errors"] or "[]"),
    )


def run_as_dict(run: RunRecord) -> dict:
    """Return a run as a flat dict for JSON output (counts at the top level)."""
    return {"id": run.id, "command": run.command, "started_at": run.started_at,
            "ended_at": run.ended_at, "status": run.status, "pid": run.pid,
            "extractor_version": run.extractor_version, **run.counts, "errors": run.errors}


def format_runs(runs: list[RunRecord], errors: bool = True) -> str:
    """Return the runs as a plain-text table for a person, each run's errors listed under it."""
    header = ("run", "command", "started", "ended", "status", "new", "updated", "unchanged",
              "skipped", "failed", "reextracted", "claims")
    rows = [header]
    for run in runs:
        rows.append((str(run.id), run.command, run.started_at, run.ended_at or "-", run.status,
                     *(str(run.counts[k]) for k in ("new", "updated", "unchanged", "skipped",
                                                     "failed", "reextracted", "claims"))))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
            continue
        if errors:
            lines.extend(f"    failed: {e['url']}: {e['reason']}" for e in runs[index - 1].errors)
    return "\n".join(lines)
