"""Re-extraction when the extractor version changes: claim ids kept, checks redone only for what changed."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from attrition.corpus import store
from attrition.corpus.store import runs
from attrition.corpus.check.run import run_checks
from attrition.cli.main import cli
from attrition.corpus.read.polite import FetchPolicy
from attrition.corpus.update.reextract import reextract_stale, stale_article_ids
from attrition.corpus.update.runlog import EventLog
from attrition.corpus.update.run import UpdateOptions, update
from attrition.extract import EXTRACTOR_VERSION
from update_helpers import Site, good_site

OPTIONS = UpdateOptions(policy=FetchPolicy(delay=0, timeout=2, retries=0))


@pytest.fixture
def filled(tmp_path):
    """A database filled by one update from the fictional site; yields (connection, db path)."""
    db = tmp_path / "c.db"
    conn = store.connect(db)
    with Site() as site:
        update(conn, good_site(site), OPTIONS)
    yield conn, db
    conn.close()


def claims_by_id(conn) -> dict[str, tuple]:
    return {r[0]: tuple(r) for r in conn.execute(
        "SELECT id, article_id, value, unit, stage, offence, area, quote, char_start, char_end FROM claims")}


def check_ids(conn, article_id=None) -> set[int]:
    sql = "SELECT ch.id FROM checks ch JOIN claims c ON c.id = ch.claim_id"
    if article_id is None:
        return {r[0] for r in conn.execute(sql)}
    return {r[0] for r in conn.execute(sql + " WHERE c.article_id = ?", (article_id,))}


def test_same_figure_at_the_same_place_keeps_its_id(filled):
    conn, _ = filled
    before = claims_by_id(conn)
    conn.execute("UPDATE articles SET extractor_version = '0.9.0'")
    assert len(stale_article_ids(conn, EXTRACTOR_VERSION)) == 5
    run_id = runs.start_run(conn, "reextract", EXTRACTOR_VERSION)
    assert reextract_stale(conn, run_id, EventLog(quiet=True)) == 5
    assert claims_by_id(conn) == before
    assert stale_article_ids(conn, EXTRACTOR_VERSION) == []
    assert {r[0] for r in conn.execute("SELECT DISTINCT extractor_version FROM claims")} == {EXTRACTOR_VERSION}
    record = runs.finish_run(conn, run_id)
    assert record.counts["reextracted"] == 5 and record.counts["claims"] == len(before)


def test_only_what_changed_is_checked_again(filled):
    conn, _ = filled
    [(target, article_id)] = conn.execute(
        "SELECT c.id, c.article_id FROM claims c JOIN articles a ON a.id = c.article_id"
        " WHERE a.url LIKE '%/news/essex-referrals' ORDER BY c.char_start LIMIT 1").fetchall()
    row = conn.execute("SELECT * FROM claims WHERE id = ?", (target,)).fetchone()
    other_articles_checks = check_ids(conn) - check_ids(conn, article_id)
    # What an older extractor might have stored: one figure read differently, one that is gone.
    conn.execute("UPDATE claims SET stage = 'other' WHERE id = ?", (target,))
    conn.execute(
        "INSERT INTO claims (id, article_id, value, unit, stage, offence, quote, quote_start,"
        " char_start, char_end, extractor_version) VALUES ('0000old0000claim', ?, 7, 'count', 'charged',"
        " 'rape', ?, ?, ?, ?, '0.9.0')",
        (article_id, row["quote"], row["quote_start"], row["quote_start"], row["quote_start"] + 2))
    run_checks(conn)
    conn.execute("UPDATE articles SET extractor_version = '0.9.0' WHERE id = ?", (article_id,))
    run_id = runs.start_run(conn, "reextract", EXTRACTOR_VERSION)
    assert reextract_stale(conn, run_id, EventLog(quiet=True)) == 1
    assert conn.execute("SELECT stage FROM claims WHERE id = ?", (target,)).fetchone()[0] == row["stage"]
    assert not conn.execute("SELECT 1 FROM claims WHERE id = '0000old0000claim'").fetchone()
    assert not conn.execute("SELECT 1 FROM checks WHERE claim_id = '0000old0000claim'").fetchone()
    # Checks were redone in the same transaction: nothing left to check, and the
    # checks of unrelated articles' claims are the very same rows.
    again = run_checks(conn)
    assert again.official_rechecked == 0 and again.other_rechecked == 0
    assert other_articles_checks <= check_ids(conn)


def test_update_re_extracts_when_the_version_changed(tmp_path):
    conn = store.connect(tmp_path / "c.db")
    with Site() as site:
        feeds = good_site(site)
        update(conn, feeds, OPTIONS)
        before = claims_by_id(conn)
        conn.execute("UPDATE articles SET extractor_version = '0.9.0'")
        report = update(conn, feeds, OPTIONS)
        assert set(site.not_modified) == {"/rss.xml", "/atom.xml", "/sitemap.xml"}
    counts = report.run.counts
    assert counts["reextracted"] == 5 and counts["new"] == counts["updated"] == 0
    assert claims_by_id(conn) == before
    conn.close()


def test_cli_reextract_and_runs(filled):
    conn, db = filled
    conn.execute("UPDATE articles SET extractor_version = '0.9.0' WHERE id = 1")
    result = CliRunner().invoke(cli, ["reextract", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 re-extracted" in result.stdout
    listing = CliRunner().invoke(cli, ["runs", "--db", str(db)]).stdout.splitlines()
    assert listing[2].split()[:2] == ["2", "reextract"]
    nothing = CliRunner().invoke(cli, ["reextract", "--db", str(db)])
    assert nothing.exit_code == 0 and "0 re-extracted" in nothing.stdout
