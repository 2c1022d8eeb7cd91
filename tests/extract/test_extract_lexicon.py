"""Stage and offence words as lemmas (`lexicon.py`): every form of a word, from the real pipeline's lemmatizer."""

import re

import pytest

from attrition.extract import lexicon
from attrition.extract.cues import find_offence_cues, find_stage_cues
from attrition.extract.lexicon import STAGE_WORDS, _regular_forms, word_cues
from attrition.extract.pipeline import load_pipeline

STAGES = {"reported", "recorded", "no_crime", "nfa", "withdrawn", "referred", "charged", "prosecuted", "convicted", "other"}


def cues(text):
    doc = load_pipeline()(text)
    return [(doc.text[c.start:c.end], c.label) for c in find_stage_cues(doc)]


@pytest.mark.parametrize("text, word, stage", [
    # irregular forms reach the lemma through the lemmatizer
    ("The complainant withdrew her support last spring.", "withdrew", "withdrawn"),
    ("Eleven men were found guilty at the crown court.", "found guilty", "convicted"),
    # every regular form of one lemma
    ("The force charges suspects in few cases.", "charges", "charged"),
    ("Officers are charging more suspects.", "charging", "charged"),
    ("Four suspects were summonsed to appear.", "summonsed", "charged"),
    ("The unit referred 31 files.", "referred", "referred"),
    ("Referrals doubled.", "Referrals", "referred"),
    # a headline or table header in capitals, where the tagger reads a proper noun
    ("RAPE CHARGES RISE IN THE NORTH", "CHARGES", "charged"),
    ("Reported | Charged | Convicted", "Convicted", "convicted"),
])
def test_every_form_of_a_stage_word_is_a_cue(text, word, stage):
    assert (word, stage) in cues(text)


def test_a_singular_report_is_a_document_and_a_plural_is_an_allegation():
    assert ("report", "reported") not in cues("The inspectorate's report was published in May.")
    assert ("reports", "reported") in cues("The inspectorate counted 90 reports in May.")


@pytest.mark.parametrize("text", [
    "Files went to the Crown Prosecution Service in May.",
    "Prosecution lawyers met the family.",
])
def test_the_prosecutors_themselves_are_not_a_prosecution(text):
    assert not [w for w, stage in cues(text) if stage == "prosecuted"]


def test_a_footnote_marker_glued_to_a_word_leaves_the_word():
    # "convictions.[1]" as a web page copies it: the tokenizer splits the marker off
    assert ("convictions", "convicted") in cues("There were 1,439 convictions.[1] The figures are new.")


def test_of_two_words_on_one_span_the_stronger_wins():
    # a capitalised "Crimed" is both the verb "crime" (recorded) and a form of the noun "crime"
    doc = load_pipeline()("Crimed Cases | 75%\nDetected Cases | 64%")
    first = find_stage_cues(doc)[0]
    assert (doc.text[first.start:first.end], first.label, first.weight) == ("Crimed", "recorded", lexicon.RECORDING)


def test_a_phrase_beats_the_word_inside_it():
    # "cancelled crimes" is one no-crime cue, not a no-crime cue and a bare "crimes"
    assert cues("There were 12 cancelled crimes.") == [("cancelled crimes", "no_crime")]


@pytest.mark.parametrize("text", ["She was raped in 2019.", "RAPE FIGURES", "a convicted rapist"])
def test_rape_in_every_form_is_the_offence(text):
    doc = load_pipeline()(text)
    assert "rape" in [c.label for c in find_offence_cues(doc)]


def test_cues_of_part_of_a_doc_keep_the_doc_offsets():
    doc = load_pipeline()("Forty reports came in. Nine were charged.")
    start = doc.text.index("Nine")
    found = find_stage_cues(doc, start, len(doc.text))
    assert [(doc.text[c.start:c.end], c.label) for c in found] == [("charged", "charged")]


@pytest.mark.parametrize("lemma, tags, forms", [
    ("refer", (), {"refer", "refers", "referred", "referring"}),  # a doubled final consonant
    ("charge", (), {"charge", "charges", "charged", "charging"}),
    ("summons", ("NNS",), {"summonses"}),
    ("report", ("VBD", "VBN"), {"reported"}),
])
def test_regular_forms(lemma, tags, forms):
    found = set(_regular_forms(lemma, tags))
    assert forms <= found
    if tags:
        assert found == forms


def test_the_lexicon_names_stages_and_uses_the_named_weights():
    # every weight in the tables is written as one of the named constants, not as a bare number
    source = open(lexicon.__file__).read()
    table = source[source.index("STAGE_WORDS: list[Word] = ["):source.index("def _regular_forms")]
    assert not re.search(r"Word\([^)]*?,\s*\d", table)
    named = {v for k, v in vars(lexicon).items() if k.isupper() and isinstance(v, float)}
    for word in STAGE_WORDS:
        assert word.label in STAGES
        assert word.weight in named
        assert word.lemmas or word.phrases


def test_word_cues_are_found_once_per_doc():
    doc = load_pipeline()("Nine were charged.")
    assert word_cues(doc) is word_cues(doc)


def test_a_stage_word_naming_an_institution_is_no_cue():
    assert ("Referral", "referred") not in cues("She went to the Sexual Assault Referral Centre.")
    assert ("referral", "referred") in cues("The referral of 40 files took a year.")


def test_a_table_with_bars_and_no_spaces_still_gives_its_words():
    # "Year|Reported|Charged": the tokenizer splits cells at the bar, so the header's words are found
    doc = load_pipeline()("Year|Reported|Charged\n2021|100|20")
    assert [doc.text[c.start:c.end] for c in find_stage_cues(doc)] == ["Reported", "Charged"]
