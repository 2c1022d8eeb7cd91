"""One claim for a person to read: its fields, its sentence with the figure marked, its article."""

from __future__ import annotations

import re

MARK_OPEN, MARK_CLOSE = "[[", "]]"

# A sentence ends at . ! or ? (perhaps followed by a closing quote or bracket)
# and whitespace, before something that can start a sentence.
SENTENCE_END = re.compile(r"""(?P<word>\S*?)(?P<end>[.!?]['"’”)\]]*)\s+(?=['"‘“(\[]?[A-Z0-9])""")

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "prof", "st", "no", "det", "insp", "supt", "sgt",
                 "cllr", "rev", "sir", "gen", "col", "capt", "lt", "vs", "etc", "approx"}


def _ends_sentence(match: re.Match) -> bool:
    word = match.group("word").lstrip("(\"'‘“[")
    if match.group("end").startswith(".") and (
            word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())):
        return False
    return True


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Return (first, last) offsets of the sentence(s) in `text` covering [start, end).

    Never crosses a line break: a paragraph is the widest context returned. A
    full stop after a title (Dr, Mr, Supt) or an initial does not end a sentence.
    """
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end == -1 else para_end
    first, last = para_start, para_end
    for match in SENTENCE_END.finditer(text, para_start, para_end):
        if not _ends_sentence(match):
            continue
        if match.end() <= start:
            first = match.end()
        elif match.start("end") >= end:
            last = match.end("end")
            break
    return first, last


def marked_sentence(text: str, char_start: int, char_end: int) -> str:
    """Return the sentence holding text[char_start:char_end] with the figure wrapped in [[ ]]."""
    first, last = sentence_bounds(text, char_start, char_end)
    return (text[first:char_start] + MARK_OPEN + text[char_start:char_end] + MARK_CLOSE
            + text[char_end:last]).strip()


CLAIM_LINES = (
    ("id", "claim"), ("value", "value"), ("unit", "unit"), ("comparator", "comparator"),
    ("stage", "stage"), ("of_stage", "of stage"), ("offence", "offence"), ("area", "area"),
    ("period_text", "period text"), ("source", "source"), ("speaker", "speaker"),
    ("change", "change"), ("confidence", "confidence"), ("extractor_version", "extractor"),
)

ARTICLE_LINES = (
    ("label", "article"), ("title", "title"), ("publisher", "publisher"),
    ("published", "published"), ("url", "url"), ("path", "path"), ("origin", "read from"),
    ("fetched_at", "fetched"), ("content_hash", "content hash"),
)


def format_claim(claim: dict, article: dict) -> str:
    """Return a plain-text report of one claim (a dict from query.get_claim) and its article."""
    lines = []
    for key, name in CLAIM_LINES:
        value = claim.get(key)
        if value is None or value is False:
            continue
        if key == "area" and claim.get("area_inherited"):
            value = f"{value} (carried over from an earlier sentence)"
        if key == "source" and claim.get("source_inherited"):
            value = f"{value} (carried over from an earlier sentence)"
        lines.append(f"{name + ':':<14}{'yes' if value is True else value}")
    if claim.get("period_start") or claim.get("period_end"):
        period = f"{claim.get('period_start')} to {claim.get('period_end')}"
        if claim.get("period_inherited"):
            period += " (carried over from an earlier sentence)"
        lines.insert(8, f"{'period:':<14}{period}")
    lines.append(f"{'offsets:':<14}{claim['char_start']}-{claim['char_end']}")
    lines += ["", marked_sentence(article["text"], claim["char_start"], claim["char_end"]), ""]
    for key, name in ARTICLE_LINES:
        if article.get(key):
            lines.append(f"{name + ':':<14}{article[key]}")
    return "\n".join(lines)
