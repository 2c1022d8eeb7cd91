"""Honest filters and citable exports: strict option values, a database that is ours, rows a fact-checker can cite."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from attrition.cli.main import cli
from attrition.corpus import store
from attrition.corpus.read.article import Article
from attrition.corpus.store import query
from attrition.extract.claim import Claim

KENT = ("Rape charges in Kent\n\nFewer than one in five rapes reported to Kent Police in 2022 led to a "
        "charge, the Crown Prosecution Service said. More than 1,000 rapes were recorded by Kent Police "
        "in 2022.\n")
# A wire story for a year that ends in 2022-12: only a whole-year --since 2022 keeps it.
JANUARY = '{"url": "https://example.org/jan", "title": "January rapes", "published": "2022-02-02", ' \
          '"text": "Kent Police recorded 35 rapes in January 2022, the force said."}\n'


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    (folder / "kent.txt").write_text(KENT, encoding="utf-8")
    (folder / "wire.jsonl").write_text(JANUARY, encoding="utf-8")
    path = str(folder / "news.db")
    result = run("ingest", str(folder), "--db", path)
    assert result.exit_code == 0, result.output
    return path


def values(result):
    assert result.exit_code == 0, result.output
    return sorted(row["value"] for row in json.loads(result.stdout))


def test_a_year_means_the_whole_year(db):
    assert values(run("claims", "--db", db, "--since", "2022", "--format", "json")) == [20, 35, 1000]
    assert values(run("claims", "--db", db, "--until", "2022", "--format", "json")) == [20, 35, 1000]
    assert values(run("claims", "--db", db, "--since", "2022-02-01", "--format", "json")) == [20, 1000]
    assert values(run("claims", "--db", db, "--since", "2023", "--format", "json")) == []


@pytest.mark.parametrize("form", ["2021/22", "2021-22"])
def test_a_financial_year_is_april_to_march(db, form):
    assert values(run("claims", "--db", db, "--until", form, "--format", "json")) == [20, 35, 1000]
    assert values(run("claims", "--db", db, "--since", form, "--format", "json")) == [20, 35, 1000]
    assert values(run("claims", "--db", db, "--until", "2020/21", "--format", "json")) == []


@pytest.mark.parametrize("option", ["--since", "--until"])
@pytest.mark.parametrize("bad", ["2022-13-01", "2022/24", "22", "last year", "2022-1-5"])
def test_anything_else_is_a_usage_error_naming_the_option_and_its_forms(db, option, bad):
    result = run("claims", "--db", db, option, bad)
    assert result.exit_code == 2, result.output
    assert option in result.stderr and "financial year" in result.stderr and "YYYY-MM-DD" in result.stderr


def test_published_takes_an_iso_date_only(tmp_path):
    (tmp_path / "a.txt").write_text(KENT, encoding="utf-8")
    result = run("extract", str(tmp_path / "a.txt"), "--published", "2022-13-01")
    assert result.exit_code == 2 and "--published" in result.stderr


def test_iso_date_no_longer_swaps_or_invents_numeric_fields():
    from attrition.corpus.read.readers import iso_date

    for bad in ("2022-13-01", "2022/23", "31/02/2023"):
        with pytest.raises(ValueError):
            iso_date(bad)
    assert iso_date("04/05/2023") == "2023-05-04"  # British order, as before
    assert iso_date("4 May 2023") == "2023-05-04"


def test_a_foreign_sqlite_file_is_refused_and_left_untouched(tmp_path, db):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE birds (name TEXT)")
    for command in (["claims"], ["ingest", str(tmp_path)], ["check"]):
        result = run(*command, "--db", str(other))
        assert result.exit_code == 2, result.output
        assert "not an attrition database" in result.stderr and "birds" in result.stderr
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["birds"]


def test_an_empty_file_is_refused_for_reading(tmp_path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    result = run("claims", "--db", str(empty))
    assert result.exit_code == 2 and "empty" in result.stderr
    assert empty.stat().st_size == 0


def test_every_claim_row_carries_its_article_and_its_hedged_figure(db):
    rows = {r["value"]: r for r in json.loads(run("claims", "--db", db, "--format", "json").stdout)}
    assert rows[20]["figure"] == "fewer than 20% of reported"
    assert rows[1000]["figure"] == "more than 1000"
    assert rows[35]["figure"] == "35" and isinstance(rows[35]["value"], int)
    assert rows[35]["article_title"] == "January rapes" and rows[35]["published"] == "2022-02-02"
    assert rows[35]["article_url"] == "https://example.org/jan"
    assert rows[20]["article_url"].endswith("kent.txt")
    as_csv = list(csv.DictReader(io.StringIO(run("claims", "--db", db, "--format", "csv").stdout)))
    assert {r["value"] for r in as_csv} == {"20", "35", "1000"}  # integers, not 35.0
    assert {"article_title", "publisher", "published", "article_url", "figure"} <= set(as_csv[0])
    table = run("claims", "--db", db, "--article", "https://example.org/jan").stdout.splitlines()
    assert "article_title" in table[0] and "January rapes" in table[2] and "2022-02-02" in table[2]


def test_no_headers_for_csv_and_table(db):
    with_headers = run("claims", "--db", db, "--format", "csv").stdout.splitlines()
    without = run("claims", "--db", db, "--format", "csv", "--no-headers").stdout.splitlines()
    assert without == with_headers[1:]
    table = run("claims", "--db", db, "--no-headers").stdout.splitlines()
    assert len(table) == 3 and not table[0].startswith("id")


def test_show_and_runs_print_json_that_is_json(db):
    claim_id = json.loads(run("claims", "--db", db, "--format", "json").stdout)[0]["id"]
    shown = json.loads(run("show", claim_id[:6], "--db", db, "--format", "json").stdout)
    assert shown["claim"]["id"] == claim_id and "text" not in shown["article"] and shown["checks"] == []
    assert json.loads(run("runs", "--db", db, "--format", "json").stdout) == []


def test_a_bad_search_is_a_usage_error_with_the_hint_to_quote(db):
    result = run("search", "kent-conviction", "--db", db)
    assert result.exit_code == 2
    assert "double quotes" in result.stderr and '"kent-conviction"' in result.stderr
    assert run("search", '"kent-police"', "--db", db).exit_code == 0


def test_a_quote_starts_where_its_sentence_or_line_starts(tmp_path):
    text = "Rape figures published Police Scotland recorded 2,498 rapes in 2022/23.\nNext line."
    start = text.index("Scotland")
    figure = text.index("2,498")
    conn = store.connect(tmp_path / "q.db")
    claim = Claim(value=2498, unit="count", stage="recorded", quote=text[start:text.index("\n")],
                  char_start=figure, char_end=figure + 5, quote_start=start, offence="rape")
    store.save_article(conn, Article(text=text, label="scot"), [claim], "test")
    [row] = query.find_claims(conn)
    assert row["quote"] == "Rape figures published Police Scotland recorded 2,498 rapes in 2022/23."
    assert text[row["quote_start"]:].startswith(row["quote"])


def test_help_imports_neither_spacy_nor_dateparser_nor_datasette():
    code = ("import sys\nfrom attrition.cli.main import cli\n"
            "try:\n    cli(['claims', '--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('spacy', 'dateparser', 'datasette') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
