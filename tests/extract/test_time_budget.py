"""Bounded time per article (issue 15): hostile text stays linear, and a time limit names what passes it."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from attrition.cli.main import cli
from attrition.extract import ExtractionTimeout, extract
from attrition.extract.pipeline import time_budget


def _seconds(text: str) -> float:
    started = time.perf_counter()
    extract(text, seconds_per_10kb=1000)
    return time.perf_counter() - started


@pytest.mark.parametrize("unit", ["1 ", "rape 5\n", '"a" 5 ', "1,", "£1,"])
def test_pathological_text_stays_within_its_bound(unit):
    # Each of these once grew with the square (or cube) of its length; at 4 KB the worst
    # took over 60 s. Linear now: well under a second per 4 KB, and 4x the text is not 16x the time.
    small = "Kent rape figures: " + unit * (1_000 // len(unit))
    large = "Kent rape figures: " + unit * (4_000 // len(unit))
    t_small, t_large = _seconds(small), _seconds(large)
    assert t_large < 3.0, f"{unit!r}: {t_large:.2f} s for 4 KB"
    assert t_large < 8 * max(t_small, 0.05), f"{unit!r}: {t_small:.2f} s -> {t_large:.2f} s"


def test_the_budget_grows_with_the_text_and_has_a_floor():
    assert time_budget("x" * 100) == pytest.approx(0.6)  # counted as 2 KB
    assert time_budget("x" * 102_400) == pytest.approx(30.0)
    assert time_budget("x" * 10_240, seconds_per_10kb=1.0) == pytest.approx(1.0)


def test_an_article_past_its_time_limit_raises_naming_the_limit():
    text = "Kent Police recorded 1,200 rapes in 2022. " * 50
    with pytest.raises(ExtractionTimeout, match="time limit"):
        extract(text, seconds_per_10kb=1e-9)
    assert extract(text)  # the default budget is ample for an ordinary text


def test_the_cli_names_the_article_that_passed_its_limit_and_goes_on(tmp_path):
    # 40 KB that takes seconds to read (budget 0.4 s at 0.1 s per 10 KB) beside a line that takes
    # milliseconds (budget 0.02 s: a text under 2 KB counts as 2 KB).
    (tmp_path / "hostile.txt").write_text("Kent rape figures:\n" + "rape 5\n" * 6_000, encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Kent Police recorded 1,200 rapes in 2022.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--format", "jsonl", "--time-limit", "0.1"])
    assert result.exit_code == 1
    assert "hostile.txt" in result.stderr and "time limit" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["article"], r["value"]) for r in rows] == [("plain", 1200)]
