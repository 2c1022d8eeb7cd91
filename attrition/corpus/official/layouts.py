"""Official figures: read the publishers' own file layouts into OfficialFigures (nothing is written here).

Five layouts, recognised by their header row:

- `prc_pfa`: Home Office "police recorded crime PFA open data tables" (CSV, ODS or
  XLSX; one sheet per financial year): quarterly counts per force and offence code.
- `rolling_pfa`: Home Office/ONS `rec-crime-pfa.csv`: rolling 12-month totals per
  force and offence group.
- `tidy`: figures gathered by hand from releases (`official_figures.csv`), one
  figure per row with its own dataset, publisher and URL.
- `ons_pfa_p1`: ONS Police Force Area data tables, Table P1 (XLSX or its CSV export).
- `cps_poc`: CPS case outcomes by principal offence category, one CSV per month
  (the month from the file name), one row per CPS Area; CPS Areas map to forces
  through forces.csv and `cps_areas.csv` (an Area of several forces is marked).

A file loads whole or not at all; the same file (by SHA-256) loads once; rows
already present from another file (same dataset, force, offence, period) are kept
once. Nothing official is typed into this module: the offence codes come from the
packaged `offence_codes.csv`, the figures from the files.

    layout, figures = read_official_file("rec-crime-pfa.csv")     # ('rolling_pfa', [OfficialFigure, ...])

Loading them into the database is `attrition.corpus.official.load`.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator

from attrition.corpus.official.tables import Sheet, TableReadError, read_sheets
from attrition.errors import AttritionError
from attrition.extract.claim import OFFENCES, STAGES, UNITS
from attrition.extract.forces import resolve_force

POPULATIONS = ("all", "adult", "child")

# How a figure's period came about: a quarter of a quarterly table or a month of a
# monthly file (summed into longer periods when checking), a rolling 12-month
# window, or a period stated as is.
PERIOD_KINDS = ("quarter", "month", "rolling_12m", "stated")


class OfficialDataError(AttritionError):
    """An official file that cannot be loaded; the message names the file and, for a bad row, its line."""


class UnknownLayoutError(OfficialDataError):
    """A file whose header row matches none of the known layouts."""


@dataclass
class OfficialFigure:
    """One official figure, as loaded: what it counts, where and when, and where it was published.

    `area` is the canonical force name (or a national area, or the publisher's own
    name for a body that is not a force, such as Action Fraud). `offence` is one of
    the claim offences for figures that are one (`rape`, `sexual_offences`), and for
    a quarterly per-code row the offence its code belongs to (`rape`,
    `sexual_assault`, `other_sexual`, `other`); `offence_group` is the publisher's
    group. `line` says where in the file the row is (`12`, `2024_25!107`); `key`
    identifies the figure across files so an overlapping file adds nothing twice.
    `edition` says which release of a figure this is (see `NOT_STORED`).
    """

    dataset: str
    publisher: str
    url: str
    area: str
    offence: str
    stage: str
    unit: str
    value: float
    population: str
    period_start: str
    period_end: str
    period_kind: str
    offence_code: str | None = None
    offence_label: str | None = None
    offence_group: str | None = None
    notes: str | None = None
    line: str | None = None
    key: str | None = None
    # Not stored: the last period end among its file's figures of its dataset (the data's vintage; an
    # edition is published after it), filled in when figures are read back for checking.
    edition: str | None = None

# OfficialFigure fields that are not columns of the `official` table.
NOT_STORED = ("edition",)


@dataclass
class Layout:
    """A file layout: its name, the headers that identify it, and the function turning rows into figures."""

    name: str
    headers: tuple[str, ...]
    parse: Callable[["_Rows", str], Iterator[OfficialFigure]]
    optional: tuple[str, ...] = ()
    title: str | None = None  # a pattern the title lines above the header must match (`Table P1`)
    default_url: Callable[[Path, list[str]], str] | None = None  # the publisher's URL when --url is not given

    def accepts(self, preamble: list[str]) -> bool:
        """Return True when the sheet's title lines fit this layout (always, for a layout without a title)."""
        return self.title is None or any(re.search(self.title, line, re.IGNORECASE) for line in preamble)


