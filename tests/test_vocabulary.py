"""STAGES, UNITS and OFFENCES are defined once (attrition/extract/claim.py); schema.sql's CHECKs list exactly them."""

from __future__ import annotations

import re

import pytest

from attrition.corpus.check.funnel import FUNNEL_STAGES
from attrition.corpus.store import schema_sql
from attrition.extract.claim import OFFENCES, STAGES, UNITS


def check_values(column: str) -> list[tuple[str, ...]]:
    """Return the value lists of every `column ... IN (...)` CHECK in the claims table of schema.sql."""
    claims = re.search(r"CREATE TABLE IF NOT EXISTS claims \((.*?)\n\);", schema_sql(), re.S).group(1)
    found = []
    for match in re.finditer(rf"\b{column}\s+IN\s*\(([^)]*)\)", claims):
        found.append(tuple(re.findall(r"'([^']*)'", match.group(1))))
    return found


@pytest.mark.parametrize("column, values", [
    ("stage", STAGES), ("of_stage", STAGES), ("unit", UNITS), ("offence", OFFENCES),
])
def test_schema_checks_list_exactly_the_extractor_vocabulary(column, values):
    lists = check_values(column)
    assert lists, f"no CHECK ({column} IN ...) in the claims table"
    assert all(found == tuple(values) for found in lists), (column, lists, values)


def test_the_funnel_lists_every_stage_but_other():
    assert FUNNEL_STAGES == tuple(s for s in STAGES if s != "other")
