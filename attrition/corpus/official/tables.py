"""Read the rows of a spreadsheet-like file: CSV, OpenDocument (.ods) or Excel (.xlsx).

Every cell comes back as a string (numbers without a spurious `.0`), every row
with the line or row number a person would look up in the file, so a loader can
say "file.ods, sheet 2024_25, row 107: ...".

    for sheet in read_sheets("prc-pfa-tables.ods"):
        for number, cells in sheet.rows:
            ...

Hostile files cannot hang or exhaust a reader: only regular files are read; a
file expanding past MAX_ROWS rows or MAX_CELLS cells (an ODS with
number-rows-repeated="2000000000", an XLSX cell at XFD1048576, a zip bomb) is
refused; XML with a DTD (entity expansion, "billion laughs") is refused; a CSV
field over MAX_FIELD_BYTES, a truncated archive or any error while streaming the
rows is a TableReadError naming the file, never a traceback. XLSX rows are
read as the sheet holds them, whatever its (possibly stale) <dimension> says.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from xml.etree.ElementTree import iterparse

from attrition.corpus.read.readers import file_kind
from attrition.errors import AttritionError

TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

# A sheet "repeats" empty trailing cells/rows up to the sheet's size (16,384 columns,
# a million rows); expanding those would cost memory for nothing.
_MAX_EMPTY_REPEAT = 1000

MAX_ROWS = 1_048_576        # a spreadsheet's own limit of rows per sheet
MAX_CELLS = 20_000_000      # cells (empty ones included) expanded from one file, all sheets together
MAX_COLUMNS = 16_384        # a spreadsheet's own limit of columns
MAX_FIELD_BYTES = 131_072   # the longest CSV field accepted (the csv module's default limit)


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
    extension, anything but a regular file, a file that cannot be opened as its
    kind, and (while its rows are read) a file that is malformed, truncated,
    holds a DTD, or expands past MAX_ROWS rows or MAX_CELLS cells.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".txt", ".ods", ".xlsx", ".xlsm"):
        raise TableReadError(f"{path}: cannot read '{suffix}' files (expected .csv, .ods or .xlsx)")
    require_regular_file(path)
    budget = _Budget(path)
    if suffix in (".csv", ".txt"):
        yield Sheet(None, _guarded(path, _csv_rows(path, budget)))
    elif suffix == ".ods":
        yield from _ods_sheets(path, budget)
    else:
        for sheet in _xlsx_sheets(path, budget):
            yield Sheet(sheet.name, _guarded(path, sheet.rows))


def require_regular_file(path: str | Path) -> None:
    """Raise TableReadError naming `path` unless it is a regular file (a FIFO or device would block or never end).

    Follows symlinks: a link to /dev/zero is refused as a character device.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise TableReadError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(mode):
        raise TableReadError(f"{path}: is {file_kind(mode)}, not a regular file: refused")


class _Budget:
    """The cells one file may expand to: raises TableReadError past MAX_CELLS or a sheet's MAX_ROWS."""

    def __init__(self, path: Path):
        self.path, self.cells = path, 0

    def spend(self, cells: int, row: int) -> None:
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise TableReadError(f"{self.path}: expands to over {MAX_CELLS:,} cells: refused "
                                 f"(a spreadsheet bomb, or too big to check)")
        if row > MAX_ROWS:
            raise TableReadError(f"{self.path}: over {MAX_ROWS:,} rows in one sheet: refused")


