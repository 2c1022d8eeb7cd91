"""attrition's benchmarks: prints numbers (it is not a test). See bench/RESULTS.md.

    .venv/bin/python bench/run.py            # the sizes of issue 7 (tens of minutes)
    .venv/bin/python bench/run.py --quick    # small sizes, a couple of minutes
    .venv/bin/python bench/run.py --only 1,6 # some of the measurements

1. raw nlp.pipe words/s vs attrition's extract_many words/s on relevant reports
2. docs/s on a stream with 5% relevant: attrition (keyword gate) vs raw spaCy on everything;
   recall on ../shared/eval gold sets with and without the gate
3. first ingest of N articles vs re-ingest of the same, unchanged
4. ingest --workers 2 vs --workers 1 (relevant reports only)
5. peak RSS of `attrition ingest` over N articles
6. query latency p50/p95 on generated claims (force, stage, period filters)
7. extraction s/KB on each hostile pattern of issue 15 at 10, 40 and 160 KB, and the ratio per 4x text
8. `update` seconds per 100 similar articles (served on 127.0.0.1) as the corpus grows to 1,000

Corpora are generated into --dir (default /tmp/attrition-bench) and reused
when present; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(HERE))

from corpus import FORCES, mixed_stream, other_article, relevant_article, write_shards  # noqa: E402

FULL = dict(words_docs=300, mixed=4000, raw_sample=300, ingest=10_000, workers_docs=600,
            rss=20_000, claims=1_000_000, queries=400, patterns=(10_000, 40_000, 160_000),
            growth=1000)
QUICK = dict(words_docs=60, mixed=600, raw_sample=60, ingest=1000, workers_docs=80,
             rss=2000, claims=100_000, queries=100, patterns=(2_500, 10_000, 40_000), growth=300)
ATTRITION = str(Path(sys.executable).with_name("attrition"))


def say(line: str = "") -> None:
    """Print a result line at once."""
    print(line, flush=True)


def machine() -> str:
    """Return a one-line description of this machine."""
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {ram:.1f} GiB RAM, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}, {date.today()}")


def run_cli(*args: str) -> tuple[float, float, str]:
    """Run `attrition ARGS` in a child process; return (seconds, peak RSS in MB, its stdout)."""
    out = Path("/tmp") / f"attrition-bench-{os.getpid()}.out"
    with open(out, "w") as stdout, open(os.devnull, "w") as stderr:
        began = time.perf_counter()
        child = subprocess.Popen([ATTRITION, *args], stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    text = out.read_text()
    out.unlink()
    if child.returncode not in (0, 1):
        raise SystemExit(f"attrition {' '.join(args)} exited {child.returncode}: {text}")
    return seconds, usage.ru_maxrss / 1024, text.strip()


def corpus_dir(base: Path, name: str, n: int, share: float, seed: int) -> Path:
    """Return a directory of JSONL shards holding `n` generated articles (made once, then reused)."""
    folder = base / f"{name}-{n}-{share}-{seed}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_shards(folder, mixed_stream(seed, n, share, prefix=name))
        done.touch()
    return folder


def words(texts) -> int:
    """Count whitespace-separated words."""
    return sum(len(t.split()) for t in texts)


def bench_words(sizes: dict) -> None:
    """1. Raw spaCy words/s vs attrition's words/s on relevant reports, and their ratio."""
    from attrition.extract import extract_many
    from attrition.extract.pipeline import load_pipeline

    rng = random.Random(1)
    texts = [relevant_article(rng) for _ in range(sizes["words_docs"])]
    nlp = load_pipeline()
    list(nlp.pipe(texts[:16], batch_size=16))  # warm up
    claims = sum(len(c) for c in extract_many([(t, "2024-01-01") for t in texts], batch_size=16))
    raw, ours = words_per_second(nlp, texts)
    say(f"1. words/s on {len(texts)} relevant reports ({words(texts):,} words, {claims} claims), best of "
        f"{REPEATS}: raw nlp.pipe {raw:,.0f}, attrition extract {ours:,.0f}, ratio {ours / raw:.2f} (target >= 0.8)")
    real = sorted((SHARED / "dev").glob("*.txt"))
    if real:
        texts = [p.read_text(encoding="utf-8") for p in real]
        raw, ours = words_per_second(nlp, texts)
        say(f"   on the {len(texts)} real articles of ../shared/dev ({words(texts):,} words): raw {raw:,.0f}, "
            f"attrition {ours:,.0f}, ratio {ours / raw:.2f}")


