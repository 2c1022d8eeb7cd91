"""Commands for keeping a corpus current: `update`, `runs`, `reextract`.

Exit status: 0 all good,
1 some inputs failed (each named), 2 usage or configuration error (bad feeds
file, unusable database), 75 another run holds the database (EX_TEMPFAIL: cron
may simply try again later).
"""

from __future__ import annotations

import sys

import click

from attrition.corpus.store.export import write_rows
from attrition.cli.options import EXIT_LOCKED, EXIT_USAGE, db_option, format_option, opened, workers_option


def _log_options(f):
    f = click.option("--quiet", "-q", is_flag=True,
                     help="Print only failures and warnings (for cron).")(f)
    f = click.option("--log-format", type=click.Choice(["human", "json"]), default="human",
                     show_default=True,
                     help="human: lines on stderr (a progress bar on a terminal); json: one JSON object per event on stdout.")(f)
    f = click.option("--wait", type=click.FloatRange(min=0), default=0, show_default=True,
                     help="Seconds to wait for another run on this database to finish before giving up (exit 75).")(f)
    return f


def _locked(error, log) -> None:
    """Say once that another run holds the database (a JSON event, or a line on stderr), exit 75."""
    if log.fmt == "json":
        log.emit("error", reason=str(error), exit_status=EXIT_LOCKED)
    else:
        click.echo(f"attrition: {error}", err=True)
    sys.exit(EXIT_LOCKED)


def _finish(report, log) -> None:
    if log.fmt == "human" and not log.quiet:
        click.echo(report.summary())  # failures were printed as they happened, quiet or not
    sys.exit(report.exit_status)


@click.command()
@click.option("--feeds", "feeds_file", required=True, type=click.Path(dir_okay=False),
              help="File of RSS/Atom feed or sitemap URLs, one per line, # for comments.")
@db_option
@click.option("--max-articles", type=click.IntRange(min=0),
              help="Fetch at most this many article pages in this run (the rest wait for the next).")
@_log_options
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds between requests to the same host.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True,
              help="Seconds before a request is given up.")
@click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True,
              help="Extra attempts for a request failing with HTTP 5xx/429 or a timeout.")
@click.option("--backoff", type=click.FloatRange(min=0), default=2.0, show_default=True,
              help="Seconds before the first retry (doubling each time).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=5_000_000, show_default=True,
              help="Skip any feed or page larger than this.")
@click.option("--no-check", is_flag=True, help="Do not cross-check new or changed claims.")
@workers_option
def update(feeds_file, db_path, max_articles, wait, log_format, quiet, delay, timeout, retries,
           backoff, max_bytes, no_check, workers):
    """Fetch what is new in the feeds, extract and check it; safe to run from cron.

    Feeds and sitemaps are fetched with conditional GETs; an article page is
    fetched once (again only when its feed marks it updated); pages that cannot
    hold a rape or sexual-offence figure are recorded as skipped; articles from
    an older extractor version are re-extracted. Each article commits with its
    claims and checks, so a killed run loses nothing and the next one finishes
    the job. Only one update runs per database: another waits --wait seconds,
    then exits 75. Exits 1 when some feed or page failed (each is named, and
    listed by `attrition runs`), 2 for a bad feeds file or database.

    Example: attrition update --feeds feeds.txt --db claims.db --log-format json
    """
    from attrition.cli.options import reported
    from attrition.corpus.read.polite import FetchPolicy
    from attrition.corpus.store.lock import LockedError, writer_lock
    from attrition.corpus.update.feedlist import read_feed_list
    from attrition.corpus.update.run import UpdateOptions
    from attrition.corpus.update.run import update as run_update
    from attrition.corpus.update.runlog import EventLog

    log = EventLog(fmt=log_format, quiet=quiet)
    with reported():  # a bad feeds file: FeedListError, exit 2
        feed_urls = read_feed_list(feeds_file)
    options = UpdateOptions(max_articles=max_articles, check=not no_check, workers=workers,
                            policy=FetchPolicy(delay=delay, timeout=timeout, max_bytes=max_bytes,
                                               retries=retries, backoff=backoff))
    try:
        with writer_lock(db_path, wait=wait, command="update"):
            with opened(db_path, create=True, exit_code=EXIT_USAGE) as conn:
                report = run_update(conn, feed_urls, options, log)
    except LockedError as e:
        _locked(e, log)
    _finish(report, log)


@click.command()
@db_option
@_log_options
@click.option("--no-check", is_flag=True, help="Do not cross-check the changed claims.")
@workers_option
def reextract(db_path, wait, log_format, quiet, no_check, workers):
    """Re-extract stored articles whose claims came from an older extractor version.

    Nothing is fetched: the stored text is read again. A figure found again at
    the same place keeps its claim id (links to it stay valid); checks re-run
    for what changed. `attrition update` does this too, after fetching.

    Example: attrition reextract --db claims.db
    """
    from attrition.corpus.store import runs
    from attrition.corpus.store.lock import LockedError, writer_lock
    from attrition.corpus.update.reextract import reextract_stale
    from attrition.corpus.update.run import UpdateReport
    from attrition.corpus.update.runlog import EventLog
    from attrition.extract import EXTRACTOR_VERSION

    log = EventLog(fmt=log_format, quiet=quiet)
    try:
        with writer_lock(db_path, wait=wait, command="reextract"):
            with opened(db_path, create=True, exit_code=EXIT_USAGE) as conn:
                run_id = runs.start_run(conn, "reextract", EXTRACTOR_VERSION)
                reextract_stale(conn, run_id, log, version=EXTRACTOR_VERSION, check=not no_check,
                                workers=workers)
                report = UpdateReport(runs.finish_run(conn, run_id))
    except LockedError as e:
        _locked(e, log)
    log.emit("run_end", run=report.run.id, status=report.run.status, exit_status=report.exit_status,
             **report.run.counts, errors=report.run.errors, summary=report.summary())
    _finish(report, log)


@click.command("runs")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Show the newest this many runs.")
@format_option("table", choices=["table", "json", "jsonl"],
               help="table for people; json: one array of runs; jsonl: one object per run per line.")
def runs_command(db_path, limit, fmt, no_headers):
    """List recorded update and reextract runs, newest first, with their counts and errors.

    A run whose process was killed shows as 'interrupted' once the next run
    starts ('running' until then).

    Example: attrition runs --db claims.db --limit 5
    """
    from attrition.corpus.store.runs import format_runs, list_runs, run_as_dict

    with opened(db_path, exit_code=EXIT_USAGE) as conn:
        found = list_runs(conn, limit)
    if fmt != "table":
        write_rows((run_as_dict(run) for run in found), fmt, sys.stdout)
    elif found:
        lines = format_runs(found).split("\n")
        click.echo("\n".join(lines if not no_headers else lines[2:]))
    else:
        click.echo("no runs recorded (run `attrition update --feeds FILE` first)")


COMMANDS = (update, runs_command, reextract)
