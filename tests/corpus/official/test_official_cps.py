"""CPS case outcomes by principal offence category: the monthly CSV layout by CPS Area (issue 12).

Files are written here in the publisher's layout (an unnamed first column of CPS
Areas, `Number of ... Convictions`, `Percentage of ...`, thousands separators,
`-` for a share of no defendants), with small made-up figures.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from attrition.corpus.check.checks import ClaimRecord, check_official
from attrition.corpus.official.layouts import OfficialDataError, cps_area_forces, read_official_file
from attrition.corpus.official.load import load_official_file
from attrition.corpus.store import connect
from attrition.corpus.store.connection import schema_statements
from check_helpers import open_db

CATEGORIES = ("Homicide", "Sexual Offences", "Burglary")
HEADER = [""] + [f"{what} of {c} {kind}" for c in CATEGORIES for kind in ("Convictions", "Unsuccessful")
                 for what in ("Number", "Percentage")]
# Sexual offences per Area: (convictions, unsuccessful); Metropolitan and City is one Area for two forces.
AREAS = {"Kent": (30, 10), "GreaterManchester": (45, 15), "Metropolitan and City": (120, 40), "Dyfed Powys": (0, 0)}


def cps_row(name: str, convictions: int, unsuccessful: int, other: int = 1) -> list[str]:
    total = convictions + unsuccessful
    share = (lambda n: f"{100 * n / total:.1f}%") if total else (lambda n: "-")
    cells = [name]
    for category in CATEGORIES:
        c, u = (convictions, unsuccessful) if category == "Sexual Offences" else (other, 0)
        shown = share if category == "Sexual Offences" else (lambda n: "100.0%" if n else "0.0%")
        cells += [f'"{c:,}"', shown(c), f'"{u:,}"', shown(u)]
    return cells


def cps_file(folder: Path, name: str, areas: dict | None = None, national: tuple | None = None,
             other: int = 1) -> Path:
    """Write a CPS monthly file; `other` is every other category's count (files of different months differ)."""
    areas = AREAS if areas is None else areas
    totals = national or tuple(sum(v[i] for v in areas.values()) for i in (0, 1))
    lines = [",".join(HEADER), ",".join(cps_row("National", *totals, other))]
    lines += [",".join(cps_row(area, *values, other)) for area, values in areas.items()]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def figures_of(path: Path):
    return read_official_file(path)[1]


