"""Police force names for the corpus side: official files and user filters.

The one force reference lives in `attrition.extract.forces` (packaged
`forces.csv` with ONS codes and aliases); this module gives the corpus code its
vocabulary over it, so `London, City of`, `City of London Police` and
`City of London` are one force everywhere.

    from attrition.corpus.forces import canonical_force
    canonical_force("London, City of")   # -> "City of London"
"""

from __future__ import annotations

from attrition.extract.forces import resolve_force

# Areas a claim may name that are not forces (GOLD.md: national figures).
NATIONAL_AREAS = ("England and Wales", "England", "Wales")


def canonical_force(name: str | None) -> str | None:
    """Return the canonical name for a force name or alias, or None if `name` names no known force.

    Takes any spelling from forces.csv (case and `&`/`and` insensitive; trailing
    publisher notes such as `[Note 6]` ignored); national areas pass through.
    """
    return resolve_force(name)


def is_force(area: str | None) -> bool:
    """Return True when `area` is a police force (not a national area, not None)."""
    return bool(area) and area not in NATIONAL_AREAS and canonical_force(area) is not None
