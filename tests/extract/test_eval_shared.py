"""The extractor against the hand-checked real articles in ../shared (skipped when absent).

Runs `attrition extract DIR --manifest SET.manifest.csv` exactly as a user
would, scores the output with the project's own scorer
(../shared/eval/score.py) and fails under the bars.

`FLOORS` are regression guards at the scores reached so far; `ISSUE_BARS` are
the extractor issue's targets (seeds >= 0.95, dev >= 0.93, dev2 >= 0.90 with
period and source agreement >= 0.85). Sets still short of the issue's bar are
marked xfail (not strict) so the gap stays visible in every run.
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

# (F1, agreement on every attribute score.py reports): what the extractor holds now.
FLOORS = {
    "seeds": (0.95, 0.90),
    "dev": (0.93, 0.85),
    "dev2": (0.90, 0.84),
}
# (F1, period and source agreement): the extractor issue's bars.
ISSUE_BARS = {
    "seeds": (0.95, 0.85),
    "dev": (0.93, 0.85),
    "dev2": (0.90, 0.85),
}


def _scorer():
    spec = importlib.util.spec_from_file_location("attrition_shared_score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(name: str) -> dict:
    folder = SHARED / name
    if not folder.is_dir():
        pytest.skip(f"../shared/{name} is not here")
    args = ["extract", str(folder), "--format", "jsonl"]
    manifest = EVAL / f"{name}.manifest.csv"
    if manifest.exists():
        args += ["--manifest", str(manifest)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    preds = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    score = _scorer()
    return score.score(score.load(EVAL / f"{name}.gold.jsonl"), preds)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_extractor_holds_its_floor_on_real_articles(name):
    result = _score(name)
    f1_bar, attr_bar = FLOORS[name]
    summary = f"{name}: F1 {result['f1']:.3f}, agreement {result['attributes']}"
    assert result["f1"] >= f1_bar, summary
    for value in result["attributes"].values():
        assert value >= attr_bar, summary


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ISSUE_BARS))
def test_extractor_meets_the_issue_bar_on_real_articles(name, request):
    result = _score(name)
    f1_bar, attr_bar = ISSUE_BARS[name]
    agreement = result["attributes"]
    summary = f"{name}: F1 {result['f1']:.3f}, period {agreement['period']:.2f}, source {agreement['source']:.2f}"
    met = result["f1"] >= f1_bar and agreement["period"] >= attr_bar and agreement["source"] >= attr_bar
    if not met:
        request.node.add_marker(pytest.mark.xfail(reason=f"short of the issue's bar: {summary}", strict=False))
    assert met, summary


PROBE = Path(__file__).resolve().parents[2] / "bench" / "probe"
# The invented, blind-labelled sets of bench/probe (scored with ../shared's scorer): regression
# guards a little under what extractor 2.4.0 scores (probeF and probeH are held out; their floors guard
# only against a fall; their misses are not read).
PROBE_FLOORS = {"probeA": 0.95, "probeB": 0.93, "probeC": 0.93, "probeD": 0.94, "probeE": 0.93,
                "probeF": 0.82, "probeG": 0.95, "probeH": 0.89, "probeI": 0.94, "probeJ": 0.92, "probeK": 0.93}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PROBE_FLOORS))
def test_extractor_holds_its_floor_on_the_probe_sets(name):
    args = ["extract", str(PROBE / name), "--format", "jsonl", "--manifest", str(PROBE / "eval" / f"{name}.manifest.csv")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    preds = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    score = _scorer()
    scored = score.score(score.load(PROBE / "eval" / f"{name}.gold.jsonl"), preds)
    assert scored["f1"] >= PROBE_FLOORS[name], f"{name}: F1 {scored['f1']:.3f}"
