"""Periods: UK reporting conventions read into ISO start and end dates."""

from datetime import date

import pytest

from attrition.extract.periods import (
    PeriodMention, calendar_years, financial_year, find_dateline, find_period_mentions, is_full_year,
    resolve_relative, shift_year, twelve_months_to,
)


def explicit(text, published=None):
    """(phrase, start, end) of each explicit period in `text`."""
    return [(m.text, m.period_start, m.period_end) for m in find_period_mentions(text, published)
            if m.kind == "explicit"]


@pytest.mark.parametrize("text, phrase, start, end", [
    # financial years, three spellings
    ("Rapes fell in 2016/17 across the force.", "2016/17", "2016-04-01", "2017-03-31"),
    ("Rapes fell in 2016-17 across the force.", "2016-17", "2016-04-01", "2017-03-31"),
    ("Rapes fell in 2019\u201320 across the force.", "2019\u201320", "2019-04-01", "2020-03-31"),
    ("Rapes fell in 2014/2015 across the force.", "2014/2015", "2014-04-01", "2015-03-31"),
    ("It covers the financial year 2018/19.", "the financial year 2018/19", "2018-04-01", "2019-03-31"),
    pytest.param("Rapes fell in 1999/00 too.", "1999/00", "1999-04-01", "2000-03-31"),
    # year ending / twelve months to
    ("Figures for the year ending March 2019 are out.", "the year ending March 2019", "2018-04-01", "2019-03-31"),
    ("Figures for the year ending June 2022 are out.", "the year ending June 2022", "2021-07-01", "2022-06-30"),
    ("It rose in the 12 months to March 2022.", "the 12 months to March 2022", "2021-04-01", "2022-03-31"),
    ("It rose in the 12 months to April 2023.", "the 12 months to April 2023", "2022-05-01", "2023-04-30"),
    ("It rose in the twelve months ending September 2021.", "the twelve months ending September 2021",
     "2020-10-01", "2021-09-30"),
    ("It rose in the year to 31 March 2020.", "the year to 31 March 2020", "2019-04-01", "2020-03-31"),
    ("It rose in the year to December 2016.", "the year to December 2016", "2016-01-01", "2016-12-31"),
    # calendar years
    ("In 2021, police logged more.", "2021", "2021-01-01", "2021-12-31"),
    ("In the 2020 calendar year, police logged more.", "the 2020 calendar year", "2020-01-01", "2020-12-31"),
    # ranges
    ("It rose between 2018 and 2021.", "between 2018 and 2021", "2018-01-01", "2021-12-31"),
    ("It rose from 2013 to 2016.", "from 2013 to 2016", "2013-01-01", "2016-12-31"),
    ("It rose between January 2020 and June 2021.", "between January 2020 and June 2021", "2020-01-01", "2021-06-30"),
    ("It rose between 1 April 2014 and 31 March 2015.", "between 1 April 2014 and 31 March 2015",
     "2014-04-01", "2015-03-31"),
    # a range whose end year is implied: it must fall after the start
    ("It rose between April 1 2016 and March 31.", "between April 1 2016 and March 31", "2016-04-01", "2017-03-31"),
    ("Between 1 October 2019 and 31 January, it rose.", "Between 1 October 2019 and 31 January",
     "2019-10-01", "2020-01-31"),
    # a single month
    ("It rose in March 2022.", "in March 2022", "2022-03-01", "2022-03-31"),
])
def test_explicit_periods(text, phrase, start, end):
    assert explicit(text) == [(phrase, start, end)]


@pytest.mark.parametrize("text, published, start, end", [
    ("Reports rose between April and June this year.", "2023-09-10", "2023-04-01", "2023-06-30"),
    ("Reports rose from October to December this year.", "2021-12-20", "2021-10-01", "2021-12-31"),
    ("Reports rose between January and March last year.", "2023-09-10", "2022-01-01", "2022-03-31"),
])
def test_month_ranges_take_their_year_from_the_publication_date(text, published, start, end):
    [(_, got_start, got_end)] = explicit(text, published)
    assert (got_start, got_end) == (start, end)


def test_months_without_a_year_wait_for_context():
    (m,) = find_period_mentions("Reports rose between April and June.")
    assert m.kind == "months" and m.months == (4, 6)
    # the year comes from the period in context (the year its end falls in)
    assert resolve_relative(m, ("2020-04-01", "2021-03-31"), [], None) == ("2021-04-01", "2021-06-30")
    assert resolve_relative(m, None, [], None) is None


def test_this_year_with_no_date_is_unknowable():
    assert [m.kind for m in find_period_mentions("Reports rose between April and June this year.")] == ["none"]


