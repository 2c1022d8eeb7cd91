"""A page over the size cap: `update`'s log line and the run's error name `--max-bytes` (issue 13)."""

from __future__ import annotations

import io
import json

from attrition.corpus import store
from attrition.corpus.read.polite import FetchPolicy
from attrition.corpus.update.run import UpdateOptions, update
from attrition.corpus.update.runlog import EventLog
from update_helpers import Route, Site, page, rss


def test_a_page_over_the_cap_names_the_option_that_raises_it(tmp_path):
    conn = store.connect(tmp_path / "claims.db")
    out = io.StringIO()
    with Site() as site:
        site.routes["/huge"] = Route(page("Huge", "Rape figures: 5 charged. " * 2_000), content_length=False)
        site.routes["/feed.xml"] = Route(rss([(site.url("/huge"), "Huge", None)]), "application/rss+xml")
        policy = FetchPolicy(delay=0, timeout=2.0, retries=0, backoff=0, max_bytes=10_000)
        report = update(conn, [site.url("/feed.xml")], UpdateOptions(policy=policy), EventLog(fmt="json", out=out))
    entries = [e for e in map(json.loads, out.getvalue().splitlines()) if e["event"] == "entry"]
    assert [e["status"] for e in entries] == ["failed"]
    assert "over the cap of 10,000 bytes" in entries[0]["reason"]
    assert entries[0]["reason"].endswith("(--max-bytes raises the cap)")
    assert report.run.errors[0]["reason"] == entries[0]["reason"]
    conn.close()
