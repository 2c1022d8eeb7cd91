"""Commands over articles and their claims: `ingest`, `extract`, `claims`, `show`, `search`."""

from __future__ import annotations

import json
import sys

import click

from attrition.cli.options import (
    cap_hint, db_option, format_option, opened, reading_options, report_failures, workers_option,
)
from attrition.cli.progress import counter
from attrition.cli.values import DATE_FORMS, area_option_value, since_option_value, until_option_value
from attrition.corpus.check.checks import VERDICTS
from attrition.corpus.read.errors import Failure
from attrition.corpus.store import export, query
from attrition.extract.claim import OFFENCES, STAGES


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@reading_options
@workers_option
@click.option("--quiet", "-q", is_flag=True, help="No progress counter on a terminal; only the summary and failures.")
def ingest(sources, db_path, published, manifest, max_bytes, batch_size, time_limit, workers, quiet):
    """Read articles from SOURCES, extract their claims, store both.

    SOURCES are .txt, .html/.htm, .jsonl or feed files, directories (read
    recursively), http(s) URLs, or - for JSON lines of {url, title, published,
    text} on standard input. An article already stored is left alone; a changed
    text at the same URL or path replaces its claims. Prints counts; exits 1 if
    any input failed.

    Example: attrition ingest examples/ https://example.org/story --db news.db --workers 2
    """
    from attrition.corpus.ingest import ingest as run_ingest

    with opened(db_path, create=True) as conn:
        before = stored_articles(conn)
        try:
            with counter("ingest", quiet=quiet) as tick:
                report = run_ingest(conn, sources, published=published, stdin=sys.stdin, max_bytes=max_bytes,
                                    batch_size=batch_size, workers=workers, manifest=manifest, progress=tick,
                                    time_limit=time_limit)
        except KeyboardInterrupt:
            kept = stored_articles(conn) - before
            click.echo(f"\ninterrupted: {kept} new article(s) stored and kept; run the same command again "
                       "to continue (what is stored is not read twice)", err=True)
            sys.exit(130)
    report_failures(report.failures, report.warnings)
    click.echo(report.summary())
    sys.exit(1 if report.failures else 0)


def stored_articles(conn) -> int:
    """How many articles the database holds (to say what an interrupted ingest kept)."""
    return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


@click.command()
@click.argument("sources", nargs=-1, required=True)
@format_option("jsonl")
@reading_options
@workers_option
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: each SOURCE (file, directory entry or glob match) is a shard, extracted on a "
                   "Dask cluster into claim shards under --out, for `attrition load`.")
@click.option("--scheduler", help="Dask scheduler address (tcp://HOST:8786); default: a local cluster of --workers.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Directory for claim shards (--engine dask).")
def extract(sources, fmt, no_headers, published, manifest, max_bytes, batch_size, time_limit, workers, engine,
            scheduler, out_dir):
    """Print the claims in SOURCES without storing anything.

    One claim per row in the form of ../shared/eval/GOLD.md (its fields in its
    order, then char_start and char_end); `article` is the file name without
    extension, else the URL or JSON line id. Bad inputs are named on stderr and
    make the exit status 1; the others are still printed.

    With --engine dask nothing is printed but a summary: see `attrition load`.

    --manifest gives each saved text its page's url, title, publisher and date
    (a force's FOI page that says only "our force area" is about its publisher).

    Example: attrition extract ../shared/dev --manifest ../shared/eval/dev.manifest.csv > predicted.jsonl
    """
    if engine == "dask":
        from attrition.cli.scale import extract_with_dask

        return extract_with_dask(sources, out_dir, scheduler, workers, published, batch_size)
    from attrition.corpus.read.readers import read_sources
    from attrition.corpus.scale.workers import extract_articles

    failures = []
    items = read_sources(sources, published=published, stdin=sys.stdin, max_bytes=max_bytes)
    if manifest:
        from attrition.corpus.read.manifest import apply_manifest
        items = apply_manifest(items, manifest)

    # A counter on a terminal's stderr while the claims go to a file or a pipe (not over them).
    progress = counter("extract", quiet=sys.stdout.isatty())

    def rows():
        with progress as tick:
            yield from _rows(tick)

    def _rows(tick):
        for item, claims in extract_articles(items, batch_size, workers, time_limit):
            tick()
            if isinstance(item, Failure):  # named as it happens; the rest still print
                failures.append(item)
                click.echo(f"failed: {item}{cap_hint(item.reason)}", err=True)
                continue
            for claim in claims:
                yield export.gold_row(claim, item.label)

    out = sys.stdout
    export.write_rows(rows(), fmt, out, columns=export.EXTRACT_FIELDS,
                      table_columns=("article", "value", "unit", "stage", "of_stage", "offence",
                                     "area", "period", "source", "speaker", "quote"),
                      headers=not no_headers)
    out.flush()
    sys.exit(1 if failures else 0)