REPEATS = 3


def words_per_second(nlp, texts: list[str]) -> tuple[float, float]:
    """Return (raw nlp.pipe words/s, attrition extract_many words/s) over `texts`, best of REPEATS, interleaved."""
    from attrition.extract import extract_many

    n = words(texts)
    raw, ours = [], []
    for _ in range(REPEATS):
        began = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        raw.append(time.perf_counter() - began)
        began = time.perf_counter()
        for _ in extract_many([(t, None) for t in texts], batch_size=16):
            pass
        ours.append(time.perf_counter() - began)
    return n / min(raw), n / min(ours)


def bench_gate(sizes: dict) -> None:
    """2. Docs/s on a 5%-relevant stream with the gate vs raw spaCy, and gold recall with and without the gate."""
    from attrition.extract import extract_many
    from attrition.extract.pipeline import load_pipeline

    records = list(mixed_stream(2, sizes["mixed"], 0.05, prefix="m"))
    pairs = [(r["text"], r["published"]) for r in records]
    nlp = load_pipeline()
    began = time.perf_counter()
    for _ in extract_many(pairs, batch_size=16):
        pass
    ours = len(pairs) / (time.perf_counter() - began)
    sample = [r["text"] for r in records[: sizes["raw_sample"]]]
    began = time.perf_counter()
    for _ in nlp.pipe(sample, batch_size=16):
        pass
    raw = len(sample) / (time.perf_counter() - began)
    say(f"2. docs/s on {len(pairs):,} articles, 5% relevant ({words(r['text'] for r in records) // len(records)} "
        f"words each on average): attrition with gate {ours:,.1f}, raw spaCy on everything {raw:,.1f} "
        f"(timed on the first {len(sample)}), speed-up {ours / raw:.1f}x (target >= 10x)")
    if not (SHARED / "eval" / "score.py").exists():
        return
    for name in ("seeds", "dev"):
        gated, ungated, dropped = gold_recall(name)
        say(f"   recall on ../shared/eval {name}: with gate {gated:.3f}, without gate {ungated:.3f} "
            f"({'equal' if gated == ungated else 'DIFFERENT'}); gold articles the gate drops: {dropped}")


