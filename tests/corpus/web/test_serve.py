"""`attrition serve` over HTTP: a real server (subprocess on 127.0.0.1) on a database built
with the CLI from articles written for the tests; JSON and CSV fetched with urllib."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
import pytest

from serve_helpers import fetch, fetch_json, rows, running_server

CLAIM_FACETS = ["area", "stage", "offence", "unit", "period_text", "source", "speaker"]
VIEW_FACETS = ["area", "stage", "offence", "unit", "period", "source", "speaker", "official_verdict"]


def db_counts(db, table: str, column: str) -> dict:
    """{value: rows} of a column, straight from SQLite (NULLs left out, as Datasette's facets do)."""
    return dict(rows(db, f"SELECT {column}, count(*) FROM {table} WHERE {column} IS NOT NULL GROUP BY 1"))


def facet_counts(result: dict, column: str) -> dict:
    """{value: count} of one facet in a Datasette table JSON response."""
    return {item["value"]: item["count"] for item in result["facet_results"][column]["results"]}


def csv_rows(text: str) -> list[dict]:
    """Parse CSV text into dicts."""
    return list(csv.DictReader(io.StringIO(text)))


def query_url(site: str, name: str, fmt: str = "json", **params) -> str:
    """URL of a canned query (or table) of the claims database, with parameters."""
    query = urllib.parse.urlencode(params)
    return f"{site}/claims/{name}.{fmt}" + (f"?{query}" if query else "")


def test_the_database_has_what_the_tests_need(db):
    verdicts = dict(rows(db, "SELECT verdict, count(*) FROM checks GROUP BY 1"))
    assert verdicts.get("differs") and verdicts.get("conflict") and verdicts.get("agrees")
    assert rows(db, "SELECT count(*) FROM claims WHERE speaker LIKE '%Okafor%'")[0][0] >= 1


def test_serves_pinned_datasette_on_loopback(site):
    versions = fetch_json(site + "/-/versions.json")
    assert versions["datasette"]["version"] == "0.65.5"
    assert site.startswith("http://127.0.0.1:")
    assert "claims_view" in running_server.log.read_text()


def test_metadata_titles_describe_every_column(site, db):
    metadata = fetch_json(site + "/-/metadata.json")
    assert metadata["title"].startswith("attrition")
    assert "Open Government Licence" in metadata["license"]
    tables = metadata["databases"]["claims"]["tables"]
    for table in ("claims", "articles", "official", "checks", "claims_view"):
        columns = [row[1] for row in rows(db, f"PRAGMA table_info({table})")]
        described = tables[table]["columns"]
        assert set(columns) <= set(described), (table, set(columns) - set(described))
        assert all(described[c].strip() for c in columns)


@pytest.mark.parametrize("column", CLAIM_FACETS)
def test_claims_table_facet_counts_match_the_database(site, db, column):
    result = fetch_json(query_url(site, "claims", _facet=column, _size=0))
    assert facet_counts(result, column) == db_counts(db, "claims", column)


def test_claims_table_default_facets_are_configured(site):
    result = fetch_json(query_url(site, "claims", _size=0))
    assert set(CLAIM_FACETS) <= set(result["facet_results"])


@pytest.mark.parametrize("column", VIEW_FACETS)
def test_claims_view_facet_counts_match_the_database(site, db, column):
    result = fetch_json(query_url(site, "claims_view", _size=0))
    assert facet_counts(result, column) == db_counts(db, "claims_view", column)


def test_verdict_array_facet_counts_claims_with_each_verdict(site, db):
    result = fetch_json(query_url(site, "claims_view", _size=0))
    expected = dict(rows(db, "SELECT verdict, count(DISTINCT claim_id) FROM checks GROUP BY 1"))
    assert result["facet_results"]["verdicts"]["type"] == "array"
    assert facet_counts(result, "verdicts") == expected


def test_verdict_filter_keeps_the_claims_with_that_verdict(site, db):
    result = fetch_json(query_url(site, "claims_view", _shape="array", _size="max",
                                  verdicts__arraycontains="conflict"))
    expected = {r[0] for r in rows(db, "SELECT claim_id FROM checks WHERE verdict = 'conflict'")}
    assert {row["id"] for row in result} == expected


def test_period_reads_as_people_write_it(site, db):
    result = fetch_json(query_url(site, "claims_view", _size=0))
    assert "2022/23" in facet_counts(result, "period")


def test_search_finds_a_quote(site, db):
    result = fetch_json(query_url(site, "claims_view", _search="trusted", _shape="array"))
    assert [row["speaker"] for row in result] == ["Jane Okafor"]
    assert "who trusted us" in result[0]["quote"]
    claims = fetch_json(query_url(site, "claims", _search="2,610", _shape="array"))
    assert [row["value"] for row in claims] == [2610]


def test_search_finds_article_text(site):
    result = fetch_json(query_url(site, "articles", _search="scandal", _shape="array"))
    assert [row["publisher"] for row in result] == ["Medway Echo"]


def test_articles_show_titles_for_claims(site, db):
    result = fetch_json(query_url(site, "claims", _labels="on", _shape="array", _size="max"))
    titles = {row["article_id"]["label"] for row in result}
    assert titles == {r[0] for r in rows(db, "SELECT title FROM articles")}


def test_csv_export_of_a_filtered_view(site, db):
    status, ctype, body = fetch(query_url(site, "claims_view", "csv", area="Kent", _size="max"))
    assert status == 200 and ctype.split(";")[0] in ("text/plain", "text/csv")
    got = sorted((r["id"], float(r["value"])) for r in csv_rows(body))
    assert got == sorted(rows(db, "SELECT id, value FROM claims WHERE area = 'Kent'"))


def test_canned_query_claims_differing_from_official(site, db):
    expected = {r[0] for r in rows(db, "SELECT claim_id FROM checks WHERE kind = 'official' AND verdict = 'differs'")}
    status, _, body = fetch(query_url(site, "claims_differing_from_official", "csv"))
    assert status == 200
    found = csv_rows(body)
    assert {r["claim_id"] for r in found} == expected
    by_value = {float(r["claimed"]): r for r in found}
    assert float(by_value[2610]["official_value"]) == 2450
    assert by_value[2610]["official_url"] == "https://example.org/official/prc-2023"
    assert json.loads(fetch(query_url(site, "claims_differing_from_official", _shape="array"))[2])


def test_canned_query_conflicts_between_articles(site, db):
    found = fetch_json(query_url(site, "conflicts_between_articles", _shape="array"))
    assert {(r["value"], r["other_value"]) for r in found} == {(2450, 2610), (2610, 2450)}
    assert {r["publisher"] for r in found} == {"Kent Courier", "Medway Echo"}


def test_canned_query_funnel_for_a_force_and_period(site, db):
    found = fetch_json(query_url(site, "funnel", _shape="array", area="kent", period="2022/23"))
    claims = sorted(r["value"] for r in found if r["origin"] == "claim")
    assert claims == sorted(r[0] for r in rows(
        db, "SELECT value FROM claims WHERE area = 'Kent' AND period_start = '2022-04-01'"
            " AND period_end = '2023-03-31'"))
    official = {(r["stage"], r["value"]) for r in found if r["origin"] == "official"}
    assert official == {("recorded", 2450), ("charged", 131)}
    stages = [r["stage"] for r in found]
    assert stages.index("recorded") < stages.index("charged")
    assert fetch_json(query_url(site, "funnel", _shape="array", area="Kent", period="2019")) == []
    dashed = fetch_json(query_url(site, "funnel", _shape="array", area="kent", period="2022-23"))
    assert sorted(map(str, dashed)) == sorted(map(str, found))  # 2022-23 is the same financial year


def test_canned_query_everything_a_speaker_claimed(site, db):
    found = fetch_json(query_url(site, "speaker_claims", _shape="array", speaker="okafor"))
    expected = {r[0] for r in rows(db, "SELECT id FROM claims WHERE speaker LIKE '%Okafor%'")}
    assert {r["claim_id"] for r in found} == expected
    assert all(r["article"] == "Kent rape charges <fall> & victims wait" for r in found)


def test_canned_query_articles_ingested_in_the_last_days(site, db):
    status, _, body = fetch(query_url(site, "recent_articles", "csv", days=1))
    found = csv_rows(body)
    assert status == 200 and len(found) == 3
    counts = {r["publisher"]: int(r["claims"]) for r in found}
    expected = dict(rows(db, "SELECT a.publisher, count(c.id) FROM articles a"
                             " LEFT JOIN claims c ON c.article_id = a.id GROUP BY a.id"))
    assert counts == expected
    assert int({r["publisher"]: r for r in found}["Medway Echo"]["claims_flagged"]) >= 1


def test_claim_page_shows_figure_article_and_checks(site, db):
    (claim_id,) = rows(db, "SELECT id FROM claims WHERE value = 2610")[0]
    status, ctype, page = fetch(f"{site}/-/claim/{claim_id}")
    assert status == 200 and ctype.startswith("text/html")
    assert '<mark class="figure">2,610</mark>' in page
    assert "Rapes reported in Kent pass 2,600" in page and "Medway Echo" in page
    assert "2023-10-02" in page and 'href="https://example.org/medway-echo/kent-rapes"' in page
    assert '<span class="verdict flagged">differs</span>' in page
    assert '<span class="verdict flagged">conflict</span>' in page
    assert "Police recorded crime (test table)" in page
    assert 'href="https://example.org/official/prc-2023"' in page
    assert '<td class="official-value">2,450</td>' in page


def test_claim_page_escapes_html_from_articles(site, db):
    (claim_id,) = rows(db, "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id"
                           " WHERE a.publisher = 'Kent Courier' LIMIT 1")[0]
    _, _, page = fetch(f"{site}/-/claim/{claim_id}")
    assert "Kent rape charges &lt;fall&gt; &amp; victims wait" in page
    assert "<fall>" not in page


def test_claim_page_by_prefix_json_and_not_found(site, db):
    (claim_id,) = rows(db, "SELECT id FROM claims WHERE value = 2610")[0]
    data = fetch_json(f"{site}/-/claim/{claim_id[:8]}.json")
    assert data["claim"]["id"] == claim_id
    assert data["evidence"]["figure"] == "2,610"
    assert {c["verdict"] for c in data["checks"]} == {
        r[0] for r in rows(db, "SELECT verdict FROM checks WHERE claim_id = ?", (claim_id,))}
    assert fetch(f"{site}/-/claim/0000000000000000")[0] == 404


def test_claim_ids_link_to_claim_pages(site, db):
    _, _, page = fetch(f"{site}/claims/claims_differing_from_official")
    (claim_id,) = rows(db, "SELECT id FROM claims WHERE value = 2610")[0]
    assert f'<a href="/-/claim/{claim_id}">{claim_id}</a>' in page


def test_the_database_cannot_be_written_through_the_site(site, db):
    before = rows(db, "SELECT count(*) FROM claims")[0][0]
    status, _, _ = fetch(f"{site}/claims.json?" + urllib.parse.urlencode({"sql": "DELETE FROM claims"}))
    assert status >= 400
    assert rows(db, "SELECT count(*) FROM claims")[0][0] == before


def test_serve_names_a_missing_database(tmp_path):
    from click.testing import CliRunner

    from attrition.cli.main import cli

    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no database at" in result.output


def test_immutable_mode_opens_the_file_immutable(db):
    from attrition.corpus.web.serve import build_datasette

    datasette = build_datasette(db, immutable=True)
    assert not datasette.get_database("claims").is_mutable
    assert build_datasette(db).get_database("claims").is_mutable  # read with mode=ro
    assert set(datasette.databases) == {"claims", "_internal"}


@pytest.mark.parametrize("claim_id", ["zzzz", "not-an-id", "0000000000000000"])
def test_an_unknown_claim_id_is_a_404_page_saying_so(site, claim_id):
    status, _, page = fetch(f"{site}/-/claim/{claim_id}")
    assert status == 404
    assert f"No claim with id {claim_id}" in page and "Database not found" not in page
