"""`import-claims`: hand-checked claims replace an article's extracted ones, errors name the line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from attrition.cli.main import cli
from attrition.corpus.read.article import Article
from attrition.corpus.store import connect
from attrition.corpus.store.articles import save_article
from attrition.corpus.store.handchecked import import_claims

TEXT = "In 2022 Kent Police recorded more than 1,200 rapes. Only 41 of them led to a charge."


def gold(**fields):
    row = {"article": "kent", "quote": "Only 41 of them led to a charge", "value": 41, "unit": "count",
           "stage": "charged", "of_stage": None, "offence": "rape", "area": "Kent",
           "period_start": "2022-01-01", "period_end": "2022-12-31", "period_text": "2022",
           "source": None, "speaker": None}
    row.update(fields)
    return json.dumps(row)


def stored(tmp_path):
    conn = connect(tmp_path / "t.db")
    save_article(conn, Article(text=TEXT, label="kent"), [], "1.0")
    return conn


def test_claims_replace_the_articles_and_find_their_figure(tmp_path):
    conn = stored(tmp_path)
    path = tmp_path / "g.jsonl"
    path.write_text(gold() + "\n" + gold(quote="recorded more than 1,200 rapes", value=1200, stage="recorded")
                    + "\n")
    report = import_claims(conn, path)
    assert (report.articles, report.claims, report.errors) == (1, 2, [])
    rows = {r["value"]: r for r in conn.execute("SELECT * FROM claims")}
    assert TEXT[rows[41]["char_start"]:rows[41]["char_end"]] == "41"
    assert rows[1200]["comparator"] == "more than"
    assert conn.execute("SELECT count(*) FROM hand_checked_claims").fetchone()[0] == 2
    conn.close()


def test_hand_checked_claims_survive_reextraction(tmp_path):
    conn = stored(tmp_path)
    path = tmp_path / "g.jsonl"
    path.write_text(gold() + "\n")
    import_claims(conn, path)
    result = save_article(conn, Article(text=TEXT, label="kent"), [], "2.0")  # a newer extractor finds nothing
    assert result.status == "updated"
    assert [r["value"] for r in conn.execute("SELECT value FROM claims")] == [41]
    conn.close()


def test_unknown_article_and_missing_quote_name_their_lines_and_the_rest_goes_in(tmp_path):
    conn = stored(tmp_path)
    path = tmp_path / "g.jsonl"
    path.write_text(gold(article="nowhere") + "\n" + gold() + "\n" + "{not json\n")
    report = import_claims(conn, path)
    assert report.claims == 1
    assert any("line 1" in e and "unknown article 'nowhere'" in e for e in report.errors)
    assert any("line 3" in e and "not JSON" in e for e in report.errors)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(gold(quote="a sentence that is not there") + "\n")
    report = import_claims(conn, bad)
    assert report.claims == 0 and "line 1" in report.errors[0] and "quote not found" in report.errors[0]
    assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 1  # the article kept its claims
    conn.close()


def test_the_command_exits_1_when_a_line_is_refused(tmp_path):
    conn = stored(tmp_path)
    conn.close()
    path = tmp_path / "g.jsonl"
    path.write_text(gold() + "\n" + gold(article="nowhere") + "\n")
    result = CliRunner().invoke(cli, ["import-claims", str(path), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 1
    assert "1 hand-checked claims for 1 articles, 1 lines refused" in result.output
