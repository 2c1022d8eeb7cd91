"""Comparands, non-claims and non-funnel shares (issue #11, items 4, 8, 10; GUIDELINES 4, 5, 10, 14).

Sentences written for this test, one construction each.
"""

from __future__ import annotations

import pytest

from attrition.extract import extract


def _claims(text: str, published: str | None = "2024-06-01") -> dict[str, object]:
    return {text[c.char_start:c.char_end]: c for c in extract(text, published)}


def test_a_fall_after_a_comparand_in_a_named_year_takes_the_later_year():
    claims = _claims("Cheshire brought 275 rape prosecutions, compared with 340 in 2020/21 (a drop of 65 or 19%).",
                     "2022-08-15")
    assert (claims["340"].period_start, claims["275"].period_start) == ("2020-04-01", "2021-04-01")
    assert claims["65"].change and claims["65"].period_start == "2021-04-01"
    assert claims["19%"].period_start == "2021-04-01"


def test_the_year_a_rise_is_measured_against_is_no_later_figures_period():
    claims = _claims("Rape reports to Lancashire Police are now 9% higher than in the year ending June 2022 and "
                     "15% higher than in the year ending June 2021.", None)
    assert claims["9%"].change and claims["15%"].change
    # neither comparand's year is the later figure's: the current period is named nowhere
    assert (claims["15%"].period_start, claims["15%"].period_end) == (None, None)
    assert (claims["9%"].period_start, claims["9%"].period_end) == (None, None)


def test_than_it_was_in_names_the_comparand():
    claims = _claims("Rape charges in Wiltshire came to 85, which is 60 fewer than it was in 2017/18.", "2020-07-01")
    assert claims["60"].change
    assert (claims["60"].period_start, claims["60"].period_end) == (None, None)  # 2017/18 is the comparand's


def test_a_count_in_brackets_after_a_change_noun_is_the_change():
    claims = _claims("Rape charges went up in Merseyside. It was a modest rise (37), but the charge rate is still "
                     "poor.", "2020-07-01")
    assert claims["37"].change


@pytest.mark.parametrize("text", [
    "The network (an alliance of some 45 local charities) campaigns against rape.",
    "The council funded two new rape support centres last spring.",
    "The rape survivor told BBC Two about her case.",
    "Some rape trials were adjourned five or more times.",
    "Police logged an average of 45 rape reports every month.",
])
def test_not_claims(text):
    assert extract(text, "2024-06-01") == []


def test_one_of_a_number_of_forces_is_membership_not_a_figure():
    claims = extract("Ours is one of 19 forces piloting a new approach to rape cases.", "2024-06-01")
    assert [c.value for c in claims] == [19]  # the count of forces (GUIDELINES 10), not "one"


def test_under_recording_shares_are_other_for_each_coordinated_figure():
    claims = _claims("Inspectors said 18 per cent of rapes and 27 per cent of assaults in their sample were not "
                     "recorded. The force fails to record 11% of rapes.")
    assert {claims[k].stage for k in ("18 per cent", "27 per cent", "11%")} == {"other"}


def test_a_share_taking_days_to_come_forward_is_other():
    claims = _claims("Most rape victims wait: 55 per cent take over a week to come forward, a helpline said.")
    assert claims["55 per cent"].stage == "other"


def test_a_share_of_old_incidents_is_other_and_its_rounded_restatement_is_dropped():
    claims = _claims("About a fifth of the rape reports, 21 per cent, involved attacks over a year old.")
    assert list(claims) == ["21 per cent"]
    assert claims["21 per cent"].stage == "other"


def test_a_share_of_incidents_from_over_a_year_earlier_is_other():
    claims = _claims("Roughly a fifth of the rape reports, 21 per cent, related to attacks more than a year earlier.")
    assert claims["21 per cent"].stage == "other"


def test_victims_contacting_the_force_are_reports():
    claims = _claims("More than 900 rape victims contacted the force in Surrey over four years.")
    assert claims["900"].stage == "reported"


def test_an_outcome_after_n_out_of_m_names_the_stage_of_n():
    claims = _claims("Just 21 out of 730 rapes Cleveland Police recorded in 2023 ended with a charge.")
    assert (claims["21"].stage, claims["730"].stage) == ("charged", "recorded")


