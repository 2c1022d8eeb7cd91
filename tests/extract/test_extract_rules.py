"""Rules of English the assembler applies across a sentence or an article, one phenomenon per case.

Every article here was written for this test; none is a real one.
"""

from __future__ import annotations

import pytest

from attrition.extract import extract


def _claims(text: str, published: str | None = None) -> dict[str, object]:
    claims = extract(text, published)
    for c in claims:
        assert text[c.char_start:c.char_end] in c.quote
        assert c.quote in text
    return {text[c.char_start:c.char_end]: c for c in claims}


def test_a_comparand_counts_what_the_figure_before_it_counts():
    text = "Essex Police charged 212 rapes in 2021/22, compared to 180 the year before."
    claims = _claims(text)
    assert claims["212"].stage == claims["180"].stage == "charged"
    assert (claims["212"].period_start, claims["212"].period_end) == ("2021-04-01", "2022-03-31")
    assert (claims["180"].period_start, claims["180"].period_end) == ("2020-04-01", "2021-03-31")


def test_up_from_a_figure_is_the_year_before():
    text = ("In the 12 months to March 2022, Kent Police recorded 1,204 rapes, up from 1,010.")
    claims = _claims(text)
    assert claims["1,010"].stage == "recorded"
    assert claims["1,204"].period_end == "2022-03-31"
    assert claims["1,010"].period_end == "2021-03-31"
    assert claims["1,010"].period_inherited


def test_a_bracketed_share_restates_the_count_before_it():
    text = "Durham Constabulary no-crimed 41 (18%) of the rapes it recorded in 2014/15."
    claims = _claims(text)
    assert claims["18%"].stage == claims["41"].stage == "no_crime"
    assert claims["18%"].of_stage == "recorded"


def test_from_a_to_b_gives_each_figure_its_own_year():
    text = "Reports of rape to Norfolk Police rose from 301 in 2015 to 512 in 2019."
    claims = _claims(text)
    assert claims["301"].period_start == "2015-01-01"
    assert claims["512"].period_start == "2019-01-01"


def test_a_list_under_a_header_takes_the_header_force_and_stage():
    text = ("In the year ending March 2020, Surrey Police recorded:\n"
            "• 410 rapes of a female aged 16 and over\n"
            "• 38 rapes of a male aged 16 and over\n")
    claims = _claims(text)
    for figure in ("410", "38"):
        assert claims[figure].area == "Surrey"
        assert claims[figure].stage == "recorded"
        assert claims[figure].period_end == "2020-03-31"


def test_a_flattened_table_row_keeps_its_label():
    text = ("Outcomes of reported rapes in England and Wales\n"
            "Charged | 6% |\n"
            "Convicted | 3% |\n")
    claims = _claims(text)
    assert claims["6%"].stage == "charged"
    assert claims["3%"].stage == "convicted"


def test_the_victims_withdrawal_is_the_stage_when_both_reasons_are_given():
    text = ("For 33 per cent of Kent's rape reports in 2022, evidential difficulties were cited and the victim "
            "did not support a prosecution.")
    assert _claims(text)["33 per cent"].stage == "withdrawn"


def test_a_chance_of_an_outcome_is_that_outcome():
    text = "Women in Cumbria have a two per cent chance that reporting a rape will end in a conviction."
    claim = _claims(text)["two per cent"]
    assert (claim.stage, claim.of_stage) == ("convicted", "reported")


def test_a_national_average_belongs_to_its_own_figure():
    text = ("Sussex Police charged suspects in 7 per cent of reported rapes in 2021, "
            "against a national average of 5 per cent.")
    claims = _claims(text)
    assert claims["7 per cent"].area == "Sussex"
    assert claims["5 per cent"].area == "England and Wales"
    assert claims["5 per cent"].stage == "charged"


def test_a_force_named_in_a_new_clause_is_not_the_first_figures():
    text = ("There were 90 charges from 700 rape reports in Dorset last year, while in Wiltshire, "
            "60 charges came from 650 reports.")
    claims = _claims(text, "2023-05-01")
    assert claims["90"].area == claims["700"].area == "Dorset"
    assert claims["60"].area == claims["650"].area == "Wiltshire"


