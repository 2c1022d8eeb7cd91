"""Every check as one row a fact-checker can read: the claim, the verdict, what it was compared with, and why.

    rows = check_rows(conn, verdict="differs")       # dicts in CHECK_ROW_FIELDS order
    print(coverage(conn))                            # (claims compared with an official figure, all claims)
"""

from __future__ import annotations

import json
import sqlite3

CHECK_ROW_FIELDS = (
    "article", "claim_id", "value", "unit", "stage", "area", "period", "quote",
    "kind", "verdict", "official_value", "dataset", "url", "official_period", "reason", "official_notes",
)
TABLE_FIELDS = ("article", "value", "unit", "stage", "area", "kind", "verdict", "official_value", "reason")

_SQL = """
SELECT a.label AS article, c.id AS claim_id, c.value, c.unit, c.stage, c.area, c.period_start AS cs,
       c.period_end AS ce, c.quote, k.kind, k.verdict, k.official_value, k.dataset, k.url,
       k.period_start AS os, k.period_end AS oe, k.reason, k.detail
  FROM checks k JOIN claims c ON c.id = k.claim_id JOIN articles a ON a.id = c.article_id
 WHERE (:verdict IS NULL OR k.verdict = :verdict) AND (:kind IS NULL OR k.kind = :kind)
 ORDER BY a.id, c.char_start, CASE k.kind WHEN 'official' THEN 0 WHEN 'arithmetic' THEN 1
          WHEN 'funnel' THEN 2 ELSE 3 END
"""


def _period(start: str | None, end: str | None) -> str | None:
    from attrition.corpus.check.checks import period_label

    return period_label(start, end) if start and end else None


def official_notes(detail: dict) -> str | None:
    """Return the notes of the official row(s) a check used, as the publisher or gatherer wrote them."""
    notes = [o.get("notes") for o in detail.get("official", []) if o.get("notes")]
    return " | ".join(dict.fromkeys(notes)) or None


def check_rows(conn: sqlite3.Connection, verdict: str | None = None, kind: str | None = None) -> list[dict]:
    """Return one dict per stored check (filtered by verdict and kind), with its claim and its reason."""
    rows = []
    for r in conn.execute(_SQL, {"verdict": verdict, "kind": kind}):
        detail = json.loads(r["detail"] or "{}")
        rows.append({
            "article": r["article"], "claim_id": r["claim_id"], "value": r["value"], "unit": r["unit"],
            "stage": r["stage"], "area": r["area"], "period": _period(r["cs"], r["ce"]), "quote": r["quote"],
            "kind": r["kind"], "verdict": r["verdict"], "official_value": r["official_value"],
            "dataset": r["dataset"], "url": r["url"], "official_period": _period(r["os"], r["oe"]),
            "reason": r["reason"], "official_notes": official_notes(detail),
        })
    return rows


def coverage(conn: sqlite3.Connection) -> tuple[int, int]:
    """Return (claims compared with an official figure, all claims): agrees (with any release), differs or a revision."""
    compared = conn.execute(
        "SELECT count(DISTINCT claim_id) FROM checks WHERE kind = 'official'"
        " AND (verdict IN ('agrees', 'agrees_with_earlier', 'differs')"
        " OR json_extract(detail, '$.revised'))").fetchone()[0]
    return compared, conn.execute("SELECT count(*) FROM claims").fetchone()[0]
