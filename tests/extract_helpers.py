"""Helpers for the extractor tests: find the claim for a figure, check the offset promise."""

from __future__ import annotations

from attrition.extract import extract
from attrition.extract.claim import STAGES, UNITS, Claim


def assert_offsets(text: str, claims: list[Claim]) -> None:
    """Every claim points at its figure in `text`, and its quote is the text around it."""
    for claim in claims:
        assert 0 <= claim.char_start < claim.char_end <= len(text), claim
        assert claim.quote, claim
        assert text[claim.quote_start:claim.quote_start + len(claim.quote)] == claim.quote, claim
        assert claim.quote_start <= claim.char_start, claim
        assert claim.char_end <= claim.quote_start + len(claim.quote), claim
        assert claim.unit in UNITS, claim
        assert claim.stage in STAGES, claim


def claims_of(text: str, published: str | None = None) -> list[Claim]:
    """Run the extractor and check the offset promise on what it returns."""
    claims = extract(text, published)
    assert_offsets(text, claims)
    return claims


def claim_for(text: str, figure: str, published: str | None = None) -> Claim:
    """The one claim whose figure is written `figure` (the first such span) in `text`."""
    start = text.index(figure)
    found = [c for c in claims_of(text, published) if c.char_start == start]
    assert found, f"no claim at {figure!r}: {[text[c.char_start:c.char_end] for c in claims_of(text, published)]}"
    assert text[found[0].char_start:found[0].char_end] == figure
    return found[0]


def figures_claimed(text: str, published: str | None = None) -> list[str]:
    """The figures (as written) the extractor claims in `text`."""
    return [text[c.char_start:c.char_end] for c in claims_of(text, published)]
