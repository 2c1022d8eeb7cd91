"""`attrition checks` lists every check with its reason and the official row's notes; `check` prints coverage."""

from __future__ import annotations

import json

from click.testing import CliRunner

from attrition.cli.main import cli
from attrition.corpus.read.article import Article
from attrition.corpus.store import connect
from attrition.corpus.store.articles import save_article

TEXT = "In 2017/18 Kent Police charged 35 rapes."
OFFICIAL = ("area,offence,stage,unit,value,population,period_start,period_end,publisher,dataset,url,notes\n"
            "Kent,rape,charged,count,27,all,2017-04-01,2018-03-31,HMICFRS (Rape Monitoring Group),RMG test,"
            "https://example.org/rmg,police charge/summons outcomes\n")
GOLD = {"article": "kent", "quote": "Kent Police charged 35 rapes", "value": 35, "unit": "count", "stage": "charged",
        "of_stage": None, "offence": "rape", "area": "Kent", "period_start": "2017-04-01",
        "period_end": "2018-03-31", "period_text": "2017/18", "source": None, "speaker": None}


def test_checks_jsonl_carries_reason_and_notes(tmp_path):
    db = str(tmp_path / "t.db")
    conn = connect(db)
    save_article(conn, Article(text=TEXT, label="kent"), [], "1.0")
    conn.close()
    (tmp_path / "o.csv").write_text(OFFICIAL)
    (tmp_path / "g.jsonl").write_text(json.dumps(GOLD) + "\n")
    runner = CliRunner()
    assert runner.invoke(cli, ["official", "load", str(tmp_path / "o.csv"), "--db", db]).exit_code == 0
    assert runner.invoke(cli, ["import-claims", str(tmp_path / "g.jsonl"), "--db", db]).exit_code == 0
    checked = runner.invoke(cli, ["check", "--db", db])
    assert "coverage: 1 of 1 claims compared with an official figure (100.0%)" in checked.output
    listed = runner.invoke(cli, ["checks", "--format", "jsonl", "--db", db])
    row = json.loads(listed.output.splitlines()[0])
    assert (row["article"], row["verdict"], row["official_value"]) == ("kent", "differs", 27)
    assert row["reason"].startswith("35 differs from the official 27")
    assert row["official_notes"] == "police charge/summons outcomes"
    assert row["quote"] == "Kent Police charged 35 rapes" and row["url"] == "https://example.org/rmg"
    claim_id = row["claim_id"]
    shown = runner.invoke(cli, ["show", claim_id, "--db", db])
    assert "official notes: police charge/summons outcomes" in shown.output
