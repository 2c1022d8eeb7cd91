"""Keeping current: the nightly `update` from feeds and sitemaps, and re-extraction.

- `run`: read feeds (conditional GETs) → queue entries → fetch → gate → extract → store → check,
  each step committed on its own.
- `reextract`: stored articles from an older extractor version, extracted again.
- `feedlist`: the feeds file.   `runlog`: the events of a run, for a person or for cron.

May import check/, scale/, store/, read/, `attrition.extract` and `attrition.errors`;
nothing in the corpus imports it but the CLI.
"""
