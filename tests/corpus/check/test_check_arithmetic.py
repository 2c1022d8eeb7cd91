"""The arithmetic check: a rate against the counts it is a rate of, in the same article."""

from __future__ import annotations

import pytest

from attrition.corpus.check.checks import ClaimRecord, check_arithmetic

CY_2022 = ("2022-01-01", "2022-12-31")


def rec(id, value, unit, stage, text=None, of_stage=None, period=CY_2022, area="Lancashire", **fields):
    return ClaimRecord(id=id, article_id=1, value=value, unit=unit, stage=stage, offence="rape",
                       quote=f"quote {id}", of_stage=of_stage, area=area, period_start=period and period[0],
                       period_end=period and period[1], figure_text=text, **fields)


REPORTS = rec("reports", 1527, "count", "reported", "1,527")
CONVICTIONS = rec("convictions", 50, "count", "convicted", "50")


@pytest.mark.parametrize("value, text, verdict", [
    (3.3, "3.3", "agrees"),
    (3, "three", "agrees"),   # "three per cent" is stated to whole numbers
    (3.2, "3.2", "agrees"),   # 3.274 truncated to one decimal
    (3.1, "3.1", "differs"),
    (4, "four", "differs"),
])
def test_rate_recomputed_from_counts(value, text, verdict):
    rate = rec("rate", value, "percent", "convicted", text, of_stage="reported")
    check = check_arithmetic(rate, [REPORTS, CONVICTIONS, rate])
    assert check.verdict == verdict
    assert check.official_value == pytest.approx(3.2744, abs=1e-4)
    assert check.detail["numerator"]["claim_id"] == "convictions"
    assert check.detail["denominator"]["claim_id"] == "reports"
    assert check.other_quote == "quote reports"
    assert "50 of 1,527 is 3.27%" in check.reason


def test_the_pair_that_agrees_is_chosen_when_counts_repeat():
    other = rec("other", 4214, "count", "reported", "4,214")
    rate = rec("rate", 3.3, "percent", "convicted", "3.3", of_stage="reported")
    assert check_arithmetic(rate, [other, REPORTS, CONVICTIONS]).verdict == "agrees"


@pytest.mark.parametrize("rate, claims", [
    # no denominator in the article
    (rec("rate", 3.3, "percent", "convicted", "3.3", of_stage="reported"), [CONVICTIONS]),
    # counts for another period
    (rec("rate", 3.3, "percent", "convicted", "3.3", of_stage="reported", period=("2021-01-01", "2021-12-31")),
     [REPORTS, CONVICTIONS]),
    # counts for another force
    (rec("rate", 3.3, "percent", "convicted", "3.3", of_stage="reported", area="Kent"), [REPORTS, CONVICTIONS]),
    # a rate that does not say what it is a share of
    (rec("rate", 3.3, "percent", "convicted", "3.3"), [REPORTS, CONVICTIONS]),
    # a change, not a level
    (rec("rate", 3.3, "percent", "convicted", "3.3", of_stage="reported", change=True), [REPORTS, CONVICTIONS]),
])
def test_a_rate_that_cannot_be_recomputed_is_left_unchecked(rate, claims):
    assert check_arithmetic(rate, claims + [rate]) is None
