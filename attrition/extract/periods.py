"""Periods: the time a figure covers, read from UK reporting conventions.

`find_period_mentions(text, published)` returns each phrase that names a period
(financial years `2017/18`, `year ending March 2018`, `the 12 months to April 2023`,
calendar years, ranges `between 2020 and 2022`, months `between April and June
this year`) or refers to one (`last year`, `the previous year`, `that period`).
Explicit periods are resolved here; relative ones carry a `kind` that the
assembler resolves against the article's context (`resolve_relative`).

dateparser reads single dates only (`31 March 2018`), always in English, day first.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

MONTH_NAMES = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTH_NAMES.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTH_NAMES["sept"] = 9
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_DAY = r"(?:\d{1,2}(?:st|nd|rd|th)?(?!\d))"
_TWELVE = r"(?:12|twelve)[\s-]+months?(?:[\s-]+period)?|(?:financial\s+)?year"
_DMY = rf"(?:{_DAY}\s+)?{_MONTH},?\s+(?:{_DAY},?\s+)?{_YEAR}"

_DATEPARSER_SETTINGS = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "last", "RETURN_AS_TIMEZONE_AWARE": False}


@dataclass(frozen=True)
class PeriodMention:
    """A phrase naming or pointing at a period.

    `kind`: `explicit` (start/end set), `last_year`, `this_year`, `previous`
    (the period before the one in context), `same` (the period in context),
    `months` (months without a year, resolved from context), `none` (a
    phrase that names a time but no usable period, such as `the last six months`),
    or `date` (an event's date or a comparison year, never a figure's period).
    """

    start: int
    end: int
    text: str
    kind: str
    period_start: str | None = None
    period_end: str | None = None
    months: tuple[int, int] | None = None
    year: int | None = None
    last_unit: tuple[str, str] | None = None  # of a span of years: the last one, which a change covers
    quarter: int | None = None  # 1-4 of a financial year, for a bare "Q2"


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month(name: str) -> int:
    return MONTH_NAMES[name.lower().rstrip(".")]


def financial_year(start_year: int) -> tuple[str, str]:
    """Return ISO (start, end) of the UK financial year starting April `start_year`."""
    return date(start_year, 4, 1).isoformat(), date(start_year + 1, 3, 31).isoformat()


def fiscal_quarter(start_year: int, quarter: int) -> tuple[str, str]:
    """Quarter 1-4 of the financial year starting April `start_year` (Q1 = April-June), as ISO dates."""
    month = 4 + 3 * (quarter - 1)
    year = start_year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, 1).isoformat(), _last_day(year, month + 2).isoformat()


def calendar_years(first: int, last: int) -> tuple[str, str]:
    """Return ISO (start, end) spanning calendar years `first`..`last`."""
    return date(first, 1, 1).isoformat(), date(last, 12, 31).isoformat()


def twelve_months_to(year: int, month: int) -> tuple[str, str]:
    """Return ISO (start, end) of the 12 months ending with `month` of `year`."""
    start_month, start_year = month + 1, year - 1
    if start_month == 13:
        start_month, start_year = 1, year
    return date(start_year, start_month, 1).isoformat(), _last_day(year, month).isoformat()


@lru_cache(maxsize=1)
def _date_parser() -> DateDataParser:
    # One parser, built once: `dateparser.parse` builds a new one (and its locale tables) per call.
    return DateDataParser(languages=["en"], settings=_DATEPARSER_SETTINGS)


@lru_cache(maxsize=512)
def parse_single_date(text: str) -> date | None:
    """Parse one written date (`31 March 2018`, `March 2018`) with dateparser; None if unreadable."""
    parsed = _date_parser().get_date_data(text).date_obj
    return parsed.date() if parsed else None


def _fy_from_parts(first: str, second: str) -> tuple[str, str] | None:
    y1 = int(first)
    y2 = int(second) if len(second) == 4 else (y1 // 100) * 100 + int(second)
    if y2 < y1 and len(second) == 2 and y2 + 100 == y1 + 1:
        y2 += 100  # "1999/00"
    if y2 == y1 + 1:
        return financial_year(y1)
    if y2 == y1 and len(second) == 2:
        return financial_year(y1 - 1)  # "2021/21": a typo for the year ending in 2021
    return None


_N_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

# Ordered: earlier patterns win where spans overlap.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("since_date", re.compile(rf"\bsince\s+(?P<d>{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+{_YEAR})", re.I)),
    ("range_dates", re.compile(
        rf"\b(?:between|from|the\s+(?:year|period)\s+(?:from\s+)?)\s*(?P<d1>{_MONTH},?\s+{_DAY}?,?\s*{_YEAR}|{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_YEAR})"
        rf"\s+(?:and|to|until)\s+(?P<d2>{_MONTH},?\s+{_DAY},?(?:\s*{_YEAR})?|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?|{_MONTH}(?:\s+{_YEAR})?|{_YEAR})", re.I)),
    # "April 2021 to March 2022", "April 2021 - March 2022": a range with no "from" or "between"
    ("range_dates", re.compile(rf"\b(?P<d1>{_MONTH}\s+{_YEAR})\s*(?:to|until|[–-])\s*(?P<d2>{_MONTH}\s+{_YEAR})\b", re.I)),
    ("years_to", re.compile(
        rf"\b(?:the\s+)?(?:last\s+|past\s+)?(?P<n>two|three|four|five|six|seven|eight|nine|ten|[2-9])\s+years?\s+(?:to|ending|ended|up\s+to|until|leading\s+(?:up\s+)?to)\s+"
        rf"(?:the\s+end\s+of\s+)?(?:(?P<m>{_MONTH})\s+)?(?P<y>{_YEAR})(?!\s*[/–-]\s*\d)", re.I)),
    ("since_month", re.compile(
        rf"\bsince\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?:(?P<d>{_DAY})\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?"
        rf"(?!\s*,?\s*(?:\d|this\b|last\b))\b", re.I)),
    ("months_to", re.compile(
        rf"\b(?:the\s+)?(?:(?P<n>three|six|nine|3|6|9)[\s-]+months?|(?P<q>quarter))(?:[\s-]+period)?\s+(?:to|ending|ended|up\s+to|until)\s+"
        rf"(?:the\s+end\s+of\s+)?(?P<m>{_MONTH})\s+(?P<y>{_YEAR})(?!\s*[/–-]\s*\d)", re.I)),
    ("quarter_of", re.compile(
        rf"\b(?:the\s+)?(?P<q>first|second|third|fourth|final|last)\s+quarter\s+of\s+(?:the\s+)?(?:(?P<fy>financial)\s+year\s+)?"
        rf"(?P<y1>{_YEAR})(?:\s*[/–-]\s*(?P<y2>{_YEAR}|\d\d))?\b", re.I)),
    ("part_year", re.compile(
        rf"\b(?:the\s+)?(?P<w>first|last|final)\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{{1,2}})\s+months\s+of\s+"
        rf"(?:the\s+)?(?:(?P<fy>financial)\s+year\s+)?(?P<y1>{_YEAR})(?:\s*[/–-]\s*(?P<y2>{_YEAR}|\d\d))?\b", re.I)),
    ("half_year", re.compile(rf"\b(?:the\s+)?(?P<h>first|second|latter)\s+half\s+of\s+(?:the\s+year\s+)?(?P<y>{_YEAR})(?!\s*[/–-]\s*\d)", re.I)),
    ("twelve_months_to", re.compile(
        rf"\b(?:the\s+)?(?:{_TWELVE})\s+(?:to|ending|ended|up\s+to|leading\s+(?:up\s+)?to|until|before|prior\s+to)\s+(?:in\s+)?(?:the\s+end\s+of\s+)?(?P<d>{_DMY}|{_YEAR})", re.I)),
    ("date_pair", re.compile(
        rf"\b(?P<d1>{_DAY}\s+{_MONTH},?\s+{_YEAR})\s*(?:[–—-]|to|until|and)?\s*(?P<d2>{_DAY}\s+{_MONTH},?\s+{_YEAR})", re.I)),
    ("twelve_months_rel", re.compile(
        rf"\b(?:the\s+)?(?:{_TWELVE})\s+(?:to|ending|ended|up\s+to|until)\s+(?:in\s+)?(?:the\s+end\s+of\s+)?(?P<m>{_MONTH})\s+(?P<rel>this|last)\s+year", re.I)),
    ("twelve_months_bare", re.compile(
        rf"\b(?:the\s+)?(?:{_TWELVE})\s+(?:to|ending|ended|up\s+to|leading\s+(?:up\s+)?to|until)\s+(?:the\s+end\s+of\s+)?(?:{_DAY}\s+)?(?P<m>{_MONTH})(?!\s*,?\s*(?:(?:19|20)\d\d\b|\d{{1,2}}(?:st|nd|rd|th)?\b(?![,.]?\d)(?!\s*(?:per\s*cent|%|pc|rapes?|reports?|cases|offences|crimes))|this\b|last\b|next\b))\b", re.I)),
    ("year_ending", re.compile(
        rf"\b(?:the\s+)?(?:year|12\s+months)\s+(?:ending|ended|to)\s+(?:in\s+)?(?P<d>{_DMY})", re.I)),
    ("quarter", re.compile(rf"\bQ(?P<q>[1-4])(?:\s+(?P<y1>{_YEAR}|\d\d)\s*[/–-]\s*(?P<y2>{_YEAR}|\d\d))?\b")),
    ("calendar_year", re.compile(rf"\b(?:the\s+)?(?P<y>{_YEAR})\s+calendar\s+year", re.I)),
    ("fy_range", re.compile(
        rf"\b(?:between|from)\s+(?P<a1>{_YEAR})\s*[/–-]\s*(?P<a2>{_YEAR}|\d\d)\s+(?:and|to|until)\s+(?P<b1>{_YEAR})\s*[/–-]\s*(?P<b2>{_YEAR}|\d\d)\b", re.I)),
    ("fy", re.compile(rf"\b(?:the\s+)?(?:financial\s+year\s+)?(?P<y1>{_YEAR})\s*[/–-]\s*(?P<y2>{_YEAR}|\d\d)\b(?:\s+financial\s+year)?", re.I)),
    ("fy_words", re.compile(rf"(?<!between )(?<!from )\b(?P<y1>{_YEAR})\s+to\s+(?P<y2>{_YEAR})\b", re.I)),
    ("year_range", re.compile(rf"\b(?:between|from)\s+(?P<y1>{_YEAR})\s+(?:and|to)\s+(?P<y2>{_YEAR})\b", re.I)),
    ("month_range", re.compile(
        rf"\b(?:between|from)\s+(?P<m1>{_MONTH})\s+(?:and|to|until)\s+(?P<m2>{_MONTH})(?:\s+(?P<y>{_YEAR}))?(?P<this>\s+this\s+year)?(?P<last>\s+last\s+year)?", re.I)),
    ("month_to_month", re.compile(
        rf"\b(?P<m1>{_MONTH})(?:\s+to\s+|\s*[–-]\s*(?={_MONTH}\s+{_YEAR}))(?P<m2>{_MONTH})(?:\s+(?P<y>{_YEAR}))?(?P<this>\s+this\s+year)?(?P<last>\s+last\s+year)?", re.I)),
    ("none", re.compile(
        r"\b(?:(?:to\s+date\s+)?this\s+year|(?:in\s+)?the\s+(?:last|past|latest)\s+(?:six|three|(?!12\b)\d+|few|two|five|ten)[\s-]+(?:months?|years?|weeks?)(?:[\s-]period)?"
        r"|year[\s-]on[\s-]year|from\s+last\s+year|since\s+last\s+year|over\s+the\s+past\s+\w+\s+years)", re.I)),
    # Dates and years that mark an event or a comparison, not the period a figure covers.
    ("date", re.compile(
        rf"\bsince\s+{_YEAR}|(?:in\s+line\s+with|than(?:\s+in)?|compared\s+(?:with|to)|\bon)\s+{_YEAR}(?!\s*[/–-]\s*\d)"
        rf"|(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?:{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+{_YEAR})", re.I)),
    # a statute ("the Sexual Offences Act 2003") or a publication ("the March 2019 release") dates no figure
    ("document", re.compile(rf"\bAct\s+{_YEAR}\b|\b(?:{_MONTH}\s+)?{_YEAR}\s+(?:release|publication|bulletin|edition|update|data\s+release)\b", re.I)),
    ("same_in", re.compile(rf"\b(?:over\s+|in\s+|during\s+)?the\s+same\s+(?:period|months|time)\s+(?:in|of)\s+(?P<y>{_YEAR})\b", re.I)),
    ("previous", re.compile(
        r"\b(?:the\s+)?(?:previous|preceding|prior)\s+(?:year|12\s+months|financial\s+year)|\bthe\s+year\s+(?:before|earlier)|\ba\s+year\s+(?:earlier|before)|\bthe\s+same\s+period\s+last\s+year", re.I)),
    ("years_earlier", re.compile(
        r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d)\s+years\s+(?:earlier|before|previously)\b", re.I)),
    ("last_year", re.compile(r"\b(?:last\s+year|(?:in\s+|over\s+|during\s+)?the\s+(?:last|past)\s+(?:12\s+months|year))\b", re.I)),
    ("same", re.compile(
        r"\b(?:(?:in|during|over)\s+)?(?:(?:that|this|the\s+same|these|those)\s+(?:same\s+)?(?:\d+[\s-]month\s+)?(?:period|year|years|time|12\s+months|twelve\s+months)|the\s+(?:\d+[\s-]month\s+)?period)\b(?!\s+(?:of|from|between|to|ending|since)\b)", re.I)),
    ("month_year", re.compile(rf"\b(?:in\s+)?(?P<m>{_MONTH})\s+(?P<y>{_YEAR})\b", re.I)),
    ("year", re.compile(rf"(?<![\d/£$-])(?P<y>{_YEAR})(?![\d/]|-\d|\s*(?:per|%))", re.I)),
    ("month", re.compile(r"\b(?:in|during)\s+(?P<m>January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d)", re.I)),
]


_SMALL_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11}


def _count_of(word: str) -> int:
    """A small count written in digits or words ("6", "six") as an int."""
    return int(word) if word.isdigit() else _SMALL_COUNTS[word.lower()]


def _explicit(m: re.Match, name: str, published: date | None) -> PeriodMention | None:
    text = m.group(0)
    span = (m.start(), m.end())
    if name == "fy":
        fy = _fy_from_parts(m.group("y1"), m.group("y2"))
        return PeriodMention(*span, text, "explicit", *fy) if fy else None
    if name == "fy_words":
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if y2 == y1 + 1:
            return PeriodMention(*span, text, "explicit", *financial_year(y1))
        return PeriodMention(*span, text, "explicit", *calendar_years(y1, y2))
    if name == "date_pair":
        first, last = parse_single_date(m.group("d1")), parse_single_date(m.group("d2"))
        if first is None or last is None or last <= first:
            return None
        return PeriodMention(*span, text, "explicit", first.isoformat(), last.isoformat())
    if name == "since_date":
        first = parse_single_date(m.group("d"))
        if first is None or published is None or published <= first:
            return PeriodMention(*span, text, "date")
        return PeriodMention(*span, text, "explicit", first.isoformat(), published.isoformat())
    if name == "since_month":
        # "since April", "since 15 April": from the latest such day before the article's date, to that date
        if published is None:
            return PeriodMention(*span, text, "date" if m.group("y") else "none")
        month = _month(m.group("m"))
        day = int(re.match(r"\d+", m.group("d")).group(0)) if m.group("d") else 1
        year = int(m.group("y")) if m.group("y") else published.year if (month, day) <= (published.month, published.day) else published.year - 1
        try:
            first = date(year, month, day)
        except ValueError:
            return None
        if first >= published:
            return PeriodMention(*span, text, "date")
        return PeriodMention(*span, text, "explicit", first.isoformat(), published.isoformat())
    if name == "quarter":
        q = int(m.group("q"))
        if not m.group("y1"):
            return PeriodMention(*span, text, "quarter", quarter=q)
        first = m.group("y1")
        first = first if len(first) == 4 else str(2000 + int(first))
        fy = _fy_from_parts(first, m.group("y2"))
        return PeriodMention(*span, text, "explicit", *fiscal_quarter(int(fy[0][:4]), q)) if fy else None
    if name == "year_range":
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        return PeriodMention(*span, text, "explicit", *calendar_years(min(y1, y2), max(y1, y2)),
                             last_unit=calendar_years(max(y1, y2), max(y1, y2)))
    if name == "fy_range":
        first, last = _fy_from_parts(m.group("a1"), m.group("a2")), _fy_from_parts(m.group("b1"), m.group("b2"))
        if not first or not last or last[0] <= first[0]:
            return None
        return PeriodMention(*span, text, "explicit", first[0], last[1], last_unit=last)
    if name == "calendar_year" or name == "year":
        y = int(m.group("y"))
        return PeriodMention(*span, text, "explicit", *calendar_years(y, y), year=y)
    if name == "twelve_months_rel":
        if published is None:
            return PeriodMention(*span, text, "none")
        year = published.year - (1 if m.group("rel").lower() == "last" else 0)
        return PeriodMention(*span, text, "explicit", *twelve_months_to(year, _month(m.group("m"))))
    if name == "years_to":
        n = _N_WORDS.get(m.group("n").lower()) or int(m.group("n"))
        y = int(m.group("y"))
        if not m.group("m"):
            return PeriodMention(*span, text, "explicit", *calendar_years(y - n + 1, y), last_unit=calendar_years(y, y))
        first, last = twelve_months_to(y - n + 1, _month(m.group("m")))[0], twelve_months_to(y, _month(m.group("m")))
        return PeriodMention(*span, text, "explicit", first, last[1], last_unit=last)
    if name == "months_to":
        # "the quarter to September 2022", "the six months to March 2021": that many months ending then
        n = 3 if m.group("q") else {"three": 3, "six": 6, "nine": 9}.get(m.group("n").lower(), None) or int(m.group("n"))
        y, month = int(m.group("y")), _month(m.group("m"))
        first = y * 12 + month - n  # months since year 0, of the month before the first
        return PeriodMention(*span, text, "explicit", date(first // 12, first % 12 + 1, 1).isoformat(),
                             _last_day(y, month).isoformat())
    if name == "quarter_of":
        # "the first quarter of 2023" is January-March; "of 2022/23", April-June of that financial year
        q = {"first": 1, "second": 2, "third": 3}.get(m.group("q").lower(), 4)
        if m.group("fy") and not m.group("y2"):
            return PeriodMention(*span, text, "none")  # "the financial year 2023": which one is not said
        if m.group("y2"):
            fy = _fy_from_parts(m.group("y1"), m.group("y2"))
            return PeriodMention(*span, text, "explicit", *fiscal_quarter(int(fy[0][:4]), q)) if fy else None
        y = int(m.group("y1"))
        return PeriodMention(*span, text, "explicit", date(y, 3 * q - 2, 1).isoformat(), _last_day(y, 3 * q).isoformat())
    if name == "part_year":
        # "the first six months of 2022": January-June; "the last three months of 2022/23": January-March 2023
        n = _count_of(m.group("n"))
        if not 1 <= n <= 11:
            return None
        if m.group("y2"):
            fy = _fy_from_parts(m.group("y1"), m.group("y2"))
            if not fy:
                return None
            first = int(fy[0][:4]) * 12 + 3  # April, counted in months from year 0
        elif m.group("fy"):
            return PeriodMention(*span, text, "none")
        else:
            first = int(m.group("y1")) * 12
        if m.group("w").lower() != "first":
            first += 12 - n
        last = first + n - 1
        return PeriodMention(*span, text, "explicit", date(first // 12, first % 12 + 1, 1).isoformat(),
                             _last_day(last // 12, last % 12 + 1).isoformat())
    if name == "half_year":
        y = int(m.group("y"))
        first_half = m.group("h").lower() == "first"
        return PeriodMention(*span, text, "explicit", date(y, 1 if first_half else 7, 1).isoformat(),
                             _last_day(y, 6 if first_half else 12).isoformat())
    if name == "document":
        return PeriodMention(*span, text, "date")
    if name == "twelve_months_bare":
        # "the year to March": the latest such twelve months to have ended by the article's date
        if published is None:
            return PeriodMention(*span, text, "none")
        month = _month(m.group("m"))
        year = published.year if _last_day(published.year, month) < published else published.year - 1
        return PeriodMention(*span, text, "explicit", *twelve_months_to(year, month))
    if name in ("twelve_months_to", "year_ending"):
        raw = m.group("d")
        if re.fullmatch(_YEAR, raw.strip()):
            y = int(raw)
            return PeriodMention(*span, text, "explicit", *calendar_years(y, y))
        end = parse_single_date(raw)
        if not end:
            return None
        if re.match(r"\s*\d{1,2}(?:st|nd|rd|th)?\s", raw) and end != _last_day(end.year, end.month):
            # "the year to 20 June 2022": the twelve months ending that day (2021-06-21..2022-06-20)
            start = shift_year((end.isoformat(), end.isoformat()), -1)[0]
            return PeriodMention(*span, text, "explicit", (date.fromisoformat(start) + timedelta(days=1)).isoformat(),
                                 end.isoformat())
        return PeriodMention(*span, text, "explicit", *twelve_months_to(end.year, end.month))
    if name == "range_dates":
        start = parse_single_date(re.sub(r"(?<=\d)(st|nd|rd|th)", "", m.group("d1")).replace(",", " "))
        raw_end = m.group("d2").replace(",", " ")
        if start is None:
            return None
        start = start.replace(day=1) if not re.search(r"\d{1,2}(?!\d)", m.group("d1").split()[0] + " ") else start
        start = _first_day_if_month_only(m.group("d1"), start)
        same_month_next_year = re.fullmatch(rf"\s*{_MONTH}\s+{_YEAR}\s*", m.group("d1")) and \
            re.fullmatch(rf"\s*{_MONTH}\s+{_YEAR}\s*", raw_end)
        if same_month_next_year and re.search(r"\s(?:to|until)\s", text):
            end = parse_single_date(raw_end)
            if end and end.month == start.month and end.year == start.year + 1:
                # "March 2014 to March 2015": the twelve months to March 2015, not thirteen
                return PeriodMention(*span, text, "explicit", *twelve_months_to(end.year, end.month))
        if re.fullmatch(rf"\s*{_YEAR}\s*", raw_end):
            end = _last_day(int(raw_end), start.month)
        else:
            has_year = re.search(_YEAR, raw_end)
            end = parse_single_date(raw_end if has_year else f"{raw_end} {start.year}")
            if end is None:
                return None
            if not re.search(r"\b\d{1,2}\b(?!\d)", re.sub(_YEAR, "", raw_end)):
                end = _last_day(end.year, end.month)
            if not has_year and end <= start:
                end = end.replace(year=end.year + 1)
        return PeriodMention(*span, text, "explicit", start.isoformat(), end.isoformat())
    if name in ("month_range", "month_to_month"):
        m1, m2 = _month(m.group("m1")), _month(m.group("m2"))
        year = int(m.group("y")) if m.group("y") else None
        if m.group("this") and published:
            year = published.year
        if m.group("last") and published:
            year = published.year - 1
        if year is None and (m.group("this") or m.group("last")):
            return PeriodMention(*span, text, "none")  # "this year" with no date to say which
        if year is None:
            return PeriodMention(*span, text, "months", months=(m1, m2))
        start_year = year if m1 <= m2 else year - 1
        return PeriodMention(*span, text, "explicit", date(start_year, m1, 1).isoformat(), _last_day(year, m2).isoformat())
    if name == "month_year":
        mo, y = _month(m.group("m")), int(m.group("y"))
        return PeriodMention(*span, text, "explicit", date(y, mo, 1).isoformat(), _last_day(y, mo).isoformat())
    if name == "month":
        mo = _month(m.group("m"))
        return PeriodMention(*span, text, "months", months=(mo, mo))
    if name == "same_in":
        return PeriodMention(*span, text, "same_in", year=int(m.group("y")))
    if name == "years_earlier":
        n = _count_of(m.group("n"))
        return PeriodMention(*span, text, "previous", year=n)  # "two years earlier": n periods before the one in context
    return PeriodMention(*span, text, name)


class _AsWritten:
    """A match found in the lower-cased text, read back from the text as written (same offsets)."""

    __slots__ = ("_m", "_text")

    def __init__(self, m: re.Match, text: str):
        self._m, self._text = m, text

    def start(self, group=0) -> int:
        return self._m.start(group)

    def end(self, group=0) -> int:
        return self._m.end(group)

    def group(self, group=0) -> str | None:
        start = self._m.start(group)
        return None if start < 0 else self._text[start:self._m.end(group)]


def _first_day_if_month_only(raw: str, parsed: date) -> date:
    if re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", re.sub(_YEAR, "", raw)):
        return parsed
    return parsed.replace(day=1)


def find_period_mentions(text: str, published: str | date | None = None) -> list[PeriodMention]:
    """Return the period phrases in `text`, in order, without overlaps.

    `published` (ISO date or date) resolves `this year` in month ranges; other
    relative phrases come back with a `kind` for `resolve_relative`.
    """
    pub = as_date(published)
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping
    mentions: list[PeriodMention] = []
    years = [(m.start(), m.end()) for m in _ANY_YEAR.finditer(text)]
    windows: dict[str, list[tuple[int, int]]] = {"year": _windows(years, len(text))}
    lowered = text.lower()
    lowered = lowered if len(lowered) == len(text) else None  # a case change that moved offsets: scan as written
    for (name, pattern), exact in zip(_PATTERNS, _LOWER):
        anchor = _ANCHOR_OF.get(name)
        searched, regex = (lowered, exact) if lowered is not None and exact is not None else (text, pattern)
        if name in _YEAR_ENDED:
            found = _matches(regex, searched, [end for _, end in years])
        elif anchor is not None:
            if anchor not in windows:
                spots = [(m.start(), m.end()) for m in _ANCHORS[anchor].finditer(text)]
                windows[anchor] = _windows(spots, len(text))
            found = (m for start, end in windows[anchor] for m in regex.finditer(searched, start, end))
        else:
            found = regex.finditer(searched)
        for m in found:
            if searched is not text:
                m = _AsWritten(m, text)
            i = bisect.bisect_left(taken, (m.start(), m.start()))
            if (i < len(taken) and taken[i][0] < m.end()) or (i > 0 and taken[i - 1][1] > m.start()):
                continue  # an earlier, more specific pattern already read these words
            mention = _explicit(m, name, pub)
            if mention is None:
                continue
            taken.insert(i, (m.start(), m.end()))
            mentions.append(mention)
    mentions.sort(key=lambda p: p.start)
    # "Last year (1 April 2016 - 31 March 2017)", "to date this year (from 1 April)": the bracket says which.
    explained = {i for i, (p, q) in enumerate(zip(mentions, mentions[1:]))
                 if p.kind != "explicit" and q.kind == "explicit" and re.fullmatch(r"\s*\(\s*", text[p.end:q.start])}
    return [p for i, p in enumerate(mentions) if i not in explained]


_ANY_YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
# The case-blind patterns again, lower-cased and exact, for the lower-cased text: a case-blind scan
# is slower (none holds an escape whose meaning depends on case, such as \S or \W).
_LOWER = [re.compile(pattern.pattern.lower().replace("(?p<", "(?P<"), pattern.flags & ~re.I) if pattern.flags & re.I else None
          for _, pattern in _PATTERNS]
# Patterns whose every match ends with a year: searched only in a window before each year.
_YEAR_ENDED = {"date"}
# Patterns whose every match holds a year, a month's name or a word of time ("year", "months",
# "period"), no further than _REACH characters from it: searched only in the text around those
# words (each long alternation then scans a fraction of the text).
_HOLDS_YEAR = {"part_year", "since_date", "range_dates", "years_to", "months_to", "quarter_of", "half_year", "twelve_months_to", "date_pair", "year_ending",
               "calendar_year", "fy_range", "fy", "fy_words", "year_range", "document", "same_in", "month_year", "year"}
_HOLDS_MONTH = {"twelve_months_rel", "twelve_months_bare", "month_range", "month_to_month", "since_month", "month"}
_HOLDS_TIME_WORD = {"none", "previous", "last_year", "same", "years_earlier"}
_ANCHOR_OF = {**{n: "year" for n in _HOLDS_YEAR}, **{n: "month" for n in _HOLDS_MONTH}, **{n: "time" for n in _HOLDS_TIME_WORD}}
_ANCHORS = {
    "month": re.compile(rf"\b{_MONTH}", re.I),
    "time": re.compile(r"\b(?:years?|months?|weeks?|period|time)\b", re.I),
}
_REACH = 120


def _windows(spots: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The stretches of text within _REACH characters of the (start, end) `spots`, merged where they meet."""
    windows: list[tuple[int, int]] = []
    for start, end in spots:
        lo, hi = max(0, start - _REACH), min(length, end + _REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _matches(pattern: re.Pattern, text: str, year_ends: list[int] | None):
    """`pattern.finditer(text)`, or, for a year-ended pattern, the same matches found only
    in the 60 characters before each year (scanning a long alternation everywhere is slow)."""
    if year_ends is None:
        yield from pattern.finditer(text)
        return
    last = -1
    for end in year_ends:
        for m in pattern.finditer(text, max(0, end - 60, last), end):
            if m.end() == end and m.start() >= last:
                last = m.end()
                yield m


def as_date(value: str | date | None) -> date | None:
    """A `date` from an ISO date string (or a date), or None when there is none or it does not parse."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def shift_year(period: tuple[str, str], years: int = -1) -> tuple[str, str]:
    """Return `period` moved by `years` whole years (29 February becomes 28)."""
    out = []
    for iso in period:
        d = date.fromisoformat(iso)
        try:
            out.append(d.replace(year=d.year + years).isoformat())
        except ValueError:
            out.append(d.replace(year=d.year + years, day=28).isoformat())
    return out[0], out[1]


def resolve_relative(mention: PeriodMention, context: tuple[str, str] | None,
                     full_years: list[tuple[str, str]], published: str | date | None) -> tuple[str, str] | None:
    """Resolve a relative period phrase to ISO (start, end), or None when it cannot be.

    `context` is the period in force where the phrase occurs; `full_years` are the
    year-long periods the article names explicitly (for `last year`); `published`
    is the article's date. Dates outside the calendar (year 0) resolve to None.
    """
    try:
        return _resolve(mention, context, full_years, published)
    except (ValueError, OverflowError):
        return None


def _resolve(mention: PeriodMention, context: tuple[str, str] | None,
             full_years: list[tuple[str, str]], published: str | date | None) -> tuple[str, str] | None:
    pub = as_date(published)
    if mention.kind == "explicit":
        return mention.period_start, mention.period_end
    if mention.kind == "same":
        return context
    if mention.kind == "quarter" and mention.quarter:
        # A bare "Q2" is a quarter of the financial year in context.
        if context and context[0][5:] == "04-01" and is_full_year(context):
            return fiscal_quarter(int(context[0][:4]), mention.quarter)
        return None
    if mention.kind == "previous":
        return shift_year(context, -(mention.year or 1)) if context else None
    if mention.kind == "last_year":
        candidates = [p for p in full_years if pub is None or date.fromisoformat(p[1]) <= pub]
        if pub is not None:
            candidates = [p for p in candidates if date.fromisoformat(p[1]).year >= pub.year - 1]
        if candidates:
            return max(candidates, key=lambda p: p[1])
        if pub is not None:
            return calendar_years(pub.year - 1, pub.year - 1)
        return None
    if mention.kind == "same_in":
        if context is None or mention.year is None:
            return calendar_years(mention.year, mention.year) if mention.year else None
        return shift_year(context, mention.year - date.fromisoformat(context[1]).year)
    if mention.kind == "months" and mention.months:
        m1, m2 = mention.months
        year = None
        if pub is not None:
            year = pub.year if m2 < pub.month else pub.year - 1  # the latest such months before publication
        elif context:
            year = date.fromisoformat(context[1]).year
        if year is None:
            return None
        start_year = year if m1 <= m2 else year - 1
        return date(start_year, m1, 1).isoformat(), _last_day(year, m2).isoformat()
    return None


def is_full_year(period: tuple[str, str]) -> bool:
    """True when an ISO (start, end) period spans one whole year (calendar, financial or rolling)."""
    start, end = date.fromisoformat(period[0]), date.fromisoformat(period[1])
    return 360 <= (end - start).days <= 400


__all__ = [
    "PeriodMention", "find_period_mentions", "resolve_relative", "shift_year",
    "financial_year", "calendar_years", "twelve_months_to", "parse_single_date", "is_full_year",
]


_DATELINE = re.compile(
    rf"(?:\bdate\s+(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"(?P<written>{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+{_YEAR})|(?P<iso2>\b20\d\d-\d\d-\d\d\b))",
    re.I,
)


def find_dateline(text: str, within: int = 600) -> str | None:
    """Return the ISO date an article states near its top (`29 August 2019`, `date 2019-08-29`), or None.

    Only the first `within` characters are read: a date there is the dateline, not
    a date an event happened. Used when no publication date was given.
    """
    m = _DATELINE.search(text[:within])
    if not m:
        return None
    if m.group("iso") or m.group("iso2"):
        return (m.group("iso") or m.group("iso2"))
    parsed = parse_single_date(re.sub(r"(?<=\d)(st|nd|rd|th)", "", m.group("written")).replace(",", " "))
    return parsed.isoformat() if parsed else None
