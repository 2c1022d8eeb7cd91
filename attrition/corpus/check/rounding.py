"""Does a figure as a text states it agree with an exact value? Rounding and hedges.

A reporter's `3.3 per cent` stands for anything from 3.25 to 3.4 (rounded, or
truncated: 3.39 cut to 3.3), `three per cent` for 2.5 to 3.5, `one in five` for
1/5.5 to 1/4.5, `1,700` for 1,650 to 1,750, and `nearly 1,700` for a little under
1,700. One-sided hedges are bounds: `more than 40 per cent` holds for 42.7,
`under 10%` for anything up to 10. `stated_range` turns a figure into the range of
exact values it is consistent with.
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

# Close hedges: the exact value is a little to one side of the figure (within HEDGE_TOLERANCE).
_CLOSE_BELOW = ("nearly", "almost", "just under", "just short of", "not quite", "just below")
_CLOSE_ABOVE = ("just over", "just above", "just more than", "slightly more than", "slightly over")
# One-sided hedges: the figure is a bound, nothing on the far side of it is wrong.
_BELOW = ("under", "less than", "fewer than", "up to", "below", "at most", "at_most", "less_than")
_ABOVE = ("more than", "over", "at least", "above", "in excess of", "upwards of",
          "exceeding", "greater than", "more_than", "at_least")


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
    """Return how a hedge bounds a figure: bound_above, bound_below (one-sided), below, above (close), about."""
    if not comparator:
        return None
    text = re.sub(r"[\s_]+", " ", comparator).strip().casefold()
    if any(text.startswith(word) for word in _CLOSE_BELOW):
        return "below"
    if any(text.startswith(word) for word in _CLOSE_ABOVE):
        return "above"
    if any(text.startswith(word) or f" {word}" in f" {text}" for word in _BELOW):
        return "bound_below"
    if any(text.startswith(word) or f" {word}" in f" {text}" for word in _ABOVE):
        return "bound_above"
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
            step = 10 ** zeros
            low, high, basis = value - step / 2, value + step / 2, f"to the nearest {step:,}"
        else:
            low, high, basis = value, value, "exactly"
    else:
        places = decimals(figure_text, value)
        step = 10 ** -places
        if places == 0:
            low, high, basis = value - step / 2, value + step / 2, "to the whole number stated"
        else:
            # Rounded (37.85..37.95 -> 37.9) or truncated (37.89 -> 37.8) to the decimals written.
            low, high = value - step / 2, value + step
            basis = f"to the {places} decimal place(s) stated (rounded or truncated)"

    hedge = _hedge(comparator)
    if hedge == "bound_above":   # "more than 40 per cent": a lower bound, nothing above it is wrong
        low, high = value, float("inf")
        basis = f"a lower bound ('{comparator}')"
    elif hedge == "bound_below":  # "under 10%", "fewer than 500": an upper bound
        low, high = 0.0, value
        basis = f"an upper bound ('{comparator}')"
    elif hedge == "below":        # "nearly", "just under": a little under the figure
        low, high = min(low, value * (1 - HEDGE_TOLERANCE)), value
        basis = f"{basis}, hedged '{comparator}'"
    elif hedge == "above":        # "just over": a little over the figure
        low, high = value, max(high, value * (1 + HEDGE_TOLERANCE))
        basis = f"{basis}, hedged '{comparator}'"
    elif hedge == "about":
        low = min(low, value * (1 - HEDGE_TOLERANCE))
        high = max(high, value * (1 + HEDGE_TOLERANCE))
        basis = f"{basis}, hedged '{comparator}'"
    return StatedRange(low, high, basis)
