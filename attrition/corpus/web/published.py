"""Where an official figure was published, for people: the URL to cite instead of a local path.

    published_url("/data/rec-crime-pfa.csv", local)    # the file's public URL, by its SHA-256
    published_url("github:owner/repo@abc123:data.csv")  # https://github.com/owner/repo/blob/abc123/data.csv

An official row's `url` is what `attrition official load` was told (`--url`),
what the file says of itself (the tidy layout's url column, the ONS tables'
title), or else the absolute path it was loaded from. The site shows a path as
the file's published URL when the file's bytes (its SHA-256 in
`official_files`) are in the packaged published_files.csv, and a repository
reference (`github:owner/repo@commit:path`, as ../shared/official/README.md
and official_figures.csv give them) as its GitHub URL; anything else as stored.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from importlib import resources

_GITHUB_REF = re.compile(r"github:(?P<repo>[\w.-]+/[\w.-]+)@(?P<commit>[0-9a-f]{7,40}):(?P<path>\S+)")


@lru_cache(maxsize=1)
def known_files() -> dict[str, str]:
    """Return {SHA-256: published URL} of the official files attrition knows (published_files.csv)."""
    text = resources.files("attrition.corpus.web").joinpath("published_files.csv").read_text(encoding="utf-8")
    return {row["sha256"].strip().lower(): row["url"].strip() for row in csv.DictReader(io.StringIO(text))}


def local_files(rows) -> dict[str, str]:
    """Return {loaded path: published URL} for `official_files` rows (path, sha256) whose bytes are known."""
    known = known_files()
    return {path: known[sha.lower()] for path, sha in rows if sha and sha.lower() in known}


def published_url(url: str | None, local: dict[str, str] | None = None) -> str | None:
    """Return the URL to show for a stored official `url`: a known file's public URL for its
    local path, a repository reference as its GitHub URL, otherwise `url` unchanged."""
    if not url:
        return url
    if local and url in local:
        return local[url]
    return _GITHUB_REF.sub(
        lambda m: f"https://github.com/{m['repo']}/blob/{m['commit']}/{m['path']}", url)