@pytest.mark.parametrize("text, kind", [
    ("Reports rose last year.", "last_year"),
    ("It was higher the previous year.", "previous"),
    ("It was lower a year earlier.", "previous"),
    ("During that period, 40 were charged.", "same"),
    ("In the same period, 40 were charged.", "same"),
    ("In the last six months, 40 were charged.", "none"),
    ("In the same period in 2019, 30 were charged.", "same_in"),
    # an event's date or a comparison year is never a figure's period
    ("That is higher than in 2019.", "date"),
    ("It was announced on 16 July 2021.", "date"),
    ("It was announced on Tuesday, March 14, 2023.", "date"),
    ("It has risen since 2015.", "date"),
    ("Reports rose year-on-year.", "none"),
])
def test_relative_and_non_periods_are_labelled_by_kind(text, kind):
    assert [m.kind for m in find_period_mentions(text)] == [kind]


@pytest.mark.parametrize("text", [
    "Officers attended 2017/19 cases.",  # not consecutive years: no financial year
    "Call 0800 123 4567.",
    "Rapes rose by 2020 per cent.",
    "",
])
def test_no_explicit_period(text):
    assert explicit(text) == []


def test_a_financial_year_is_not_also_read_as_two_calendar_years():
    assert explicit("In 2018/19 the force logged 900 rapes.") == [("2018/19", "2018-04-01", "2019-03-31")]


def test_mentions_are_in_text_order_and_do_not_overlap():
    text = "Between 2015 and 2017 reports rose; in 2018/19 they fell, and last year they rose in March 2022."
    mentions = find_period_mentions(text, "2023-01-10")
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for a, b in zip(mentions, mentions[1:]):
        assert a.end <= b.start
    for m in mentions:
        assert text[m.start:m.end] == m.text


# --- resolve_relative -------------------------------------------------------------------------

def _mention(kind, **kw):
    return PeriodMention(0, 1, "x", kind, **kw)


@pytest.mark.parametrize("published, full_years, expected", [
    # no full year named: the calendar year before publication
    ("2023-06-14", [], ("2022-01-01", "2022-12-31")),
    # a financial year named in the article that ended before publication wins
    ("2023-06-14", [("2022-04-01", "2023-03-31")], ("2022-04-01", "2023-03-31")),
    # a year that had not ended when the article appeared is not "last year"
    ("2023-06-14", [("2023-04-01", "2024-03-31")], ("2022-01-01", "2022-12-31")),
    # a year long gone is not "last year" either
    ("2023-06-14", [("2015-04-01", "2016-03-31")], ("2022-01-01", "2022-12-31")),
    # no date at all: cannot be resolved
    (None, [], None),
])
def test_last_year_resolves_from_the_publication_date(published, full_years, expected):
    assert resolve_relative(_mention("last_year"), None, full_years, published) == expected


def test_previous_shifts_the_context_back_a_year():
    assert resolve_relative(_mention("previous"), ("2019-04-01", "2020-03-31"), [], None) == \
        ("2018-04-01", "2019-03-31")
    assert resolve_relative(_mention("previous"), None, [], "2023-01-01") is None


def test_same_is_the_context():
    assert resolve_relative(_mention("same"), ("2021-01-01", "2021-12-31"), [], None) == ("2021-01-01", "2021-12-31")


def test_the_same_period_in_a_year_shifts_the_context_to_that_year():
    (m,) = [m for m in find_period_mentions("In the same period in 2019, 30 were charged.") if m.kind == "same_in"]
    assert resolve_relative(m, ("2021-04-01", "2021-06-30"), [], None) == ("2019-04-01", "2019-06-30")
    assert resolve_relative(m, None, [], None) == ("2019-01-01", "2019-12-31")


@pytest.mark.parametrize("kind", ["none", "date"])
def test_none_and_date_never_resolve(kind):
    assert resolve_relative(_mention(kind), ("2021-01-01", "2021-12-31"), [], "2023-01-01") is None


def test_none_never_resolves():
    assert resolve_relative(_mention("none"), ("2021-01-01", "2021-12-31"), [], "2023-01-01") is None


@pytest.mark.parametrize("published, months, expected", [
    ("2023-09-10", (4, 6), ("2023-04-01", "2023-06-30")),  # months already past this year
    ("2023-02-10", (4, 6), ("2022-04-01", "2022-06-30")),  # not yet reached: last year's
])
def test_bare_months_take_the_latest_past_year(published, months, expected):
    assert resolve_relative(_mention("months", months=months), None, [], published) == expected


# --- helpers ------------------------------------------------------------------------------------

