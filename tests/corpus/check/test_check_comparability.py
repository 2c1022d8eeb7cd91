"""Comparing like with like (issue 12): each case class of a wrong verdict, with claims and official rows written here."""

from __future__ import annotations

import pytest

from attrition.corpus.check.checks import ClaimRecord, check_across, check_arithmetic, check_official
from attrition.corpus.check.comparability import claim_profile
from attrition.corpus.official.layouts import read_official_file

FY = ("2017-04-01", "2018-03-31")
HEADER = "area,offence,stage,unit,value,population,period_start,period_end,publisher,dataset,url,notes\n"
ROWS = [
    # A force total that is the sum of its victim groups; a publisher calling recorded crimes "reported rapes".
    'Kent,rape,recorded,count,500,all,2017-04-01,2018-03-31,HMICFRS (Rape Monitoring Group),RMG test,https://example.org/rmg,"total of 500 reported rapes = sum of recorded rape offences"',
    # N100 reports, filed under `reported` by whoever typed the row.
    "Kent,rape,reported,count,120,all,2017-04-01,2018-03-31,HMICFRS (Rape Monitoring Group),RMG test,https://example.org/rmg,N100: rape reports not recorded as a crime",
    "Kent,rape,no_crime,count,30,all,2017-04-01,2018-03-31,HMICFRS (Rape Monitoring Group),RMG test,https://example.org/rmg,10 transferred + 20 cancelled rape offences",
    "Kent,rape,convicted,count,40,all,2017-04-01,2018-03-31,HMICFRS (Rape Monitoring Group) / MoJ,RMG test,https://example.org/rmg,persons found guilty of rape (MoJ court data)",
    "Kent,rape,prosecuted,count,60,all,2017-04-01,2018-03-31,HMICFRS (Rape Monitoring Group),RMG test,https://example.org/rmg,CPS completed prosecutions",
    "Kent,rape,charged,percent,42.7,all,2017-04-01,2018-03-31,Home Office,Outcomes test,https://example.org/outcomes,charge/summons as % of recorded",
    "Kent,rape,charged,count,50,all,2017-04-01,2018-03-31,HMICFRS (Rape Monitoring Group),RMG test,https://example.org/rmg,police charge/summons outcomes",
    "England and Wales,sexual_offences,recorded,count,194000,all,2017-04-01,2018-03-31,ONS,Bulletin test,https://example.org/ons,",
]


@pytest.fixture(scope="module")
def official(tmp_path_factory):
    path = tmp_path_factory.mktemp("official") / "tidy.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    return read_official_file(path)[1]


def claim(value, stage, quote, unit="count", area="Kent", offence="rape", **fields):
    figure = fields.pop("figure_text", None) or quote
    return ClaimRecord(id=fields.pop("id", "c1"), article_id=fields.pop("article_id", 1), value=value, unit=unit,
                       stage=stage, offence=offence, quote=quote, area=area, period_start=FY[0], period_end=FY[1],
                       figure_text=figure, **fields)


def test_a_victim_subgroup_is_not_compared_with_the_force_total(official):
    check = check_official(claim(352, "recorded", "352 rapes of a female aged 16 and over"), official)
    assert check.verdict == "not_comparable"
    assert check.reason.startswith("a victim subgroup against the force total")


def test_a_child_figure_is_not_compared_with_all_victims(official):
    check = check_official(claim(200, "recorded", "200 child rapes were recorded"), official)
    assert check.verdict == "not_comparable" and "child victims" in check.reason


def test_a_population_named_at_the_head_of_the_sentence_counts(official):
    sentence = "For child rape, the force recorded 200 offences."
    rec = claim(200, "recorded", "the force recorded 200 offences", sentence=sentence)
    assert claim_profile(rec).population == "child"


def test_the_rmg_reported_rapes_are_recorded_crimes(official):
    check = check_official(claim(500, "reported", "A total of 500 reported rapes"), official)
    assert check.verdict == "agrees" and check.official_value == 500


def test_n100s_are_no_crime_and_compared_with_the_n100_row(official):
    assert [f.stage for f in official if f.value == 120] == ["no_crime"]
    check = check_official(claim(120, "no_crime", "police never recorded 120 of the rape reports"), official)
    assert check.verdict == "agrees" and check.official_value == 120


def test_reports_are_not_compared_with_n100s(official):
    check = check_official(claim(120, "reported", "120 rapes were reported"), official)
    assert check.official_value == 500  # the RMG's "reported rapes", never the 120 N100 row


def test_a_component_is_not_compared_with_its_total(official):
    check = check_official(claim(10, "no_crime", "It transferred 10 rape offences to other forces"), official)
    assert check.verdict == "not_comparable" and check.reason.startswith("a component against its total")


@pytest.mark.parametrize("figure, measure", [("9", "transferred"), ("21", "cancelled")])
def test_each_component_in_one_quote_is_read_in_its_own_clause(official, figure, measure):
    quote = "The force transferred 9 offences to other forces and cancelled 21 offences."
    rec = claim(float(figure), "no_crime", quote, figure_text=figure)
    assert claim_profile(rec).measure == measure
    check = check_official(rec, official)
    assert check.verdict == "not_comparable" and check.reason.startswith("a component against its total")


