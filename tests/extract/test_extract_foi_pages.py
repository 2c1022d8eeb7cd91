"""FOI disclosures and force pages (issue #11, items 1 and 6; GUIDELINES 8, 10, 17, 20).

Pages written for this test, one layout each.
"""

from __future__ import annotations

import pytest

from attrition.extract import extract

FORCE_PAGE = {"publisher": "Cleveland Police", "title": "Freedom of information disclosure"}


def _claims(text: str, published: str | None = "2023-02-01", **meta) -> list[tuple]:
    return [(c.value, c.stage, c.area, c.period_start) for c in extract(text, published, **meta)]


@pytest.mark.parametrize("text", [
    "How many rape offences did you record in 2021?\n\nOur response:\n\nIn 2021 there were 640.",
    "1. How many rape offences did you record in 2021?\n\n1. In 2021 there were 640.",
    "Q1. How many rape offences did you record in 2021?\nA1. In 2021 there were 640.",
])
def test_an_answer_takes_its_questions_stage_through_labels_and_a_response_line(text):
    assert _claims(text, **FORCE_PAGE) == [(640, "recorded", "Cleveland", "2021-01-01")]


def test_numbered_answers_take_the_stage_of_the_question_with_their_number():
    text = ("Your request:\n1. How many rape offences did you record in 2021 and 2022?\n"
            "2. How many of those were closed because the victim withdrew support?\n\n"
            "Our response:\n1. In 2021 there were 640. In 2022 there were 702.\n2. 2021: 210. 2022: 251.")
    assert [(v, s) for v, s, _, _ in _claims(text, **FORCE_PAGE)] == [
        (640, "recorded"), (702, "recorded"), (210, "withdrawn"), (251, "withdrawn")]


def test_a_national_rate_on_a_force_page_is_not_the_forces_data():
    claims = extract("Cleveland Police charged 7% of rape reports in 2022. Across England and Wales the rape "
                     "charge rate was 5.8%.", "2023-02-01", **FORCE_PAGE)
    by_value = {c.value: c for c in claims}
    assert by_value[7].source == "Cleveland Police"
    assert by_value[5.8].area == "England and Wales" and by_value[5.8].source is None


def test_people_supported_are_other():
    claims = extract("In Dorset, 180 rape survivors were supported by the centre in 2022.", "2023-02-01")
    assert [(c.value, c.stage) for c in claims] == [(180, "other")]


def test_a_request_worded_as_please_provide_is_a_question_for_its_numbered_answer():
    text = ("Request:\n1.\nPlease provide the number of rapes reported to you in 2021.\n"
            "2.\nHow many of these led to a charge?\n\nResponse:\n1.\n2021: 450\n2.\n2021: 19\n")
    assert _claims(text, **FORCE_PAGE) == [(450, "reported", "Cleveland", "2021-01-01"),
                                           (19, "charged", "Cleveland", "2021-01-01")]


def test_a_question_label_alone_on_its_line_is_no_figure():
    text = "1. How many rapes did you record in 2021?\n2. How many led to a charge?\n\n1.\n2021: 512\n2.\n2021: 20\n"
    assert [c[0] for c in _claims(text, **FORCE_PAGE)] == [512, 20]


def test_an_answer_alone_on_its_line_with_no_sibling_labels_is_a_figure():
    text = "How many rapes did you record in 2021?\n\n57.\n"
    assert [c[0] for c in _claims(text, **FORCE_PAGE)] == [57]


def test_q_labels_without_a_full_stop_pair_answers_with_questions():
    text = ("Q1 How many rapes did you record in 2022?\nQ2 How many of those led to a conviction?\n\n"
            "Q1\n2022: 380\nQ2\n2022: 9\n")
    assert _claims(text, **FORCE_PAGE) == [(380, "recorded", "Cleveland", "2022-01-01"),
                                           (9, "convicted", "Cleveland", "2022-01-01")]


