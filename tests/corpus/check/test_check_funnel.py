"""The funnel-order check: within an article, force, offence and period, later stages cannot exceed earlier ones."""

from __future__ import annotations

from attrition.corpus.check.checks import ClaimRecord, check_funnel

FY_2017 = ("2017-04-01", "2018-03-31")


def rec(id, value, stage, period=FY_2017, unit="count", offence="rape"):
    return ClaimRecord(id=id, article_id=1, value=value, unit=unit, stage=stage, offence=offence,
                       quote=f"quote {id}", area="Hertfordshire", period_start=period[0], period_end=period[1])


def verdicts(checks):
    return {c.claim_id: c.verdict for c in checks}


def nested(id, value, stage, quote, source=None):
    claim = rec(id, value, stage)
    claim.quote, claim.source = quote, source
    return claim


def test_a_part_of_an_earlier_count_is_in_order():
    claims = [nested("ref", 185, "referred", "185 rape files were passed to the CPS"),
              nested("ch", 33, "charged", "Only 33 of the 185 files passed to prosecutors were charged")]
    checks = check_funnel(claims)
    assert verdicts(checks) == {"ref": "in_order", "ch": "in_order"}


def test_a_part_exceeding_the_count_it_is_part_of_is_out_of_order():
    claims = [nested("ref", 20, "referred", "20 files were passed to the CPS"),
              nested("ch", 30, "charged", "30 of the 20 files passed to prosecutors were charged")]
    checks = {c.claim_id: c for c in check_funnel(claims)}
    assert checks["ch"].verdict == "out_of_order" and checks["ref"].verdict == "out_of_order"
    assert checks["ch"].reason.startswith("30 charged exceeds the 20 referred it is a part of")
    assert checks["ch"].other_claim_id == "ref"


def test_one_years_flows_are_not_ordered():
    # Convictions in a year can outnumber that year's charges: different cases, not one cohort.
    claims = [nested("ch", 30, "charged", "30 suspects were charged"),
              nested("cv", 40, "convicted", "40 people were convicted over the same twelve months")]
    assert check_funnel(claims) == []


def test_stages_from_different_sources_are_not_one_funnel():
    claims = [nested("ref", 20, "referred", "20 cases were sent to the CPS", source="Kent Police"),
              nested("ch", 30, "charged", "30 of the 20 cases were charged", source="Crown Prosecution Service")]
    assert check_funnel(claims) == []


def test_unsuccessful_prosecutions_are_a_part_not_a_stage():
    claims = [nested("pr", 11, "prosecuted", "saw 11 unsuccessful prosecutions, of those"),
              nested("cv", 16, "convicted", "saw 11 unsuccessful prosecutions, of those")]
    assert check_funnel(claims) == []


def test_a_victim_group_is_not_the_top_of_the_funnel():
    claims = [nested("g", 26, "recorded", "26 rapes of a male aged under 13"),
              nested("ref", 67, "referred", "67 of the 26 cases were referred")]
    assert check_funnel(claims) == []


def test_groups_are_split_by_period_and_offence_and_ignore_rates():
    claims = [rec("r", 100, "reported"), rec("cv", 200, "convicted", period=("2018-04-01", "2019-03-31")),
              rec("sa", 500, "charged", offence="sexual_assault"), rec("pc", 3.3, "convicted", unit="percent")]
    assert check_funnel(claims) == []


def test_reports_and_recorded_crimes_are_not_ordered_against_each_other():
    claims = [nested("rep", 236, "reported", "236 reports"), nested("rec", 561, "recorded", "561 of the 236 reports")]
    assert check_funnel(claims) == []
