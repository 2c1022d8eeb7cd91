"""Reasons beat "closed", ranked places, year-less periods, FOI sources, verb-object referrals,
recording audits and counts of times (issue 11; GUIDELINES 9, 10, 15, 18-20)."""

import pytest

from extract_helpers import claim_for, claims_of, figures_claimed


@pytest.mark.parametrize("text, figure, stage", [
    ("Gwent Police closed 640 rape cases with no further action.", "640", "nfa"),
    ("Gwent Police closed 310 rape investigations last year because the complainant withdrew.", "310", "withdrawn"),
    ("Gwent Police closed 900 rape investigations last year, and 70 led to a charge.", "900", "recorded"),
    # the closing verb as the predicate of the figure's noun
    ("Gwent Police said 290 rape reports were closed due to evidential difficulties in 2021.", "290", "nfa"),
    ("In Gwent, 180 rape cases were closed in 2021 as a result of evidential difficulties.", "180", "nfa"),
    ("In Gwent, 95 rape allegations were closed in 2021.", "95", "recorded"),  # no reason: closed cases (GUIDELINES 9)
])
def test_the_reason_a_case_closed_beats_the_word_closed(text, figure, stage):
    assert claim_for(text, figure, published="2023-02-01").stage == stage


@pytest.mark.parametrize("text, figure, area", [
    ("Cumbria had the lowest rape charge rate in the country at 2.2%.", "2.2%", "Cumbria"),
    ("Dyfed-Powys Police logged the fewest rape reports in England and Wales, at 410.", "410", "Dyfed-Powys"),
    ("In England and Wales, 1.8% of rapes led to a charge, the lowest on record.", "1.8%", "England and Wales"),
])
def test_the_field_a_superlative_ranks_in_is_not_the_figures_place(text, figure, area):
    assert claim_for(text, figure, published="2023-02-01").area == area


@pytest.mark.parametrize("published, start, end", [
    ("2022-08-15", "2021-04-01", "2022-03-31"),  # the year to March just ended
    ("2022-02-10", "2020-04-01", "2021-03-31"),  # March not yet reached: the year before's
])
def test_a_yearless_year_to_a_month_takes_the_articles_year(published, start, end):
    claim = claim_for("In the year to March, Norfolk Constabulary recorded 1,310 rapes.", "1,310", published)
    assert (claim.period_start, claim.period_end) == (start, end)


def test_an_foi_request_to_no_one_named_gives_the_forces_figures_to_the_force():
    text = "Figures released under Freedom of Information show Essex Police recorded 1,720 rapes."
    assert claim_for(text, "1,720", published="2023-02-01").source == "Essex Police"


def test_an_foi_request_to_a_named_body_keeps_that_body():
    text = "An FOI request to the CPS shows Essex saw 88 rape charges."
    assert claim_for(text, "88", published="2023-02-01").source == "Crown Prosecution Service"


def test_passing_files_to_the_cps_with_the_object_between_is_a_referral():
    text = "Merseyside Police passed 215 rape files to the Crown Prosecution Service."
    assert claim_for(text, "215", published="2023-02-01").stage == "referred"


@pytest.mark.parametrize("text, figure", [
    ("The audit found Surrey Police correctly recorded 91% of reported rapes.", "91%"),
    ("In Surrey, 87% of rape reports were accurately recorded as crimes.", "87%"),
])
def test_recording_audit_accuracy_is_other(text, figure):
    assert claim_for(text, figure, published="2023-02-01").stage == "other"


def test_a_count_of_times_a_suspect_was_charged_is_a_count():
    claim = claim_for("Officers charged one man 75 times with rape and assault.", "75", published="2023-02-01")
    assert (claim.value, claim.stage) == (75.0, "charged")


def test_times_as_many_compares_and_is_no_figure():
    assert figures_claimed("Kent saw three times as many rape reports as Surrey.", published="2023-02-01") == []


def test_a_participle_on_the_noun_counted_beats_its_adjective():
    text = "There were 940 reported rapes recorded by Gwent Police last year."
    assert claim_for(text, "940", published="2023-02-01").stage == "recorded"


def test_a_share_of_closed_investigations_states_no_base():
    text = "In Gwent, suspects were charged in 4 per cent of closed investigations into rape in 2022."
    assert claim_for(text, "4 per cent", published="2023-02-01").of_stage is None


@pytest.mark.parametrize("text, figure, area", [
    ("Police in Rutland recorded 35 rapes.", "35", "Leicestershire"),
    ("In Belfast, 280 rapes were reported.", "280", "Police Service of Northern Ireland"),
    ("Reports of rape in Lambeth rose to 190.", "190", "Metropolitan Police"),
])
def test_a_town_or_borough_takes_its_force(text, figure, area):
    assert claim_for(text, figure, published="2023-02-01").area == area


def test_the_previous_year_after_n_from_m_covers_both_figures():
    text = "Gwent charged 51 rapes in 2022. That compares with 60 charges from 1,900 reports the year before."
    assert claim_for(text, "60", published="2023-02-01").period_start == "2021-01-01"
    assert claim_for(text, "1,900", published="2023-02-01").period_start == "2021-01-01"


@pytest.mark.parametrize("text, speaker", [
    ('Victim Support said: "Just 2% of rapes reported in Gwent end in a charge."', "Victim Support"),
    ('A Gwent Police spokesman said: "Just 2% of rapes reported in Gwent end in a charge."', None),
])
def test_a_statement_quoted_in_an_organisations_name_has_it_as_speaker(text, speaker):
    assert claim_for(text, "2%", published="2023-02-01").speaker == speaker


@pytest.mark.parametrize("text, kept", [
    ("Across Yorkshire, 4,800 rapes were recorded in 2022.", []),
    ("In the North West, 6,100 rapes were recorded in 2022.", []),
    ("Gwent recorded 1,300 rapes in 2022, while the nearest force recorded 900.", ["1,300"]),
    ("In West Yorkshire, 4,800 rapes were recorded in 2022.", ["4,800"]),
    ("In the South East, Kent recorded 5,300 rapes in 2022.", ["5,300"]),
])
def test_a_region_of_several_forces_or_an_unnamed_force_has_no_claim(text, kept):
    assert figures_claimed(text, published="2023-02-01") == kept


def test_a_place_after_followed_by_is_the_next_figures():
    text = ("Surrey Police had the highest number of rapes closed because the victim did not support action, "
            "at 612, followed by Kent with 588.")
    assert (claim_for(text, "612", "2023-03-01").area, claim_for(text, "588", "2023-03-01").area) == ("Surrey", "Kent")


def test_a_bare_count_under_a_group_of_forces_counts_forces():
    claim = claim_for("Of the 43 forces, 12 saw their rape charge rate fall in 2022.", "12", "2023-03-01")
    assert (claim.stage, claim.offence, claim.area) == ("other", "other", "England and Wales")


def test_an_of_the_opener_restates_the_earlier_count_and_each_listed_figure_keeps_its_reason():
    text = ("The force recorded 842 rapes in 2021/22. Of the 842 offences, 329 were closed because the victim "
            "did not support further action and 201 due to evidential difficulties.")
    claims = [(text[c.char_start:c.char_end], c.stage) for c in claims_of(text, "2022-07-15")]
    assert claims == [("842", "recorded"), ("329", "withdrawn"), ("201", "nfa")]


def test_a_referral_centre_names_no_referral():
    text = "A spokesperson for the Sexual Assault Referral Centre in Kent said it saw 410 victims of rape last year."
    assert claim_for(text, "410", "2023-03-01").stage == "other"
