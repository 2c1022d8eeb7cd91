"""Bad inputs: each named with its reason, the rest of the batch stored, nothing lost, exit 1."""

import json
import os

import pytest
from click.testing import CliRunner

from attrition.corpus import store
from attrition.cli.main import cli
from attrition.corpus.ingest import ingest

GOOD = "Thames Valley Police recorded 1,650 rapes in 2022, the force said."


def reasons(report):
    return {os.path.basename(f.source.split(":")[0]) if ".jsonl:" not in f.source
            else os.path.basename(f.source): f.reason for f in report.failures}


def test_binary_empty_missing_and_oversized_files_are_named_and_skipped(tmp_path, conn):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    (tmp_path / "empty.txt").write_text("  \n\n")
    (tmp_path / "huge.txt").write_text("x" * 5000)
    sources = [tmp_path, tmp_path / "missing.txt"]
    report = ingest(conn, [str(s) for s in sources], max_bytes=1000)
    found = reasons(report)
    assert "binary" in found["photo.txt"]
    assert "empty" in found["empty.txt"]
    assert "no such file" in found["missing.txt"]
    assert "over the cap" in found["huge.txt"]
    assert report.new == 1 and report.failed == 4
    assert conn.execute("SELECT label FROM articles").fetchall()[0][0] == "good"


def test_unreadable_file_is_named(tmp_path, conn):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    path = tmp_path / "locked.txt"
    path.write_text(GOOD)
    path.chmod(0)
    try:
        report = ingest(conn, [str(path)])
    finally:
        path.chmod(0o644)
    assert report.failures[0].source == str(path)
    assert "permission denied" in report.failures[0].reason


def test_html_without_article_text_is_a_failure(tmp_path, conn):
    (tmp_path / "broken.html").write_text("<html><body><div><ul><li><a href='/'>Home")
    report = ingest(conn, [str(tmp_path / "broken.html")])
    assert report.failed == 1 and "no article text" in report.failures[0].reason


def test_malformed_jsonl_line_is_named_by_line_and_the_others_stored(tmp_path, conn):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([
        json.dumps({"url": "https://example.org/1", "text": GOOD}),
        '{"url": "https://example.org/2", "text": "unterminated',
        json.dumps({"url": "https://example.org/3", "title": "no text here"}),
        json.dumps({"url": "https://example.org/4", "text": GOOD.replace("1,650", "1,700")}),
    ]) + "\n")
    report = ingest(conn, [str(path)])
    assert [f.source for f in report.failures] == [f"{path}:2", f"{path}:3"]
    assert "malformed JSON" in report.failures[0].reason
    assert "no 'text'" in report.failures[1].reason
    assert report.new == 2


def test_failures_do_not_lose_what_was_stored_before(tmp_path, conn):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    ingest(conn, [str(good)])
    before = store.counts(conn)
    good.write_bytes(b"\x00\x01\x02binary now")
    report = ingest(conn, [str(good)])
    assert report.failed == 1
    assert store.counts(conn) == before


def test_cli_exits_1_and_names_every_failure_on_stderr(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_text("")
    bad_jsonl = tmp_path / "lines.jsonl"
    bad_jsonl.write_text("not json\n")
    db = tmp_path / "t.db"
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), str(tmp_path / "nope.txt"),
                                      "--db", str(db)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'empty.txt'}: empty" in result.stderr
    assert f"{bad_jsonl}:1: malformed JSON" in result.stderr
    assert f"{tmp_path / 'nope.txt'}: no such file" in result.stderr
    assert "1 new, 0 unchanged, 0 updated, 3 failed" in result.stdout