def gold_recall(name: str) -> tuple[float, float, int]:
    """Return (recall with gate, recall without gate, gold articles the gate drops) on one gold set."""
    from attrition.corpus.store.export import gold_row
    from attrition.corpus.read.readers import read_sources
    from attrition.corpus.scale.workers import extract_articles
    from attrition.extract.gate import is_relevant
    from attrition.extract.pipeline import build_claims, load_pipeline

    spec = importlib.util.spec_from_file_location("attrition_shared_score", SHARED / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = score.load(SHARED / "eval" / f"{name}.gold.jsonl")
    articles = [a for a in read_sources([str(SHARED / name)]) if hasattr(a, "text")]
    gated = [gold_row(c, a.label) for a, claims in extract_articles(articles) for c in claims]
    nlp = load_pipeline()
    ungated = [gold_row(c, a.label) for a in articles for c in build_claims(nlp(a.text), a.published)]
    gold_articles = {g["article"] for g in gold}
    dropped = sum(1 for a in articles if a.label in gold_articles and not is_relevant(a.text))
    return score.score(gold, gated)["recall"], score.score(gold, ungated)["recall"], dropped


def bench_reingest(sizes: dict, base: Path) -> None:
    """3. First ingest of N articles vs re-ingest of the same unchanged corpus."""
    folder = corpus_dir(base, "ingest", sizes["ingest"], 0.05, 3)
    db = base / "reingest.db"
    for path in base.glob("reingest.db*"):
        path.unlink()
    first, rss, out1 = run_cli("ingest", str(folder), "--db", str(db))
    again, _, out2 = run_cli("ingest", str(folder), "--db", str(db))
    say(f"3. ingest of {sizes['ingest']:,} articles (5% relevant): first {first:.1f}s ({out1}); "
        f"re-ingest unchanged {again:.1f}s ({out2}); re-run = {100 * again / first:.1f}% of the first (target <= 5%)")


def bench_workers(sizes: dict, base: Path) -> None:
    """4. `attrition ingest --workers 2` vs `--workers 1` on relevant reports."""
    folder = corpus_dir(base, "workers", sizes["workers_docs"], 1.0, 4)
    tiny = corpus_dir(base, "workers", 4, 1.0, 4)
    times, fixed, outs, rss = {}, {}, {}, {}
    for n in (1, 2):
        for name, source in (("tiny", tiny), ("full", folder)):
            db = base / f"workers{n}-{name}.db"
            for path in base.glob(f"workers{n}-{name}.db*"):
                path.unlink()
            seconds, peak, out = run_cli("ingest", str(source), "--db", str(db), "--workers", str(n))
            if name == "tiny":
                fixed[n] = seconds
            else:
                times[n], rss[n], outs[n] = seconds, peak, out
    same = outs[1] == outs[2]
    steady = (times[1] - fixed[1]) / (times[2] - fixed[2])
    ceiling = cpu_ceiling()
    say(f"4. ingest of {sizes['workers_docs']} relevant reports on {len(os.sched_getaffinity(0))} cores: "
        f"--workers 1 {times[1]:.1f}s, --workers 2 {times[2]:.1f}s, speed-up {times[1] / times[2]:.2f}x end to end "
        f"(target >= 1.6x); without the fixed cost of a 4-article run (start, spaCy loads: {fixed[1]:.1f}s vs "
        f"{fixed[2]:.1f}s) {steady:.2f}x; same counts: {'yes' if same else 'NO'} ({outs[1]}); "
        f"peak RSS of the largest process {rss[1]:.0f} MB vs {rss[2]:.0f} MB")
    say(f"   this machine's ceiling: two pure-Python CPU loops in 2 processes run {ceiling:.2f}x faster than one after the other")


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def cpu_ceiling(n: int = 40_000_000) -> float:
    """Return how much faster two CPU-bound processes finish two equal jobs than one process does."""
    import multiprocessing

    began = time.perf_counter()
    _burn(n), _burn(n)
    serial = time.perf_counter() - began
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_burn, [1000, 1000])  # started
        began = time.perf_counter()
        pool.map(_burn, [n, n], chunksize=1)
        parallel = time.perf_counter() - began
    return serial / parallel


def bench_rss(sizes: dict, base: Path) -> None:
    """5. Peak resident memory of `attrition ingest` over N articles (streamed)."""
    folder = corpus_dir(base, "rss", sizes["rss"], 0.05, 5)
    db = base / "rss.db"
    for path in base.glob("rss.db*"):
        path.unlink()
    seconds, rss, out = run_cli("ingest", str(folder), "--db", str(db))
    say(f"5. peak RSS ingesting {sizes['rss']:,} articles (5% relevant): {rss:.0f} MB "
        f"(target <= 400 MB); took {seconds:.1f}s ({out})")


