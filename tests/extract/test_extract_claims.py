"""End to end: short texts through `extract`, one phenomenon per row.

Each row names one figure (as written) and the fields its claim must have; fields
not named are not checked. Every claim of every text is also checked for the
offset promise (`text[char_start:char_end]` is the figure, the quote contains it).
"""

import pytest

from attrition.extract import extract, extract_many
from attrition.extract.claim import GOLD_FIELDS
from extract_helpers import assert_offsets, claim_for, claims_of, figures_claimed


def check(text, figure, expected, published=None):
    claim = claim_for(text, figure, published)
    got = {k: getattr(claim, k) for k in expected}
    assert got == expected


# --- figures: how they are written ---------------------------------------------------------------

@pytest.mark.parametrize("text, figure, expected", [
    ("Durham Constabulary recorded 1,482 rapes in 2021/22.", "1,482", {"value": 1482, "unit": "count"}),
    ("The charge rate for rape in Norfolk was 3.4 per cent in 2022.", "3.4 per cent", {"value": 3.4, "unit": "percent"}),
    ("Just 7% of rapes reported to Cumbria Constabulary led to a charge in 2020/21.", "7%",
     {"value": 7, "unit": "percent"}),
    ("Only 11 percent of rapes reported to Gwent Police in 2019 ended in a charge.", "11 percent",
     {"value": 11, "unit": "percent"}),
    ("Just three per cent of rapes reported to Dorset Police in 2021 led to a charge.", "three per cent",
     {"value": 3, "unit": "percent"}),
    ("Cleveland Police charged twenty-eight men with rape in 2020.", "twenty-eight", {"value": 28, "unit": "count"}),
    ("A third of rape reports to Suffolk Constabulary in 2022 were closed with no further action.", "A third",
     {"value": 33.33, "unit": "percent"}),
    ("Only one in five rapes reported to Dorset Police in 2019 resulted in a charge.", "one in five",
     {"value": 20, "unit": "percent"}),
    ("Only one in every 15 rape reports made to Essex Police in 2021 ended in a charge.", "one in every 15",
     {"value": 6.67, "unit": "percent"}),
    ("In Sussex the rape rate was 98.4 per 100,000 people in 2022.", "98.4 per 100,000 people",
     {"value": 98.4, "unit": "per_100k", "area": "Sussex"}),
    ("Only one\u00a0per cent of rapes recorded by Suffolk Constabulary in 2020 led to a conviction.",
     "one\u00a0per cent", {"value": 1, "unit": "percent", "stage": "convicted"}),
    ("Nationally, police recorded 1.9m crimes in 2022, including 70,330 rapes.", "1.9m",
     {"value": 1_900_000, "unit": "count", "area": "England and Wales"}),
    # a rate with its noun inside: the figure runs to the end of its base
    ("Sussex Police recorded a rate of 98.4 rapes per 100,000 people in 2022.", "98.4 rapes per 100,000 people",
     {"value": 98.4, "unit": "per_100k", "area": "Sussex"}),
    pytest.param("Only 26 % of rape reports to Essex Police ended in a charge in 2020.", "26 %",
                 {"value": 26, "unit": "percent"}),
    pytest.param("Four in 10 rape reports to Kent Police in 2021 were closed with no further action.", "Four in 10",
                 {"value": 40, "unit": "percent"}),
])
def test_figure_forms(text, figure, expected):
    check(text, figure, expected)


@pytest.mark.parametrize("text, not_figures", [
    ("On 16 July 2021, Kent Police said it had recorded 1,901 rapes.", ["16", "2021"]),
    ("Between April 1 2014 and March 31, Surrey Police recorded 455 rapes.", ["1", "2014", "31"]),
    ("At 10.30am on Monday, Essex Police said 610 rapes had been reported.", ["10.30"]),
    ("Essex Police said 610 rapes of women aged 16 and over had been reported in 2021.", ["16"]),
    ("Of the rapes of children under 13 reported to Kent Police, 212 were recorded in 2020.", ["13"]),
    ("Victims in Kent waited 72-hour periods; 212 rapes were reported in 2020.", ["72"]),
    ("Within 12 months, 212 rapes were reported to Kent Police.", ["12"]),
    ("Kent had the third lowest charge rate for rape, at 1.2 per cent in 2020.", ["third"]),
    ("Kent ranked 40th for rape charges, with 1.2 per cent charged in 2020.", ["40"]),
    ("Rape victims can call 0800 555 1111. Kent recorded 212 rapes in 2020.", ["0800", "555", "1111"]),
    ("The rape unit cost \u00a34.5m; it dealt with 212 rapes in 2020.", ["4.5m"]),
    ("Kent has one of the lowest charge rates for rape, at 1.2 per cent in 2020.", ["one"]),
    ("More than half of rapes reported to Kent Police in 2020 were closed.", ["half"]),
    ("There was a four-fold increase in rape reports to Kent Police after 2015.", ["four"]),
])
def test_not_figures_are_never_claimed(text, not_figures):
    claimed = figures_claimed(text)
    for word in not_figures:
        assert word not in claimed


