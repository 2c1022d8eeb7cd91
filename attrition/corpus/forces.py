"""Police force names: map what a publisher or reporter writes to the canonical short name.

Reads the packaged reference `attrition/extract/data/forces.csv` (`name,ons_code,country,aliases`),
so `London, City of`, `City of London Police` and `City of London` are one force.

    from attrition.corpus.forces import canonical_force
    canonical_force("London, City of")   # -> "City of London"
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from importlib import resources

# Areas a claim may name that are not forces (GOLD.md: national figures).
NATIONAL_AREAS = ("England and Wales", "England", "Wales")


def _key(name: str) -> str:
    """Return the comparison key of a name: notes like `[Note 6]` dropped, case and spacing folded."""
    name = re.sub(r"\[[^\]]*\]", "", name)
    name = name.replace("&", "and").replace("\u2013", "-")
    return re.sub(r"\s+", " ", name).strip().casefold()


@lru_cache(maxsize=1)
def force_names() -> dict[str, str]:
    """Return a dict from the key of every force name and alias to the canonical force name."""
    text = resources.files("attrition.extract").joinpath("data/forces.csv").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text)):
        canonical = row["name"].strip()
        for alias in [canonical, *(row.get("aliases") or "").split("|")]:
            if alias.strip():
                names.setdefault(_key(alias), canonical)
    for area in NATIONAL_AREAS:
        names.setdefault(_key(area), area)
    return names


def canonical_force(name: str | None) -> str | None:
    """Return the canonical name for a force name or alias, or None if `name` names no known force.

    Takes any spelling from forces.csv (case and `&`/`and` insensitive; trailing
    publisher notes such as `[Note 6]` ignored); national areas pass through.
    """
    if not name:
        return None
    return force_names().get(_key(name))


def is_force(area: str | None) -> bool:
    """Return True when `area` is a police force (not a national area, not None)."""
    return bool(area) and area not in NATIONAL_AREAS and canonical_force(area) is not None
