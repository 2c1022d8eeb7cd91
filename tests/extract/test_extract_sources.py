"""Data sources: where a sentence says whose figures these are."""

import pytest

from attrition.extract.sources import find_source_mentions


def sources(text, extra=None):
    return [m.name for m in find_source_mentions(text, extra)]


@pytest.mark.parametrize("text, expected", [
    # according to
    ("According to the Home Office, 400 rapes were logged.", ["Home Office"]),
    ("According to new figures from the Ministry of Justice, 40 men were convicted.", ["Ministry of Justice"]),
    # figures obtained from / data from
    ("Figures obtained from Kent Police show 1,650 reports.", ["Kent Police"]),
    ("Data from the Office for National Statistics shows a rise.", ["Office for National Statistics"]),
    ("Statistics published by the CPS show 87 charges.", ["Crown Prosecution Service"]),
    # freedom of information
    ("A freedom of information request to Essex Police revealed 1,430 reports.", ["Essex Police"]),
    ("An FOI request to Hertfordshire Constabulary found 58 charges.", ["Hertfordshire Constabulary"]),
    # X revealed / X figures show / X said
    ("The CPS revealed that 87 suspects were charged.", ["Crown Prosecution Service"]),
    ("Cumbria Constabulary has revealed 402 reports.", ["Cumbria Constabulary"]),
    ("Home Office figures show 70,000 rapes.", ["Home Office"]),
    ("The Rape Monitoring Group data show 12 charges.", ["Rape Monitoring Group"]),
    ("HMICFRS found that 30 per cent were closed.", ["HM Inspectorate of Constabulary"]),
    ("The Ministry of Justice said 40 men were convicted.", ["Ministry of Justice"]),
    # a bare county before a data word names the force as the source
    ("Surrey data shows 455 rapes.", ["Surrey Police"]),
    # the obtainer of figures held by another body
    ("Data obtained from the Ministry of Justice by the Howard League shows a rise.", ["Ministry of Justice"]),
    # organisations found by other means (spaCy ORG entities)
    ("Figures from Rape Crisis England show a rise.", []),
])
def test_source_mentions(text, expected):
    assert sources(text) == expected


def test_extra_organisations_are_sources_when_attributed():
    text = "Figures from Rape Crisis Cymru show a rise."
    start = text.index("Rape Crisis Cymru")
    assert sources(text, [(start, start + len("Rape Crisis Cymru"), "Rape Crisis Cymru")]) == ["Rape Crisis Cymru"]


def test_an_organisation_named_by_another_body_takes_over_as_the_obtainer():
    text = "Figures obtained from the Home Office by the Fawcett Society show a fall."
    start = text.index("Fawcett Society")
    assert sources(text, [(start, start + len("Fawcett Society"), "the Fawcett Society")]) == ["Fawcett Society"]


@pytest.mark.parametrize("text", [
    "The Home Office forces were asked to reply.",     # not a source
    "Kent Police officers attended the scene.",        # a force, but no attribution of data
    "Rapes rose in 2022.",
    "",
])
def test_no_source(text):
    assert sources(text) == []


def test_mentions_point_at_the_organisation():
    text = "Data from the Crown Prosecution Service shows 87 charges."
    (m,) = find_source_mentions(text)
    assert text[m.start:m.end] == "Crown Prosecution Service"


def test_figures_a_newspaper_obtained_are_the_forces_and_the_obtainer_covers_no_earlier_figure():
    from attrition.extract import extract
    text = "Figures obtained by the Northern Echo show Durham Police recorded 700 rapes in 2022."
    claims = {c.value: c for c in extract(text, "2023-01-01", publisher="The Northern Echo")}
    assert claims[700].source == "Durham Constabulary"
    earlier = {c.value: c for c in extract("Durham recorded 700 rapes in 2022. Figures obtained by a law firm show it.",
                                           "2023-01-01")}
    assert earlier[700].source is None


@pytest.mark.parametrize("text, source", [
    ("All figures in this report were supplied by Hertfordshire Constabulary. Rapes recorded in 2022 rose to 1,134.",
     "Hertfordshire Constabulary"),
    ("The CPS data for rape shows that in 2021-22:\n\n• 2,410 suspects were charged with rape.", "Crown Prosecution Service"),
    ("MOPAC figures show 4.6 per cent of rape investigations closed by the Met in 2022 ended in a charge.",
     "Mayor's Office for Policing and Crime"),
])
def test_more_attribution_wordings(text, source):
    from attrition.extract import extract
    (claim,) = extract(text, "2023-01-01")
    assert claim.source == source
