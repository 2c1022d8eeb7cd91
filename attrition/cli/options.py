"""What the commands share: the options defined once, the database opener, errors to exit codes.

    @click.command()
    @db_option
    @format_option("table")
    def claims(db_path, fmt): ...
        with opened(db_path) as conn: ...     # StoreError -> `Error: ...`, exit 1 (or the code given)

Every error attrition raises on bad input is an `attrition.errors.AttritionError`
naming the input; `reported` turns it into click's `Error: MESSAGE` on stderr
and the exit status the README documents (1 an input failed, 2 a usage or
configuration error, 75 another run holds the database).
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Iterator

import click

from attrition.cli.database import refuse_foreign
from attrition.cli.values import day_option_value
from attrition.corpus import store
from attrition.corpus.read.errors import Failure
from attrition.corpus.read.fetch import MAX_BYTES
from attrition.corpus.store.export import FORMATS
from attrition.errors import AttritionError

DB_HELP = "SQLite database file (default: $ATTRITION_DB, else attrition.db)."
WORKERS_HELP = "Extract in this many processes (1: in this process). The database has one writer, this process."
EXIT_USAGE = 2
EXIT_LOCKED = 75


class CommandError(click.ClickException):
    """An error for the person at the terminal: `Error: MESSAGE` on stderr and `exit_code`."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


@contextmanager
def reported(exit_code: int | None = None) -> Iterator[None]:
    """Turn any AttritionError raised in the block into a CommandError (its own exit code, or `exit_code`)."""
    try:
        yield
    except AttritionError as e:
        raise CommandError(str(e), exit_code or e.exit_code) from None


def open_db(db_path: str, *, create: bool = False, exit_code: int | None = None) -> sqlite3.Connection:
    """Open the database at `db_path` (creating it when `create`); a StoreError exits with `exit_code` (default 1)."""
    with reported(exit_code):
        refuse_foreign(db_path, reading=not create)
        return store.connect(db_path, create=create)


@contextmanager
def opened(db_path: str, *, create: bool = False, exit_code: int | None = None) -> Iterator[sqlite3.Connection]:
    """Open the database for the block and close it after; errors in the block are `reported` too."""
    conn = open_db(db_path, create=create, exit_code=exit_code)
    try:
        with reported(exit_code):
            yield conn
    finally:
        conn.close()


def report_failures(failures: list[Failure], warnings: list[str] = ()) -> None:
    """Name each warning and each failed input on stderr."""
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    for failure in failures:
        click.echo(f"failed: {failure}{cap_hint(failure.reason)}", err=True)


def cap_hint(reason: str) -> str:
    """The hint to add to a failure's reason when it was a size cap: the option that raises it."""
    return " (--max-bytes raises the cap)" if "over the cap" in reason else ""


def db_option(f):
    """Add the shared --db option to a command."""
    return click.option("--db", "db_path", default="attrition.db", envvar="ATTRITION_DB",
                        show_envvar=True, type=click.Path(dir_okay=False), help=DB_HELP)(f)


def format_option(default: str, choices=FORMATS, help: str = "Output format."):
    """Return the --format option (into `fmt`) with these choices and default, and --no-headers.

    json is one JSON document (an array or object); jsonl one object per line.
    """
    def decorate(f):
        f = click.option("--no-headers", is_flag=True,
                         help="Leave out the header row of csv and table output.")(f)
        return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                            show_default=True, help=help)(f)
    return decorate


def workers_option(f):
    """Add the shared --workers option to a command."""
    return click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                        help=WORKERS_HELP)(f)


def parse_manifest(ctx, param, value):
    """Click callback: read a --manifest CSV into {id: metadata}; a bad file is a usage error naming it."""
    if not value:
        return None
    from attrition.corpus.read.manifest import read_manifest
    try:
        return read_manifest(value)
    except AttritionError as e:
        raise click.BadParameter(str(e), ctx=ctx, param=param) from None


def reading_options(f):
    """Add the options shared by the commands that read articles: --published, --manifest, --max-bytes, --batch-size."""
    f = click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
                     help="Articles per extractor batch.")(f)
    f = click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES, show_default=True,
                     help="Skip any file or response larger than this.")(f)
    f = click.option("--manifest", callback=parse_manifest, type=click.Path(dir_okay=False),
                     help="CSV of id,url,title,publisher,published for the articles (id: the file name "
                          "without extension, or a JSON line's id).")(f)
    return click.option("--published", callback=day_option_value,
                        help="Publication date (YYYY-MM-DD) for inputs that do not give one.")(f)
