"""attrition extract --engine dask on a LocalCluster of 2 worker processes: the claims one process finds."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from attrition.corpus import store
from attrition.cli.main import cli
from attrition.corpus.ingest import ingest
from attrition.corpus.scale.load import load_shards
from scale_helpers import articles_table, claims_table, write_corpus

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two single-threaded worker processes, as a real cluster is reached: by address."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local:
        yield local


def test_dask_shards_load_to_the_claims_of_a_single_process_ingest(cluster, tmp_path):
    write_corpus(tmp_path / "in")
    sources = [str(tmp_path / "in")]  # its entries are the shards: local/, wire-a.jsonl, wire-b.jsonl
    result = CliRunner().invoke(cli, ["extract", *sources, "--engine", "dask", "--scheduler",
                                      cluster.scheduler_address, "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output  # the shards hold a malformed line and a binary file
    assert "3 shards, 9 articles" in result.stdout and "2 failed" in result.stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "00000-local.claims.jsonl", "00001-wire-a.jsonl.claims.jsonl", "00002-wire-b.jsonl.claims.jsonl"]

    loaded = store.connect(tmp_path / "dask.db")
    report = load_shards(loaded, [str(tmp_path / "out")])
    single = store.connect(tmp_path / "single.db")
    direct = ingest(single, sources)
    assert claims_table(loaded) == claims_table(single) and len(claims_table(single)) == direct.claims > 0
    assert articles_table(loaded) == articles_table(single)
    assert [str(f) for f in report.failures] == [str(f) for f in direct.failures]

    with distributed.Client(cluster) as client:
        loads = client.run(_pipeline_loads)
    assert list(loads.values()) == [1, 1]  # each worker loaded spaCy once, however many shards it ran


def _pipeline_loads():
    from attrition.corpus.scale.dask_engine import pipeline_loads

    return pipeline_loads()


def test_a_local_cluster_is_started_when_no_scheduler_is_given(tmp_path):
    from attrition.corpus.scale.dask_engine import extract_on_dask

    sources = write_corpus(tmp_path / "in")
    report = extract_on_dask(sources[:2], str(tmp_path / "out"), workers=2)
    assert (len(report.shards), report.articles) == (2, 7)
    assert [f.reason for f in report.failures] == ["malformed JSON line: Expecting property name enclosed in "
                                                   "double quotes at column 2"]


def test_dask_needs_an_out_directory_and_existing_shards(tmp_path):
    runner = CliRunner()
    no_out = runner.invoke(cli, ["extract", str(tmp_path), "--engine", "dask"])
    assert no_out.exit_code == 2 and "--out" in no_out.output
    missing = runner.invoke(cli, ["extract", str(tmp_path / "nope-*"), "--engine", "dask", "--out", str(tmp_path)])
    assert missing.exit_code == 1 and "no such file or directory" in missing.output