def bench_queries(sizes: dict, base: Path) -> None:
    """6. find_claims latency on generated claims: force+stage+period, and one filter at a time (a page)."""
    from attrition.corpus.store import query

    db = base / f"claims-{sizes['claims']}.db"
    if not db.exists():
        began = time.perf_counter()
        generate_claims(db, sizes["claims"])
        say(f"   (generated {sizes['claims']:,} claims into {db} in {time.perf_counter() - began:.0f}s)")
    from attrition.corpus import store

    conn = store.connect(db)
    rng = random.Random(6)
    stages = ["reported", "recorded", "referred", "charged", "convicted", "withdrawn", "nfa"]
    kinds = {
        "force+stage+period": lambda y: query.ClaimFilter(area=rng.choice(FORCES).lower(), stage=rng.choice(stages),
                                                          since=f"{y}-01-01", until=f"{y}-12-31"),
        "force (100 rows)": lambda y: query.ClaimFilter(area=rng.choice(FORCES), limit=100),
        "stage (100 rows)": lambda y: query.ClaimFilter(stage=rng.choice(stages), limit=100),
        "period (100 rows)": lambda y: query.ClaimFilter(since=f"{y}-01-01", until=f"{y}-12-31", limit=100),
    }
    all_times = []
    parts = []
    for name, make in kinds.items():
        times, rows = [], 0
        for _ in range(sizes["queries"]):
            where = make(rng.randint(2012, 2024))
            began = time.perf_counter()
            rows += len(query.find_claims(conn, where))
            times.append((time.perf_counter() - began) * 1000)
        all_times += times
        parts.append(f"{name}: p50 {percentile(times, 50):.1f} ms, p95 {percentile(times, 95):.1f} ms "
                     f"({rows / len(times):.0f} rows)")
    say(f"6. query latency on {sizes['claims']:,} claims, {sizes['queries']} queries of each kind: "
        f"all p50 {percentile(all_times, 50):.1f} ms, p95 {percentile(all_times, 95):.1f} ms (target p50 <= 10 ms)")
    for part in parts:
        say(f"   {part}")
    conn.close()