@click.command()
@db_option
@click.option("--area", callback=area_option_value,
              help="Police force (its name, an alias such as Herts or the Met, any case) or England and Wales.")
@click.option("--stage", type=click.Choice(STAGES), help="Funnel stage.")
@click.option("--offence", type=click.Choice(OFFENCES), help="Offence.")
@click.option("--since", callback=since_option_value,
              help=f"Keep claims whose period ends on or after this: {DATE_FORMS} (its first day).")
@click.option("--until", callback=until_option_value,
              help=f"Keep claims whose period starts on or before this: {DATE_FORMS} (its last day).")
@click.option("--source", help="Data source named in the text (case-insensitive substring).")
@click.option("--speaker", help="Person quoted (case-insensitive substring).")
@click.option("--article", help="Article label or id.")
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many claims.")
@click.option("--verdict", type=click.Choice(VERDICTS),
              help="Keep claims with a check of this verdict (run `attrition check` first).")
@format_option("table")
def claims(db_path, area, stage, offence, since, until, source, speaker, article, limit, verdict, fmt,
           no_headers):
    """List stored claims, filtered.

    --since/--until keep claims whose period overlaps the range (claims with no
    period are left out when either is given).

    Example: attrition claims --area lancashire --stage convicted --since 2022-01-01 --format csv
    """
    from attrition.corpus.check.run import claim_ids_with_verdict
    where = query.ClaimFilter(area=area, stage=stage, offence=offence, since=since, until=until,
                              source=source, speaker=speaker, article=article,
                              limit=None if verdict else limit)
    with opened(db_path) as conn:
        rows = query.find_claims(conn, where)
        if verdict:
            keep = claim_ids_with_verdict(conn, verdict)
            rows = [row for row in rows if row["id"] in keep][:limit]
    export.write_rows(rows, fmt, sys.stdout, columns=query.CLAIM_FIELDS, headers=not no_headers)


@click.command()
@click.argument("claim_id")
@db_option
@format_option("table", choices=("table", "json", "jsonl"),
               help="table: for people; json/jsonl: the claim, its article (no text) and its checks.")
def show(claim_id, db_path, fmt, no_headers):
    """Show one claim: its fields, its sentence with the figure in [[ ]], its article.

    CLAIM_ID may be shortened to any unique prefix.

    Example: attrition show 3f2a9c --format json
    """
    from attrition.corpus.check.run import checks_for_claim, format_checks
    from attrition.corpus.store.show import format_claim

    with opened(db_path) as conn:
        claim = query.get_claim(conn, claim_id)
        article = query.get_article(conn, claim["article_id"])
        checks = checks_for_claim(conn, claim["id"])
    if fmt != "table":
        record = {"claim": claim, "article": {k: v for k, v in article.items() if k != "text"}, "checks": checks}
        click.echo(json.dumps(record, ensure_ascii=False, indent=2 if fmt == "json" else None))
        return
    click.echo(format_claim(claim, article))
    click.echo("\n" + format_checks(checks))


@click.command()
@click.argument("words")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Most claims and articles to show.")
@format_option("table", help="Output format for the matching claims.")
def search(words, db_path, limit, fmt, no_headers):
    """Full-text search of claim quotes and article texts (SQLite FTS5 syntax).

    Prints the matching claims, then (in table format) the matching articles
    with the words in [[ ]].

    Example: attrition search '"conviction rate" AND Kent'
    """
    with opened(db_path) as conn:
        found = query.search_claims(conn, words, limit)
        articles = query.search_articles(conn, words, limit) if fmt == "table" else []
    export.write_rows(found, fmt, sys.stdout, columns=query.CLAIM_FIELDS, headers=not no_headers)
    if fmt == "table":
        click.echo(f"\n{len(articles)} article(s):")
        for row in articles:
            click.echo(f"  {row['label']}: {row['snippet']}")


COMMANDS = (ingest, extract, claims, show, search)
