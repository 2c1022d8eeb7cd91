"""Helpers for the `attrition serve` tests: a database built from articles written for the
tests, a server started as a subprocess on a free port of 127.0.0.1, and HTTP fetches."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner

from attrition.cli.main import cli

# Three fictional articles: two Kent stories that disagree about recorded rapes (2,450
# and 2,610) and agree on 112 charges, and a Lancashire story. The first title holds
# characters HTML must escape.
ARTICLES = [
    {"id": "kent-courier-1", "url": "https://example.org/kent-courier/rape-charges",
     "title": "Kent rape charges <fall> & victims wait", "publisher": "Kent Courier",
     "published": "2023-09-14",
     "text": "Kent Police recorded 2,450 rapes in 2022/23, according to Home Office figures.\n\n"
             "Only 112 of those cases led to a charge, the figures show.\n\n"
             "Detective Superintendent Jane Okafor said: \"Every one of the 2,450 reports is a "
             "person who trusted us, and we owe them better.\""},
    {"id": "medway-echo-1", "url": "https://example.org/medway-echo/kent-rapes",
     "title": "Rapes reported in Kent pass 2,600", "publisher": "Medway Echo",
     "published": "2023-10-02",
     "text": "Kent Police recorded 2,610 rapes in 2022/23, according to Home Office figures.\n\n"
             "Campaigner Priya Raman said the number of charges, 112, was a scandal."},
    {"id": "lancs-post-1", "url": "https://example.org/lancs-post/convictions",
     "title": "Lancashire rape convictions", "publisher": "Lancashire Post",
     "published": "2023-11-20",
     "text": "Lancashire Constabulary recorded 1,980 rapes in 2022/23, Home Office data shows.\n\n"
             "The Crown Prosecution Service said 64 cases ended in a conviction in 2022/23."},
]

# Official figures in the layout of ../shared/official/official_figures.csv (made up).
OFFICIAL_CSV = """\
area,offence,stage,unit,value,population,period_start,period_end,publisher,dataset,url,notes
Kent,rape,recorded,count,2450,all,2022-04-01,2023-03-31,Home Office,Police recorded crime (test table),https://example.org/official/prc-2023,made up for the tests
Kent,rape,charged,count,131,all,2022-04-01,2023-03-31,Home Office,Police recorded crime outcomes (test table),https://example.org/official/outcomes-2023,made up for the tests
Lancashire,rape,recorded,count,1980,all,2022-04-01,2023-03-31,Home Office,Police recorded crime (test table),https://example.org/official/prc-2023,made up for the tests
Lancashire,rape,convicted,count,64,all,2022-04-01,2023-03-31,Crown Prosecution Service,CPS case outcomes (test table),github:example/official-data@0123456789abcdef0123456789abcdef01234567:cps/lancs.csv,a repository copy of a made-up table
"""

# How the site shows that last row's repository reference: its GitHub URL.
LANCS_CONVICTIONS_URL = ("https://github.com/example/official-data/blob/"
                         "0123456789abcdef0123456789abcdef01234567/cps/lancs.csv")


def build_claims_db(folder: Path) -> Path:
    """Write the articles and official figures under `folder`, then ingest, load and check them
    with the CLI into folder/claims.db; return the database's path."""
    articles = folder / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    official = folder / "official_figures.csv"
    official.write_text(OFFICIAL_CSV, encoding="utf-8")
    db = folder / "claims.db"
    runner = CliRunner()
    for args in (["ingest", str(articles)], ["official", "load", str(official)], ["check"]):
        result = runner.invoke(cli, [*args, "--db", str(db)])
        assert result.exit_code == 0, (args, result.output)
    return db


def rows(db: Path, sql: str, params=()) -> list[tuple]:
    """Run a query on the database file directly (sqlite3, not through the server)."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on just now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def attrition_command() -> list[str]:
    """Return the command that runs the installed `attrition` CLI of this Python."""
    script = Path(sys.executable).with_name("attrition")
    return [str(script)] if script.exists() else [sys.executable, "-m", "attrition.cli.main"]


def fetch(url: str, timeout: float = 10.0) -> tuple[int, str, str]:
    """GET `url`; return (status, content type, body text), HTTP errors included."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8")


def fetch_json(url: str):
    """GET `url` and parse it as JSON (asserting a 200)."""
    status, _, body = fetch(url)
    assert status == 200, (url, status, body[:500])
    return json.loads(body)


@contextmanager
def running_server(db: Path, *extra: str, startup_seconds: float = 60.0):
    """Start `attrition serve --db DB` on a free port of 127.0.0.1; yield its base URL.

    Waits until it answers /-/versions.json; stops it (terminate, then kill) on exit.
    The server's stderr is kept in `running_server.log`.
    """
    port = free_port()
    log = db.with_suffix(".serve.log")
    with log.open("wb") as err:
        process = subprocess.Popen(
            [*attrition_command(), "serve", "--db", str(db), "--port", str(port), *extra],
            stdout=err, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + startup_seconds
            while True:
                if process.poll() is not None:
                    raise AssertionError(f"attrition serve exited {process.returncode}: {log.read_text()}")
                try:
                    urllib.request.urlopen(base + "/-/versions.json", timeout=2).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise AssertionError(f"attrition serve did not answer: {log.read_text()}")
                    time.sleep(0.2)
            running_server.log = log
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
