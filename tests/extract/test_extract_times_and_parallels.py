"""Average times, parallel rates, reasons and change phrases (issue #11, items 1, 2, 4, 7; GUIDELINES 10, 12, 14).

Sentences written for this test, one construction each.
"""

from __future__ import annotations

from attrition.extract import extract


def _claims(text: str, published: str | None = "2024-06-01") -> dict[str, object]:
    return {text[c.char_start:c.char_end]: c for c in extract(text, published)}


def test_an_average_time_and_its_change_are_other_figures():
    claims = _claims("In Kent the mean time from a rape report to a charge grew by four days last quarter, "
                     "reaching 51.5 days.")
    assert (claims["four"].stage, claims["four"].change) == ("other", True)
    assert claims["51.5"].stage == "other"


def test_an_average_length_of_time_given_in_months_is_a_figure():
    claims = _claims("For rape cases in Essex the average wait from charge to verdict was 14 months.")
    assert claims["14"].stage == "other"


def test_a_wait_in_passing_is_no_figure():
    assert not any(c.value == 3 for c in extract(
        "Rape survivors in Devon can wait three years or more for a trial, a charity said.", "2024-06-01"))


def test_a_long_change_noun_phrase_before_of_is_still_a_change():
    claims = _claims("Figures show an increase in adult rape cases flagged as charged of 48% since 2021.")
    assert claims["48%"].change and claims["48%"].stage == "charged"


def test_a_parallel_rate_with_a_bare_base_copies_the_earlier_base():
    claims = _claims("In 2022 some 60% of rape cases Kent took to court ended in a conviction; in 2023 so far, "
                     "64% of cases have.")
    assert claims["60%"].of_stage == "prosecuted"
    assert claims["64%"].of_stage == "prosecuted"


def test_counts_of_reasons_are_other_and_so_is_their_change():
    claims = _claims("Court data show 640 rape trials did not go ahead because a defence barrister was absent in "
                     "2023 – an increase of 210 in a year. Of the delays, 300 were due to a lack of judges.")
    assert claims["300"].stage == "other"
    assert claims["210"].change


def test_a_prosecution_lawyer_is_no_prosecution():
    claims = _claims("In 2023, 120 rape hearings in Leeds were put off because the prosecution barrister was ill.")
    assert claims["120"].stage != "prosecuted"


def test_one_of_the_two_outcomes_takes_the_outcome_named_before():
    claims = _claims("Devon had the lowest share of recorded rapes that ended in a charge or caution.\n\n"
                     "In 2013-14 just 7 per cent of rapes the force dealt with ended in one of those outcomes.")
    assert claims["7 per cent"].stage == "charged"


def test_a_comparison_may_reach_back_past_a_long_phrase_when_it_says_compared():
    claims = _claims("Only 7 per cent of rapes recorded in Devon in 2013-14 led to a charge - compared to an "
                     "average across all the police forces in England and Wales of 17 per cent.")
    assert (claims["17 per cent"].stage, claims["17 per cent"].area) == ("charged", "England and Wales")


def test_a_rise_from_a_rate_is_no_comparand_of_a_figure_far_back():
    claims = _claims("Rapes recorded in Kent are up by 20 per cent, but fewer victims are withdrawing and the "
                     "conviction rate has gone up from 4 per cent to 9 per cent.")
    assert claims["4 per cent"].stage == "convicted"
