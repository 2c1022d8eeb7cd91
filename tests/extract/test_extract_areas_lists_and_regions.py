"""Areas in parallel and gapped lists, national bodies opening a paragraph, CPS Areas and a force
name the parser cuts from its sentence (issue #11, items 1, 5; GUIDELINES 5, 8, 15, 16).

Sentences written for this test, one construction each.
"""

from __future__ import annotations

import pytest

from attrition.extract import extract


def _by_value(text: str, published: str = "2024-06-01", **meta):
    return {c.value: c for c in extract(text, published, **meta)}


def test_each_place_of_a_parallel_pair_leads_its_own_rate():
    claims = _by_value("Dorset charged 4.1 per cent of rapes in 2023. In Wiltshire it was 2.7 per cent and in "
                       "Gloucestershire 5.2 per cent.")
    assert (claims[2.7].area, claims[5.2].area) == ("Wiltshire", "Gloucestershire")


def test_a_place_after_and_still_owns_the_figure_before_it_when_no_figure_follows():
    claims = _by_value("The force charged 4.1 per cent of rapes recorded and investigated in Wiltshire in 2023.")
    assert claims[4.1].area == "Wiltshire"


def test_a_gapped_list_item_takes_the_verb_and_base_of_the_first():
    claims = _by_value("Durham charged 6.3 per cent of closed rape investigations in 2023, Cleveland 2.2 per cent "
                       "and Northumbria 4.4 per cent.")
    for value, area in ((2.2, "Cleveland"), (4.4, "Northumbria")):
        assert (claims[value].stage, claims[value].of_stage, claims[value].area) == \
            (claims[6.3].stage, claims[6.3].of_stage, area)


def test_a_list_without_a_place_before_each_figure_is_not_gapped():
    claims = _by_value("Durham Constabulary recorded 702 rape reports in 2023, with 61 charges and 30 convictions.")
    assert (claims[61].stage, claims[30].stage) == ("charged", "convicted")


@pytest.mark.parametrize("paragraph, area", [
    ("Ministry of Justice figures show that 48 adults were convicted of rape in 2023.", "England and Wales"),
    # a national body that speaks, rather than its data, in a force's story: the force's figure
    ("The Crown Prosecution Service said 48 cases ended in a conviction in 2023.", "Durham")])
def test_a_paragraph_opening_with_a_national_bodys_data_is_national(paragraph, area):
    claims = _by_value("Durham Constabulary recorded 702 rapes in 2023.\n\n" + paragraph)
    assert (claims[702].area, claims[48].area) == ("Durham", area)


def test_an_attribution_after_the_figures_keeps_the_force_before():
    claims = _by_value("Durham Constabulary closed 900 rape investigations in 2023.\n\n"
                       "Of those, 55 per cent were dropped for evidential reasons, Home Office data showed.")
    assert claims[55].area == "Durham"


def test_a_force_name_at_the_start_of_a_line_stays_with_its_sentence():
    # the parser alone cuts "Durham" off as a sentence of its own after the by-line
    claims = extract("More than 700 rapes recorded in Durham in a year\n\nBy Sam Reed\n12 March 2018\nUpdated 10:05\n\n"
                     "Durham Constabulary recorded 702 rapes in 2017.", "2018-03-12")
    (claim,) = [c for c in claims if c.value == 702]
    assert claim.area == "Durham"
    assert claim.quote.startswith("Durham Constabulary")


def test_a_figure_for_a_cps_area_is_no_force_figure():
    claims = _by_value("In CPS Thames and Chiltern, 61 per cent of rape prosecutions ended in a conviction in 2023, "
                       "compared with 55 per cent in CPS Wessex. Kent Police charged 120 rapes in 2023.")
    assert 61 not in claims and 55 not in claims
    assert claims[120].area == "Kent"


def test_a_cps_area_named_by_the_forces_it_covers_is_still_no_force_figure():
    claims = _by_value("In CPS Mersey-Cheshire, which covers Merseyside and Cheshire, 70 per cent of rape "
                       "prosecutions ended in a conviction in 2023.")
    assert 70 not in claims


def test_a_count_of_cps_areas_is_kept():
    claims = _by_value("CPS Wessex, one of 14 CPS Areas in England and Wales, charged more rape suspects in 2023.")
    assert claims[14].stage == "other"


_TWO_TABLES = """Freedom of Information request 2211/24

Question 1

Year
Rapes recorded
2022
640
2023
702

Question 2

Where the victim was known to the suspect
2022
2023
Partner or ex-partner
211
230
Acquaintance
180
205
"""


def test_a_table_naming_no_stage_breaks_down_the_totals_of_the_table_before_it():
    claims = extract(_TWO_TABLES, "2024-02-01", publisher="Durham Constabulary")
    by_value = {c.value: c for c in claims}
    for value, year in ((211, "2022"), (230, "2023"), (180, "2022"), (205, "2023")):
        assert by_value[value].stage == "recorded"
        assert by_value[value].period_start == f"{year}-01-01"


