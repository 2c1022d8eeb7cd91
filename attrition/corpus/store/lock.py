"""One writer per database: an exclusive fcntl.flock on `<db>.lock`.

    with writer_lock("claims.db", wait=60):
        ...  # the only `attrition update` / `reextract` on claims.db

The kernel drops the lock when its process ends, however it ends (SIGKILL
included), so a crashed run never leaves a stale lock behind. The lock file
holds the holder's pid, command and start time, for the message a waiting run
gives up with. SQLite's own locking (WAL, busy timeout, BEGIN IMMEDIATE) still
guards each transaction; this lock keeps two long runs from interleaving.
flock is advisory and local: it does not protect a database on a network
file system shared between machines.
"""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from attrition.errors import AttritionError

POLL_SECONDS = 0.1


class LockedError(AttritionError):
    """Another process holds the database's writer lock; `holder` says who, when known."""

    exit_code = 75  # EX_TEMPFAIL: cron may simply try again later

    def __init__(self, lock_path: str, waited: float, holder: str):
        who = f" ({holder})" if holder else ""
        super().__init__(f"another attrition run is writing to this database{who}; "
                         f"gave up after waiting {waited:g}s for {lock_path}")
        self.lock_path = lock_path
        self.holder = holder


def lock_path_for(db_path: str | Path) -> str:
    """Return the lock file's path for the database at `db_path` (`<db>.lock`)."""
    return f"{db_path}.lock"


@contextmanager
def writer_lock(db_path: str | Path, wait: float = 0.0, command: str = "update") -> Iterator[str]:
    """Hold the writer lock of `db_path` for the `with` block; yield the lock file's path.

    Takes the database path, the longest time in seconds to wait for another
    holder to finish, and a word for what holds it. Raises LockedError when the
    lock is still held after `wait` seconds.
    """
    path = lock_path_for(db_path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockedError(path, wait, _holder(fd)) from None
                time.sleep(POLL_SECONDS)
        stamp = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, {command} started {stamp}\n".encode("utf-8"), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        return ""


def is_locked(db_path: str | Path) -> bool:
    """Return True when some process holds the writer lock of `db_path` right now."""
    path = lock_path_for(db_path)
    if not Path(path).exists():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