# --- reference data -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def offence_codes() -> dict[str, dict[str, str]]:
    """Return the packaged Home Office offence codes: code -> row of offence_codes.csv."""
    text = resources.files("attrition.corpus.official").joinpath("offence_codes.csv").read_text(encoding="utf-8")
    return {row["offence_code"].strip().upper(): row for row in csv.DictReader(io.StringIO(text))}


@lru_cache(maxsize=1)
def sexual_offence_groups() -> frozenset[str]:
    """Return the (case-folded) Home Office offence groups that make up `sexual_offences`."""
    return frozenset(row["offence_group"].strip().casefold() for row in offence_codes().values())


def offence_of_code(code: str, group: str) -> str:
    """Return the offence a Home Office offence code counts towards.

    Takes an offence code (`19C`) and its group; returns its `project_offence`
    from offence_codes.csv (`rape`, `sexual_assault`, `other_sexual`), else
    `other_sexual` for an unlisted code in a sexual-offence group, else `other`.
    """
    row = offence_codes().get(code.strip().upper())
    if row:
        return row["project_offence"]
    return "other_sexual" if group.strip().casefold() in sexual_offence_groups() else "other"


# --- periods --------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def financial_quarter(year_label: str, quarter: str) -> tuple[str, str]:
    """Return (start, end) ISO dates of a financial-year quarter.

    Takes a financial year (`2024/25`, `2024-25`, `2024/2025`) and a quarter
    (`1`..`4`, `Q1`); Q1 is April-June, Q4 January-March of the following year.
    Raises ValueError for anything else.
    """
    match = re.fullmatch(r"\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*", year_label)
    if not match:
        raise ValueError(f"financial year {year_label!r} is not like 2024/25")
    first = int(match.group(1))
    second = int(match.group(2))
    if second % 100 != (first + 1) % 100:
        raise ValueError(f"financial year {year_label!r} does not span consecutive years")
    q = re.fullmatch(r"\s*[Qq]?\s*([1-4])(?:\.0)?\s*", quarter)
    if not q:
        raise ValueError(f"financial quarter {quarter!r} is not 1-4")
    index = int(q.group(1)) - 1
    month = 4 + 3 * index
    year = first + (month - 1) // 12
    month = (month - 1) % 12 + 1
    end_month = month + 2
    start = dt.date(year, month, 1)
    end = dt.date(year, end_month, calendar.monthrange(year, end_month)[1])
    return start.isoformat(), end.isoformat()


@lru_cache(maxsize=4096)
def rolling_window(ending: str) -> tuple[str, str]:
    """Return (start, end) ISO dates of the 12 whole months ending in the month of `ending`.

    Takes a DD-MM-YYYY (or ISO) date. The windows are whole months; the file
    labels one window `30-12-2017`, so the day is not trusted, only the month.
    """
    text = ending.strip()
    try:
        day = dt.datetime.strptime(text, "%d-%m-%Y").date() if "-" in text[:3] else dt.date.fromisoformat(text)
    except ValueError:
        try:
            day = dt.datetime.strptime(text, "%d/%m/%Y").date()
        except ValueError:
            raise ValueError(f"date {ending!r} is not DD-MM-YYYY") from None
    end = dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    start_month = day.month + 1
    start = dt.date(day.year - 1 + (start_month > 12), (start_month - 1) % 12 + 1, 1)
    return start.isoformat(), end.isoformat()


def _iso_date(text: str, column: str) -> str:
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise ValueError(f"{column} {text!r} is not an ISO date (YYYY-MM-DD)") from None


