"""`attrition update` end to end over real HTTP on 127.0.0.1: feeds, pages, every bad input, reruns.

The library function runs in this process (the spaCy model loads once); the
CLI is exercised through click's runner for exit codes, JSON logs and `runs`.
Processes racing and being killed are in test_update_concurrency.py and
test_update_crash.py.
"""

from __future__ import annotations

import io
import json
import sqlite3

import pytest
from click.testing import CliRunner

from attrition.corpus import store
from attrition.cli.main import cli
from attrition.corpus.read.fetch import USER_AGENT
from attrition.corpus.read.polite import FetchPolicy
from attrition.corpus.update.runlog import EventLog
from attrition.corpus.update.run import UpdateOptions, entry_counts, update
from update_helpers import ARTICLES, FAST, Route, Site, atom, good_site, page, rss, write_feeds

GOOD_PAGES = ["/news/kent-rapes", "/news/essex-referrals", "/news/sussex-reports",
              "/news/cumbria-convictions", "/news/durham-offences"]
PERMANENT_BAD = ["/bad/missing", "/bad/report.pdf", "/bad/huge", "/bad/latin", "/bad/empty",
                 "/bad/redirect"]
TEMPORARY_BAD = ["/bad/boom", "/bad/slow"]


def options(**kw) -> UpdateOptions:
    policy = FetchPolicy(delay=0, timeout=1.0, retries=0, backoff=0, max_bytes=200_000)
    return UpdateOptions(policy=policy, **kw)


