"""Numbers written out or run together, and figures that are not claims (issue 11, list items 10-11)."""

import pytest

from attrition.extract.numbers import find_figures, parse_word_number

from extract_helpers import claim_for, claims_of, figures_claimed


def figures(text):
    """(as written, value, unit) for each figure, values rounded to 2 places."""
    return [(text[f.start:f.end], round(f.value, 2), f.unit) for f in find_figures(text)]


@pytest.mark.parametrize("words, value", [
    ("two thousand", 2000),
    ("twenty-one thousand", 21000),
    ("three thousand five hundred", 3500),
    ("four thousand and twelve", 4012),
    ("two million", 2_000_000),
    ("seventy", 70),
])
def test_number_words_with_a_scale_word_are_read_whole(words, value):
    assert parse_word_number(words) == value


def test_a_written_out_thousand_is_one_figure():
    assert figures("The force logged two thousand rapes last year.") == [("two thousand", 2000, "count")]


@pytest.mark.parametrize("text, written, value", [
    ("Charges fell by 21pc over the year.", "21pc", 21),
    ("Only 3.5pc of reports were charged.", "3.5pc", 3.5),
])
def test_pc_run_into_the_number_is_a_percentage(text, written, value):
    assert figures(text) == [(written, value, "percent")]


def test_a_level_then_its_change_after_a_dash_is_no_age_band():
    found = figures("Reports of rape stood at 350 - 15 down on the year before.")
    assert [w for w, _, _ in found] == ["350", "15"]


def test_an_age_band_after_a_dash_is_still_no_figure():
    assert figures("Most victims were aged 16 - 24 at the time.") == []


def test_none_of_the_reports_leading_to_a_charge_is_a_count_of_nought():
    text = "Police in Dorset looked into 40 reports of rape. None of the 40 led to a charge."
    claim = claim_for(text, "None", published="2024-03-01")
    assert (claim.value, claim.stage) == (0.0, "charged")


def test_none_as_a_plain_pronoun_is_no_figure():
    assert figures("None could say why the figures had changed.") == []


def test_a_forces_peer_group_is_not_a_claim():
    text = "Kent Police charged 5% of rapes, against 7% among its seven most similar forces."
    assert "seven" not in figures_claimed(text, published="2024-03-01")


def test_a_count_of_all_forces_is_still_a_claim_of_other():
    text = "All 43 forces in England and Wales sent in their figures on rape charges."
    claim = claim_for(text, "43", published="2024-03-01")
    assert claim.stage == "other"


@pytest.mark.parametrize("text", [
    "Outcome 15 was given to 210 rape reports in Kent.",
    "Outcomes 14 and 16 covered 420 rape reports in Kent.",
])
def test_home_office_outcome_codes_are_no_figures(text):
    assert figures_claimed(text, published="2024-03-01") == [w for w in ("210", "420") if w in text]


def test_two_equal_figures_in_one_sentence_are_two_claims():
    text = "Kent charged 40 rape suspects and 40 sexual assault suspects in 2023."
    assert figures_claimed(text, published="2024-03-01") == ["40", "40"]


@pytest.mark.parametrize("text", [
    "Just one in 40 rapes reported to Kent Police in 2022 - 2.5% - resulted in a charge.",
    "One in 40 rapes reported to Kent Police in 2022 (2.5 per cent) led to a charge.",
])
def test_a_ratio_and_its_percentage_in_one_sentence_are_one_claim_in_the_exact_wording(text):
    # the percentage between the ratio and its outcome verb does not stop the ratio reaching "resulted in"
    claims = claims_of(text, "2024-03-01")
    assert [(text[c.char_start:c.char_end], c.stage) for c in claims] in (
        [("2.5%", "charged")], [("2.5 per cent", "charged")])


def test_declines_to_support_is_withdrawn():
    text = "In Kent 300 rape reports ended because the victim declines to support a prosecution."
    assert claim_for(text, "300", published="2024-03-01").stage == "withdrawn"


@pytest.mark.parametrize("text", [
    "An estimated 3 - 4 per cent of rape reports lead to a charge.",
    "An estimated 3-4% of rape reports lead to a charge.",
    "Officers think 3 - 4,000 rapes go unrecorded.",
])
def test_a_range_joined_by_a_dash_is_no_figure(text):
    assert figures(text) == []


@pytest.mark.parametrize("text, expected", [
    # a level and its change
    ("Rape reports stood at 350 - 15 down on the year before.", [("350", 350, "count"), ("15", 15, "count")]),
    # a dash after a range that ends with "and 40" sets off a new figure
    ("Most suspects were aged between 31 and 40 - 929 of them.", [("929", 929, "count")]),
    # two places' figures side by side
    ("Rape charges: Kent 120 - Essex 95.", [("120", 120, "count"), ("95", 95, "count")]),
])
def test_a_dash_between_figures_that_are_no_range(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a fraction after a change verb and "by" is the change's size
    ("Rape charges in Kent fell by a third.", [("a third", 33.33, "percent")]),
    ("Rape charges in Kent rose by two-thirds.", [("two-thirds", 66.67, "percent")]),
    ("Rape charges in Kent were cut by half.", [("half", 50.0, "percent")]),
    # ... and nothing else is
    ("The rape case was reviewed by a third party.", []),
    ("The rape case was dropped by a third party.", []),
    ("The rape review was backed up by half the officers.", []),
])
def test_a_fraction_as_the_size_of_a_change(text, expected):
    assert figures(text) == expected


