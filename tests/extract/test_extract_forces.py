"""Forces and national areas: the packaged reference, resolve_force and find_area_mentions."""

import pytest

from attrition.extract.forces import NATIONAL, find_area_mentions, load_forces, resolve_force


def areas(text):
    """(as written, area, kind) for each mention in `text`."""
    return [(text[m.start:m.end], m.area, m.kind) for m in find_area_mentions(text)]


def test_reference_has_the_43_territorial_forces_of_england_and_wales():
    forces = load_forces()
    territorial = [f for f in forces.values() if f.country in ("England", "Wales") and f.ons_code
                   and f.name != "British Transport Police"]
    assert len(territorial) == 43


@pytest.mark.parametrize("force, organisation", [
    ("Hertfordshire", "Hertfordshire Constabulary"),
    ("Avon and Somerset", "Avon and Somerset Constabulary"),
    ("West Yorkshire", "West Yorkshire Police"),
    pytest.param("Metropolitan Police", "Metropolitan Police Service"),
])
def test_force_organisation_is_its_formal_name(force, organisation):
    assert load_forces()[force].organisation == organisation


@pytest.mark.parametrize("name, canonical", [
    ("London, City of", "City of London"),
    ("City of London Police", "City of London"),
    ("Herts Police", "Hertfordshire"),
    ("the Met", "Metropolitan Police"),
    ("Metropolitan Police Service", "Metropolitan Police"),
    ("GMP", "Greater Manchester"),
    ("Avon & Somerset", "Avon and Somerset"),
    ("avon and somerset constabulary", "Avon and Somerset"),
    ("Devon & Cornwall", "Devon and Cornwall"),
    ("Dyfed Powys", "Dyfed-Powys"),
    ("Cambs Police", "Cambridgeshire"),
    ("West Yorkshire Police Force", "West Yorkshire"),
    ("Thames Valley PFA", "Thames Valley"),
    ("  Kent  ", "Kent"),
    ("England & Wales", NATIONAL),
    ("england and wales", NATIONAL),
    ("Wales", "Wales"),
    ("England", "England"),
    ("Narnia Constabulary", None),
    ("", None),
    (None, None),
])
def test_resolve_force(name, canonical):
    assert resolve_force(name) == canonical


def test_every_canonical_name_and_alias_resolves_to_itself():
    for force in load_forces().values():
        assert resolve_force(force.name) == force.name
        for alias in force.aliases:
            assert resolve_force(alias) == force.name, alias


@pytest.mark.parametrize("text, expected", [
    # full names
    ("Figures from Staffordshire Police show", [("Staffordshire Police", "Staffordshire", "force")]),
    ("Lancashire Constabulary said", [("Lancashire Constabulary", "Lancashire", "force")]),
    ("the Metropolitan Police Service said", [("Metropolitan Police Service", "Metropolitan Police", "force")]),
    ("Dyfed-Powys Police said", [("Dyfed-Powys Police", "Dyfed-Powys", "force")]),
    ("City of London Police said", [("City of London Police", "City of London", "force")]),
    ("North Wales Police said", [("North Wales Police", "North Wales", "force")]),
    # aliases
    ("Herts Police said", [("Herts Police", "Hertfordshire", "force")]),
    ("figures from the Met show", [("the Met", "Metropolitan Police", "force")]),
    ("Avon & Somerset recorded", [("Avon & Somerset", "Avon and Somerset", "force")]),
    ("GMP recorded", [("GMP", "Greater Manchester", "force")]),
    # acronyms are case-sensitive; the weather is not a police force
    ("gmp recorded", []),
    ("the Met Office warned of rain", []),
    # national
    ("in England and Wales", [("England and Wales", NATIONAL, "national")]),
    ("in England & Wales", [("England & Wales", NATIONAL, "national")]),
    ("Nationally, the rate fell", [("Nationally", NATIONAL, "national")]),
    ("Across the country, rapes rose", [("Across the country", NATIONAL, "national")]),
    ("every police force was asked", [("every police force", NATIONAL, "national")]),
    ("in Wales", [("Wales", "Wales", "national")]),
    # towns and cities inside a force area
    ("Police in Leeds said", [("Leeds", "West Yorkshire", "place")]),
    ("In Bradford, rapes rose", [("Bradford", "West Yorkshire", "place")]),
    ("In Watford, rapes rose", [("Watford", "Hertfordshire", "place")]),
    ("In Bristol, rapes rose", [("Bristol", "Avon and Somerset", "place")]),
    ("leeds in lower case is not read as a place", []),
    # anaphors: the caller resolves them
    ("The force said", [("The force", None, "anaphor")]),
    ("the county's force said", [("the county's force", None, "anaphor")]),
    ("the county recorded", [("the county", None, "anaphor")]),
    # a transposed letter in a county name
    ("Hertfordshrie Constabulary said", [("Hertfordshrie", "Hertfordshire", "force")]),
    # nothing to find
    ("Rapes rose sharply.", []),
    pytest.param("Police in New South Wales said", []),
])
def test_area_mentions(text, expected):
    assert areas(text) == expected


def test_acronym_defined_in_brackets_is_reused():
    text = "Northumbria Police (NP) said 900 rapes were logged. Later NP charged 40."
    assert areas(text) == [("Northumbria Police", "Northumbria", "force"), ("NP", "Northumbria", "force")]


def test_acronym_that_is_also_an_alias_is_one_mention_per_use():
    text = "West Yorkshire Police (WYP) said so. Later WYP charged 40."
    spans = [(m.start, m.end) for m in find_area_mentions(text)]
    assert len(spans) == len(set(spans))


def test_acronym_defined_in_the_text_beats_the_reference_alias():
    text = "West Mercia Police (WMP) said so. Later WMP charged 40."
    later = text.rindex("WMP")
    assert {m.area for m in find_area_mentions(text) if m.start == later} == {"West Mercia"}


def test_mentions_are_in_order_with_offsets_into_the_text():
    text = "Kent Police and the Met, unlike forces across the country, and Leeds too."
    mentions = find_area_mentions(text)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert [text[m.start:m.end] for m in mentions] == ["Kent Police", "the Met", "across the country", "Leeds"]


def test_names_are_found_whatever_their_case_and_offsets_hold_when_lowercasing_changes_length():
    from attrition.extract.forces import find_area_mentions
    text = "İİ In KENT, as in Bromley and Stockton, 40 rapes were reported."
    found = [(text[m.start:m.end], m.area) for m in find_area_mentions(text)]
    assert found == [("KENT", "Kent"), ("Bromley", "Metropolitan Police"), ("Stockton", "Cleveland")]


@pytest.mark.parametrize("text, area", [
    ("West Mids Police said so.", "West Midlands"),
    ("Hants Police said so.", "Hampshire"),
    ("North Yorks Police said so.", "North Yorkshire"),
    ("A court in Oxon heard it.", "Thames Valley"),
])
def test_an_informal_short_name_is_the_force(text, area):
    from attrition.extract.forces import find_area_mentions
    assert [m.area for m in find_area_mentions(text)] == [area]
