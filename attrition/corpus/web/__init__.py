"""The fact-checkers' web view of an attrition database, served by Datasette (`attrition serve`).

    serve.py        builds the Datasette instance (read-only) and runs the server
    metadata.json   titles, licences, column descriptions, facets, full-text search
    queries.py      the canned queries (SQL with named parameters)
    site.py         the metadata Datasette is given, for one database
    claim_page.py   what the claim page shows: the figure in its paragraph, the article, the checks
    plugin.py       the Datasette plugin: the /-/claim/<id> page and links to it from every table
    templates/      the claim page's template

May import store/ and `attrition.errors`; nothing in the corpus imports it but the CLI.
"""
