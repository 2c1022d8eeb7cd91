"""The claim page's pieces, without a server: the figure cut out of its paragraph, values and
periods as people write them, which URLs become links, the order of checks."""

from __future__ import annotations

import pytest

from attrition.corpus.web.claim_page import (
    check_rows, claim_fields, format_value, link_target, paragraph_evidence, period_text,
)
from attrition.corpus.web.site import site_metadata

TEXT = ("Headline words.\n"
        "First sentence here. Kent recorded 2,450 rapes in 2022/23. Then more words.\n"
        "Another paragraph.")


def claim_at(figure: str, quote: str) -> dict:
    quote_start = TEXT.index(quote)
    start = TEXT.index(figure, quote_start)
    return {"quote": quote, "quote_start": quote_start, "char_start": start,
            "char_end": start + len(figure)}


def test_paragraph_evidence_cuts_the_paragraph_around_sentence_and_figure():
    evidence = paragraph_evidence(TEXT, claim_at("2,450", "Kent recorded 2,450 rapes in 2022/23."))
    assert evidence.before == "First sentence here. "
    assert (evidence.lead, evidence.figure, evidence.tail) == ("Kent recorded ", "2,450", " rapes in 2022/23.")
    assert evidence.after == " Then more words."


def test_paragraph_evidence_covers_a_quote_across_a_line_break():
    quote = "Headline words.\nFirst sentence here."
    evidence = paragraph_evidence(TEXT, claim_at("First", quote))
    assert evidence.before + evidence.lead + evidence.figure + evidence.tail == quote


@pytest.mark.parametrize("value, text", [(2450.0, "2,450"), (5.1, "5.1"), (8, "8"), (None, ""),
                                         (0.125, "0.125")])
def test_format_value(value, text):
    assert format_value(value) == text


@pytest.mark.parametrize("start, end, text", [
    ("2022-04-01", "2023-03-31", "2022/23"), ("2023-01-01", "2023-12-31", "2023"),
    ("2023-01-01", "2023-03-31", "2023-01-01 to 2023-03-31"), (None, None, ""),
])
def test_period_text(start, end, text):
    assert period_text(start, end) == text


@pytest.mark.parametrize("url, link", [
    ("https://example.org/a", "https://example.org/a"), ("http://example.org/", "http://example.org/"),
    ("javascript:alert(1)", None), ("github:owner/repo@abc:file.csv", None), ("/tmp/file.csv", None),
    (None, None),
])
def test_only_web_urls_become_links(url, link):
    assert link_target(url) == link


def test_claim_fields_mark_what_was_carried_over():
    fields = dict(claim_fields({"value": 8.0, "unit": "percent", "stage": "charged", "area": "Cumbria",
                                "area_inherited": 1, "period_start": "2022-04-01",
                                "period_end": "2023-03-31", "speaker": None, "change": 0}))
    assert fields["Figure"] == "8"
    assert fields["Force area"] == "Cumbria (carried over from an earlier sentence)"
    assert fields["Period"] == "2022/23"
    assert "Said by" not in fields and "A change, not a level" not in fields


def test_check_rows_order_by_kind_and_flag_what_needs_a_second_look():
    checks = [
        {"id": 3, "kind": "across", "verdict": "conflict", "abs_diff": 160.0, "rel_diff": 0.0653},
        {"id": 1, "kind": "funnel", "verdict": "in_order"},
        {"id": 2, "kind": "official", "verdict": "agrees", "official_value": 2450.0,
         "url": "javascript:alert(1)", "period_start": "2022-04-01", "period_end": "2023-03-31"},
    ]
    shown = check_rows(checks)
    assert [c["kind"] for c in shown] == ["official", "funnel", "across"]
    assert [c["flagged"] for c in shown] == [False, False, True]
    assert shown[0]["official_value_text"] == "2,450" and shown[0]["link"] is None
    assert shown[0]["period"] == "2022/23"
    assert shown[2]["difference"] == "160 (+6.5%)"


def test_site_metadata_names_the_database_and_carries_the_canned_queries():
    metadata = site_metadata("news")
    database = metadata["databases"]["news"]
    assert set(database["queries"]) == {
        "claims_differing_from_official", "conflicts_between_articles", "funnel", "speaker_claims",
        "recent_articles"}
    assert all(q["sql"].lstrip().upper().startswith(("SELECT", "WITH")) for q in database["queries"].values())
    assert metadata["plugins"]["attrition"]["database"] == "news"
    assert {"array": "verdicts"} in database["tables"]["claims_view"]["facets"]