def _number(text: str, column: str, signed: bool = False) -> float:
    cleaned = text.replace(",", "").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{column} {text!r} is not a number") from None
    if not math.isfinite(value):  # NaN, inf, 1e400
        raise ValueError(f"{column} {text!r} is not a finite number")
    if value < 0 and not signed:  # a figure is never negative (a publisher's net adjustment may be)
        raise ValueError(f"{column} {text!r} is negative")
    return value


# The range a rate may lie in, by unit: a percentage is 0..100, a rate per 100,000 people 0..100,000.
UNIT_RANGES = {"percent": (0.0, 100.0), "per_100k": (0.0, 100_000.0)}


def _in_range(value: float, unit: str) -> float:
    """Return `value` when it lies in its unit's range (UNIT_RANGES), else raise ValueError saying so."""
    low, high = UNIT_RANGES.get(unit, (None, None))
    if low is not None and not low <= value <= high:
        raise ValueError(f"value {value:g} is outside 0..{high:,g} for a rate in unit {unit!r}")
    return value


# --- layouts --------------------------------------------------------------------------------


class _Rows:
    """The data rows under a header row, as dicts keyed by the layout's headers, with locations."""

    def __init__(self, path: str, sheet: str | None, header: list[str], rows: Iterator[tuple[int, list[str]]],
                 preamble: list[str] = ()):
        self.path, self.sheet, self.preamble = path, sheet, list(preamble)
        self.index = {_header_key(h): i for i, h in reversed(list(enumerate(header))) if h}
        if header and not header[0]:
            self.index[""] = 0  # an unnamed first column (the CPS files' area names)
        self._rows = rows
        self.current = "?"

    def where(self, number: int) -> str:
        """Return the location of row `number` as written in figures and errors (`107` or `2024_25!107`)."""
        return f"{self.sheet}!{number}" if self.sheet else str(number)

    def __iter__(self) -> Iterator[tuple[str, dict[str, str]]]:
        for number, cells in self._rows:
            if not any(cells):
                continue
            row = {key: (cells[i] if i < len(cells) else "") for key, i in self.index.items()}
            self.current = self.where(number)
            yield self.current, row


def _header_key(name: str) -> str:
    """A header as compared with a layout's: spaces collapsed, footnote marks (`[note 2]`, `Sexual offences4`) off."""
    name = re.sub(r"\[note[^\]]*\]", "", name)
    name = re.sub(r"(?<=[A-Za-z)])[\d,]+$", "", name.strip())
    return re.sub(r"\s+", " ", name).strip().casefold()


@lru_cache(maxsize=1024)
def _area(name: str) -> str:
    """Return the canonical force for a publisher's force name, or the name itself for other bodies."""
    return resolve_force(name) or re.sub(r"\s+", " ", name).strip()


PRC_DATASET = "Home Office police recorded crime PFA open data tables"
ROLLING_DATASET = "Home Office / ONS police recorded crime by Police Force Area (rolling 12 months)"


def _parse_prc(rows: _Rows, url: str) -> Iterator[OfficialFigure]:
    for line, row in rows:
        start, end = financial_quarter(row["financial year"], row["financial quarter"])
        code = row["offence code"].strip().upper()
        if code.endswith(".0"):
            code = code[:-2]
        group = row["offence group"].strip()
        area = _area(row["force name"])
        if not area:
            raise ValueError("Force Name is empty")
        label = row["offence description"].strip()
        yield OfficialFigure(
            dataset=PRC_DATASET, publisher="Home Office", url=url, area=area,
            offence=offence_of_code(code, group), stage="recorded", unit="count",
            value=_number(row["number of offences"], "Number of Offences", signed=True), population="all",
            period_start=start, period_end=end, period_kind="quarter",
            offence_code=code, offence_label=label, offence_group=group,
            notes=row.get("offence subgroup") or None, line=line,
            key=f"prc|{area}|{start}|{code}|{label.casefold()}",
        )


