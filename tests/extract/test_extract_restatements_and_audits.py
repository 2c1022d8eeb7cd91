"""Rates that restate the figure before them, court outcomes, recording audits and victims by age
(issue #11, items 1, 4, 7, 8; GUIDELINES 8, 9, 10, 12, 13).

Sentences written for this test, one construction each.
"""

from __future__ import annotations

import pytest

from attrition.extract import extract


def _by_value(text: str, published: str = "2024-06-01", **meta):
    return {c.value: c for c in extract(text, published, **meta)}


@pytest.mark.parametrize("opener", ["That is", "This represents", "That equates to", "It is"])
def test_a_rate_opening_that_is_takes_the_stage_of_the_count_before_it(opener):
    claims = _by_value("In the year to March 2022, about 9,400 rape investigations in England and Wales ended because "
                       f"the victim withdrew support. {opener} 38 per cent of all rape cases given an outcome.")
    assert (claims[9400].stage, claims[38].stage, claims[38].of_stage) == ("withdrawn", "withdrawn", None)


def test_that_means_with_an_outcome_of_its_own_keeps_its_own_stage():
    claims = _by_value("Lincolnshire Police recorded 610 rapes in 2022. That means 4.6 per cent of rapes recorded "
                       "that year ended in a charge.")
    assert (claims[4.6].stage, claims[4.6].of_stage) == ("charged", "recorded")


def test_a_comparand_with_a_look_back_dates_only_itself():
    claims = extract("In the year to March 2021, 1,900 rape investigations in England and Wales were closed because "
                     "the victim withdrew. That is 36pc of all rape cases given an outcome, up from 22pc three years "
                     "earlier, in the year to March 2018. In Kent the share was 41pc.", "2021-08-01")
    by_value = {c.value: c for c in claims}
    assert by_value[22].period_end == "2018-03-31"
    assert by_value[41].period_end == "2021-03-31"


def test_cases_completed_at_court_are_prosecuted_and_the_conviction_rate_and_its_comparand_are_of_them():
    claims = _by_value("In 2022-23, 140 rape cases were completed at court in Cheshire, and 91 of them ended in a "
                       "conviction, a rate of 65 per cent, up from 59 per cent the year before.")
    assert claims[140].stage == "prosecuted"
    assert (claims[65].stage, claims[65].of_stage) == ("convicted", "prosecuted")
    assert (claims[59].stage, claims[59].of_stage) == ("convicted", "prosecuted")


def test_investigations_completed_without_court_are_still_the_outcomes_counted():
    claims = _by_value("Cheshire Police completed 1,020 rape investigations in 2022-23.")
    assert claims[1020].stage == "recorded"


@pytest.mark.parametrize("text, value", [
    ("The inspectorate estimates that Wiltshire Police records 92.1 per cent of reported sexual offences, "
     "including rape.", 92.1),
    ("In its audit the inspectorate found that the force records 88 per cent of all reported crime, and rape "
     "was no exception.", 88),
    ("Of the 64 reports of rape the inspectors audited in Wiltshire, 60 had been recorded correctly.", 64),
    ("Wiltshire cancelled 40 recorded rapes in 2022 and the inspectors found that 90 per cent of these decisions "
     "were correct.", 90),
])
def test_recording_audit_figures_are_other(text, value):
    assert _by_value(text)[value].stage == "other"


def test_cancellations_reviewed_by_the_inspectors_stay_no_crime():
    claims = _by_value("In 2022 Wiltshire cancelled 40 recorded rapes. We reviewed all 40 cancellations.")
    assert claims[40].stage == "no_crime"


@pytest.mark.parametrize("text", [
    "Staffordshire Police recorded 1,200 rapes in 2021. Roughly 38 per cent of all victims were children.",
    "Staffordshire Police recorded 1,200 rapes in 2021, and 29% of victims were aged under 16.",
])
def test_a_share_of_victims_by_age_is_other(text):
    claims = extract(text, "2022-06-01")
    assert [c.stage for c in claims if c.unit == "percent"] == ["other"]
    assert [c.stage for c in claims if c.unit == "count"] == ["recorded"]


def test_a_count_of_cases_with_child_victims_keeps_the_stage_it_breaks_down():
    claims = _by_value("Staffordshire Police recorded 1,200 rapes in 2021. Of these, 410 involved victims who were "
                       "under 18.", "2022-06-01")
    assert claims[410].stage == "recorded"


def test_reports_still_being_investigated_are_other():
    claims = _by_value("Humberside Police recorded 700 rapes in 2023; a further 95 rape reports were still being "
                       "investigated at the year's end.")
    assert (claims[700].stage, claims[95].stage) == ("recorded", "other")


def test_an_elliptic_rate_after_a_parallel_one_copies_its_base():
    claims = _by_value("In the year to March 2020 victims withdrew in a third of closed rape cases nationally. In "
                       "Surrey the proportion was 45pc, and in Kent 39pc.", "2020-08-01")
    assert (claims[39].stage, claims[39].of_stage) == ("withdrawn", None)


