"""CLI pieces for corpus-scale runs: `attrition load`, and `attrition extract --engine dask`.

Registered on the main `attrition` group in cli.py; `extract` calls
`extract_with_dask` when given `--engine dask`.
"""

from __future__ import annotations

import sys

import click

from attrition.corpus import store

WORKERS_HELP = "Extract in this many processes (1: in this process). The database has one writer, this process."


def workers_option(f):
    """Add the shared --workers option to a command."""
    return click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                        help=WORKERS_HELP)(f)


def extract_with_dask(sources, out_dir, scheduler, workers, published, batch_size) -> None:
    """Run `attrition extract --engine dask`: claim shards into OUT_DIR, a summary, exit 1 on failures."""
    from attrition.corpus.dask_engine import DaskUnavailable, extract_on_dask

    if not out_dir:
        raise click.UsageError("--engine dask writes claim shards: give --out DIR")
    try:
        report = extract_on_dask(list(sources), out_dir, scheduler=scheduler, workers=workers,
                                 published=published, batch_size=batch_size)
    except (DaskUnavailable, FileNotFoundError) as e:
        raise click.ClickException(str(e)) from None
    for failure in report.failures:
        click.echo(f"failed: {failure}", err=True)
    click.echo(f"{report.summary()}; load them with: attrition load {out_dir} --db DB")
    sys.exit(1 if report.failures else 0)


@click.command()
@click.argument("shards", nargs=-1, required=True)
@click.option("--db", "db_path", default="attrition.db", envvar="ATTRITION_DB", show_envvar=True,
              type=click.Path(dir_okay=False),
              help="SQLite database file (default: $ATTRITION_DB, else attrition.db).")
def load(shards, db_path):
    """Merge claim shards (from `attrition extract --engine dask`) into the database.

    SHARDS are *.claims.jsonl files, directories holding them, or globs. Claims
    get the same ids `attrition ingest` gives; an article already stored is
    left alone, so loading the same shards twice changes nothing. Prints counts
    like ingest; exits 1 if any shard line (or an input it records) failed.

    Example: attrition load claims-out/ --db news.db
    """
    from attrition.corpus.load import load_shards
    from attrition.corpus.shards import ShardError

    try:
        conn = store.connect(db_path, create=True)
    except store.StoreError as e:
        raise click.ClickException(str(e)) from None
    try:
        report = load_shards(conn, shards)
    except ShardError as e:
        raise click.ClickException(str(e)) from None
    finally:
        conn.close()
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for failure in report.failures:
        click.echo(f"failed: {failure}", err=True)
    click.echo(report.summary())
    sys.exit(1 if report.failures else 0)


COMMANDS = (load,)