def _parse_rolling(rows: _Rows, url: str) -> Iterator[OfficialFigure]:
    for line, row in rows:
        start, end = rolling_window(row["12 months ending"])
        group = row["offence"].strip()
        area = _area(row["pfa"])
        if not area:
            raise ValueError("PFA is empty")
        offence = "sexual_offences" if group.casefold() in sexual_offence_groups() else "other"
        yield OfficialFigure(
            dataset=ROLLING_DATASET, publisher="Home Office / ONS", url=url, area=area,
            offence=offence, stage="recorded", unit="count",
            value=_number(row["rolling year total number of offences"], "Rolling year total number of offences",
                          signed=True),
            population="all", period_start=start, period_end=end, period_kind="rolling_12m",
            offence_label=group, offence_group=group, line=line,
            key=f"rolling|{area}|{end}|{group.casefold()}",
        )


def _choice(value: str, allowed: tuple[str, ...], column: str) -> str:
    value = value.strip()
    if value not in allowed:
        raise ValueError(f"{column} {value!r} is not one of {', '.join(allowed)}")
    return value


_N100 = re.compile(r"\bN100\b|not recorded as (?:a )?crimes?", re.IGNORECASE)


def _tidy_stage(stage: str, notes: str) -> str:
    """Return the stage of a hand-gathered row: reports never recorded as crimes (N100s) are `no_crime`.

    The guidelines count N100 incidents as no_crime; a row filed under
    `reported` whose notes say it counts N100s only is mapped there.
    """
    return "no_crime" if stage == "reported" and _N100.search(notes) else stage


def _parse_tidy(rows: _Rows, url: str) -> Iterator[OfficialFigure]:
    for line, row in rows:
        area = resolve_force(row["area"])
        if area is None:
            raise ValueError(f"area {row['area']!r} is not a force in forces.csv nor a national area")
        start, end = _iso_date(row["period_start"], "period_start"), _iso_date(row["period_end"], "period_end")
        if start > end:
            raise ValueError(f"period_start {start} is after period_end {end}")
        for column in ("dataset", "publisher", "url"):
            if not row[column].strip():
                raise ValueError(f"{column} is empty (every official figure names its {column})")
        figure = OfficialFigure(
            dataset=row["dataset"].strip(), publisher=row["publisher"].strip(), url=row["url"].strip(),
            area=area, offence=_choice(row["offence"], OFFENCES, "offence"),
            stage=_tidy_stage(_choice(row["stage"], STAGES, "stage"), row.get("notes") or ""),
            unit=_choice(row["unit"], UNITS, "unit"),
            value=_in_range(_number(row["value"], "value"), row["unit"].strip()),
            population=_choice(row["population"] or "all", POPULATIONS, "population"),
            period_start=start, period_end=end, period_kind="stated",
            notes=(row.get("notes") or "").strip() or None, line=line,
        )
        identity = (figure.dataset, figure.url, area, figure.offence, figure.stage, figure.unit, figure.value,
                    figure.population, start, end, figure.notes or "")
        figure.key = "tidy|" + "|".join(str(v) for v in identity)
        yield figure


ONS_P1_DATASET = "ONS Crime in England and Wales: Police Force Area data tables, Table P1"
_ONS_URL = ("https://www.ons.gov.uk/file?uri=/peoplepopulationandcommunity/crimeandjustice/datasets/"
            "policeforceareadatatables/{edition}/{file}")
_MONTHS = {m.casefold(): i for i, m in enumerate(calendar.month_name) if m}


def _ons_year_ending(preamble: list[str]) -> tuple[str, str, str]:
    """Return (month name, year, (start, end)) of the `year ending <Month> <YY|YYYY>` in a P1 title."""
    for line in preamble:
        match = re.search(r"year ending (\w+) (\d{4}|\d{2})", line, re.IGNORECASE)
        if match and match.group(1).casefold() in _MONTHS:
            month, year = match.group(1).capitalize(), match.group(2)
            year = year if len(year) == 4 else "20" + year
            last = dt.date(int(year), _MONTHS[month.casefold()], 1)
            return month, year, rolling_window(last.isoformat())
    raise ValueError("the title names no 'year ending <Month> <Year>'")


