"""Stage and figure constructions (issue #11, items 2, 3, 10, 11; GUIDELINES 12-13).

Sentences written for this test, one construction each.
"""

from __future__ import annotations

import pytest

from attrition.extract import extract


def _claims(text: str, published: str | None = "2024-06-01") -> dict[str, object]:
    return {text[c.char_start:c.char_end]: c for c in extract(text, published)}


def test_a_relative_clause_outcome_beats_the_base_noun_after_average_of():
    claims = _claims("Suffolk falls short of the average of 7 per cent of recorded rapes that led to a charge in 2022.")
    assert claims["7 per cent"].stage == "charged"
    assert claims["7 per cent"].of_stage == "recorded"


def test_a_relative_clause_outcome_beats_the_base_noun_after_an_area_average():
    claims = _claims("Suffolk trails the England and Wales average of 7 per cent of recorded rapes that resulted in a "
                     "charge in 2022.")
    assert (claims["7 per cent"].stage, claims["7 per cent"].of_stage) == ("charged", "recorded")


@pytest.mark.parametrize("text, figure, stages", [
    # the relative clause on the share's base names what the share became (RELATIVE_OUTCOME)
    ("Norfolk matched the regional figure of 11% of reported rapes which led to a conviction last year.", "11%",
     ("convicted", "reported")),
    ("The force cited a rate of 4 per cent of rape complaints that ended in a charge in 2021.", "4 per cent",
     ("charged", "reported")),
])
def test_a_relative_clause_on_the_base_names_the_outcome(text, figure, stages):
    claim = _claims(text)[figure]
    assert (claim.stage, claim.of_stage) == stages


def test_a_relative_clause_that_names_no_stage_leaves_the_figure_to_its_own_verb():
    # "led to an arrest": an outcome verb, but an arrest is no funnel stage
    claim = _claims("In Kent, 9 per cent of the rapes that led to an arrest were recorded in 2021.")["9 per cent"]
    assert claim.stage == "recorded"


def test_action_taken_with_an_aside_is_charged():
    claims = _claims("In Gwent, action - for example a charge or a caution - was taken in 8.2 per cent of rape "
                     "reports in 2021.")
    assert claims["8.2 per cent"].stage == "charged"


@pytest.mark.parametrize("text, numerator, denominator, stages", [
    ("Officers in Dorset solved one of 44 rapes in 2018.", "one", "44", ("charged", "recorded")),
    ("In Essex 14 out of 300 rapes recorded in 2020 led to a charge.", "14", "300", ("charged", "recorded")),
    ("Prosecutors charged 22 of the 150 rape files sent to them by Avon and Somerset Police in 2019.", "22", "150",
     ("charged", "referred")),
])
def test_a_denominator_counts_its_own_noun_phrase(text, numerator, denominator, stages):
    claims = _claims(text)
    assert (claims[numerator].stage, claims[denominator].stage) == stages


def test_a_denominator_passed_to_prosecutors_is_referred():
    # "the 150 rape files": the noun phrase is the files' (past the compound "rape")
    claims = _claims("Prosecutors charged 22 of the 150 rape files Avon and Somerset passed to them in 2019.")
    assert (claims["22"].stage, claims["150"].stage) == ("charged", "referred")


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
    ("Listings show 3,100 sexual offence trials and 720 rape trials still waiting to be heard.", "3,100"),
    # a survey estimate of experience, the population qualified at length
    ("The survey suggests 1.7% of women aged 18 to 64 living in Scotland (58,000) experienced rape or attempted "
     "rape last year.", "1.7%"),
])
def test_non_funnel_quantities_with_long_qualifiers_are_other(text, figure):
    assert _claims(text)[figure].stage == "other"


def test_a_first_coordinated_figure_yet_to_be_heard_is_other():
    claims = _claims("Listings show 3,100 sexual offence trials and 720 rape trials are yet to be heard.")
    assert claims["3,100"].stage == "other"


def test_figures_on_the_railways_are_british_transport_polices():
    claims = _claims("Sexual offences recorded on UK trains rose by 14% in 2022, to 2,700.")
    assert claims["14%"].area == claims["2,700"].area == "British Transport Police"


