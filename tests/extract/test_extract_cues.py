"""Stage, offence and change cues: the words that say what a figure counts."""

import pytest

from attrition.extract import cues as _cues
from attrition.extract.cues import is_change
from attrition.extract.pipeline import load_pipeline


def find_stage_cues(text):
    """The stage cues of `text`, parsed by the real pipeline (the stage words are lemmas)."""
    return _cues.find_stage_cues(load_pipeline()(text))


def find_offence_cues(text):
    return _cues.find_offence_cues(load_pipeline()(text))


def strong_stages(text):
    """The labels of the stage cues that can govern a figure on their own (weight >= 0.8)."""
    return [c.label for c in find_stage_cues(text) if c.weight >= 0.8 and c.label != "other"]


@pytest.mark.parametrize("text, stage", [
    ("rapes reported to police", "reported"),
    ("allegations of rape", "reported"),
    ("victims who came forward", "reported"),
    ("rapes recorded by the force", "recorded"),
    ("offences logged as crimes", "recorded"),
    ("reports that were no-crimed", "no_crime"),
    ("reports later cancelled", "no_crime"),
    ("incidents not recorded as a crime", "no_crime"),
    ("N100 records", "no_crime"),
    ("files referred to the CPS", "referred"),
    ("cases passed to the Crown Prosecution Service", "referred"),
    ("suspects charged", "charged"),
    ("a charge or summons", "charged"),
    ("the detection rate", "charged"),
    ("cases solved", "charged"),
    ("cases prosecuted", "prosecuted"),
    ("cases heard in court", "prosecuted"),
    ("men convicted", "convicted"),
    ("the conviction rate", "convicted"),
    ("defendants found guilty", "convicted"),
    ("no further action", "nfa"),
    ("cases were dropped", "nfa"),
    ("evidential difficulties", "nfa"),
    ("victims withdrew support", "withdrawn"),
    ("the victim did not support action", "withdrawn"),
    ("victims pulled out", "withdrawn"),
])
def test_stage_cues(text, stage):
    assert stage in strong_stages(text)


@pytest.mark.parametrize("text", [
    "a report published by the inspectorate",  # a document, not an allegation
    "the weather was fine",
])
def test_no_stage_cue(text):
    assert strong_stages(text) == []


def test_the_name_of_the_cps_is_not_a_prosecution():
    assert strong_stages("cases referred to the Crown Prosecution Service") == ["referred"]


def test_longest_cue_wins_where_cues_overlap():
    text = "reports not recorded as a crime"
    cues = find_stage_cues(text)
    assert [(text[c.start:c.end], c.label) for c in cues] == [("reports", "reported"), ("not recorded as a crime", "no_crime")]
    for a, b in zip(cues, cues[1:]):
        assert a.end <= b.start


@pytest.mark.parametrize("text, offence", [
    ("rapes and other sexual offences", "sexual_offences"),
    ("sexual offences", "sexual_offences"),
    ("sexual violence", "sexual_offences"),
    ("RASSO cases", "sexual_offences"),
    ("sexual assaults", "sexual_assault"),
    ("indecent assault", "sexual_assault"),
    ("rape", "rape"),
    ("women who were raped", "rape"),
    ("a convicted rapist", "rape"),
    ("domestic abuse", "other"),
    ("burglary", "other"),
])
def test_offence_cues(text, offence):
    assert [c.label for c in find_offence_cues(text)] == [offence]


@pytest.mark.parametrize("text", ["grape harvest", "drapes", "the weather was fine"])
def test_no_offence_cue(text):
    assert find_offence_cues(text) == []


@pytest.mark.parametrize("text, figure, change", [
    # changes
    ("rapes were up 26.8 per cent", "26.8 per cent", True),
    ("reports rose by 300 in a year", "300", True),
    ("a 12 per cent fall in referrals", "12 per cent", True),
    ("an increase of 53 per cent", "53 per cent", True),
    ("a rise of 11% on the year", "11%", True),
    ("down by 9 per cent", "9 per cent", True),
    ("a 4% drop in charges", "4%", True),
    ("charges jumped 40%", "40%", True),
    ("12 per cent more rapes", "12 per cent", True),
    # levels
    ("up from 272 the year before", "272", False),
    ("increased from 1,186 to 2,045", "1,186", False),
    ("increased from 1,186 to 2,045", "2,045", False),
    ("reports fell to 400", "400", False),
    ("the force recorded 1,400 rapes", "1,400", False),
    ("the rate was 4%", "4%", False),
    pytest.param("there were 400 more reports than the year before", "400", True),
])
def test_is_change(text, figure, change):
    start = text.index(figure)
    assert is_change(text, start, start + len(figure)) is change


@pytest.mark.parametrize("text", ["", "4", "up"])
def test_is_change_at_the_edges_of_the_text(text):
    assert is_change(text, 0, len(text)) in (True, False)
