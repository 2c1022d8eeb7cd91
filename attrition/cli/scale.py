"""Commands for corpus-scale runs: `load`, and what `extract --engine dask` runs."""

from __future__ import annotations

import sys

import click

from attrition.cli.options import db_option, opened, report_failures, reported
from attrition.cli.progress import ticking


def extract_with_dask(sources, out_dir, scheduler, workers, published, batch_size) -> None:
    """Run `attrition extract --engine dask`: claim shards into OUT_DIR, a summary, exit 1 on failures."""
    from attrition.corpus.scale.dask_engine import extract_on_dask

    if not out_dir:
        raise click.UsageError("--engine dask writes claim shards: give --out DIR")
    try:
        with reported():
            report = extract_on_dask(list(sources), out_dir, scheduler=scheduler, workers=workers,
                                     published=published, batch_size=batch_size)
    except FileNotFoundError as e:
        raise click.ClickException(str(e)) from None
    report_failures(report.failures)
    click.echo(f"{report.summary()}; load them with: attrition load {out_dir} --db DB")
    sys.exit(1 if report.failures else 0)


@click.command()
@click.argument("shards", nargs=-1, required=True)
@db_option
def load(shards, db_path):
    """Merge claim shards (from `attrition extract --engine dask`) into the database.

    SHARDS are *.claims.jsonl files, directories holding them, or globs. Claims
    get the same ids `attrition ingest` gives; an article already stored is
    left alone, so loading the same shards twice changes nothing. Prints counts
    like ingest; exits 1 if any shard line (or an input it records) failed.

    Example: attrition load claims-out/ --db news.db
    """
    from attrition.corpus.scale.load import load_shards

    with opened(db_path, create=True) as conn, ticking("load", f"loading {len(shards)} shard source(s)"):
        report = load_shards(conn, shards)
    report_failures(report.failures, report.warnings)
    click.echo(report.summary())
    sys.exit(1 if report.failures else 0)


COMMANDS = (load,)
