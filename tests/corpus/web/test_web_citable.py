"""What a fact-checker cites from the site (issue 13): whole numbers, the figure with its hedge, the
article's URL, official figures' published URLs, force aliases in the funnel, the landing page, canned
query titles, the official notes on the claim page. A real `attrition serve` on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import re
import urllib.parse
from pathlib import Path

import pytest

from attrition.corpus.store.export import figure_label
from attrition.corpus.web.published import known_files, local_files, published_url
from serve_helpers import LANCS_CONVICTIONS_URL, fetch, fetch_json, rows

SHARED_ROLLING = Path(__file__).resolve().parents[3].parent / "shared" / "official" / "rec-crime-pfa.csv"


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_claims_view_csv_prints_whole_numbers_the_figure_and_the_article_to_cite(site, db):
    status, _, body = fetch(f"{site}/claims/claims_view.csv?_size=max")
    found = csv_rows(body)
    assert status == 200 and len(found) == rows(db, "SELECT count(*) FROM claims")[0][0]
    assert all(not r["value"].endswith(".0") for r in found), [r["value"] for r in found]
    assert {r["value"] for r in found} >= {"2450", "2610", "112"}
    kent = next(r for r in found if r["value"] == "2610")
    assert kent["article_url"] == "https://example.org/medway-echo/kent-rapes"
    assert kent["article"] == "Rapes reported in Kent pass 2,600" and kent["published"] == "2023-10-02"
    assert kent["official_value"] == "2450" and kent["official_reason"]
    stored = {r[0]: dict(zip(("value", "unit", "comparator", "of_stage"), r[1:]))
              for r in rows(db, "SELECT id, value, unit, comparator, of_stage FROM claims")}
    assert {r["id"]: r["figure"] for r in found} == {i: figure_label(c) for i, c in stored.items()}


def test_claims_view_json_columns_start_with_what_is_cited(site):
    data = fetch_json(f"{site}/claims/claims_view.json?_size=1")
    assert data["columns"][:12] == ["id", "figure", "stage", "offence", "area", "period", "official_verdict",
                                    "quote", "article", "published", "publisher", "article_url"]


@pytest.mark.parametrize("area", ["kent", "Kent Police", "KENT"])
def test_web_funnel_takes_force_aliases_like_the_cli(site, area):
    found = fetch_json(f"{site}/claims/funnel.json?" + urllib.parse.urlencode(
        {"area": area, "period": "2022/23", "_shape": "array"}))
    assert {(r["stage"], r["value"]) for r in found if r["origin"] == "official"} == {
        ("recorded", 2450), ("charged", 131)}


def test_web_funnel_alias_of_another_force(site):
    found = fetch_json(f"{site}/claims/funnel.json?area=Lancs+Police&period=2022/23&_shape=array")
    assert ("convicted", 64, LANCS_CONVICTIONS_URL) in {
        (r["stage"], r["value"], r["url"]) for r in found if r["origin"] == "official"}


def test_repository_references_show_as_their_github_urls(site, db):
    (claim_id,) = rows(db, "SELECT id FROM claims WHERE value = 64")[0]
    _, _, page = fetch(f"{site}/-/claim/{claim_id}")
    assert f'href="{LANCS_CONVICTIONS_URL}"' in page and "github:example" not in page
    _, _, official = fetch(f"{site}/claims/official?stage=convicted")
    assert f'href="{LANCS_CONVICTIONS_URL}"' in official


def test_claim_page_shows_the_official_rows_notes_and_the_reason(site, db):
    (claim_id,) = rows(db, "SELECT id FROM claims WHERE value = 2610")[0]
    _, _, page = fetch(f"{site}/-/claim/{claim_id}")
    assert "<th>Official notes</th>" in page
    assert '<td class="notes quiet">made up for the tests</td>' in page
    (reason,) = rows(db, "SELECT reason FROM checks WHERE claim_id = ? AND kind = 'official'", (claim_id,))[0]
    assert reason and reason.replace("'", "&#39;") in page


def test_a_known_files_local_path_shows_as_its_published_url():
    assert SHARED_ROLLING.name in {Path(u).name for u in known_files().values()}
    if not SHARED_ROLLING.is_file():
        pytest.skip("needs ../shared/official/rec-crime-pfa.csv")
    from attrition.corpus.official.load import file_sha256

    local = local_files([(str(SHARED_ROLLING), file_sha256(SHARED_ROLLING)), ("/elsewhere/rec-crime-pfa.csv", "0" * 64)])
    assert published_url(str(SHARED_ROLLING), local) == (
        "https://github.com/12345678910aditi/Crime_Project/blob/d11098b54ccf35b465808f89ce5bfadb5dbed0ff/rec-crime-pfa.csv")
    # the same name with other bytes is not that file: its path stays as it is
    assert published_url("/elsewhere/rec-crime-pfa.csv", local) == "/elsewhere/rec-crime-pfa.csv"


def test_landing_page_says_what_the_site_is_and_links_to_the_starting_points(site, db):
    status, _, page = fetch(site + "/")
    assert status == 200 and "figures about rape and sexual offences" in page
    claims, articles = rows(db, "SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM articles)")[0]
    assert f"{claims:,} claims from {articles:,} articles" in page
    for target in ("/claims/claims_view", "/claims/claims_differing_from_official",
                   "/claims/conflicts_between_articles", "/claims/funnel?", "/claims/recent_articles?days="):
        assert f'href="{target}' in page, target
    assert re.search(r'<form class="claims-search" action="/claims/claims_view"', page)


def test_canned_query_tab_title_is_its_title_not_its_sql(site):
    _, _, page = fetch(f"{site}/claims/claims_differing_from_official")
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.startswith("Claims that differ from official figures") and "SELECT" not in title
    assert page.index('class="rows-and-columns"') < page.index('id="sql-query"')
    assert re.search(r'<details class="more sql"><summary>', page)
