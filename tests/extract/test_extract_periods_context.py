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
    text = "Rape charges in Essex now stand at 410, compared with 520 in 2021/22 (a fall of 110)."
    claims = _claims(text, published="2023-07-01")  # 2022/23 is the last year ended by then
    assert _period(claims["520"]) == ("2021-04-01", "2022-03-31")
    assert _period(claims["410"]) == ("2022-04-01", "2023-03-31")
    assert _period(claims["110"]) == ("2022-04-01", "2023-03-31")


def test_a_comparand_period_not_yet_followed_by_a_whole_year_gives_no_period():
    text = "Rape charges in Essex now stand at 410, compared with 520 in 2021/22."
    claims = _claims(text, published="2022-09-01")
    assert _period(claims["410"]) == (None, None)


def test_from_a_in_its_year_to_b_makes_b_the_following_year():
    text = "In Surrey the number charged with rape rose from 180 in 2020/21 to 205 (a rise of 25)."
    claims = _claims(text)
    assert _period(claims["180"]) == ("2020-04-01", "2021-03-31")
    assert _period(claims["205"]) == _period(claims["25"]) == ("2021-04-01", "2022-03-31")


def test_a_comparands_year_does_not_become_the_context():
    claims = _claims("In 2019/20 there were 640 rapes recorded in Dorset, up on 580 in 2018/19.\n\n"
                     "Of the offences recorded in the last financial year, 30 resulted in a charge.", None)
    assert _period(claims["580"]) == ("2018-04-01", "2019-03-31")
    assert _period(claims["30"]) != ("2018-04-01", "2019-03-31")


def test_the_year_a_rise_is_counted_from_does_not_become_the_context():
    claims = _claims("Police recorded 900 rapes in Kent in the 12 months before March 2020 - an increase of 100 "
                     "from the 2018/2019 figure.\n\nThe rape charge rate is down to 4 per cent.", None)
    assert _period(claims["4 per cent"]) == ("2019-04-01", "2020-03-31")


def test_the_previous_year_after_n_out_of_m_is_the_figures_own():
    claims = _claims("Out of 90 rapes prosecuted in Scotland in 2010-11, there were 40 convictions. This compares "
                     "with 30 convictions out of 80 rape prosecutions the previous year.", None)
    assert _period(claims["30"]) == ("2009-04-01", "2010-03-31")
