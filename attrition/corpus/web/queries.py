"""The canned queries of the web view: the questions fact-checkers ask most, as SQL.

Each is a read-only SELECT with named parameters (`:area`, `:period`,
`:speaker`, `:days`) that Datasette turns into a form. Columns named
`claim_id` or `other_claim_id` link to the claim page (see plugin.py).
"""

from __future__ import annotations


def whole(expr: str) -> str:
    """Return SQL giving `expr` as an integer when it is a whole number (CSV prints 35, not 35.0)."""
    return f"CASE WHEN {expr} = CAST({expr} AS INTEGER) THEN CAST({expr} AS INTEGER) ELSE {expr} END"


DIFFERS_FROM_OFFICIAL = f"""
SELECT c.id AS claim_id, {whole("c.value")} AS claimed, {whole("k.official_value")} AS official_value,
       {whole("k.abs_diff")} AS difference,
       round(100.0 * k.rel_diff, 1) AS difference_percent, c.unit, c.stage, c.offence, c.area,
       c.quote, k.reason, k.period_start AS official_period_start,
       k.period_end AS official_period_end, k.dataset, published_url(k.url) AS official_url,
       coalesce(a.title, a.label) AS article, a.publisher, a.published, c.speaker
  FROM checks k
  JOIN claims c ON c.id = k.claim_id
  JOIN articles a ON a.id = c.article_id
 WHERE k.kind = 'official' AND k.verdict = 'differs'
 ORDER BY abs(coalesce(k.rel_diff, 0)) DESC, c.area, c.stage
"""

CONFLICTS_BETWEEN_ARTICLES = f"""
SELECT c.id AS claim_id, {whole("c.value")} AS value, o.id AS other_claim_id,
       {whole("o.value")} AS other_value, c.unit, c.stage,
       c.offence, c.area, c.period_start, c.period_end,
       coalesce(a.title, a.label) AS article, a.publisher, a.published,
       coalesce(oa.title, oa.label) AS other_article, oa.publisher AS other_publisher,
       oa.published AS other_published, c.quote, coalesce(k.other_quote, o.quote) AS other_quote,
       k.reason
  FROM checks k
  JOIN claims c ON c.id = k.claim_id
  JOIN articles a ON a.id = c.article_id
  LEFT JOIN claims o ON o.id = k.other_claim_id
  LEFT JOIN articles oa ON oa.id = o.article_id
 WHERE k.kind = 'across' AND k.verdict = 'conflict'
 ORDER BY c.area, c.stage, c.period_start, a.published
"""

# :period is 2017/18 or 2017-18 (April to March), 2022 (calendar year) or 2017-04-01..2018-03-31.
# Claims and official figures for exactly that period; quarterly official rows
# inside it are summed (the row says how many were added up).
FUNNEL = f"""
WITH wanted AS (
    SELECT CASE
               WHEN :period GLOB '[0-9][0-9][0-9][0-9][/-][0-9][0-9]' THEN substr(:period, 1, 4) || '-04-01'
               WHEN :period GLOB '[0-9][0-9][0-9][0-9]' THEN :period || '-01-01'
               WHEN instr(:period, '..') > 0 THEN trim(substr(:period, 1, instr(:period, '..') - 1))
           END AS first_day,
           CASE
               WHEN :period GLOB '[0-9][0-9][0-9][0-9][/-][0-9][0-9]'
                   THEN (CAST(substr(:period, 1, 4) AS INTEGER) + 1) || '-03-31'
               WHEN :period GLOB '[0-9][0-9][0-9][0-9]' THEN :period || '-12-31'
               WHEN instr(:period, '..') > 0 THEN trim(substr(:period, instr(:period, '..') + 2))
           END AS last_day
),
stages (stage, step) AS (
    VALUES ('reported', 1), ('recorded', 2), ('no_crime', 3), ('referred', 4), ('charged', 5),
           ('prosecuted', 6), ('convicted', 7), ('nfa', 8), ('withdrawn', 9), ('other', 10)
),
cells AS (
    SELECT c.stage, 'claim' AS origin, c.value, c.unit, c.offence,
           coalesce(a.title, a.label) AS source, c.id AS claim_id, NULL AS url, c.quote AS note
      FROM claims c JOIN articles a ON a.id = c.article_id, wanted w
     WHERE c.area = force_name(:area) COLLATE NOCASE
       AND c.period_start = w.first_day AND c.period_end = w.last_day
    UNION ALL
    SELECT o.stage, 'official', o.value, o.unit, o.offence, o.dataset, NULL, published_url(o.url),
           o.population || ' victims' || coalesce('; ' || o.notes, '')
      FROM official o, wanted w
     WHERE o.area = force_name(:area) COLLATE NOCASE AND o.period_kind != 'quarter'
       AND o.period_start = w.first_day AND o.period_end = w.last_day
    UNION ALL
    SELECT o.stage, 'official (sum of ' || count(*) || ' quarterly rows)', sum(o.value), o.unit,
           o.offence, o.dataset, NULL, published_url(min(o.url)), o.population || ' victims'
      FROM official o, wanted w
     WHERE o.area = force_name(:area) COLLATE NOCASE AND o.period_kind = 'quarter' AND o.unit = 'count'
       AND o.period_start >= w.first_day AND o.period_end <= w.last_day
     GROUP BY o.stage, o.unit, o.offence, o.dataset, o.population
)
SELECT cells.stage, cells.origin, {whole("cells.value")} AS value, cells.unit, cells.offence, cells.source,
       cells.claim_id, cells.url, cells.note
  FROM cells LEFT JOIN stages ON stages.stage = cells.stage
 ORDER BY coalesce(stages.step, 99), cells.origin, cells.offence, cells.value
"""

