"""attrition's Datasette plugin: a landing page, a page for each claim, links to it from every table.

    /                    the landing page: what the site is, the counts, the search box, and
                         links to the claims, the funnel, the checks and the latest articles
    /-/claim/<id>        the claim page: the figure highlighted in its paragraph, the
                         article, every check with its verdict, official value, dataset, URL,
                         the reason and the official row's notes
    /-/claim/<id>.json   the same, as JSON

On the attrition database's connections two SQL functions for the canned
queries: `force_name(text)` (any force name or alias the extractor knows, as
its canonical name: `herts` is Hertfordshire) and `published_url(url)` (an
official figure's URL to cite, see published.py).

`<id>` may be any unique prefix of a claim id. The database is the one named in
the plugin's configuration (`plugins.attrition.database` in the metadata), which
`attrition.corpus.web.site.site_metadata` sets. Registered by `attrition.corpus.web.serve`.
"""

from __future__ import annotations

import dataclasses

import markupsafe
from datasette import NotFound, Response, hookimpl

from attrition.corpus.web.claim_page import page_context
from attrition.corpus.web.landing import landing_page
from attrition.corpus.web.published import local_files, published_url

PLUGIN = "attrition"

# Columns whose values are claim ids, wherever they appear (tables, views, canned queries).
CLAIM_ID_COLUMNS = frozenset({"claim_id", "other_claim_id"})
CLAIM_TABLES = frozenset({"claims", "claims_view"})

# Any id-like text routes here, so a mistyped id gets "No claim with id ..." (404), not "Database not found".
CLAIM_ROUTE = r"^/-/claim/(?P<claim_id>[^/]+?)(\.(?P<format>json))?$"

_CLAIM_SQL = "SELECT * FROM claims WHERE substr(id, 1, length(:prefix)) = :prefix LIMIT 2"
_ARTICLE_SQL = ("SELECT id, label, url, path, origin, title, publisher, published, fetched_at, text"
                " FROM articles WHERE id = :id")
_CHECKS_SQL = "SELECT * FROM checks WHERE claim_id = :id ORDER BY id"
_FILES_SQL = "SELECT path, sha256 FROM official_files"

# Columns holding an official figure's URL, by table: shown as the URL to cite.
OFFICIAL_URL_COLUMNS = {"official": "url", "checks": "url", "official_files": "url"}

# {loaded path: published URL} of the served database's official files, read as each connection opens.
_local = {}


def database_name(datasette) -> str:
    """Return the name of the attrition database this Datasette serves."""
    config = datasette.plugin_config(PLUGIN) or {}
    return config.get("database") or datasette.get_database().name


def claim_path(datasette, claim_id: str) -> str:
    """Return the path of a claim's page (honouring Datasette's base_url)."""
    return datasette.urls.path(f"/-/claim/{claim_id}")


async def find_claim(db, prefix: str) -> dict:
    """Return the claims row whose id is or starts with `prefix`; raise NotFound if none or several."""
    rows = (await db.execute(_CLAIM_SQL, {"prefix": prefix.lower()})).rows
    if not rows:
        raise NotFound(f"No claim with id {prefix}")
    if len(rows) > 1:
        raise NotFound(f"More than one claim has an id starting {prefix}: give more of it")
    return dict(rows[0])


async def claim_view(datasette, request):
    """Serve the claim page (HTML, or JSON for a .json URL)."""
    name = database_name(datasette)
    await datasette.ensure_permissions(request.actor, [
        ("view-table", (name, "claims")), ("view-database", name), "view-instance"])
    db = datasette.get_database(name)
    claim = await find_claim(db, request.url_vars["claim_id"])
    article = dict((await db.execute(_ARTICLE_SQL, {"id": claim["article_id"]})).first())
    checks = [dict(row) for row in (await db.execute(_CHECKS_SQL, {"id": claim["id"]})).rows]
    local = local_files((await db.execute(_FILES_SQL)).rows)
    for check in checks:
        check["url"] = published_url(check.get("url"), local)
    context = page_context(claim, article, checks)
    if request.url_vars.get("format") == "json":
        article.pop("text")
        return Response.json({
            "claim": claim, "article": article, "checks": checks,
            "evidence": dataclasses.asdict(context["evidence"]),
        })
    context.update(database=name, claim_json=claim_path(datasette, claim["id"]) + ".json",
                   articles_url=datasette.urls.table(name, "articles"),
                   claims_url=datasette.urls.table(name, "claims_view"))
    html = await datasette.render_template("attrition_claim.html", context, request=request)
    return Response.html(html)


def force_name(text):
    """SQL function: the canonical name of a force or area named any way the extractor knows, else `text`."""
    from attrition.extract.forces import resolve_force

    return resolve_force(text) or text if isinstance(text, str) else text


@hookimpl
def prepare_connection(conn, database, datasette):
    """Give the attrition database's connections `force_name()` and `published_url()`."""
    if database != database_name(datasette):
        return
    try:
        _local.update(local_files(conn.execute(_FILES_SQL).fetchall()))
    except Exception:  # an unreadable table leaves URLs as stored
        pass
    conn.create_function("force_name", 1, force_name, deterministic=True)
    conn.create_function("published_url", 1, lambda url: published_url(url, _local), deterministic=True)


async def landing_view(datasette, request):
    """Serve the landing page (`/`)."""
    return await landing_page(datasette, request, database_name(datasette))


@hookimpl
def register_routes(datasette):
    """Add the landing page's and the claim page's routes."""
    return [(r"^/$", landing_view), (CLAIM_ROUTE, claim_view)]


@hookimpl
def render_cell(value, column, table, database, datasette):
    """Link claim ids to their claim page, in any table, view or canned query of the database, and
    show an official file's local path or repository reference as the URL it was published at."""
    if database != database_name(datasette):
        return None
    if table in OFFICIAL_URL_COLUMNS and column == OFFICIAL_URL_COLUMNS[table] and isinstance(value, str):
        shown = published_url(value, _local)
        if shown == value or not shown.startswith(("https://", "http://")):
            return None
        return markupsafe.Markup('<a href="{}" title="stored as {}">{}</a>').format(shown, value, shown)
    if not (column in CLAIM_ID_COLUMNS or (column == "id" and table in CLAIM_TABLES)):
        return None
    if isinstance(value, dict):  # a foreign key Datasette expanded to {value, label}
        value = value.get("value")
    if not isinstance(value, str) or not value:
        return None
    return markupsafe.Markup('<a href="{}">{}</a>').format(claim_path(datasette, value), value)
