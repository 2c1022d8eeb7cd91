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
from calendar import monthrange
from dataclasses import dataclass

from spacy.tokens import Doc

from attrition.extract.cues import find_offence_cues, find_stage_cues
from attrition.extract.doctext import text_of
from attrition.extract.lexicon import BARE_NOUN, CONTEXT, STRONG
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


def _cells_under(text: str, rows: list[tuple[int, str]], heads: list, found: dict, labels=None, fallback=None) -> None:
    """Give each figure in `rows` the head of its column in `found` (figure start -> head).

    The header may name the label column ("| Year | Recorded | Charged |") or leave it out
    ("| Volume | % |"): cells are aligned from the right, where the figures are. `labels`,
    when given, takes a row's label cell (start, end) and returns what it names, which a
    figure takes when its column's head is empty, before `fallback` (the caption).
    """
    for offset, row in rows:
        cells = [(a, b) for a, b in _cells(offset, row) if text[a:b].strip()]
        label = labels(*cells[0]) if labels and cells and not re.search(r"\d", text[cells[0][0]:cells[0][1]]) else None
        for (a, b), head in zip(reversed(cells), reversed(heads)):
            head = head or label or fallback
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
            # a cell's own header wins, then its row's label ("Offender has died"), then the caption
            heads = [_stage_of(doc, a, b) for a, b in _cells(header_at, header) if text[a:b].strip()]
            _cells_under(text, lines[i + 1:j], heads, found, labels=lambda a, b: _label_stage(doc, a, b), fallback=caption)
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
        elif not re.search(r"\d", header):
            caption = next((line for _, line in reversed(lines[max(0, i - 2):i]) if line.strip()), "")
            period = _label_period(caption)
            if period is not None:  # "Table 2: Rapes recorded in 2023, by outcome": a row with no period of its own
                _cells_under(text, lines[i + 1:j], [period] * len(cells), found)
    return found


def _period_of(cell: str) -> tuple[str, str, str] | None:
    """The period a header cell is, when the cell is nothing but one explicit period ("2021", "2021/22")."""
    mentions = find_period_mentions(cell)
    if len(mentions) != 1 or mentions[0].kind != "explicit" or cell.strip(" \t*") != mentions[0].text.strip():
        return None
    m = mentions[0]
    return m.period_start, m.period_end, m.text.strip()



# A table saved one cell per line, as many pages' text comes out:
#
#     Year                      Outcome                 2009-10
#     Rapes recorded            Charge/summons          2008-09
#     2020                      47                      Rapes recorded by the police
#     312                       Offender has died       884
#     2021                      4                       821
#     356                       ...                     ...
#
# Each row is a label cell (a period or a description) and the same number of value
# cells; the header, when there is one, is the run of cells above the first row.
_VALUE_CELL = re.compile(r"[<>~≈+\-−–]?\s*\d[\d,]*(?:\.\d+)?\s*(?:%|per\s*cent|pc|(?:percentage\s+)?(?:pts?|points?))?", re.I)
_SIGNED = re.compile(r"\s*[+\-−–]\s*\d")
_CHANGE_HEAD = re.compile(r"\s*(?:%\s*)?(?:change|difference|\+/-|\+/−|rise\s*/\s*fall|increase\s*/\s*decrease)\b", re.I)
_YEAR_CELL = re.compile(r"(?:19|20)\d\d")
_MAX_CELL = 90


@dataclass(frozen=True)
class Cell:
    """What a stacked table says of one value cell: its stage, the base its header names
    ("Charge rate (% of recorded rapes)"), and its period (start, end, words) if any."""

    stage: str | None
    base: str | None
    period: tuple[str, str, str] | None
    change: bool = False  # a signed value ("+4.8%") or a value under a "Change" header
    offence: str | None = None  # the offence its column's header names ("Rape" | "Sexual assault")


def _is_cell(line: str) -> bool:
    """True for a line short enough to be a table cell and not a sentence of prose."""
    s = line.strip()
    return 0 < len(s) <= _MAX_CELL and not (s.endswith((".", "?", "!")) and len(s.split()) > 4)


def _is_value(line: str) -> bool:
    s = line.strip()
    return bool(_VALUE_CELL.fullmatch(s)) and not _YEAR_CELL.fullmatch(s)


def _cell_blocks(lines: list[tuple[int, str]]):
    """Yield the runs of cell lines (blank lines inside a run are skipped) holding two or more values."""
    run: list[tuple[int, str]] = []
    for offset, line in lines + [(-1, "x" * (_MAX_CELL + 1))]:  # a last non-cell line ends the last run
        if not line.strip() and run:
            continue
        if _is_cell(line):
            run.append((offset, line))
            continue
        if sum(_is_value(l) for _, l in run) >= 2:
            yield run
        run = []


