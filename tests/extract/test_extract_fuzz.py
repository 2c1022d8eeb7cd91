"""Fuzzing: no text makes the extractor or a recogniser raise, and every offset points into the text.

Two kinds of input: arbitrary Unicode, and text glued from fragments that are
likely to trip the recognisers (quote marks, numbers, `per cent`, line breaks,
force names, period phrases). `extract` catches errors per text and returns []
for it, which would hide a crash, so `build_claims` is also called directly.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attrition.extract import extract
from attrition.extract.cues import find_offence_cues, find_stage_cues, is_change
from attrition.extract.forces import find_area_mentions, resolve_force
from attrition.extract.gate import is_relevant
from attrition.extract.numbers import find_figures
from attrition.extract.periods import find_dateline, find_period_mentions, resolve_relative
from attrition.extract.pipeline import build_claims, load_pipeline
from attrition.extract.quotes import find_quotes, quote_spans
from attrition.extract.sources import find_source_mentions
from extract_helpers import assert_offsets

FAST = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
# The two tests that parse with spaCy run fewer examples to keep the suite quick.
PARSED = settings(FAST, max_examples=100)

FRAGMENTS = [
    # quote marks, alone and in pairs
    "\u201c", "\u201d", "\u2018", "\u2019", '"', "'", '"We', 'said: "', "\u201cWe ", ",\u201d she said.",
    " said Jo Reed.", "He said: \u2018", " she added",
    # numbers and percentages
    "0", "1", "3", "12", "100", "1,234", "2,481,000", "3.3", "0.5", "9.", ".7", "1,2,3", "99999999999999999999",
    "%", " per cent", "\u00a0per cent", " percent", " pc", " per 100,000 people", "m", "bn", "k",
    "one in five", "one in every 15", "one in 0", "two in", "a third of", "half of", "twenty-eight", "hundred",
    "four-fold", "40th", "aged 16 and over", "under 13", "72-hour", "0800 555 1111", "\u00a34.5m",
    "nearly ", "more than ", "up ", "rose by ", "a 12 per cent fall in ", "up from ", "from ", " to ",
    # periods
    "2017/18", "2017-18", "2015/2016", "1999/00", "2021/21", "year ending March 2018", "12 months to April 2023",
    "between 2020 and 2022", "between April 1 2012 and March 31", "between April and June this year",
    "last year", "the previous year", "that period", "16 July 2021", "31 February 2020", "March 2099",
    "between 31 February 2020 and 30 February", "the year to 0 March 2020",
    # areas and sources
    "Kent Police", "the Met", "GMP", "Avon & Somerset", "Herts Police", "(HP)", " (", ")", "Leeds", "the force",
    "England and Wales", "nationally", "according to ", "figures obtained from ", "data from the ",
    "a freedom of information request to ", " revealed", "the CPS", "Home Office",
    # stages and offences
    "rapes", " rape ", "reported", "recorded", "no-crimed", "referred", "charged", "prosecuted", "convicted",
    "no further action", "withdrew support", "sexual offences", "conviction rate of ", "led to a charge",
    # structure
    " ", "  ", "\n", "\n\n", "\r\n", "\t", ". ", ", ", "; ", ":", " | ", "\u2014", "-", "\u2013", "\u00a0",
    "\u200b", "\ufeff", "\u202f", "\U0001f600", "\u0301", "\x00",
]

fragment_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40).map("".join)

# Sentences shaped like the reporting the extractor reads, with noise spliced in,
# so that claims come out and their offsets get checked.
SUBJECTS = ["Kent Police", "The Met", "GMP", "Herts Police", "Police in Leeds", "Nationally, police", "The force",
            "Avon & Somerset (ASP)", "ASP", "Jo Reed said: \u201cWe", "\u201cWe", "She said: 'We"]
VERBS = ["recorded", "received reports of", "charged", "referred", "no-crimed", "convicted", "saw",
         "took no further action in", "had a conviction rate of"]
FIGURES = ["1,234", "3.3 per cent", "21%", "12 percent", "three per cent", "twenty-eight", "a third of",
           "one in five", "one in every 15", "98.4 per 100,000 people", "one\u00a0per cent", "1.9m", "up 26.8 per cent",
           "nearly 1,700", "more than half of", "4,000", "7"]
OFFENCES = ["rapes", "rape cases", "sexual offences", "sexual assaults", "cases", ""]
PERIODS = ["in 2017/18", "in 2017-18", "in the year ending March 2018", "in the 12 months to April 2023",
           "last year", "between 2020 and 2022", "between April 1 2012 and March 31", "in 2021", "",
           "between April and June this year", "the previous year"]
ENDS = [".", ".\u201d", ",\u201d said Jo Reed.", ", according to the Home Office.", "\n", ". ", "", "'\n\n"]

sentence = st.tuples(
    st.sampled_from(SUBJECTS), st.sampled_from(VERBS), st.sampled_from(FIGURES), st.sampled_from(OFFENCES),
    st.sampled_from(PERIODS), st.sampled_from(ENDS), st.sampled_from(FRAGMENTS + [""] * 40),
    st.integers(min_value=0, max_value=5),
).map(lambda p: _splice(" ".join(x for x in p[:5] if x) + p[5], p[6], p[7]))


def _splice(text, noise, where):
    words = text.split(" ")
    words.insert(min(where, len(words)), noise)
    return " ".join(words)


article_text = st.lists(sentence, min_size=1, max_size=6).map(" ".join)
any_text = st.one_of(st.text(max_size=300), fragment_text, article_text)
# Publication dates from year 1000 on: year 1 makes 'last year' raise, a known bug pinned
# deterministically in test_extract_periods.py rather than left for the fuzzer to trip on.
published = st.one_of(st.none(), st.dates(min_value=date(1000, 1, 1)).map(lambda d: d.isoformat()),
                      st.text(alphabet="0123456789-T:Z /", max_size=12).filter(lambda t: not t.startswith("000")),
                      st.text(max_size=12).filter(lambda t: not t[:1].isdigit()),
                      st.sampled_from(["2023-02-29", "9999-12-31", "2023-06-14T10:00:00Z", "2024-02-29"]))


def inside(text, start, end):
    assert 0 <= start <= end <= len(text), (start, end, len(text))


@PARSED
@given(text=any_text, pub=published)
def test_extract_never_raises_and_keeps_the_offset_promise(text, pub):
    assert_offsets(text, extract(text, pub))


@PARSED
@given(text=st.one_of(fragment_text, article_text), pub=published)
def test_build_claims_never_raises(text, pub):
    # extract() swallows errors per text; call the assembler itself so a crash shows.
    doc = load_pipeline()(text)
    claims = build_claims(doc, pub)
    assert_offsets(text, claims)
    for claim in claims:
        if claim.period_start is not None:
            assert claim.period_end is not None and claim.period_start <= claim.period_end


@FAST
@given(text=any_text)
def test_find_figures(text):
    for fig in find_figures(text):
        inside(text, fig.start, fig.end)
        assert fig.start < fig.end
        assert fig.unit in ("count", "percent", "per_100k")
        assert fig.value == fig.value  # not NaN
    assert is_relevant(text) in (True, False)


@FAST
@given(text=any_text, pub=published)
def test_periods(text, pub):
    mentions = find_period_mentions(text, pub)
    for m in mentions:
        inside(text, m.start, m.end)
        assert text[m.start:m.end] == m.text
        if m.kind == "explicit":
            assert m.period_start <= m.period_end
        for context in (None, ("2020-04-01", "2021-03-31"), ("2020-02-29", "2021-02-28")):
            resolved = resolve_relative(m, context, [("2019-04-01", "2020-03-31")], pub)
            assert resolved is None or resolved[0] <= resolved[1]
    find_dateline(text)


@FAST
@given(text=any_text)
def test_areas_and_sources(text):
    for m in find_area_mentions(text):
        inside(text, m.start, m.end)
    for m in find_source_mentions(text, [(0, min(3, len(text)), "Some Org")] if text else []):
        inside(text, m.start, m.end)
        assert m.name
    resolve_force(text)


@PARSED
@given(text=any_text)
def test_cues(text):
    doc = load_pipeline()(text)
    for cue in find_stage_cues(doc) + find_offence_cues(doc):
        inside(text, cue.start, cue.end)
    for fig in find_figures(text):
        assert is_change(text, fig.start, fig.end) in (True, False)


@FAST
@given(text=any_text, names=st.lists(st.integers(min_value=0, max_value=300), max_size=4))
def test_quotes(text, names):
    for start, end, _ in quote_spans(text):
        inside(text, start, end)
    people = [(min(i, len(text)), min(i + 3, len(text)), text[min(i, len(text)):min(i + 3, len(text))] or "Jo")
              for i in sorted(names)]
    for q in find_quotes(text, people):
        inside(text, q.start, q.end)
