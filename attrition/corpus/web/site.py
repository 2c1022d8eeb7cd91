"""The metadata Datasette is given for one attrition database.

    metadata = site_metadata("claims")   # the database's name in Datasette: its file's stem

Titles, licences, descriptions of every column, facets and full-text search
settings come from the packaged metadata.json; the canned queries from
queries.py; the plugin learns which database is attrition's.
"""

from __future__ import annotations

import json
from importlib import resources

from attrition.corpus.web.plugin import PLUGIN
from attrition.corpus.web.queries import canned_queries

TEMPLATES = resources.files("attrition.corpus.web").joinpath("templates")


def packaged_metadata() -> dict:
    """Return the packaged metadata.json as a dict (its `database` entry not yet named)."""
    text = resources.files("attrition.corpus.web").joinpath("metadata.json").read_text(encoding="utf-8")
    return json.loads(text)


def site_metadata(database: str) -> dict:
    """Return Datasette metadata for serving an attrition database under the name `database`."""
    metadata = packaged_metadata()
    db = metadata.pop("database")
    db["queries"] = canned_queries()
    metadata["databases"] = {database: db}
    metadata["plugins"] = {PLUGIN: {"database": database}}
    return metadata


def template_dir() -> str:
    """Return the directory of the packaged templates (the claim page)."""
    return str(TEMPLATES)