def _ons_url(path: Path, preamble: list[str]) -> str:
    """Return the ONS URL of a PFA data tables file from its title's year ending and its file name."""
    try:
        month, year, _ = _ons_year_ending(preamble)
    except ValueError:
        return str(path.resolve())
    return _ONS_URL.format(edition=f"yearending{month.lower()}{year}", file=path.name)


def _ons_area(name: str) -> tuple[str, list[str]]:
    """Return (area name, footnote numbers) of an ONS area cell (`Lancashire8`, `ENGLAND AND WALES [note 3]`)."""
    notes = re.findall(r"\[note (\d+)\]", name)
    name = re.sub(r"\[note[^\]]*\]", "", name).strip()
    # Marks follow the name with or without a space: `Lancashire8`, `Lancashire 8`, `North West 7,8`.
    match = re.search(r"(?<=[A-Za-z)])\s*([\d,]+)$", name)
    if match:
        notes += [n for n in match.group(1).split(",") if n]
        name = name[:match.start()]
    return name.strip(), notes


# ONS area codes of English regions (E12): a region may share its name with a force (`West Midlands`).
_ONS_REGION_CODE = re.compile(r"E12\d{6}")


def _ons_p1_area(code: str, name: str) -> str:
    """Return the area a P1 row counts: a force or national area, or `<name> (region)` for an English region.

    Takes the row's area code and its name without footnote marks. A region is
    never read as the force of the same name (the West Midlands region holds
    the West Midlands force and three others).
    """
    if _ONS_REGION_CODE.fullmatch(code):
        return " ".join(name.split()) + " (region)"
    return _area(name)


def _ons_p1_data_row(code: str, name: str) -> bool:
    """True for a P1 row of figures: one with an ONS area code, or a force without one (British Transport Police)."""
    if re.fullmatch(r"[EKWN]\d{8}", code):
        return True
    return not code and bool(name.strip()) and resolve_force(_ons_area(name)[0]) is not None


def _parse_ons_p1(rows: _Rows, url: str) -> Iterator[OfficialFigure]:
    """Table P1 counts of `Sexual offences` per area; `..` (no data) is skipped, footnotes become notes."""
    _, _, (start, end) = _ons_year_ending(rows.preamble)
    data, footnotes = [], {}
    for line, row in rows:
        first = (row.get("area code") or "").strip()
        match = re.match(r"(\d+)\.\s*(.+)", first)
        if match:
            footnotes[match.group(1)] = match.group(2).strip()
        elif _ons_p1_data_row(first, row.get("area name") or ""):
            data.append((line, row))
    for line, row in data:
        area_name, marks = _ons_area(row["area name"])
        raw = (row.get("sexual offences") or "").strip()
        if raw in ("..", "", "-", "x", "[x]"):
            continue  # the publisher's mark for no data
        area = _ons_p1_area((row.get("area code") or "").strip(), area_name)
        notes = [footnotes[m] for m in marks if m in footnotes]
        estimated = any(re.search(r"\bestimat", n, re.IGNORECASE) for n in notes)
        yield OfficialFigure(
            dataset=ONS_P1_DATASET, publisher="Office for National Statistics", url=url, area=area,
            offence="sexual_offences", stage="recorded", unit="count", value=_number(raw, "Sexual offences"),
            population="all", period_start=start, period_end=end, period_kind="rolling_12m",
            offence_label="Sexual offences", offence_group="Sexual offences",
            notes=("ESTIMATED: " if estimated else "") + " ".join(notes) if notes else None, line=line,
            key=f"ons_p1|{area}|{end}",
        )


