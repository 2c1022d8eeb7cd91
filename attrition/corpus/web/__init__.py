"""The fact-checkers' web view of an attrition database, served by Datasette (`attrition serve`).

    serve.py        builds the Datasette instance (read-only) and runs the server
    metadata.json   titles, licences, column descriptions, facets, full-text search
    queries.py      the canned queries (SQL with named parameters)
    site.py         the metadata Datasette is given, for one database
    claim_page.py   what the claim page shows: the figure in its paragraph, the article, the checks
    landing.py      the landing page (/): what the site holds and where to start
    published.py    official figures' URLs to cite (published_files.csv: known files by SHA-256)
    plugin.py       the Datasette plugin: the landing and /-/claim/<id> pages, links to claims from
                    every table, the force_name() and published_url() SQL functions
    templates/      the claim page, the claims list, canned query and landing pages

May import store/ and `attrition.errors`; nothing in the corpus imports it but the CLI.
"""
