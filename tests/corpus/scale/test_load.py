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


def test_bad_lines_are_named_and_the_rest_is_stored(shards, tmp_path):
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
    assert len(reasons) == 6 and report.new == 1
    assert store.counts(conn)["articles"] == 1


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