def _tables(block: list[tuple[int, str]]):
    """Yield (header cells, rows) for each table in a block: rows are (label cell, value cells),
    every row of one table with as many values; a table has two rows or more."""
    kinds = [_is_value(line) for _, line in block]
    done = 0
    while True:
        first = next((i for i in range(done, len(block) - 1) if not kinds[i] and kinds[i + 1]), None)
        if first is None:
            return
        rows, i, width = [], first, None
        while i < len(block) - 1 and not kinds[i] and kinds[i + 1]:
            j = i + 1
            while j < len(block) and kinds[j]:
                j += 1
            if width is not None and j - i - 1 != width:
                break
            width = j - i - 1
            rows.append((block[i], block[i + 1:j]))
            i = j
        if len(rows) >= 2:
            yield block[done:first], rows
        done = max(i, first + 1)


def _head_stage(doc: Doc, start: int, end: int) -> tuple[str | None, str | None]:
    """The stage a header cell names, and the base a bracket in it names ("Charge rate (% of recorded)")."""
    text = text_of(doc)
    bracket = text.find("(", start, end)
    outside = _stage_of(doc, start, bracket if bracket >= 0 else end)
    inside = _stage_of(doc, bracket, end) if bracket >= 0 else None
    return (outside or inside), (inside if outside and inside != outside else None)


_SHARE_OF = re.compile(r"\b(?:as\s+an?\s+)?(?:share|proportion|percentage)\s+of\b|%\s+of\b", re.I)


def _caption_stage(doc: Doc, start: int, end: int) -> tuple[str | None, str | None]:
    """The stage a table's caption names and the base after "as a share of" ("Rapes charged as a
    share of rapes recorded": charged, of recorded); else what `_head_stage` reads."""
    text = text_of(doc)
    m = _SHARE_OF.search(text, start, end)
    if m is None:
        return _head_stage(doc, start, end)
    stage, base = _stage_of(doc, start, m.start()), _stage_of(doc, m.end(), end)
    return (stage, base if base != stage else None) if stage else (base, None)


def _offence_of(doc: Doc, start: int, end: int) -> str | None:
    """The one offence a column header names ("Rape", "Sexual assault"), or None."""
    named = {c.label for c in find_offence_cues(doc, start, end)}
    return named.pop() if len(named) == 1 else None


def _footnote_base(doc: Doc, label: str) -> str | None:
    """The base a footnote gives a starred row label ("Rape charge/summons rate*" and "*The ... rate is
    the number of charge outcomes as a percentage of rape offences recorded": recorded), or None."""
    mark = re.search(r"[*†‡]+\s*$", label)
    if mark is None:
        return None
    text = text_of(doc)
    note = re.search(r"(?m)^[ \t]*" + re.escape(mark.group().strip()) + r"(?![*†‡])[ \t]*(?P<note>[^\n]+)", text)
    if note is None:
        return None
    share = _SHARE_OF.search(text, note.start("note"), note.end("note"))
    return _stage_of(doc, share.end(), note.end("note")) if share else None


_TOTAL_LABEL = re.compile(r"\s*(?:total|all|overall|grand\s+total|all\s+outcomes)\s*:?\s*", re.I)


def _counted_noun(doc: Doc, start: int, end: int) -> str | None:
    """The stage a header's bare noun counts ("Number of offences": recorded), if it names one."""
    cues = [c for c in find_stage_cues(doc, start, end) if c.label != "other"]
    return cues[-1].label if cues else None


def _label_stage(doc: Doc, start: int, end: int) -> str | None:
    """The stage a row's label names: its weightiest cue ("Evidential difficulties: victim does not
    support action" is withdrawn; "Caution" is other), or None for a label such as "Total"."""
    cues = [c for c in find_stage_cues(doc, start, end) if c.weight >= CONTEXT and c.weight != BARE_NOUN]
    return max(cues, key=lambda c: c.weight).label if cues else None


