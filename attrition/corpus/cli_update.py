"""CLI commands for keeping a corpus current: `update`, `runs`, `reextract`.

Registered on the main `attrition` group in cli.py. Exit status: 0 all good,
1 some inputs failed (each named), 2 usage or configuration error (bad feeds
file, unusable database), 75 another run holds the database (EX_TEMPFAIL: cron
may simply try again later).
"""

from __future__ import annotations

import json
import sys

import click

from attrition.corpus import store
from attrition.corpus.cli_scale import workers_option

EXIT_LOCKED = 75
DB_HELP = "SQLite database file (default: $ATTRITION_DB, else attrition.db)."


class ConfigError(click.ClickException):
    """A usage or configuration error: exit status 2."""

    exit_code = 2


def _db_option(f):
    return click.option("--db", "db_path", default="attrition.db", envvar="ATTRITION_DB",
                        show_envvar=True, type=click.Path(dir_okay=False), help=DB_HELP)(f)


def _log_options(f):
    f = click.option("--quiet", "-q", is_flag=True,
                     help="Print only failures and warnings (for cron).")(f)
    f = click.option("--log-format", type=click.Choice(["human", "json"]), default="human",
                     show_default=True,
                     help="human: lines on stderr (a progress bar on a terminal); json: one JSON object per event on stdout.")(f)
    f = click.option("--wait", type=click.FloatRange(min=0), default=0, show_default=True,
                     help="Seconds to wait for another run on this database to finish before giving up (exit 75).")(f)
    return f


def _open(db_path: str):
    try:
        return store.connect(db_path, create=True)
    except store.StoreError as e:
        raise ConfigError(str(e)) from None


def _locked(error, log) -> None:
    log.emit("error", reason=str(error), exit_status=EXIT_LOCKED)
    if log.fmt != "json":
        click.echo(f"attrition: {error}", err=True)
    sys.exit(EXIT_LOCKED)


def _finish(report, log) -> None:
    if log.fmt == "human" and not log.quiet:
        click.echo(report.summary())  # failures were printed as they happened, quiet or not
    sys.exit(report.exit_status)


@click.command()
@click.option("--feeds", "feeds_file", required=True, type=click.Path(dir_okay=False),
              help="File of RSS/Atom feed or sitemap URLs, one per line, # for comments.")
@_db_option
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
    from attrition.corpus.feedlist import FeedListError, read_feed_list
    from attrition.corpus.lock import LockedError, writer_lock
    from attrition.corpus.polite import FetchPolicy
    from attrition.corpus.runlog import EventLog
    from attrition.corpus.update import UpdateOptions
    from attrition.corpus.update import update as run_update

    log = EventLog(fmt=log_format, quiet=quiet)
    try:
        feed_urls = read_feed_list(feeds_file)
    except FeedListError as e:
        raise ConfigError(str(e)) from None
    options = UpdateOptions(max_articles=max_articles, check=not no_check, workers=workers,
                            policy=FetchPolicy(delay=delay, timeout=timeout, max_bytes=max_bytes,
                                               retries=retries, backoff=backoff))
    try:
        with writer_lock(db_path, wait=wait, command="update"):
            conn = _open(db_path)
            try:
                report = run_update(conn, feed_urls, options, log)
            finally:
                conn.close()
    except LockedError as e:
        _locked(e, log)
    _finish(report, log)


@click.command()
@_db_option
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
    from attrition.corpus import runs
    from attrition.corpus.lock import LockedError, writer_lock
    from attrition.corpus.reextract import reextract_stale
    from attrition.corpus.runlog import EventLog
    from attrition.corpus.update import UpdateReport
    from attrition.extract import EXTRACTOR_VERSION

    log = EventLog(fmt=log_format, quiet=quiet)
    try:
        with writer_lock(db_path, wait=wait, command="reextract"):
            conn = _open(db_path)
            try:
                run_id = runs.start_run(conn, "reextract", EXTRACTOR_VERSION)
                reextract_stale(conn, run_id, log, version=EXTRACTOR_VERSION, check=not no_check,
                                workers=workers)
                report = UpdateReport(runs.finish_run(conn, run_id))
            finally:
                conn.close()
    except LockedError as e:
        _locked(e, log)
    log.emit("run_end", run=report.run.id, status=report.run.status, exit_status=report.exit_status,
             **report.run.counts, errors=report.run.errors, summary=report.summary())
    _finish(report, log)


@click.command("runs")
@_db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Show the newest this many runs.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="table for people; json for one object per run per line.")
def runs_command(db_path, limit, fmt):
    """List recorded update and reextract runs, newest first, with their counts and errors.

    A run whose process was killed shows as 'interrupted' once the next run
    starts ('running' until then).

    Example: attrition runs --db claims.db --limit 5
    """
    from attrition.corpus.runs import format_runs, list_runs, run_as_dict

    try:
        conn = store.connect(db_path, create=False)
    except store.StoreError as e:
        raise ConfigError(str(e)) from None
    try:
        found = list_runs(conn, limit)
    finally:
        conn.close()
    if fmt == "json":
        for run in found:
            click.echo(json.dumps(run_as_dict(run), ensure_ascii=False))
    elif found:
        click.echo(format_runs(found))
    else:
        click.echo("no runs recorded (run `attrition update --feeds FILE` first)")


COMMANDS = (update, runs_command, reextract)
