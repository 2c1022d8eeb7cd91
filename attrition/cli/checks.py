"""Commands for official data and cross-checks: `official load`, `check`, `checks`, `funnel`, `import-claims`."""

from __future__ import annotations

import sys

import click

from attrition.cli.options import db_option, opened
from attrition.corpus.check.checks import KINDS, VERDICTS
from attrition.extract.claim import OFFENCES


@click.group()
def official():
    """Official figures to check claims against (`official load FILE...`).

    Example: attrition official load ../shared/official/*.csv --db news.db
    """


@official.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@db_option
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
    from attrition.corpus.official.load import load_official_files

    with opened(db_path, create=True) as conn:
        reports, errors = load_official_files(conn, files, url)
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
@db_option
@click.option("--full", is_flag=True, help="Check every claim again, not only new or changed ones.")
def check(db_path, full):
    """Cross-check claims: against official figures, their own arithmetic, the funnel, other articles.

    Only claims new or changed since the last run are checked (and the claims
    that share an article or a quantity with them); loading official data makes
    every official check due again. Prints what was written.

    Example: attrition check --db news.db
    """
    from attrition.corpus.check.run import run_checks

    from attrition.corpus.check.listing import coverage

    with opened(db_path) as conn:
        report = run_checks(conn, full=full)
        compared, total = coverage(conn)
    click.echo(report.summary())
    share = f" ({compared / total:.1%})" if total else ""
    click.echo(f"coverage: {compared} of {total} claims compared with an official figure{share}")


@click.command("checks")
@db_option
@click.option("--verdict", type=click.Choice(VERDICTS), help="Only checks with this verdict.")
@click.option("--kind", type=click.Choice(KINDS), help="Only checks of this kind.")
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "jsonl")), default="table", show_default=True,
              help="Output format.")
def checks_command(db_path, verdict, kind, fmt):
    """List the checks, one row each: the claim (article, value, unit, stage, area, period, quote), the kind,
    verdict, official value, dataset, URL and period, the reason, and the official row's notes.

    Example: attrition checks --verdict differs --format csv --db news.db
    """
    from attrition.corpus.check.listing import CHECK_ROW_FIELDS, TABLE_FIELDS, check_rows
    from attrition.corpus.store.export import write_rows

    with opened(db_path) as conn:
        rows = check_rows(conn, verdict=verdict, kind=kind)
    write_rows(rows, fmt, sys.stdout, columns=CHECK_ROW_FIELDS, table_columns=TABLE_FIELDS)


@click.command()
@db_option
@click.option("--area", required=True, help="Police force (any spelling in forces.csv).")
@click.option("--period", help="2017/18 (financial year), 2022 (calendar year) or START..END; "
                               "default: every period claims give for the force.")
@click.option("--offence", type=click.Choice(OFFENCES), default="rape", show_default=True)
def funnel(db_path, area, period, offence):
    """Print the funnel for a force and period: claims and official figures side by side, each with its source.

    Example: attrition funnel --area Herts --period 2017/18 --db news.db
    """
    from attrition.corpus.check.funnel import claim_periods, format_funnel, funnel as build, parse_period
    from attrition.extract.forces import resolve_force

    force = resolve_force(area)
    if force is None:
        raise click.ClickException(f"unknown force {area!r} (see attrition/extract/data/forces.csv)")
    with opened(db_path) as conn:
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
    click.echo("\n\n".join(blocks))


@click.command("import-claims")
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
def import_claims(file, db_path):
    """Replace articles' extracted claims with hand-checked ones from FILE (JSON lines in GOLD.md form).

    Each line names its article by label and carries its quote; the figure's
    offsets are found from the quote. The claims are marked as checked by hand
    and kept when the article is re-extracted. A line naming an unknown article
    or a quote not in its text is named on stderr (with the article's other
    lines) and the rest goes in; exit 1 if any line was refused. Run `attrition
    check` afterwards.

    Example: attrition import-claims ../shared/eval/dev.gold.jsonl --db news.db
    """
    from attrition.corpus.store.handchecked import import_claims as run_import

    with opened(db_path) as conn:
        report = run_import(conn, file)
    for error in report.errors:
        click.echo(f"failed: {error}", err=True)
    click.echo(report.summary())
    sys.exit(1 if report.errors else 0)


COMMANDS = (official, check, checks_command, funnel, import_claims)
