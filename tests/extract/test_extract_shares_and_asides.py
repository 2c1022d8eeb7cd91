"""Shares of closed cases by outcome, non-funnel shares, and forces named only for comparison
(issue #11, items 2, 4, 5, 7; GUIDELINES 9, 10, 12, 15).

Sentences written for this test, one construction each.
"""

from __future__ import annotations

import pytest

from attrition.extract import extract


def _one(text: str, published: str = "2024-06-01"):
    claims = extract(text, published)
    assert len(claims) == 1, [(c.value, c.stage) for c in claims]
    return claims[0]


@pytest.mark.parametrize("text, stage", [
    ("Complainants pulling out accounted for 38% of the rape investigations closed in 2023.", "withdrawn"),
    ("In 44% of rape investigations closed during 2023, the victim did not support further action.", "withdrawn"),
    ("In 2023, 30 per cent of rape investigations in Kent were closed because the victim felt unable to carry on.", "withdrawn"),
    ("A detective said: \"Half of the rape investigations we close in Kent are closed because the victim no longer "
     "feels able to continue.\"", "withdrawn"),
])
def test_a_share_of_closed_cases_takes_the_outcome_named_around_it_and_no_base(text, stage):
    claim = _one(text, "2024-06-01")
    assert (claim.stage, claim.of_stage) == (stage, None)


def test_another_share_of_the_same_closures_copies_the_outcome_of_its_subject_and_the_base():
    claims = extract("In 2023, in 35 per cent of closed rape cases the victim withdrew, and evidential difficulties "
                     "accounted for another 28 per cent.", "2024-06-01")
    assert [(c.value, c.stage, c.of_stage) for c in claims] == [(35, "withdrawn", None), (28, "nfa", None)]


@pytest.mark.parametrize("text", [
    "In Essex, 41% of open rape investigations had been live for more than a year in 2023.",
    "In Essex, 70 of the rape investigations begun in 2021 were still ongoing in 2023.",
    "Essex Police recorded 900 rapes in 2023. A further 130 investigations had not yet been given an outcome.",
    "Around a third of the rapes recorded in Essex in 2023 involved a victim aged under 18.",
    "Of the 900 rapes Essex recorded in 2023, about 35 per cent were non-recent.",
    "In Essex, a quarter of the rapes recorded in 2023 were reported more than a year after the offence.",
    "A survey of rape victims in Essex in 2023 found that 58% would not report to the police again.",
    "Essex recorded 900 rapes in 2023. Around a third of those offences involved a child.",
    "In Essex, 23 per cent of recorded rapes in 2022/23 were flagged as domestic abuse-related.",
])
def test_non_funnel_quantities_are_other(text):
    claims = extract(text, "2024-06-01")
    last = claims[-1]
    assert last.stage == "other", [(c.value, c.stage) for c in claims]


def test_a_rhetorical_even_if_in_a_quote_is_no_claim():
    text = ('The commissioner said: "Even if every victim who withdrew had stayed, Essex would still be nowhere near '
            '50% of rape cases being charged."')
    assert extract(text, "2024-06-01") == []


@pytest.mark.parametrize("text, stage", [
    ("Reports of rape to Essex Police also rose, by 9 per cent, in 2023.", "reported"),
    ('The commissioner said: "The rise in recorded rape in Essex – 14 per cent in 2023 – is welcome."', "recorded"),
])
def test_a_change_set_off_by_a_comma_or_a_dash_is_a_change(text, stage):
    claim = _one(text)
    assert (claim.stage, claim.change) == (stage, True)


def test_a_force_named_for_comparison_does_not_take_over_the_story():
    text = ("Essex Police charged 60 rape suspects in 2023, 5.1 per cent of the rapes it recorded.\n\n"
            "In neighbouring Suffolk, the figure for 2023 was 7.0 per cent.\n\n"
            "A further 200 investigations were still open at the end of the year, and the force said "
            "cautions were given in four rape cases.")
    claims = extract(text, "2024-06-01")
    assert [(c.value, c.area) for c in claims] == [
        (60, "Essex"), (5.1, "Essex"), (7.0, "Suffolk"), (200, "Essex"), (4, "Essex")]
    suffolk = claims[2]
    assert (suffolk.stage, suffolk.of_stage) == ("charged", "recorded")  # "the figure" is the rate compared


