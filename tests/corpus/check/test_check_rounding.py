"""Whether a figure as the text states it agrees with an exact value."""

from __future__ import annotations

import pytest

from attrition.corpus.check.rounding import decimals, stated_range


@pytest.mark.parametrize("value, unit, text, comparator, exact, agrees", [
    (3.3, "percent", "3.3", None, 50 / 1527 * 100, True),          # 3.27 rounds to 3.3
    (3.3, "percent", "3.3", None, 3.36, True),  # truncated
    (3.3, "percent", "3.3", None, 3.41, False),
    (3, "percent", "three per cent", None, 3.27, True),             # whole number stated
    (3, "percent", "three per cent", None, 3.6, False),
    (3.0, "percent", "3.0", None, 3.27, False),                     # 3.0 states one decimal place
    (21, "percent", "21", None, 21.4, True),
    (20, "percent", "one in five", None, 21.0, True),               # 1 in 4.76 is still one in five
    (20, "percent", "one in five", None, 24.0, False),              # that is one in four
    (110, "count", "110", None, 110, True),
    (110, "count", "110", None, 111, False),                        # small counts are exact
    (1700, "count", "1,700", None, 1684, True),                     # to the nearest 100
    (1700, "count", "1,700", "nearly", 1684, True),
    (1700, "count", "1,700", "nearly", 1730, False),                # nearly points below
    (1700, "count", "1,700", "nearly", 1600, False),                # more than 5% below
    (1000, "count", "1,000", "more than", 1040, True),
    (1000, "count", "1,000", "more than", 990, False),
    (50, "count", "50", "around", 52, True),
])
def test_stated_range(value, unit, text, comparator, exact, agrees):
    assert stated_range(value, unit, text, comparator).contains(exact) is agrees


def test_decimals_come_from_the_written_figure():
    assert decimals("3.30", 3.3) == 2
    assert decimals("three", 3) == 0
    assert decimals(None, 4.25) == 2
