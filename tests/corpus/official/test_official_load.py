"""Loading official figures: the three layouts, aliases, whole-or-nothing, idempotence, bad rows."""

from __future__ import annotations

import shutil
import time

import openpyxl
import pytest
from click.testing import CliRunner

from attrition.cli.main import cli
from attrition.corpus.official.layouts import (
    OfficialDataError, UnknownLayoutError, financial_quarter, read_official_file, rolling_window,
)
from attrition.corpus.official.load import load_official_file
from check_helpers import DATA, open_db, write_ods

PRC_HEADER = ["Financial Year", "Financial Quarter", "Force Name", "Offence Description", "Offence Group",
              "Offence Subgroup", "Offence Code", "Number of Offences"]


def count(conn, sql="SELECT count(*) FROM official", *params):
    return conn.execute(sql, params).fetchone()[0]


@pytest.mark.parametrize("year, quarter, expected", [
    ("2024/25", "1", ("2024-04-01", "2024-06-30")),
    ("2024/25", "4", ("2025-01-01", "2025-03-31")),
    ("2021-22", "Q3", ("2021-10-01", "2021-12-31")),
    ("2019/2020", "2.0", ("2019-07-01", "2019-09-30")),
])
def test_financial_quarters_run_april_to_march(year, quarter, expected):
    assert financial_quarter(year, quarter) == expected


@pytest.mark.parametrize("year, quarter", [("2024/26", "1"), ("2024", "1"), ("2024/25", "5")])
def test_bad_financial_quarters_are_refused(year, quarter):
    with pytest.raises(ValueError):
        financial_quarter(year, quarter)


@pytest.mark.parametrize("ending, expected", [
    ("31-03-2018", ("2017-04-01", "2018-03-31")),
    ("31-12-2018", ("2018-01-01", "2018-12-31")),
    ("30-12-2017", ("2017-01-01", "2017-12-31")),  # the real file's label for the December 2017 window
    ("30-09-2017", ("2016-10-01", "2017-09-30")),
])
def test_rolling_windows_are_twelve_whole_months(ending, expected):
    assert rolling_window(ending) == expected


def test_prc_quarterly_table_keeps_force_code_quarter_and_maps_aliases(tmp_path):
    conn = open_db(tmp_path)
    report = load_official_file(conn, DATA / "prc_pfa_two_years.csv")
    assert (report.layout, report.rows, report.inserted, report.already_loaded) == ("prc_pfa", 80, 80, False)
    areas = {r[0] for r in conn.execute("SELECT DISTINCT area FROM official")}
    assert areas == {"Hertfordshire", "City of London"}  # "London, City of" mapped
    row = conn.execute(
        "SELECT * FROM official WHERE area = 'Hertfordshire' AND offence_code = '19G' AND period_start = '2022-01-01'"
    ).fetchone()
    assert (row["offence"], row["stage"], row["unit"], row["value"]) == ("rape", "recorded", "count", 9)
    assert (row["period_end"], row["period_kind"], row["population"]) == ("2022-03-31", "quarter", "all")
    assert row["dataset"].startswith("Home Office police recorded crime")
    assert row["url"] == str((DATA / "prc_pfa_two_years.csv").resolve())
    assert row["line"] == "33"  # the file line a person would open
    offences = dict(conn.execute("SELECT offence_code, offence FROM official GROUP BY offence_code").fetchall())
    assert offences == {"19C": "rape", "19G": "rape", "20A": "sexual_assault", "88E": "other_sexual",
                        "29B": "other"}


def test_rolling_layout_maps_sexual_offences_and_keeps_other_bodies(tmp_path):
    conn = open_db(tmp_path)
    report = load_official_file(conn, DATA / "rolling_pfa_small.csv", url="https://example.org/rec-crime-pfa.csv")
    assert (report.layout, report.rows, report.inserted) == ("rolling_pfa", 7, 7)
    row = conn.execute("SELECT * FROM official WHERE area = 'Hertfordshire' AND period_end = '2017-12-31'").fetchone()
    assert (row["offence"], row["value"], row["period_start"], row["url"]) == (
        "sexual_offences", 2135, "2017-01-01", "https://example.org/rec-crime-pfa.csv")
    assert count(conn, "SELECT count(*) FROM official WHERE offence = 'other'") == 2  # robbery, Action Fraud
    assert count(conn, "SELECT count(*) FROM official WHERE area = 'Action Fraud'") == 1


def test_tidy_layout_keeps_each_rows_publisher_url_and_population(tmp_path):
    conn = open_db(tmp_path)
    report = load_official_file(conn, DATA / "tidy_small.csv")
    assert (report.layout, report.inserted) == ("tidy", 10)
    row = conn.execute("SELECT * FROM official WHERE population = 'child'").fetchone()
    assert (row["area"], row["value"], row["url"], row["publisher"]) == (
        "Hertfordshire", 63, "https://example.org/digest-2012-13", "HMIC (Rape Monitoring Group)")
    assert row["period_kind"] == "stated" and row["notes"] == "child rapes"


def test_loading_the_same_file_twice_changes_nothing(tmp_path):
    conn = open_db(tmp_path)
    load_official_file(conn, DATA / "tidy_small.csv")
    again = load_official_file(conn, DATA / "tidy_small.csv")
    copy = shutil.copy(DATA / "tidy_small.csv", tmp_path / "renamed.csv")
    renamed = load_official_file(conn, copy)
    assert again.already_loaded and renamed.already_loaded
    assert count(conn) == 10
    assert count(conn, "SELECT count(*) FROM official_files") == 1


