"""The extractor against the hand-checked real articles in ../shared (skipped when absent).

Runs `attrition extract` exactly as a user would, scores the output with the
project's own scorer (../shared/eval/score.py) and fails under the bars of the
extractor issue: seeds F1 >= 0.95 with attribute agreement >= 0.9; dev F1 >= 0.90
with attribute agreement >= 0.85.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from attrition.cli.main import cli

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
EVAL = SHARED / "eval"

pytestmark = pytest.mark.skipif(not (EVAL / "score.py").exists(), reason="../shared/eval is not here")

BARS = {
    "seeds": (0.95, 0.90),
    "dev": (0.90, 0.85),
}


def _scorer():
    spec = importlib.util.spec_from_file_location("attrition_shared_score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extract(folder: Path) -> list[dict]:
    result = CliRunner().invoke(cli, ["extract", str(folder), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BARS))
def test_extractor_meets_the_bar_on_real_articles(name):
    folder = SHARED / name
    if not folder.is_dir():
        pytest.skip(f"../shared/{name} is not here")
    score = _scorer()
    gold = score.load(EVAL / f"{name}.gold.jsonl")
    preds = _extract(folder)
    result = score.score(gold, preds)
    f1_bar, attr_bar = BARS[name]
    agreement = result["attributes"]
    summary = f"{name}: F1 {result['f1']:.3f}, agreement {agreement}"
    assert result["f1"] >= f1_bar, summary
    for attr, value in agreement.items():
        assert value >= attr_bar, summary
