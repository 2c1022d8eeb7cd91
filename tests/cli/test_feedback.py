"""Feedback on long runs: a counter on a terminal (none when piped), an honest Ctrl-C, hints that name options."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from attrition.cli.main import cli
from attrition.corpus.store.lock import writer_lock

ATTRITION = [sys.executable, "-m", "attrition.cli"]


def write_articles(path, n):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"a{i}", "text": f"Kent Police recorded {100 + i} rapes in 2022 (story {i})."}) + "\n")


def read_pty(fd, until, timeout=60.0) -> str:
    """Read the terminal's output until `until(text)` holds or the process closes it."""
    text, deadline = "", time.monotonic() + timeout
    while time.monotonic() < deadline and not until(text):
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            text += chunk.decode()
    return text


def test_ingest_counts_articles_on_a_terminal_and_prints_nothing_extra_when_piped(tmp_path):
    write_articles(tmp_path / "a.jsonl", 40)
    main, secondary = pty.openpty()
    done = subprocess.run([*ATTRITION, "ingest", str(tmp_path / "a.jsonl"), "--db", str(tmp_path / "t.db")],
                          stderr=secondary, stdout=subprocess.PIPE, text=True, timeout=120)
    os.close(secondary)
    terminal = read_pty(main, lambda t: t.endswith("\n"), timeout=5)
    os.close(main)
    assert done.returncode == 0 and done.stdout.startswith("40 new")
    assert "\ringest: 40 articles read" in terminal
    piped = subprocess.run([*ATTRITION, "ingest", str(tmp_path / "a.jsonl"), "--db", str(tmp_path / "p.db")],
                           capture_output=True, text=True, timeout=120)
    assert piped.returncode == 0 and piped.stderr == ""
    main, secondary = pty.openpty()
    quiet = subprocess.run([*ATTRITION, "ingest", str(tmp_path / "a.jsonl"), "--db", str(tmp_path / "q.db"), "-q"],
                           stderr=secondary, stdout=subprocess.PIPE, timeout=120)
    os.close(secondary)
    assert quiet.returncode == 0 and read_pty(main, lambda t: False, timeout=1) == ""
    os.close(main)


def test_ctrl_c_says_how_many_articles_were_kept_and_that_rerunning_continues(tmp_path):
    write_articles(tmp_path / "a.jsonl", 3000)
    db = tmp_path / "c.db"
    main, secondary = pty.openpty()
    proc = subprocess.Popen([*ATTRITION, "ingest", str(tmp_path / "a.jsonl"), "--db", str(db), "--batch-size", "4"],
                            stderr=secondary, stdout=subprocess.PIPE, text=True)
    os.close(secondary)

    def read_enough(text):
        counts = [int(part.split()[0].replace(",", "")) for part in text.split("ingest: ")[1:] if part.strip()]
        return bool(counts) and counts[-1] >= 60

    read_pty(main, read_enough)
    proc.send_signal(signal.SIGINT)
    stdout, _ = proc.communicate(timeout=60)
    rest = read_pty(main, lambda t: "continue" in t, timeout=10)
    os.close(main)
    with sqlite3.connect(db) as conn:
        kept = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert proc.returncode == 130 and stdout == ""
    assert 0 < kept < 3000
    assert f"interrupted: {kept} new article(s) stored and kept; run the same command again to continue" in rest


def test_a_size_cap_failure_names_the_option_that_raises_it(tmp_path):
    (tmp_path / "big.txt").write_text("Kent Police recorded 100 rapes in 2022. " * 50, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "big.txt"), "--db", str(tmp_path / "b.db"),
                                      "--max-bytes", "100"])
    assert result.exit_code == 1
    assert "over the cap" in result.stderr and "--max-bytes raises the cap" in result.stderr


def test_the_lock_message_is_printed_once(tmp_path):
    db = tmp_path / "l.db"
    (tmp_path / "feeds.txt").write_text("https://127.0.0.1:9/feed.xml\n", encoding="utf-8")
    with writer_lock(db, command="test"):
        result = CliRunner().invoke(cli, ["update", "--feeds", str(tmp_path / "feeds.txt"), "--db", str(db)])
    assert result.exit_code == 75
    assert result.stderr.count("another attrition run is writing to this database") == 1


def test_serve_on_a_busy_port_is_a_usage_error_and_announces_nothing(tmp_path):
    import socket

    db = tmp_path / "s.db"
    examples = Path(__file__).resolve().parents[2] / "examples"
    assert CliRunner().invoke(cli, ["ingest", str(examples), "--db", str(db)]).exit_code == 0
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "Serving" not in result.output


def test_load_shows_it_is_working_on_a_terminal(tmp_path):
    shard = tmp_path / "empty.claims.jsonl"
    shard.write_text("", encoding="utf-8")
    main, secondary = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "attrition.cli", "load", str(shard), "--db", str(tmp_path / "l.db")],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=secondary)
    os.close(secondary)
    terminal = read_pty(main, lambda t: "load:" in t, timeout=30)
    proc.wait(timeout=60)
    assert "load: loading 1 shard source(s)" in terminal
