"""The command line: `attrition ...` (the group is `attrition.cli.main.cli`).

- `main`: the group, every command registered on it.
- `options`: the options defined once (--db, --format, --published/--max-bytes/
  --batch-size, --workers), the database opener, AttritionError to exit status.
- `articles`: ingest, extract, claims, show, search.   `checks`: official load, check, funnel.
- `update`: update, runs, reextract.   `scale`: load (and extract --engine dask).   `web`: serve.

The top layer: may import anything in attrition; nothing imports it.
"""
