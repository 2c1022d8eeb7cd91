"""Feedback on long runs: a counter on standard error while a command reads its inputs, on a terminal only.

    with counter("ingest", quiet=quiet) as tick:
        run_ingest(..., progress=tick)      # "ingest: 448 articles read" redrawn in place

Nothing is drawn when standard error is not a terminal (piped, cron, tests) or
with --quiet, so output that is read by programs stays exactly as it was.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator

REDRAW_SECONDS = 0.1


@contextmanager
def counter(label: str, *, quiet: bool = False, stream=None) -> Iterator[Callable[[], None]]:
    """Yield a function to call once per article; on a terminal it redraws `LABEL: N articles read`."""
    stream = stream or sys.stderr
    if quiet or not stream.isatty():
        yield lambda: None
        return
    state = {"n": 0, "drawn": 0.0}

    def draw() -> None:
        stream.write(f"\r{label}: {state['n']:,} articles read")
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
