"""The keyword gate: a cheap test that a text could hold a rape or sexual-offence figure.

spaCy costs milliseconds per article; this regex costs microseconds. A text
passes when it names the offence and contains at least one digit or number word.
The gate must never drop an article holding a gold claim (checked by the
benchmark against ../shared/eval).
"""

from __future__ import annotations

import re

_OFFENCE = re.compile(
    r"\brap(?:e|es|ed|ist|ists|ing)\b|\bsex(?:ual)?\s+(?:offen[cs]es?|offending|assaults?|abuse|violence|crimes?|attacks?|exploitation)"
    r"|\bsexual(?:ly)?\b|\bindecen(?:t|cy)\b|\bRASSO\b|\bVAWG\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|half|third|quarter|fifth)\b",
    re.IGNORECASE,
)


def is_relevant(text: str) -> bool:
    """Return True when `text` mentions a sexual offence and holds some number."""
    return bool(text) and _OFFENCE.search(text) is not None and _NUMBER.search(text) is not None
