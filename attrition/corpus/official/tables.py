"""Read the rows of a spreadsheet-like file: CSV, OpenDocument (.ods) or Excel (.xlsx).

Every cell comes back as a string (numbers without a spurious `.0`), every row
with the line or row number a person would look up in the file, so a loader can
say "file.ods, sheet 2024_25, row 107: ...".

    for sheet in read_sheets("prc-pfa-tables.ods"):
        for number, cells in sheet.rows:
            ...
"""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from xml.etree.ElementTree import iterparse

from attrition.errors import AttritionError

TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

# A sheet "repeats" empty trailing cells/rows up to the sheet's size (16,384 columns,
# a million rows); expanding those would cost memory for nothing.
_MAX_EMPTY_REPEAT = 1000


class TableReadError(AttritionError):
    """A file that cannot be read as a table (not CSV/ODS/XLSX, corrupt archive, bad encoding)."""


@dataclass
class Sheet:
    """One table in a file: `name` is the sheet name (None for CSV); `rows` yields (number, cells)."""

    name: str | None
    rows: Iterator[tuple[int, list[str]]]


def read_sheets(path: str | Path) -> Iterator[Sheet]:
    """Yield the sheets of a CSV, ODS or XLSX file, chosen by extension.

    Takes a path; yields Sheet objects whose rows are (1-based line or row
    number, list of cell strings). Raises TableReadError for an unsupported
    extension or a file that cannot be opened as its kind.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        yield Sheet(None, _csv_rows(path))
    elif suffix == ".ods":
        yield from _ods_sheets(path)
    elif suffix in (".xlsx", ".xlsm"):
        yield from _xlsx_sheets(path)
    else:
        raise TableReadError(f"{path}: cannot read '{suffix}' files (expected .csv, .ods or .xlsx)")


def cell_text(value: object) -> str:
    """Return a spreadsheet cell value as text: None -> '', 3.0 -> '3', dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    return str(value).strip()


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            for cells in reader:
                # line_num is the physical line the record ended on: right for one-line records.
                yield reader.line_num, [c.strip() for c in cells]
    except UnicodeDecodeError as exc:
        raise TableReadError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _ods_cell_value(cell) -> str:
    kind = cell.get(f"{{{OFFICE_NS}}}value-type")
    if kind in ("float", "percentage", "currency"):
        return cell_text(float(cell.get(f"{{{OFFICE_NS}}}value")))
    if kind == "date":
        return (cell.get(f"{{{OFFICE_NS}}}date-value") or "")[:10]
    paragraphs = ["".join(p.itertext()) for p in cell.iter(f"{{{TEXT_NS}}}p")]
    return "\n".join(paragraphs).strip()


def _ods_sheets(path: Path) -> Iterator[Sheet]:
    """Yield one Sheet per table of an ODS file, streaming content.xml (no third-party reader)."""
    try:
        archive = zipfile.ZipFile(path)
        content = archive.open("content.xml")
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise TableReadError(f"{path}: not a readable OpenDocument spreadsheet ({exc})") from exc

    table_tag, row_tag = f"{{{TABLE_NS}}}table", f"{{{TABLE_NS}}}table-row"
    cell_tags = (f"{{{TABLE_NS}}}table-cell", f"{{{TABLE_NS}}}covered-table-cell")
    repeat_cols, repeat_rows = f"{{{TABLE_NS}}}number-columns-repeated", f"{{{TABLE_NS}}}number-rows-repeated"

    # Sheets are collected whole (rows as lists) because iterparse cannot be shared
    # between lazily consumed generators; an ODS sheet of ~70k rows is a few MB.
    sheets: list[Sheet] = []
    rows: list[tuple[int, list[str]]] = []
    name, number, cells = None, 0, []
    try:
        for event, elem in iterparse(content, events=("start", "end")):
            if event == "start":
                if elem.tag == table_tag:
                    name, number, rows = elem.get(f"{{{TABLE_NS}}}name"), 0, []
                elif elem.tag == row_tag:
                    cells = []
                continue
            if elem.tag in cell_tags:
                value = _ods_cell_value(elem)
                repeat = int(elem.get(repeat_cols, "1"))
                if value or repeat <= _MAX_EMPTY_REPEAT:
                    cells.extend([value] * repeat)
                else:
                    cells.append("")
                elem.clear()
            elif elem.tag == row_tag:
                while cells and not cells[-1]:
                    cells.pop()
                repeat = int(elem.get(repeat_rows, "1"))
                for _ in range(repeat if cells else 0):
                    number += 1
                    rows.append((number, list(cells)))
                if not cells:
                    number += repeat
                elem.clear()
            elif elem.tag == table_tag:
                sheets.append(Sheet(name, iter(rows)))
                elem.clear()
    except Exception as exc:  # a corrupt XML stream raises ParseError; report it as the file's fault
        raise TableReadError(f"{path}: cannot parse OpenDocument content ({exc})") from exc
    yield from sheets


def _xlsx_sheets(path: Path) -> Iterator[Sheet]:
    """Yield one Sheet per worksheet of an XLSX file (openpyxl, read-only streaming)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a bad file
        raise TableReadError(f"{path}: not a readable Excel workbook ({exc})") from exc

    def rows(sheet) -> Iterator[tuple[int, list[str]]]:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                yield number, cells

    for sheet in book.worksheets:
        yield Sheet(sheet.title, rows(sheet))