def test_a_table_with_a_stage_of_its_own_keeps_it():
    text = _TWO_TABLES.replace("Where the victim was known to the suspect", "Suspects charged")
    by_value = {c.value: c for c in extract(text, "2024-02-01", publisher="Durham Constabulary")}
    assert by_value[211].stage == "charged"


def test_it_was_highest_in_a_force_takes_the_rate_spoken_of():
    claims = _by_value("Nationally, 38 per cent of rape investigations closed in 2022/23 ended because the victim "
                       "withdrew support. Around a third of the victims in those withdrawn cases were under 25. "
                       "The proportion varies between forces. It was highest in Dorset, at 49%. In Wiltshire it was "
                       "44%, and in Gloucestershire 41%.")
    for value, area in ((49, "Dorset"), (44, "Wiltshire"), (41, "Gloucestershire")):
        assert (claims[value].stage, claims[value].area) == ("withdrawn", area)


def test_a_force_pronoun_keeps_the_force_whatever_body_published_the_data():
    claims = _by_value("Cleveland Police is one of the smaller forces. It recorded 1,020 rapes in the year to March "
                       "2024, according to the Office for National Statistics.")
    assert claims[1020].area == "Cleveland"


def test_figures_for_two_forces_combined_are_not_claims():
    claims = _by_value("Between them, Dorset Police and Wiltshire Police referred 169 rape cases in 2023. "
                       "Cleveland Police and Durham Constabulary together recorded 1,900 rapes. "
                       "Dorset Police charged 40 suspects.")
    assert 169 not in claims and 1900 not in claims
    assert claims[40].area == "Dorset"


def test_a_cps_area_with_the_forces_it_covers_listed_is_no_force_figure():
    claims = _by_value("CPS Wessex, which covers Dorset, Hampshire and the Isle of Wight, and Wiltshire, charged "
                       "287 suspects with rape in 2023-24, up from 204 the previous year. In the Yorkshire and "
                       "Humberside area the conviction rate was 67 per cent.")
    assert not {287, 204, 67} & set(claims)


def test_the_place_before_a_change_and_its_level_owns_both():
    claims = _by_value("Gwent Police recorded 640 rapes in 2023, while the number recorded by Dyfed-Powys Police fell "
                       "by 21 to 288.")
    assert (claims[21].area, claims[288].area) == ("Dyfed-Powys", "Dyfed-Powys")


_RATE_TABLE = """Charge rates across the region

Rapes charged as a share of rapes recorded, 2022
Force
Rate
Norfolk Constabulary
3.4%
Suffolk Constabulary
4.1%
"""


def test_a_caption_names_the_stage_and_base_of_a_table_of_rates_by_force():
    claims = {c.value: c for c in extract(_RATE_TABLE, "2023-05-01")}
    for value, area in ((3.4, "Norfolk"), (4.1, "Suffolk")):
        assert (claims[value].stage, claims[value].of_stage, claims[value].area) == ("charged", "recorded", area)


_QUESTION_TABLE = """Request:

Q1. How many rapes were recorded by your force in each of the last two years?
Q2. How many recorded rapes were later cancelled as no crime?

Response:

Q1.
Year
Rapes recorded
2022
640
2023
702

Q2.
2022
23
2023
19
"""


def test_a_numbered_answer_heads_every_row_of_the_table_after_it():
    claims = {c.value: c for c in extract(_QUESTION_TABLE, "2024-02-01", publisher="Durham Constabulary")}
    assert (claims[640].stage, claims[702].stage) == ("recorded", "recorded")
    for value, year in ((23, "2022"), (19, "2023")):
        assert (claims[value].stage, claims[value].period_start) == ("no_crime", f"{year}-01-01")


_OUTCOMES_BY_OFFENCE = """Outcomes of investigations closed in 2023

Outcome type
Rape
Sexual assault
Charge/summons (Outcome 1)
7
19
Victim declines or is unable to support action (Outcome 16)
12
30
Total
19
49
"""


def test_columns_headed_by_offences_give_their_cells_that_offence_and_the_total_is_of_outcomes():
    claims = {(c.value, c.offence): c for c in extract(_OUTCOMES_BY_OFFENCE, "2024-02-01",
                                                       publisher="Durham Constabulary")}
    assert claims[(7, "rape")].stage == "charged" and claims[(30, "sexual_assault")].stage == "withdrawn"
    assert claims[(19, "sexual_assault")].stage == "charged"
    assert claims[(19, "rape")].stage == "recorded" and claims[(49, "sexual_assault")].stage == "recorded"


_STARRED = """Performance summary

Measure
2022
2023
Rape offences recorded
640
702
Rape charge rate*
4.2%
5.0%

*The charge rate is the number of charges as a percentage of rape offences recorded in the year.
"""


def test_a_footnote_gives_a_starred_rows_base():
    claims = {c.value: c for c in extract(_STARRED, "2024-02-01", publisher="Durham Constabulary")}
    assert (claims[4.2].stage, claims[4.2].of_stage) == ("charged", "recorded")
    assert claims[5.0].of_stage == "recorded"
