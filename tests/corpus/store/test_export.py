"""Exports: GOLD.md rows for `extract`, and the csv/json/jsonl/table writers."""

import csv
import io
import json

from attrition.corpus.store.export import EXTRACT_FIELDS, format_table, gold_row, write_rows
from attrition.extract import GOLD_FIELDS, Claim


def claim(**kw):
    base = dict(value=1204.0, unit="count", stage="recorded", quote="recorded 1,204 rapes",
                char_start=9, char_end=14, quote_start=0, area="Kent")
    base.update(kw)
    return Claim(**base)


def test_gold_row_has_exactly_gold_fields_in_order_then_offsets():
    row = gold_row(claim(comparator="more than", confidence=0.5), "000_abc")
    assert list(row) == list(GOLD_FIELDS) + ["char_start", "char_end"]
    assert row["article"] == "000_abc" and row["value"] == 1204 and isinstance(row["value"], int)
    assert EXTRACT_FIELDS == tuple(row)


def test_jsonl_and_json_and_csv_round_trip():
    rows = [gold_row(claim(), "a"), gold_row(claim(value=3.3, unit="percent"), "b")]
    out = io.StringIO()
    assert write_rows(iter(rows), "jsonl", out, columns=EXTRACT_FIELDS) == 2
    assert [json.loads(line)["value"] for line in out.getvalue().splitlines()] == [1204, 3.3]
    out = io.StringIO()
    write_rows(rows, "json", out)
    assert json.loads(out.getvalue())[1]["article"] == "b"
    out = io.StringIO()
    write_rows(rows, "csv", out, columns=EXTRACT_FIELDS)
    parsed = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert parsed[0]["area"] == "Kent" and parsed[1]["unit"] == "percent"


def test_csv_with_no_rows_still_writes_the_header():
    out = io.StringIO()
    write_rows([], "csv", out, columns=("id", "value"))
    assert out.getvalue() == "id,value\n"


def test_table_aligns_columns_and_cuts_long_cells():
    rows = [{"id": "x", "value": 1, "source": "A very long organisation name that goes on and on",
             "period_start": "2022-01-01", "period_end": "2022-12-31"}]
    lines = format_table(rows, ("id", "value", "period", "source")).splitlines()
    assert lines[0].split() == ["id", "value", "period", "source"]
    assert "2022-01-01..2022-12-31" in lines[2]
    assert lines[2].endswith("…") and len(lines[2]) < 80