def test_a_change_by_a_fraction_is_a_change_claim():
    claim = claim_for("In Kent, rape charges fell by a third in 2022.", "a third", published="2023-03-01")
    assert (claim.stage, claim.change, claim.value) == ("charged", True, 33.33)


@pytest.mark.parametrize("text, expected", [
    # a year or financial year, a dash, a value: a label and its value, not a range
    ("2019/20 - 1,045 rapes", [("1,045", 1045, "count")]),
    ("2019 - 2,100 rapes", [("2,100", 2100, "count")]),
])
def test_a_period_label_before_a_dash_is_no_range(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text, kept", [
    ("In Kent, rape convictions are down a quarter - a fall of 25.2% - in 2022.", ["25.2%"]),
    ("A third of rapes reported to Kent Police are no-crimed.\nKent Police no-crimed 33.6% of the rapes reported "
     "to it in 2022, figures show.", ["33.6%"]),
    ("Kent's rape convictions are down a third, to 200 from 300 in 2021 (a fall of 100, or 33.3%).",
     ["200", "300", "100", "33.3%"]),
])
def test_a_rate_in_words_yields_to_the_exact_rate_it_rounds(text, kept):
    assert figures_claimed(text, published="2023-03-01") == kept


@pytest.mark.parametrize("text, expected", [
    ("Rape charges in Kent are up a fifth on last year.", [("a fifth", 20.0, "percent")]),
    ("The force set up a third team for rape cases.", []),
])
def test_up_or_down_a_fraction_is_a_change(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # ages after "under"/"over": of people, or gapped after a figure
    ("In Kent, 57% of rape victims are under 25.", [("57%", 57.0, "percent")]),
    ("In Kent, 300 rape victims were aged under 18 and 40 over 60.", [("300", 300, "count"), ("40", 40, "count")]),
    # a count after "over", its noun behind a modifier
    ("Kent charged over 16 rape suspects.", [("16", 16, "count")]),
    ("A female over 16 was raped in Kent.", []),
])
def test_ages_after_under_or_over_are_no_figures(text, expected):
    assert figures(text) == expected


def test_a_share_waiting_a_year_for_trial_is_other():
    claim = claim_for("In Kent, one in three rape survivors waits more than a year for trial.", "one in three",
                      published="2023-03-01")
    assert claim.stage == "other"


@pytest.mark.parametrize("text, kept", [
    ("Kent recorded 640 rapes in 2022. To report a rape call 101, or 999 in an emergency.", ["640"]),
    ("Kent recorded 640 rapes in 2022. Survivors can call the helpline on 0808 80 10 800.", ["640"]),
    ("Kent recorded 640 rapes in 2022. Ring the rape line on 01234 567890 for support.", ["640"]),
    ("Kent Police recorded 101 rapes and 999 sexual offences in 2022.", ["101", "999"]),
])
def test_phone_numbers_are_not_figures(text, kept):
    assert figures_claimed(text, published="2023-03-01") == kept


def test_a_question_heading_number_is_a_label():
    text = "How many rapes were charged in 2021?\n\nQuestion 2\n\nIn 2021, 14 rapes were charged."
    assert figures_claimed(text, published="2023-03-01") == ["14"]


def test_none_is_zero_as_a_subject_or_a_listed_value():
    text = "Of the 40 rapes charged in Kent in 2022, none has yet come to trial."
    assert figures_claimed(text, published="2023-03-01") == ["40", "none"]


@pytest.mark.parametrize("text, expected", [
    ("Three out of four of these were closed", [("Three out of four", 75.0, "percent")]),
    ("Just a sixth of rapes led to a charge", [("a sixth", 16.67, "percent")]),
    ("Around an eighth of reports led to a charge", [("an eighth", 12.5, "percent")]),
    ("Essex Police recorded 1850 rapes in 2022.", [("1850", 1850.0, "count")]),
    ("In 2021 rapes rose by 10%.", [("10%", 10.0, "percent")]),
])
def test_ratios_fractions_and_counts_written_like_years(text, expected):
    assert figures(text) == expected


def test_a_count_written_like_a_year_dates_nothing():
    claim = claim_for("Essex had 2011 reports of rape in 2022.", "2011", published="2023-03-01")
    assert claim.value == 2011 and claim.period_start == "2022-01-01"


@pytest.mark.parametrize("text, kept", [
    ("Kent recorded 640 rapes in 2022.\nRead more: Man, 23, charged after three attacks in Dover", ["640"]),
    ("Kent recorded 640 rapes in 2022. A woman, 34, said she waited two years.", ["640"]),
])
def test_other_stories_headlines_and_ages_after_a_person_are_not_figures(text, kept):
    assert figures_claimed(text, published="2023-03-01") == kept


@pytest.mark.parametrize("text, kept", [
    ("In North Yorkshire, 45, or 3 per cent, of rapes recorded in 2022 led to a charge.", ["45", "3 per cent"]),
    ("Her case was one of 1,500 rapes recorded by Kent Police in 2022.", ["1,500"]),
])
def test_a_place_before_a_figure_and_membership_of_a_group(text, kept):
    assert figures_claimed(text, published="2023-03-01") == kept


def test_a_backlog_named_in_passing_leaves_the_figures_stage():
    claim = claim_for("Despite the court backlog, Essex Police recorded 1,200 rapes in 2022.", "1,200", published="2023-03-01")
    assert claim.stage == "recorded"
    backlog = claim_for("The backlog of rape cases waiting for trial stood at 1,200 in 2022.", "1,200", published="2023-03-01")
    assert backlog.stage == "other"
