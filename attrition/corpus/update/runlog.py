"""Events of an update run, for a person at a terminal or for cron.

    log = EventLog(fmt="json")                      # one JSON object per line on stdout
    log = EventLog(fmt="human", quiet=False)        # lines on stderr, a progress bar on a TTY
    log.emit("entry", url=url, status="new", claims=5)

Every event has a name and fields; `level` is 'error' for anything that failed,
'warning' for something read with a problem, else 'info'. `quiet` drops info
events (a cron job then mails only when something went wrong). The progress
bar is drawn only in human format, not quiet, when stderr is a terminal.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import IO, Iterator

import click

FORMATS = ("human", "json")
ERROR_STATUSES = {"failed", "retry"}


def level_of(event: str, fields: dict) -> str:
    """Return 'error', 'warning' or 'info' for an event with these fields."""
    if event == "warning":
        return "warning"
    if event == "error" or (event != "run_end" and fields.get("status") in ERROR_STATUSES):
        return "error"
    return "info"


@dataclass
class EventLog:
    """Where events go: `fmt` human or json, `quiet`, and the streams (stdout/stderr by default)."""

    fmt: str = "human"
    quiet: bool = False
    out: IO[str] | None = None
    err: IO[str] | None = None
    events: list[dict] = field(default_factory=list)
    _bar: object = None

    def emit(self, event: str, **fields) -> None:
        """Record an event and print it in the log's format (unless quiet and merely 'info')."""
        level = level_of(event, fields)
        record = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                  "event": event, "level": level, **fields}
        self.events.append(record)
        if self.quiet and level == "info":
            return
        if self.fmt == "json":
            stream = self.out or sys.stdout
            stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            stream.flush()
        else:
            line = human_line(event, fields)
            if line is not None:
                click.echo(line, err=True, file=self.err)

    def advance(self, steps: int = 1) -> None:
        """Move the progress bar on (when one is drawn)."""
        if self._bar is not None:
            self._bar.update(steps)

    @contextmanager
    def progress(self, total: int, label: str = "articles") -> Iterator[None]:
        """Draw a progress bar of `total` steps for the `with` block, when on a terminal."""
        stream = self.err or sys.stderr
        if self.fmt != "human" or self.quiet or total <= 0 or not _isatty(stream):
            yield
            return
        with click.progressbar(length=total, label=label, file=stream, show_pos=True) as bar:
            self._bar = bar
            try:
                yield
            finally:
                self._bar = None


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def human_line(event: str, fields: dict) -> str | None:
    """Return one event as a line for a person (None for `run_end`: the command prints its summary)."""
    url = fields.get("url", "")
    reason = f": {fields['reason']}" if fields.get("reason") else ""
    if event == "feed":
        if fields.get("status") == "not_modified":
            return f"feed       {url}: not modified"
        if fields.get("status") == "failed":
            return f"failed     {url}{reason}"
        return (f"feed       {url}: {fields.get('kind')}, {fields.get('entries', 0)} entries, "
                f"{fields.get('queued', 0)} new or changed")
    if event in ("entry", "reextract"):
        status = fields.get("status", "")
        claims = f" ({fields['claims']} claims)" if fields.get("claims") is not None and \
            status in ("new", "updated", "reextracted") else ""
        word = "retry later" if status == "retry" else status
        return f"{word:<10} {url or fields.get('article', '')}{claims}{reason}"
    if event == "run_start":
        return (f"run {fields.get('run')}: {fields.get('feeds', 0)} feeds, "
                f"extractor {fields.get('extractor_version')}")
    if event == "queue":
        return f"{fields.get('pending', 0)} articles to fetch" + (
            f" (of {fields['waiting']} waiting; --max-articles)" if fields.get("waiting", 0) > fields.get("pending", 0) else "")
    if event == "warning":
        return f"warning    {url}{reason}"
    if event == "run_end":
        return None
    extra = ", ".join(f"{k}={v}" for k, v in fields.items())
    return f"{event}: {extra}"
