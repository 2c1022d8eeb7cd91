"""Across-article checks through the candidate index (issue 15): the same verdicts as comparing every
claim with every other, and work per new article that does not grow with the corpus."""

from __future__ import annotations

import json
import random

import pytest

from attrition.corpus.check import run as check_run
from attrition.corpus.check.checks import ACROSS_LISTED, across_key, check_across, consistent
from attrition.corpus.check.comparability import claim_profile
from attrition.corpus.check.run import _CLAIMS_SQL, record_from_row, run_checks
from check_helpers import claim_in, open_db, store_article

FY = dict(period_start="2022-04-01", period_end="2023-03-31")
CY = dict(period_start="2022-01-01", period_end="2022-12-31")

# (sentence, figure, quote, fields): the figures the generated articles draw from.
SENTENCES = [
    ("Kent Police recorded {v} rapes in 2022/23.", "{v}", "recorded {v} rapes",
     dict(stage="recorded", area="Kent", **FY)),
    ("Kent Police recorded about {v} rapes in 2022/23.", "{v}", "about {v} rapes",
     dict(stage="recorded", area="Kent", comparator="about", **FY)),
    ("Kent Police recorded {v} rapes of children in 2022/23.", "{v}", "recorded {v} rapes of children",
     dict(stage="recorded", area="Kent", **FY)),
    ("Essex Police charged {v} suspects with rape in 2022.", "{v}", "charged {v} suspects",
     dict(stage="charged", area="Essex", **CY)),
]
VALUES = [[1204, 1204, 1204, 1240, 1200], [1200, 1210], [310, 310, 301], [71, 71, 17]]


def article(rng: random.Random, n: int) -> tuple[str, list]:
    """Return (text, claims) of the n-th generated article: one to three figures drawn from SENTENCES."""
    parts, claims, offset = [], [], 0
    for which in rng.sample(range(len(SENTENCES)), rng.randint(1, 3)):
        sentence, figure, quote, fields = SENTENCES[which]
        value = rng.choice(VALUES[which])
        written = f"{value:,}"
        parts.append(sentence.format(v=written))
        claims.append((figure.format(v=written), quote.format(v=written), dict(value=value, **fields)))
    text = f"Report {n}. " + " ".join(parts)
    return text, [claim_in(text, f, q, **fields) for f, q, fields in claims]


def stored_claims(conn) -> list:
    return [record_from_row(row) for row in conn.execute(_CLAIMS_SQL + " ORDER BY c.seq")]


def stored_across(conn) -> dict[str, tuple]:
    return {r["claim_id"]: (r["verdict"], r["other_claim_id"], r["official_value"], r["reason"], r["detail"])
            for r in conn.execute("SELECT * FROM checks WHERE kind = 'across'")}


def reference_across(claims) -> dict[str, tuple]:
    """The across checks computed the brute-force way: every claim against every claim of its key."""
    by_key: dict = {}
    for claim in claims:
        key = across_key(claim)
        if key is not None:
            by_key.setdefault(key, []).append(claim)
    checks = {}
    for claim in claims:
        key = across_key(claim)
        check = key is not None and check_across(claim, by_key[key])
        if check:
            detail = json.dumps(check.detail, ensure_ascii=False, default=str)
            checks[claim.id] = (check.verdict, check.other_claim_id, check.official_value, check.reason, detail)
    return checks


def definition_verdicts(claims) -> dict[str, str]:
    """Verdicts straight from their definition: conflict when a comparable claim elsewhere disagrees."""
    verdicts = {}
    for claim in claims:
        key = across_key(claim)
        if key is None:
            continue
        mine = claim_profile(claim).population
        others = [o for o in claims if across_key(o) == key and o.article_id != claim.article_id
                  and (mine == claim_profile(o).population or "all" in (mine, claim_profile(o).population))]
        if not others:
            continue
        verdicts[claim.id] = "conflict" if any(
            claim_profile(o).population == mine and not consistent(claim, o) for o in others) else "agrees"
    return verdicts


