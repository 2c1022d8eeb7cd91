"""The across-articles check: the same quantity stated with different values in different articles."""

from __future__ import annotations

from attrition.corpus.check.checks import ClaimRecord, across_key, check_across

FY_2017 = ("2017-04-01", "2018-03-31")


def rec(id, article, value, stage="charged", period=FY_2017, text=None, comparator=None):
    return ClaimRecord(id=id, article_id=article, value=value, unit="count", stage=stage, offence="rape",
                       quote=f"{stage} {value} (article {article})", area="Hertfordshire",
                       period_start=period and period[0], period_end=period and period[1],
                       figure_text=text, comparator=comparator)


def test_two_write_ups_of_one_meeting_conflict_with_both_quotes():
    comet, hemel = rec("a", 1, 35), rec("b", 2, 34)
    check = check_across(comet, [comet, hemel])
    assert check.verdict == "conflict"
    assert check.other_claim_id == "b" and check.other_quote == "charged 34 (article 2)"
    assert check.detail["quote"] == "charged 35 (article 1)"
    assert "35 here, but 34 in article 2" in check.reason
    assert check.abs_diff == 1


def test_the_same_value_elsewhere_agrees():
    first, second = rec("a", 1, 56, "referred"), rec("b", 2, 56, "referred")
    assert check_across(first, [first, second]).verdict == "agrees"


def test_a_hedged_figure_consistent_with_the_exact_one_is_no_conflict():
    exact, hedged = rec("a", 1, 1684), rec("b", 2, 1700, text="1,700", comparator="nearly")
    assert check_across(exact, [exact, hedged]).verdict == "agrees"
    assert check_across(hedged, [exact, hedged]).verdict == "agrees"


def test_claims_in_the_same_article_are_not_compared():
    first, second = rec("a", 1, 35), rec("b", 1, 34)
    assert check_across(first, [first, second]) is None


def test_the_key_needs_area_period_and_a_level():
    assert across_key(rec("a", 1, 35)) != across_key(rec("b", 2, 35, period=("2018-04-01", "2019-03-31")))
    assert across_key(rec("a", 1, 35, period=None)) is None
    assert across_key(rec("a", 1, 35, stage="other")) is None