class TestCpsLayout:
    def test_sexual_offences_per_area_with_month_from_the_file_name_and_the_publisher_url(self, tmp_path):
        layout, figures = read_official_file(cps_file(tmp_path, "2016__principal_offence_category_april_2016.csv"))
        assert layout == "cps_poc"
        kent = {(f.stage, f.unit, f.notes.split(" of ")[0]): f.value for f in figures if f.area == "Kent"}
        assert kent[("convicted", "count", "convictions")] == 30
        assert kent[("prosecuted", "count", "unsuccessful outcomes")] == 10
        assert kent[("prosecuted", "count", "completed prosecutions (convictions + unsuccessful outcomes, derived "
                     "from the file's two counts)")] == 40
        assert kent[("convicted", "percent", "conviction rate: convictions as a share")] == 75.0
        first = figures[0]
        assert (first.period_start, first.period_end, first.period_kind) == ("2016-04-01", "2016-04-30", "month")
        assert first.url == ("https://www.cps.gov.uk/sites/default/files/documents/data/case_outcomes/april-2016/"
                             "Principal_Offence_Category_Apr.csv")
        assert {f.offence for f in figures} == {"sexual_offences"}  # other categories are not loaded

    def test_abbreviated_month_and_year_prefix(self, tmp_path):
        figures = figures_of(cps_file(tmp_path, "2018__Principal_Offence_Category_Feb.csv"))
        assert {(f.period_start, f.period_end) for f in figures} == {("2018-02-01", "2018-02-28")}

    def test_areas_map_to_forces_and_national_to_england_and_wales(self, tmp_path):
        areas = {f.area for f in figures_of(cps_file(tmp_path, "principal_offence_category_may_2015.csv"))}
        assert areas == {"England and Wales", "Kent", "Greater Manchester", "Metropolitan Police", "City of London",
                         "Dyfed-Powys"}

    def test_an_area_of_two_forces_is_marked_on_both(self, tmp_path):
        figures = figures_of(cps_file(tmp_path, "principal_offence_category_may_2015.csv"))
        met = [f for f in figures if f.area in ("Metropolitan Police", "City of London")]
        assert met and all("spans several forces" in f.notes for f in met)
        assert not any("spans several forces" in f.notes for f in figures if f.area == "Kent")

    def test_a_share_of_no_defendants_is_no_figure(self, tmp_path):
        figures = figures_of(cps_file(tmp_path, "principal_offence_category_may_2015.csv"))
        dyfed = [(f.stage, f.unit, f.value) for f in figures if f.area == "Dyfed-Powys"]
        assert all(unit == "count" for _, unit, _ in dyfed) and len(dyfed) == 3

    def test_a_national_row_that_is_not_the_sum_of_the_areas_says_so(self, tmp_path):
        figures = figures_of(cps_file(tmp_path, "principal_offence_category_may_2015.csv", national=(999, 65)))
        national = [f for f in figures if f.area == "England and Wales"]
        assert all("differs from the sum of the Areas (195 convictions, 65 unsuccessful)" in f.notes for f in national)

    def test_a_file_name_without_a_month_is_refused_by_name(self, tmp_path):
        with pytest.raises(OfficialDataError, match=r"outcomes\.csv: a CPS case outcomes file holds no date"):
            read_official_file(cps_file(tmp_path, "outcomes.csv"))

    def test_an_unknown_area_is_refused_naming_the_line(self, tmp_path):
        path = cps_file(tmp_path, "principal_offence_category_may_2015.csv", areas={"Kent": (1, 1), "Atlantis": (2, 2)})
        with pytest.raises(OfficialDataError, match=r"line 4: CPS Area 'Atlantis' is neither a force"):
            read_official_file(path)

    def test_a_percentage_over_100_is_refused(self, tmp_path):
        path = cps_file(tmp_path, "principal_offence_category_may_2015.csv", areas={"Kent": (1, 1)})
        path.write_text(path.read_text().replace("50.0%", "150.0%", 1), encoding="utf-8")
        with pytest.raises(OfficialDataError, match=r"line 2: value 150 is outside 0\.\.100"):
            read_official_file(path)

    def test_cps_area_forces(self):
        assert cps_area_forces("GreaterManchester") == (("Greater Manchester",), None)
        forces, note = cps_area_forces("Metropolitan and City")
        assert forces == ("Metropolitan Police", "City of London") and note


FY = ("2016-04-01", "2017-03-31")
MONTHS = [("april", 2016), ("may", 2016), ("june", 2016), ("july", 2016), ("august", 2016), ("september", 2016),
          ("october", 2016), ("november", 2016), ("december", 2016), ("january", 2017), ("february", 2017),
          ("march", 2017)]


@pytest.fixture(scope="module")
def year_of_files(tmp_path_factory):
    """Twelve monthly files of 2016/17, loaded into a real database; returns the official rows for Kent/Met/E&W."""
    folder = tmp_path_factory.mktemp("cps")
    conn = open_db(folder)
    for number, (month, year) in enumerate(MONTHS, start=1):
        report = load_official_file(conn, cps_file(folder, f"{year}__principal_offence_category_{month}_{year}.csv",
                                                   other=number))
        assert report.inserted == report.rows > 0
    from attrition.corpus.check.run import official_for_area
    return {area: official_for_area(conn, area) for area in ("Kent", "Metropolitan Police", "England and Wales")}


def claim(value, stage, quote, area="Kent", unit="count", **fields):
    return ClaimRecord(id="c1", article_id=1, value=value, unit=unit, stage=stage, offence="sexual_offences",
                       quote=quote, area=area, period_start=FY[0], period_end=FY[1], figure_text=str(value), **fields)