def test_the_level_a_rate_fell_to_keeps_the_rates_stage():
    claims = _claims("Prosecutions for rape fell by 2% from 2,000 to 1,960 and rape conviction rates fell by 1.5% "
                     "across the year to 70.2%.")
    assert claims["70.2%"].stage == "convicted" and not claims["70.2%"].change


def test_the_complement_of_a_share_is_arithmetic_not_a_claim():
    claims = _claims("Just 16% of rape victims go to police, which means 84% never do.")
    assert list(claims) == ["16%"]


@pytest.mark.parametrize("text, figure", [
    ("Some 65% of the rape caseload is made up of offences by partners or exes.", "65%"),
    ("About 38% of sexual offences Hampshire recorded in 2023 were rape offences.", "38%"),
])
def test_composition_shares_are_other(text, figure):
    assert _claims(text)[figure].stage == "other"


def test_a_composition_share_with_the_crime_type_first_is_other():
    claims = _claims("Rape offences were 38% (1,450 crimes) of the sexual offences Hampshire recorded in 2023.")
    assert (claims["38%"].stage, claims["1,450"].stage) == ("other", "recorded")


def test_a_count_restating_a_composition_share_keeps_its_own_stage():
    claims = _claims("Of the sexual offences Hampshire recorded in 2023, about 38% (1,450 crimes) were rape "
                     "offences.")
    assert (claims["38%"].stage, claims["1,450"].stage) == ("other", "recorded")


def test_an_aside_defining_a_term_lends_no_stage():
    claims = _claims("Northumbria's rape no-crime rate - that is, the share of crimes recorded as rape and later "
                     "cancelled - stood at 17% in 2020.")
    assert claims["17%"].stage == "no_crime"


def test_a_place_accounting_for_part_of_a_total_keeps_the_totals_stage():
    # a breakdown by area, not a crime type's share of crime (GUIDELINES 10)
    claims = _claims("Rape reports to Lancashire Constabulary rose to 1,800 in 2022. Blackpool accounted for 400 of them.")
    assert (claims["400"].stage, claims["400"].area) == ("reported", "Lancashire")


def test_a_crime_types_share_of_a_total_is_other_but_its_count_keeps_the_stage():
    # GUIDELINES 10 names the share ("rape made up 40% of sexual offences"); the count is a level of rapes
    claims = _claims("Rape made up 7% of the 60,000 sexual offences recorded in Kent in 2022.")
    assert claims["7%"].stage == "other"
    claims = _claims("Rape made up 4,000 of the 60,000 sexual offences recorded in Kent in 2022.")
    assert claims["4,000"].stage == "recorded"


def test_a_figure_for_a_period_not_yet_begun_is_a_target_not_a_claim():
    claims = _claims('The commissioner said: "I want to see our rape charge rate reach 10 per cent by 2026." '
                     "Kent's rape charge rate was 5.9 per cent in 2023.", published="2024-06-01")
    assert list(claims) == ["5.9 per cent"]


def test_a_publication_date_that_is_not_iso_does_not_drop_claims():
    assert list(_claims("In 2022 police in Kent recorded 300 rapes.", published="03/05/2023")) == ["300"]


@pytest.mark.parametrize("text, figure", [
    ("A charity in Kent said that 40% of the rape victims it supports never report to police.", "40%"),
    ("In Kent, 40% of rape victims don't report the attack.", "40%"),
])
def test_a_share_that_never_reports_is_other(text, figure):
    # under-reporting (GUIDELINES 10), in the present tense too
    assert _claims(text)[figure].stage == "other"


def test_a_figure_the_parser_hangs_on_a_period_is_still_a_claim():
    # "to 140 last year": "last year" dates the 140, it is not what the 140 counts
    claim = _claims("Rape prosecutions in Kent have almost halved since 2016, to 140 last year.", "2023-03-01")["140"]
    assert (claim.stage, claim.period_start) == ("prosecuted", "2022-01-01")


def test_a_count_of_years_is_still_no_claim():
    assert _claims("Kent Police has investigated rape for 140 years.", "2023-03-01") == {}
