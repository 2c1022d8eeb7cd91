"""Rates whose base a partitive names, outcome types by number, defining asides, snapshot dates and
parallel rates (issue #11, items 1, 3, 7, 8; GUIDELINES 8, 9, 12, 13).

Sentences written for this test, one construction each.
"""

from __future__ import annotations

import pytest

from attrition.extract import extract


def _by_value(text: str, published: str = "2024-06-01", **meta):
    return {c.value: c for c in extract(text, published, **meta)}


@pytest.mark.parametrize("tail", ["which equates to 2.9 per cent", "a rate of 2.9 per cent", "or 2.9 per cent"])
def test_a_rate_restating_n_of_the_rapes_recorded_is_a_share_of_recorded(tail):
    claims = _by_value(f"Suffolk Police said 48 of the rapes recorded in 2022/23 had led to a charge, {tail}.")
    assert (claims[48].stage, claims[48].of_stage) == ("charged", None)
    assert (claims[2.9].stage, claims[2.9].of_stage) == ("charged", "recorded")


def test_without_a_partitive_the_rate_keeps_the_usual_base():
    claims = _by_value("Suffolk Police charged 48 rape suspects in 2022/23, a rate of 2.9 per cent.")
    assert claims[2.9].of_stage != "recorded"


def test_the_date_outcomes_were_counted_at_is_not_the_period_of_the_cohort():
    claims = _by_value("By the end of May 2023, 48 of the rapes recorded in 2021/22 in Suffolk had resulted in a charge.")
    assert (claims[48].period_start, claims[48].period_end) == ("2021-04-01", "2022-03-31")


def test_a_snapshot_date_alone_still_dates_the_figure():
    claims = _by_value("By the end of May 2023, Suffolk Police had charged 48 rape suspects.")
    assert claims[48].period_end == "2023-05-31"


@pytest.mark.parametrize("code, stage", [("1", "charged"), ("16", "withdrawn"), ("14", "withdrawn"),
                                         ("18", "nfa"), ("15", "nfa")])
def test_a_home_office_outcome_type_by_number_names_its_stage(code, stage):
    claims = _by_value(f"In Suffolk, outcome {code} was given to 57 of the rapes recorded in 2022.")
    assert claims[57].stage == stage


def test_an_outcome_code_is_not_itself_a_figure():
    claims = _by_value("In Suffolk, outcome 16 was given to 57 of the rapes recorded in 2022.")
    assert 16 not in claims


def test_an_outcome_that_accounts_for_a_share_of_recorded_rapes_is_that_outcome():
    claims = _by_value("In Suffolk, charges accounted for 3.1 per cent of the rapes recorded in 2022.")
    assert (claims[3.1].stage, claims[3.1].of_stage) == ("charged", "recorded")


def test_a_crime_type_that_accounts_for_a_share_is_still_composition():
    claims = _by_value("In Suffolk, rape accounted for 19 per cent of the sexual offences recorded in 2022.")
    assert claims[19].stage == "other"


@pytest.mark.parametrize("verb", ["measured", "defined", "calculated"])
def test_a_defining_aside_lends_its_words_to_no_figure(verb):
    claims = _by_value(f"In Suffolk the charge rate, {verb} as the share of rape investigations closed in the year "
                       "that ended with a charge, rose to 7.2 per cent in 2023/24.")
    assert claims[7.2].stage == "charged"


def test_a_rate_with_no_word_of_its_own_copies_the_stage_and_base_of_the_rate_before_it():
    claims = _by_value("In Suffolk, the conviction rate for rape rose to 61 per cent in 2023. "
                       "Across England and Wales the average was 58 per cent.")
    assert (claims[58].stage, claims[58].of_stage) == (claims[61].stage, claims[61].of_stage)
    assert claims[58].area == "England and Wales"


def test_the_proportion_of_reports_given_an_outcome_is_a_share_of_reports():
    claims = _by_value('Across England and Wales, the proportion of rape reports cancelled as "no crime" fell to '
                       "4.8 per cent in 2023.")
    assert (claims[4.8].stage, claims[4.8].of_stage) == ("no_crime", "reported")


