"""What the claim page shows: the figure in its paragraph, the claim's fields, its article, its checks.

    evidence = paragraph_evidence(article["text"], claim)   # pieces of text, figure marked
    fields = claim_fields(claim)                            # (label, value) pairs for people

Pure functions over plain dicts (rows of claims, articles and checks); the
plugin fetches the rows and the template escapes every piece it prints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlparse

from attrition.corpus.check.listing import official_notes

# The claim's fields in the order a fact-checker reads them, with their labels.
CLAIM_FIELDS = (
    ("value", "Figure"), ("unit", "Unit"), ("comparator", "Hedged as"), ("stage", "Funnel stage"),
    ("of_stage", "Share of"), ("offence", "Offence"), ("area", "Force area"),
    ("period", "Period"), ("period_text", "Period as written"), ("source", "Source named"),
    ("speaker", "Said by"), ("change", "A change, not a level"), ("confidence", "Extractor confidence"),
    ("extractor_version", "Extractor version"),
)

# The order checks are listed in, and what each kind compares with.
CHECK_KINDS = {
    "official": "Official figures",
    "arithmetic": "The article's own counts",
    "funnel": "Funnel order in the article",
    "across": "Other articles",
}

# Verdicts a fact-checker should look at twice.
FLAGGED_VERDICTS = frozenset({"differs", "conflict", "out_of_order"})


@dataclass(frozen=True)
class Evidence:
    """The paragraph around a figure, in five pieces: text before the sentence,
    the sentence up to the figure, the figure, the rest of the sentence, text after it."""

    before: str
    lead: str
    figure: str
    tail: str
    after: str


def paragraph_evidence(text: str, claim: dict) -> Evidence:
    """Return the paragraph of `text` holding `claim`'s figure, cut around its sentence and figure.

    `claim` needs quote, quote_start, char_start and char_end. The paragraph runs
    between line breaks and always covers the whole quoted sentence.
    """
    start, end = claim["char_start"], claim["char_end"]
    quote_start = claim["quote_start"]
    quote_end = quote_start + len(claim["quote"])
    para_start = min(text.rfind("\n", 0, start) + 1, quote_start)
    newline = text.find("\n", end)
    para_end = max(len(text) if newline == -1 else newline, quote_end)
    return Evidence(
        before=text[para_start:quote_start],
        lead=text[quote_start:start],
        figure=text[start:end],
        tail=text[end:quote_end],
        after=text[quote_end:para_end],
    )


def format_value(value) -> str:
    """Return a number as people write it: 1,234 for whole numbers, 5.1 otherwise, '' for None."""
    if value is None:
        return ""
    value = float(value)
    if value.is_integer():
        return f"{value:,.0f}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def period_text(start: str | None, end: str | None) -> str:
    """Return a period as people write it: 2022/23 (April to March), 2022, or 'start to end'."""
    if not start or not end:
        return ""
    if start[5:] == "04-01" and end[5:] == "03-31" and int(end[:4]) == int(start[:4]) + 1:
        return f"{start[:4]}/{end[2:4]}"
    if start[5:] == "01-01" and end[5:] == "12-31" and start[:4] == end[:4]:
        return start[:4]
    return f"{start} to {end}"


def claim_fields(claim: dict) -> list[tuple[str, str]]:
    """Return the claim's fields as (label, text) pairs for the page, leaving out empty ones.

    Marks a force, period or source carried over from an earlier sentence.
    """
    values = dict(claim)
    values["value"] = format_value(claim["value"])
    values["period"] = period_text(claim.get("period_start"), claim.get("period_end"))
    values["change"] = "yes" if claim.get("change") else None
    carried = {"area": "area_inherited", "period": "period_inherited", "source": "source_inherited"}
    rows = []
    for key, label in CLAIM_FIELDS:
        text = values.get(key)
        if text is None or text == "":
            continue
        text = str(text)
        if key in carried and claim.get(carried[key]):
            text += " (carried over from an earlier sentence)"
        rows.append((label, text))
    return rows


def link_target(url: str | None) -> str | None:
    """Return `url` if it is safe to link to (http or https), else None: it is then shown as text."""
    if not url:
        return None
    return url if urlparse(url).scheme in ("http", "https") else None


def check_rows(checks: list[dict]) -> list[dict]:
    """Return the claim's checks ordered by kind, each with what the page prints.

    Adds `kind_label`, `flagged` (the verdict needs a second look), formatted
    `official_value`/`difference`, `period`, `link` (the URL when it is safe
    to link to) and `notes` (the official row's notes, from the check's detail).
    """
    order = list(CHECK_KINDS)
    rows = []
    for check in sorted(checks, key=lambda c: (order.index(c["kind"]) if c["kind"] in order else 99,
                                                c.get("id") or 0)):
        rel = check.get("rel_diff")
        difference = format_value(check.get("abs_diff"))
        if difference and rel is not None:
            difference += f" ({rel * 100:+.1f}%)"
        rows.append({
            **check,
            "kind_label": CHECK_KINDS.get(check["kind"], check["kind"]),
            "flagged": check["verdict"] in FLAGGED_VERDICTS,
            "official_value_text": format_value(check.get("official_value")),
            "difference": difference,
            "period": period_text(check.get("period_start"), check.get("period_end")),
            "link": link_target(check.get("url")),
            "notes": official_notes(_detail(check.get("detail"))),
        })
    return rows


def _detail(text) -> dict:
    try:
        detail = json.loads(text or "{}")
    except (TypeError, ValueError):
        return {}
    return detail if isinstance(detail, dict) else {}


def page_context(claim: dict, article: dict, checks: list[dict]) -> dict:
    """Return the template context of a claim page from the claim, article and check rows."""
    title = article.get("title") or article.get("label")
    return {
        "claim": claim,
        "article": article,
        "article_title": title,
        "article_link": link_target(article.get("url")),
        "evidence": paragraph_evidence(article["text"], claim),
        "fields": claim_fields(claim),
        "checks": check_rows(checks),
        "value_text": format_value(claim["value"]),
    }