def _guarded(path: Path, rows: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    """Yield `rows`, turning any error a reader raises on a broken file into a TableReadError naming it."""
    try:
        yield from rows
    except TableReadError:
        raise
    except MemoryError as exc:
        raise TableReadError(f"{path}: too big to read") from exc
    except Exception as exc:  # truncated archives, bad XML, csv.Error: the file's fault, named
        raise TableReadError(f"{path}: cannot read its rows ({type(exc).__name__}: {exc})") from exc


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


def _csv_rows(path: Path, budget: _Budget) -> Iterator[tuple[int, list[str]]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise TableReadError(f"{path}, line {reader.line_num}: not readable as CSV ({exc}; "
                                         f"the longest field accepted is {MAX_FIELD_BYTES:,} bytes)") from exc
                budget.spend(len(cells), 1)
                # line_num is the physical line the record ended on: right for one-line records.
                yield reader.line_num, [c.strip() for c in cells]
    except UnicodeDecodeError as exc:
        raise TableReadError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")


def _refuse_dtd(path: Path, head: bytes, member: str) -> None:
    """Refuse XML that declares a DTD: no spreadsheet needs one, and entities can explode."""
    if any(marker in head for marker in _DTD_MARKERS):
        raise TableReadError(f"{path}: {member} declares a DTD or entities: refused (possible entity-expansion bomb)")


def _ods_cell_value(cell) -> str:
    kind = cell.get(f"{{{OFFICE_NS}}}value-type")
    if kind in ("float", "percentage", "currency"):
        return cell_text(float(cell.get(f"{{{OFFICE_NS}}}value")))
    if kind == "date":
        return (cell.get(f"{{{OFFICE_NS}}}date-value") or "")[:10]
    paragraphs = ["".join(p.itertext()) for p in cell.iter(f"{{{TEXT_NS}}}p")]
    return "\n".join(paragraphs).strip()


def _ods_sheets(path: Path, budget: _Budget) -> Iterator[Sheet]:
    """Yield one Sheet per table of an ODS file, streaming content.xml (no third-party reader)."""
    try:
        archive = zipfile.ZipFile(path)
        with archive.open("content.xml") as probe:
            _refuse_dtd(path, probe.read(65536), "content.xml")
        content = archive.open("content.xml")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, zlib_error()) as exc:
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
                    if len(cells) + repeat > MAX_COLUMNS:
                        raise TableReadError(f"{path}: a row of over {MAX_COLUMNS:,} columns: refused")
                    cells.extend([value] * repeat)
                else:
                    cells.append("")
                elem.clear()
            elif elem.tag == row_tag:
                while cells and not cells[-1]:
                    cells.pop()
                repeat = int(elem.get(repeat_rows, "1"))
                if cells:
                    budget.spend(len(cells) * repeat, number + repeat)
                    for _ in range(repeat):
                        number += 1
                        rows.append((number, list(cells)))
                else:
                    number += repeat
                elem.clear()
            elif elem.tag == table_tag:
                sheets.append(Sheet(name, iter(rows)))
                elem.clear()
    except TableReadError:
        raise
    except Exception as exc:  # a corrupt XML stream raises ParseError; report it as the file's fault
        raise TableReadError(f"{path}: cannot parse OpenDocument content ({exc})") from exc
    yield from sheets


def zlib_error() -> type:
    """The exception a corrupt deflate stream inside a zip archive raises."""
    import zlib

    return zlib.error


def _xlsx_sheets(path: Path, budget: _Budget) -> Iterator[Sheet]:
    """Yield one Sheet per worksheet of an XLSX file (openpyxl, read-only streaming).

    Every worksheet's XML is checked for a DTD first; each sheet's rows are
    read as stored, not padded to its declared <dimension> (which may be stale
    or claim XFD1048576), and count against the file's cell budget.
    """
    import openpyxl

    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if member.endswith((".xml", ".rels")):
                    with archive.open(member) as probe:
                        _refuse_dtd(path, probe.read(65536), member)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except TableReadError:
        raise
    except Exception as exc:  # openpyxl raises several unrelated types for a bad file
        raise TableReadError(f"{path}: not a readable Excel workbook ({exc})") from exc

    def rows(sheet) -> Iterator[tuple[int, list[str]]]:
        sheet.reset_dimensions()  # read every row there is; pad none to the declared size
        number = 0
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            budget.spend(len(values) + 1, number)
            cells = [cell_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                yield number, cells

    for sheet in book.worksheets:
        yield Sheet(sheet.title, rows(sheet))
