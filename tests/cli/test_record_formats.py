"""`funnel`, `check` and `official load` print records (--format csv/json/jsonl) as well as text; `funnel`
takes --area and --period strictly; `extract`, `official load` and `check` show progress on a terminal."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys

import pytest
from click.testing import CliRunner

from attrition.cli.main import cli
from serve_helpers import build_claims_db

ATTRITION = [sys.executable, "-m", "attrition.cli"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_claims_db(tmp_path_factory.mktemp("formats"))


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("area", ["Kent", "kent police"])
def test_funnel_json_has_a_record_per_figure_with_whole_numbers(db, area):
    result = run("funnel", "--area", area, "--period", "2022-23", "--format", "json", "--db", db)
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert {(r["stage"], r["value"]) for r in records if r["origin"] == "official"} == {
        ("recorded", 2450), ("charged", 131)}
    assert all(r["area"] == "Kent" and r["period_start"] == "2022-04-01" for r in records)
    claimed = {r["value"] for r in records if r["origin"] == "claim"}
    assert {2450, 2610, 112} <= claimed and all(isinstance(v, int) for v in claimed)


def test_funnel_csv_and_jsonl(db):
    lines = run("funnel", "--area", "Kent", "--period", "2022/23", "--format", "jsonl", "--db", db).output.splitlines()
    found = [json.loads(line) for line in lines]
    table = list(csv.DictReader(io.StringIO(
        run("funnel", "--area", "Kent", "--period", "2022/23", "--format", "csv", "--db", db).output)))
    assert len(found) == len(table) > 3
    assert table[0].keys() == found[0].keys() and table[0]["ref"] == found[0]["ref"]
    bare = run("funnel", "--area", "Kent", "--period", "2022/23", "--format", "csv", "--no-headers", "--db", db)
    assert len(bare.output.splitlines()) == len(table)


@pytest.mark.parametrize("args, message", [
    (["--area", "Narnia", "--period", "2022/23"], "unknown area 'Narnia'"),
    (["--area", "Kentt", "--period", "2022/23"], "did you mean Gwent, Kent?"),
    (["--area", "Kent", "--period", "2022/24"], "not a financial year"),
    (["--area", "Kent", "--period", "2022-13-01"], "'--period'"),
])
def test_funnel_refuses_unknown_areas_and_periods_as_usage_errors(db, args, message):
    result = run("funnel", *args, "--db", db)
    assert result.exit_code == 2 and message in result.output, result.output


def test_check_prints_one_record_in_json_jsonl_and_csv(db):
    record = json.loads(run("check", "--full", "--format", "json", "--db", db).output)
    assert record["claims"] == record["total"] > 0 and record["written"] > 0
    assert record["verdicts"]["official"]["differs"] >= 1 and record["verdicts"]["across"]["conflict"] >= 1
    lines = run("check", "--format", "jsonl", "--db", db).output.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["written"] == 0  # nothing new the second time
    (row,) = csv.DictReader(io.StringIO(run("check", "--full", "--format", "csv", "--db", db).output))
    assert int(row["written"]) == record["written"] and int(row["official_differs"]) == \
        record["verdicts"]["official"]["differs"]


def test_official_load_prints_a_record_per_file(tmp_path):
    figures = tmp_path / "figures.csv"
    figures.write_text("area,offence,stage,unit,value,population,period_start,period_end,publisher,dataset,url\n"
                       "Kent,rape,charged,count,27,all,2017-04-01,2018-03-31,CPS,test,https://example.org/t\n")
    db = tmp_path / "t.db"
    first = run("official", "load", figures, "--format", "jsonl", "--db", db)
    again = run("official", "load", figures, "--format", "json", "--db", db)
    assert first.exit_code == again.exit_code == 0
    (record,) = [json.loads(line) for line in first.output.splitlines()]
    assert (record["layout"], record["rows"], record["new"], record["already_loaded"]) == ("tidy", 1, 1, False)
    assert json.loads(again.output)[0]["already_loaded"] is True


def on_a_terminal(args, cwd, stdout=subprocess.PIPE) -> tuple[subprocess.CompletedProcess, str]:
    """Run the CLI with standard error on a pseudo-terminal; return the process and what the terminal got."""
    main, secondary = pty.openpty()
    done = subprocess.run([*ATTRITION, *map(str, args)], stderr=secondary, stdout=stdout, text=True,
                          timeout=180, cwd=cwd)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk.decode())
    os.close(main)
    return done, "".join(chunks)


def test_official_load_extract_and_check_show_progress_on_a_terminal_only(tmp_path):
    figures = tmp_path / "figures.csv"
    figures.write_text("area,offence,stage,unit,value,population,period_start,period_end,publisher,dataset,url\n"
                       "Kent,rape,charged,count,27,all,2017-04-01,2018-03-31,CPS,test,https://example.org/t\n")
    articles = tmp_path / "a.jsonl"
    articles.write_text("".join(json.dumps({"id": f"a{i}", "text": f"Kent Police recorded {100 + i} rapes in 2022."})
                                + "\n" for i in range(3)))
    db = tmp_path / "t.db"
    loaded, terminal = on_a_terminal(["official", "load", figures, "--db", db], tmp_path)
    assert loaded.returncode == 0 and "\rofficial load: 1 files loaded" in terminal
    extracted, terminal = on_a_terminal(["extract", articles], tmp_path)
    assert extracted.returncode == 0 and len(extracted.stdout.splitlines()) == 3
    assert "\rextract: 3 articles read" in terminal
    assert run("ingest", articles, "--db", db).exit_code == 0
    checked, terminal = on_a_terminal(["check", "--db", db], tmp_path)
    assert checked.returncode == 0 and "\rcheck: checking 3 claims, 0 s" in terminal
    assert checked.stdout.startswith("3 claims")
    quiet, terminal = on_a_terminal(["check", "--full", "-q", "--db", db], tmp_path)
    assert quiet.returncode == 0 and terminal == ""
    piped = subprocess.run([*ATTRITION, "official", "load", str(figures), "--db", str(db)],
                           capture_output=True, text=True, timeout=120)
    assert piped.returncode == 0 and piped.stderr == ""
