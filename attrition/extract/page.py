"""The page's own metadata: which force a page is about when its text does not say.

A force's FOI page or press release often says only "our force area"; a local
paper's headline names the county its body never repeats. `page_area(meta)`
reads the title, then the publisher, then the URL's host and path, and returns
the first force they name. `page_source(meta)` is the publisher's name when the
publisher is a force (its own release or FOI disclosure) or a statistics body
(a CPS or ONS release).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from attrition.extract.forces import find_area_mentions, load_forces
from attrition.extract.sources import known_body

_PCC = re.compile(r"\b(?:Police(?:,)?\s+(?:and|&)\s+Crime\s+Commissioner|PCC|Police\s+(?:and|&)\s+Crime\s+Panel)\b", re.I)
_FORCE_WORD = re.compile(r"\b(?:Police|Constabulary|Police\s+Service)\b")


def _first_force(text: str | None) -> str | None:
    """The first force or place `text` names (national phrases do not count)."""
    if not text:
        return None
    for mention in find_area_mentions(text):
        if mention.kind in ("force", "place") and mention.area:
            return mention.area
    return None


def _url_words(url: str | None) -> str:
    """`https://www.suffolk.police.uk/foi/rape-2021` -> `Suffolk Police Uk Foi Rape 2021`."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = re.sub(r"^www\.", "", parts.hostname or "")
    words = re.split(r"[^A-Za-z]+", host + " " + parts.path)
    return " ".join(w.capitalize() for w in words if len(w) > 2)


def page_area(meta: dict | None) -> str | None:
    """The force a page is about by its metadata: title, then publisher, then URL; None if none."""
    if not meta:
        return None
    for text in (meta.get("title"), meta.get("publisher"), _url_words(meta.get("url"))):
        area = _first_force(text)
        if area:
            return area
    return None


def speaks_for_force(meta: dict | None) -> bool:
    """True when the page's publisher is a police force or its commissioner: its "we" is the force."""
    publisher = (meta or {}).get("publisher") or ""
    return bool(_FORCE_WORD.search(publisher) or _PCC.search(publisher)) and _first_force(publisher) is not None


def page_source(meta: dict | None) -> str | None:
    """The publishing force's organisation name when a force published the page, else None.

    A Police and Crime Commissioner is not the force: its pages quote the force's
    data, so the force's name is still the source.
    """
    if not meta or not meta.get("publisher"):
        return None
    publisher = meta["publisher"]
    body = known_body(publisher)
    if body:
        return body  # a statistics body's own release: its figures are its own
    if not (_FORCE_WORD.search(publisher) or _PCC.search(publisher)):
        return None
    area = _first_force(publisher)
    force = load_forces().get(area) if area else None
    return force.organisation if force else None
