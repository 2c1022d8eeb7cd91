"""Everything around the extractor: reading articles, storing claims, checking them, keeping current.

One article from file to verdict: `read/readers.py` → `ingest.py` → `attrition/extract/`
→ `store/articles.py` (with `attrition/schema.sql`) → `check/run.py`.

Sub-packages by job, each importing only those below it:

    read/      inputs to Articles: files, HTML, URLs, JSON lines, feeds and sitemaps, polite fetching
    store/     the SQLite database: connection, schema and migrations, articles and claims,
               queries, export, runs, the writer lock
    official/  official files: layouts and loading
    check/     the checks, rounding, running them, the funnel
    scale/     batches and worker processes, Dask, claim shards, loading them
    ingest.py  the pipeline: read → extract → store
    update/    keeping current: the nightly update, re-extraction
    web/       the Datasette site

Layers, lowest first: read, store, official, check, scale, ingest, update, web
(the CLI, `attrition.cli`, sits on top). A module imports only from its own
sub-package and the layers below; `tests/test_imports.py` fails on an import
upwards or in a circle. `attrition.extract` (pure: no I/O) imports none of them.
"""
