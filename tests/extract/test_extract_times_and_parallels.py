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
