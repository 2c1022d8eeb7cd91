"""`show`'s context: the sentence holding a figure, with the figure marked, never past a paragraph."""

import pytest

from attrition.corpus.store.show import marked_sentence

TEXT = ("Essex Police recorded 2,004 rapes in 2022. Of those, 71 led to a charge.\n"
        'The PCC said: "Only 3.5 per cent reach court." Campaigners disagreed.\n'
        "Dr A. Smith counted 12 cases in Colchester (about 4 per cent). That was all.")


@pytest.mark.parametrize("figure, expected", [
    ("2,004", "Essex Police recorded [[2,004]] rapes in 2022."),
    ("71", "Of those, [[71]] led to a charge."),
    ("3.5 per cent", 'The PCC said: "Only [[3.5 per cent]] reach court."'),
    ("4 per cent", "Dr A. Smith counted 12 cases in Colchester (about [[4 per cent]])."),
])
def test_marked_sentence(figure, expected):
    start = TEXT.index(figure)
    assert marked_sentence(TEXT, start, start + len(figure)) == expected


def test_context_never_crosses_a_line_break():
    text = "Headline with 40 in it\nNext paragraph"
    start = text.index("40")
    assert marked_sentence(text, start, start + 2) == "Headline with [[40]] in it"
