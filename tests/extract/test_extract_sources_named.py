"""Sources named in more of the ways reporters name them (issue #11, item 9; GUIDELINES 20-21).

Sentences written for this test, one construction each.
"""

from __future__ import annotations

import pytest

from attrition.extract import extract


def _claims(text: str, published: str | None = "2024-06-01") -> dict[str, object]:
    return {text[c.char_start:c.char_end]: c for c in extract(text, published)}


@pytest.mark.parametrize("text, figure, source", [
    # a body's name with its acronym in brackets before "said"
    ("The Office for National Statistics (ONS) said police recorded 70,100 rapes in the year to March 2023.",
     "70,100", "Office for National Statistics"),
    # the data's origin set off by commas
    ("The figures, from the Home Office, show Norfolk recorded 930 rapes in 2022.", "930", "Home Office"),
    # an outlet that obtained a force's figures under FOI is not their source (GUIDELINES 20)
    ("Norfolk Constabulary recorded 1,900 rapes in 2022, figures obtained by a newspaper under the Freedom of "
     "Information Act show.", "1,900", "Norfolk Constabulary"),
    # an official series named for its publisher, after the figures it covers
    ("Rape convictions in Scotland fell to 91 in 2022/23. The latest Recorded Crime in Scotland "
     "bulletin reported the fall.", "91", "Scottish Government"),
    # "Source of these figures: X" in a line after the figures
    ("Cleveland charged 5.2% of recorded rapes in 2022/23.\n\nSource of these figures: Home Office outcome tables.",
     "5.2%", "Home Office"),
    # "a X study shows"
    ("Some 47% of the women in the sample dropped their rape complaints, a University of Bristol study shows.",
     "47%", "University of Bristol"),
    # "X has collated statistics"
    ("The Guardian has collated statistics from every force. In Kent, 4.1% of rapes led to a charge in 2020.",
     "4.1%", "Guardian"),
    # a request by a compiler to a force: the compiler's figures
    ("A Freedom of Information request by the Fawcett Society to Kent Police found that 1,350 rapes were reported "
     "in 2023.", "1,350", "Fawcett Society"),
])
def test_attributions(text, figure, source):
    assert _claims(text)[figure].source == source


def test_a_statistics_body_quoted_in_its_own_name_is_source_and_speaker():
    text = ("The Crown Prosecution Service states that the report \u201cshows rape convictions rose by 14% "
            "over the year to March 2023, the largest rise in a decade\u201d.")
    claim = _claims(text)["14%"]
    assert claim.source == claim.speaker == "Crown Prosecution Service"


def test_a_person_quoted_is_a_speaker_not_a_source():
    text = "Jane Smith, who runs a support charity, said: \u201cOnly 2% of rapes reported in 2022 led to a charge.\u201d"
    claim = _claims(text)["2%"]
    assert claim.speaker == "Jane Smith"
    assert claim.source is None


@pytest.mark.parametrize("text, figure", [
    ("Police and CPS figures show only one in 25 rapes reported in Merseyside ends with a conviction.", "one in 25"),
    ("Researchers combined police data and Crown Prosecution Service figures to count 760 rape reports in "
     "Cumbria in 2021.", "760"),
])
def test_data_from_two_compilers_names_no_source(text, figure):
    claims = {c.value: c for c in extract(text, "2024-06-01")}
    assert all(c.source is None for c in claims.values()) and claims


def test_data_combined_from_two_compilers_names_no_source():
    claims = _claims("Combining police-recorded data with figures from the Crown Prosecution Service, researchers "
                     "found 760 rapes were reported in Cumbria in 2021.")
    assert claims["760"].source is None


def test_a_list_of_input_bodies_does_not_replace_the_reports_source():
    claims = _claims("The Rape Monitoring Group found 520 rapes were recorded in Dyfed-Powys in 2017/18. Its tables "
                     "combine CPS, Home Office and Ministry of Justice data. Of those, 31 led to a charge.")
    assert claims["31"].source == "Rape Monitoring Group"


def test_hm_courts_and_tribunals_service_is_one_body():
    claims = _claims("According to HM Courts and Tribunals Service, 1,240 rape trials were still outstanding in March.")
    assert claims["1,240"].source == "HM Courts and Tribunals Service"


# Session 8: the body whose data an analysis used, and a statement responding to a body's data.

def test_an_analysis_of_a_bodys_figures_is_sourced_to_that_body():
    from attrition.extract import extract
    claims = extract("Victims in some areas are far less likely to see a charge, according to a newspaper analysis of "
                     "Home Office figures. In Gwent, 2.1% of recorded rapes led to a charge in 2023.", "2024-06-01")
    assert [(c.value, c.source) for c in claims] == [(2.1, "Home Office")]


def test_a_statement_responding_to_a_bodys_data_takes_that_body_as_source():
    from attrition.extract import extract
    claims = extract('Responding to the Home Office\'s crime outcomes data for 2023, the charity said: "Just 2.9% of '
                     'rapes recorded by police resulted in a charge."', "2024-06-01")
    assert [(c.value, c.source) for c in claims] == [(2.9, "Home Office")]
