"""The error every reader raises, and the record of an input that could not be read."""

from __future__ import annotations

from dataclasses import dataclass

from attrition.errors import AttritionError


class ReadError(AttritionError):
    """An input (file, URL, JSON line) that could not be turned into an article.

    `source` names the input as the user gave it (path, URL, `file.jsonl:12`);
    `reason` says why, in words a person can act on.
    """

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class TransientError(ReadError):
    """A failure worth trying again later: HTTP 5xx or 429, a timeout, a dropped connection.

    `retry_after` is the wait in seconds the server asked for (Retry-After), or None.
    """

    def __init__(self, source: str, reason: str, retry_after: float | None = None):
        super().__init__(source, reason)
        self.retry_after = retry_after


@dataclass
class Failure:
    """An input that was skipped: what it was and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    @classmethod
    def from_error(cls, error: ReadError) -> "Failure":
        """Return the Failure recording a ReadError."""
        return cls(error.source, error.reason)
