"""How far a fact-checker can trust the verdicts (issue 12): counts, coverage, and every negative verdict.

    python bench/verdicts.py                 # gold claims (hand-checked) standing in for the extractor's
    python bench/verdicts.py --extracted     # the extractor's own claims as well
    python bench/verdicts.py --keep /tmp/v   # keep the databases (gold.db, extracted.db) there

A script that prints numbers, not a test. In a temporary directory it does what a
user would, through the `attrition` command: creates a database, ingests
../shared/seeds, dev and dev2 with their manifests (../shared/eval/SET.manifest.csv),
imports the gold claims (`attrition import-claims ../shared/eval/SET.gold.jsonl`;
not with --extracted), loads every file in ../shared/official (`attrition official
load`), runs `attrition check --full`, then prints the verdicts by kind, the
coverage (claims compared with any official figure) and each negative verdict with
the claim's quote, value, area and period, the official value, dataset and period,
and the reason.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SETS = ("seeds", "dev", "dev2")
ATTRITION = Path(sys.executable).parent / "attrition"
# Where rec-crime-pfa.csv was published (attrition/corpus/web/published_files.csv); the other
# official files' layouts name their publishers' URLs themselves.
REC_CRIME_URL = ("https://github.com/12345678910aditi/Crime_Project/blob/"
                 "d11098b54ccf35b465808f89ce5bfadb5dbed0ff/rec-crime-pfa.csv")
# Verdicts that tell a fact-checker a claim is wrong.
NEGATIVE = ("differs", "conflict", "out_of_order", "exceeds_total", "parts_do_not_sum")


def attrition(db: Path, *args: str) -> str:
    """Run `attrition ARGS --db DB`; return its standard output (raises, with stderr, if it fails)."""
    done = subprocess.run([str(ATTRITION), *args, "--db", str(db)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"attrition {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def official_files() -> list[Path]:
    """Return every loadable file under ../shared/official (not the READMEs nor the samples)."""
    root = SHARED / "official"
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".csv", ".xlsx", ".ods")
                  and "samples" not in p.relative_to(root).parts)


def build(db: Path, gold: bool) -> float:
    """Fill `db` as a user would: ingest, (import gold claims), load official data, check --full.

    Takes the database path and whether to import the gold claims; returns the seconds it took.
    """
    started = time.perf_counter()
    for name in SETS:
        manifest = SHARED / "eval" / f"{name}.manifest.csv"
        attrition(db, "ingest", str(SHARED / name), *(["--manifest", str(manifest)] if manifest.exists() else []),
                  "-q")
    if gold:
        for name in SETS:
            attrition(db, "import-claims", str(SHARED / "eval" / f"{name}.gold.jsonl"))
    files = official_files()
    rec = [p for p in files if p.name == "rec-crime-pfa.csv"]
    attrition(db, "official", "load", *map(str, rec), "--url", REC_CRIME_URL, "-q")
    attrition(db, "official", "load", *(str(p) for p in files if p not in rec), "-q")
    attrition(db, "check", "--full", "-q")
    return time.perf_counter() - started


def report(db: Path, title: str) -> dict:
    """Print verdict counts by kind, coverage and every negative verdict of `db`; return the counts."""
    summary = json.loads(attrition(db, "check", "--format", "json", "-q"))
    rows = [json.loads(line) for line in attrition(db, "checks", "--format", "jsonl").splitlines() if line]
    by_kind = Counter((r["kind"], r["verdict"]) for r in rows)
    print(f"== {title}")
    for kind in sorted({k for k, _ in by_kind}):
        print(f"  {kind:10} " + ", ".join(f"{v} {n}" for (k, v), n in sorted(by_kind.items()) if k == kind))
    compared, total = summary["compared"], summary["total"]
    coverage = f"{compared} of {total} claims compared with an official figure ({compared / max(total, 1):.1%})"
    print(f"  coverage: {coverage}")
    negatives = [r for r in rows if r["verdict"] in NEGATIVE]
    agrees = sum(n for (k, v), n in by_kind.items() if k == "official" and v in ("agrees", "agrees_with_earlier"))
    print(f"  official agrees (incl. agrees_with_earlier): {agrees}; negative verdicts: {len(negatives)}")
    for n, r in enumerate(negatives, 1):
        print(f"\n  [{n}] {r['kind']} {r['verdict']}: article {r['article']}, {r['value']:g} {r['unit']} "
              f"{r['stage']}, {r['area']}, {r['period']}")
        print(f"      quote:    {r['quote']}")
        if r["official_value"] is not None or r["dataset"]:
            print(f"      official: {r['official_value']} ({r['dataset']}, {r['official_period']})")
        print(f"      reason:   {r['reason']}")
        if r.get("official_notes"):
            print(f"      notes:    {r['official_notes']}")
    print()
    return {"by_kind": dict(by_kind), "negatives": len(negatives), "agrees": agrees, "coverage": coverage}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--extracted", action="store_true", help="also run with the extractor's own claims")
    ap.add_argument("--only-extracted", action="store_true", help="run only with the extractor's own claims")
    ap.add_argument("--keep", type=Path, default=None, help="keep the databases in this directory")
    args = ap.parse_args()
    where = args.keep or Path(tempfile.mkdtemp(prefix="attrition-verdicts-"))
    where.mkdir(parents=True, exist_ok=True)
    runs = ([] if args.only_extracted else [("gold", True)]) + (
        [("extracted", False)] if args.extracted or args.only_extracted else [])
    for name, gold in runs:
        db = where / f"{name}.db"
        db.unlink(missing_ok=True)
        seconds = build(db, gold)
        report(db, f"{name} claims ({seconds:.0f}s to build)")
    print(f"databases in {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
