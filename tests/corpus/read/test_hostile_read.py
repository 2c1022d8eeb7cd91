"""Hostile servers, hostile files: nothing hangs, no local file is read for a remote server, bad lines fail alone.

Issue 14, findings 1 (feeds open local files), 3 (FIFOs, /dev/zero), 4 (drip-fed
responses, uncapped URLs in local feeds), 8 (bad JSON lines), 10 (truncated
bodies), 12 (invisible characters, absurd dates), 13 (unreadable sub-folders).
Every call runs under `within`, so a regression fails the test instead of hanging it.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from attrition.corpus.read.article import Article, normalise_text
from attrition.corpus.read.errors import Failure, ReadError, TransientError
from attrition.corpus.read.fetch import fetch_url
from attrition.corpus.read.readers import read_sources
from hostile_server import drip_body, drip_headers, endless, hostile, respond, truncated, within

PAGE = (b"<html><head><title>Gwent</title></head><body><article><p>Gwent Police charged 25 people "
        b"with burglary in 2022/23, the force said in its annual report.</p></article></body></html>")


def read(sources, seconds=15, **kw):
    return within(seconds, lambda: list(read_sources([str(s) for s in sources], **kw)))


def rss(*links: str) -> bytes:
    items = "".join(f"<item><title>t{i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>'.encode()


# --- 1: a feed never makes attrition open a local file ------------------------------------------


def test_remote_feed_whose_body_is_a_local_path_opens_nothing(tmp_path):
    with hostile({"/page": respond(PAGE)}) as base:
        local_feed = tmp_path / "feed.xml"
        local_feed.write_bytes(rss(f"{base}/page"))
        routes = {"/feed": respond(str(local_feed).encode(), "application/rss+xml"),
                  "/zero": respond(b"/dev/zero", "application/rss+xml")}
        with hostile(routes) as evil:
            items = read([f"{evil}/feed", f"{evil}/zero"])
        assert hostile.hits.get("/page") is None  # the local feed's links were never fetched
    assert [type(i) for i in items] == [Failure, Failure]
    assert items[0].source == f"{evil}/feed" and "not an RSS/Atom feed" in items[0].reason
    assert items[1].source == f"{evil}/zero"


def test_local_feed_holding_a_file_url_or_a_file_link_reads_no_local_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Kent Police recorded 999 rapes in 2022, the secret file says.")
    (tmp_path / "bare.rss").write_text(f"file://{secret}")
    (tmp_path / "links.rss").write_bytes(rss(f"file://{secret}", str(secret)))
    items = read([tmp_path / "bare.rss", tmp_path / "links.rss"])
    assert all(isinstance(i, Failure) for i in items), items
    assert items[0].source.endswith("bare.rss")
    assert [i.source for i in items[1:]] == [f"{tmp_path / 'links.rss'} entry 1", f"{tmp_path / 'links.rss'} entry 2"]
    assert all("not an http(s) URL" in i.reason for i in items[1:])
    assert not any("999" in str(i) for i in items)


# --- 3: only regular files are read ---------------------------------------------------------


def test_fifo_and_symlink_to_dev_zero_are_refused_and_the_folder_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Gwent Police charged 25 people with burglary.")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    items = read([tmp_path, tmp_path / "pipe.txt"], seconds=10)
    by_name = {Path(i.source).name if isinstance(i, Failure) else i.label: i for i in items}
    assert isinstance(by_name["good"], Article)
    assert "FIFO" in by_name["pipe.txt"].reason
    assert "character device" in by_name["zero.txt"].reason
    assert len(items) == 4  # the FIFO named twice: inside the folder and on its own


def test_jsonl_named_directly_as_a_fifo_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "dump.jsonl")
    [item] = read([tmp_path / "dump.jsonl"], seconds=10)
    assert isinstance(item, Failure) and "FIFO" in item.reason


# --- 4: a whole-request deadline and a size cap on every fetch ------------------------------


@pytest.mark.parametrize("route", [drip_body(PAGE, 0.2), drip_headers(0.2)], ids=["body", "headers"])
def test_a_drip_fed_response_is_cut_off_at_the_deadline(route):
    with hostile({"/slow": route}) as base:
        with pytest.raises(TransientError, match="timed out after 1s"):
            within(10, fetch_url, f"{base}/slow", timeout=1)
    assert within.elapsed < 4


def test_url_inside_a_local_feed_file_gets_the_deadline_and_the_cap(tmp_path):
    with hostile({"/big": endless("text/html", b"<p>" + b"x" * 4096), "/slow": drip_body(PAGE, 0.3)}) as base:
        (tmp_path / "feed.rss").write_bytes(rss(f"{base}/big", f"{base}/slow"))
        (tmp_path / "bare.rss").write_text(f"{base}/big")  # a feed "file" that is only a URL: not fetched
        items = read([tmp_path / "feed.rss", tmp_path / "bare.rss"], max_bytes=20_000, timeout=1)
        assert hostile.hits["/big"] == 1
    big, slow, bare = items
    assert big.source == f"{base}/big" and "over the cap of 20,000" in big.reason
    assert slow.source == f"{base}/slow" and "timed out" in slow.reason
    assert isinstance(bare, Failure) and bare.source.endswith("bare.rss")


def test_gzip_body_is_capped_as_decoded():
    bomb = gzip.compress(b"\0" * 2_000_000)
    with hostile({"/gz": respond(bomb, "text/html", **{"Content-Encoding": "gzip"}),
                  "/ok": respond(gzip.compress(PAGE), "text/html", **{"Content-Encoding": "gzip"})}) as base:
        with pytest.raises(ReadError, match="inflates to over the cap of 100,000"):
            within(10, fetch_url, f"{base}/gz", max_bytes=100_000)
        assert within(10, fetch_url, f"{base}/ok").body == PAGE


# --- 10: a truncated body is not an article ------------------------------------------------


def test_truncated_body_is_refused_not_stored():
    with hostile({"/cut": truncated(100_000, PAGE)}) as base:
        [item] = read([f"{base}/cut"])
    assert isinstance(item, Failure) and item.source == f"{base}/cut"
    assert f"truncated response: {len(PAGE):,} of 100,000 bytes" in item.reason


# --- 8, 12: one bad JSON line fails alone ---------------------------------------------------


def test_bad_json_lines_are_named_and_the_good_ones_read(tmp_path):
    good = '{"id": "ok%d", "text": "Gwent Police charged 25 people with burglary."}'
    lines = [good % 1,
             '{"id": "list", "text": "x", "title": ["a", "list"]}',
             "[" * 100_000 + "]" * 100_000,
             '{"id": "nul", "text": "a\x00b"}',
             '{"id": "deep", "text": "x", "url": ' + "[" * 50_000 + "]" * 50_000 + "}",
             '{"id": "num", "text": "x", "published": 1e308}',
             '{"id": "future", "text": "x", "published": "in 3000 years"}',
             '{"id": "ancient", "text": "x", "published": "0001-01-01"}',
             good % 2]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = read([tmp_path / "dump.jsonl"], seconds=30)
    assert [i.label for i in items if isinstance(i, Article)] == ["ok1", "ok2"]
    failures = {i.source.rsplit(":", 1)[1]: i.reason for i in items if isinstance(i, Failure)}
    assert sorted(failures) == ["2", "3", "4", "5", "6", "7", "8"]
    assert "'title' must be a string" in failures["2"]
    assert "nested too deep" in failures["3"] and "nested too deep" in failures["5"]
    assert "NUL" in failures["4"]
    assert all("plausible date" in failures[n] for n in "678")


def test_cli_ingest_of_bad_lines_stores_the_good_ones_and_exits_1(tmp_path):
    lines = ['{"id": "a", "text": "Gwent Police charged 25 people with burglary."}',
             '{"id": "b", "text": "x", "publisher": {"no": 1}}',
             '{"id": "c", "text": "Dyfed-Powys Police charged 12 people with theft."}']
    (tmp_path / "d.jsonl").write_text("\n".join(lines))
    db = tmp_path / "t.db"
    done = subprocess.run([sys.executable, "-m", "attrition.cli", "ingest", str(tmp_path / "d.jsonl"), "--db", str(db)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert f"{tmp_path / 'd.jsonl'}:2: 'publisher' must be a string" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("2 new, 0 unchanged, 0 updated, 1 failed")


def test_stdin_line_over_the_cap_is_refused_alone():
    import io

    stream = io.StringIO('{"id": "big", "text": "' + "x" * 5000 + '"}\n{"id": "ok", "text": "fine text here"}\n')
    items = within(10, lambda: list(read_sources(["-"], stdin=stream, max_bytes=1000)))
    assert isinstance(items[0], Failure) and items[0].source == "<stdin>:1" and "over the cap" in items[0].reason
    assert isinstance(items[1], Article) and items[1].label == "ok"


def test_invisible_characters_are_removed_when_text_is_normalised():
    assert normalise_text("Kent: 1\u200b234 rapes,\u00ad 5\u2060 6\ufeff7 \u200dcharged") == "Kent: 1234 rapes, 5 67 charged"
    assert Article(text="1\u200b234", label="x").content_hash == Article(text="1234", label="x").content_hash


# --- 13: an unreadable sub-folder is named --------------------------------------------------


def test_unreadable_sub_folder_is_named(tmp_path):
    root = Path(tempfile.mkdtemp(prefix="attrition-locked-"))  # outside tmp_path (0700): readable by nobody
    try:
        (root / "good.txt").write_text("Gwent Police charged 25 people with burglary.")
        (root / "locked").mkdir()
        (root / "locked" / "hidden.txt").write_text("not readable")
        os.chmod(root / "locked", 0)
        os.chmod(root, 0o755)
        os.chmod(root / "good.txt", 0o644)
        script = ("import sys; from attrition.corpus.read.readers import read_sources\n"
                  "for i in read_sources([sys.argv[1]]): print(type(i).__name__, i.source if hasattr(i, 'source') else i.label,"
                  " getattr(i, 'reason', ''))")
        kwargs = {"user": "nobody"} if os.geteuid() == 0 else {}  # root lists any folder: read as nobody
        try:
            done = subprocess.run([sys.executable, "-c", script, str(root)], capture_output=True, text=True,
                                  timeout=60, cwd="/", env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[3])},
                                  **kwargs)
        except PermissionError:
            pytest.skip("running as root, and user nobody cannot run this interpreter")
        assert done.returncode == 0, done.stderr
        assert f"Failure {root / 'locked'} cannot list the folder: permission denied" in done.stdout
        assert "Article good" in done.stdout
    finally:
        os.chmod(root / "locked", 0o700)
        for path in (root / "locked" / "hidden.txt", root / "good.txt"):
            path.unlink()
        (root / "locked").rmdir()
        root.rmdir()
