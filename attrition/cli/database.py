"""Which files a command may open as its database: refuse another program's SQLite file, or an empty one to read.

    refuse_foreign(path, reading=True)   # raises NotOurDatabase naming the file and what is in it

A command that writes would otherwise create attrition's twenty tables inside
any SQLite file it is pointed at; one that reads would answer "no claims"
from a file that never held any. Both are usage errors (exit 2).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from attrition.errors import AttritionError

# Tables every attrition database has (schema.sql); a file holding other tables but not these is not ours.
OUR_TABLES = {"articles", "claims"}


class NotOurDatabase(AttritionError):
    """A --db file that is not an attrition database (or, for a command that reads, holds nothing yet)."""

    exit_code = 2


def _tables(path: Path) -> set[str] | None:
    """The table names in the SQLite file at `path`, or None if it cannot be read as one (left to store.connect)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def refuse_foreign(db_path: str, *, reading: bool) -> None:
    """Raise NotOurDatabase if `db_path` is a SQLite file with other tables and not attrition's.

    With `reading` (claims, show, search, check ...) a file with no tables at all
    is refused too. A missing file, ":memory:" or a file SQLite cannot read are
    left to `store.connect`, which says what is wrong with them.
    """
    path = Path(db_path)
    if db_path == ":memory:" or not path.is_file():
        return
    tables = set() if path.stat().st_size == 0 else _tables(path)
    if tables is None:
        return
    if tables and not OUR_TABLES <= tables:
        shown = ", ".join(sorted(t for t in tables if not t.startswith("sqlite_"))[:5])
        raise NotOurDatabase(f"{db_path} is not an attrition database (it holds other tables: {shown}); "
                             "give --db a new file or one attrition made")
    if reading and not tables:
        raise NotOurDatabase(f"{db_path} is empty, not an attrition database "
                             f"(run `attrition ingest ... --db {db_path}` first)")
