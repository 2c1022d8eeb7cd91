"""Flattened tables: the stage (or period) a column's header, or the table's caption, gives the figures under it.

A pipe table as text extraction leaves it,

    Suspects charged, by year:
    | Number | % | Files referred |
    2020 - 21 | 2,910 | 38.5% | 7,560 |

names the stage once, in the header or the line above it; each figure in a row
takes its column's. Cells split at pipes, or at tabs (a table copied from a page
into a text file). `column_stages(doc)` returns {figure start: stage} for the
figures of such rows; `column_periods(doc)` does the same for a header of
periods (`| Outcome | 2021 | 2022 |`). The stage words are read from the parse
(they are lemmas); the layout is read from the text.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from attrition.extract.cues import find_stage_cues
from attrition.extract.doctext import text_of
from attrition.extract.lexicon import STRONG
from attrition.extract.periods import find_period_mentions

_FIGURE = re.compile(r"\d[\d,.]*")
_CELL_BREAK = re.compile(r"\||(?<=\S)\t+(?=\S)")


def is_row(line: str) -> bool:
    """True when a line is a row of a flattened table: cells split by pipes or by tabs between words."""
    return "|" in line or bool(re.search(r"\S\t+\S", line))


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _stage_of(doc: Doc, start: int, end: int) -> str | None:
    """The funnel stage a header cell or caption at text[start:end] names, if any (the last strong one)."""
    strong = [c.label for c in find_stage_cues(doc, start, end) if c.label != "other" and c.weight >= STRONG]
    return strong[-1] if strong else None


def _cells(offset: int, line: str) -> list[tuple[int, int]]:
    """Character spans of the cells of a row (a leading pipe opens an empty label cell)."""
    spans, start = [], 0
    for m in _CELL_BREAK.finditer(line):
        spans.append((offset + start, offset + m.start()))
        start = m.end()
    spans.append((offset + start, offset + len(line)))
    return spans


def _blocks(lines: list[tuple[int, str]]):
    """Yield (i, j) for each run lines[i:j] of two or more table rows."""
    i = 0
    while i < len(lines):
        if not is_row(lines[i][1]):
            i += 1
            continue
        j = i
        while j < len(lines) and is_row(lines[j][1]):
            j += 1
        if j - i >= 2:
            yield i, j
        i = j


def _cells_under(text: str, rows: list[tuple[int, str]], heads: list, found: dict) -> None:
    """Give each figure in `rows` the head of its column in `found` (figure start -> head).

    The header may name the label column ("| Year | Recorded | Charged |") or leave it out
    ("| Volume | % |"): cells are aligned from the right, where the figures are.
    """
    for offset, row in rows:
        cells = [(a, b) for a, b in _cells(offset, row) if text[a:b].strip()]
        for (a, b), head in zip(reversed(cells), reversed(heads)):
            if head:
                for m in _FIGURE.finditer(text, a, b):
                    found[m.start()] = head


def column_stages(doc: Doc) -> dict[int, str]:
    """Return {char offset of a figure: stage} for figures in table rows under a header.

    The header is the block's first row when it holds no digits; a header cell
    that names no stage takes the stage of the caption, the last line above the
    block that names one (within two lines).
    """
    text = text_of(doc)
    lines = _lines(text)
    found: dict[int, str] = {}
    for i, j in _blocks(lines):
        header_at, header = lines[i]
        if not re.search(r"\d", header):
            caption = next((_stage_of(doc, at, at + len(line)) for at, line in reversed(lines[max(0, i - 2):i]) if line.strip()), None)
            heads = [_stage_of(doc, a, b) or caption for a, b in _cells(header_at, header) if text[a:b].strip()]
            _cells_under(text, lines[i + 1:j], heads, found)
    return found


def column_periods(doc: Doc) -> dict[int, tuple[str, str, str]]:
    """Return {char offset of a figure: (period start, period end, header words)} for figures in
    table rows under a header whose cells are periods ("| Outcome | 2021 | 2022 |").

    The header is the block's first row when every cell that holds digits is one period.
    """
    text = text_of(doc)
    lines = _lines(text)
    found: dict[int, tuple[str, str, str]] = {}
    for i, j in _blocks(lines):
        header_at, header = lines[i]
        cells = [(a, b) for a, b in _cells(header_at, header) if text[a:b].strip()]
        heads = [_period_of(text[a:b]) for a, b in cells]
        if any(heads) and all(h or not re.search(r"\d", text[a:b]) for h, (a, b) in zip(heads, cells)):
            _cells_under(text, lines[i + 1:j], heads, found)
    return found


def _period_of(cell: str) -> tuple[str, str, str] | None:
    """The period a header cell is, when the cell is nothing but one explicit period ("2021", "2021/22")."""
    mentions = find_period_mentions(cell)
    if len(mentions) != 1 or mentions[0].kind != "explicit" or cell.strip(" \t*") != mentions[0].text.strip():
        return None
    m = mentions[0]
    return m.period_start, m.period_end, m.text.strip()

