"""Periods of several years or half a year, and years that date a document, not a figure (GUIDELINES 18; issue 11 item 8)."""

import pytest

from attrition.extract.periods import find_period_mentions

from extract_helpers import claim_for, figures_claimed


@pytest.mark.parametrize("text, start, end", [
    ("In the three years to 2020, Norfolk recorded 2,400 rapes.", "2018-01-01", "2020-12-31"),
    ("In the two years to June 2021, Norfolk recorded 2,400 rapes.", "2019-07-01", "2021-06-30"),
    ("Norfolk recorded 2,400 rapes in the first half of 2022.", "2022-01-01", "2022-06-30"),
    ("Norfolk recorded 2,400 rapes in the second half of 2022.", "2022-07-01", "2022-12-31"),
    # quarters in words: of a calendar year, or of a financial year
    ("Norfolk recorded 2,400 rapes in the first quarter of 2022.", "2022-01-01", "2022-03-31"),
    ("Norfolk recorded 2,400 rapes in the final quarter of 2022.", "2022-10-01", "2022-12-31"),
    ("Norfolk recorded 2,400 rapes in the second quarter of 2022/23.", "2022-07-01", "2022-09-30"),
    # a quarter or some months to a month: that many months ending then
    ("In the quarter to September 2022, Norfolk recorded 2,400 rapes.", "2022-07-01", "2022-09-30"),
    ("In the six months to March 2021, Norfolk recorded 2,400 rapes.", "2020-10-01", "2021-03-31"),
    # a range of months with their years and no "from" or "between"
    ("April 2021 to March 2022: Norfolk recorded 2,400 rapes.", "2021-04-01", "2022-03-31"),
    ("April 2021 - September 2021: Norfolk recorded 2,400 rapes.", "2021-04-01", "2021-09-30"),
    # "since" a month: from then to the article's date
    ("Since April, Norfolk has recorded 2,400 rapes.", "2023-04-01", "2023-05-01"),
    ("Since February 2021, Norfolk has recorded 2,400 rapes.", "2021-02-01", "2023-05-01"),
    ("Since 15 April, Norfolk has recorded 2,400 rapes.", "2023-04-15", "2023-05-01"),
])
def test_spans_of_years_and_half_years(text, start, end):
    claim = claim_for(text, "2,400", published="2023-05-01")
    assert (claim.period_start, claim.period_end) == (start, end)


@pytest.mark.parametrize("text", [
    "Under the Sexual Offences Act 2003, Norfolk recorded 2,400 rapes.",
    "In its June 2021 release, Norfolk Constabulary said it recorded 2,400 rapes.",
])
def test_a_statute_or_a_release_dates_no_figure(text):
    assert claim_for(text, "2,400", published="2023-05-01").period_start is None


def test_a_release_year_is_a_date_mention():
    [mention] = find_period_mentions("the March 2019 bulletin", "2023-05-01")
    assert mention.kind == "date"


def test_the_first_half_of_a_year_is_no_figure_of_fifty_per_cent():
    assert figures_claimed("Norfolk recorded 610 rapes in the first half of 2022.", published="2023-05-01") == ["610"]


@pytest.mark.parametrize("text, a, b, first, last", [
    ("Rape charges in Gwent rose from 35 to 52 between 2016/17 and 2018/19.", "35", "52", "2016-04-01", "2018-04-01"),
    ("The share of rape reports Gwent no-crimed went from 6.2% to 9.9% between 2018 and 2020.", "6.2%", "9.9%",
     "2018-01-01", "2020-01-01"),
])
def test_from_a_to_b_over_a_range_gives_a_its_first_year_and_b_its_last(text, a, b, first, last):
    assert claim_for(text, a, published="2023-02-01").period_start == first
    assert claim_for(text, b, published="2023-02-01").period_start == last


def test_a_change_since_a_month_is_dated_by_its_context_not_by_the_base():
    text = "In the quarter to September 2022, Norfolk's rape charges rose 40% since January 2021."
    claim = claim_for(text, "40%", published="2023-05-01")
    assert claim.change and (claim.period_start, claim.period_end) == ("2022-07-01", "2022-09-30")


def test_a_quarter_of_an_unnamed_financial_year_has_no_period():
    claim = claim_for("In the first quarter of the financial year 2023, Norfolk recorded 2,400 rapes.", "2,400",
                      published="2023-05-01")
    assert claim.period_start is None