def test_bare_counts_after_prose_saying_how_many_take_its_stage_and_each_its_own_year():
    claims = extract("Cheshire Police recorded 1,100 rapes in 2021. The figures also show how many rape investigations "
                     "ended because the complainant no longer wanted to go ahead. In 2019 there were 402. In 2020 there "
                     "were 455, and last year 511.", "2022-03-01")
    by_value = {c.value: c for c in claims}
    assert [by_value[v].stage for v in (402, 455, 511)] == ["withdrawn"] * 3
    assert [by_value[v].period_start[:4] for v in (402, 455, 511)] == ["2019", "2020", "2021"]


def test_a_national_average_named_before_its_figure_is_that_figures_own():
    claims = _by_value("Cumbria Police's rape charge rate rose to 7.9 per cent, compared with 5.5 per cent in 2021/22 and an "
                       "England and Wales average of 4.6 per cent.", "2023-08-01")
    assert (claims[5.5].area, claims[4.6].area) == ("Cumbria", "England and Wales")


def test_a_comparand_count_with_its_own_year_does_not_date_the_next_sentence():
    claims = _by_value("Cumbria Police received 700 reports of rape in 2021, a 9 per cent rise on the 642 logged by the "
                       "force in 2020. Of the 700 reports, 30 led to a charge.", "2022-06-01")
    assert claims[30].period_start == "2021-01-01"


def test_a_body_named_for_national_figures_is_not_the_source_of_the_force_figures_before_it():
    claims = extract("Wiltshire Police recorded 640 rapes in 2022 and charged 31. Nationally, 3.9 per cent of rapes "
                     "recorded in 2022 resulted in a charge, according to the Home Office.", "2023-06-01")
    assert [(c.area, c.source) for c in claims] == [
        ("Wiltshire", None), ("Wiltshire", None), ("England and Wales", "Home Office")]


def test_a_forces_figures_in_an_article_built_on_a_freedom_of_information_request_are_the_forces():
    claims = extract("Reports of rape to Wiltshire Police rose to 640 in 2022, up from 598 in 2021. The figures were "
                     "released to this newspaper under the Freedom of Information Act.", "2023-06-01")
    assert {c.source for c in claims} == {"Wiltshire Police"}


def test_an_inspections_findings_are_recording_audit_figures():
    claims = _by_value("Inspectors estimate that Suffolk Constabulary recorded 91 per cent of the rape crimes that "
                       "were reported to it. This means an estimated 9 per cent of reported crimes went unrecorded - "
                       "in other words, around one in 11. For sexual offences, the accuracy rate was 84 per cent, and "
                       "for rape specifically, 88 per cent. Inspectors reviewed 50 no-crime decisions and found that "
                       "76 per cent were correct.")
    for value in (91, 9, 84, 88, 76):
        assert claims[value].stage == "other", value
    assert 9.09 not in claims


def test_the_predicate_after_a_copula_beats_the_counted_noun():
    claims = _by_value('The figures also show that 29 allegations of rape in Suffolk were "no-crimed" - recorded and '
                       "later cancelled - in 2023. That is 7.5% of those reported.")
    assert (claims[29].stage, claims[7.5].stage) == ("no_crime", "no_crime")


def test_a_label_value_lines_weightiest_word_names_its_stage():
    claims = extract("Suffolk Constabulary closed 400 rape investigations in 2023.\n"
                     "Prosecution not in the public interest: 6\nSuspect not identified: 31\n", "2024-06-01")
    by_value = {c.value: c.stage for c in claims}
    assert (by_value[6], by_value[31]) == ("nfa", "nfa")


@pytest.mark.parametrize("sentence", [
    "Around a third of the rapes recorded in Suffolk in 2023 happened more than a year before they were reported.",
    "In Suffolk, around a quarter of the rape reports received relate to offences that happened more than five years ago.",
    "In Suffolk, nearly one in four of those rape cases involved offences committed against children."])
def test_shares_of_non_recent_offences_and_offences_against_children_are_other(sentence):
    (claim,) = extract(sentence, "2024-06-01")
    assert claim.stage == "other"


def test_outcomes_still_pending_are_other():
    assert _by_value("Outcomes for 74 rape reports in Suffolk were still pending when the data was compiled.")[74].stage == "other"


def test_that_way_in_the_same_sentence_takes_the_reason_before_it():
    claims = _by_value("Files passed to prosecutors rose from 96 to 131, and fewer Suffolk rape investigations are "
                       "now closed for evidential difficulties: 212 ended that way in 2023, down from 287.")
    assert (claims[212].stage, claims[287].stage) == ("nfa", "nfa")


def test_closed_on_evidential_grounds_is_no_further_action():
    assert _by_value("In Suffolk, 31.5% of rape investigations were closed on evidential grounds in 2023.")[31.5].stage == "nfa"


def test_a_services_own_counts_and_the_breakdown_of_those_it_supported_are_other():
    text = ("Our year in numbers\n\nWe work with people affected by sexual violence across Suffolk.\n\n"
            "In 2023 we supported 1,420 survivors, up from 1,210 the year before.\n\n"
            "Of the people we supported:\n18% were under 18\n12% were male\n")
    claims = {c.value: c for c in extract(text, "2024-05-01", publisher="Suffolk Rape Crisis")}
    assert all(claims[v].stage == "other" for v in (1420, 1210, 18, 12))