def bad_site(site: Site) -> list[str]:
    """Serve the good site plus a feed of bad entries, a malformed feed and a missing one."""
    feeds = good_site(site)
    u = site.url
    routes = site.routes
    routes["/bad/boom"] = Route(b"<h1>Internal error</h1>", status=500)
    routes["/bad/slow"] = Route(page("Slow", "Gwent Police recorded 300 rapes in 2023."), delay=2.5)
    routes["/bad/report.pdf"] = Route(b"%PDF-1.4\n\x00\x01\x02 rape 12", "application/pdf")
    routes["/bad/huge"] = Route(page("Huge", "Rape figures: 5 charged. " * 20_000), content_length=False)
    routes["/bad/latin"] = Route(page("Latin", "Norfolk Police recorded 700 rapes in 2023.")
                                 .replace(b"Norfolk", b"Norf\xf6lk"))
    routes["/bad/empty"] = Route(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    routes["/bad/redirect"] = Route(b"moved", status=302, headers={"Location": "file:///etc/passwd"})
    items = [(u(p), p.rsplit("/", 1)[1], None) for p in PERMANENT_BAD[:1] + TEMPORARY_BAD
             + PERMANENT_BAD[1:]]
    items += [(None, "An entry without a link", None), ("file:///etc/passwd", "Local file", None)]
    routes["/bad-rss.xml"] = Route(rss(items, "Bad News"), "application/rss+xml")
    routes["/broken.xml"] = Route(b"<?xml version='1.0'?><rss version='2.0'><channel><title>Broken"
                                  b"</title><item><title>Half an item</tit", "application/rss+xml")
    return feeds + [u("/bad-rss.xml"), u("/broken.xml"), u("/gone.xml")]


def db_counts(conn) -> dict:
    return {
        "articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
        "claims": conn.execute("SELECT count(*) FROM claims").fetchone()[0],
        "checks": conn.execute("SELECT count(*) FROM checks").fetchone()[0],
        "claim_ids": {r[0] for r in conn.execute("SELECT id FROM claims")},
        "entries": entry_counts(conn),
    }


@pytest.fixture
def conn(tmp_path):
    connection = store.connect(tmp_path / "claims.db")
    yield connection
    connection.close()


def test_first_run_stores_the_good_pages_and_names_every_bad_input(conn):
    with Site() as site:
        feeds = bad_site(site)
        report = update(conn, feeds, options())
        assert site.agents == {USER_AGENT}
    counts = report.run.counts
    assert (counts["new"], counts["updated"], counts["unchanged"], counts["skipped"]) == (5, 0, 0, 1)
    reasons = {e["url"].replace(site.base, ""): e["reason"] for e in report.run.errors}
    assert "HTTP 404" in reasons["/bad/missing"]
    assert "HTTP 500" in reasons["/bad/boom"] and "try again next run" in reasons["/bad/boom"]
    assert "timed out" in reasons["/bad/slow"]
    assert "content type application/pdf is not a web page" in reasons["/bad/report.pdf"]
    assert "over the cap of 200,000 bytes" in reasons["/bad/huge"]
    assert "invalid UTF-8 at byte" in reasons["/bad/latin"]
    assert "no article text" in reasons["/bad/empty"]
    assert "Redirection to url 'file:///etc/passwd' is not allowed" in reasons["/bad/redirect"]
    assert reasons["/bad-rss.xml entry 9 (An entry without a link)"] == "entry has no link"
    assert "not an http(s) URL: file:" in reasons["/bad-rss.xml entry 10 (Local file)"]
    assert "malformed feed XML" in reasons["/broken.xml"]
    assert "HTTP 404" in reasons["/gone.xml"]
    assert counts["failed"] == len(reasons) == 12
    assert report.exit_status == 1
    assert report.run.status == "failed" and report.run.ended_at
    # Nothing from a local file, and the gate's skip is recorded with its title.
    assert not conn.execute("SELECT 1 FROM articles WHERE text LIKE '%root:%'").fetchone()
    skipped = conn.execute("SELECT url, title, reason FROM feed_entries WHERE status = 'skipped'").fetchall()
    assert [(r["url"], r["title"]) for r in skipped] == [(site.url("/news/cycle-lanes"), "Cycle lanes approved")]
    assert "relevance gate" in skipped[0]["reason"]
    stored = {r[0] for r in conn.execute("SELECT url FROM articles")}
    assert stored == {site.url(p) for p in GOOD_PAGES}
    assert entry_counts(conn) == {"new": 5, "skipped": 1, "failed": 6, "retry": 2}
    assert conn.execute("SELECT count(*) FROM checks").fetchone()[0] > 0


def test_second_run_fetches_no_article_again_and_adds_nothing(conn):
    with Site() as site:
        feeds = bad_site(site)
        update(conn, feeds, options())
        before = db_counts(conn)
        first_requests = list(site.requests)
        report = update(conn, feeds, options())
        second = site.requests[len(first_requests):]
    # Feeds are asked for again (conditional GET: the unchanged ones answer 304);
    # of the article pages only the two that failed on a temporary error are retried.
    assert sorted(p for p in second if p.startswith(("/news/", "/bad/"))) == sorted(TEMPORARY_BAD)
    assert set(site.not_modified) == {"/rss.xml", "/atom.xml", "/sitemap.xml", "/bad-rss.xml"}
    assert db_counts(conn) == before
    counts = report.run.counts
    assert (counts["new"], counts["updated"], counts["unchanged"], counts["skipped"]) == (0, 0, 0, 0)
    # Failing again: the two temporary ones, the malformed feed and the missing one.
    assert counts["failed"] == 4 and report.exit_status == 1


def test_temporary_failures_are_retried_in_later_runs_then_given_up(conn):
    with Site() as site:
        site.routes["/news/boom"] = Route(b"oops", status=503)
        site.routes["/rss.xml"] = Route(rss([(site.url("/news/boom"), "Boom", None)]))
        for _ in range(4):
            update(conn, [site.url("/rss.xml")], options(max_attempts=3))
        assert site.count("/news/boom") == 3
    row = conn.execute("SELECT status, attempts, reason FROM feed_entries").fetchone()
    assert (row["status"], row["attempts"]) == ("failed", 3)
    assert "HTTP 503" in row["reason"]


def test_retries_with_backoff_within_a_run(conn):
    with Site() as site:
        title, text = ARTICLES["/news/kent-rapes"]
        site.routes["/news/kent-rapes"] = Route(page(title, text), fail_first=2)
        site.routes["/rss.xml"] = Route(rss([(site.url("/news/kent-rapes"), title, None)]))
        policy = FetchPolicy(delay=0, timeout=2, retries=2, backoff=0.05)
        report = update(conn, [site.url("/rss.xml")], UpdateOptions(policy=policy))
        assert site.count("/news/kent-rapes") == 3
        gaps = [b - a for (a, p), (b, q) in zip(site.stamps, site.stamps[1:]) if p == q == "/news/kent-rapes"]
    assert report.run.counts["new"] == 1 and report.exit_status == 0
    assert gaps[0] >= 0.05 and gaps[1] >= 0.1  # backoff doubles


def test_per_host_delay_spaces_requests(conn):
    with Site() as site:
        feeds = good_site(site)
        policy = FetchPolicy(delay=0.15, timeout=2, retries=0)
        update(conn, feeds, UpdateOptions(policy=policy))
        times = [t for t, _ in site.stamps]
        paths = [p for _, p in site.stamps]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert paths[0] == "/robots.txt" and paths.count("/robots.txt") == 1  # once per host per run, paced too
    assert len(gaps) == 9 and min(gaps) >= 0.15


def test_changed_page_replaces_exactly_its_claims(conn):
    with Site() as site:
        feeds = good_site(site)
        update(conn, feeds, options())
        kent = site.url("/news/kent-rapes")
        old_kent = {r[0] for r in conn.execute(
            "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.url = ?", (kent,))}
        others = {r[0]: tuple(r) for r in conn.execute(
            "SELECT c.id, c.value, c.stage, c.quote FROM claims c JOIN articles a ON a.id = c.article_id"
            " WHERE a.url != ?", (kent,))}
        title, text = ARTICLES["/news/kent-rapes"]
        site.routes["/news/kent-rapes"] = Route(page(title, text.replace("1,204", "1,250")))
        site.routes["/atom.xml"] = Route(atom([
            (site.url("/news/sussex-reports"), "Sussex reports", "2024-03-07T12:00:00Z"),
            (site.url("/news/cumbria-convictions"), "Cumbria convictions", "2024-03-07T13:00:00Z"),
            (kent, "Kent rape reports rise (corrected)", "2024-03-08T09:00:00Z"),
        ]), "application/atom+xml")
        requested = len(site.requests)
        report = update(conn, feeds, options())
        pages = [p for p in site.requests[requested:] if p.startswith("/news/")]
    assert pages == ["/news/kent-rapes"]
    assert report.run.counts["updated"] == 1 and report.run.counts["new"] == 0
    new_kent = {r[0]: r[1] for r in conn.execute(
        "SELECT c.id, c.value FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.url = ?", (kent,))}
    assert not (set(new_kent) & old_kent) and 1250 in new_kent.values() and 1204 not in new_kent.values()
    assert {r[0]: tuple(r) for r in conn.execute(
        "SELECT c.id, c.value, c.stage, c.quote FROM claims c JOIN articles a ON a.id = c.article_id"
        " WHERE a.url != ?", (kent,))} == others
    assert conn.execute("SELECT count(*) FROM articles WHERE url = ?", (kent,)).fetchone()[0] == 1
    assert not conn.execute("SELECT 1 FROM checks WHERE claim_id NOT IN (SELECT id FROM claims)").fetchone()


def test_max_articles_leaves_the_rest_for_the_next_run_even_when_feeds_are_unchanged(conn):
    with Site() as site:
        feeds = good_site(site)
        first = update(conn, feeds, options(max_articles=2))
        second = update(conn, feeds, options())
        assert set(site.not_modified) == {"/rss.xml", "/atom.xml", "/sitemap.xml"}
    assert first.run.counts["new"] == 2 and first.waiting == 4
    assert second.run.counts["new"] + second.run.counts["skipped"] == 4 and second.waiting == 0


def test_sitemap_index_lists_sitemaps_whose_pages_are_read(conn):
    with Site() as site:
        title, text = ARTICLES["/news/durham-offences"]
        site.routes["/news/durham-offences"] = Route(page(title, text))
        site.routes["/index.xml"] = Route((
            "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            "<sitemap><loc>/news-sitemap.xml</loc></sitemap></sitemapindex>").encode(), "application/xml")
        site.routes["/news-sitemap.xml"] = Route((
            "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            f"<url><loc>{site.url('/news/durham-offences')}</loc><lastmod>2024-03-07</lastmod></url>"
            "</urlset>").encode(), "application/xml")
        report = update(conn, [site.url("/index.xml")], options())
    assert report.run.counts["new"] == 1 and report.run.counts["feeds"] == 2


def test_json_log_is_one_object_per_event(conn):
    out = io.StringIO()
    with Site() as site:
        feeds = bad_site(site)
        update(conn, feeds, options(), EventLog(fmt="json", out=out))
    events = [json.loads(line) for line in out.getvalue().splitlines()]
    names = [e["event"] for e in events]
    assert names[0] == "run_start" and names[-1] == "run_end"
    assert {"feed", "queue", "entry"} <= set(names)
    end = events[-1]
    assert end["new"] == 5 and end["failed"] == 12 and end["exit_status"] == 1
    failed = [e for e in events if e["event"] in ("feed", "entry") and e.get("status") in ("failed", "retry")]
    assert len(failed) == 12
    assert all(e["level"] == "error" and e["url"] and e["reason"] for e in failed)


def test_quiet_json_log_has_only_the_failures_and_warnings(conn):
    out = io.StringIO()
    with Site() as site:
        feeds = bad_site(site)
        update(conn, feeds, options(), EventLog(fmt="json", quiet=True, out=out))
    events = [json.loads(line) for line in out.getvalue().splitlines()]
    assert events and all(e["level"] in ("error", "warning") for e in events)


# --- the CLI ----------------------------------------------------------------------------------

def invoke(*args):
    return CliRunner().invoke(cli, list(args))


def test_cli_update_exit_status_summary_and_runs(tmp_path):
    db = str(tmp_path / "c.db")
    with Site() as site:
        feeds = write_feeds(tmp_path / "feeds.txt", good_site(site))
        ok = invoke("update", "--feeds", str(feeds), "--db", db, *FAST)
        site.routes["/gone-feed.xml"] = Route(b"", status=404)
        feeds = write_feeds(tmp_path / "feeds2.txt", [site.url("/rss.xml"), site.url("/missing.xml")])
        bad = invoke("update", "--feeds", str(feeds), "--db", db, *FAST)
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.startswith("run 1: 5 new, 0 updated, 0 unchanged, 1 skipped, 0 failed")
    assert "new        " + site.url("/news/kent-rapes") in ok.stderr
    assert bad.exit_code == 1
    assert f"failed     {site.url('/missing.xml')}: HTTP 404" in bad.stderr
    runs = invoke("runs", "--db", db)
    assert runs.exit_code == 0
    lines = runs.stdout.splitlines()
    assert lines[0].split()[:5] == ["run", "command", "started", "ended", "status"]
    assert lines[2].split()[0:2] == ["2", "update"] and " failed " in lines[2]
    assert f"failed: {site.url('/missing.xml')}: HTTP 404" in runs.stdout
    as_json = json.loads(invoke("runs", "--db", db, "--format", "json").stdout)  # one JSON document
    assert as_json == [json.loads(line) for line in invoke("runs", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert [r["id"] for r in as_json] == [2, 1] and as_json[1]["new"] == 5 and as_json[0]["errors"]


def test_cli_quiet_prints_nothing_when_all_is_well_and_only_failures_otherwise(tmp_path):
    db = str(tmp_path / "c.db")
    with Site() as site:
        feeds = write_feeds(tmp_path / "feeds.txt", good_site(site))
        ok = invoke("update", "--feeds", str(feeds), "--db", db, "--quiet", *FAST)
        feeds = write_feeds(tmp_path / "feeds2.txt", [site.url("/missing.xml")])
        bad = invoke("update", "--feeds", str(feeds), "--db", db, "--quiet", *FAST)
    assert ok.exit_code == 0 and ok.stdout == "" and ok.stderr == ""
    assert bad.exit_code == 1 and bad.stdout == ""
    assert f"{site.url('/missing.xml')}: HTTP 404" in bad.stderr


def test_cli_json_log_lines(tmp_path):
    db = str(tmp_path / "c.db")
    with Site() as site:
        feeds = write_feeds(tmp_path / "feeds.txt", good_site(site))
        result = invoke("update", "--feeds", str(feeds), "--db", db, "--log-format", "json", *FAST)
    assert result.exit_code == 0
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events[-1]["event"] == "run_end" and events[-1]["new"] == 5


@pytest.mark.parametrize("content, message", [
    ("file:///etc/passwd\n", "feeds.txt:1: not an http(s) feed or sitemap URL: 'file:///etc/passwd'"),
    ("# only a comment\n\n", "names no feed"),
    ("https://example.org/rss.xml\n/etc/passwd\n", "feeds.txt:2: not an http(s)"),
])
def test_bad_feeds_file_is_a_config_error(tmp_path, content, message):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(content)
    result = invoke("update", "--feeds", str(feeds), "--db", str(tmp_path / "c.db"))
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "c.db").exists()


def test_missing_feeds_file_and_missing_option_exit_2(tmp_path):
    result = invoke("update", "--feeds", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "c.db"))
    assert result.exit_code == 2 and "no such feeds file" in result.stderr
    assert invoke("update", "--db", str(tmp_path / "c.db")).exit_code == 2


def test_runs_on_a_missing_database_is_an_error(tmp_path):
    result = invoke("runs", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2 and "no database" in result.stderr


def test_database_is_sound_after_updates(tmp_path):
    db = tmp_path / "c.db"
    conn = store.connect(db)
    with Site() as site:
        feeds = bad_site(site)
        update(conn, feeds, options())
    conn.close()
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
