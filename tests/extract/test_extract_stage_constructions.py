"""Stage and figure constructions (issue #11, items 2, 3, 10, 11; GUIDELINES 12-13).

Sentences written for this test, one construction each.
"""

from __future__ import annotations

import pytest

from attrition.extract import extract


def _claims(text: str, published: str | None = "2024-06-01") -> dict[str, object]:
    return {text[c.char_start:c.char_end]: c for c in extract(text, published)}


def test_a_relative_clause_outcome_beats_the_base_noun_after_average_of():
    claims = _claims("Devon's rate is below the national average of 9 per cent of recorded rapes that resulted "
                     "in a charge in 2021.")
    assert claims["9 per cent"].stage == "charged"
    assert claims["9 per cent"].of_stage == "recorded"


def test_action_taken_with_an_aside_is_charged():
    claims = _claims("In Cumbria further action, including arrests and cautions, was taken on 9.5 per cent of "
                     "reported rapes in 2022.")
    assert claims["9.5 per cent"].stage == "charged"


@pytest.mark.parametrize("text, numerator, denominator, stages", [
    ("Detectives in Kent solved just one of 27 rapes in 2019.", "one", "27", ("charged", "recorded")),
    ("In Essex 14 out of 300 rapes recorded in 2020 led to a charge.", "14", "300", ("charged", "recorded")),
    ("Only 22 of the 150 rape cases sent to the CPS by Kent Police in 2019 were charged.", "22", "150",
     ("charged", "referred")),
])
def test_a_denominator_counts_its_own_noun_phrase(text, numerator, denominator, stages):
    claims = _claims(text)
    assert (claims[numerator].stage, claims[denominator].stage) == stages


@pytest.mark.parametrize("text", [
    "Kent's charge rate for rape in 2021 was half the national average.",
    "Rapes charged in Kent were half the rate seen in Essex in 2021.",
])
def test_half_the_average_is_a_comparison_not_a_figure(text):
    assert not any(c.value == 50 for c in extract(text, "2024-06-01"))


def test_half_of_a_count_is_still_a_share():
    claims = _claims("Half of the rapes recorded by Kent Police in 2021 were closed without a suspect.")
    assert claims["Half"].value == 50


@pytest.mark.parametrize("text", [
    "Every one of the 640 rapes recorded in Kent in 2022 matters.",
    "Not one of the 52 rapes recorded in Kent in 2022 led to a charge.",
])
def test_every_one_of_is_not_a_figure(text):
    values = [c.value for c in extract(text, "2024-06-01")]
    assert 1 not in values and values  # the count itself is still a claim


@pytest.mark.parametrize("text, figure", [
    # awaiting an outcome, with a second figure in the coordination
    ("Court records show 4,210 sexual offence cases and 980 adult rape cases are waiting to be heard.", "4,210"),
    # a survey estimate of experience, the population qualified at length
    ("The survey estimated that 1.9% of adults aged 16 to 59 years (600,000) experienced sexual assault last year.",
     "1.9%"),
])
def test_non_funnel_quantities_with_long_qualifiers_are_other(text, figure):
    assert _claims(text)[figure].stage == "other"


def test_figures_on_the_railways_are_british_transport_polices():
    claims = _claims("Sexual offences recorded on UK trains rose by 14% in 2022, to 2,700.")
    assert claims["14%"].area == claims["2,700"].area == "British Transport Police"


def test_of_those_points_back_to_the_previous_paragraphs_place():
    text = ("Of the rapes recorded in Wales in 2019, 1,100 victims were adults.\n\n"
            "Of those, 92% were women.")
    assert _claims(text)["92%"].area == "Wales"


def test_a_force_after_a_semicolon_opens_the_next_clause():
    text = ("Gwent Police recorded 300 rapes in 2019, with 30 prosecutions and 12 convictions; "
            "and Dyfed-Powys Police recorded 250, with 20 prosecutions.")
    claims = _claims(text)
    assert claims["12"].area == "Gwent"
    assert claims["250"].area == "Dyfed-Powys"


def test_a_bracketed_from_to_restates_the_rate_named_before_it():
    text = "Kent saw a rise in the share of rapes that are no-crimed between 2012 and 2014 (from 8.1% to 19.5%)."
    claims = _claims(text)
    assert claims["8.1%"].stage == claims["19.5%"].stage == "no_crime"


def test_a_denominator_that_restates_an_earlier_count_keeps_its_stage():
    text = ("Of the 420 women who reported rape to Kent Police in 2018, 55% later withdrew. "
            "Only 7% of the 420 cases went to trial.")
    claims = extract(text, "2024-06-01")
    assert {c.stage for c in claims if c.value == 420} == {"reported"}


def test_a_change_in_a_relative_clause_is_a_change_of_its_antecedent():
    text = "Ministers cited the fall in rape charges, which the Home Office said dropped 31%, since 2016."
    claims = _claims(text)
    assert claims["31%"].change and claims["31%"].stage == "charged"


@pytest.mark.parametrize("text, figure, stage", [
    ("For sexual offences, case finalisations fell 4.2% in the quarter.", "4.2%", "prosecuted"),
    ("The live caseload of sexual offence cases in the Crown Court rose by 5.5% in 2023.", "5.5%", "other"),
])
def test_cps_terms(text, figure, stage):
    assert _claims(text)[figure].stage == stage


def test_marking_reports_as_no_crime_is_a_share_of_reports():
    claims = _claims('On marking reports of rape as "no crime", forces range from 3.1% in Dorset to 21.0% in Essex.')
    assert claims["3.1%"].stage == "no_crime" and claims["3.1%"].of_stage == "reported"


def test_how_often_something_was_done_is_a_count_but_a_multiplier_is_not():
    claims = _claims("Police in Kent charged a suspect in a rape case 212 times in 2021, equating to just 4 per cent "
                     "of investigations closed.")
    assert claims["212"].stage == "charged"
    assert claims["4 per cent"].stage == "charged" and claims["4 per cent"].of_stage is None
    assert not any(c.value == 3 for c in extract("Rapes were three times as common in Kent in 2020.", "2024-06-01"))


def test_an_outcome_after_a_restated_figure_covers_both():
    claims = _claims("Of the rapes recorded in Surrey in 2019, 48, or five per cent, resulted in a charge.")
    assert claims["48"].stage == claims["five per cent"].stage == "charged"
