"""The SQLite store: schema, WAL, stable claim ids, idempotent saves, replacement in one transaction."""

import sqlite3

import pytest

from attrition.corpus import store
from attrition.corpus.store import connection
from attrition.corpus.read.article import Article
from corpus_helpers import claim_for

TEXT = ("Avon and Somerset Constabulary recorded 1,204 rapes in 2021/22.\n\n"
        "Only 57 of them led to a charge, the force said.")


def article(text=TEXT, **kw):
    kw.setdefault("label", "avon")
    kw.setdefault("path", "/data/avon.txt")
    return Article(text=text, **kw)


def claims_of(a):
    return [claim_for(a, "1,204", stage="recorded", offence="rape", area="Avon and Somerset"),
            claim_for(a, "57", stage="charged", offence="rape")]


def test_file_database_is_in_wal_mode_with_busy_timeout(tmp_path):
    conn = store.connect(tmp_path / "a.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == store.BUSY_TIMEOUT_MS


def test_schema_sets_user_version_and_reopening_applies_nothing(tmp_path):
    path = tmp_path / "a.db"
    conn = store.connect(path)
    assert store.schema_version(conn) == store.SCHEMA_VERSION
    a = article()
    store.save_article(conn, a, claims_of(a), "v1")
    conn.close()
    again = store.connect(path)
    assert store.counts(again) == {"articles": 1, "claims": 2}


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "a.db"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(store.StoreError, match="newer"):
        store.connect(path)


def test_missing_database_is_not_created_for_reading(tmp_path):
    with pytest.raises(store.StoreError, match="no database"):
        store.connect(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_save_new_article_stores_every_claim_field(conn):
    a = article(url="https://example.org/a", title="T", publisher="P", published="2022-06-01")
    result = store.save_article(conn, a, claims_of(a), "v1")
    assert (result.status, result.claims) == ("new", 2)
    row = conn.execute("SELECT * FROM claims WHERE value = 1204").fetchone()
    assert row["area"] == "Avon and Somerset" and row["stage"] == "recorded"
    assert row["extractor_version"] == "v1" and row["article_id"] == result.article_id
    stored = conn.execute("SELECT * FROM articles").fetchone()
    assert stored["content_hash"] == a.content_hash and stored["text"] == a.text
    assert (stored["title"], stored["publisher"], stored["published"]) == ("T", "P", "2022-06-01")


def test_same_text_again_changes_nothing(conn):
    a = article()
    store.save_article(conn, a, claims_of(a), "v1")
    before = conn.execute("SELECT * FROM claims ORDER BY id").fetchall()
    result = store.save_article(conn, article(), claims_of(a), "v1")
    assert result.status == "unchanged"
    after = conn.execute("SELECT * FROM claims ORDER BY id").fetchall()
    assert [tuple(r) for r in before] == [tuple(r) for r in after]


def test_claim_id_is_stable_across_reextraction(conn):
    a = article()
    store.save_article(conn, a, claims_of(a), "v1")
    ids_v1 = {r[0] for r in conn.execute("SELECT id FROM claims")}
    result = store.save_article(conn, a, claims_of(a), "v2")
    assert result.status == "updated"
    ids_v2 = {r[0] for r in conn.execute("SELECT id FROM claims")}
    assert ids_v1 == ids_v2 and len(ids_v1) == 2
    assert {r[0] for r in conn.execute("SELECT extractor_version FROM claims")} == {"v2"}


def test_two_claims_on_one_span_get_distinct_ids(conn):
    a = article()
    first = claim_for(a, "57", stage="charged")
    second = claim_for(a, "57", stage="recorded")
    store.save_article(conn, a, [first, second], "v1")
    assert conn.execute("SELECT count(DISTINCT id) FROM claims").fetchone()[0] == 2


def test_changed_text_at_same_path_replaces_claims(conn):
    a = article()
    first = store.save_article(conn, a, claims_of(a), "v1")
    changed = article(text=TEXT.replace("57", "61"))
    result = store.save_article(conn, changed, [claim_for(changed, "61", stage="charged")], "v1")
    assert result.status == "updated" and result.article_id == first.article_id
    values = sorted(r[0] for r in conn.execute("SELECT value FROM claims"))
    assert values == [61]
    assert store.counts(conn) == {"articles": 1, "claims": 1}
    assert conn.execute("SELECT text FROM articles").fetchone()[0] == changed.text


def test_failed_replacement_rolls_back_and_keeps_old_claims(conn):
    a = article()
    store.save_article(conn, a, claims_of(a), "v1")
    changed = article(text=TEXT.replace("57", "61"))
    good = claim_for(changed, "61", stage="charged")
    bad = claim_for(changed, "1,204", stage="not-a-stage")  # refused by the CHECK constraint
    with pytest.raises(sqlite3.IntegrityError):
        store.save_article(conn, changed, [good, bad], "v1")
    assert not conn.in_transaction
    assert sorted(r[0] for r in conn.execute("SELECT value FROM claims")) == [57, 1204]
    assert conn.execute("SELECT text FROM articles").fetchone()[0] == TEXT


def test_claim_whose_quote_is_not_in_the_text_is_dropped(conn):
    a = article()
    good, bad = claims_of(a)
    bad.quote = "words that are not there"
    result = store.save_article(conn, a, [good, bad], "v1")
    assert result.claims == 1
    assert result.dropped and "quote not found" in result.dropped[0][2]


def test_every_stored_claim_offsets_point_at_its_figure(conn):
    a = article()
    store.save_article(conn, a, claims_of(a), "v1")
    rows = conn.execute("SELECT c.*, a.text FROM claims c JOIN articles a ON a.id = c.article_id")
    for row in rows:
        figure = row["text"][row["char_start"]:row["char_end"]]
        assert float(figure.replace(",", "")) == row["value"]
        assert row["text"][row["quote_start"]:].startswith(row["quote"])


def test_fts_finds_quote_and_article_and_follows_deletes(conn):
    a = article()
    store.save_article(conn, a, claims_of(a), "v1")
    hit = conn.execute("SELECT quote FROM claims_fts WHERE claims_fts MATCH 'charge'").fetchall()
    assert [r[0] for r in hit] == ["Only 57 of them led to a charge, the force said."]
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'somerset'"
                        ).fetchone()[0] == 1
    changed = article(text="Somerset figures were withdrawn.")
    store.save_article(conn, changed, [], "v1")
    assert conn.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'charge'"
                        ).fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'rapes'"
                        ).fetchone()[0] == 0


