"""Structural rules over the dependency tree, tested on hand-built `Doc`s: the parse is given, not guessed."""

import spacy
from spacy.tokens import Doc

from attrition.extract.assign import relative_outcome
from attrition.extract.cues import Cue


VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case and the like), no model


def built(words, heads, deps, lemmas=None):
    """A Doc with the given tree (`heads` are absolute token indices), spaces between words."""
    return Doc(VOCAB, words=words, heads=heads, deps=deps, lemmas=lemmas or [w.lower() for w in words])


def cue_on(doc, word, label="charged", weight=1.0):
    token = next(t for t in doc if t.text == word)
    return Cue(token.idx, token.idx + len(token), label, weight)


# "the average of 7 per cent of recorded rapes that resulted in a charge"
WORDS = ["the", "average", "of", "7", "per", "cent", "of", "recorded", "rapes", "that", "resulted", "in", "a", "charge"]
HEADS = [1, 1, 1, 5, 5, 2, 5, 8, 6, 10, 8, 10, 13, 11]
DEPS = ["det", "ROOT", "prep", "nummod", "compound", "pobj", "prep", "amod", "pobj", "nsubj", "relcl", "prep", "det", "pobj"]
LEMMAS = ["the", "average", "of", "7", "per", "cent", "of", "record", "rape", "that", "result", "in", "a", "charge"]


def figure_span(doc):
    return doc[3].idx, doc[5].idx + len(doc[5])


def test_a_relative_clause_on_the_base_gives_its_outcome():
    doc = built(WORDS, HEADS, DEPS, LEMMAS)
    charge = cue_on(doc, "charge")
    assert relative_outcome(doc, *figure_span(doc), [cue_on(doc, "recorded", "recorded", 0.9), charge]) == charge


def test_a_relative_clause_whose_verb_is_no_outcome_gives_nothing():
    lemmas = LEMMAS[:10] + ["rise"] + LEMMAS[11:]
    doc = built(WORDS[:10] + ["rose"] + WORDS[11:], HEADS, DEPS, lemmas)
    assert relative_outcome(doc, *figure_span(doc), [cue_on(doc, "charge")]) is None


def test_an_outcome_clause_on_another_noun_gives_nothing():
    # the same words, but the clause hangs on "average", not on the share's base
    heads = HEADS[:10] + [1] + HEADS[11:]
    doc = built(WORDS, heads, DEPS, LEMMAS)
    assert relative_outcome(doc, *figure_span(doc), [cue_on(doc, "charge")]) is None


def test_an_outcome_clause_with_no_stage_word_gives_nothing():
    doc = built(WORDS, HEADS, DEPS, LEMMAS)
    assert relative_outcome(doc, *figure_span(doc), [cue_on(doc, "recorded", "recorded", 0.9)]) is None
