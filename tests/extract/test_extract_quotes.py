"""Quotations and speakers: quote_spans and find_quotes, without spaCy (people are given)."""

import pytest

from attrition.extract.quotes import find_quotes, quote_spans


def person(text, name):
    start = text.index(name)
    return (start, start + len(name), name)


def speakers(text, names=()):
    """(first words of the quotation, speaker) for each quotation."""
    people = [person(text, n) for n in names]
    return [(text[q.start:q.end][:12], q.speaker) for q in find_quotes(text, people)]


@pytest.mark.parametrize("text, names, expected", [
    # X said: before the quotation, curly quotes, a title dropped
    ("Detective Superintendent Anna Bell said: \u201cWe have seen 412 reports of rape this year alone.\u201d",
     ["Anna Bell"], [("\u201cWe have see", "Anna Bell")]),
    # said X after, straight quotes
    ('"We charged 57 suspects last year, which is more than ever," said Mark Hughes.',
     ["Mark Hughes"], [('"We charged ', "Mark Hughes")]),
    # X said after, inverted
    ("\u201cOnly nine of the cases ended in a conviction at all,\u201d Dr Leah Moss said.",
     ["Leah Moss"], [("\u201cOnly nine o", "Leah Moss")]),
    # single quotes after a colon
    ("Priya Shah said: 'Only nine of these cases ended in a conviction at all.'",
     ["Priya Shah"], [("'Only nine o", "Priya Shah")]),
    # a pronoun resolves to the last person named
    ("Priya Shah is the commissioner. She said: \u201cOnly nine of these cases ended in a conviction.\u201d",
     ["Priya Shah"], [("\u201cOnly nine o", "Priya Shah")]),
    ("Tom Avery leads the unit. He said: \u201cWe referred 73 rape cases to prosecutors in 2021.\u201d",
     ["Tom Avery"], [("\u201cWe referred", "Tom Avery")]),
    # a surname expands to the fullest name seen
    ("Chief Constable Sarah Vance took over in May. Ms Vance said: \u201cWe charged 48 men with rape in 2022.\u201d",
     ["Sarah Vance", "Vance"], [("\u201cWe charged ", "Sarah Vance")]),
    # no attribution at all
    ("\u201cWe charged 48 men with rape in 2022 and we will do better.\u201d", [], [("\u201cWe charged ", None)]),
])
def test_speakers(text, names, expected):
    assert speakers(text, names) == expected


def test_a_quotation_over_several_paragraphs_keeps_its_speaker():
    text = ("Inspector Ravi Kumar said: \u201cLast year 210 rapes were reported to us in Suffolk alone.\n"
            "\u201cOf those, only 14 have so far ended with a charge for the suspect.\n"
            "\u201cWe want more victims to come forward to us in the coming year.\u201d\n"
            "The force did not comment further.")
    spans = quote_spans(text)
    assert [c for _, _, c in spans] == [False, True, True]
    assert [q.speaker for q in find_quotes(text, [person(text, "Ravi Kumar")])] == ["Ravi Kumar"] * 3
    # the narration after the quotation is not speech
    assert all(text.index("The force did not") >= e for _, e, _ in spans)


@pytest.mark.parametrize("text", [
    'The so-called "rape review" said little.',    # a scare quote: too short to be speech
    "Victims' groups said the figure was low.",     # an apostrophe
    "It wasn't the force's fault, officers said.",
    "No quotation here at all.",
    "",
])
def test_not_speech(text):
    assert quote_spans(text) == []
    assert find_quotes(text) == []


@pytest.mark.parametrize("text", [
    'He said: "this is an unbalanced quote with 40 rapes in it and no end',
    '\u201c\u201c\u201c\u201d\u201d',
    '"' * 40,
    "'" * 7 + " word " * 10,
    'Kent Police said: \u201cWe recorded 1,901 rapes in 2022 and never closed this\n Another paragraph follows here.',
    "\u201c\n\u201c\n\u201c\n",
    '": " said said said: " said',
])
def test_unbalanced_quote_marks_do_not_raise_and_spans_stay_in_the_text(text):
    for start, end, _ in quote_spans(text):
        assert 0 <= start < end <= len(text)
    find_quotes(text, [])


def test_an_unclosed_quotation_ends_with_its_paragraph():
    text = 'He said: "we recorded 1,901 rapes and never closed the quotation\nAnd the next paragraph is narration.'
    (start, end, _), = quote_spans(text)
    assert text[start] == '"' and end == text.index("\n")


def test_quote_spans_include_their_marks():
    text = 'Jo Reed said: \u201cThere were 300 reports from victims this year.\u201d Then she left.'
    (start, end, continues), = quote_spans(text)
    assert text[start] == "\u201c" and text[end - 1] == "\u201d" and not continues


def test_a_place_the_ner_reads_as_a_person_is_no_speaker():
    # "she said" after a force's name: the speaker is the woman named before, not "Kent"
    from attrition.extract import extract
    text = ('Detective Inspector Sarah Cole leads the rape unit in Kent.\n\n'
            '"Last year we charged 120 rape suspects," she said.')
    assert [c.speaker for c in extract(text, "2023-03-01")] == ["Sarah Cole"]
