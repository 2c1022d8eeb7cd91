"""--workers N: extraction in spawned processes gives exactly what one process gives, in the same order."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from attrition.corpus import store
from attrition.corpus.read.article import Article
from attrition.cli.main import cli
from attrition.corpus.read.errors import Failure
from attrition.corpus.ingest import ingest
from attrition.corpus.scale.workers import extract_articles
from attrition.corpus.read.readers import read_sources
from attrition.corpus.scale.workers import extract_parallel
from scale_helpers import articles_table, claims_table, write_corpus

pytestmark = pytest.mark.slow


def _flatten(pairs) -> list[tuple]:
    out = []
    for item, claims in pairs:
        if isinstance(item, Failure):
            out.append(("failed", item.source, item.reason))
        else:
            out.append((item.label, item.content_hash, [c.to_row() for c in claims]))
    return out


def test_parallel_extraction_yields_what_one_process_yields_in_order(tmp_path):
    sources = write_corpus(tmp_path / "in")
    one = _flatten(extract_articles(read_sources(sources)))
    # Tiny chunks and a long stream: many tasks in flight, finishing in any order.
    items = list(read_sources(sources)) * 3
    two = _flatten(extract_parallel(iter(items), workers=2, chunk_size=1))
    assert two == one * 3
    assert [row[0] for row in one] == ["durham", "football", "failed", "cps", "weather", "norfolk",
                                       "durham-again", "council", "kent", "weather", "failed"]
    assert sum(len(row[2]) for row in one if row[0] != "failed") >= 8


def test_a_stream_of_only_gated_articles_never_waits_on_a_worker(tmp_path):
    items = [Article(text=f"Rovers won {n}-0 on Saturday.", label=f"match-{n}") for n in range(50)]
    out = list(extract_parallel(items, workers=2))
    assert [(a.label, claims) for a, claims in out] == [(f"match-{n}", []) for n in range(50)]


def test_ingest_with_two_workers_stores_what_one_worker_stores(tmp_path):
    sources = write_corpus(tmp_path / "in")
    reports, tables = [], []
    for workers in (1, 2):
        conn = store.connect(tmp_path / f"w{workers}.db")
        reports.append(ingest(conn, sources, workers=workers))
        tables.append((claims_table(conn), articles_table(conn)))
        again = ingest(conn, sources, workers=workers)
        assert (again.new, again.updated, again.claims) == (0, 0, 0)
        assert again.unchanged == reports[-1].new + reports[-1].unchanged
        conn.close()
    one, two = reports
    assert (two.new, two.unchanged, two.updated, two.claims) == (one.new, one.unchanged, one.updated, one.claims)
    assert [str(f) for f in two.failures] == [str(f) for f in one.failures]
    assert len(one.failures) == 2 and one.unchanged == 1  # the syndicated copy of a stored text
    assert tables[1] == tables[0]
    assert len(tables[0][0]) == one.claims > 0


def test_cli_extract_and_ingest_take_workers(tmp_path):
    sources = write_corpus(tmp_path / "in")
    runner = CliRunner()
    outputs = [runner.invoke(cli, ["extract", *sources, "--format", "jsonl", "--workers", str(n)])
               for n in (1, 2)]
    assert [r.exit_code for r in outputs] == [1, 1]  # the malformed line and the binary file
    assert outputs[1].stdout == outputs[0].stdout and outputs[0].stdout.count("\n") >= 8
    result = runner.invoke(cli, ["ingest", *sources, "--db", str(tmp_path / "c.db"), "--workers", "2"])
    assert result.exit_code == 1
    assert "8 new, 1 unchanged, 0 updated, 2 failed" in result.stdout
    bad = runner.invoke(cli, ["ingest", *sources, "--db", str(tmp_path / "c.db"), "--workers", "0"])
    assert bad.exit_code == 2


def test_reextract_with_two_workers_writes_what_one_writes(tmp_path):
    from attrition.corpus.store import runs
    from attrition.corpus.update.reextract import reextract_stale
    from attrition.corpus.update.runlog import EventLog
    from attrition.extract import EXTRACTOR_VERSION

    sources = write_corpus(tmp_path / "in")
    results = []
    for workers in (1, 2):
        conn = store.connect(tmp_path / f"r{workers}.db")
        ingest(conn, sources)
        conn.execute("UPDATE claims SET stage = 'other'")  # as an older extractor might have read them
        conn.execute("UPDATE articles SET extractor_version = '0.9.0'")
        run_id = runs.start_run(conn, "reextract", EXTRACTOR_VERSION)
        done = reextract_stale(conn, run_id, EventLog(quiet=True), check=False, workers=workers)
        results.append((done, runs.finish_run(conn, run_id).counts, claims_table(conn)))
        conn.close()
    assert results[1] == results[0]
    assert results[0][0] == 8 and all(row[4] != "other" for row in results[0][2][:3])