CPS_POC_DATASET = "CPS case outcomes by principal offence category (monthly, by CPS Area)"
CPS_PUBLISHER = "Crown Prosecution Service"
_CPS_URL = ("https://www.cps.gov.uk/sites/default/files/documents/data/case_outcomes/{month}-{year}/"
            "Principal_Offence_Category_{mon}.csv")
CPS_CATEGORY = "Sexual Offences"  # the principal offence category checked; it includes rape
# Notes that mark a CPS figure of an Area covering several forces: never a single force's figure.
SEVERAL_FORCES = "spans several forces"
_MONTH_NAMES = {**{m.casefold(): i for i, m in enumerate(calendar.month_name) if m},
                **{m.casefold(): i for i, m in enumerate(calendar.month_abbr) if m}}


@lru_cache(maxsize=1)
def cps_areas() -> dict[str, tuple[tuple[str, ...], str]]:
    """Return the CPS Areas that are not one force by name: casefolded name -> (forces, note), from cps_areas.csv."""
    text = resources.files("attrition.corpus.official").joinpath("cps_areas.csv").read_text(encoding="utf-8")
    return {row["cps_area"].strip().casefold(): (tuple(f.strip() for f in row["forces"].split("|")), row["note"])
            for row in csv.DictReader(io.StringIO(text))}


def cps_area_forces(name: str) -> tuple[tuple[str, ...], str | None]:
    """Return (the forces or national area a CPS Area covers, a note when that is not one force).

    `GreaterManchester` -> ((`Greater Manchester`,), None); `Metropolitan and City`
    -> ((`Metropolitan Police`, `City of London`), note). Raises ValueError for a
    name that is neither a force (forces.csv) nor listed in cps_areas.csv.
    """
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name.strip())  # the files write `GreaterManchester`
    listed = cps_areas().get(spaced.casefold()) or cps_areas().get(name.strip().casefold())
    if listed:
        forces, note = listed
        return forces, (note if len(forces) > 1 else None)
    force = resolve_force(spaced)
    if force is None:
        raise ValueError(f"CPS Area {name!r} is neither a force in forces.csv nor listed in cps_areas.csv")
    return (force,), None


def cps_month(path: Path) -> tuple[str, str, str]:
    """Return (month name, year, ISO first day) of a CPS monthly file from its name; the files hold no date.

    Takes names as published or prefixed (`2014__principal_offence_category_april_2014.csv`,
    `2018__Principal_Offence_Category_Feb.csv`). Raises OfficialDataError naming the
    file when its name gives no month or no year.
    """
    stem = path.stem
    months = [m for m in re.findall(r"[A-Za-z]+", stem) if m.casefold() in _MONTH_NAMES]
    years = re.findall(r"(?<!\d)(20\d{2}|19\d{2})(?!\d)", stem)
    if not months or not years:
        raise OfficialDataError(
            f"{path}: a CPS case outcomes file holds no date, so its name must give the month and year "
            f"(like principal_offence_category_april_2014.csv or 2018__Principal_Offence_Category_Feb.csv)")
    number = _MONTH_NAMES[months[-1].casefold()]
    return calendar.month_name[number], years[-1], dt.date(int(years[-1]), number, 1).isoformat()


def _cps_url(path: Path, preamble: list[str]) -> str:
    """Return the CPS URL of a monthly case outcomes file, built from its month (the publisher's URL pattern)."""
    month, year, _ = cps_month(path)
    return _CPS_URL.format(month=month.lower(), year=year, mon=month[:3])


def _cps_count(row: dict, column: str) -> float:
    return _number(row[_header_key(column)], column)


