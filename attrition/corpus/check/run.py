"""Run the cross-checks over a database: read claims and official figures, write `checks`.

    report = run_checks(conn)          # only claims new or changed since the last run
    report = run_checks(conn, full=True)

Incremental: `checked_claims` remembers a fingerprint of each claim's checked
fields and the official data generation (the newest `official_files` id) it was
checked against. A run redoes
- the official check of claims that are new, changed, or checked before the last
  official load;
- the arithmetic, funnel and across-article checks of every claim in an article
  with a new or changed claim, every claim sharing a quantity (`across_key`) with
  one, and every claim whose stored checks cite a changed or deleted claim.
Everything is written in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter, defaultdict
from contextlib import nullcontext
from dataclasses import dataclass, field, fields

from attrition.corpus.check.checks import (
    Check, ClaimRecord, across_key, check_across, check_arithmetic, check_funnel, check_official,
)
from attrition.corpus.check.subgroups import check_subgroups
from attrition.corpus.official.layouts import OfficialFigure
from attrition.corpus.official.load import figure_from_row
from attrition.corpus.read.article import now_iso
from attrition.corpus.store.connection import database, transaction

_CHECK_COLUMNS = [f.name for f in fields(Check)]

# `around`: the text just around the quote, for the sentence a claim's population words may sit in.
_CLAIMS_SQL = """
SELECT c.id, c.article_id, c.value, c.unit, c.stage, c.of_stage, c.offence, c.area, c.period_start,
       c.period_end, c.change, c.comparator, c.quote, c.quote_start, c.char_start, c.char_end, c.source,
       substr(a.text, max(1, c.quote_start + 1 - 300), length(c.quote) + 600) AS around,
       max(0, c.quote_start - 300) AS around_start,
       (a.text LIKE '%violence against women%' OR a.text LIKE '%VAWG%') AS vawg_article
  FROM claims c JOIN articles a ON a.id = c.article_id
"""

# Official rows the checks can use: everything but offences outside sexual offences.
_OFFICIAL_FOR_AREA_SQL = "SELECT * FROM official WHERE area = ? AND offence != 'other'"


@dataclass
class CheckReport:
    """What a run did: claims (re)checked, check rows written, and the verdicts written by kind."""

    claims: int = 0
    official_rechecked: int = 0
    other_rechecked: int = 0
    written: int = 0
    verdicts: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        """Return a one-paragraph account for a person."""
        if not self.written and not self.official_rechecked and not self.other_rechecked:
            return f"{self.claims} claims, nothing new to check"
        parts = [f"{kind} {verdict}: {n}" for (kind, verdict), n in sorted(self.verdicts.items())]
        return (f"{self.claims} claims; rechecked {self.official_rechecked} against official data and "
                f"{self.other_rechecked} against other claims; {self.written} checks written"
                + ("\n  " + "\n  ".join(parts) if parts else ""))


def record_from_row(row) -> ClaimRecord:
    """Return a ClaimRecord from a claims row (needs quote, quote_start, char_start, char_end)."""
    offset = row["char_start"] - row["quote_start"]
    figure_text = row["quote"][offset:offset + row["char_end"] - row["char_start"]] or None
    return ClaimRecord(
        id=row["id"], article_id=row["article_id"], value=row["value"], unit=row["unit"],
        stage=row["stage"], offence=row["offence"], quote=row["quote"], of_stage=row["of_stage"],
        area=row["area"], period_start=row["period_start"], period_end=row["period_end"],
        change=bool(row["change"]), comparator=row["comparator"], figure_text=figure_text,
        source=row["source"], sentence=_sentence(row),
        vawg_article=bool(row["vawg_article"]) if "vawg_article" in row.keys() else False,
    )


def _sentence(row) -> str | None:
    """Return the sentence holding a claim's quote, from the text around it (None without it)."""
    keys = row.keys() if hasattr(row, "keys") else ()
    if "around" not in keys or row["around"] is None:
        return None
    text, start = row["around"], row["quote_start"] - row["around_start"]
    end = start + len(row["quote"])
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return text[left + 1:min(right) + 1 if right else len(text)].strip()