# --- periods ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, published, start, end", [
    ("Surrey Police recorded 455 rapes in 2017-18.", "455", None, "2017-04-01", "2018-03-31"),
    ("Lancashire Constabulary recorded 1,290 rapes in 2017/18.", "1,290", None, "2017-04-01", "2018-03-31"),
    ("Leicestershire Police recorded 1,002 rapes in 2015/2016.", "1,002", None, "2015-04-01", "2016-03-31"),
    ("Kent Police recorded 2,030 rapes in the year ending March 2018.", "2,030", None, "2017-04-01", "2018-03-31"),
    ("Cheshire Constabulary recorded 1,240 rapes in the 12 months to March 2023.", "1,240", None,
     "2022-04-01", "2023-03-31"),
    ("Gloucestershire Constabulary recorded 612 rapes in the 12 months to April 2023.", "612", None,
     "2022-05-01", "2023-04-30"),
    ("North Yorkshire Police recorded 650 rapes in 2021.", "650", None, "2021-01-01", "2021-12-31"),
    ("Lincolnshire Police recorded 723 rapes between 2020 and 2022.", "723", None, "2020-01-01", "2022-12-31"),
    ("Warwickshire Police recorded 318 rapes between April 1 2016 and March 31.", "318", None,
     "2016-04-01", "2017-03-31"),
    ("Bedfordshire Police recorded 540 rapes last year.", "540", "2023-06-14", "2022-01-01", "2022-12-31"),
    ("Humberside Police recorded 211 rapes between April and June this year.", "211", "2023-09-10",
     "2023-04-01", "2023-06-30"),
    # a figure and its earlier comparison each keep their own period
    ("Merseyside Police recorded 1,023 rapes in 2022, up from 872 in 2021.", "872", None, "2021-01-01", "2021-12-31"),
    ("Merseyside Police recorded 1,023 rapes in 2022, up from 872 in 2021.", "1,023", None,
     "2022-01-01", "2022-12-31"),
])
def test_periods(text, figure, published, start, end):
    check(text, figure, {"period_start": start, "period_end": end, "period_inherited": False}, published)


@pytest.mark.parametrize("text, figure, start, end", [
    ("Northumbria Police recorded 2,310 rapes in 2019/20. Of those, 96 led to a charge.", "96",
     "2019-04-01", "2020-03-31"),
    ("Gwent Police recorded 512 rapes in 2018/19. It was a hard year. And 40 rapes were charged.", "40",
     "2018-04-01", "2019-03-31"),
])
def test_a_period_carries_to_later_sentences(text, figure, start, end):
    check(text, figure, {"period_start": start, "period_end": end, "period_inherited": True})


def test_last_year_uses_the_dateline_when_no_date_is_given():
    text = "Monday 6 March 2023\nBedfordshire Police recorded 540 rapes last year."
    check(text, "540", {"period_start": "2022-01-01", "period_end": "2022-12-31"})


def test_no_period_when_the_text_gives_none():
    check("Bedfordshire Police has recorded 540 rapes.", "540", {"period_start": None, "period_end": None})


# --- areas ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, area", [
    ("Herts Police recorded 1,204 rapes in 2020.", "1,204", "Hertfordshire"),
    ("The Met recorded 8,112 rapes in 2021/22.", "8,112", "Metropolitan Police"),
    ("Avon & Somerset recorded 1,781 rapes in 2022.", "1,781", "Avon and Somerset"),
    ("GMP recorded 3,945 rapes in 2021.", "3,945", "Greater Manchester"),
    ("City of London Police recorded 31 rapes in 2022.", "31", "City of London"),
    ("Police in Leeds recorded 1,340 rapes in 2021.", "1,340", "West Yorkshire"),
    ("In Bristol, 930 rapes were recorded in 2022.", "930", "Avon and Somerset"),
    ("Across the country, 67,125 rapes were recorded in 2021/22.", "67,125", "England and Wales"),
    ("In England and Wales, 70,633 rapes were recorded in the year ending December 2022.", "70,633",
     "England and Wales"),
    ("Nationally the charge rate for rape was 1.6 per cent in 2020.", "1.6 per cent", "England and Wales"),
    # an acronym defined in brackets, then used alone
    ("Derbyshire Constabulary (DC) recorded 900 rapes in 2020. DC charged 31 suspects in 2021.", "31", "Derbyshire"),
    pytest.param("West Mercia Police (WMP) said 1,100 rapes were reported in 2020. Later WMP charged 29 people "
                 "in 2021.", "29", "West Mercia"),
    # the force / the county after a named force
    ("Hampshire Constabulary recorded 1,870 rapes in 2021. The force charged 61 suspects.", "61", "Hampshire"),
    ("Staffordshire Police recorded 1,120 rapes in 2022. The county saw 44 charges.", "44", "Staffordshire"),
])
def test_areas(text, figure, area):
    check(text, figure, {"area": area})