def _parse_cps_poc(rows: _Rows, url: str) -> Iterator[OfficialFigure]:
    """CPS case outcomes by principal offence category: Sexual Offences per CPS Area and nationally.

    For each Area row: convictions (count and the file's percentage),
    unsuccessful outcomes (count and percentage), and completed prosecutions
    (convictions + unsuccessful, derived, said so in the notes). The unit is
    defendants by principal offence at finalisation; `Sexual Offences` includes
    rape. A percentage of `-` (no defendants) is no figure. An Area covering
    several forces (`Metropolitan and City`) is stored under each with a note
    saying so, so a check can refuse it by name. The National row must equal the
    sum of the Areas; otherwise its figures carry a note saying by how much.
    """
    _, _, start = cps_month(Path(rows.path))
    first = dt.date.fromisoformat(start)
    end = dt.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1]).isoformat()
    base = (f"defendants by principal offence category at finalisation ({CPS_CATEGORY}, includes rape); "
            f"CPS management information by CPS Area")
    columns = {kind: f"Number of {CPS_CATEGORY} {kind}" for kind in ("Convictions", "Unsuccessful")}
    shares = {kind: f"Percentage of {CPS_CATEGORY} {kind}" for kind in ("Convictions", "Unsuccessful")}
    parsed = []
    for line, row in rows:
        name = row.get("", "").strip()
        if not name:
            raise ValueError("the first column (CPS Area) is empty")
        forces, note = cps_area_forces(name)
        convictions, unsuccessful = _cps_count(row, columns["Convictions"]), _cps_count(row, columns["Unsuccessful"])
        percents = {}
        for kind, column in shares.items():
            raw = row[_header_key(column)].strip().rstrip("%").strip()
            if raw not in ("-", ""):
                percents[kind] = _in_range(_number(raw, column), "percent")
        parsed.append((line, name, forces, note, convictions, unsuccessful, percents))
    national = [p for p in parsed if p[2] == ("England and Wales",)]
    areas = [p for p in parsed if p[2] != ("England and Wales",)]
    sums = (sum(p[4] for p in areas), sum(p[5] for p in areas))
    for line, name, forces, note, convictions, unsuccessful, percents in parsed:
        extra = []
        if note:
            extra.append(f"CPS Area {name} {SEVERAL_FORCES} ({', '.join(forces)}): {note}")
        if national and areas and forces == ("England and Wales",) and (convictions, unsuccessful) != sums:
            extra.append(f"the National row differs from the sum of the Areas ({sums[0]:g} convictions, "
                         f"{sums[1]:g} unsuccessful)")
        suffix = "; " + "; ".join(extra) if extra else ""
        figures = [
            ("convicted", "count", convictions, "convictions", f"convictions of {base}"),
            ("prosecuted", "count", unsuccessful, "unsuccessful", f"unsuccessful outcomes of {base}"),
            ("prosecuted", "count", convictions + unsuccessful, "completed",
             f"completed prosecutions (convictions + unsuccessful outcomes, derived from the file's two counts) "
             f"of {base}"),
        ]
        if "Convictions" in percents:
            figures.append(("convicted", "percent", percents["Convictions"], "conviction_rate",
                            f"conviction rate: convictions as a share of completed prosecutions of {base}"))
        if "Unsuccessful" in percents:
            figures.append(("prosecuted", "percent", percents["Unsuccessful"], "unsuccessful_rate",
                            f"unsuccessful outcomes as a share of completed prosecutions of {base}"))
        for area in forces:
            for stage, unit, value, what, notes in figures:
                yield OfficialFigure(
                    dataset=CPS_POC_DATASET, publisher=CPS_PUBLISHER, url=url, area=area,
                    offence="sexual_offences", stage=stage, unit=unit, value=value, population="all",
                    period_start=start, period_end=end, period_kind="month",
                    offence_label=CPS_CATEGORY, offence_group=CPS_CATEGORY, notes=notes + suffix, line=line,
                    key=f"cps_poc|{area}|{start}|{what}",
                )