def test_a_national_figure_does_not_carry_into_the_next_paragraph():
    text = ("Nationally, 2,100 rapes were charged in 2022.\n\n"
            "The number of rape reports to Gwent Police reached 480 in 2022.\n\n"
            "Of those, 19 were charged.")
    claims = _claims(text)
    assert claims["2,100"].area == "England and Wales"
    assert claims["19"].area == "Gwent"


@pytest.mark.parametrize("text, figure, area", [
    ("Merseyside Police recorded 1,512 rapes in 2021. The force charged 96 of them.", "96", "Merseyside"),
    ("Northumbria Police recorded 1,300 rapes in 2020, and the county saw 70 charged.", "70", "Northumbria"),
])
def test_the_force_anaphor_takes_the_force_just_named(text, figure, area):
    claim = _claims(text)[figure]
    assert claim.area == area


def test_a_rise_restated_in_brackets_is_a_rise_too():
    text = "Reports of rape in Cleveland went up by 64 offences (12%) in 2021."
    claims = _claims(text)
    assert claims["64"].change and claims["12%"].change


def test_a_second_quotation_in_one_paragraph_has_the_same_speaker_and_runs_on():
    text = ("“Reports to us rose to 2,140 in 2023,” said Chief Superintendent Mark Lane. “That is the highest "
            "figure we have recorded.\n\n“Only one per cent of rapes reported led to a conviction that year.”\n")
    claims = _claims(text)
    assert claims["2,140"].speaker == "Mark Lane"
    assert claims["one per cent"].speaker == "Mark Lane"


def test_a_figure_with_its_own_noun_does_not_borrow_the_stage_before_it():
    text = ("Kent Police charged 90 rapes in 2022.\n\nThe force also made 14 arrests at a festival.")
    claims = _claims(text)
    assert "90" in claims and "14" not in claims


def test_a_national_release_stays_national_when_a_force_is_named_only_later():
    text = ("The Crown Prosecution Service today published its quarterly data.\n\n"
            "Police referred 1,029 rape suspects to prosecutors in the quarter.\n\n"
            "In Scotland, Police Scotland recorded 2,498 rapes in 2022-23.")
    claims = _claims(text)
    assert claims["1,029"].area == "England and Wales"
    assert claims["2,498"].area == "Police Scotland"


def test_a_rate_after_a_count_of_reports_or_crimes_is_a_share_of_them():
    text = "In 2022/23, 1,488 rapes were recorded in Sussex and 3.4 per cent resulted in a charge."
    claim = _claims(text)["3.4 per cent"]
    assert (claim.stage, claim.of_stage) == ("charged", "recorded")


def test_figures_about_an_earlier_figure_share_its_source():
    text = ("Dorset Police figures show it received 980 rape reports in 2023. CPS data shows 41 of them "
            "ended in a conviction.\n\n"
            "Among the 41 offenders convicted, 40 were male.")
    claims = _claims(text)
    assert claims["980"].source == "Dorset Police"
    assert claims["40"].source == "Crown Prosecution Service"


def test_a_rate_named_by_its_outcome_in_apposition_takes_that_outcome():
    text = ("The force's outcome rate for rape - the proportion of cases ending in a charge or summons - "
            "was 6 per cent in 2023 in Gwent. The average for Welsh forces was 7 per cent.")
    claims = _claims(text)
    assert claims["6 per cent"].stage == "charged"
    assert claims["7 per cent"].area == "Wales"


def test_counts_of_staff_are_not_claims():
    text = "Dyfed-Powys Police recorded 310 rapes in 2022 and funded two new sexual violence advisers."
    claims = _claims(text)
    assert "310" in claims and "two" not in claims


def test_the_offences_a_force_closed_are_its_recorded_crimes():
    text = ("Thames Valley Police charged suspects in 3% of the 2,041 rape offences it closed in 2021/22, "
            "while 16 per cent were closed without a suspect being identified.")
    claims = _claims(text)
    assert claims["3%"].stage == "charged"
    assert claims["2,041"].stage == "recorded"
    assert claims["16 per cent"].stage == "nfa"
