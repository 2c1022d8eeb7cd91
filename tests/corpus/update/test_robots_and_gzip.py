"""`update` honours robots.txt (once per host per run) and reads gzipped sitemaps, against a real server on 127.0.0.1."""

from __future__ import annotations

import gzip

from attrition.corpus import store
from attrition.corpus.read.listing import parse_listing
from attrition.corpus.read.polite import Disallowed, Fetcher, FetchPolicy
from attrition.corpus.update.run import UpdateOptions, update

from tests.update_helpers import Route, Site, page, sitemap

STORY = "Kent Police recorded 2,396 rapes in 2022, of which 183 were prosecuted, the CPS said."
QUICK = FetchPolicy(delay=0, timeout=2, retries=0)


def test_a_page_robots_txt_disallows_is_skipped_with_the_reason_and_never_fetched(tmp_path):
    conn = store.connect(tmp_path / "r.db")
    with Site() as site:
        site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", "text/plain")
        site.routes["/sitemap.xml"] = Route(sitemap([(site.url("/news/open"), None),
                                                    (site.url("/private/secret"), None)]), "application/xml")
        site.routes["/news/open"] = Route(page("Open", STORY))
        site.routes["/private/secret"] = Route(page("Secret", STORY))
        report = update(conn, [site.url("/sitemap.xml")], UpdateOptions(policy=QUICK))
        assert site.count("/robots.txt") == 1
        assert site.count("/private/secret") == 0 and site.count("/news/open") == 1
    assert report.run.counts["new"] == 1 and report.run.counts["skipped"] == 1
    status, reason = conn.execute("SELECT status, reason FROM feed_entries WHERE url LIKE '%/private/%'").fetchone()
    assert status == "skipped" and reason == f"disallowed by {site.url('/robots.txt')}"


def test_robots_txt_forbidden_disallows_all_and_missing_allows_all():
    with Site() as site:
        site.routes["/a"] = Route(page("A", STORY))
        assert Fetcher(QUICK).get(site.url("/a")).status == 200  # no robots.txt: 404, everything allowed
        site.routes["/robots.txt"] = Route(b"no", "text/plain", status=403)
        try:
            Fetcher(QUICK).get(site.url("/a"))
        except Disallowed as e:
            assert "disallowed by" in str(e)
        else:
            raise AssertionError("a 403 robots.txt must disallow the site")
        assert Fetcher(FetchPolicy(delay=0, timeout=2, retries=0, robots=False)).get(site.url("/a")).status == 200


def test_a_gzipped_sitemap_is_read_like_a_plain_one(tmp_path):
    conn = store.connect(tmp_path / "g.db")
    with Site() as site:
        plain = sitemap([(site.url("/news/kent"), "2024-01-02")])
        site.routes["/sitemap.xml.gz"] = Route(gzip.compress(plain), "application/gzip")
        site.routes["/news/kent"] = Route(page("Kent", STORY))
        report = update(conn, [site.url("/sitemap.xml.gz")], UpdateOptions(policy=QUICK))
    assert report.exit_status == 0 and report.run.counts["new"] == 1
    listing = parse_listing(gzip.compress(plain), "https://example.org/sitemap.xml.gz")
    assert listing.kind == "sitemap" and [e.url for e in listing.entries] == [site.url("/news/kent")]


def test_a_corrupt_gzip_is_a_read_error_naming_it():
    from attrition.corpus.read.errors import ReadError

    try:
        parse_listing(b"\x1f\x8b" + b"garbage" * 10, "https://example.org/s.xml.gz")
    except ReadError as e:
        assert "https://example.org/s.xml.gz" in str(e) and "gzip" in str(e)
    else:
        raise AssertionError("a corrupt gzip must be refused")
