"""The `serve` command: the database in a web browser (Datasette), read-only."""

from __future__ import annotations

import click

from attrition.cli.options import db_option, reported


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 lets other machines in).")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port to listen on.")
@click.option("--immutable", is_flag=True,
              help="Open the file as one that will not change (faster; not while anything writes to it).")
@click.option("--allow-sql", is_flag=True,
              help="Let visitors run their own SQL queries (still capped in rows, time and size).")
def serve(db_path, host, port, immutable, allow_sql):
    """Browse the database in a web browser (Datasette), read-only.

    Claims with their verdicts, faceted by force, stage, offence, period,
    source, speaker and verdict; full-text search of quotes and articles; canned
    queries (claims that differ from official figures, conflicts between
    articles, the funnel for a force and period, a speaker's claims, recent
    articles); a page for each claim at /-/claim/ID. Every table and query
    exports as CSV or JSON. Arbitrary SQL is off unless --allow-sql.

    Example: attrition serve --db claims.db --port 8001
    """
    from attrition.corpus.web.serve import serve as run_server

    with reported():
        run_server(db_path, host=host, port=port, immutable=immutable, allow_sql=allow_sql,
                   announce=lambda line: click.echo(line, err=True))


COMMANDS = (serve,)