def test_area_carries_to_the_next_sentence_and_says_so():
    text = "Northumbria Police recorded 2,310 rapes in 2019/20. Of those, 96 led to a charge."
    check(text, "2,310", {"area": "Northumbria", "area_inherited": False})
    check(text, "96", {"area": "Northumbria", "area_inherited": True})


# --- stages and shares ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, stage, of_stage", [
    ("Essex Police received 1,650 reports of rape in 2022.", "1,650", "reported", None),
    ("Durham Constabulary recorded 1,482 rapes in 2021/22.", "1,482", "recorded", None),
    ("In Cambridgeshire, 57 rape reports were no-crimed in 2019.", "57", "no_crime", None),
    ("Lancashire Constabulary referred 212 rape cases to the Crown Prosecution Service in 2018/19.", "212",
     "referred", None),
    ("Hertfordshire Constabulary charged 58 rape suspects in 2021.", "58", "charged", None),
    ("Only 41 rape cases in Nottinghamshire were prosecuted in 2020.", "41", "prosecuted", None),
    ("In Dyfed-Powys, 23 men were convicted of rape in 2022.", "23", "convicted", None),
    ("In 2021, Thames Valley Police took no further action in 1,030 rape cases.", "1,030", "nfa", None),
    ("Some 410 rape victims in Northamptonshire withdrew support for the investigation in 2022.", "410",
     "withdrawn", None),
    # rates; a named rate ("conviction rate", "detection rate") states no base (GUIDELINES 12)
    ("The conviction rate for rape in South Yorkshire was 2.1 per cent in 2019.", "2.1 per cent",
     "convicted", None),
    ("Kent Police had a rape conviction rate of 2.1 per cent in the year ending March 2019.", "2.1 per cent",
     "convicted", None),
    ("Gwent's charge rate to reported rapes fell to 4 per cent.", "4 per cent", "charged", "reported"),
    ("Just 9% of rapes reported to West Midlands Police led to a charge in 2021.", "9%", "charged", "reported"),
    ("Only 5 per cent of rapes recorded by Wiltshire Police in 2021 resulted in a charge.", "5 per cent",
     "charged", "recorded"),
    ("In Essex, 38 per cent of rape victims withdrew support in 2021.", "38 per cent", "withdrawn", "reported"),
    ("The detection rate for rape in Kent was 4.5 per cent in 2016.", "4.5 per cent", "charged", None),
    pytest.param("In 2021, 1,030 rapes reported to Thames Valley Police were closed with no further action.",
                 "1,030", "nfa", None),
    # an active verb of a stage right before its object's figure: the verb, not the object's noun
    ("Police in Cambridgeshire no-crimed 57 rape reports in 2019.", "57", "no_crime", None),
    # a share of investigations by how they ended states no base (GUIDELINES 12; the gold files agree)
    pytest.param("In Cumbria, 61 per cent of rape investigations were closed with no further action in 2022.",
                 "61 per cent", "nfa", None),
    # the base named in a fronted 'Of the N ...' phrase
    ("Of the 800 rapes recorded in Surrey in 2020, 9 per cent were referred to the CPS.",
     "9 per cent", "referred", "recorded"),
])
def test_stages(text, figure, stage, of_stage):
    check(text, figure, {"stage": stage, "of_stage": of_stage})