def test_older_database_gains_new_tables_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    conn = store.connect(path)
    a = article()
    store.save_article(conn, a, claims_of(a), "v1")
    conn.execute("DROP TABLE checked_claims")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    conn = store.connect(path)
    assert store.schema_version(conn) == store.SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM checked_claims").fetchone()[0] == 0
    assert store.counts(conn) == {"articles": 1, "claims": 2}


def test_failed_migration_rolls_back_and_keeps_the_old_version(tmp_path, monkeypatch):
    path = tmp_path / "m.db"
    store.connect(path).close()
    monkeypatch.setattr(connection, "SCHEMA_VERSION", store.SCHEMA_VERSION + 1)
    monkeypatch.setitem(connection.MIGRATIONS, connection.SCHEMA_VERSION,
                        ("CREATE TABLE half_done (a)", "THIS IS NOT SQL"))
    with pytest.raises(store.StoreError, match="cannot open database"):
        store.connect(path)
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == connection.SCHEMA_VERSION - 1
    assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0


def test_a_writer_waits_for_another_instead_of_failing(tmp_path):
    import threading
    import time

    path = tmp_path / "busy.db"
    holder = store.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    done = []

    def write():
        other = store.connect(path)
        a = article()
        done.append(store.save_article(other, a, claims_of(a), "v1").status)
        other.close()

    thread = threading.Thread(target=write)
    thread.start()
    time.sleep(0.5)
    assert done == []  # still waiting for the lock
    holder.execute("COMMIT")
    thread.join(timeout=10)
    assert done == ["new"]
