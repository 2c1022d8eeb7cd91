"""The funnel-order check: within an article, force, offence and period, later stages cannot exceed earlier ones."""

from __future__ import annotations

from attrition.corpus.check.checks import ClaimRecord, check_funnel

FY_2017 = ("2017-04-01", "2018-03-31")


def rec(id, value, stage, period=FY_2017, unit="count", offence="rape"):
    return ClaimRecord(id=id, article_id=1, value=value, unit=unit, stage=stage, offence=offence,
                       quote=f"quote {id}", area="Hertfordshire", period_start=period[0], period_end=period[1])


def verdicts(checks):
    return {c.claim_id: c.verdict for c in checks}


def test_herts_funnel_in_order():
    claims = [rec("r", 864, "reported"), rec("ref", 56, "referred"), rec("ch", 35, "charged"),
              rec("cv", 28, "convicted")]
    checks = check_funnel(claims)
    assert verdicts(checks) == {"r": "in_order", "ref": "in_order", "ch": "in_order", "cv": "in_order"}
    assert [step["stage"] for step in checks[0].detail["funnel"]] == ["reported", "referred", "charged", "convicted"]


def test_a_later_stage_exceeding_an_earlier_one_is_out_of_order():
    claims = [rec("r", 864, "reported"), rec("ref", 56, "referred"), rec("ch", 60, "charged"),
              rec("cv", 28, "convicted")]
    checks = {c.claim_id: c for c in check_funnel(claims)}
    assert checks["ch"].verdict == "out_of_order" and checks["ref"].verdict == "out_of_order"
    assert checks["ch"].reason == "60 charged exceeds 56 referred"
    assert checks["ch"].other_claim_id == "ref" and checks["ch"].other_quote == "quote ref"
    assert checks["r"].verdict == "in_order" and checks["cv"].verdict == "in_order"


def test_groups_are_split_by_period_and_offence_and_ignore_rates():
    claims = [rec("r", 100, "reported"), rec("cv", 200, "convicted", period=("2018-04-01", "2019-03-31")),
              rec("sa", 500, "charged", offence="sexual_assault"), rec("pc", 3.3, "convicted", unit="percent")]
    assert check_funnel(claims) == []


def test_reports_and_recorded_crimes_are_not_ordered_against_each_other():
    claims = [rec("rep", 244, "reported"), rec("rec", 561, "recorded"), rec("ch", 52, "charged")]
    assert set(verdicts(check_funnel(claims)).values()) == {"in_order"}
