"""`attrition claims --area` takes any name a user would type for a force, not only the canonical one."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from attrition.cli.main import cli

ARTICLE = "Hertfordshire Constabulary recorded 905 rapes in 2021/22 and charged 61 of them.\n"


@pytest.fixture()
def db(tmp_path):
    source = tmp_path / "herts-2022.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "claims.db"
    result = CliRunner().invoke(cli, ["ingest", str(source), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("area", ["Hertfordshire", "herts", "Herts Police", "HERTFORDSHIRE CONSTABULARY"])
def test_area_filter_accepts_aliases(db, area):
    result = CliRunner().invoke(cli, ["claims", "--db", str(db), "--area", area, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["value"] for r in rows} == {905, 61}
    assert {r["area"] for r in rows} == {"Hertfordshire"}


def test_an_unknown_area_is_a_usage_error_with_the_nearest_names(db):
    result = CliRunner().invoke(cli, ["claims", "--db", str(db), "--area", "Hertfordshir", "--format", "jsonl"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--area" in result.stderr and "Hertfordshire" in result.stderr


def test_a_name_near_nothing_says_what_an_area_is(db):
    result = CliRunner().invoke(cli, ["claims", "--db", str(db), "--area", "Narnia"])
    assert result.exit_code == 2
    assert "unknown area 'Narnia'" in result.stderr
