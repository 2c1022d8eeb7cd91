"""Ingest: stored once, re-runs change nothing, a changed text replaces its claims."""

import json
from pathlib import Path

import pytest

from attrition.corpus import store
from attrition.corpus.ingest import ingest
from attrition.extract import EXTRACTOR_VERSION

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

STORY = ("Merseyside Police received 1,950 reports of rape in 2022/23.\n\n"
         "Detectives charged suspects in 133 of those cases.")


def snapshot(conn):
    return (conn.execute("SELECT * FROM articles ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM claims ORDER BY id").fetchall())


def test_ingest_stores_article_with_extractor_version(tmp_path, conn):
    path = tmp_path / "merseyside.txt"
    path.write_text(STORY)
    report = ingest(conn, [str(path)], published="2023-06-01")
    assert (report.new, report.failed) == (1, 0)
    row = conn.execute("SELECT * FROM articles").fetchone()
    assert row["label"] == "merseyside" and row["published"] == "2023-06-01"
    assert row["extractor_version"] == EXTRACTOR_VERSION and row["fetched_at"]
    assert conn.execute("SELECT count(*) FROM claims WHERE extractor_version = ?",
                        (EXTRACTOR_VERSION,)).fetchone()[0] == report.claims


def test_reingesting_the_same_inputs_changes_nothing(tmp_path, conn):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.jsonl").write_text(json.dumps({"url": "https://e.org/x", "text": STORY + " More."}))
    first = ingest(conn, [str(tmp_path)])
    before = [[tuple(r) for r in rows] for rows in snapshot(conn)]
    second = ingest(conn, [str(tmp_path)])
    assert (first.new, second.new, second.unchanged, second.updated) == (2, 0, 2, 0)
    assert [[tuple(r) for r in rows] for rows in snapshot(conn)] == before


def test_same_text_from_two_places_is_stored_once(tmp_path, conn):
    (tmp_path / "one.txt").write_text(STORY)
    (tmp_path / "two.txt").write_text(STORY + "\n\n\n")
    report = ingest(conn, [str(tmp_path)])
    assert (report.new, report.unchanged) == (1, 1)
    assert store.counts(conn)["articles"] == 1


def test_changed_text_at_same_url_replaces_its_claims(tmp_path, conn):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"url": "https://e.org/m", "text": STORY}))
    ingest(conn, [str(path)])
    old_ids = {r[0] for r in conn.execute("SELECT id FROM claims")}
    path.write_text(json.dumps({"url": "https://e.org/m", "text": STORY.replace("133", "141")}))
    report = ingest(conn, [str(path)])
    assert (report.new, report.updated) == (0, 1)
    assert store.counts(conn)["articles"] == 1
    quotes = " ".join(r[0] for r in conn.execute("SELECT quote FROM claims"))
    assert "141" in quotes and "133" not in quotes
    new_ids = {r[0] for r in conn.execute("SELECT id FROM claims")}
    assert new_ids and new_ids.isdisjoint(old_ids)  # ids follow the new text's hash


def test_changed_file_at_same_path_replaces_its_article(tmp_path, conn):
    path = tmp_path / "m.txt"
    path.write_text(STORY)
    ingest(conn, [str(path)])
    path.write_text(STORY.replace("1,950", "2,010"))
    report = ingest(conn, [str(path)])
    assert report.updated == 1
    texts = [r[0] for r in conn.execute("SELECT text FROM articles")]
    assert texts == [STORY.replace("1,950", "2,010")]


def test_new_extractor_version_reextracts(tmp_path, conn, monkeypatch):
    path = tmp_path / "m.txt"
    path.write_text(STORY)
    ingest(conn, [str(path)])
    import attrition.extract
    monkeypatch.setattr(attrition.extract, "EXTRACTOR_VERSION", "9.9.9")
    report = ingest(conn, [str(path)])
    assert report.updated == 1
    assert {r[0] for r in conn.execute("SELECT extractor_version FROM claims")} <= {"9.9.9"}
    assert conn.execute("SELECT extractor_version FROM articles").fetchone()[0] == "9.9.9"


def test_every_stored_claim_offsets_index_the_stored_text(conn):
    report = ingest(conn, [str(EXAMPLES)])
    assert report.failed == 0 and report.new >= 3
    rows = conn.execute("SELECT c.*, a.text FROM claims c JOIN articles a ON a.id = c.article_id").fetchall()
    assert rows
    for row in rows:
        figure = row["text"][row["char_start"]:row["char_end"]]
        assert figure and figure in row["quote"]
        assert row["text"][row["quote_start"]:row["quote_start"] + len(row["quote"])] == row["quote"]