def test_an_overlapping_file_adds_only_its_new_rows(tmp_path):
    conn = open_db(tmp_path)
    load_official_file(conn, DATA / "rolling_pfa_small.csv")
    lines = (DATA / "rolling_pfa_small.csv").read_text().splitlines()
    extra = tmp_path / "overlap.csv"
    extra.write_text("\n".join(lines[:3] + ["31-03-2019,Hertfordshire,East,Sexual offences,2400"]) + "\n")
    report = load_official_file(conn, extra)
    assert (report.rows, report.inserted) == (3, 1)
    assert count(conn) == 8


def test_a_bad_row_is_named_by_file_and_line_and_nothing_is_loaded(tmp_path):
    conn = open_db(tmp_path)
    with pytest.raises(OfficialDataError) as error:
        load_official_file(conn, DATA / "rolling_pfa_bad_row.csv")
    assert "rolling_pfa_bad_row.csv, line 3" in str(error.value)
    assert "'about 2000' is not a number" in str(error.value)
    assert count(conn) == 0 and count(conn, "SELECT count(*) FROM official_files") == 0


def test_an_unknown_area_in_the_tidy_layout_is_a_bad_row(tmp_path):
    conn = open_db(tmp_path)
    with pytest.raises(OfficialDataError, match=r"tidy_bad_area.csv, line 4: area 'Gotham'"):
        load_official_file(conn, DATA / "tidy_bad_area.csv")
    assert count(conn) == 0


def test_an_unknown_layout_is_refused_with_the_headers_expected(tmp_path):
    conn = open_db(tmp_path)
    with pytest.raises(UnknownLayoutError) as error:
        load_official_file(conn, DATA / "unknown_layout.csv")
    message = str(error.value)
    assert "headers found: force, year, rapes" in message
    assert "Financial Year, Financial Quarter, Force Name" in message
    assert "12 months ending, PFA, Region, Offence" in message
    assert "area, offence, stage, unit, value, population" in message


def test_ods_sheets_with_a_title_block_load_every_year(tmp_path):
    rows_a = [["Police recorded crime by offence code"], [None], PRC_HEADER,
              ["2023/24", 1, "Hertfordshire", "Rape of a female aged 16 and over", "Sexual offences",
               "Rape offences", "19C", 40]]
    rows_b = [PRC_HEADER,
              ["2024/25", 1, "London, City of", "Rape of a female aged 16 and over", "Sexual offences",
               "Rape offences", "19C", 2],
              ["2024/25", 1, "Hertfordshire", "Sexual assault on a female aged 13 and over", "Sexual offences",
               "Other sexual offences", "20A", 1234]]
    path = write_ods(tmp_path / "prc-pfa-tables.ods",
                     {"Cover": [["Notes"], ["Crown copyright"]], "2023_24": rows_a, "2024_25": rows_b})
    layout, figures = read_official_file(path)
    assert layout == "prc_pfa"
    assert [(f.area, f.offence_code, f.value, f.line) for f in figures] == [
        ("Hertfordshire", "19C", 40, "2023_24!4"),
        ("City of London", "19C", 2, "2024_25!2"),
        ("Hertfordshire", "20A", 1234, "2024_25!3"),
    ]


def test_ods_bad_row_names_sheet_and_row(tmp_path):
    path = write_ods(tmp_path / "bad.ods", {"2024_25": [PRC_HEADER, [
        "2024/25", 7, "Kent", "Rape of a female aged 16 and over", "Sexual offences", "Rape offences", "19C", 3]]})
    with pytest.raises(OfficialDataError, match=r"line 2024_25!2: financial quarter '7' is not 1-4"):
        read_official_file(path)


def test_xlsx_workbook_loads(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2022_23"
    sheet.append(PRC_HEADER)
    sheet.append(["2022/23", 2, "Herts Police", "Rape of a male child under 16", "Sexual offences",
                  "Rape offences", "19G", 12])
    path = tmp_path / "prc.xlsx"
    book.save(path)
    conn = open_db(tmp_path)
    report = load_official_file(conn, path)
    assert (report.layout, report.inserted) == ("prc_pfa", 1)
    row = conn.execute("SELECT area, value, period_start, line FROM official").fetchone()
    assert tuple(row) == ("Hertfordshire", 12, "2022-07-01", "2022_23!2")


def test_a_file_that_is_not_a_spreadsheet_is_refused(tmp_path):
    path = tmp_path / "fake.ods"
    path.write_bytes(b"not a zip")
    with pytest.raises(OfficialDataError, match="not a readable OpenDocument"):
        read_official_file(path)


def test_cli_loads_reports_and_exits_1_when_a_file_is_refused(tmp_path):
    db = tmp_path / "cli.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["official", "load", str(DATA / "tidy_small.csv"),
                                 str(DATA / "unknown_layout.csv"), "--db", str(db)])
    assert result.exit_code == 1
    assert "tidy, 10 rows read, 10 new" in result.output
    assert "unknown layout" in result.output
    again = runner.invoke(cli, ["official", "load", str(DATA / "tidy_small.csv"), "--db", str(db)])
    assert again.exit_code == 0 and "already loaded" in again.output


@pytest.mark.skipif(not (DATA.parents[2].parent / "shared/official/rec-crime-pfa.csv").exists(),
                    reason="../shared not present")
def test_the_real_rolling_file_loads_whole_and_fast(tmp_path):
    conn = open_db(tmp_path)
    started = time.perf_counter()
    report = load_official_file(conn, DATA.parents[2].parent / "shared/official/rec-crime-pfa.csv")
    elapsed = time.perf_counter() - started
    assert (report.layout, report.rows, report.inserted) == ("rolling_pfa", 46469, 46469)
    assert elapsed < 15
    herts = conn.execute("SELECT value FROM official WHERE area = 'Hertfordshire' AND offence = 'sexual_offences'"
                         " AND period_start = '2017-04-01' AND period_end = '2018-03-31'").fetchone()
    assert herts[0] == 2174
