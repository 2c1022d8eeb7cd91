"""The landing page (`/`): what the site is, what it holds, and where a fact-checker starts.

    counts = await site_counts(db)     # {"articles": 94, "claims": 705, "differs": 12, ...}

The page links to the claims with their verdicts (with a search box over the
quotes), the claims that differ from official figures, the conflicts between
articles, the funnel for the force and period most claimed about, and the
articles read lately. Registered as a route by plugin.py.
"""

from __future__ import annotations

from datasette import Response

from attrition.corpus.web.claim_page import period_text

COUNTS_SQL = """
SELECT (SELECT count(*) FROM articles) AS articles,
       (SELECT count(*) FROM claims) AS claims,
       (SELECT count(*) FROM official) AS official,
       (SELECT count(DISTINCT claim_id) FROM checks
         WHERE kind = 'official' AND verdict IN ('agrees', 'differs')) AS compared,
       (SELECT count(DISTINCT claim_id) FROM checks WHERE kind = 'official' AND verdict = 'differs') AS differs,
       (SELECT count(DISTINCT claim_id) FROM checks WHERE kind = 'across' AND verdict = 'conflict') AS conflicts,
       (SELECT max(published) FROM articles) AS latest
"""

# The force and period with the most claims: the funnel link's example.
FUNNEL_EXAMPLE_SQL = """
SELECT area, period_start, period_end FROM claims
 WHERE area IS NOT NULL AND period_start IS NOT NULL AND period_end IS NOT NULL
 GROUP BY area, period_start, period_end ORDER BY count(*) DESC, area LIMIT 1
"""


async def site_counts(db) -> dict:
    """Return the landing page's counts: articles, claims, official figures, claims compared with an
    official figure, claims that differ, claims in a conflict, and the latest publication date."""
    return dict((await db.execute(COUNTS_SQL)).first())


async def funnel_example(db) -> dict | None:
    """Return {area, period} for the funnel link (the most claimed-about pair), or None."""
    row = (await db.execute(FUNNEL_EXAMPLE_SQL)).first()
    if row is None:
        return None
    period = period_text(row["period_start"], row["period_end"])
    if " to " in period:
        period = f"{row['period_start']}..{row['period_end']}"
    return {"area": row["area"], "period": period}


async def landing_page(datasette, request, name: str):
    """Serve the landing page of the attrition database `name`."""
    await datasette.ensure_permissions(request.actor, [("view-database", name), "view-instance"])
    db = datasette.get_database(name)
    context = {
        "database": name,
        "counts": await site_counts(db),
        "funnel": await funnel_example(db),
        "claims_url": datasette.urls.table(name, "claims_view"),
        "query_url": lambda query: datasette.urls.query(name, query),
        "database_url": datasette.urls.database(name),
        "metadata": datasette.metadata() or {},
    }
    html = await datasette.render_template("attrition_index.html", context, request=request)
    return Response.html(html)