def test_the_later_of_two_states_names_the_stage():
    claims = _by_value("In Suffolk, the number of rapes recorded as crimes and later cancelled rose to 27 in 2023.")
    assert claims[27].stage == "no_crime"


@pytest.mark.parametrize("sentence", ["84 per cent were given an immediate prison sentence",
                                      "84 per cent of them were handed a custodial sentence"])
def test_a_sentence_handed_to_a_share_of_those_convicted_is_other(sentence):
    claims = _by_value(f"In Suffolk, 120 men were convicted of rape in 2023, and {sentence}.")
    assert claims[120].stage == "convicted"
    assert claims[84].stage == "other"


@pytest.mark.parametrize("sentence", ["Victims in Suffolk waited an average of 17 months for a rape trial.",
                                      "In Suffolk the average prison sentence for rape was 17 months."])
def test_a_time_in_months_is_a_figure_of_its_own(sentence):
    claims = _by_value(sentence)
    assert (claims[17].stage, claims[17].unit) == ("other", "count")


def test_a_comparand_in_months_owns_the_year_after_it():
    claims = _by_value("In Suffolk the average prison sentence for rape was 101.5 months, compared with 88.2 months in 2012.")
    assert claims[88.2].period_start == "2012-01-01"
    assert claims[101.5].period_start is None


def test_a_speaker_repeating_a_rate_with_no_word_of_its_own_is_one_claim():
    claims = extract('Suffolk Police took formal action on 20 of the 450 rapes it recorded in 2023 - 4.4 per cent. '
                     'Detective Inspector Jo Marsh said: "We know that 4.4 per cent is not good enough."', "2024-06-01")
    rates = [c for c in claims if c.value == 4.4]
    assert len(rates) == 1 and rates[0].stage == "charged"


def test_one_too_many_is_rhetoric_not_a_count():
    claims = extract('"One rape is one too many," the commissioner said. Suffolk Police recorded 450 rapes in 2023.',
                     "2024-06-01")
    assert [c.value for c in claims] == [450]


def test_a_share_of_recorded_rapes_that_were_non_recent_is_other():
    claims = _by_value("In Suffolk, one in five of the rapes recorded in 2023 was a non-recent offence.")
    assert claims[20].stage == "other"


def test_a_force_recording_a_share_of_those_reported_is_audit_accuracy():
    claims = _by_value("Inspectors estimate that Suffolk Constabulary records 91.2 percent of those reported as rapes.")
    assert claims[91.2].stage == "other"


def test_decisions_found_correct_in_a_share_of_cases_are_audit_findings():
    claims = _by_value("Inspectors reviewed 60 rape reports the Suffolk force had cancelled in 2023. "
                       "The decision to cancel was correct in 88 percent of them.")
    assert claims[88].stage == "other"


def test_a_headline_fraction_rounding_the_body_rate_is_one_claim():
    claims = extract("Rape charges up a quarter in Suffolk\n\nSuffolk Police charged 130 rape suspects in 2023, "
                     "a rise of 26.8 per cent on 2022.", "2024-06-01")
    assert sorted(c.value for c in claims if c.change) == [26.8]


def test_a_change_more_than_a_year_earlier_is_a_change_of_the_count_not_an_age():
    claims = _by_value("Across England and Wales, police recorded 61,200 rapes in the year to June, 6 per cent more "
                       "than a year earlier.", "2024-10-01")
    assert (claims[6].stage, claims[6].change) == ("recorded", True)
    assert claims[6].period_end == claims[61200].period_end == "2024-06-30"


@pytest.mark.parametrize("sentence", [
    "Durham Constabulary logged 130 reports of rape in 2016/17 which were never recorded as crimes.",
    'Durham Constabulary kept 130 rape reports as "crime-related incidents" rather than crimes.'])
def test_a_clause_on_the_counted_reports_names_what_they_became(sentence):
    assert _by_value(sentence, "2017-06-01")[130].stage == "no_crime"