def stacked_cells(doc: Doc) -> dict[int, Cell]:
    """Return {char offset of a figure: Cell} for the value cells of tables saved one cell per line.

    A value takes the stage of its column's header, else of its row's label; its period
    is its column header's when that is a period, else its row label's.
    """
    text = text_of(doc)
    found: dict[int, Cell] = {}
    previous: str | None = None  # the one stage the page's table before this one counted
    for block in _cell_blocks(_lines(text)):
        for header, rows in _tables(block):
            width = len(rows[0][1])
            heads = ([None] * width + header)[-width:]  # the last header cells head the value columns
            columns = [(_head_stage(doc, h[0], h[0] + len(h[1])), _period_of(h[1])) if h else ((None, None), None)
                       for h in heads]
            counted = next((_counted_noun(doc, h[0], h[0] + len(h[1])) for h in heads if h), None)
            stages = {c[0][0] for c in columns} | {_label_stage(doc, l_at, l_at + len(label)) for (l_at, label), _ in rows}
            caption = [_caption_stage(doc, h[0], h[0] + len(h[1])) for h in header[:len(header) - width]]
            caption_stage, caption_base = next((c for c in reversed(caption) if c[0]), (None, None))
            if stages == {None} and caption_stage:
                # "Rapes charged as a share of rapes recorded, 2021" over "Force | Rate", or "Suspects
                # charged" over "| 2022 | 2023 |": the caption names what the cells count, and the base
                columns = [((caption_stage, caption_base), p) for _, p in columns]
            elif stages == {None} and previous and any(p for _, p in columns):
                # "Age of victim | 2019/20 | 2020/21" after "Number of rapes recorded" by year breaks
                # down the totals of the table before it (GUIDELINES 8)
                columns = [((previous, None), p) for _, p in columns]
            named = {c[0][0] for c in columns} - {None}
            previous = named.pop() if len(named) == 1 else (counted if not named and counted else None)
            year = next((m for _, h in header for m in find_period_mentions(h) if m.kind == "explicit"), None)
            row_stages = {_label_stage(doc, l_at, l_at + len(label)) for (l_at, label), _ in rows}
            offences = [_offence_of(doc, h[0], h[0] + len(h[1])) if h else None for h in heads]
            for (l_at, label), values in rows:
                l_stage, l_period = _label_stage(doc, l_at, l_at + len(label)), _label_period(label)
                if l_period is None and year is not None:
                    l_period = _quarter_of(label, year)  # "Q2" under "Quarterly performance 2018/19"
                if l_stage is None and _TOTAL_LABEL.fullmatch(label):
                    l_stage = counted  # "Total" under "Number of offences": all the offences the table counts
                    if l_stage is None and len(row_stages - {None, "other"}) >= 2:
                        l_stage = "recorded"  # the total of a table of outcomes: the investigations given one (GUIDELINES 9)
                l_base = _footnote_base(doc, label)
                for h, ((h_stage, h_base), h_period), offence, (v_at, value) in zip(heads, columns, offences, values):
                    m = _FIGURE.search(text, v_at, v_at + len(value))
                    if m is not None:
                        change = bool(_SIGNED.match(value) or h and _CHANGE_HEAD.match(h[1]))
                        found[m.start()] = Cell(h_stage or l_stage, None if change else h_base or l_base,
                                                None if change and not h_period else h_period or l_period, change,
                                                offence if len(set(offences) - {None}) >= 2 else None)
    return found


_QUARTER_LABEL = re.compile(r"\s*(?:Q|Quarter\s+)([1-4])\s*", re.I)


def _quarter_of(label: str, year) -> tuple[str, str, str] | None:
    """The period of a row label "Q2" (or "Quarter 2") in the year or financial year a table's
    caption names (a period mention spanning twelve months from January or April), else None."""
    q = _QUARTER_LABEL.fullmatch(label)
    if q is None or not year.period_start or not year.period_end:
        return None
    y, m = int(year.period_start[:4]), int(year.period_start[5:7])
    if m not in (1, 4) or int(year.period_end[:4]) * 12 + int(year.period_end[5:7]) - (y * 12 + m) != 11:
        return None
    first = (y * 12 + m - 1) + 3 * (int(q.group(1)) - 1)  # months since year 0, zero-based
    last = first + 2
    end_day = monthrange(last // 12, last % 12 + 1)[1]
    return (f"{first // 12:04d}-{first % 12 + 1:02d}-01", f"{last // 12:04d}-{last % 12 + 1:02d}-{end_day:02d}",
            f"{label.strip()} {year.text.strip()}")


def _label_period(cell: str) -> tuple[str, str, str] | None:
    """The one explicit period a row label names ("2019/20", "Apr–Jun 2022"), if any."""
    mentions = [m for m in find_period_mentions(cell) if m.kind == "explicit"]
    if len(mentions) != 1:
        return None
    return mentions[0].period_start, mentions[0].period_end, mentions[0].text.strip()
