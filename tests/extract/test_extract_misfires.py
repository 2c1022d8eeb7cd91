"""Rules that must not misfire on ordinary sentences (issue #11: a rule for one phrase must not change others).

Sentences written for this test; each is a case a narrower rule once got wrong.
"""

from __future__ import annotations

import pytest

from attrition.extract import extract


def _claims(text: str, published: str | None = "2024-06-01") -> dict[str, object]:
    return {text[c.char_start:c.char_end]: c for c in extract(text, published)}


@pytest.mark.parametrize("text, figure, stage", [
    ("None of the 52 rape reports made in Kent in 2022 led to a charge.", "52", "reported"),
    ("Most of the 640 rape reports in Essex in 2022 resulted in no further action.", "640", "reported"),
])
def test_a_quantifier_of_the_n_leaves_n_its_own_stage(text, figure, stage):
    assert _claims(text)[figure].stage == stage


def test_a_year_in_an_if_clause_is_no_hypothesis():
    claims = _claims("If you look at the figures for 2021/22, only 3% of rapes reported in Kent led to a charge.")
    assert claims["3%"].stage == "charged"


def test_a_share_in_an_if_clause_is_one():
    assert extract("If 5% of rape reports were false, 95% would be true.", "2024-06-01") == []


@pytest.mark.parametrize("text, figure, stage", [
    ("Kent charged 30% of rapes reported in 2022, though many cases were over a year old.", "30%", "charged"),
    ("Kent charged 120 rape suspects in 2022 but it took them months to do it.", "120", "charged"),
    ("Police recorded 2,000 rapes in Kent in 2022, and many women experienced rape more than once.", "2,000",
     "recorded"),
    ("In Kent 5% of rapes were charged and 80% of victims never reported the attack.", "5%", "charged"),
    ("Despite a growing caseload the CPS charged 2,000 rape suspects in 2022.", "2,000", "charged"),
])
def test_non_funnel_readings_stop_at_the_clause(text, figure, stage):
    assert _claims(text)[figure].stage == stage


def test_a_month_ago_is_no_rate_per_month():
    claims = _claims("Kent charged 4% of rapes in 2022, below the national average of 6%, figures released a "
                     "month ago show.")
    assert claims["6%"].stage == "charged"


def test_an_old_comparand_leaves_now_undated():
    claims = _claims("Rape charges in Essex are now 410, compared with 900 in 2010.")
    assert (claims["410"].period_start, claims["900"].period_start) == (None, "2010-01-01")


def test_the_year_after_a_from_period_is_not_guessed_before_it_ends():
    claims = _claims("Rape charges in Essex rose from 180 in 2020/21 to 205 (a rise of 25).", "2021-05-01")
    assert claims["180"].period_start == "2020-04-01"
    assert claims["205"].period_start is None and claims["25"].period_start is None


def test_a_commissioners_first_name_is_not_a_surname_and_a_bare_surname_is_someone_else():
    claims = _claims("Police and Crime Commissioner Donna Jones welcomed the report. Research by Professor "
                     "Sarah Jones found 300 rapes were reported in Hampshire in 2022.")
    assert claims["300"].source != "Hampshire PCC"


def test_a_newspaper_obtaining_a_forces_figures_is_not_their_source():
    claims = _claims("The Courier obtained figures showing 300 rapes were reported to Kent Police in 2022.")
    assert claims["300"].source != "Courier"


def test_a_denominators_own_stage_word_beats_an_earlier_count_of_the_same_value():
    claims = extract("Kent Police recorded 150 rapes in 2019. In 2021, 20 of the 150 files sent to the CPS led "
                     "to a charge.", "2024-06-01")
    assert [(c.value, c.stage) for c in claims] == [(150, "recorded"), (20, "charged"), (150, "referred")]


def test_growing_some_times_over_is_a_multiple_not_a_count():
    assert extract("The number of rapes reported in Kent has increased five times over the past decade.",
                   "2024-06-01") == []


def test_a_bracket_after_a_change_noun_is_the_change_only_when_it_holds_the_figure_alone():
    claims = _claims("Reports of rape in Kent show an increase (1,200 in 2022 against 1,000 in 2021).")
    assert not claims["1,200"].change


def test_a_force_named_earlier_in_the_sentence_keeps_figures_at_stations():
    claims = _claims("Kent Police recorded 1,200 rapes in 2022, and 30 of them happened at railway stations.")
    assert claims["30"].area == "Kent"


def test_half_the_total_is_a_share():
    claims = _claims("Half the total of 800 rape reports in Kent in 2022 were closed without a suspect.")
    assert claims["Half"].value == 50


def test_a_placeless_headline_echo_of_a_placed_figure_is_one_claim():
    claims = extract("Rape charge rate falls to 3.7 per cent\n\nIn Cumbria the rape charge rate fell to 3.7 per cent "
                     "in 2023, police figures show.", "2024-06-01")
    assert [(c.area, c.value) for c in claims] == [("Cumbria", 3.7)]


def test_a_placeless_round_figure_is_not_taken_for_an_echo():
    claims = extract("Kent charged 5 per cent of rapes in 2023. Elsewhere the rate was 5 per cent too, "
                     "and rapes rose.", "2024-06-01")
    assert len(claims) == 2


def test_a_rate_after_a_dash_restates_the_count_whose_clause_it_ends():
    claims = _claims("Home Office figures show 40,000 rapes in England and Wales were closed without a suspect "
                     "being charged in 2023 - about 60 per cent of all rapes given an outcome.")
    assert claims["60 per cent"].stage == claims["40,000"].stage == "nfa"


# Session 8: labels inside sentences, spreads, phone numbers after a clause, "one" before a place, echoes.

@pytest.mark.parametrize("text", [
    "Charge rates for rape ranged from 4% to 11% across forces in 2023.",
    "Anyone who wishes to report a rape can call 101 or, in an emergency, 999.",
    "For the rape offences in question 1, please state how many were charged.",
    "Quarterly report on rape: Quarter 2 2022/23.",
    "A rape survivor in Gwent is three times less likely to see a charge than one in North Wales.",
])
def test_numbers_that_are_no_figure(text):
    assert extract(text, "2024-06-01") == []


def test_those_n_repeats_the_figure_given_before():
    text = ('Dyfed-Powys Police referred 71 rape files to the CPS in 2023. DS Ann Lee said: '
            '"Every one of those 71 files is a victim who trusted us."')
    assert [(c.value, c.stage) for c in extract(text, "2024-06-01")] == [(71, "referred")]