def test_of_those_points_back_to_the_previous_paragraphs_place():
    text = ("Across Wales, 1,100 adult rape victims came forward in 2019.\n\n"
            "Of those, 92% were women.")
    assert _claims(text)["92%"].area == "Wales"


def test_a_force_after_a_semicolon_opens_the_next_clause():
    text = ("In 2020 Cumbria Constabulary charged 25 rape suspects and convicted 11; "
            "and Lancashire Constabulary charged 60.")
    claims = _claims(text)
    assert claims["11"].area == "Cumbria"
    assert claims["60"].area == "Lancashire"


def test_a_bracketed_from_to_restates_the_rate_named_before_it():
    text = ("The proportion of rape reports Avon and Somerset no-crimed went up sharply between 2013 and 2015 "
            "(from 6.4% to 14.2%).")
    claims = _claims(text)
    assert claims["6.4%"].stage == claims["14.2%"].stage == "no_crime"


def test_a_denominator_that_restates_an_earlier_count_keeps_its_stage():
    text = "Essex Police received 380 rape reports from students in 2018. Just 9% of the 380 reached a courtroom."
    claims = extract(text, "2024-06-01")
    assert {c.stage for c in claims if c.value == 380} == {"reported"}


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
    claims = _claims("Staffordshire officers charged rape suspects 147 times in 2022, or 3 per cent of investigations "
                     "closed that year.")
    assert claims["147"].stage == "charged"
    assert claims["3 per cent"].stage == "charged" and claims["3 per cent"].of_stage is None
    assert not any(c.value == 3 for c in extract("Rapes were three times as common in Kent in 2020.", "2024-06-01"))


def test_an_outcome_after_a_restated_figure_covers_both():
    claims = _claims("In 2019 just 33 rapes in Suffolk, or four per cent of those recorded, ended in a charge.")
    assert claims["33"].stage == claims["four per cent"].stage == "charged"


def test_a_share_of_closed_investigations_has_no_base_stage():
    claims = _claims("Staffordshire officers charged rape suspects 147 times in 2022 - about 3 per cent of closed "
                     "investigations.")
    assert claims["3 per cent"].stage == "charged" and claims["3 per cent"].of_stage is None


@pytest.mark.parametrize("text, figure, stage", [
    # a participle on the subject a level is of names the stage ...
    ("Rape reports recorded by Kent Police rose to 2,100 in 2022.", "2,100", "recorded"),
    # ... unless the subject's own word is the stronger
    ("In Kent, the 'no crimes' recorded for rape were at 31% in 2022.", "31%", "no_crime"),
    # coming to the police's attention is reporting
    ("Some 2,100 rapes came to the attention of Kent Police in 2022.", "2,100", "reported"),
])
def test_the_subjects_participle_and_other_reporting_words(text, figure, stage):
    assert _claims(text)[figure].stage == stage


@pytest.mark.parametrize("text, figure, stages", [
    # a named rate's base after its figure, or further into the base's noun phrase (GUIDELINES 12)
    ("Kent had a charge rate of 5.6% for reported rapes in 2022.", "5.6%", ("charged", "reported")),
    ("In Kent the conviction rate for rape cases that reached court was 60% in 2022.", "60%",
     ("convicted", "prosecuted")),
    # a named rate with no base stays without one
    ("Kent had a charge rate of 5.6% in 2022, the force said of rape.", "5.6%", ("charged", None)),
])
def test_a_named_rates_base_after_its_figure_or_deeper_in_its_phrase(text, figure, stages):
    claim = _claims(text)[figure]
    assert (claim.stage, claim.of_stage) == stages


def test_a_verb_form_before_its_noun_does_not_stop_the_outcome_verb():
    # the parser may read "reported" as the main verb; it modifies "rapes" all the same
    claim = _claims('Jo Roe said: "Only one in 26 reported rapes ends in a charge. That is a failure."')["one in 26"]
    assert (claim.stage, claim.of_stage, claim.speaker) == ("charged", "reported", "Jo Roe")
