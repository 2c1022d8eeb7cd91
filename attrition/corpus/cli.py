"""The `attrition` command: a thin layer over the corpus library.

Each command parses its options, opens the database, calls one library
function, and turns library errors into click.ClickException. Exit status: 0
when everything worked, 1 when some input failed, 2 for a usage error.
"""

from __future__ import annotations

import sys

import click

from attrition import __version__
from attrition.corpus import export, query, store
from attrition.corpus.check import VERDICTS
from attrition.corpus.check_run import checks_for_claim, claim_ids_with_verdict, format_checks
from attrition.corpus.cli_checks import COMMANDS as CHECK_COMMANDS
from attrition.corpus.cli_scale import COMMANDS as SCALE_COMMANDS
from attrition.corpus.cli_scale import extract_with_dask, workers_option
from attrition.corpus.cli_update import COMMANDS as UPDATE_COMMANDS
from attrition.corpus.errors import Failure, ReadError
from attrition.corpus.fetch import MAX_BYTES
from attrition.corpus.forces import canonical_force
from attrition.corpus.readers import iso_date
from attrition.extract.claim import OFFENCES, STAGES

DB_HELP = "SQLite database file (default: $ATTRITION_DB, else attrition.db)."


def db_option(f):
    """Add the shared --db option to a command."""
    return click.option("--db", "db_path", default="attrition.db", envvar="ATTRITION_DB",
                        show_envvar=True, type=click.Path(dir_okay=False), help=DB_HELP)(f)


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return iso_date(value)
    except ValueError:
        raise click.BadParameter(f"not a date: {value!r} (use YYYY-MM-DD)") from None


def reading_options(f):
    """Add the options shared by the commands that read articles: --published, --max-bytes, --batch-size."""
    f = click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
                     help="Articles per extractor batch.")(f)
    f = click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES, show_default=True,
                     help="Skip any file or response larger than this.")(f)
    f = click.option("--manifest", "manifest", callback=_manifest, type=click.Path(dir_okay=False),
                     help="CSV of id,url,title,publisher,published for the articles (id: file name "
                          "without extension, or a JSON line's id).")(f)
    return click.option("--published", callback=_date,
                        help="Publication date (YYYY-MM-DD) for inputs that do not give one.")(f)


def _manifest(ctx, param, value):
    if not value:
        return None
    from attrition.corpus.manifest import read_manifest
    try:
        return read_manifest(value)
    except ReadError as e:
        raise click.BadParameter(str(e), ctx=ctx, param=param) from None


def _open(db_path: str, create: bool = False):
    try:
        return store.connect(db_path, create=create)
    except store.StoreError as e:
        raise click.ClickException(str(e)) from None


def _report_failures(failures: list[Failure]) -> None:
    for failure in failures:
        click.echo(f"failed: {failure}", err=True)


@click.group()
@click.version_option(__version__, prog_name="attrition")
def cli():
    """Extract, store and check the figures UK news quotes about rape and sexual offences."""


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@reading_options
@workers_option
def ingest(sources, db_path, published, max_bytes, manifest, batch_size, workers):
    """Read articles from SOURCES, extract their claims, store both.

    SOURCES are .txt, .html/.htm, .jsonl or feed files, directories (read
    recursively), http(s) URLs, or - for JSON lines of {url, title, published,
    text} on standard input. An article already stored is left alone; a changed
    text at the same URL or path replaces its claims. Prints counts; exits 1 if
    any input failed.

    Example: attrition ingest examples/ https://example.org/story --db news.db --workers 2
    """
    from attrition.corpus.ingest import ingest as run_ingest

    conn = _open(db_path, create=True)
    try:
        report = run_ingest(conn, sources, published=published, stdin=sys.stdin,
                            max_bytes=max_bytes, batch_size=batch_size, workers=workers,
                            manifest=manifest)
    except store.StoreError as e:
        raise click.ClickException(str(e)) from None
    finally:
        conn.close()
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    _report_failures(report.failures)
    click.echo(report.summary())
    sys.exit(1 if report.failures else 0)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(export.FORMATS), default="jsonl",
              show_default=True, help="Output format.")
@reading_options
@workers_option
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: each SOURCE (file, directory entry or glob match) is a shard, extracted on a "
                   "Dask cluster into claim shards under --out, for `attrition load`.")
@click.option("--scheduler", help="Dask scheduler address (tcp://HOST:8786); default: a local cluster of --workers.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Directory for claim shards (--engine dask).")
def extract(sources, fmt, published, max_bytes, manifest, batch_size, workers, engine, scheduler, out_dir):
    """Print the claims in SOURCES without storing anything.

    One claim per row in the form of ../shared/eval/GOLD.md (its fields in its
    order, then char_start and char_end); `article` is the file name without
    extension, else the URL or JSON line id. Bad inputs are named on stderr and
    make the exit status 1; the others are still printed.

    With --engine dask nothing is printed but a summary: see `attrition load`.

    Example: attrition extract ../shared/dev --manifest ../shared/eval/dev.manifest.csv > predicted.jsonl
    """
    if engine == "dask":
        extract_with_dask(sources, out_dir, scheduler, workers, published, batch_size)
        return
    from attrition.corpus.ingest import extract_articles
    from attrition.corpus.readers import read_sources

    failures: list[Failure] = []
    items = read_sources(sources, published=published, stdin=sys.stdin,
                         max_bytes=max_bytes)
    if manifest:
        from attrition.corpus.manifest import apply_manifest
        items = apply_manifest(items, manifest)

    def rows():
        for item, claims in extract_articles(items, batch_size, workers):
            if isinstance(item, Failure):
                failures.append(item)
                click.echo(f"failed: {item}", err=True)
                continue
            for claim in claims:
                yield export.gold_row(claim, item.label)

    out = sys.stdout
    export.write_rows(rows(), fmt, out, columns=export.EXTRACT_FIELDS,
                      table_columns=("article", "value", "unit", "stage", "of_stage", "offence",
                                     "area", "period", "source", "speaker", "quote"))
    out.flush()
    sys.exit(1 if failures else 0)