LAYOUTS = (
    Layout("prc_pfa", ("Financial Year", "Financial Quarter", "Force Name", "Offence Description",
                       "Offence Group", "Offence Subgroup", "Offence Code", "Number of Offences"), _parse_prc),
    Layout("rolling_pfa", ("12 months ending", "PFA", "Region", "Offence",
                           "Rolling year total number of offences"), _parse_rolling),
    Layout("tidy", ("area", "offence", "stage", "unit", "value", "population", "period_start",
                    "period_end", "publisher", "dataset", "url"), _parse_tidy, optional=("notes",)),
    Layout("ons_pfa_p1", ("Area Code", "Area Name", "Sexual offences"), _parse_ons_p1,
           title=r"Table P1\b.*number of offences", default_url=_ons_url),
    Layout("cps_poc", ("Number of Sexual Offences Convictions", "Percentage of Sexual Offences Convictions",
                       "Number of Sexual Offences Unsuccessful", "Percentage of Sexual Offences Unsuccessful"),
           _parse_cps_poc, default_url=_cps_url),
)

# A spreadsheet may have a title block above its header row.
_HEADER_SEARCH_ROWS = 30


def detect_layout(header: Iterable[str]) -> Layout | None:
    """Return the Layout whose headers all appear in `header` (extra columns allowed), or None."""
    present = {_header_key(h) for h in header if h}
    for layout in LAYOUTS:
        if all(_header_key(h) in present for h in layout.headers):
            return layout
    return None


def expected_layouts() -> str:
    """Return a description of every known layout's headers, for the unknown-layout error."""
    return "; ".join(f"{layout.name}: {', '.join(layout.headers)}" for layout in LAYOUTS)


def read_official_file(path: str | Path, url: str | None = None) -> tuple[str, list[OfficialFigure]]:
    """Read every figure from an official file, checking every row; write nothing.

    Takes the file's path and optionally the URL it was published at (stored as
    the figures' URL; default: the absolute path, except in the tidy layout where
    each row names its own). Returns (layout name, figures). Raises
    UnknownLayoutError naming the expected headers when no sheet has a known
    header row, and OfficialDataError naming file and line for the first bad row.
    """
    path = Path(path)
    source = url or str(path.resolve())
    figures: list[OfficialFigure] = []
    layout_names: list[str] = []
    first_header: list[str] | None = None
    try:
        sheets = list(read_sheets(path))
        for sheet in sheets:
            layout, header, preamble = _find_header(sheet)
            if layout is None or not layout.accepts(preamble):
                first_header = first_header or (preamble[:1] if layout else header)
                continue
            layout_names.append(layout.name)
            rows = _Rows(str(path), sheet.name, header, sheet.rows, preamble)
            parsed = layout.parse(rows, url or (layout.default_url(path, preamble) if layout.default_url else source))
            while True:
                try:
                    figures.append(next(parsed))
                except StopIteration:
                    break
                except ValueError as exc:
                    raise OfficialDataError(f"{path}, line {rows.current}: {exc}") from exc
    except (TableReadError, OSError) as exc:
        raise OfficialDataError(str(exc)) from exc
    if not layout_names:
        found = ", ".join(h for h in (first_header or []) if h) or "(no header row)"
        raise UnknownLayoutError(
            f"{path}: unknown layout; headers found: {found}. Expected one of: {expected_layouts()}"
        )
    if len(set(layout_names)) > 1:
        raise OfficialDataError(f"{path}: sheets in different layouts ({', '.join(sorted(set(layout_names)))})")
    return layout_names[0], figures


def _find_header(sheet: Sheet) -> tuple[Layout | None, list[str], list[str]]:
    """Consume rows up to the header row; return its layout (or None), the row, and the title lines above it."""
    first: list[str] = []
    preamble: list[str] = []
    for count, (_number_, cells) in enumerate(sheet.rows):
        if not any(cells):
            continue
        first = first or cells
        layout = detect_layout(cells)
        if layout is not None:
            return layout, cells, preamble
        preamble.append(" ".join(c for c in cells if c))
        if count >= _HEADER_SEARCH_ROWS:
            break
    return None, first, preamble
