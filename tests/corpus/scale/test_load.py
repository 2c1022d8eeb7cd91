"""attrition load: claim shards into SQLite with ingest's claim ids, idempotently, bad lines named."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from attrition.corpus import store
from attrition.cli.main import cli
from attrition.corpus.scale.dask_engine import extract_shard, input_shards, output_name
from attrition.corpus.ingest import ingest
from attrition.corpus.scale.load import load_shards
from attrition.corpus.scale.shards import ShardError
from attrition.extract import EXTRACTOR_VERSION
from scale_helpers import articles_table, claims_table, write_corpus


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    """The test corpus, and its claim shards made one shard at a time in this process."""
    root = tmp_path_factory.mktemp("load")
    sources = write_corpus(root / "in")
    out = root / "out"
    out.mkdir()
    for i, shard in enumerate(input_shards(sources)):
        extract_shard(str(shard), str(out / output_name(i, shard)))
    return sources, out


def test_loaded_shards_equal_an_ingest_of_the_same_inputs(shards, tmp_path):
    sources, out = shards
    ingested = store.connect(tmp_path / "ingest.db")
    direct = ingest(ingested, sources)
    loaded = store.connect(tmp_path / "load.db")
    report = load_shards(loaded, [str(out)])
    assert (report.new, report.unchanged, report.claims) == (direct.new, direct.unchanged, direct.claims)
    assert [str(f) for f in report.failures] == [str(f) for f in direct.failures]
    assert claims_table(loaded) == claims_table(ingested)
    assert articles_table(loaded) == articles_table(ingested)


def test_loading_twice_changes_nothing(shards, tmp_path):
    _, out = shards
    conn = store.connect(tmp_path / "c.db")
    first = load_shards(conn, [str(out / "*.claims.jsonl")], batch=2)
    before = (claims_table(conn), articles_table(conn),
              conn.execute("SELECT id, updated_at FROM articles ORDER BY id").fetchall())
    second = load_shards(conn, [str(out)])
    assert first.new == 8 and first.claims > 0
    assert (second.new, second.updated, second.claims, second.unchanged) == (0, 0, 0, first.new + first.unchanged)
    assert (claims_table(conn), articles_table(conn),
            conn.execute("SELECT id, updated_at FROM articles ORDER BY id").fetchall()) == before


def test_bad_lines_are_named_and_their_shard_refused_whole(shards, tmp_path):
    _, out = shards
    good = sorted(out.glob("*.claims.jsonl"))[0].read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in good if '"article"' in line]
    tampered = dict(records[0], article=dict(records[0]["article"], text=records[0]["article"]["text"] + " Edited."))
    old = dict(records[1], extractor_version="0.0.1")
    bad_claim = dict(records[0], claims=[{"value": 3, "colour": "red"}])
    lines = ["[1, 2]", "{broken", json.dumps(tampered), json.dumps(old), json.dumps(bad_claim),
             json.dumps(records[-1]), json.dumps({"failed": "feed.xml", "reason": "HTTP 404"})]
    shard = tmp_path / "mixed.claims.jsonl"
    shard.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    conn = store.connect(tmp_path / "c.db")
    report = load_shards(conn, [str(shard)])
    reasons = [str(f) for f in report.failures]
    assert reasons[0] == f"{shard}:1: not a JSON object"
    assert reasons[1].startswith(f"{shard}:2: not JSON")
    assert reasons[2] == f"{shard}:3: the text does not match its content_hash"
    assert reasons[3] == f"{shard}:4: extracted by extractor 0.0.1, not {EXTRACTOR_VERSION}: extract it again"
    assert reasons[4].startswith(f"{shard}:5: not a claim-shard record (TypeError")
    assert reasons[5] == "feed.xml: HTTP 404"
    assert reasons[6] == f"{shard}: shard refused, nothing from it stored: 5 bad lines"
    assert len(reasons) == 7 and report.new == 0 and report.refused == [str(shard)]
    assert store.counts(conn)["articles"] == 0  # the one good line is not stored without the rest


def test_cli_load_counts_and_exit_status(shards, tmp_path):
    _, out = shards
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    first = runner.invoke(cli, ["load", str(out), "--db", db])
    assert first.exit_code == 1  # the shards record the malformed line and the binary file
    assert "8 new, 1 unchanged, 0 updated, 2 failed" in first.stdout
    assert "zz-broken.txt" in first.stderr
    again = runner.invoke(cli, ["load", str(out), "--db", db])
    assert "0 new, 9 unchanged, 0 updated, 2 failed (0 claims written)" in again.stdout
    missing = runner.invoke(cli, ["load", str(tmp_path / "nowhere"), "--db", db])
    assert missing.exit_code == 1 and "nowhere: no such file or directory" in missing.stderr
    with pytest.raises(ShardError):
        load_shards(store.connect(":memory:"), [str(tmp_path / "nothing-*.jsonl")])


def test_a_bad_shard_is_refused_alone_and_the_others_load(shards, tmp_path):
    # Issue 14, item 11: a string where a number belongs in the second of three shards once rolled back
    # the shards before it. Now that shard is named and stored not at all; the first and third load.
    _, out = shards
    records = [json.loads(line) for path in sorted(out.glob("*.claims.jsonl"))
               for line in path.read_text(encoding="utf-8").splitlines() if '"article"' in line]
    with_claims = [r for r in records if r["claims"]]
    assert len(records) >= 3 and with_claims
    spoilt = dict(with_claims[0], claims=[dict(with_claims[0]["claims"][0], value="twelve")]
                  + with_claims[0]["claims"][1:])
    others = [r for r in records if r is not with_claims[0]]
    folder = tmp_path / "shards"
    folder.mkdir()
    (folder / "a.claims.jsonl").write_text(json.dumps(others[0]) + "\n", encoding="utf-8")
    (folder / "b.claims.jsonl").write_text("\n".join(json.dumps(r) for r in (others[1], spoilt)) + "\n",
                                           encoding="utf-8")
    (folder / "c.claims.jsonl").write_text("\n".join(json.dumps(r) for r in others[2:]) + "\n",
                                           encoding="utf-8")
    db = tmp_path / "c.db"
    result = CliRunner().invoke(cli, ["load", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert f"{folder / 'b.claims.jsonl'}:2: claim 1: value is 'twelve', not a number" in result.stderr
    assert f"{folder / 'b.claims.jsonl'}: shard refused, nothing from it stored: 1 bad line" in result.stderr
    assert "Traceback" not in result.output
    conn = store.connect(db)
    stored = {row[0] for row in conn.execute("SELECT content_hash FROM articles")}
    assert stored == {r["content_hash"] for r in [others[0], *others[2:]]}  # a and c whole, nothing of b
    assert f"{len(others) - 1} new" in result.stdout
    # Mend the shard and load again: it goes in, the others are unchanged.
    (folder / "b.claims.jsonl").write_text(json.dumps(others[1]) + "\n", encoding="utf-8")
    again = load_shards(conn, [str(folder)])
    assert (again.new, again.unchanged, again.refused) == (1, len(others) - 1, [])


def test_a_row_the_database_refuses_rolls_back_only_its_shard(shards, tmp_path):
    _, out = shards
    records = [json.loads(line) for path in sorted(out.glob("*.claims.jsonl"))
               for line in path.read_text(encoding="utf-8").splitlines() if '"article"' in line]
    with_claims = next(r for r in records if r["claims"])
    bad_unit = dict(with_claims, claims=[dict(with_claims["claims"][0], unit="furlongs")])  # the CHECK refuses it
    good = [r for r in records if r is not with_claims]
    (tmp_path / "1.claims.jsonl").write_text(json.dumps(good[0]) + "\n" + json.dumps(bad_unit) + "\n",
                                             encoding="utf-8")
    (tmp_path / "2.claims.jsonl").write_text(json.dumps(good[1]) + "\n", encoding="utf-8")
    conn = store.connect(tmp_path / "c.db")
    report = load_shards(conn, [str(tmp_path / "1.claims.jsonl"), str(tmp_path / "2.claims.jsonl")])
    assert report.refused == [str(tmp_path / "1.claims.jsonl")]
    assert str(report.failures[0]).startswith(f"{tmp_path / '1.claims.jsonl'}:2: not stored:")
    assert report.new == 1 and store.counts(conn)["articles"] == 1
