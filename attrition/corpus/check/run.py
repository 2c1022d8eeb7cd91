"""Run the cross-checks over a database: read claims and official figures, write `checks`.

    report = run_checks(conn)          # only claims new or changed since the last run
    report = run_checks(conn, full=True)

Incremental: `checked_claims` holds each checked claim and the official data
generation (the newest `official_files` id) it was checked against; triggers
drop the row of a claim whose fields change and note deleted and changed claims
(their article and old across key) in `check_dirty`. A run redoes
- the official check of claims that are new, changed, or checked before the last
  official load;
- the arithmetic and funnel checks of every claim in an article with a new,
  changed or deleted claim;
- the across-article checks of those claims and of the existing claims whose
  check they can change, found through `across_members` (`AcrossIndex`): a run's
  work grows with what changed, not with the corpus.
Everything is written in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter, defaultdict
from contextlib import nullcontext
from dataclasses import dataclass, field, fields, replace

from attrition.corpus.check.checks import (
    ACROSS_LISTED, Check, ClaimRecord, across_check, across_key, check_arithmetic, check_funnel, check_official,
    compatible_populations, consistent,
)
from attrition.corpus.check.comparability import claim_profile
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
       (a.text LIKE '%violence against women%' OR a.text LIKE '%VAWG%') AS vawg_article,
       a.published AS published
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
        quote_start=row["quote_start"], char_start=row["char_start"], char_end=row["char_end"],
        source=row["source"], sentence=_sentence(row),
        vawg_article=bool(row["vawg_article"]) if "vawg_article" in row.keys() else False,
        before=_before(row), published=row["published"] if "published" in row.keys() else None,
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


def _before(row) -> str | None:
    """Return the text from the start of the sentence before a claim's sentence up to its quote (None without it)."""
    keys = row.keys() if hasattr(row, "keys") else ()
    if "around" not in keys or row["around"] is None:
        return None
    text, start = row["around"], row["quote_start"] - row["around_start"]
    def boundary(end: int) -> int:
        return max(text.rfind(". ", 0, end), text.rfind("\n", 0, end))

    left = boundary(start)  # this sentence's start, then the one before's
    left = boundary(left) if left > 0 else left
    return text[left + 1:start].strip() or None


