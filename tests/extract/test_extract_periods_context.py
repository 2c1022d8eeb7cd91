"""Periods read from the construction around a figure (issue #11, item 8; GUIDELINES 14 and 18).

Sentences written for this test, one construction each.
"""

from __future__ import annotations

import pytest

from attrition.extract import extract
from attrition.extract.periods import find_period_mentions


def _claims(text: str, published: str | None = "2024-06-01") -> dict[str, object]:
    return {text[c.char_start:c.char_end]: c for c in extract(text, published)}


def _period(claim) -> tuple[str | None, str | None]:
    return claim.period_start, claim.period_end


@pytest.mark.parametrize("phrase, expected", [
    ("the three years from 2017/18 to 2019/20", ("2017-04-01", "2020-03-31")),
    ("between 2015-16 and 2017-18", ("2015-04-01", "2018-03-31")),
    ("the year March 2021 to March 2022", ("2021-04-01", "2022-03-31")),
    ("from June 2020 to June 2021", ("2020-07-01", "2021-06-30")),
    ("between June 2020 and June 2021", ("2020-06-01", "2021-06-30")),  # both months named: inclusive
])
def test_spans_of_years_and_months(phrase, expected):
    explicit = [m for m in find_period_mentions(f"Figures for {phrase} show it.") if m.kind == "explicit"]
    assert [(m.period_start, m.period_end) for m in explicit] == [expected]


def test_a_change_over_a_span_of_years_covers_the_later_year():
    claims = _claims("Recorded rapes in Devon rose by 41% between 2016 and 2019.")
    assert claims["41%"].change
    assert _period(claims["41%"]) == ("2019-01-01", "2019-12-31")


def test_a_level_over_a_span_keeps_the_whole_span():
    claims = _claims("Kent recorded 3,900 rapes between 2016 and 2019.")
    assert _period(claims["3,900"]) == ("2016-01-01", "2019-12-31")


def test_the_period_after_a_comparand_is_the_comparands_not_the_figures():
    text = "Thames Valley Police brought 190 rape charges, compared with 240 in 2019/20 - a drop of 50."
    claims = _claims(text, published="2021-07-01")  # 2020/21 is the last year ended by then
    assert _period(claims["240"]) == ("2019-04-01", "2020-03-31")
    assert _period(claims["190"]) == ("2020-04-01", "2021-03-31")
    assert _period(claims["50"]) == ("2020-04-01", "2021-03-31")


def test_a_comparand_period_not_yet_followed_by_a_whole_year_gives_no_period():
    text = "Thames Valley Police brought 190 rape charges, compared with 240 in 2019/20."
    claims = _claims(text, published="2020-09-01")
    assert _period(claims["190"]) == (None, None)


def test_from_a_in_its_year_to_b_makes_b_the_following_year():
    text = "Rape charges in Northumbria went from 180 in 2020/21 to 205, an increase of 25."
    claims = _claims(text)
    assert _period(claims["180"]) == ("2020-04-01", "2021-03-31")
    assert _period(claims["205"]) == _period(claims["25"]) == ("2021-04-01", "2022-03-31")


def test_a_comparands_year_does_not_become_the_context():
    claims = _claims("Durham Constabulary recorded 640 rapes in 2019/20, up on 580 in 2018/19.\n\n"
                     "Over the last financial year the force charged 30 rape suspects.", None)
    assert _period(claims["580"]) == ("2018-04-01", "2019-03-31")
    assert _period(claims["30"]) == ("2019-04-01", "2020-03-31")  # the latest year in context, not the comparand's


def test_the_year_a_rise_is_counted_from_does_not_become_the_context():
    claims = _claims("Avon and Somerset logged 1,150 rape crimes in the year to March 2021, a rise of 140 from the "
                     "2019/2020 figure.\n\nIts charge rate for rape has slipped to 3 per cent.", None)
    assert _period(claims["3 per cent"]) == ("2020-04-01", "2021-03-31")


def test_the_previous_year_after_n_out_of_m_is_the_figures_own():
    claims = _claims("In 2012-13 courts in Scotland convicted 52 of 110 people tried for rape. There had been 47 "
                     "convictions out of 98 rape prosecutions the previous year.", None)
    assert _period(claims["47"]) == ("2011-04-01", "2012-03-31")


@pytest.mark.parametrize("text, expected", [
    ("the year to 14 May 2023", ("2022-05-15", "2023-05-14")),
    ("the year ending 31 December 2022", ("2022-01-01", "2022-12-31")),
    ("the 12 months to 30 September 2021", ("2020-10-01", "2021-09-30")),
])
def test_the_year_to_a_day_ends_that_day(text, expected):
    (mention,) = find_period_mentions(text, None)
    assert (mention.period_start, mention.period_end) == expected


def test_the_previous_year_covers_a_coordinated_pair_of_figures():
    claims = _claims("In the year to March 2023 Surrey Police recorded 610 rapes. That compared to 540 rapes and "
                     "1,900 other sexual offences recorded during the previous year.", None)
    assert _period(claims["540"]) == ("2021-04-01", "2022-03-31")


def test_the_year_a_report_was_published_is_not_its_figures_period():
    claims = _claims("Convictions for rape have risen 30% in the decade since the first such report was published "
                     "in 2009-10.", None)
    assert _period(claims["30%"]) == (None, None)


def test_a_level_risen_from_in_the_next_sentence_is_the_year_before():
    from attrition.extract import extract
    text = "Kent charged 120 rape suspects in 2022. That is up from 80."
    claims = {text[c.char_start:c.char_end]: c for c in extract(text, "2023-03-01")}
    assert (claims["80"].period_start, claims["80"].period_end) == ("2021-01-01", "2021-12-31")
    assert claims["80"].period_inherited


def test_an_opening_previous_year_dates_the_sentences_figure():
    from attrition.extract import extract
    claims = {c.value: c for c in extract("Kent Police recorded 1,450 rapes in 2021/22. The previous year it recorded 1,300.",
                                          "2023-01-01")}
    assert (claims[1300].period_start, claims[1300].period_end) == ("2020-04-01", "2021-03-31")


@pytest.mark.parametrize("phrase, expected", [
    ("the first six months of 2022", ("2022-01-01", "2022-06-30")),
    ("the last three months of 2022/23", ("2023-01-01", "2023-03-31")),
    ("the first 9 months of 2021-22", ("2021-04-01", "2021-12-31")),
])
def test_part_of_a_year(phrase, expected):
    from attrition.extract.periods import find_period_mentions
    (m,) = [p for p in find_period_mentions(phrase) if p.kind == "explicit"]
    assert (m.period_start, m.period_end) == expected


def test_a_sentence_looking_back_dates_itself_not_the_sentences_after_it():
    from attrition.extract import extract
    text = ("Essex Police recorded 900 rapes in the year to March 2023, up from 800 the year before. "
            "Five years earlier, in 2017, the force recorded 400. "
            "Just 4 per cent of rape investigations closed during the year resulted in a charge.")
    got = {c.value: c.period_start for c in extract(text, "2023-07-01")}
    assert got[400] == "2017-01-01"
    assert got[4] == "2022-04-01"