def test_incremental_checks_equal_the_brute_force_reference(tmp_path):
    # Articles arrive one by one (as `update` commits them), one is corrected, one removed; after every
    # step the stored across checks are exactly those of comparing every claim with every other.
    conn = open_db(tmp_path)
    rng = random.Random(15)
    n_articles = ACROSS_LISTED + 25  # past the listing cap, so the "more" path is exercised
    for n in range(n_articles):
        text, claims = article(rng, n)
        store_article(conn, f"a{n}", text, claims)
        run_checks(conn)
        if n in (3, 17, ACROSS_LISTED + 2) or n == n_articles - 1:
            claims_now = stored_claims(conn)
            assert stored_across(conn) == reference_across(claims_now), f"after article {n}"
    # Correct one article (new figures, new claim ids) and delete another.
    text, claims = article(random.Random(99), 1000)
    store_article(conn, "a5", text, claims)
    conn.execute("DELETE FROM articles WHERE label = 'a9'")
    run_checks(conn)
    claims_now = stored_claims(conn)
    stored = stored_across(conn)
    assert stored == reference_across(claims_now)
    assert {i: v[0] for i, v in stored.items()} == definition_verdicts(claims_now)
    verdicts = {v[0] for v in stored.values()}
    assert verdicts == {"agrees", "conflict"}
    assert any(json.loads(v[4])["more"] for v in stored.values())
    # A full re-run gives the same checks again.
    run_checks(conn, full=True)
    assert stored_across(conn) == stored


def test_a_changed_claim_moves_its_key_and_the_old_key_is_checked_again(tmp_path):
    conn = open_db(tmp_path)
    texts = ["Kent Police recorded 1,204 rapes in 2022/23.", "Kent Police recorded 1,240 rapes in 2022/23."]
    for n, text in enumerate(texts):
        figure = text.split()[3]
        store_article(conn, f"k{n}", text, [claim_in(text, figure, f"recorded {figure} rapes",
                                                   value=float(figure.replace(",", "")), stage="recorded",
                                                   area="Kent", **FY)])
    run_checks(conn)
    assert sorted(v[0] for v in stored_across(conn).values()) == ["conflict", "conflict"]
    # The same claim (same id, same text), now read as a calendar year: it leaves the 2022/23 key.
    conn.execute("UPDATE claims SET period_start = '2022-01-01', period_end = '2022-12-31' WHERE value = 1240")
    report = run_checks(conn)
    assert report.other_rechecked >= 2
    assert stored_across(conn) == reference_across(stored_claims(conn)) == {}


def test_per_article_check_work_does_not_grow_with_the_corpus(tmp_path, monkeypatch):
    # Count the candidate rows the across checks read for each new article: no more for articles
    # joining 190 near-identical ones than for those joining 40 (brute force reads every one of them).
    examined = []
    original = check_run.AcrossIndex.recheck

    def counting(self, *args):
        result = original(self, *args)
        examined.append(self.examined)
        return result

    monkeypatch.setattr(check_run.AcrossIndex, "recheck", counting)
    conn = open_db(tmp_path)
    for n in range(200):
        value = "1,240" if n % 7 == 3 else "1,204"
        text = f"Report {n}. Kent Police recorded {value} rapes in 2022/23. Of those, 96 led to a charge."
        store_article(conn, f"s{n}", text, [
            claim_in(text, value, f"recorded {value} rapes", value=float(value.replace(",", "")),
                     stage="recorded", area="Kent", **FY),
            claim_in(text, "96", "96 led to a charge", value=96.0, stage="charged", area="Kent", **FY)])
        run_checks(conn)
    assert len(examined) == 200
    early, late = examined[40:50], examined[190:200]
    assert max(late) <= max(early), (early, late)
    assert max(late) < 150, late
    assert conn.execute("SELECT count(*) FROM across_members").fetchone()[0] == 400
    verdicts = dict(conn.execute("SELECT verdict, count(*) FROM checks WHERE kind = 'across' GROUP BY verdict"))
    assert verdicts == {"conflict": 200, "agrees": 200}  # each recorded figure has another elsewhere
