"""Hand-checked claims: load claims in the GOLD.md form in place of an article's extracted ones.

    report = import_claims(conn, "corrections.jsonl")     # report.articles, .claims, .errors

Each line names its article by label and carries its quote; the quote is found
in the article's stored text, the figure inside the quote (by its value), and
the claim gets the same kind of id the extractor's claims get. An article's
extracted claims are replaced by its hand-checked ones in one transaction, and
`hand_checked_claims` marks them, so re-extraction leaves them alone (see
`hand_checked_ids` and `articles.write_article`). A line naming an unknown
article, a quote not in the text, or a field out of range is an error naming
the file and line; the other lines still go in.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from attrition.corpus.read.article import now_iso
from attrition.corpus.store.articles import CLAIM_COLUMNS, claim_id
from attrition.corpus.store.connection import database, transaction
from attrition.errors import AttritionError
from attrition.extract.claim import OFFENCES, STAGES, UNITS
from attrition.extract.numbers import find_figures

HAND_CHECKED_VERSION = "hand-checked"
REQUIRED = ("article", "quote", "value", "unit", "stage", "offence")


class HandCheckedError(AttritionError):
    """A claims file that cannot be read at all (missing, not UTF-8)."""


@dataclass
class ImportReport:
    """What an import did: articles whose claims were replaced, claims written, errors by line."""

    articles: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Return the one-line account of the import."""
        return (f"{self.claims} hand-checked claims for {self.articles} articles, "
                f"{len(self.errors)} lines refused")


def _figure_span(quote: str, value: float, unit: str) -> tuple[int, int, str | None]:
    """Return (start, end, comparator) of the figure in `quote` that states `value`, else the whole quote."""
    figures = find_figures(quote)
    for same_unit in (True, False):
        for figure in figures:
            if same_unit and figure.unit != unit:
                continue
            if abs(figure.value - value) <= (0.05 if unit != "count" else 1e-9):
                return figure.start, figure.end, _hedge_words(quote, figure.start)
    return 0, len(quote), None


def _hedge_words(quote: str, start: int) -> str | None:
    """Return the hedge written just before the figure (`more than`, `nearly`), as written, or None."""
    from attrition.extract.numbers import COMPARATORS

    before = " ".join(quote[max(0, start - 25):start].lower().split())
    for phrase in sorted(COMPARATORS, key=len, reverse=True):
        if before.endswith(phrase) and (len(before) == len(phrase) or before[-len(phrase) - 1] == " "):
            return phrase
    return None


def _parse_line(text: str) -> dict:
    """Return one line's claim as a dict, or raise ValueError saying what is wrong with it."""
    try:
        row = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"not JSON ({e.msg})") from None
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    missing = [name for name in REQUIRED if row.get(name) in (None, "")]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    for name, allowed in (("unit", UNITS), ("stage", STAGES), ("offence", OFFENCES)):
        if row[name] not in allowed:
            raise ValueError(f"{name} {row[name]!r} is not one of {', '.join(allowed)}")
    if row.get("of_stage") not in (None, *STAGES):
        raise ValueError(f"of_stage {row['of_stage']!r} is not a stage")
    if not isinstance(row["value"], (int, float)) or isinstance(row["value"], bool):
        raise ValueError(f"value {row['value']!r} is not a number")
    return row


def read_claims_file(path: str | Path) -> tuple[list[tuple[int, dict]], list[str]]:
    """Return ([(line number, claim dict)], [error messages]) for a GOLD.md-form JSONL file.

    Raises HandCheckedError when the file cannot be read at all.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise HandCheckedError(f"{path}: cannot read ({getattr(e, 'strerror', None) or e})") from None
    rows, errors = [], []
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            rows.append((number, _parse_line(text)))
        except ValueError as e:
            errors.append(f"{path}, line {number}: {e}")
    return rows, errors


def _claim_row(line: dict, article: sqlite3.Row, seen: dict) -> dict:
    """Return the claims-table row for one hand-checked claim of `article` (raise ValueError if the quote is not in it)."""
    text, quote = article["text"], line["quote"]
    quote_start = text.find(quote)
    if quote_start < 0:
        raise ValueError(f"quote not found in the text of article {article['label']!r}: {quote[:60]!r}")
    start, end, comparator = _figure_span(quote, float(line["value"]), line["unit"])
    char_start, char_end = quote_start + start, quote_start + end
    span = (char_start, char_end)
    occurrence = seen.get(span, 0)
    seen[span] = occurrence + 1
    value = float(line["value"])
    row = {
        "id": claim_id(article["content_hash"], char_start, char_end, occurrence),
        "article_id": article["id"], "value": int(value) if value.is_integer() else value,
        "quote": quote, "quote_start": quote_start, "char_start": char_start, "char_end": char_end,
        "comparator": line.get("comparator", comparator), "change": int(bool(line.get("change"))),
        "area_inherited": 0, "period_inherited": 0, "source_inherited": 0, "confidence": 1.0,
        "extractor_version": HAND_CHECKED_VERSION,
    }
    for name in ("unit", "stage", "of_stage", "offence", "area", "period_start", "period_end",
                 "period_text", "source", "speaker"):
        row[name] = line.get(name)
    return {name: row.get(name) for name in CLAIM_COLUMNS}


def import_claims(conn: sqlite3.Connection, path: str | Path) -> ImportReport:
    """Replace the claims of each article named in a GOLD.md-form JSONL file with the file's claims.

    Takes an open connection and the file. Articles are found by label (the
    most recently stored one when two share a label). An article's lines all go
    in or, if one of them is bad, none do (the article keeps its claims); the
    errors name the file and line. Returns an ImportReport.
    """
    report = ImportReport()
    rows, report.errors = read_claims_file(path)
    by_article: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for number, line in rows:
        by_article[str(line["article"])].append((number, line))
    stamp = now_iso()
    for label, lines in by_article.items():
        article = conn.execute("SELECT id, label, text, content_hash FROM articles WHERE label = ?"
                               " ORDER BY id DESC LIMIT 1", (label,)).fetchone()
        if article is None:
            report.errors.extend(f"{path}, line {n}: unknown article {label!r}" for n, _ in lines)
            continue
        seen: dict = {}
        claim_rows, bad = [], []
        for number, line in lines:
            try:
                claim_rows.append((number, _claim_row(line, article, seen)))
            except ValueError as e:
                bad.append(f"{path}, line {number}: {e}")
        if bad:
            report.errors.extend(bad)
            continue
        with transaction(conn):
            conn.execute("DELETE FROM claims WHERE article_id = ?", (article["id"],))
            db = database(conn)
            db["claims"].insert_all([r for _, r in claim_rows])
            db["hand_checked_claims"].insert_all(
                ({"claim_id": r["id"], "file": str(path), "line": n, "imported_at": stamp}
                 for n, r in claim_rows), replace=True)
        report.articles += 1
        report.claims += len(claim_rows)
    return report


def hand_checked_ids(conn: sqlite3.Connection, article_id: int) -> set[str]:
    """Return the ids of an article's claims that were checked by hand (kept through re-extraction)."""
    return {row[0] for row in conn.execute(
        "SELECT h.claim_id FROM hand_checked_claims h JOIN claims c ON c.id = h.claim_id"
        " WHERE c.article_id = ?", (article_id,))}