def fingerprint(claim: ClaimRecord) -> str:
    """Return a digest of every claim field a check reads (a changed digest means: check again)."""
    payload = json.dumps([getattr(claim, f.name) for f in fields(ClaimRecord)], default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def official_generation(conn: sqlite3.Connection) -> int:
    """Return the id of the newest official file loaded (0 when none): checks older than it are stale."""
    return conn.execute("SELECT coalesce(max(id), 0) FROM official_files").fetchone()[0]


def official_for_area(conn: sqlite3.Connection, area: str) -> list[OfficialFigure]:
    """Return the official figures a check of a claim about `area` may use (sexual offences only)."""
    return [figure_from_row(row) for row in conn.execute(_OFFICIAL_FOR_AREA_SQL, (area,))]


def _referencing(conn: sqlite3.Connection, ids: set[str]) -> set[str]:
    """Return the claims whose stored non-official checks cite one of `ids` or a claim no longer stored."""
    rows = conn.execute(
        "SELECT DISTINCT ch.claim_id, j.value FROM checks ch, json_each(ch.detail, '$.other_ids') j"
        " WHERE ch.kind != 'official'"
    ).fetchall()
    present = {r[0] for r in conn.execute("SELECT id FROM claims")}
    return {claim_id for claim_id, other in rows if other in ids or other not in present}


def run_checks(conn: sqlite3.Connection, full: bool = False, *, own_transaction: bool = True) -> CheckReport:
    """Check the claims that changed since the last run (all of them with `full`); return a CheckReport.

    Takes an open connection (schema applied). Writes `checks` and
    `checked_claims` in one transaction; on error nothing is written and the
    error propagates. With `own_transaction=False` the caller has already begun
    the transaction (e.g. to commit an article and its checks together) and
    commits or rolls it back itself.
    """
    claims = [record_from_row(row) for row in conn.execute(_CLAIMS_SQL)]
    generation = official_generation(conn)
    state = {row[0]: (row[1], row[2]) for row in
             conn.execute("SELECT claim_id, fingerprint, official_generation FROM checked_claims")}
    prints = {c.id: fingerprint(c) for c in claims}
    report = CheckReport(claims=len(claims))

    changed = {c.id for c in claims if full or state.get(c.id, (None,))[0] != prints[c.id]}
    stale_official = changed | {c.id for c in claims if state.get(c.id, (None, -1))[1] != generation}

    by_article: dict[int, list[ClaimRecord]] = defaultdict(list)
    by_key: dict[tuple, list[ClaimRecord]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
        key = across_key(claim)
        if key is not None:
            by_key[key].append(claim)
    changed_claims = [c for c in claims if c.id in changed]
    redo = set(changed)
    for claim in changed_claims:
        redo.update(c.id for c in by_article[claim.article_id])
        key = across_key(claim)
        if key is not None:
            redo.update(c.id for c in by_key[key])
    redo |= _referencing(conn, changed) & set(prints)

    new_checks: list[Check] = []
    cache: dict[str, list[OfficialFigure]] = {}
    for claim in claims:
        if claim.id in stale_official and claim.area:
            if claim.area not in cache:
                cache[claim.area] = official_for_area(conn, claim.area)
            check = check_official(claim, cache[claim.area])
            if check:
                new_checks.append(check)
    for article_id in {c.article_id for c in claims if c.id in redo}:
        members = by_article[article_id]
        new_checks.extend(c for c in check_funnel(members) if c.claim_id in redo)
        new_checks.extend(c for c in check_subgroups(members) if c.claim_id in redo)
        for claim in members:
            if claim.id in redo:
                new_checks.extend(filter(None, [check_arithmetic(claim, members)]))
    for claim in claims:
        key = across_key(claim)
        if claim.id in redo and key is not None:
            new_checks.extend(filter(None, [check_across(claim, by_key[key])]))

    stamp = now_iso()
    with transaction(conn) if own_transaction else nullcontext():
        conn.executemany("DELETE FROM checks WHERE claim_id = ? AND kind = 'official'",
                         [(i,) for i in stale_official])
        conn.executemany("DELETE FROM checks WHERE claim_id = ? AND kind != 'official'",
                         [(i,) for i in redo])
        db = database(conn)
        db["checks"].insert_all({**_check_row(c), "checked_at": stamp} for c in new_checks)
        db["checked_claims"].upsert_all(
            ({"claim_id": i, "fingerprint": prints[i], "official_generation": generation, "checked_at": stamp}
             for i in stale_official | redo), pk="claim_id")
    report.official_rechecked = len(stale_official)
    report.other_rechecked = len(redo)
    report.written = len(new_checks)
    report.verdicts = Counter((c.kind, c.verdict) for c in new_checks)
    return report


def _check_row(check: Check) -> dict:
    row = {name: getattr(check, name) for name in _CHECK_COLUMNS}
    row["detail"] = json.dumps(row["detail"], ensure_ascii=False, default=str)
    return row


# --- reading checks back ----------------------------------------------------------------------

CHECK_FIELDS = ("id", "claim_id", "kind", "verdict", "official_value", "abs_diff", "rel_diff", "dataset",
                "period_start", "period_end", "url", "other_claim_id", "other_quote", "reason", "detail",
                "checked_at")


def checks_for_claim(conn: sqlite3.Connection, claim_id: str) -> list[dict]:
    """Return the stored checks of one claim (full id), official first, `detail` parsed from JSON."""
    rows = conn.execute(
        f"SELECT {', '.join(CHECK_FIELDS)} FROM checks WHERE claim_id = ?"
        " ORDER BY CASE kind WHEN 'official' THEN 0 WHEN 'arithmetic' THEN 1 WHEN 'funnel' THEN 2"
        " WHEN 'subgroup' THEN 3 ELSE 4 END, id",
        (claim_id,),
    ).fetchall()
    return [{**dict(row), "detail": json.loads(row["detail"] or "{}")} for row in rows]


def claim_ids_with_verdict(conn: sqlite3.Connection, verdict: str, kind: str | None = None) -> set[str]:
    """Return the ids of claims with at least one check of `verdict` (and of `kind`, when given)."""
    sql, params = "SELECT DISTINCT claim_id FROM checks WHERE verdict = ?", [verdict]
    if kind:
        sql, params = sql + " AND kind = ?", params + [kind]
    return {row[0] for row in conn.execute(sql, params)}


def format_checks(checks: list[dict]) -> str:
    """Return a plain-text block listing checks for a person (for `attrition show`)."""
    if not checks:
        return "checks:       none (run `attrition check`)"
    lines = ["checks:"]
    for check in checks:
        lines.append(f"  {check['kind']:<11}{check['verdict']}: {check['reason'] or ''}")
        if check["dataset"]:
            period = f"{check['period_start']} to {check['period_end']}" if check["period_start"] else ""
            lines.append(f"  {'':<11}dataset: {check['dataset']} ({period})")
        if check["url"]:
            lines.append(f"  {'':<11}url: {check['url']}")
        notes = [o.get("notes") for o in (check.get("detail") or {}).get("official", []) if o.get("notes")]
        if notes:
            lines.append(f"  {'':<11}official notes: {' | '.join(dict.fromkeys(notes))}")
    return "\n".join(lines)
