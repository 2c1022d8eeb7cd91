"""Option values parsed strictly: dates, years and financial years, police forces.

    since, _ = period_bounds("2022")          # ("2022-01-01", "2022-12-31")
    period_bounds("2022/23")                  # ("2022-04-01", "2023-03-31"); "2022-23" too
    area_name("herts")                        # "Hertfordshire"
    area_name("Narnia")                       # ValueError: ... did you mean ...?

Each click callback turns a ValueError into a usage error (exit 2) that names
the option and the forms it takes; nothing is guessed.
"""

from __future__ import annotations

import difflib
import re
from datetime import date

import click

DATE_FORMS = "YYYY-MM-DD, a year (2022) or a financial year (2022/23 or 2022-23)"
PERIOD_FORMS = DATE_FORMS + " or START..END"

_YEAR = re.compile(r"(\d{4})")
_FINANCIAL_YEAR = re.compile(r"(\d{4})\s*[/-]\s*(\d{2}|\d{4})")


def iso_day(text: str) -> str:
    """Return `text` as YYYY-MM-DD if it is exactly an ISO calendar date; raise ValueError otherwise."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD")
    return date.fromisoformat(text.strip()).isoformat()


def period_bounds(text: str) -> tuple[str, str]:
    """Return (first day, last day) of a date, year, financial year or START..END range.

    `2022-05-04` is that day; `2022` runs 2022-01-01..2022-12-31; `2022/23` and
    `2022-23` run 2022-04-01..2023-03-31. Raises ValueError for anything else.
    """
    text = text.strip()
    if ".." in text:
        start, end = (period_bounds(part)[i] for i, part in enumerate(text.split("..", 1)))
        if start > end:
            raise ValueError(f"{text!r} ends before it starts")
        return start, end
    if _YEAR.fullmatch(text):
        return f"{text}-01-01", f"{text}-12-31"
    if match := _FINANCIAL_YEAR.fullmatch(text):
        first = int(match.group(1))
        if int(match.group(2)) % 100 != (first + 1) % 100:
            raise ValueError(f"{text!r} is not a financial year (the second year must follow the first)")
        return f"{first}-04-01", f"{first + 1}-03-31"
    try:
        day = iso_day(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date, year or financial year") from None
    return day, day


def _spellings() -> dict[str, str]:
    from attrition.extract.forces import NATIONAL, load_forces

    names = {NATIONAL: NATIONAL, "England": "England", "Wales": "Wales"}
    for force in load_forces().values():
        names[force.name] = force.name
        names.update((alias, force.name) for alias in force.aliases)
    return names


def area_name(text: str) -> str:
    """Return the canonical area for any force name or alias the extractor knows (any case).

    Raises ValueError naming the nearest known names when there is none.
    """
    from attrition.extract.forces import resolve_force

    found = resolve_force(text)
    if found:
        return found
    spellings = _spellings()
    by_fold = {name.casefold(): name for name in spellings}
    near = difflib.get_close_matches(text.casefold(), list(by_fold), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(sorted({spellings[by_fold[n]] for n in near}))}?" if near else \
        "; give a police force (Kent, Herts, the Met ...) or England and Wales"
    raise ValueError(f"unknown area {text!r}{hint}")


def _strict(parse, forms: str | None = None):
    def callback(ctx, param, value):
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as e:
            raise click.BadParameter(f"{e}" + (f" (use {forms})" if forms else ""), ctx=ctx, param=param) from None
    return callback


since_option_value = _strict(lambda v: period_bounds(v)[0], DATE_FORMS)
until_option_value = _strict(lambda v: period_bounds(v)[1], DATE_FORMS)
period_option_value = _strict(period_bounds, PERIOD_FORMS)
day_option_value = _strict(iso_day)
area_option_value = _strict(area_name)
