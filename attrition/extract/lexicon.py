"""The words that name a funnel stage or an offence, as data: lemmas run by spaCy `PhraseMatcher`s.

A word that says a stage in every form ("charge", "charges", "charged", "charging")
is one lemma here; the pipeline's lemmatizer supplies its forms, irregular ones
included ("withdrew", "withdrawn"). `word_cues(doc)` runs the patterns over a
parsed `Doc` once and returns (start_char, end_char, label, weight) tuples.

Constructions of several words with conditions on what comes around them ("closed
with no further action", "passed ... to the CPS") are regular expressions in
`cues.py` (`STAGE_PHRASES`); both feed the same cues, and where a word and a phrase
overlap the longer wins.

The weights say how firmly a word alone names the stage of the figure it governs.
They are named here, in one place, and read by `cues.py` and the deciding steps
(`assign.py`, `decide.py`, `context.py`, `sentence_rules.py`, `tables.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import product

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# How firmly a cue names a stage: a decisive outcome word outranks the stage it follows from.
WITHDRAWN = 1.3       # a victim's withdrawal explains an outcome better than any other word
OUTCOME = 1.2         # no-crime, no further action, conviction
REFERRAL = 1.1
STAGE = 1.0           # charge, prosecution
RECORDING = 0.9       # "recorded": firm, but a recorded crime is also the base of later stages
REPORTING = 0.8       # report, allegation, complaint
STRONG = 0.8          # at or above this a cue governs a figure on its own
CLOSING = 0.7         # "closed" without a reason
INCIDENT = 0.6
CONTEXT = 0.5         # at or above this a word counts as a named stage rather than the noun counted
WEAK_OTHER = 0.5      # cautions, days, weeks: a figure that counts them is no funnel stage
BARE_NOUN = 0.4       # outcomes, investigations, crimes, offences: the cases, not the stage they reached
VICTIM = 0.3
BARE_RAPES = 0.0      # "rapes" alone: recorded when nothing else speaks, never against another word


@dataclass(frozen=True)
class Word:
    """A stage or offence named by any form of one of `lemmas`, or by a phrase of lemmas in `phrases`.

    `tags`: when set, a match counts only if its last token has one of these fine-grained
    tags (a singular noun "report" names a document). `not_after`: lower-case words that,
    just before a match, make it no cue ("Crown" before "Prosecution"); `not_before`:
    lemmas that do so just after it ("prosecution service").
    """

    label: str
    weight: float
    lemmas: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    not_after: frozenset[str] = field(default_factory=frozenset)
    not_before: frozenset[str] = field(default_factory=frozenset)


_VERB_FORMS = ("VBD", "VBN")

STAGE_WORDS: list[Word] = [
    Word("no_crime", OUTCOME, ("cancel", "cancellation"), phrases=("cancel crime",)),
    Word("no_crime", OUTCOME, ("transfer",), tags=_VERB_FORMS),
    Word("nfa", OUTCOME, ("discontinue",)),
    Word("withdrawn", WITHDRAWN, ("withdraw", "withdrawal", "retract", "retraction"),
         phrases=("pull out", "walk away", "step away", "drop out")),
    # "a Sexual Assault Referral Centre": a stage word naming a kind of institution names no stage
    Word("referred", REFERRAL, ("refer", "referral"),
         not_before=frozenset({"centre", "center", "service", "pathway", "team", "unit", "scheme", "hub", "line", "network"})),
    Word("convicted", OUTCOME, ("convict", "conviction"),
         phrases=("find guilty", "guilty verdict", "guilty plea", "plead guilty", "successful prosecution", "successfully prosecute")),
    Word("charged", STAGE, ("charge", "summons", "detection", "detect", "solve", "resolve"),
         phrases=("detection rate", "formal action")),
    Word("prosecuted", STAGE, ("prosecute", "prosecution"), not_after=frozenset({"crown"}),
         not_before=frozenset({"service", "advocate", "barrister", "lawyer", "counsel", "team", "witness"})),
    Word("prosecuted", STAGE, ("trial", "defendant"), phrases=("case finalisation",)),
    Word("prosecuted", STAGE, ("proceeding",), tags=("NNS",)),
    # "recorded" is its own word: "records" and "recording" name a document or a practice as often
    # as the stage ("record levels", "crime recording").
    Word("recorded", RECORDING, ("record", "recorded"), tags=("VBD", "VBN", "JJ")),
    Word("recorded", RECORDING, ("crime",), tags=_VERB_FORMS),
    Word("recorded", BARE_NOUN, ("outcome", "investigation", "crime", "offence")),
    # A singular noun "report" names a document ("a report published by the inspectorate").
    # "The PPS reported that, of the 96 cases ...": a verb of saying, not the reporting of crimes
    Word("reported", REPORTING, ("report",), tags=("NNS", "VBZ", "VBD", "VBN", "VBG", "JJ"), not_before=frozenset({"that"})),
    Word("reported", REPORTING, ("allegation", "complaint"), phrases=("come forward",)),
    Word("reported", INCIDENT, ("incident",)),
    Word("recorded", BARE_RAPES, ("rape",), phrases=("sexual offence", "sex offence"), tags=("NNS",)),
    Word("other", VICTIM, ("victim",)),
    Word("other", WEAK_OTHER, ("caution", "day", "week")),
]

OFFENCE_WORDS: list[Word] = [
    Word("rape", STAGE, ("rape", "rapist")),
]


def _regular_forms(lemma: str, tags: tuple[str, ...]) -> list[str]:
    """The lemma's regular English forms under `tags` (all when empty).

    A fallback for tokens the lemmatizer gets wrong ("summons" read as "summon",
    "raped" as "rap", a capitalised headline word left as written); irregular
    forms ("withdrew") come from the lemma alone.
    """
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    stems = [stem]
    if re.search(r"[^aeiou][aeiou][^aeiouwxy]$", lemma):
        stems.append(lemma + lemma[-1])  # "refer": "referred", "referring"
    forms = {
        "base": [lemma],
        "s": [lemma + "es" if lemma.endswith(("s", "sh", "ch", "x")) else lemma + "s"],
        "ed": [lemma] if lemma.endswith("ed") else [s + "ed" for s in stems],
        "ing": [s + "ing" for s in stems],
    }
    kinds = {_FORM_OF_TAG.get(tag, "base") for tag in tags} if tags else set(forms)
    return [form for kind, found in forms.items() if kind in kinds for form in found]


_FORM_OF_TAG = {"NNS": "s", "VBZ": "s", "VBD": "ed", "VBN": "ed", "JJ": "ed", "VBG": "ing"}


def _build(vocab: Vocab, words: list[Word]) -> tuple[PhraseMatcher, PhraseMatcher]:
    """Two phrase matchers keyed by the word's index: one over lemmas, one over lower-case forms."""
    by_lemma, by_form = PhraseMatcher(vocab, attr="LEMMA"), PhraseMatcher(vocab, attr="LOWER")
    for i, word in enumerate(words):
        lemma_seqs = [[lemma] for lemma in word.lemmas] + [phrase.split() for phrase in word.phrases]
        by_lemma.add(str(i), [Doc(vocab, words=seq, lemmas=seq) for seq in lemma_seqs])
        forms = {(f,) for lemma in word.lemmas for f in _regular_forms(lemma, word.tags)}
        for phrase in word.phrases:
            *head, last = phrase.split()
            forms |= set(product(*[_regular_forms(w, ()) for w in head], _regular_forms(last, word.tags)))
        if forms:
            by_form.add(str(i), [Doc(vocab, words=list(form)) for form in sorted(forms)])
    return by_lemma, by_form