def fingerprint(claim: ClaimRecord) -> str:
    """Return a digest of every claim field a check reads (a changed digest means: check again)."""
    payload = json.dumps([getattr(claim, f.name) for f in fields(ClaimRecord)], default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def official_generation(conn: sqlite3.Connection) -> int:
    """Return the id of the newest official file loaded (0 when none): checks older than it are stale."""
    return conn.execute("SELECT coalesce(max(id), 0) FROM official_files").fetchone()[0]


def official_editions(conn: sqlite3.Connection) -> dict[tuple[int, str], str]:
    """Return {(file id, dataset): its last period end}: the vintage of each release loaded.

    A file's figures of one dataset are one release, published after the last
    period it covers; two releases of the same figure are ordered by it.
    """
    return {(row[0], row[1]): row[2] for row in conn.execute(
        "SELECT file_id, dataset, max(period_end) FROM official GROUP BY file_id, dataset")}


def official_for_area(conn: sqlite3.Connection, area: str,
                      editions: dict[tuple[int, str], str] | None = None) -> list[OfficialFigure]:
    """Return the official figures a check of a claim about `area` may use (sexual offences only).

    Each figure carries its release's `edition` (from `official_editions`, read
    here unless given).
    """
    editions = official_editions(conn) if editions is None else editions
    figures = []
    for row in conn.execute(_OFFICIAL_FOR_AREA_SQL, (area,)):
        figure = figure_from_row(row)
        figure.edition = editions.get((row["file_id"], row["dataset"]))
        figures.append(figure)
    return figures


def run_checks(conn: sqlite3.Connection, full: bool = False, *, own_transaction: bool = True) -> CheckReport:
    """Check the claims that changed since the last run (all of them with `full`); return a CheckReport.

    Takes an open connection (schema applied). Writes `checks` and
    `checked_claims` in one transaction; on error nothing is written and the
    error propagates. With `own_transaction=False` the caller has already begun
    the transaction (e.g. to commit an article and its checks together) and
    commits or rolls it back itself.

    The work of a run follows what changed, not the size of the corpus: new
    claims are found through `checked_claims`, deleted and changed ones through
    `check_dirty` (kept by triggers), and the across-article candidates through
    `across_members` (see `AcrossIndex`).
    """
    with transaction(conn) if own_transaction else nullcontext():
        return _run(conn, full)


def _run(conn: sqlite3.Connection, full: bool) -> CheckReport:
    generation = official_generation(conn)
    report = CheckReport(claims=conn.execute("SELECT count(*) FROM claims").fetchone()[0])
    if full:
        rows = conn.execute(_CLAIMS_SQL + " ORDER BY c.seq").fetchall()
        changed = {row["id"] for row in rows}
    else:
        rows = conn.execute(_CLAIMS_SQL + " LEFT JOIN checked_claims cc ON cc.claim_id = c.id"
                            " WHERE cc.claim_id IS NULL OR cc.official_generation != ? ORDER BY c.seq",
                            (generation,)).fetchall()
        changed = {row["id"] for row in rows if _unchecked(conn, row["id"])}
    stale_records = {row["id"]: record_from_row(row) for row in rows}
    dirty = conn.execute("SELECT DISTINCT article_id, key FROM check_dirty").fetchall()
    conn.execute("DELETE FROM check_dirty")

    # Claims whose arithmetic, funnel and across checks are redone: every claim of an article
    # with a new, changed or deleted claim (those checks read the article's claims together).
    articles = {stale_records[i].article_id for i in changed} | {r[0] for r in dirty if r[0] is not None}
    by_article = {a: [record_from_row(row) for row in
                      conn.execute(_CLAIMS_SQL + " WHERE c.article_id = ? ORDER BY c.seq", (a,))]
                  for a in sorted(articles)}
    redo = {c.id: c for members in by_article.values() for c in members}

    new_checks: list[Check] = []
    cache: dict[str, list[OfficialFigure]] = {}
    editions = official_editions(conn) if stale_records else {}
    for claim in stale_records.values():
        if claim.area:
            if claim.area not in cache:
                cache[claim.area] = official_for_area(conn, claim.area, editions)
            check = check_official(claim, cache[claim.area])
            if check:
                new_checks.append(check)
    for members in by_article.values():
        new_checks.extend(check_funnel(members))
        new_checks.extend(check_subgroups(members))
        new_checks.extend(filter(None, (check_arithmetic(claim, members) for claim in members)))

    index = AcrossIndex(conn)
    dirty_keys = {r[1] for r in dirty if r[1] is not None} | index.enter(redo.values())
    if full:
        dirty_keys |= index.all_keys()
    across, rechecked = index.recheck(redo, dirty_keys)
    new_checks.extend(across)

    stamp = now_iso()
    conn.executemany("DELETE FROM checks WHERE claim_id = ? AND kind = 'official'",
                     [(i,) for i in stale_records])
    conn.executemany("DELETE FROM checks WHERE claim_id = ? AND kind != 'official'", [(i,) for i in redo])
    conn.executemany("DELETE FROM checks WHERE claim_id = ? AND kind = 'across'",
                     [(i,) for i in rechecked if i not in redo])
    db = database(conn)
    db["checks"].insert_all({**_check_row(c), "checked_at": stamp} for c in new_checks)
    done = {**redo, **stale_records}
    db["checked_claims"].upsert_all(
        ({"claim_id": i, "fingerprint": fingerprint(c), "official_generation": generation, "checked_at": stamp}
         for i, c in done.items()), pk="claim_id")
    report.official_rechecked = len(stale_records)
    report.other_rechecked = len(set(redo) | rechecked)
    report.written = len(new_checks)
    report.verdicts = Counter((c.kind, c.verdict) for c in new_checks)
    return report


def _unchecked(conn: sqlite3.Connection, claim_id: str) -> bool:
    """True when the claim has no `checked_claims` row (new, or changed since: see check_dirty's triggers)."""
    return conn.execute("SELECT 1 FROM checked_claims WHERE claim_id = ?", (claim_id,)).fetchone() is None


class AcrossIndex:
    """The across-article candidates of each claim, kept in `across_members`, grouped by what checks read.

    Claims with one `across_key` that are alike (the same victim population,
    value, figure as written and comparator) form a group; a claim is compared
    with each group once, and only the first ACROSS_LISTED + 1 members it is
    listed with are read (`checks.across_check`). When new claims join a key
    (stored after every claim in it), an existing claim is checked again only
    if its check can change: it had none, it lists ACROSS_LISTED or fewer, or
    it agreed and a new claim of its population disagrees with its group.
    Anything else (a claim changed or deleted) checks the whole key again.
    `examined` counts the candidate rows read, for tests of growth.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.examined = 0
        self._records: dict[str, ClaimRecord] = {}

    def enter(self, claims) -> set[str]:
        """Write the member rows of `claims` (verdicts to come); return the keys they left (to check again)."""
        left = set()
        for claim in claims:
            old = self.conn.execute("SELECT key FROM across_members WHERE claim_id = ?", (claim.id,)).fetchone()
            key = across_key(claim)
            text = None if key is None else json.dumps(key)
            if old is not None and old[0] != text:
                left.add(old[0])
            if text is None:
                self.conn.execute("DELETE FROM across_members WHERE claim_id = ?", (claim.id,))
                continue
            profile = claim_profile(claim)
            group = json.dumps([profile.population, claim.value, claim.figure_text, claim.comparator])
            self.conn.execute(
                "INSERT INTO across_members (claim_id, key, grp, article_id, seq, verdict, listed)"
                " VALUES (?, ?, ?, ?, (SELECT seq FROM claims WHERE id = ?), NULL, 0)"
                " ON CONFLICT(claim_id) DO UPDATE SET key = excluded.key, grp = excluded.grp,"
                " article_id = excluded.article_id, seq = excluded.seq",
                (claim.id, text, group, claim.article_id, claim.id))
            self._records[claim.id] = claim
        return left

    def all_keys(self) -> set[str]:
        """Return every key in the index."""
        return {row[0] for row in self.conn.execute("SELECT DISTINCT key FROM across_members")}

    def recheck(self, redo: dict[str, ClaimRecord], dirty_keys: set[str]) -> tuple[list[Check], set[str]]:
        """Return the across checks of `redo`'s claims and of the existing claims they can change, and their ids."""
        keys: dict[str, list[str]] = defaultdict(list)
        for claim in redo.values():
            key = across_key(claim)
            if key is not None:
                keys[json.dumps(key)].append(claim.id)
        checks, ids = [], set()
        for key in sorted(set(keys) | dirty_keys):
            for claim_id in self._to_check(key, keys.get(key, []), key in dirty_keys):
                check = self.check(key, claim_id)
                ids.add(claim_id)
                if check is not None:
                    checks.append(check)
        return checks, ids

    def _to_check(self, key: str, joined: list[str], whole: bool) -> list[str]:
        """Return the ids of the members of `key` to check again when `joined` claims entered it."""
        if not whole and joined:
            first = min(self._seq(i) for i in joined)
            after = [r[0] for r in self.conn.execute(
                "SELECT claim_id FROM across_members WHERE key = ? AND seq >= ?", (key, first))]
            self.examined += len(after)
            whole = set(after) != set(joined)  # a claim stored earlier than one that is not new: not appended
        if whole:
            rows = self.conn.execute("SELECT claim_id FROM across_members WHERE key = ? ORDER BY seq", (key,))
            found = [r[0] for r in rows]
            self.examined += len(found)
            return found
        new = [self._record(i) for i in joined]
        disagreed = []
        for group, members in self._groups(key):
            self.examined += 1
            population, proxy = _group_claim(group, new[0])
            if any(claim_profile(c).population == population and not consistent(c, proxy) for c in new):
                disagreed.append(group)
        marks = ",".join("?" * len(disagreed)) or "NULL"
        rows = self.conn.execute(
            "SELECT claim_id FROM across_members WHERE key = ? AND seq < ? AND (verdict IS NULL OR listed <= ?"
            f" OR (verdict = 'agrees' AND grp IN ({marks}))) ORDER BY seq",
            (key, first, ACROSS_LISTED, *disagreed)).fetchall()
        self.examined += len(rows)
        return [r[0] for r in rows] + sorted(joined, key=self._seq)

    def check(self, key: str, claim_id: str) -> Check | None:
        """Return the across check of one member of `key` (comparing it with each group once); record its verdict."""
        claim = self._record(claim_id)
        population = claim_profile(claim).population
        comparable, disagreeing = [], []
        for group, articles in self._groups(key, claim.article_id):
            self.examined += 1
            theirs, proxy = _group_claim(group, claim)
            if not articles or not compatible_populations(population, theirs):
                continue
            comparable.append(group)
            if theirs == population and not consistent(claim, proxy):
                disagreeing.append(group)
        others = self._first(key, claim.article_id, comparable)
        against = self._first(key, claim.article_id, disagreeing)
        check = across_check(claim, others, against)
        listed = len(against or others)
        self.conn.execute("UPDATE across_members SET verdict = ?, listed = ? WHERE claim_id = ?",
                          (check.verdict if check else None, listed, claim_id))
        return check

    def _groups(self, key: str, article_id: int = -1) -> list[tuple[str, int]]:
        """Return (group, members outside `article_id`) for each group of `key`."""
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT grp, sum(article_id != ?) FROM across_members WHERE key = ? GROUP BY grp", (article_id, key))]

    def _first(self, key: str, article_id: int, groups: list[str]) -> list[ClaimRecord]:
        """Return the first ACROSS_LISTED + 1 members of `groups` outside `article_id`, in stored order."""
        if not groups:
            return []
        rows = self.conn.execute(
            f"SELECT claim_id FROM across_members WHERE key = ? AND article_id != ? AND grp IN "
            f"({','.join('?' * len(groups))}) ORDER BY seq LIMIT ?",
            (key, article_id, *groups, ACROSS_LISTED + 1)).fetchall()
        self.examined += len(rows)
        return [self._record(r[0]) for r in rows]

    def _seq(self, claim_id: str) -> int:
        return self.conn.execute("SELECT seq FROM across_members WHERE claim_id = ?", (claim_id,)).fetchone()[0]

    def _record(self, claim_id: str) -> ClaimRecord:
        if claim_id not in self._records:
            row = self.conn.execute(_CLAIMS_SQL + " WHERE c.id = ?", (claim_id,)).fetchone()
            self._records[claim_id] = record_from_row(row)
        return self._records[claim_id]


def _group_claim(group: str, like: ClaimRecord) -> tuple[str, ClaimRecord]:
    """Return (population, a claim standing for the group) from a group's JSON (unit and key from `like`)."""
    population, value, figure_text, comparator = json.loads(group)
    return population, replace(like, id="", article_id=-1, value=value, figure_text=figure_text,
                               comparator=comparator)


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