def test_cps_convictions_are_not_moj_persons_found_guilty(official):
    check = check_official(claim(90, "convicted", "the CPS secured 90 convictions",
                                 source="Crown Prosecution Service"), official)
    assert check.verdict == "not_comparable"
    assert "CPS convictions of defendants" in check.reason and "MoJ persons found guilty" in check.reason


def test_unsuccessful_prosecutions_are_not_completed_ones(official):
    check = check_official(claim(18, "prosecuted", "brought 18 unsuccessful prosecutions"), official)
    assert check.verdict == "not_comparable" and "unsuccessful prosecutions" in check.reason


def test_cps_charges_are_not_police_charge_outcomes(official):
    check = check_official(claim(41, "charged", "the CPS charged 41 cases", source="Crown Prosecution Service"),
                           official)
    assert check.verdict == "not_comparable" and "CPS charged suspects" in check.reason


def test_a_share_of_closed_investigations_is_not_a_share_of_recorded_crimes(official):
    check = check_official(claim(42.7, "charged", "42.7 per cent of closed investigations led to a charge",
                                 unit="percent", figure_text="42.7"), official)
    assert check.verdict == "not_comparable" and "investigations closed" in check.reason


def test_a_one_sided_hedge_is_a_bound(official):
    check = check_official(claim(40, "charged", "more than 40 per cent", unit="percent", figure_text="40",
                                 comparator="more than"), official)
    assert check.verdict == "agrees" and "lower bound" in check.reason


def test_an_upper_bound_below_the_official_value_differs(official):
    check = check_official(claim(40, "charged", "under 40 per cent", unit="percent", figure_text="40",
                                 comparator="under"), official)
    assert check.verdict == "differs"


def test_a_truncated_rate_agrees():
    counts = [claim(161, "prosecuted", "161 cases went to court", id="n"),
              claim(61, "convicted", "61 were convicted", id="k")]
    rate = claim(37.8, "convicted", "only 37.8 per cent were convicted", unit="percent", figure_text="37.8",
                 of_stage="prosecuted", id="r")
    check = check_arithmetic(rate, counts + [rate])
    assert check.verdict == "agrees" and "truncated" in check.reason


def test_a_child_rate_is_not_recomputed_from_adult_counts():
    counts = [claim(110, "recorded", "110 adult rapes were recorded", id="d"),
              claim(36, "no_crime", "36 adult rapes were no-crimed", id="n")]
    rate = claim(19, "no_crime", "the child no crime rate was 19%", unit="percent", figure_text="19",
                 of_stage="recorded", id="r")
    assert check_arithmetic(rate, counts + [rate]) is None


def test_a_revised_total_is_not_plain_differs(official):
    check = check_official(claim(193_566, "recorded", "193,566 sexual offences", area="England and Wales",
                                 offence="sexual_offences", figure_text="193,566"), official)
    assert check.verdict == "not_comparable" and check.reason.startswith("revised:")
    assert check.detail["revised"] is True


def test_a_real_difference_still_differs(official):
    check = check_official(claim(35, "charged", "35 of those allegations led to a charge"), official)
    assert check.verdict == "differs" and check.official_value == 50


def test_no_conflict_between_cps_convictions_and_moj_persons_found_guilty():
    cps = claim(2635, "convicted", "convictions fell to 2,635", source="Crown Prosecution Service",
                area="England and Wales", id="a", article_id=1)
    moj = claim(1062, "convicted", "suspects found guilty of rape fell to 1,062", area="England and Wales",
                id="b", article_id=2)
    from attrition.corpus.check.checks import across_key
    assert across_key(cps) != across_key(moj)


def test_no_conflict_between_an_adult_and_a_child_rate():
    adult = claim(33, "no_crime", "the adult rape no crime rate was 33%", unit="percent", id="a", article_id=1)
    child = claim(19, "no_crime", "the child rape no crime rate was 19%", unit="percent", id="b", article_id=2)
    unnamed = claim(33, "no_crime", "the no crime rate was 33%", unit="percent", id="c", article_id=3)
    assert check_across(child, [adult, child, unnamed]) is None or check_across(child, [adult, child, unnamed]).verdict != "conflict"
    assert check_across(adult, [adult, child, unnamed]).verdict == "agrees"


def test_a_rate_is_derived_from_official_counts_and_says_so(official):
    rate = claim(10, "charged", "a charge rate of 10% of recorded rapes", unit="percent", figure_text="10",
                 of_stage="recorded")
    counts_only = [f for f in official if f.unit == "count"]  # no published rate: derive it
    check = check_official(rate, counts_only)
    assert check.verdict == "agrees" and check.official_value == 10  # 50 charged of 500 recorded
    assert check.detail["derived"] is True and "derived from official counts" in check.reason
