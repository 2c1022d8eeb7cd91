"""Archive-scale extraction on a Dask distributed cluster: input shards in, claim shards out.

    report = extract_on_dask(["archive/2023/"], "claims-out/", scheduler="tcp://10.0.0.5:8786")
    report.articles, report.claims, report.failures

An input shard is a JSONL file, a text/HTML file or a directory of them (see
`input_shards`). Each shard is one Dask task: the worker reads it with the
ordinary readers, extracts with the ordinary batched extractor and writes
`OUTDIR/NNNNN-NAME.claims.jsonl` (see `attrition.corpus.scale.shards`), which
`attrition load` merges into SQLite. Workers never touch the database.

Each worker loads the spaCy pipeline once: `PipelinePlugin` loads it when the
worker joins, and `load_pipeline`'s per-process cache keeps it for every task
after. The shards and OUTDIR must be at the same paths on every worker (a shared
filesystem); attrition, at the same version, must be installed on each worker.
Needs the `dask` extra: `pip install 'attrition[dask]'`.
"""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass, field
from pathlib import Path

from attrition.errors import AttritionError
from attrition.corpus.read.errors import Failure
from attrition.corpus.read.readers import SUPPORTED_SUFFIXES
from attrition.corpus.scale.shards import SUFFIX, article_line, failure_line, write_shard

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # the dask extra is not installed: extract_on_dask says so
    WorkerPlugin = object


class DaskUnavailable(AttritionError):
    """Dask distributed is not installed, or the scheduler cannot be reached."""


@dataclass
class DaskReport:
    """What a Dask extraction did: shards, articles and claims written, failures (named)."""

    shards: list[str] = field(default_factory=list)
    articles: int = 0
    claims: int = 0
    failures: list[Failure] = field(default_factory=list)

    def summary(self) -> str:
        """Return the run's counts on one line."""
        return (f"{len(self.shards)} shards, {self.articles} articles, {self.claims} claims, "
                f"{len(self.failures)} failed")


class PipelinePlugin(WorkerPlugin):
    """Load the spaCy pipeline once on each worker as it joins the cluster."""

    name = "attrition-pipeline"

    def setup(self, worker) -> None:
        """Load the pipeline into the worker process's cache."""
        from attrition.extract.pipeline import load_pipeline

        load_pipeline()


def pipeline_loads() -> int:
    """Return how many times this process has loaded the spaCy pipeline (run on workers to check: 1)."""
    from attrition.extract.pipeline import load_pipeline

    return load_pipeline.cache_info().misses


def input_shards(specs: list[str]) -> list[Path]:
    """Return the input shards named by `specs`, in order.

    A glob gives each match; a file is one shard; a directory gives each of its
    entries that is a subdirectory or a supported file (.jsonl, .txt, .html,
    feeds), sorted. Raises FileNotFoundError for a spec that matches nothing.
    """
    found: list[Path] = []
    for spec in specs:
        matches = sorted(glob.glob(spec)) if glob.has_magic(spec) else [spec]
        if not matches or not all(Path(m).exists() for m in matches):
            raise FileNotFoundError(f"{spec}: no such file or directory")
        for match in map(Path, matches):
            if match.is_dir() and not glob.has_magic(spec):
                found.extend(sorted(p for p in match.iterdir() if not p.name.startswith(".")
                                    and (p.is_dir() or p.suffix.lower() in SUPPORTED_SUFFIXES)))
            else:
                found.append(match)
    return found


def output_name(index: int, shard: Path) -> str:
    """Return the claim-shard file name for the `index`th input shard (unique and sortable)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", shard.name)[:80] or "shard"
    return f"{index:05d}-{stem}{SUFFIX}"


def extract_shard(shard: str, out_path: str, published: str | None = None,
                  batch_size: int = 16) -> dict:
    """Extract one input shard into one claim shard; return its counts and failures (a Dask task).

    Runs on a worker: reads `shard` with `read_sources`, extracts in batches,
    writes every article (with its claims) and every failure to `out_path`.
    """
    from attrition.corpus.scale.workers import extract_articles
    from attrition.corpus.read.readers import read_sources
    from attrition.extract import EXTRACTOR_VERSION

    counts = {"shard": shard, "out": out_path, "articles": 0, "claims": 0, "failures": []}

    def lines():
        for item, claims in extract_articles(read_sources([shard], published=published), batch_size):
            if isinstance(item, Failure):
                counts["failures"].append((item.source, item.reason))
                yield failure_line(item)
                continue
            counts["articles"] += 1
            counts["claims"] += len(claims)
            yield article_line(item, claims, EXTRACTOR_VERSION)

    write_shard(Path(out_path), lines())
    return counts


def extract_on_dask(specs: list[str], out_dir: str, *, scheduler: str | None = None,
                    workers: int = 2, published: str | None = None, batch_size: int = 16,
                    processes: bool = True) -> DaskReport:
    """Extract every input shard on a Dask cluster into claim shards under `out_dir`; return a DaskReport.

    With `scheduler` (e.g. tcp://host:8786) the tasks go to that cluster;
    without, a LocalCluster of `workers` single-threaded worker processes
    (`processes=False`: threads in this process) is started and stopped. A
    shard whose task fails is named in the failures; the others still finish.
    Raises DaskUnavailable without the dask extra or when the scheduler cannot
    be reached, FileNotFoundError for a spec that matches nothing.
    """
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise DaskUnavailable("Dask is not installed: pip install 'attrition[dask]'") from None

    shards = input_shards(specs)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    targets = [str(out / output_name(i, shard)) for i, shard in enumerate(shards)]
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="30s")
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                   dashboard_address=":0")
            client = Client(cluster)
    except (OSError, TimeoutError) as e:
        raise DaskUnavailable(f"cannot reach the Dask scheduler {scheduler}: {e}") from None
    report = DaskReport(shards=targets)
    try:
        client.register_plugin(PipelinePlugin())
        futures = client.map(extract_shard, [str(s) for s in shards], targets,
                             published=published, batch_size=batch_size, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        done: dict[int, dict | Failure] = {}
        for future in as_completed(futures):
            error = future.exception()
            done[index[future.key]] = (future.result() if error is None else
                                       Failure(str(shards[index[future.key]]),
                                               f"task failed: {type(error).__name__}: {error}"))
        for i in range(len(shards)):  # in shard order, whatever order the tasks finished in
            counts = done[i]
            if isinstance(counts, Failure):
                report.failures.append(counts)
                continue
            report.articles += counts["articles"]
            report.claims += counts["claims"]
            report.failures.extend(Failure(source, reason) for source, reason in counts["failures"])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return report