_OUTCOME_TABLE = """FOI 1204/24 - Rape outcomes

Outcome
2023
1 - Charge/Summons
31
16 - Evidential difficulties - victim does not support action
207
18 - Investigation complete - no suspect identified
44
Outcome not yet assigned
96
"""


def test_an_outcome_types_number_opening_a_table_row_is_no_figure():
    claims = extract(_OUTCOME_TABLE, "2024-03-01", publisher="Suffolk Constabulary")
    by_value = {c.value: c.stage for c in claims}
    assert {1, 16, 18} & set(by_value) == set()
    assert by_value == {31: "charged", 207: "withdrawn", 44: "nfa", 96: "other"}


def test_a_passive_outcome_subject_names_the_share_after_in():
    claims = _by_value("Across England and Wales, a charge or summons was issued in 3.9 per cent of rape "
                       "investigations closed in 2023.")
    assert claims[3.9].stage == "charged"


def test_a_count_then_its_rate_after_a_dash_is_no_age_band():
    claims = _by_value("Suffolk Police recorded 1,450 rapes in 2023 and charged 42 – 2.9 per cent.")
    assert (claims[42].stage, claims[2.9].stage) == ("charged", "charged")


def test_the_participle_recording_takes_its_figure():
    claims = _by_value("In Suffolk, 80 referrals led to 44 charges in 2023, with the force recording 1,450 rapes.")
    assert claims[1450].stage == "recorded"


def test_victims_in_a_group_under_an_age_is_an_age_band_not_a_count():
    claims = _by_value("Suffolk Police closed 300 rape investigations in 2023 because the victim withdrew. "
                       "Around a third of the victims in those withdrawn cases were under 25.")
    assert 25 not in claims and claims[33.33].stage == "other"


@pytest.mark.parametrize("sentence, value", [
    ("Of these, 61,200 were rape offences, 36% of all sexual offences recorded.", 36),
    ("The survey estimated that 900,000 adults experienced sexual assault in the last year, 2.1% of that population.", 2.1),
    ("Victims in Suffolk were female in 87% of the rapes recorded in 2023.", 87)])
def test_composition_prevalence_and_victims_by_sex_are_other(sentence, value):
    assert _by_value("Across England and Wales, police recorded 183,000 sexual offences in 2023. " + sentence)[value].stage == "other"


def test_a_count_of_those_offences_with_a_trait_breaks_down_the_total():
    claims = _by_value("Suffolk Police recorded 1,450 rapes in 2023. More than 400 of those offences involved "
                       "victims who were under 18.")
    assert claims[400].stage == "recorded"


def test_the_verb_before_n_of_m_names_the_n_not_the_denominators_clause():
    claims = _by_value("Suffolk Police took action in just 38 of 1,450 rapes it recorded in 2023.")
    assert (claims[38].stage, claims[1450].stage) == ("charged", "recorded")


@pytest.mark.parametrize("line", ["Agenda item 7: Rape and serious sexual offences", "2. publish rape outcome data monthly;"])
def test_agenda_items_and_list_numbers_before_a_verb_are_no_figures(line):
    claims = extract(f"Suffolk police and crime panel\n\n{line}\n\nSuffolk Police recorded 1,450 rapes in 2023.\n",
                     "2024-02-01")
    assert [c.value for c in claims] == [1450]


def test_bullets_under_a_survey_header_are_its_answers():
    text = ("Rape survivors let down, charity says\n\nOur 2023 survey of survivors who had reported to the police found:\n"
            "- 58 per cent felt they were not believed\n- one in four said they would not report again\n")
    claims = {c.value: c for c in extract(text, "2024-02-01")}
    assert (claims[58].stage, claims[25].stage) == ("other", "other")


def test_a_reason_just_before_in_n_cases_is_that_counts_reason():
    claims = _by_value("Rape investigations in Suffolk were closed because of evidential difficulties in 310 cases "
                       "and because the victim did not support action in 275.")
    assert (claims[310].stage, claims[275].stage) == ("nfa", "withdrawn")