@cli.command()
@db_option
@click.option("--area", help="Police force (its name, an alias such as Herts or the Met, any case) or England and Wales.")
@click.option("--stage", type=click.Choice(STAGES), help="Funnel stage.")
@click.option("--offence", type=click.Choice(OFFENCES), help="Offence.")
@click.option("--since", callback=_date, help="Keep claims whose period ends on or after this date.")
@click.option("--until", callback=_date, help="Keep claims whose period starts on or before this date.")
@click.option("--source", help="Data source named in the text (case-insensitive substring).")
@click.option("--speaker", help="Person quoted (case-insensitive substring).")
@click.option("--article", help="Article label or id.")
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many claims.")
@click.option("--verdict", type=click.Choice(VERDICTS),
              help="Keep claims with a check of this verdict (run `attrition check` first).")
@click.option("--format", "fmt", type=click.Choice(export.FORMATS), default="table",
              show_default=True, help="Output format.")
def claims(db_path, area, stage, offence, since, until, source, speaker, article, limit, verdict, fmt):
    """List stored claims, filtered.

    --since/--until keep claims whose period overlaps the range (claims with no
    period are left out when either is given).

    Example: attrition claims --area lancashire --stage convicted --since 2022-01-01 --format csv
    """
    conn = _open(db_path)
    area = canonical_force(area) or area if area else area  # "Herts", "Lancashire Police" -> the canonical name
    where = query.ClaimFilter(area=area, stage=stage, offence=offence, since=since, until=until,
                              source=source, speaker=speaker, article=article,
                              limit=None if verdict else limit)
    rows = query.find_claims(conn, where)
    if verdict:
        keep = claim_ids_with_verdict(conn, verdict)
        rows = [row for row in rows if row["id"] in keep][:limit]
    conn.close()
    export.write_rows(rows, fmt, sys.stdout, columns=query.CLAIM_FIELDS)


@cli.command()
@click.argument("claim_id")
@db_option
def show(claim_id, db_path):
    """Show one claim: its fields, its sentence with the figure in [[ ]], its article.

    CLAIM_ID may be shortened to any unique prefix.

    Example: attrition show 3f2a9c
    """
    from attrition.corpus.show import format_claim

    conn = _open(db_path)
    try:
        claim = query.get_claim(conn, claim_id)
        article = query.get_article(conn, claim["article_id"])
        checks = checks_for_claim(conn, claim["id"])
    except store.StoreError as e:
        raise click.ClickException(str(e)) from None
    finally:
        conn.close()
    click.echo(format_claim(claim, article))
    click.echo("\n" + format_checks(checks))


@cli.command()
@click.argument("words")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Most claims and articles to show.")
@click.option("--format", "fmt", type=click.Choice(export.FORMATS), default="table",
              show_default=True, help="Output format for the matching claims.")
def search(words, db_path, limit, fmt):
    """Full-text search of claim quotes and article texts (SQLite FTS5 syntax).

    Prints the matching claims, then (in table format) the matching articles
    with the words in [[ ]].

    Example: attrition search '"conviction rate" AND Kent'
    """
    conn = _open(db_path)
    try:
        found = query.search_claims(conn, words, limit)
        articles = query.search_articles(conn, words, limit) if fmt == "table" else []
    except store.StoreError as e:
        raise click.ClickException(str(e)) from None
    finally:
        conn.close()
    out = sys.stdout
    export.write_rows(found, fmt, out, columns=query.CLAIM_FIELDS)
    if fmt == "table":
        click.echo(f"\n{len(articles)} article(s):")
        for row in articles:
            click.echo(f"  {row['label']}: {row['snippet']}")


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 lets other machines in).")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port to listen on.")
@click.option("--immutable", is_flag=True,
              help="Open the file as one that will not change (faster; not while anything writes to it).")
def serve(db_path, host, port, immutable):
    """Browse the database in a web browser (Datasette), read-only.

    Claims with their verdicts, faceted by force, stage, offence, period,
    source, speaker and verdict; full-text search of quotes and articles; canned
    queries (claims that differ from official figures, conflicts between
    articles, the funnel for a force and period, a speaker's claims, recent
    articles); a page for each claim at /-/claim/ID. Every table and query
    exports as CSV or JSON.

    Example: attrition serve --db claims.db --port 8001
    """
    from attrition.corpus.serve import serve as run_server

    try:
        run_server(db_path, host=host, port=port, immutable=immutable,
                   announce=lambda line: click.echo(line, err=True))
    except store.StoreError as e:
        raise click.ClickException(str(e)) from None


for _command in CHECK_COMMANDS + UPDATE_COMMANDS + SCALE_COMMANDS:
    cli.add_command(_command)


if __name__ == "__main__":
    cli()