def test_a_tab_separated_table_gives_each_column_its_headers_stage():
    text = "Year\tRapes recorded\tCharged\n2021\t700\t28\n2022\t720\t31\n"
    assert _claims(text, **FORCE_PAGE) == [(700, "recorded", "Cleveland", "2021-01-01"),
                                           (28, "charged", "Cleveland", "2021-01-01"),
                                           (720, "recorded", "Cleveland", "2022-01-01"),
                                           (31, "charged", "Cleveland", "2022-01-01")]


@pytest.mark.parametrize("request_heading, response_heading", [
    ("Request:", "Response:"),
    ("Information requested", "Information disclosed"),
])
def test_items_under_a_request_heading_are_questions_for_the_numbered_answers(request_heading, response_heading):
    # the items are statements ("The number of ..."), not questions: the heading says they are asked
    text = (f"{request_heading}\n1.\nThe number of rapes reported to the force in 2021 and 2022.\n"
            "2.\nOf those, the number where a suspect was charged.\n\n"
            f"{response_heading}\n1. 2021: 540; 2022: 610\n2. 2021: 31; 2022: 28")
    assert [(v, s, a) for v, s, a, _ in _claims(text, **FORCE_PAGE)] == [
        (540, "reported", "Cleveland"), (610, "reported", "Cleveland"),
        (31, "charged", "Cleveland"), (28, "charged", "Cleveland")]


def test_the_answers_after_a_response_heading_are_not_questions():
    text = ("Request:\nThe number of rapes recorded in 2022.\n\nResponse:\n"
            "The force recorded 702 rapes in 2022. Of these, 44 were charged.")
    assert [(v, s) for v, s, _, _ in _claims(text, **FORCE_PAGE)] == [(702, "recorded"), (44, "charged")]


def test_our_area_on_a_commissioners_page_is_the_publishers_force():
    text = ("Nationally, the charge rate for rape is 4.9 per cent, while in our area it is now 5.9 per cent.\n\n"
            "Support services helped 2,300 victims of sexual violence last year.")
    claims = {v: a for v, _, a, _ in _claims(text, "2023-07-01", publisher="Cleveland PCC",
                                             url="https://www.cleveland.pcc.police.uk/news/rape")}
    # the national rate is national; "our area", and what follows it, the page's force
    assert claims == {4.9: "England and Wales", 5.9: "Cleveland", 2300: "Cleveland"}


@pytest.mark.parametrize("sep", ["|", "\t"])
def test_a_header_of_years_dates_each_column_and_row_labels_give_the_stage(sep):
    rows = [["Outcome", "2021", "2022/23"], ["Charged/summonsed", "41", "55"],
            ["Victim does not support action", "402", "377"], ["Investigation ongoing", "96", "180"]]
    table = "\n".join((f"| {' | '.join(r)} |" if sep == "|" else "\t".join(r)) for r in rows)
    text = "You asked for the outcomes of reported rapes.\n\n" + table
    assert [(v, s, p) for v, s, _, p in _claims(text, **FORCE_PAGE)] == [
        (41, "charged", "2021-01-01"), (55, "charged", "2022-04-01"),
        (402, "withdrawn", "2021-01-01"), (377, "withdrawn", "2022-04-01"),
        (96, "other", "2021-01-01"), (180, "other", "2022-04-01")]


def test_label_and_value_lines_under_a_header_each_give_a_claim_dated_by_their_label():
    text = ("Allegations of rape received:\n2019/20 - 1,045\n2020/21 - 1,112\n2021/22 - 1,230\n\n"
            "Of these, the number resulting in a charge:\n2019/20 - 38\n2020/21 - 41\n2021/22 - 57")
    assert [(v, s, p) for v, s, _, p in _claims(text, **FORCE_PAGE)] == [
        (1045, "reported", "2019-04-01"), (1112, "reported", "2020-04-01"), (1230, "reported", "2021-04-01"),
        (38, "charged", "2019-04-01"), (41, "charged", "2020-04-01"), (57, "charged", "2021-04-01")]