def percentile(values: list[float], p: float) -> float:
    """Return the p-th percentile of `values` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def generate_claims(path: Path, n: int) -> None:
    """Fill a new database with the real schema with `n` generated claims (10 per article)."""
    from attrition.corpus import store

    tmp = path.with_name(path.name + ".part")
    for old in path.parent.glob(tmp.name + "*"):
        old.unlink()
    conn = store.connect(tmp)
    rng = random.Random(7)
    stages = ["reported", "recorded", "referred", "charged", "prosecuted", "convicted", "withdrawn", "nfa"]
    per_article = 10
    db = store.database(conn)
    with store.transaction(conn):
        db["articles"].insert_all((
            {"label": f"g{i}", "url": f"https://news.example/g/{i}", "path": None, "origin": f"g{i}",
             "title": f"Story {i}", "publisher": "Example News", "published": "2024-01-01",
             "fetched_at": "2024-01-01T00:00:00+00:00", "content_hash": hashlib.sha256(b"%d" % i).hexdigest(),
             "text": f"Generated article {i}.", "extractor_version": "1.0.0",
             "updated_at": "2024-01-01T00:00:00+00:00"}
            for i in range(1, n // per_article + 2)), batch_size=2000)

    def claims():
        for i in range(n):
            force, stage = rng.choice(FORCES), rng.choice(stages)
            year = rng.randint(2010, 2024)
            fy = rng.random() < 0.5
            value = rng.randint(1, 5000)
            quote = f"{force} Police said {value} rapes were {stage} in {year}."
            yield {"id": hashlib.sha256(b"c%d" % i).hexdigest()[:16], "article_id": i // per_article + 1,
                   "value": value, "unit": "count", "stage": stage, "of_stage": None, "offence": "rape",
                   "area": force, "period_start": f"{year}-04-01" if fy else f"{year}-01-01",
                   "period_end": f"{year + 1}-03-31" if fy else f"{year}-12-31", "period_text": str(year),
                   "source": rng.choice([None, "Home Office", "Crown Prosecution Service"]), "speaker": None,
                   "change": 0, "quote": quote, "quote_start": 0, "char_start": quote.index(str(value)),
                   "char_end": quote.index(str(value)) + len(str(value)), "comparator": None,
                   "area_inherited": 0, "period_inherited": 0, "source_inherited": 0, "confidence": 0.9,
                   "extractor_version": "1.0.0"}

    with store.transaction(conn):
        db["claims"].insert_all(claims(), batch_size=2000)
    conn.execute("ANALYZE")
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        if Path(str(tmp) + suffix).exists():
            os.replace(str(tmp) + suffix, str(path) + suffix)


def bench_patterns(sizes: dict) -> None:
    """7. Extraction seconds per KB on each pathological pattern of issue 15, and the growth per 4x text."""
    from growth import PATTERNS, pathological

    from attrition.extract import ExtractionTimeout, extract

    extract("Kent Police recorded 1,204 rapes in 2022/23.")  # load the model first
    worst = 0.0
    for name in PATTERNS:
        per_kb, shown = [], []
        for size in sizes["patterns"]:
            text = pathological(name, size)
            began = time.perf_counter()
            try:
                extract(text, seconds_per_10kb=1000)  # no budget: time the work itself
            except ExtractionTimeout:
                pass
            seconds = time.perf_counter() - began
            per_kb.append(seconds / (len(text.encode("utf-8")) / 1024))
            shown.append(f"{size // 1000} KB {seconds:.2f}s ({per_kb[-1] * 1000:.1f} ms/KB)")
        ratios = [(b * 4) / max(a, 1e-9) for a, b in zip(per_kb, per_kb[1:])]  # time ratio per 4x text
        worst = max(worst, *ratios)
        say(f"7. {name:<13} " + "; ".join(shown) + " | time x per 4x text: "
            + ", ".join(f"{r:.1f}" for r in ratios))
    say(f"   worst time ratio per 4x text: {worst:.1f} (target <= 5)")


def bench_growth(sizes: dict, base: Path) -> None:
    """8. `update` seconds per 100 similar articles, served on 127.0.0.1, as the corpus grows."""
    from growth import NewsSite, similar_articles

    from attrition.corpus import store
    from attrition.corpus.read.polite import FetchPolicy
    from attrition.corpus.update.run import UpdateOptions, update
    from attrition.extract import extract

    extract("Kent Police recorded 1,204 rapes in 2022/23.")  # load the model first
    db = base / "growth.db"
    for path in base.glob("growth.db*"):
        path.unlink()
    conn = store.connect(db)
    options = UpdateOptions(policy=FetchPolicy(delay=0, timeout=10, retries=0))
    step, per_step = 100, []
    with NewsSite() as site:
        for start in range(0, sizes["growth"], step):
            site.publish(similar_articles(start, step))
            began = time.perf_counter()
            report = update(conn, [site.feed_url], options)
            per_step.append(time.perf_counter() - began)
            checks = conn.execute("SELECT count(*) FROM checks WHERE kind = 'across'").fetchone()[0]
            say(f"8. articles {start:>4}-{start + step - 1}: {per_step[-1]:.1f}s per 100 "
                f"({report.summary().split(' (')[0]}; {checks} across checks stored)")
    conn.close()
    say(f"   last / first 100: {per_step[-1] / per_step[0]:.2f}x, max / min: "
        f"{max(per_step) / min(per_step):.2f}x (target flat within 1.5x)")


def main() -> None:
    """Parse the arguments and run the chosen measurements."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes: a couple of minutes")
    parser.add_argument("--only", help="comma-separated measurement numbers, e.g. 1,2,6")
    parser.add_argument("--dir", default="/tmp/attrition-bench", help="where corpora and databases go")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    base = Path(args.dir)
    base.mkdir(parents=True, exist_ok=True)
    chosen = {int(x) for x in args.only.split(",")} if args.only else {1, 2, 3, 4, 5, 6, 7, 8}
    say(f"machine: {machine()}")
    say(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}  sizes: {sizes}")
    steps = {1: lambda: bench_words(sizes), 2: lambda: bench_gate(sizes),
             3: lambda: bench_reingest(sizes, base), 4: lambda: bench_workers(sizes, base),
             5: lambda: bench_rss(sizes, base), 6: lambda: bench_queries(sizes, base),
             7: lambda: bench_patterns(sizes), 8: lambda: bench_growth(sizes, base)}
    for number in sorted(chosen):
        began = time.perf_counter()
        steps[number]()
        say(f"   ({time.perf_counter() - began:.0f}s)")


if __name__ == "__main__":
    main()
