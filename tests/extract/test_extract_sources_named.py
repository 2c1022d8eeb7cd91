"""Sources named in more of the ways reporters name them (issue #11, item 9; GUIDELINES 20-21).

Sentences written for this test, one construction each.
"""

from __future__ import annotations

import pytest

from attrition.extract import extract


def _claims(text: str, published: str | None = "2024-06-01") -> dict[str, object]:
    return {text[c.char_start:c.char_end]: c for c in extract(text, published)}


@pytest.mark.parametrize("text, figure, source", [
    # an official series named for its publisher, after the figures it covers
    ("Rape convictions in Scotland fell to 91 in 2022/23. The latest Recorded Crime in Scotland "
     "bulletin reported the fall.", "91", "Scottish Government"),
    # "The source for the data: X" at the end of a thread
    ("Durham had a rape charge rate of 6.4% in 2021/22.\n\nThe source for the data: Home Office open data tables.",
     "6.4%", "Home Office"),
    # "a X study shows"
    ("Of the 310 women who reported rape in Leeds in 2019, 61% later withdrew, a University of Leeds study shows.",
     "61%", "University of Leeds"),
    # "X has collated statistics"
    ("The Guardian has collated statistics from every force. In Kent, 4.1% of rapes led to a charge in 2020.",
     "4.1%", "Guardian"),
    # a request by a compiler to a force: the compiler's figures
    ("Data obtained through a Freedom of Information request by the Fawcett Society to Kent Police shows 1,350 rapes "
     "were reported to the force in 2023.", "1,350", "Fawcett Society"),
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
    ("One rape in 20 in Wales ends in a conviction, according to figures from the police and CPS.", "20"),
    ("An analysis of police-recorded data and figures from the Crown Prosecution Service shows 1,900 rapes "
     "were reported in Wales in 2019.", "1,900"),
])
def test_data_from_two_compilers_names_no_source(text, figure):
    claims = {c.value: c for c in extract(text, "2024-06-01")}
    assert all(c.source is None for c in claims.values()) and claims


def test_a_list_of_input_bodies_does_not_replace_the_reports_source():
    claims = _claims("Figures from the Rape Monitoring Group show 700 rapes were recorded in Dorset in 2016/17. "
                     "The report draws on data from the CPS, Home Office and Ministry of Justice. Of those, 40 "
                     "rapes led to a charge.")
    assert claims["40"].source == "Rape Monitoring Group"


def test_hm_courts_and_tribunals_service_is_one_body():
    claims = _claims("Figures from HM Courts and Tribunals Service show 1,700 rape cases are waiting to be heard.")
    assert claims["1,700"].source == "HM Courts and Tribunals Service"