_MATCHERS: dict[int, tuple[Vocab, tuple, tuple]] = {}


def _matchers(vocab: Vocab) -> tuple[tuple[PhraseMatcher, PhraseMatcher], tuple[PhraseMatcher, PhraseMatcher]]:
    """The stage and offence matchers for `vocab`, built once per pipeline."""
    built = _MATCHERS.get(id(vocab))
    if built is None or built[0] is not vocab:
        built = _MATCHERS[id(vocab)] = (vocab, _build(vocab, STAGE_WORDS), _build(vocab, OFFENCE_WORDS))
    return built[1], built[2]


def _run(doc: Doc, matchers: tuple[PhraseMatcher, PhraseMatcher], words: list[Word]) -> list[tuple[int, int, str, float]]:
    """The (start_char, end_char, label, weight) of each word of `words` the two matchers find in `doc`."""
    strings = doc.vocab.strings
    by_lemma, by_form = matchers
    # A form match stands as it is (its forms were chosen for the tags); a lemma match counts
    # only under the word's tags.
    matched = {(int(strings[key]), start, end, True) for key, start, end in by_lemma(doc)}
    matched |= {(int(strings[key]), start, end, False) for key, start, end in by_form(doc)}
    found = set()
    for i, start, end, of_lemma in matched:
        word = words[i]
        last = doc[end - 1]
        if of_lemma and word.tags and last.tag_ not in word.tags:
            continue
        if word.not_after and start > 0 and doc[start - 1].lower_ in word.not_after:
            continue
        if word.not_before and end < len(doc) and doc[end].lemma_.lower() in word.not_before:
            continue
        found.add((doc[start].idx, last.idx + len(last), word.label, word.weight))
    return sorted(found, key=lambda c: (c[0], c[0] - c[1]))


def word_cues(doc: Doc) -> tuple[list[tuple[int, int, str, float]], list[tuple[int, int, str, float]]]:
    """Return (stage, offence) word cues in `doc` as (start_char, end_char, label, weight), by position.

    Computed once per doc (kept in `doc.user_data`).
    """
    cached = doc.user_data.get("attrition_word_cues")
    if cached is None:
        stage, offence = _matchers(doc.vocab)
        cached = doc.user_data["attrition_word_cues"] = (_run(doc, stage, STAGE_WORDS), _run(doc, offence, OFFENCE_WORDS))
    return cached