# --- changes ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, change, stage", [
    ("Reports of rape to Cleveland Police went up 26.8 per cent in 2021.", "26.8 per cent", True, "reported"),
    ("Cleveland Police recorded 640 rapes in 2020, up 26.8 per cent on the year before.", "26.8 per cent",
     True, "recorded"),
    ("Rape reports to North Wales Police rose by 300 in 2020.", "300", True, "reported"),
    ("Avon and Somerset saw a 12 per cent fall in referrals of rape cases to the CPS in 2022.", "12 per cent",
     True, "referred"),
    ("Reports of rape in Norfolk rose to 846 in 2022, up from 272 in 2015.", "272", False, "reported"),
    ("Reports of rape in Norfolk rose to 846 in 2022, up from 272 in 2015.", "846", False, "reported"),
])
def test_changes(text, figure, change, stage):
    check(text, figure, {"change": change, "stage": stage})


def test_a_change_has_no_of_stage():
    check("Reports of rape to Cleveland Police went up 26.8 per cent in 2021.", "26.8 per cent", {"of_stage": None})


# --- sources ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, source", [
    ("According to the Home Office, Cumbria Constabulary recorded 402 rapes in 2021.", "402", "Home Office"),
    ("Figures obtained from Essex Police show 1,650 rapes were reported in 2022.", "1,650", "Essex Police"),
    ("Data from the Crown Prosecution Service shows 87 rape charges were brought in Kent in 2020/21.", "87",
     "Crown Prosecution Service"),
    ("A freedom of information request to Sussex Police found 1,430 rapes were recorded in 2022.", "1,430",
     "Sussex Police"),
    ("Hertfordshire Constabulary revealed that 58 rape suspects were charged in 2021.", "58",
     "Hertfordshire Constabulary"),
    ("Durham Constabulary recorded 1,482 rapes in 2021/22.", "1,482", None),
])
def test_sources(text, figure, source):
    check(text, figure, {"source": source, "source_inherited": False})


def test_a_source_carries_to_the_next_sentence():
    text = ("Figures obtained from Leicestershire Police show 1,100 rapes were reported in 2021. "
            "Only 37 of them led to a charge.")
    check(text, "37", {"source": "Leicestershire Police", "source_inherited": True})


def test_figures_before_the_source_is_named_take_it():
    text = ("Only 37 rapes reported in Leicestershire in 2021 led to a charge. "
            "The figures were obtained from Leicestershire Police by this newspaper.")
    check(text, "37", {"source": "Leicestershire Police", "source_inherited": True})


# --- speakers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, published, speaker", [
    ('Chief Constable Helen Marsh said: "We recorded 1,312 rapes in Devon and Cornwall last year and charged '
     'far too few of them."', "1,312", "2023-02-01", "Helen Marsh"),
    ('"We recorded 1,312 rapes in Devon and Cornwall last year and we charged far too few," said Helen Marsh.',
     "1,312", "2023-02-01", "Helen Marsh"),
    ("Assistant Chief Constable Owen Price said: \u201cWe charged 48 men with rape in Gwent in 2022 and that is "
     "still not good enough.\u201d", "48", None, "Owen Price"),
    ("Priya Shah is the police and crime commissioner for Norfolk. She said: \u201cOnly 19 of our rape reports "
     "ended in a charge in 2022, and that is too few.\u201d", "19", None, "Priya Shah"),
    ("Tom Avery, who leads the rape unit in Durham, spoke on Monday. He said: \u201cWe referred 73 rape cases "
     "to prosecutors in 2021 and we will do better.\u201d", "73", None, "Tom Avery"),
    # a quotation over two paragraphs, each opening with a quote mark
    ("Inspector Ravi Kumar said: \u201cLast year 210 rapes were reported to us in Suffolk and we want more "
     "victims to come forward.\n\u201cOf those, only 14 have so far ended with a charge for the suspect.\u201d",
     "14", "2023-05-05", "Ravi Kumar"),
    # the reporter's own words
    ("Durham Constabulary recorded 1,482 rapes in 2021/22, Sam Hill reports.", "1,482", None, None),
    # a statement quoted in an organisation's name has it as speaker (GUIDELINES 21)
    pytest.param("Kent Police said: \u201cWe recorded 1,901 rapes in 2022 and we are working hard to charge "
                 "more of them.\u201d", "1,901", None, "Kent Police"),
])
def test_speakers(text, figure, published, speaker):
    check(text, figure, {"speaker": speaker}, published)


def test_unbalanced_quote_mark_does_not_crash():
    text = ("Kent Police said: \u201cWe recorded 1,901 rapes in 2022 and this quotation never closes\n"
            "In a separate paragraph, 33 rapes were charged in Kent in 2022.")
    claims = claims_of(text)
    assert {text[c.char_start:c.char_end] for c in claims} == {"1,901", "33"}
    assert claim_for(text, "33").speaker is None


