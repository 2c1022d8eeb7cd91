"""The official check: every verdict, rounding, the population rule, quarterly sums, not_comparable reasons."""

from __future__ import annotations

import pytest

from attrition.corpus.check.checks import ClaimRecord, check_official
from attrition.corpus.official.layouts import read_official_file
from check_helpers import DATA

FY_2012 = ("2012-04-01", "2013-03-31")
CY_2022 = ("2022-01-01", "2022-12-31")


@pytest.fixture(scope="module")
def tidy():
    return read_official_file(DATA / "tidy_small.csv")[1]


@pytest.fixture(scope="module")
def quarterly():
    return read_official_file(DATA / "prc_pfa_two_years.csv")[1]


def claim(value, stage, area, period, unit="count", offence="rape", text=None, comparator=None, **fields):
    text = text or (f"{value:g}" if unit != "count" else f"{value:,.0f}")
    return ClaimRecord(id="c1", article_id=1, value=value, unit=unit, stage=stage, offence=offence,
                       quote=f"... {text} ...", area=area, period_start=period and period[0],
                       period_end=period and period[1], figure_text=text, comparator=comparator, **fields)


def test_a_count_naming_no_population_is_compared_with_adult_and_child_rows(tidy):
    check = check_official(claim(110, "recorded", "Hertfordshire", FY_2012), tidy)
    assert check.verdict == "agrees"
    assert check.official_value == 110
    assert check.detail["populations"] == {"adult": 110, "child": 63}
    assert check.detail["all_ages_total"] == 173
    assert "adult victims; child 63, all ages 173" in check.reason
    assert (check.dataset, check.url) == ("Test digest 2012/13", "https://example.org/digest-2012-13")
    assert (check.period_start, check.period_end) == FY_2012


def test_the_all_ages_total_agrees_too_when_claimed():
    figures = read_official_file(DATA / "tidy_small.csv")[1]
    # 173 is neither the adult nor the child figure: the rule compares with each, not their sum.
    check = check_official(claim(173, "recorded", "Hertfordshire", FY_2012), figures)
    assert check.verdict == "differs"
    assert check.detail["all_ages_total"] == 173


def test_a_differing_count_gives_official_value_and_differences(tidy):
    check = check_official(claim(120, "recorded", "Hertfordshire", FY_2012), tidy)
    assert check.verdict == "differs"
    assert check.official_value == 110
    assert check.abs_diff == 10
    assert check.rel_diff == pytest.approx(10 / 110, rel=1e-4)
    assert check.url == "https://example.org/digest-2012-13"


@pytest.mark.parametrize("value, text, verdict", [(21, "21", "agrees"), (23, "23", "differs")])
def test_percent_rows_for_adults_only(tidy, value, text, verdict):
    check = check_official(claim(value, "no_crime", "Hertfordshire", FY_2012, unit="percent", text=text,
                                 of_stage="recorded"), tidy)
    assert check.verdict == verdict
    assert check.detail["populations"] == {"adult": 21}


@pytest.mark.parametrize("value, text, verdict", [
    (3.3, "3.3", "agrees"), (3, "three", "agrees"), (3.4, "3.4", "differs"), (3.0, "3.0", "differs")])
def test_a_rate_agrees_within_the_rounding_it_states(tidy, value, text, verdict):
    check = check_official(claim(value, "convicted", "Lancashire", CY_2022, unit="percent", text=text), tidy)
    assert check.verdict == verdict
    assert check.official_value == 3.27


@pytest.mark.parametrize("value, comparator, verdict", [
    (1700, "nearly", "agrees"), (1800, "nearly", "differs"), (1700, "more than", "differs"),
    (1684, None, "agrees"), (1690, None, "differs")])
def test_hedged_counts_use_a_tolerance(tidy, value, comparator, verdict):
    check = check_official(claim(value, "referred", "Lancashire", CY_2022, comparator=comparator), tidy)
    assert check.verdict == verdict


@pytest.mark.parametrize("offence, period, expected", [
    ("rape", ("2021-04-01", "2022-03-31"), 160),            # financial year: Q1-Q4 of 2021/22
    ("rape", CY_2022, 220),                                  # calendar year: Q4 2021/22 + Q1-Q3 2022/23
    ("sexual_assault", ("2021-04-01", "2022-03-31"), 250),
    ("sexual_offences", ("2021-04-01", "2022-03-31"), 460),  # the whole group, burglary left out
])
def test_quarterly_tables_answer_financial_and_calendar_years(quarterly, offence, period, expected):
    check = check_official(claim(expected, "recorded", "Hertfordshire", period, offence=offence), quarterly)
    assert check.verdict == "agrees"
    assert check.official_value == expected
    assert check.dataset.startswith("Home Office police recorded crime")
    assert check.url.endswith("prc_pfa_two_years.csv")


def test_quarterly_tables_cannot_answer_a_year_they_do_not_cover(quarterly):
    check = check_official(claim(200, "recorded", "Hertfordshire", ("2020-04-01", "2021-03-31")), quarterly)
    assert check.verdict == "no_official_data"


def test_reports_are_not_comparable_with_recorded_crimes(tidy):
    check = check_official(claim(1527, "reported", "Lancashire", CY_2022), tidy)
    assert check.verdict == "not_comparable"
    assert check.reason.startswith("different measures: the claim counts reports, the official figure recorded crimes")
    assert check.official_value == 1500 and check.url == "https://example.org/counts-2022"


def test_calendar_year_is_not_comparable_with_financial_year_without_quarters(tidy):
    check = check_official(claim(310, "charged", "Lancashire", CY_2022), tidy)
    assert check.verdict == "not_comparable"
    assert check.reason.startswith("calendar year vs financial year")
    assert "2021/22" in check.reason
    assert (check.period_start, check.period_end) == ("2021-04-01", "2022-03-31")


def test_rape_is_not_comparable_with_all_sexual_offences(tidy):
    check = check_official(claim(40, "recorded", "City of London", CY_2022), tidy)
    assert check.verdict == "not_comparable"
    assert check.reason.startswith("rape vs all sexual offences")
    assert check.dataset == "Test counts 2022"


def test_cps_area_figures_are_not_comparable_with_a_force(tidy):
    check = check_official(claim(80, "charged", "Kent", CY_2022), tidy)
    assert check.verdict == "not_comparable"
    assert check.reason.startswith("CPS Area vs force")
    assert check.url == "https://example.org/cps-2022"


def test_no_official_data(tidy):
    check = check_official(claim(12, "convicted", "Kent", CY_2022), tidy)
    assert check.verdict == "no_official_data"
    assert "Kent, rape, convicted (count), 2022" in check.reason


def test_a_claim_without_a_period_is_not_comparable(tidy):
    check = check_official(claim(110, "recorded", "Hertfordshire", None), tidy)
    assert check.verdict == "not_comparable" and "no period" in check.reason


@pytest.mark.parametrize("fields", [{"change": True}, {"stage": "other"}, {"offence": "other"}, {"area": None}])
def test_claims_with_nothing_to_check_get_no_official_check(tidy, fields):
    base = dict(value=110, stage="recorded", area="Hertfordshire", period=FY_2012)
    base.update(fields)
    assert check_official(claim(**base), tidy) is None
