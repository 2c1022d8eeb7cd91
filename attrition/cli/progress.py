"""Feedback on long runs: a counter on standard error while a command works, on a terminal only.

    with counter("ingest", quiet=quiet) as tick:
        run_ingest(..., progress=tick)      # "ingest: 448 articles read" redrawn in place
    with counter("official load", noun="files loaded") as tick:
        ...                                 # "official load: 3 files loaded"
    with ticking("check", "checking 705 claims"):
        run_checks(conn)                    # "check: checking 705 claims, 4 s" (no callback to count)

Nothing is drawn when standard error is not a terminal (piped, cron, tests) or
with --quiet, so output that is read by programs stays exactly as it was.
"""

from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator

REDRAW_SECONDS = 0.1
TICK_SECONDS = 1.0


def _drawing(quiet: bool, stream) -> bool:
    return not quiet and stream.isatty()


@contextmanager
def counter(label: str, *, quiet: bool = False, stream=None, noun: str = "articles read") -> Iterator[Callable[[], None]]:
    """Yield a function to call once per item; on a terminal it redraws `LABEL: N NOUN`."""
    stream = stream or sys.stderr
    if not _drawing(quiet, stream):
        yield lambda: None
        return
    state = {"n": 0, "drawn": 0.0}

    def draw() -> None:
        stream.write(f"\r{label}: {state['n']:,} {noun}")
        stream.flush()

    def tick() -> None:
        state["n"] += 1
        now = time.monotonic()
        if now - state["drawn"] >= REDRAW_SECONDS:
            state["drawn"] = now
            draw()

    try:
        yield tick
    finally:
        if state["n"]:
            draw()
            stream.write("\n")
            stream.flush()


@contextmanager
def ticking(label: str, doing: str, *, quiet: bool = False, stream=None) -> Iterator[None]:
    """On a terminal, redraw `LABEL: DOING, N s` every second while the block runs (for work that
    reports no steps of its own); the line is cleared when it ends."""
    stream = stream or sys.stderr
    if not _drawing(quiet, stream):
        yield
        return
    started, done = time.monotonic(), threading.Event()
    lock = threading.Lock()

    def draw() -> None:
        with lock:
            stream.write(f"\r{label}: {doing}, {time.monotonic() - started:.0f} s")
            stream.flush()

    def run() -> None:
        while not done.wait(TICK_SECONDS):
            draw()

    draw()
    thread = threading.Thread(target=run, name=f"{label} progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        with lock:
            stream.write("\r\x1b[K")  # clear the line: the command's own summary follows
            stream.flush()
