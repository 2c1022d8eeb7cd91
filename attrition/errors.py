"""The one base of every error attrition raises on bad input.

    try:
        ...
    except AttritionError as e:
        print(e, file=sys.stderr)        # names the input and says what is wrong with it
        sys.exit(e.exit_code)

Each part of the package raises its own subclass (a file or URL that cannot be
read, a database that cannot be opened, an official file in no known layout, a
bad feeds file, another run holding the database ...), always with a message
for a person that names the input. `exit_code` is the exit status the CLI
documents for it (README, "Commands"): 1 for an input that failed, 2 for a
usage or configuration error, 75 when another run holds the database.
Programming errors (TypeError, sqlite3.ProgrammingError ...) are not under it.
"""

from __future__ import annotations


class AttritionError(Exception):
    """An input attrition cannot use: a file, URL, database, feeds file or shard, named in the message."""

    exit_code = 1
