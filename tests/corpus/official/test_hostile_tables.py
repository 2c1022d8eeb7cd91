"""Malicious and broken official files: each refused by name, quickly, and the rest still load (issue 14: 5, 9).

Every file here is written by the test: an ODS with number-rows-repeated="2000000000",
an XLSX with a cell at XFD1048576, an XLSX whose <dimension> is stale, entity-expansion
("billion laughs") XML, a CSV field over 131,072 bytes, a truncated XLSX, 1e400 and a
negative count. The bombs run in a subprocess with a timeout, so a regression fails
instead of hanging.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from attrition.corpus.official.tables import TableReadError, read_sheets

HEADER = ["area", "offence", "stage", "unit", "value", "population", "period_start", "period_end",
          "publisher", "dataset", "url"]


def row(value="2450", area="Kent", year=2022) -> list[str]:
    return [area, "rape", "recorded", "count", value, "all", f"{year}-04-01", f"{year + 1}-03-31",
            "Home Office", "Test table", f"https://example.org/official/{year}"]


def csv_file(path: Path, *rows: list[str]) -> Path:
    path.write_text("\n".join(",".join(r) for r in (HEADER, *rows)) + "\n", encoding="utf-8")
    return path


TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def ods_file(path: Path, rows_xml: str, prolog: str = "") -> Path:
    content = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
               f'<office:document-content xmlns:office="{OFFICE_NS}" xmlns:table="{TABLE_NS}" xmlns:text="{TEXT_NS}">'
               f'<office:body><office:spreadsheet><table:table table:name="S">{rows_xml}</table:table>'
               f'</office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return path


def ods_row(cells: list[str], repeat: int = 1) -> str:
    inner = "".join(f'<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>'
                    for c in cells)
    return f'<table:table-row table:number-rows-repeated="{repeat}">{inner}</table:table-row>'


def xlsx_file(path: Path, rows: list[list], extra: dict | None = None, dimension: str | None = None) -> Path:
    """Write an XLSX with openpyxl; `extra` ({"XFD1048576": "x"}) adds far cells; `dimension` overwrites <dimension>."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for cells in rows:
        sheet.append(cells)
    for ref, value in (extra or {}).items():
        sheet[ref] = value
    book.save(path)
    if dimension is not None:
        rewrite(path, "xl/worksheets/sheet1.xml",
                lambda xml: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), xml))
    return path


def rewrite(path: Path, member: str, change) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts[member] = change(parts[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
          + "]>")


@pytest.fixture
def files(tmp_path):
    """The hostile files, by name, and two good ones (good.csv: 2 rows; stale.xlsx: 10 rows)."""
    made = {
        "bomb.ods": ods_file(tmp_path / "bomb.ods", ods_row(HEADER) + ods_row(row(), 2_000_000_000)),
        "xfd.xlsx": xlsx_file(tmp_path / "xfd.xlsx", [HEADER, row()], {"XFD1048576": "x"}),
        "laughs.ods": ods_file(tmp_path / "laughs.ods", ods_row(HEADER) + ods_row(row(area="&lol9;")), LAUGHS),
        "wide.csv": csv_file(tmp_path / "wide.csv", row(), row(area="K" * 200_000, year=2021)),
        "truncated.xlsx": xlsx_file(tmp_path / "truncated.xlsx", [HEADER] + [row(str(n), year=2000 + n % 20)
                                                                             for n in range(300)]),
        "inf.csv": csv_file(tmp_path / "inf.csv", row("1e400")),
        "negative.csv": csv_file(tmp_path / "negative.csv", row("-5")),
        "good.csv": csv_file(tmp_path / "good.csv", row("2450"), row("2610", year=2021)),
        "stale.xlsx": xlsx_file(tmp_path / "stale.xlsx", [HEADER] + [row(str(100 + n), year=2000 + n)
                                                                     for n in range(10)], dimension="A1:K2"),
    }
    data = made["truncated.xlsx"].read_bytes()
    made["truncated.xlsx"].write_bytes(data[: len(data) * 2 // 3])
    return made


def test_one_command_refuses_each_bad_file_by_name_and_loads_the_rest(files, tmp_path):
    db = tmp_path / "o.db"
    done = subprocess.run([sys.executable, "-m", "attrition.cli", "official", "load", *map(str, files.values()),
                           "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    errors = {name: line for name in files for line in done.stderr.splitlines() if name in line}
    assert set(errors) == set(files) - {"good.csv", "stale.xlsx"}, done.stderr
    assert "cells" in errors["bomb.ods"]
    assert "DTD" in errors["laughs.ods"]
    assert "line 3" in errors["wide.csv"] and "131,072" in errors["wide.csv"]
    assert "not a finite number" in errors["inf.csv"]
    assert "negative" in errors["negative.csv"]
    conn = sqlite3.connect(db)
    loaded = dict(conn.execute("SELECT f.path, count(o.rowid) FROM official_files f "
                               "LEFT JOIN official o ON o.file_id = f.id GROUP BY f.path"))
    conn.close()
    assert {Path(p).name: n for p, n in loaded.items()} == {"good.csv": 2, "stale.xlsx": 10}


def test_stale_dimension_reads_every_row(files):
    [sheet] = read_sheets(files["stale.xlsx"])
    assert [n for n, _ in sheet.rows] == list(range(1, 12))


def test_far_cell_is_read_without_padding_every_row(files):
    [sheet] = read_sheets(files["xfd.xlsx"])
    rows = list(sheet.rows)
    assert [n for n, _ in rows] == [1, 2, 1_048_576]
    assert len(rows[0][1]) == len(HEADER) and rows[-1][1][-1] == "x" and len(rows[-1][1]) == 16_384


def test_xlsx_with_entities_is_refused(tmp_path):
    path = xlsx_file(tmp_path / "laughs.xlsx", [HEADER, row()])
    rewrite(path, "xl/worksheets/sheet1.xml",
            lambda xml: xml.replace(b"<worksheet", LAUGHS.encode() + b"<worksheet", 1))
    with pytest.raises(TableReadError, match="DTD"):
        list(read_sheets(path))


def test_official_file_that_is_a_fifo_is_refused(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(TableReadError, match="not a regular file"):
        list(read_sheets(tmp_path / "pipe.csv"))