# Tables saved one cell per line (GUIDELINES 8: a column's header names its cells' stage).
def test_a_table_saved_one_cell_per_line_with_years_down_the_side():
    text = ("Rape outcomes\n\nYear\nRapes recorded\nCharged or summonsed\n2021\n410\n22\n2022\n455\n19\n\n"
            "Figures are correct at the time of extraction.")
    assert sorted(_claims(text, **FORCE_PAGE)) == sorted([
        (410, "recorded", "Cleveland", "2021-01-01"), (22, "charged", "Cleveland", "2021-01-01"),
        (455, "recorded", "Cleveland", "2022-01-01"), (19, "charged", "Cleveland", "2022-01-01")])


def test_a_table_saved_one_cell_per_line_with_years_across_the_top():
    text = "Key figures\n2019/20\n2020/21\nRapes recorded by the force\n530\n601\nCases sent to the CPS\n41\n38\n"
    assert sorted(_claims(text, **FORCE_PAGE)) == sorted([
        (530, "recorded", "Cleveland", "2019-04-01"), (601, "recorded", "Cleveland", "2020-04-01"),
        (41, "referred", "Cleveland", "2019-04-01"), (38, "referred", "Cleveland", "2020-04-01")])


def test_outcome_labels_down_the_side_name_their_cells_stage():
    text = ("Outcomes of rapes recorded in 2022:\n\nOutcome\nNumber of offences\nCharge/summons\n31\n"
            "Suspect has died\n3\nVictim does not support action\n240\nNot yet assigned an outcome\n97\nTotal\n371\n")
    stages = {value: stage for value, stage, _, _ in _claims(text, **FORCE_PAGE)}
    assert stages == {31: "charged", 3: "nfa", 240: "withdrawn", 97: "other", 371: "recorded"}


def test_a_percent_column_takes_the_base_its_header_brackets():
    text = "Quarter\nRapes recorded\nCharge rate (% of recorded rapes)\nApr–Jun 2022\n160\n5.0%\nJul–Sep 2022\n170\n4.1%\n"
    claims = {c.value: c for c in extract(text, "2023-01-01", **FORCE_PAGE)}
    assert claims[5.0].stage == "charged" and claims[5.0].of_stage == "recorded"
    assert (claims[4.1].period_start, claims[4.1].period_end) == ("2022-07-01", "2022-09-30")
    assert claims[170].stage == "recorded"


def test_on_a_force_page_we_and_us_are_the_force_and_end_national_scope():
    text = ("Across England and Wales, the charge rate for rape was 5.8 per cent in 2023/24, according to Home Office data.\n\n"
            "Reports of rape made to us in 2023/24 totalled 1,210.")
    meta = {"publisher": "Cleveland Police", "url": "https://www.cleveland.police.uk/news/1"}
    claims = {c.value: c for c in extract(text, "2024-06-01", **meta)}
    assert claims[5.8].area == "England and Wales" and claims[5.8].source == "Home Office"
    assert claims[1210].area == "Cleveland" and claims[1210].source == "Cleveland Police"
    paper = {c.value: c for c in extract(text, "2024-06-01", publisher="The Northern Echo")}
    assert paper[1210].area == "England and Wales"  # a newspaper's "us" is the paper


def test_label_value_answers_under_a_numbered_heading_take_its_questions_stage():
    text = ("Request\n1. How many rape investigations were closed because the suspect had died?\n\n"
            "Response\n\nQuestion 1\n2021 – none\n2022 – 2\n")
    assert sorted(_claims(text, **FORCE_PAGE)) == [(0, "nfa", "Cleveland", "2021-01-01"), (2, "nfa", "Cleveland", "2022-01-01")]


# Session 8: pipe tables whose rows are outcome types, numbered answers, "None" as an answer.

def test_a_pipe_tables_row_labels_beat_its_caption_and_the_caption_dates_the_rows():
    text = ("Table 3: Rapes recorded in 2022, by outcome\n| Outcome | Number |\n|---|---|\n"
            "| Charged / summonsed | 40 |\n| Victim does not support action | 150 |\n"
            "| Suspect below age of criminal responsibility | 3 |\n| Total rapes recorded | 600 |")
    assert _claims(text, **FORCE_PAGE) == [
        (40, "charged", "Cleveland", "2022-01-01"), (150, "withdrawn", "Cleveland", "2022-01-01"),
        (3, "nfa", "Cleveland", "2022-01-01"), (600, "recorded", "Cleveland", "2022-01-01")]