# --- offence ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, offence", [
    ("Durham Constabulary recorded 1,482 rapes in 2021/22.", "1,482", "rape"),
    ("Kent Police recorded 5,120 sexual offences in 2022.", "5,120", "sexual_offences"),
    ("Kent Police recorded 2,040 sexual assaults in 2022.", "2,040", "sexual_assault"),
    # a count of all crimes: the sentence's offence words are its other figures' (GUIDELINES 11)
    ("Nationally, police recorded 1.9m crimes in 2022, including 70,330 rapes.", "1.9m", "other"),
    ("Nationally, police recorded 1.9m crimes in 2022, including 70,330 rapes.", "70,330", "rape"),
    ("An audit found 40 rapes and 95 other crimes wrongly left off the books in Kent in 2019.", "95", "other"),
    # ... but an offence named for the whole clause is the crimes' own, and crimes after an
    # offence's count, or "such crimes", are some of those
    ("For rape, 85 crimes were prosecuted in Kent in 2021.", "85", "rape"),
    ("Essex Police recorded 1,310 sexual offences in 2021, with only 147 crimes solved.", "147", "sexual_offences"),
    ("Essex Police recorded 1,310 sexual offences in 2021, with 147 such crimes solved.", "147", "sexual_offences"),
    ("Kent Police recorded 300 crimes of rape in 2022.", "300", "rape"),
])
def test_offences(text, figure, offence):
    check(text, figure, {"offence": offence})


# --- boilerplate and irrelevant text ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    pytest.param(
        "We use cookies to improve your experience. Accept all 3 cookies or manage 12 settings. Home | News | "
        "Sport | Rape crisis 24 hours | Contact 0800 123 4567"),
    "We use cookies to improve your experience. Accept all 3 cookies or manage 12 settings.\nHome | News | "
    "Sport | Rape crisis 24 hours | Contact 0800 123 4567",
    "Menu\nHome\nNews\nSexual health\nSport\n1\n2\n3\nNext page\nPrivacy policy\nCookie settings",
    "Skip to content. Sign in. Subscribe for 1 month free. Top 10 stories. Rape survivors tell their story. "
    "Page 2 of 5.",
    "Kent Police recorded 4,000 burglaries in 2022.",  # no sexual offence: the gate drops it
    "",
    "   \n\n  ",
])
def test_boilerplate_yields_no_claims(text):
    assert claims_of(text) == []


# --- the offset promise and the API -------------------------------------------------------------------

ARTICLE = """Rape charges in Lancashire fall again
Tuesday 14 March 2023
By Sam Hill

Lancashire Constabulary recorded 2,104 rapes in 2021/22, up 8.2 per cent on the year before, according to the
Home Office.

Only 3.1 per cent of rapes reported to the force in that period led to a charge, and one in every 20 victims
withdrew support.

Detective Chief Inspector Lisa Grant said: \u201cWe referred 160 cases to the Crown Prosecution Service last year.
\u201cOf those, 62 ended in a charge, and we want to see more.\u201d

Across England and Wales, the charge rate was 1.6 per cent.
"""


def test_every_claim_points_at_its_figure_and_quotes_the_text():
    claims = claims_of(ARTICLE)
    assert len(claims) >= 6
    for claim in claims:
        assert claim.quote in ARTICLE
        assert ARTICLE[claim.char_start:claim.char_end] in claim.quote
    assert [c.char_start for c in claims] == sorted(c.char_start for c in claims)


def test_article_level_context_flows_through():
    assert claim_for(ARTICLE, "3.1 per cent").area == "Lancashire"
    assert claim_for(ARTICLE, "62").speaker == "Lisa Grant"
    assert claim_for(ARTICLE, "1.6 per cent").area == "England and Wales"
    assert claim_for(ARTICLE, "2,104").source == "Home Office"


def test_to_gold_has_exactly_the_gold_fields():
    (claim, *_) = claims_of(ARTICLE)
    row = claim.to_gold("a1")
    assert tuple(row) == GOLD_FIELDS
    assert row["article"] == "a1" and isinstance(row["value"], int)


def test_extract_many_keeps_input_order_and_matches_extract():
    texts = [("Kent Police recorded 4,000 burglaries.", None), (ARTICLE, None), ("", None),
             ("GMP recorded 3,945 rapes in 2021.", None)] * 5
    results = list(extract_many(texts, batch_size=3))
    assert len(results) == len(texts)
    for (text, published), claims in zip(texts, results):
        assert [(c.char_start, c.value, c.stage) for c in claims] == \
            [(c.char_start, c.value, c.stage) for c in extract(text, published)]
        assert_offsets(text, claims)
