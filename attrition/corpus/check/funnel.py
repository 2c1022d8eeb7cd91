"""The attrition funnel of one force and period: what articles claimed and what official data says, side by side.

    rows = funnel(conn, "Hertfordshire", "2017-04-01", "2018-03-31")
    print(format_funnel(rows))
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass, field

from attrition.corpus.check.checks import matching_figures, period_label
from attrition.corpus.check.run import official_for_area
from attrition.extract.claim import STAGES
from attrition.extract.forces import resolve_force

FUNNEL_STAGES = tuple(stage for stage in STAGES if stage != "other")  # in funnel order


@dataclass
class FunnelCell:
    """One figure in the funnel and where it came from (`origin` is 'claim' or 'official')."""

    value: float
    unit: str
    origin: str
    source: str          # article label, or dataset
    ref: str             # claim id, or URL
    note: str | None = None  # the quote, or the population and notes


@dataclass
class FunnelRow:
    """One stage of the funnel: the claims about it and the official figures for it."""

    stage: str
    claims: list[FunnelCell] = field(default_factory=list)
    official: list[FunnelCell] = field(default_factory=list)


def parse_period(text: str) -> tuple[str, str]:
    """Return (start, end) ISO dates for `2017/18` (financial year), `2022` (calendar year) or `START..END`.

    Raises ValueError for anything else.
    """
    text = text.strip()
    if match := re.fullmatch(r"(\d{4})\s*/\s*(\d{2}|\d{4})", text):
        first = int(match.group(1))
        if int(match.group(2)) % 100 != (first + 1) % 100:
            raise ValueError(f"{text!r} is not a financial year like 2017/18")
        return f"{first}-04-01", f"{first + 1}-03-31"
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-01-01", f"{text}-12-31"
    if ".." in text:
        start, end = (part.strip() for part in text.split("..", 1))
        return dt.date.fromisoformat(start).isoformat(), dt.date.fromisoformat(end).isoformat()
    raise ValueError(f"{text!r} is not a period (use 2017/18, 2022 or 2017-04-01..2018-03-31)")


def claim_periods(conn: sqlite3.Connection, area: str, offence: str) -> list[tuple[str, str]]:
    """Return the periods that claims about `area` and `offence` state, newest first."""
    rows = conn.execute(
        "SELECT DISTINCT period_start, period_end FROM claims WHERE area = ? AND offence = ?"
        " AND period_start IS NOT NULL AND period_end IS NOT NULL ORDER BY period_end DESC, period_start",
        (area, offence),
    )
    return [(row[0], row[1]) for row in rows]


def funnel(conn: sqlite3.Connection, area: str, start: str, end: str, offence: str = "rape") -> list[FunnelRow]:
    """Return the funnel for a force, offence and period: one FunnelRow per stage that has any figure.

    Takes a force (any spelling in forces.csv) and an exact period. Claims are
    the stored ones (not changes) with that force, offence and period; official
    figures are those for the same, with quarterly tables summed over the period.
    Raises ValueError for an unknown force.
    """
    canonical = resolve_force(area)
    if canonical is None:
        raise ValueError(f"unknown force {area!r} (see attrition/extract/data/forces.csv)")
    rows = {stage: FunnelRow(stage) for stage in FUNNEL_STAGES}
    for claim in conn.execute(
        "SELECT c.id, c.value, c.unit, c.stage, c.of_stage, c.quote, a.label FROM claims c"
        " JOIN articles a ON a.id = c.article_id WHERE c.area = ? AND c.offence = ? AND c.period_start = ?"
        " AND c.period_end = ? AND c.change = 0 ORDER BY c.unit, a.label, c.char_start",
        (canonical, offence, start, end),
    ):
        if claim["stage"] in rows:
            unit = claim["unit"] if not claim["of_stage"] else f"{claim['unit']} of {claim['of_stage']}"
            rows[claim["stage"]].claims.append(FunnelCell(
                claim["value"], unit, "claim", claim["label"], claim["id"], claim["quote"]))
    figures = official_for_area(conn, canonical)
    for stage, row in rows.items():
        for unit in ("count", "percent", "per_100k"):
            for figure in matching_figures(figures, canonical, offence, stage, unit, start, end):
                note = f"{figure.population} victims" + (f"; {figure.notes}" if figure.notes else "")
                row.official.append(FunnelCell(figure.value, unit, "official", figure.dataset, figure.url, note))
    return [row for row in rows.values() if row.claims or row.official]


def _value(cell: FunnelCell) -> str:
    number = f"{cell.value:,.0f}" if float(cell.value).is_integer() else f"{cell.value:,.2f}".rstrip("0")
    return number + ("%" if cell.unit.startswith("percent") else " per 100k" if cell.unit == "per_100k" else "")


def format_funnel(rows: list[FunnelRow], area: str, start: str, end: str, offence: str) -> str:
    """Return the funnel as text: per stage, each claim (value, article, claim id) and each official figure."""
    lines = [f"{resolve_force(area) or area}, {offence}, {period_label(start, end)} ({start} to {end})"]
    if not rows:
        return lines[0] + "\n  no claims and no official figures"
    for row in rows:
        lines.append(f"  {row.stage}")
        for cell in row.claims:
            lines.append(f"    claim     {_value(cell):>12}  {cell.source} [{cell.ref}]: \u201c{cell.note}\u201d")
        if not row.claims:
            lines.append(f"    claim     {'-':>12}")
        for cell in row.official:
            lines.append(f"    official  {_value(cell):>12}  {cell.source} ({cell.note}) {cell.ref}")
        if not row.official:
            lines.append(f"    official  {'-':>12}")
    return "\n".join(lines)