SPEAKER_CLAIMS = """
SELECT v.speaker, v.id AS claim_id, v.value, v.unit, v.stage, v.offence, v.area, v.period,
       v.source, v.article, v.publisher, v.published, v.quote, v.official_verdict,
       v.official_value, v.across_verdict
  FROM claims_view v
 WHERE v.speaker LIKE '%' || :speaker || '%'
 ORDER BY v.published DESC, v.article, v.seq
"""

RECENT_ARTICLES = """
SELECT a.id, coalesce(a.title, a.label) AS title, a.publisher, a.published, a.url, a.origin,
       a.fetched_at,
       (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims,
       (SELECT count(DISTINCT k.claim_id) FROM claims c JOIN checks k ON k.claim_id = c.id
         WHERE c.article_id = a.id AND k.verdict IN ('differs', 'conflict', 'out_of_order'))
           AS claims_flagged
  FROM articles a
 WHERE a.fetched_at >= strftime('%Y-%m-%dT%H:%M:%S', 'now',
                                '-' || CAST(:days AS INTEGER) || ' days')
 ORDER BY a.fetched_at DESC, a.id DESC
"""

CANNED_QUERIES: dict[str, dict] = {
    "claims_differing_from_official": {
        "title": "Claims that differ from official figures",
        "description": "Every claim whose official check says differs, the biggest differences first, "
                       "with the official value, its dataset and URL.",
        "sql": DIFFERS_FROM_OFFICIAL,
    },
    "conflicts_between_articles": {
        "title": "Conflicts between articles",
        "description": "Pairs of claims about the same force, stage, offence and period on which two "
                       "articles gave different figures.",
        "sql": CONFLICTS_BETWEEN_ARTICLES,
    },
    "funnel": {
        "title": "The funnel for a force and period",
        "description": "What articles claimed and what official data says, stage by stage, for one "
                       "force (area: any name or alias, e.g. Kent, herts, the Met, or England and Wales) and one period (period: 2022/23 "
                       "for April to March, 2022 for a calendar year, or 2022-04-01..2022-09-30).",
        "sql": FUNNEL,
    },
    "speaker_claims": {
        "title": "Everything a speaker has claimed",
        "description": "Every figure attributed to a person (speaker: any part of the name), newest "
                       "article first, with its verdicts.",
        "sql": SPEAKER_CLAIMS,
    },
    "recent_articles": {
        "title": "Articles ingested in the last N days",
        "description": "Articles read in the last `days` days, newest first, with how many claims each "
                       "holds and how many of them a check flagged (differs, conflict, out of order).",
        "sql": RECENT_ARTICLES,
    },
}


def canned_queries() -> dict[str, dict]:
    """Return the canned queries in the form Datasette's metadata takes: {name: {title, description, sql}}."""
    return {name: {**query, "sql": query["sql"].strip()} for name, query in CANNED_QUERIES.items()}