def test_period_helpers():
    assert financial_year(2020) == ("2020-04-01", "2021-03-31")
    assert calendar_years(2018, 2020) == ("2018-01-01", "2020-12-31")
    assert twelve_months_to(2023, 4) == ("2022-05-01", "2023-04-30")
    assert twelve_months_to(2022, 12) == ("2022-01-01", "2022-12-31")
    assert twelve_months_to(2024, 2) == ("2023-03-01", "2024-02-29")
    assert shift_year(("2020-02-29", "2021-02-28")) == ("2019-02-28", "2020-02-28")
    assert is_full_year(("2021-04-01", "2022-03-31"))
    assert not is_full_year(("2021-04-01", "2021-06-30"))


# --- datelines ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("By Jo Smith\nTuesday, 14 March 2023\nRapes rose in Kent.", "2023-03-14"),
    ("Published March 14, 2023. Rapes rose in Kent.", "2023-03-14"),
    ("title: Rapes rise\ndate 2021-08-29\n\nRapes rose.", "2021-08-29"),
    ("Rapes rose in Kent. No date anywhere near the top.", None),
    ("x" * 700 + " 14 March 2023", None),  # too far down to be a dateline
])
def test_find_dateline(text, expected):
    assert find_dateline(text) == expected


def test_last_year_with_an_absurd_publication_date_does_not_raise():
    assert resolve_relative(_mention("last_year"), None, [], "0001-06-01") is None


def test_resolution_accepts_dates_and_iso_strings():
    assert resolve_relative(_mention("last_year"), None, [], date(2020, 5, 1)) == ("2019-01-01", "2019-12-31")
    assert resolve_relative(_mention("last_year"), None, [], "2020-05-01T09:00:00") == ("2019-01-01", "2019-12-31")
    assert resolve_relative(_mention("last_year"), None, [], "not a date") is None


def test_patterns_that_hold_a_year_find_the_same_in_windows_around_the_years(monkeypatch):
    from attrition.extract import periods
    filler = " The charity said support workers were busy." * 12
    phrases = [
        "In the 12 months to the end of March 2016 the force recorded 410 rapes.",
        "Between 1 April 2019 and 31 March 2020 there were 88 charges.",
        "In the financial year 2021/22 referrals fell, as in the 2020 calendar year.",
        "Last year the figure was 50, compared with 2018.",
        "The three years to March 2021 saw 900 reports, in the first half of 2022 only 20.",
        "Over the same period in 2017 there were 12 (the Sexual Offences Act 2003 applies).",
    ]
    text = filler.join(phrases)
    windowed = periods.find_period_mentions(text, "2023-01-01")
    monkeypatch.setattr(periods, "_REACH", 10 ** 9)  # one window: the whole text
    assert periods.find_period_mentions(text, "2023-01-01") == windowed
    assert len(windowed) >= 8


def test_every_match_of_a_year_holding_pattern_holds_a_year():
    from attrition.extract import periods
    text = ("since 1 May 2019, from June 2018 to May 2019, the two years to 2020, the second half of 2021, "
            "the year ending March 2017, 3 January 2020 - 4 February 2021, the 2019 calendar year, "
            "from 2017/18 to 2019/20, 2018-19, 2018 to 2019, between 2015 and 2016, the 2020 release, "
            "the same period in 2014, in May 2016, 2012, the quarter to September 2022, the six months to "
            "March 2021, the first quarter of 2023, the second quarter of 2022/23")
    names = dict(periods._PATTERNS)
    for name in periods._HOLDS_YEAR:
        for m in names[name].finditer(text):
            assert periods._ANY_YEAR.search(m.group(0)), (name, m.group(0))


def test_every_match_of_a_month_or_time_word_holding_pattern_holds_its_anchor():
    from attrition.extract import periods
    text = ("the 12 months to March this year, the twelve months ending in June, between March and May, April to June "
            "last year, since April, in May, this year, the last six months, year-on-year, the previous year, a year "
            "earlier, last year, the past 12 months, that period, the same time, those 12 months")
    names = dict(periods._PATTERNS)
    for name, anchor in periods._ANCHOR_OF.items():
        if anchor == "year":
            continue
        for m in names[name].finditer(text):
            assert periods._ANCHORS[anchor].search(m.group(0)), (name, m.group(0))


def test_periods_are_read_whatever_the_case_and_keep_their_words_as_written():
    for text in ["In MARCH 2021 Kent recorded 40 rapes.", "İİ In MARCH 2021 Kent recorded 40 rapes."]:
        mentions = find_period_mentions(text, "2022-01-01")
        assert [(m.text, m.period_start, m.period_end) for m in mentions] == [
            ("In MARCH 2021", "2021-03-01", "2021-03-31")]
        assert all(text[m.start:m.end] == m.text for m in mentions)
