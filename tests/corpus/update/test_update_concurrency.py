"""Two `attrition update` processes on one database: one writes, the other waits, then gives up with 75."""

from __future__ import annotations

import sqlite3
import threading

from update_helpers import FAST, Site, good_site, start, write_feeds


def test_second_update_waits_then_exits_75_and_the_database_stays_whole(tmp_path):
    db = tmp_path / "c.db"
    with Site() as site:
        feeds = write_feeds(tmp_path / "feeds.txt", good_site(site))
        hold = threading.Event()
        site.routes["/news/essex-referrals"].hold = hold   # keep the first run busy mid-way
        first = start("update", "--feeds", str(feeds), "--db", str(db), *FAST, "--timeout", "60")
        assert site.wait_for("/news/essex-referrals")
        second = start("update", "--feeds", str(feeds), "--db", str(db), "--wait", "0.5", *FAST)
        out, err = second.communicate(timeout=60)
        patient = start("update", "--feeds", str(feeds), "--db", str(db), "--wait", "60", *FAST)
        hold.set()
        first_out, first_err = first.communicate(timeout=60)
        patient_out, patient_err = patient.communicate(timeout=60)
    assert second.returncode == 75, err
    assert "another attrition run is writing to this database" in err
    assert "gave up after waiting 0.5s" in err and "update started" in err
    assert first.returncode == 0, first_err
    assert first_out.startswith("run 1: 5 new, 0 updated, 0 unchanged, 1 skipped, 0 failed")
    assert patient.returncode == 0, patient_err
    assert patient_out.startswith("run 2: 0 new, 0 updated, 0 unchanged, 0 skipped, 0 failed")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone() == (5, 5)
    assert conn.execute("SELECT count(*), count(DISTINCT url) FROM feed_entries").fetchone() == (6, 6)
    assert conn.execute("SELECT id, status FROM runs ORDER BY id").fetchall() == [(1, "ok"), (2, "ok")]
    assert site.count("/news/essex-referrals") == 1


def test_locked_exit_in_json_log(tmp_path):
    from attrition.corpus.store.lock import writer_lock

    db = tmp_path / "c.db"
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/rss.xml\n")
    with writer_lock(db, command="test"):
        proc = start("update", "--feeds", str(feeds), "--db", str(db), "--log-format", "json")
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 75
    import json

    [event] = [json.loads(line) for line in out.splitlines()]
    assert event["event"] == "error" and event["exit_status"] == 75
    assert "test started" in event["reason"]
