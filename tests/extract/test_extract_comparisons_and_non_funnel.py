"""Comparands, non-claims and non-funnel shares (issue #11, items 4, 8, 10; GUIDELINES 4, 5, 10, 14).

Sentences written for this test, one construction each.
"""

from __future__ import annotations

import pytest

from attrition.extract import extract


def _claims(text: str, published: str | None = "2024-06-01") -> dict[str, object]:
    return {text[c.char_start:c.char_end]: c for c in extract(text, published)}


def test_a_fall_after_a_comparand_in_a_named_year_takes_the_later_year():
    claims = _claims("Rape prosecutions in Essex are now 410 compared to 520 in 2021/22 (a fall of 110 or 21%).",
                     "2023-07-30")
    assert (claims["520"].period_start, claims["410"].period_start) == ("2021-04-01", "2022-04-01")
    assert claims["110"].change and claims["110"].period_start == "2022-04-01"
    assert claims["21%"].period_start == "2022-04-01"


def test_the_year_a_rise_is_measured_against_is_no_later_figures_period():
    claims = _claims("Recorded rapes in Kent rose again, the latest figure 12% higher than the year ending "
                     "March 2021, and 8% higher than the year ending March 2020.", None)
    assert claims["12%"].change and claims["8%"].change
    assert claims["8%"].period_start != "2020-04-01"
    assert claims["12%"].period_start != "2020-04-01"


def test_than_it_was_in_names_the_comparand():
    claims = _claims("Rape charges in Devon rose to 300, still 150 lower than it was in the year 2015/16.",
                     "2020-07-01")
    assert claims["150"].change
    assert claims["150"].period_start != "2015-04-01"


def test_a_count_in_brackets_after_a_change_noun_is_the_change():
    claims = _claims("Rape charges in Devon rose again. Although this is a slight increase (42), rape charges "
                     "are still low.", "2020-07-01")
    assert claims["42"].change


@pytest.mark.parametrize("text", [
    "The coalition (a coalition of over 80 specialist women’s organisations) wrote about rape.",
    "The mayor opened an additional three Rape Crisis centers in the city.",
    "The rape survivor told BBC Two about her case.",
    "Rape trials were rescheduled six or more times.",
    "That is an average of 80 rapes and more than 200 other sexual offences reported each month.",
])
def test_not_claims(text):
    assert extract(text, "2024-06-01") == []


def test_one_of_a_number_of_forces_is_membership_not_a_figure():
    claims = extract("We are one of 14 forces to join the programme on rape investigations.", "2024-06-01")
    assert [c.value for c in claims] == [14]  # the count of forces (GUIDELINES 10), not "one"


def test_under_recording_shares_are_other_for_each_coordinated_figure():
    claims = _claims("The audit found 21 per cent of sexual offences including rape and 30 per cent of "
                     "violent crime not recorded. Officers fail to record 15% of rapes.")
    assert {claims[k].stage for k in ("21 per cent", "30 per cent", "15%")} == {"other"}


def test_a_share_taking_days_to_come_forward_is_other():
    claims = _claims("The charity said 60 per cent of rape victims take more than three days to come forward.")
    assert claims["60 per cent"].stage == "other"


def test_a_share_of_old_incidents_is_other_and_its_rounded_restatement_is_dropped():
    claims = _claims("A quarter of the rape complaints, some 24 per cent, concerned incidents more than a "
                     "year old.")
    assert list(claims) == ["24 per cent"]
    assert claims["24 per cent"].stage == "other"


def test_victims_contacting_the_force_are_reports():
    claims = _claims("More than 900 rape victims contacted the force in Surrey over four years.")
    assert claims["900"].stage == "reported"


def test_an_outcome_after_n_out_of_m_names_the_stage_of_n():
    claims = _claims("Only 12 out of 640 rape offences recorded by Norfolk Constabulary resulted in charges in 2023.")
    assert (claims["12"].stage, claims["640"].stage) == ("charged", "recorded")


def test_the_level_a_rate_fell_to_keeps_the_rates_stage():
    claims = _claims("Prosecutions for rape fell by 2% from 2,000 to 1,960 and rape conviction rates fell by 1.5% "
                     "across the year to 70.2%.")
    assert claims["70.2%"].stage == "convicted" and not claims["70.2%"].change


def test_the_complement_of_a_share_is_arithmetic_not_a_claim():
    claims = _claims("Only 20% of people who are raped tell the police, which means 80% do not.")
    assert list(claims) == ["20%"]


@pytest.mark.parametrize("text, figure", [
    ("More than 70% of rape prosecutions are made up of cases against partners.", "70%"),
    ("About 40% of sexual offences recorded by the police in 2023 were rape offences.", "40%"),
])
def test_composition_shares_are_other(text, figure):
    assert _claims(text)[figure].stage == "other"


def test_a_count_restating_a_composition_share_keeps_its_own_stage():
    claims = _claims("In 2023, about 40% (5,000 offences) of sexual offences recorded by the police were rape "
                     "offences.")
    assert (claims["40%"].stage, claims["5,000"].stage) == ("other", "recorded")


def test_an_aside_defining_a_term_lends_no_stage():
    claims = _claims('Devon had the highest "no-criming" rate for rapes - that is, a crime first recorded as '
                     'rape, then declassified - at 21% in 2020.')
    assert claims["21%"].stage == "no_crime"
