"""Score the extractor on every gold set in ../shared/eval, in one process.

    python bench/eval_sets.py                # seeds, dev, dev2
    python bench/eval_sets.py dev2 --why     # one set, with score.py's --why counts
    python bench/eval_sets.py --out /tmp/p   # keep the predictions (SET.pred.jsonl)
    python bench/eval_sets.py mine --root D  # a set of your own: D/mine/*.txt, D/eval/mine.*

Each set's articles are read from ../shared/SET/*.txt with the metadata of
../shared/eval/SET.manifest.csv (url, title, publisher, published), run through
`extract_many`, and scored by ../shared/eval/score.py. Prints one line per set:
precision, recall, F1 and the attribute agreements score.py reports.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from attrition.extract import extract_many

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def read_set(name: str, root: Path = SHARED) -> list[tuple[str, str, dict]]:
    """Return (article id, text, metadata) for each article of set `name` under `root`."""
    manifest = root / "eval" / f"{name}.manifest.csv"
    meta: dict[str, dict] = {}
    if manifest.exists():
        with open(manifest, encoding="utf-8", newline="") as f:
            meta = {row["id"]: row for row in csv.DictReader(f)}
    items = []
    for path in sorted((root / name).glob("*.txt")):
        items.append((path.stem, path.read_text(encoding="utf-8"), meta.get(path.stem, {})))
    return items


def predict(name: str, out: Path, root: Path = SHARED) -> tuple[int, float]:
    """Extract every article of set `name` into `out` (JSON lines); return (articles, seconds)."""
    items = read_set(name, root)
    started = time.perf_counter()
    jobs = ((text, m.get("published") or None,
             {"url": m.get("url") or None, "title": m.get("title") or None,
              "publisher": m.get("publisher") or None}) for _, text, m in items)
    with open(out, "w", encoding="utf-8") as f:
        for (article, _, _), claims in zip(items, extract_many(jobs)):
            for c in claims:
                f.write(json.dumps(c.to_gold(article)) + "\n")
    return len(items), time.perf_counter() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", default=["seeds", "dev", "dev2"])
    ap.add_argument("--why", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--root", type=Path, default=SHARED,
                    help="folder holding SET/*.txt and eval/SET.gold.jsonl (default ../shared)")
    args = ap.parse_args()
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="attrition-eval-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in args.sets:
        pred = out_dir / f"{name}.pred.jsonl"
        n, seconds = predict(name, pred, args.root)
        gold = args.root / "eval" / f"{name}.gold.jsonl"
        cmd = [sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(pred), "--json"]
        scores = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
        print(f"{name:6} n={n:3} " + " ".join(
            f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in scores.items()
            if not isinstance(v, (dict, list))) + " " + " ".join(
            f"{k}={v:.2f}" for k, v in scores.get("attributes", {}).items()) + f" ({seconds:.1f}s)")
        if args.why or args.verbose:
            extra = [f for f, on in (("--why", args.why), ("--verbose", args.verbose)) if on]
            print(subprocess.run(cmd[:-1] + extra, capture_output=True, text=True).stdout)
    print(f"predictions in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
