"""Does a figure as a text states it agree with an exact value? Rounding and hedges.

A reporter's `3.3 per cent` stands for anything from 3.25 to 3.35, `three per
cent` for 2.5 to 3.5, `one in five` for 1/5.5 to 1/4.5, `1,700` for 1,650 to
1,750, and `nearly 1,700` for a little under 1,700. `stated_range` turns a figure
into the range of exact values it is consistent with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# How far a hedged figure ("nearly 1,700", "more than 1,000", "around 50") may be
# from the exact value and still be fair: 5% on the side the hedge points to.
HEDGE_TOLERANCE = 0.05

# Round counts: "1,700" may be rounded to the hundred, but a small round count
# ("50 convictions") is usually exact, so only counts from this size are treated as rounded.
ROUNDED_COUNT_FROM = 1000

_BELOW = ("nearly", "almost", "just under", "under", "less than", "fewer than", "up to", "below",
          "just short of", "not quite")
_ABOVE = ("more than", "over", "at least", "above", "in excess of", "upwards of", "just over",
          "exceeding", "greater than")


@dataclass(frozen=True)
class StatedRange:
    """The exact values a stated figure is consistent with, and how the range was found."""

    low: float
    high: float
    basis: str  # e.g. "to 1 decimal place", "to the nearest 100", "hedged 'nearly'"

    def contains(self, value: float) -> bool:
        """Return True when `value` lies in the range (ends included, float noise allowed)."""
        eps = 1e-9 * max(1.0, abs(value))
        return self.low - eps <= value <= self.high + eps


def decimals(figure_text: str | None, value: float) -> int:
    """Return the number of decimal places a figure is stated to.

    Takes the figure as written (`3.3`, `three per cent`, `21%`) and its value;
    written digits decide (`3.30` -> 2), words count as whole numbers, and
    without text the value's own representation is used.
    """
    if figure_text:
        match = re.search(r"\d[\d,]*(?:\.(\d+))?", figure_text)
        if match:
            return len(match.group(1) or "")
        return 0
    text = repr(float(value))
    return 0 if text.endswith(".0") else len(text.split(".")[1])


def _one_in(figure_text: str | None) -> bool:
    return bool(figure_text and re.search(r"\b(?:one|1|a)\s+in\s+\w+", figure_text, re.IGNORECASE))


def _hedge(comparator: str | None) -> str | None:
    if not comparator:
        return None
    text = re.sub(r"\s+", " ", comparator).strip().casefold()
    if any(text.startswith(word) or f" {word}" in f" {text}" for word in _BELOW):
        return "below"
    if any(text.startswith(word) or f" {word}" in f" {text}" for word in _ABOVE):
        return "above"
    return "about"


def stated_range(value: float, unit: str, figure_text: str | None = None,
                 comparator: str | None = None) -> StatedRange:
    """Return the range of exact values a stated figure is consistent with.

    Takes the claim's value and unit (`count`, `percent`, `per_100k`), the figure
    as written (for its precision; optional) and its comparator (`nearly`, `more
    than`, `around`; optional). Percentages and rates are taken as rounded to the
    decimals written; `one in N` as rounded N; counts as exact, except counts of
    1,000 or more ending in zeros, taken as rounded to that place.
    """
    if unit == "percent" and _one_in(figure_text) and value > 0:
        n = round(100 / value)
        low, high, basis = 100 / (n + 0.5), (100 / (n - 0.5) if n > 0.5 else float("inf")), f"one in {n}"
    elif unit == "count":
        whole = int(round(value))
        zeros = 0
        if whole >= ROUNDED_COUNT_FROM and value == whole:
            while whole % 10 ** (zeros + 1) == 0:
                zeros += 1
        if zeros >= 2:
            half = 10 ** zeros / 2
            low, high, basis = value - half, value + half, f"to the nearest {10 ** zeros:,}"
        else:
            low, high, basis = value, value, "exactly"
    else:
        places = decimals(figure_text, value)
        half = 0.5 * 10 ** -places
        low, high = value - half, value + half
        basis = "to the whole number stated" if places == 0 else f"to the {places} decimal place(s) stated"

    hedge = _hedge(comparator)
    # A hedge that points one way bounds the other side at the stated value itself.
    if hedge == "below":
        low, high = min(low, value * (1 - HEDGE_TOLERANCE)), value
        basis = f"{basis}, hedged '{comparator}'"
    elif hedge == "above":
        low, high = value, max(high, value * (1 + HEDGE_TOLERANCE))
        basis = f"{basis}, hedged '{comparator}'"
    elif hedge == "about":
        low = min(low, value * (1 - HEDGE_TOLERANCE))
        high = max(high, value * (1 + HEDGE_TOLERANCE))
        basis = f"{basis}, hedged '{comparator}'"
    return StatedRange(low, high, basis)