def test_a_reason_in_a_later_clause_does_not_reach_back_to_a_denominator():
    claims = _by_value("The chief constable told us the Suffolk force had charged 43 rapes in 2022/23 out of 1,392 "
                       "it recorded, and that over half of its closed cases ended with the victim withdrawing.")
    assert claims[1392].stage == "recorded"


def test_a_dash_aside_defining_a_rate_lends_neither_stage_nor_base():
    claims = _by_value("In Suffolk, the rape charge rate - the proportion of rape investigations concluded in the "
                       "period which ended with a charge - was 9.4 per cent.")
    assert (claims[9.4].stage, claims[9.4].of_stage) == ("charged", None)


def test_as_a_share_of_opening_a_sentence_names_the_base():
    claims = _by_value("As a share of rape offences recorded in Suffolk, charges fell from 8.7 per cent to 6.1 per cent.")
    assert (claims[8.7].of_stage, claims[6.1].of_stage) == ("recorded", "recorded")


def test_cases_concluded_in_the_crown_court_are_prosecutions_and_reported_that_is_saying():
    claims = _by_value("The prosecution service reported that, of the 88 rape cases which concluded in the Crown "
                       "Court in Suffolk during 2023, 29 ended with a conviction.")
    assert (claims[88].stage, claims[29].stage) == ("prosecuted", "convicted")


_LETTERED = """Request

Please provide:
a) The number of sexual offences reported to your force in each of 2022 and 2023.
b) How many of these were rapes?
c) The number of rape offences that were subsequently no-crimed in each of those years.

Response

a)
2022: 1,021
2023: 1,187

b)
2022: 298
2023: 361

c)
2022: 41
2023: 36
"""


def test_lettered_answers_take_their_own_requests_stage():
    claims = {c.value: c.stage for c in extract(_LETTERED, "2024-03-01", publisher="Cleveland Police")}
    assert (claims[1021], claims[298], claims[41], claims[36]) == ("reported", "reported", "no_crime", "no_crime")


def test_a_share_of_closed_cases_then_its_outcome_verb():
    claims = _by_value("Just 2.4% of rape investigations closed over the same period in Suffolk resulted in a charge.")
    assert claims[2.4].stage == "charged"


def test_of_those_n_then_m_is_a_base_and_its_part():
    claims = _by_value("Suffolk Police recorded 142 rapes in the quarter. Of those 142, 19 have so far resulted in a charge.")
    assert claims[19].stage == "charged"


def test_of_which_takes_the_base_of_the_count_before():
    claims = _by_value("In 2023 the CPS completed 714 rape prosecutions, of which 61.2% ended in a conviction.")
    assert (claims[61.2].stage, claims[61.2].of_stage) == ("convicted", "prosecuted")


@pytest.mark.parametrize("sentence, value", [
    ("Nationally, 38 per cent of recorded rapes in 2023 were of children under 16.", 38),
    ("An inspection found that 19 per cent of sexual offences reported to Suffolk police were not being recorded as crimes.", 19)])
def test_victims_by_age_and_under_recording_shares_are_other(sentence, value):
    assert _by_value(sentence)[value].stage == "other"


def test_a_change_right_after_a_rate_and_the_figure_for_another_offence_follow_that_rate():
    claims = _by_value("In 2024 the proportion of rape prosecutions ending in a guilty verdict slipped to 61.9% - down "
                       "1.6 percentage points on 2023. The figure for domestic abuse was a conviction rate of 76.2%, "
                       "while across all offences it was 82.4%. In Wales, the equivalent figure for rape was 65.1%.")
    assert (claims[1.6].stage, claims[1.6].change) == ("convicted", True)
    for value in (76.2, 82.4, 65.1):
        assert (claims[value].stage, claims[value].of_stage) == ("convicted", claims[61.9].of_stage), value


def test_a_named_rate_governs_its_figure_across_the_phrase_naming_its_base():
    claims = _by_value("In Suffolk, 120 of those charged with rape were later convicted, giving a conviction rate "
                       "among the 190 defendants tried of 63 per cent.")
    assert (claims[63].stage, claims[63].of_stage) == ("convicted", "prosecuted")
