"""Claims out: GOLD.md rows, and writers for jsonl, json, csv and a plain-text table."""

from __future__ import annotations

import csv
import json
from typing import IO, Iterable, Sequence

from attrition.extract.claim import GOLD_FIELDS

FORMATS = ("table", "csv", "json", "jsonl")

# Fields `attrition extract` writes: exactly GOLD.md's, then where the figure sits.
EXTRACT_FIELDS = GOLD_FIELDS + ("char_start", "char_end")

# Columns the `table` format shows for stored claims: the figure, what it is of, and the article to cite.
TABLE_FIELDS = ("id", "figure", "stage", "offence", "area", "period", "source", "speaker",
                "article_title", "publisher", "published", "article_url")

# A claim's `comparator` (the hedge the text put on its figure) as words before the value.
COMPARATOR_WORDS = {"more_than": "more than", "at_least": "at least", "nearly": "nearly",
                    "less_than": "fewer than", "about": "about", "at_most": "up to"}

MAX_CELL = 28


def gold_row(claim, article: str) -> dict:
    """Return a Claim as the dict `attrition extract` writes: GOLD.md fields, then char offsets."""
    row = claim.to_gold(article)
    row["char_start"] = claim.char_start
    row["char_end"] = claim.char_end
    return row


def figure_label(row: dict) -> str:
    """Return a claim's figure as a person reads it: hedge, value and unit ("fewer than 20%", "612").

    Counts print as integers; `percent` gets %, `per_100k` "per 100,000"; an
    unknown comparator is shown as it is stored rather than dropped.
    """
    value = row.get("value")
    if value is None:
        return ""
    number = f"{int(value)}" if float(value).is_integer() else f"{value:g}"
    unit = row.get("unit")
    text = number + ("%" if unit == "percent" else " per 100,000" if unit == "per_100k" else "")
    if row.get("of_stage"):
        text += f" of {row['of_stage']}"
    comparator = row.get("comparator")
    if comparator:
        text = f"{COMPARATOR_WORDS.get(comparator, comparator.replace('_', ' '))} {text}"
    return text


def sentence_lead(before: str, quote: str) -> str:
    """Return the words of the quote's own sentence (or line) that come before it in `before`.

    `before` is the article text just before the quote. Empty when the quote
    already starts its sentence or line.
    """
    from attrition.corpus.store.show import sentence_bounds

    text = before + quote
    first, _ = sentence_bounds(text, len(before), len(text))
    return text[first:len(before)] if first < len(before) else ""


def period_label(row: dict) -> str:
    """Return a claim's period as `START..END` (empty when it has none)."""
    start, end = row.get("period_start"), row.get("period_end")
    if not start and not end:
        return ""
    return f"{start or '?'}..{end or '?'}"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"


def format_table(rows: Sequence[dict], columns: Sequence[str]) -> str:
    """Return `rows` as an aligned plain-text table of `columns` (long cells cut short).

    A `period` column is computed from period_start/period_end.
    """
    cells = [[_cell(period_label(row) if col == "period" else row.get(col)) for col in columns]
             for row in rows]
    widths = [max([len(col)] + [len(line[i]) for line in cells]) for i, col in enumerate(columns)]
    lines = ["  ".join(col.ljust(w) for col, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in cells]
    return "\n".join(lines)


def write_rows(rows: Iterable[dict], fmt: str, out: IO[str],
               columns: Sequence[str] | None = None, table_columns: Sequence[str] = TABLE_FIELDS,
               headers: bool = True) -> int:
    """Write `rows` to `out` in `fmt` (table, csv, json or jsonl); return how many were written.

    `columns` picks and orders the fields for csv/json/jsonl (default: all, in
    the first row's order); the table shows `table_columns`. jsonl streams one
    row per line as it goes. `headers=False` leaves out the csv header row and
    the table's two heading lines.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "jsonl":
        n = 0
        for row in rows:
            out.write(json.dumps(_pick(row, columns), ensure_ascii=False) + "\n")
            n += 1
        return n
    rows = list(rows)
    if fmt == "json":
        json.dump([_pick(row, columns) for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        names = list(columns or (rows[0].keys() if rows else EXTRACT_FIELDS))
        writer = csv.DictWriter(out, fieldnames=names, extrasaction="ignore", lineterminator="\n")
        if headers:
            writer.writeheader()
        writer.writerows(rows)
    else:
        lines = format_table(rows, table_columns).split("\n")
        body = lines if headers else lines[2:]
        if body:
            out.write("\n".join(body) + "\n")
    return len(rows)


def _pick(row: dict, columns: Sequence[str] | None) -> dict:
    return dict(row) if columns is None else {name: row.get(name) for name in columns}
