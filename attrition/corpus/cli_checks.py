"""CLI commands for official data and cross-checks: `official load`, `check`, `funnel`.

Registered on the main `attrition` group in cli.py. Each command opens the
database, calls one library function and turns its errors into ClickException.
"""

from __future__ import annotations

import sys

import click

from attrition.corpus import store
from attrition.extract.claim import OFFENCES

DB_HELP = "SQLite database file (default: $ATTRITION_DB, else attrition.db)."


def _db_option(f):
    return click.option("--db", "db_path", default="attrition.db", envvar="ATTRITION_DB",
                        show_envvar=True, type=click.Path(dir_okay=False), help=DB_HELP)(f)


def _open(db_path: str, create: bool = False):
    try:
        return store.connect(db_path, create=create)
    except store.StoreError as e:
        raise click.ClickException(str(e)) from None


@click.group()
def official():
    """Official figures to check claims against (`official load FILE...`).

    Example: attrition official load ../shared/official/*.csv --db news.db
    """


@official.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@_db_option
@click.option("--url", help="The URL the file was published at (stored with every figure from it).")
def official_load(files, db_path, url):
    """Load official figures from FILES (CSV, ODS or XLSX in a publisher's layout).

    Layouts are recognised by their header row: Home Office police recorded crime
    PFA open data tables (quarterly, by offence code), the Home Office/ONS
    rec-crime-pfa.csv (rolling 12 months), and the tidy official_figures.csv. A
    file loads whole or not at all; loading the same file again changes nothing.
    Exits 1 if any file was refused.

    Example: attrition official load ../shared/official/*.csv --db news.db
    """
    from attrition.corpus.official import load_official_files

    conn = _open(db_path, create=True)
    try:
        reports, errors = load_official_files(conn, files, url)
    except store.StoreError as e:
        raise click.ClickException(str(e)) from None
    finally:
        conn.close()
    for report in reports:
        if report.already_loaded:
            click.echo(f"{report.path}: already loaded, nothing changed")
        else:
            click.echo(f"{report.path}: {report.layout}, {report.rows} rows read, {report.inserted} new "
                       f"({report.seconds:.1f}s)")
    for error in errors:
        click.echo(f"failed: {error}", err=True)
    sys.exit(1 if errors else 0)


@click.command()
@_db_option
@click.option("--full", is_flag=True, help="Check every claim again, not only new or changed ones.")
def check(db_path, full):
    """Cross-check claims: against official figures, their own arithmetic, the funnel, other articles.

    Only claims new or changed since the last run are checked (and the claims
    that share an article or a quantity with them); loading official data makes
    every official check due again. Prints what was written.

    Example: attrition check --db news.db
    """
    from attrition.corpus.check_run import run_checks

    conn = _open(db_path)
    try:
        report = run_checks(conn, full=full)
    finally:
        conn.close()
    click.echo(report.summary())


@click.command()
@_db_option
@click.option("--area", required=True, help="Police force (any spelling in forces.csv).")
@click.option("--period", help="2017/18 (financial year), 2022 (calendar year) or START..END; "
                               "default: every period claims give for the force.")
@click.option("--offence", type=click.Choice(OFFENCES), default="rape", show_default=True)
def funnel(db_path, area, period, offence):
    """Print the funnel for a force and period: claims and official figures side by side, each with its source.

    Example: attrition funnel --area Herts --period 2017/18 --db news.db
    """
    from attrition.corpus.forces import canonical_force
    from attrition.corpus.funnel import claim_periods, format_funnel, funnel as build, parse_period

    force = canonical_force(area)
    if force is None:
        raise click.ClickException(f"unknown force {area!r} (see attrition/extract/data/forces.csv)")
    conn = _open(db_path)
    try:
        if period:
            try:
                periods = [parse_period(period)]
            except ValueError as e:
                raise click.BadParameter(str(e), param_hint="--period") from None
        else:
            periods = claim_periods(conn, force, offence)
            if not periods:
                raise click.ClickException(f"no claims about {force} ({offence}) with a period; give --period")
        blocks = [format_funnel(build(conn, force, start, end, offence), force, start, end, offence)
                  for start, end in periods]
    finally:
        conn.close()
    click.echo("\n\n".join(blocks))


COMMANDS = (official, check, funnel)