def test_crime_classification_numbers_are_codes_not_figures():
    text = "Sexual offences here are Home Office crime classifications 17 to 22, 70 and 88. We recorded 900 in 2022."
    assert [v for v, _, _, _ in _claims(text, **FORCE_PAGE)] == [900]


def test_answers_by_question_number_take_its_stage_its_base_and_a_none():
    text = ("Request\nQ1. What percentage of rapes recorded in each year resulted in a charge?\n"
            "Q2. What percentage of rape victims in 2022 were male?\n"
            "Q3. How many rapes recorded in 2022 were closed because the suspect had died?\n"
            "Response\nQ1.\n2021: 4.2%\n2022: 5.5%\nQ2. 8%\nQ3. None.\n")
    claims = [(c.value, c.stage, c.of_stage) for c in extract(text, "2023-02-01", **FORCE_PAGE)]
    assert claims == [(4.2, "charged", "recorded"), (5.5, "charged", "recorded"), (8, "other", None), (0, "nfa", None)]


def test_the_figure_named_again_is_the_head_figure_of_the_sentence_before():
    text = ("In 2021 the force received 500 reports of rape, of which 470 were recorded as crimes. "
            "In 2022 the figure was 540, with 500 of those recorded.")
    assert [(v, s) for v, s, _, _ in _claims(text, **FORCE_PAGE)] == [
        (500, "reported"), (470, "recorded"), (540, "reported"), (500, "recorded")]


def test_a_rate_for_all_crimes_is_compared_with_not_the_base():
    text = ("In 2022, 200 people were prosecuted for rape and 100 convicted, just 50 per cent of those prosecuted, "
            "far below the 88 per cent for all crimes. In 2012 the figure for rape stood at 55 per cent.")
    claims = [(c.value, c.stage, c.of_stage) for c in extract(text, "2023-02-01") if c.unit == "percent"]
    assert claims == [(50, "convicted", "prosecuted"), (88, "convicted", "prosecuted"), (55, "convicted", "prosecuted")]


def test_people_supported_counted_in_words_are_other():
    claims = extract("Last year the charity's advocates supported nearly two thousand survivors of rape.", "2023-02-01")
    assert [(c.value, c.stage) for c in claims] == [(2000, "other")]


def test_quarter_row_labels_take_the_year_their_tables_caption_names():
    text = ("Table 2: Rape - quarterly figures 2021/22\n\nQuarter\nRapes recorded\nCharge/summons\n"
            "Q1\n150\n8\nQ2\n160\n10\nQ3\n170\n12\n")
    got = [(c.value, c.stage, c.period_start, c.period_end) for c in extract(text, "2022-07-01", **FORCE_PAGE)]
    assert got == [(150, "recorded", "2021-04-01", "2021-06-30"), (8, "charged", "2021-04-01", "2021-06-30"),
                   (160, "recorded", "2021-07-01", "2021-09-30"), (10, "charged", "2021-07-01", "2021-09-30"),
                   (170, "recorded", "2021-10-01", "2021-12-31"), (12, "charged", "2021-10-01", "2021-12-31")]


def test_a_change_column_of_signed_values_gives_changes_of_each_rows_stage():
    text = ("Our performance, year to March 2024\n\nMeasure\n2022/23\n2023/24\nChange\n"
            "Rapes recorded\n1,000\n1,100\n+10.0%\nCharge rate\n5.0%\n6.5%\n+1.5 pts\n"
            "Victim does not support action\n400\n360\n-10.0%\n")
    got = [(c.value, c.stage, c.change) for c in extract(text, "2024-06-01", **FORCE_PAGE)]
    assert got == [(1000, "recorded", False), (1100, "recorded", False), (10.0, "recorded", True),
                   (5.0, "charged", False), (6.5, "charged", False), (1.5, "charged", True),
                   (400, "withdrawn", False), (360, "withdrawn", False), (10.0, "withdrawn", True)]