class TestCpsChecks:
    def test_a_year_of_convictions_is_the_sum_of_twelve_months(self, year_of_files):
        check = check_official(claim(360, "convicted", "the CPS secured 360 convictions for sexual offences",
                                     source="Crown Prosecution Service"), year_of_files["Kent"])
        assert check.verdict == "agrees" and check.official_value == 360
        assert check.dataset.startswith("CPS case outcomes")
        assert any("sum of 12 monthly files" in o["notes"] for o in check.detail["official"])

    def test_a_year_of_convictions_that_differs(self, year_of_files):
        check = check_official(claim(500, "convicted", "the CPS secured 500 convictions for sexual offences",
                                     source="Crown Prosecution Service"), year_of_files["Kent"])
        assert check.verdict == "differs" and check.official_value == 360

    def test_unsuccessful_is_compared_with_unsuccessful_not_completed(self, year_of_files):
        check = check_official(claim(120, "prosecuted", "120 prosecutions for sexual offences were unsuccessful",
                                     source="CPS"), year_of_files["Kent"])
        assert check.verdict == "agrees" and check.official_value == 120

    def test_a_conviction_rate_is_derived_from_the_summed_counts(self, year_of_files):
        check = check_official(claim(75, "convicted", "a conviction rate of 75% for sexual offences", unit="percent",
                                     of_stage="prosecuted", source="CPS"), year_of_files["Kent"])
        assert check.verdict == "agrees" and "derived from official counts" in check.reason

    def test_a_missing_month_gives_no_sum(self, year_of_files):
        short = [f for f in year_of_files["Kent"] if f.period_start != "2016-11-01"]
        check = check_official(claim(360, "convicted", "the CPS secured 360 convictions", source="CPS"), short)
        assert check.verdict != "agrees" and check.official_value != 360

    def test_an_area_of_two_forces_is_not_comparable_with_one_force(self, year_of_files):
        check = check_official(claim(1440, "convicted", "the CPS secured 1,440 convictions for sexual offences",
                                     area="Metropolitan Police", source="CPS"), year_of_files["Metropolitan Police"])
        assert check.verdict == "not_comparable"
        assert "covers several forces (Metropolitan Police, City of London)" in check.reason

    def test_persons_found_guilty_are_another_measure(self, year_of_files):
        check = check_official(claim(360, "convicted", "360 offenders were found guilty of sexual offences"),
                               year_of_files["Kent"])
        assert check.verdict == "not_comparable" and check.reason.startswith("different measures")

    def test_sexual_offences_excluding_rape_are_not_the_category_with_rape(self, year_of_files):
        check = check_official(claim(360, "convicted", "360 convictions for sexual offences excluding rape",
                                     source="CPS"), year_of_files["Kent"])
        assert check.verdict == "not_comparable" and "sexual offences excluding rape" in check.reason

    def test_a_figure_from_the_vawg_report_is_not_the_principal_offence_count(self, year_of_files):
        check = check_official(claim(2340, "convicted", "2,340 defendants were convicted of sexual offences",
                                     area="England and Wales", source="CPS", vawg_article=True),
                               year_of_files["England and Wales"])
        assert check.verdict == "not_comparable" and "Violence Against Women and Girls report" in check.reason


class TestMigration:
    def test_a_version_6_database_keeps_its_official_rows_and_takes_monthly_rows(self, tmp_path):
        path = tmp_path / "old.db"
        raw = sqlite3.connect(path)
        for statement in schema_statements():
            statement = statement.replace("'quarter', 'month', 'rolling_12m'", "'quarter', 'rolling_12m'")
            statement = statement.replace("'across', 'subgroup'", "'across'")
            raw.execute(statement)
        raw.execute("INSERT INTO official_files (sha256, path, layout, rows, loaded_at) VALUES ('x', '/x', 'tidy', 1, 'now')")
        raw.execute("INSERT INTO official (file_id, dataset, publisher, url, area, offence, stage, unit, value, population,"
                    " period_start, period_end, period_kind, key) VALUES (1, 'd', 'p', 'u', 'Kent', 'rape', 'recorded',"
                    " 'count', 5, 'all', '2020-01-01', '2020-12-31', 'stated', 'k1')")
        raw.execute("PRAGMA user_version = 6")
        raw.commit()
        raw.close()
        conn = connect(path)
        assert conn.execute("SELECT value FROM official WHERE key = 'k1'").fetchone()[0] == 5
        load_official_file(conn, cps_file(tmp_path, "principal_offence_category_may_2015.csv"))
        assert conn.execute("SELECT count(*) FROM official WHERE period_kind = 'month'").fetchone()[0] > 0
        checks_sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'checks'").fetchone()[0]
        assert "'subgroup'" in checks_sql and "exceeds_total" in checks_sql
        assert conn.execute("SELECT count(*) FROM claims_view").fetchone()[0] == 0  # the view sees the rebuilt table
        assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'checks' AND type = 'index'")} \
            >= {"checks_claim", "checks_verdict"}
