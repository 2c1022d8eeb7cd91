"""The Claim: one figure in one article, with everything a fact-checker writes down about it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

STAGES = (
    "reported", "recorded", "no_crime", "referred", "charged",
    "prosecuted", "convicted", "nfa", "withdrawn", "other",
)
UNITS = ("count", "percent", "per_100k")
OFFENCES = ("rape", "sexual_assault", "sexual_offences", "other")

# The fields of ../shared/eval/GOLD.md, in its order; exports must keep exactly these.
GOLD_FIELDS = (
    "article", "quote", "value", "unit", "stage", "of_stage", "offence", "area",
    "period_start", "period_end", "period_text", "source", "speaker", "change",
)


@dataclass
class Claim:
    """A figure quoted in an article and what it is a figure of.

    `char_start`/`char_end` are offsets into the text the claim was extracted from:
    `text[char_start:char_end]` is the figure as written (`4,214`, `three per cent`).
    `quote` is an exact substring of the text around the figure, starting at
    `quote_start`. `comparator` records a hedge (`more than`, `nearly`); the
    `*_inherited` flags say the force or period came from an earlier sentence.
    """

    value: float
    unit: str
    stage: str
    quote: str
    char_start: int
    char_end: int
    quote_start: int
    of_stage: str | None = None
    offence: str = "other"
    area: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    period_text: str | None = None
    source: str | None = None
    speaker: str | None = None
    change: bool = False
    comparator: str | None = None
    area_inherited: bool = False
    period_inherited: bool = False
    source_inherited: bool = False
    confidence: float = 1.0
    article: str | None = field(default=None)

    def to_gold(self, article: str | None = None) -> dict:
        """Return the claim as a dict in GOLD.md form (the export/scoring format).

        `article` overrides the claim's own article label. Whole-number values
        are written as integers (`864`, not `864.0`).
        """
        row = asdict(self)
        row["article"] = article if article is not None else self.article
        value = row["value"]
        row["value"] = int(value) if float(value).is_integer() else value
        return {name: row[name] for name in GOLD_FIELDS}

    def to_row(self) -> dict:
        """Return every field as a plain dict (for storage), value normalised as in `to_gold`."""
        row = asdict(self)
        value = row["value"]
        row["value"] = int(value) if float(value).is_integer() else value
        return row