def test_the_figure_in_a_while_clause_is_the_rate_just_given_in_its_sentence():
    text = ("Cleveland's charge rate was 3.3% in 2019. Northumbria charged 6.2% of the rapes it recorded in 2019, "
            "while in Durham the figure was 8.9%.")
    durham = [c for c in extract(text, "2020-03-01") if c.value == 8.9][0]
    assert (durham.area, durham.stage, durham.of_stage) == ("Durham", "charged", "recorded")


def test_a_force_name_opening_a_line_after_a_dateline_stays_whole():
    text = ("By A Reporter\nNovember 14, 2019 6:00 am\n\nDevon and Cornwall Police took formal action in 46 of the "
            "1,324 rapes it recorded in 2018-19.")
    assert {(c.value, c.area) for c in extract(text, "2019-11-14")} == {(46, "Devon and Cornwall"), (1324, "Devon and Cornwall")}


def test_a_rate_among_cases_involving_children_keeps_its_stage():
    claim = _one("In Essex, charges were brought in 12 per cent of rape cases involving child victims in 2023.")
    assert claim.stage == "charged"


# A review of the session's rules: cases each rule must leave alone.

def test_a_force_compared_over_time_keeps_the_breakdown_after_it():
    text = ("Kent Police recorded 1,200 rapes in 2023. Essex Police recorded 1,400 rapes in 2023, compared with "
            "1,100 in 2022. Of these, 80 were charged.")
    assert [(c.value, c.area) for c in extract(text, "2024-06-01")][-1] == (80, "Essex")


def test_police_unable_to_proceed_is_not_a_victim_withdrawing():
    claim = _one("Officers in Kent said they were unable to proceed in 300 rape cases in 2023 because the suspect "
                 "could not be identified.")
    assert claim.stage == "nfa"


@pytest.mark.parametrize("text", [
    "Kent Police recorded 1,200 rapes in 2023. Of these, 268 involved victims under 18.",
    "Kent Police recorded 1,200 rapes in 2023. Of these, 400 were non-recent.",
])
def test_a_count_broken_down_by_a_trait_keeps_the_totals_stage(text):
    assert extract(text, "2024-06-01")[-1].stage == "recorded"


def test_a_named_base_beats_a_parallel_share():
    claims = extract("Kent Police charged 6% of rapes reported in 2023, while a further 30% of recorded rapes were "
                     "closed because the victim withdrew.", "2024-06-01")
    assert [(c.value, c.stage, c.of_stage) for c in claims][-1] == (30, "withdrawn", "recorded")


def test_each_share_of_closures_takes_its_own_subjects_outcome():
    claims = extract("In Kent in 2023, evidential difficulties accounted for 41% of the rape investigations closed, "
                     "and victims withdrawing support accounted for another 31%.", "2024-06-01")
    assert [(c.value, c.stage) for c in claims] == [(41, "nfa"), (31, "withdrawn")]


@pytest.mark.parametrize("text, value, stage", [
    ("In the first quarter of 2023 Kent Police charged 45 rapes.", 45, "charged"),
    ("A BBC survey of police forces found that 60% of rape investigations were closed due to evidential "
     "difficulties in 2023.", 60, "nfa"),
    ("Kent Police Secured Just One Conviction For Rape In 2023", 1, "convicted"),
])
def test_figures_the_new_rules_must_keep(text, value, stage):
    claim = _one(text)
    assert (claim.value, claim.stage) == (value, stage)


def test_a_level_between_dashes_after_a_rise_noun_is_no_change():
    claim = _one("The increase in rape reports – 1,200 in 2023 – has put pressure on Kent Police.")
    assert (claim.value, claim.change) == (1200, False)
