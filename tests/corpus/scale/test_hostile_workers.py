"""`ingest --workers 2` killed by SIGTERM or SIGKILL leaves no worker running (issue 14, finding 7).

A real `attrition ingest` runs in its own session; once its worker processes
are up, the parent is killed with a real signal and every process it started
must be gone within a few seconds. Whatever happens, the test ends the
session's process group it started.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

TEXT = ("Kent Police recorded {n:,} rapes in 2022/23, according to Home Office figures. "
        "Only 112 of those cases led to a charge, and 31 ended in a conviction, the force said.")


def children(pid: int) -> list[int]:
    """Return the pids whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Return True while `pid` exists and is not a zombie."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process parents from /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_killed_ingest_leaves_no_worker_running(tmp_path, signum):
    dump = tmp_path / "many.jsonl"
    dump.write_text("".join(json.dumps({"id": f"a{n}", "text": TEXT.format(n=n)}) + "\n" for n in range(20_000)))
    process = subprocess.Popen([sys.executable, "-m", "attrition.cli", "ingest", str(dump), "--workers", "2",
                                "--db", str(tmp_path / "k.db")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.3)
            workers = children(process.pid)
        assert len(workers) >= 2, "the workers never started"
        os.kill(process.pid, signum)
        process.wait(timeout=10)
        gone_by = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < gone_by:
            time.sleep(0.2)
        assert not [pid for pid in workers if alive(pid)], "workers still running after the parent died"
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the session this test started, if anything is left
        except ProcessLookupError:
            pass
        process.wait(timeout=10)
