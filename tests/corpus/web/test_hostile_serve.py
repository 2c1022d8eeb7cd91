"""`serve` defaults safe for a shared network (issue 14, findings 2 and 13).

Arbitrary SQL is off unless `--allow-sql`; with it, a query cannot build a huge
value or reach `fts3_tokenizer`; responses are capped; a read-only database
file is served, not refused. Each server is a real `attrition serve` subprocess.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import time
import urllib.parse

import pytest

from attrition.corpus.web.guard import ResponseCap
from serve_helpers import attrition_command, fetch, fetch_json, free_port, running_server


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def sql_url(base: str, sql: str) -> str:
    return f"{base}/claims.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array"})


def test_arbitrary_sql_is_off_by_default_and_canned_queries_still_work(site):
    status, _, body = fetch(sql_url(site, "select 1 as one"))
    assert status == 403, body[:300]
    status, _, _ = fetch(f"{site}/claims/claims.json?_where=1")
    assert status == 403
    assert fetch(f"{site}/claims.db")[0] == 403  # the file is not offered for download
    funnel = fetch_json(f"{site}/claims/funnel.json?area=Kent&period=2022/23&_shape=array")
    assert funnel and all(row["area"] == "Kent" for row in funnel if "area" in row)


@pytest.fixture(scope="module")
def open_site(db):
    with running_server(db, "--allow-sql") as base:
        yield base


def test_allowed_sql_still_works_with_a_row_cap(open_site):
    assert fetch_json(sql_url(open_site, "select 1 as one")) == [{"one": 1}]
    rows = fetch_json(sql_url(open_site, "with recursive n(i) as (select 1 union all select i + 1 from n "
                                         "limit 5000) select i from n"))
    assert len(rows) == 1000


@pytest.mark.parametrize("sql", [
    "select zeroblob(200000000)",
    "select length(randomblob(200000000))",
    "select hex(fts3_tokenizer('simple'))",
    "with recursive s(x) as (select 'ab' union all select x || x from s limit 40) select length(x) from s",
])
def test_allowed_sql_cannot_build_huge_values_or_reach_native_pointers(open_site, sql):
    started = time.monotonic()
    status, _, body = fetch(sql_url(open_site, sql), timeout=30)
    assert time.monotonic() - started < 10
    assert status >= 400, body[:300]
    assert len(body) < 100_000
    assert fetch_json(sql_url(open_site, "select 2 as two")) == [{"two": 2}]  # and the server is fine


def test_response_cap_replaces_a_large_body_with_a_413():
    async def app(scope, receive, send):
        size = int(scope["path"].strip("/"))
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"x" * size})

    async def get(size):
        sent = []

        async def send(message):
            sent.append(message)

        await ResponseCap(app, 1000)({"type": "http", "path": f"/{size}"}, None, send)
        return sent

    small, big = asyncio.run(get(999)), asyncio.run(get(1001))
    assert small[0]["status"] == 200 and small[1]["body"] == b"x" * 999
    assert big[0]["status"] == 413 and b"over the cap of 1,000 bytes" in big[1]["body"]


def test_read_only_database_file_is_served(db, tmp_path):
    if shutil.which("chattr") is None:
        pytest.skip("no chattr to make the file read-only for every user")
    folder = tmp_path / "frozen"
    folder.mkdir()
    copy = folder / "frozen.db"
    shutil.copyfile(db, copy)
    frozen = [copy, folder]  # the file and its folder: not even a -wal or -shm file can be made
    made = subprocess.run(["chattr", "+i", *map(str, frozen)], capture_output=True, timeout=10)
    try:
        if made.returncode != 0:
            pytest.skip(f"cannot make the file immutable: {made.stderr.decode()}")
        port = free_port()
        process = subprocess.Popen([*attrition_command(), "serve", "--db", str(copy), "--port", str(port)],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while process.poll() is None and time.monotonic() < deadline:
                status, _, body = fetch(f"http://127.0.0.1:{port}/frozen/claims.json?_shape=array&_size=5", 2) \
                    if _listening(port) else (None, "", "")
                if status is not None:
                    break
                time.sleep(0.2)
            assert process.poll() is None, process.communicate(timeout=10)[0].decode()
            assert status == 200 and json.loads(body), body[:300]
        finally:
            process.terminate()
            process.wait(timeout=10)
    finally:
        subprocess.run(["chattr", "-i", *map(str, frozen)], timeout=10)
