"""Commands for official data and cross-checks: `official load`, `check`, `checks`, `funnel`, `import-claims`."""

from __future__ import annotations

import json
import sys

import click

from attrition.cli.options import db_option, format_option, opened
from attrition.cli.progress import counter
from attrition.cli.values import PERIOD_FORMS, area_option_value, period_option_value
from attrition.corpus.check.checks import KINDS, VERDICTS
from attrition.extract.claim import OFFENCES


@click.group()
def official():
    """Official figures to check claims against (`official load FILE...`).

    Example: attrition official load ../shared/official/*.csv --db news.db
    """


LOAD_FIELDS = ("path", "layout", "rows", "new", "already_loaded", "seconds")
CHECK_FIELDS = ("claims", "official_rechecked", "other_rechecked", "written", "compared", "total")
FUNNEL_FIELDS = ("area", "offence", "period_start", "period_end", "stage", "origin", "value", "unit",
                 "source", "ref", "note")


def _number(value):
    """A whole number as an int (35, not 35.0), anything else as it is."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _write(records: list[dict], fmt: str, columns, no_headers: bool) -> None:
    from attrition.corpus.store.export import write_rows

    write_rows(records, fmt, sys.stdout, columns=columns, table_columns=columns, headers=not no_headers)


@official.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@db_option
@click.option("--url", help="The URL the file was published at (stored with every figure from it).")
@format_option("table", help="Output format: table (a line per file), csv, json or jsonl (a record per file).")
@click.option("--quiet", "-q", is_flag=True, help="No progress counter on a terminal.")
def official_load(files, db_path, url, fmt, no_headers, quiet):
    """Load official figures from FILES (CSV, ODS or XLSX in a publisher's layout).

    Layouts are recognised by their header row: Home Office police recorded crime
    PFA open data tables (quarterly, by offence code), the Home Office/ONS
    rec-crime-pfa.csv (rolling 12 months), and the tidy official_figures.csv. A
    file loads whole or not at all; loading the same file again changes nothing.
    Exits 1 if any file was refused (named on stderr).

    Example: attrition official load ../shared/official/*.csv --db news.db
    """
    from attrition.corpus.official.load import load_official_files

    reports, errors = [], []
    with opened(db_path, create=True) as conn, counter("official load", quiet=quiet, noun="files loaded") as tick:
        for path in files:
            loaded, failed = load_official_files(conn, [path], url)
            reports += loaded
            errors += failed
            tick()
    if fmt == "table":
        for report in reports:
            if report.already_loaded:
                click.echo(f"{report.path}: already loaded, nothing changed")
            else:
                click.echo(f"{report.path}: {report.layout}, {report.rows} rows read, {report.inserted} new "
                           f"({report.seconds:.1f}s)")
    else:
        _write([{"path": r.path, "layout": r.layout, "rows": r.rows, "new": r.inserted,
                 "already_loaded": r.already_loaded, "seconds": round(r.seconds, 3)} for r in reports],
               fmt, LOAD_FIELDS, no_headers)
    for error in errors:
        click.echo(f"failed: {error}", err=True)
    sys.exit(1 if errors else 0)


@click.command()
@db_option
@click.option("--full", is_flag=True, help="Check every claim again, not only new or changed ones.")
@format_option("table", help="Output format: table (a summary for people), csv, json or jsonl (one record: "
                             "the counts, coverage and the verdicts written by kind).")
@click.option("--quiet", "-q", is_flag=True, help="No progress line on a terminal.")
def check(db_path, full, fmt, no_headers, quiet):
    """Cross-check claims: against official figures, their own arithmetic, the funnel, other articles.

    Only claims new or changed since the last run are checked (and the claims
    that share an article or a quantity with them); loading official data makes
    every official check due again. Prints what was written.

    Example: attrition check --db news.db
    """
    from attrition.cli.progress import ticking
    from attrition.corpus.check.listing import coverage
    from attrition.corpus.check.run import run_checks

    with opened(db_path) as conn:
        total = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        with ticking("check", f"checking {total:,} claims", quiet=quiet):
            report = run_checks(conn, full=full)
        compared, total = coverage(conn)
    if fmt == "table":
        click.echo(report.summary())
        share = f" ({compared / total:.1%})" if total else ""
        click.echo(f"coverage: {compared} of {total} claims compared with an official figure{share}")
        return
    record = {"claims": report.claims, "official_rechecked": report.official_rechecked,
              "other_rechecked": report.other_rechecked, "written": report.written,
              "compared": compared, "total": total}
    verdicts = {f"{kind}_{verdict}": n for (kind, verdict), n in sorted(report.verdicts.items())}
    if fmt == "csv":  # one flat row: the counts, then a column per kind and verdict written
        _write([{**record, **verdicts}], fmt, CHECK_FIELDS + tuple(verdicts), no_headers)
        return
    nested: dict[str, dict[str, int]] = {}
    for (kind, verdict), n in sorted(report.verdicts.items()):
        nested.setdefault(kind, {})[verdict] = n
    click.echo(json.dumps({**record, "verdicts": nested}, ensure_ascii=False,
                          indent=2 if fmt == "json" else None))


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
@click.option("--area", required=True, callback=area_option_value,
              help="Police force (its name, an alias such as Herts or the Met, any case) or England and Wales.")
@click.option("--period", callback=period_option_value,
              help=f"{PERIOD_FORMS}; default: every period claims give for the force.")
@click.option("--offence", type=click.Choice(OFFENCES), default="rape", show_default=True)
@format_option("table", help="Output format: table (the funnel for people), csv, json or jsonl (a record per "
                             "figure: stage, claim or official, value, unit, source, claim id or URL, note).")
def funnel(db_path, area, period, offence, fmt, no_headers):
    """Print the funnel for a force and period: claims and official figures side by side, each with its source.

    Example: attrition funnel --area Herts --period 2017/18 --db news.db
    """
    from attrition.corpus.check.funnel import claim_periods, format_funnel, funnel as build

    with opened(db_path) as conn:
        periods = [period] if period else claim_periods(conn, area, offence)
        if not periods:
            raise click.ClickException(f"no claims about {area} ({offence}) with a period; give --period")
        funnels = [(start, end, build(conn, area, start, end, offence)) for start, end in periods]
    if fmt == "table":
        click.echo("\n\n".join(format_funnel(rows, area, start, end, offence) for start, end, rows in funnels))
        return
    records = [{"area": area, "offence": offence, "period_start": start, "period_end": end, "stage": row.stage,
                "origin": cell.origin, "value": _number(cell.value), "unit": cell.unit, "source": cell.source,
                "ref": cell.ref, "note": cell.note}
               for start, end, rows in funnels for row in rows for cell in row.claims + row.official]
    _write(records, fmt, FUNNEL_FIELDS, no_headers)


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
