"""Parts against their total, within one article: victim groups, ages, and the components of a no-crime count.

A part never exceeds its total, and parts that make up the whole sum to it:

- victim groups (`410 rapes of a female aged 16 or over`) and victim ages (adult,
  child) are parts of the all-victims count of the same stage;
- transferred and cancelled offences are the two parts of the no-crime count,
  a complete partition: together they must sum to it.

`check_subgroups` gives each part a `subgroup` check: `exceeds_total` (a part, or
the parts together, larger than the total), `parts_do_not_sum` (a complete
partition whose parts sum to less than the total), `sums_to_total`, or
`within_total` (parts below the total; other parts may be unstated). Rounded
figures are compared by their stated ranges.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Sequence

from attrition.corpus.check.checks import Check, ClaimRecord, _fmt
from attrition.corpus.check.comparability import claim_population, claim_profile

# Partitions whose parts, when all are stated, make up the whole.
COMPLETE = {"no-crime components": frozenset({"transferred", "cancelled"})}
SUBGROUP_VERDICTS = ("sums_to_total", "within_total", "exceeds_total", "parts_do_not_sum")


def part_of(claim: ClaimRecord) -> tuple[str, str, str] | None:
    """Return (partition, part label, the total's measure) when a count is a part of another, else None."""
    profile = claim_profile(claim)
    if profile.measure in ("transferred", "cancelled"):
        return "no-crime components", profile.measure, "no_crime"
    if profile.population.startswith("group:"):
        return "victim groups", profile.population.split(":", 1)[1], profile.measure
    if profile.population in ("adult", "child"):
        return "victim ages", f"{profile.population} victims", profile.measure
    return None


def _both_ages(quote: str) -> bool:
    """True when a quote names adult and child victims both ("1,200 were adults and 700 children"): whose is unclear."""
    return bool(re.search(r"\badults?\b", quote, re.I) and re.search(r"\bchild(?:ren)?\b", quote, re.I))


_NOT_VICTIMS = re.compile(r"\b(?:perpetrators?|offenders?|suspects?|defendants?|accused)\b", re.I)


def _total_of_victims(claim: ClaimRecord) -> bool:
    """True for a count of all victims: neither its quote nor its sentence names a victim group or age,
    and it does not count perpetrators (a `79 rapes of` cut from a list of groups is no total)."""
    if claim_profile(claim).population != "all" or _NOT_VICTIMS.search(claim.quote):
        return False
    return claim.sentence is None or claim_population(claim.sentence) == "all"


def _key(claim: ClaimRecord, measure: str) -> tuple:
    return claim.area, claim.offence, claim.stage, claim.period_start, claim.period_end, measure


def check_subgroups(article_claims: Sequence[ClaimRecord]) -> list[Check]:
    """Check the parts in one article against their total; return one `subgroup` Check per part.

    A total is a count of all victims of the same force, offence, stage, period
    and measure; a group with two different totals is not checked (which one a
    part belongs to is unknown). Changes, rates, offences outside sexual
    offences and quotes naming adults and children both are not parts.
    """
    counts = [c for c in article_claims if c.unit == "count" and not c.change and c.area and c.period_start
              and c.offence != "other" and not _both_ages(c.quote)]
    totals: dict[tuple, list[ClaimRecord]] = defaultdict(list)
    parts: dict[tuple, list[tuple[ClaimRecord, str, str]]] = defaultdict(list)
    for claim in counts:
        found = part_of(claim)
        if found:
            partition, label, measure = found
            parts[_key(claim, measure)].append((claim, partition, label))
        elif _total_of_victims(claim):
            totals[_key(claim, claim_profile(claim).measure)].append(claim)
    checks = []
    for key, members in parts.items():
        candidates = {t.value: t for t in totals.get(key, [])}
        if len(candidates) != 1:
            continue
        total = next(iter(candidates.values()))
        whole = total.stated
        by_partition: dict[str, dict[str, ClaimRecord]] = defaultdict(dict)
        for claim, partition, label in members:
            by_partition[partition].setdefault(label, claim)  # one claim per part (the same figure quoted twice)
        for partition, labelled in by_partition.items():
            listed = list(labelled.values())
            low = sum(c.stated.low for c in listed)
            high = sum(c.stated.high for c in listed)
            complete = partition in COMPLETE and set(labelled) >= COMPLETE[partition]
            words = " + ".join(f"{label} {_fmt(c.value)}" for label, c in labelled.items())
            for label, claim in labelled.items():
                if claim.stated.low > whole.high:
                    verdict = "exceeds_total"
                    reason = (f"the part ({label}) {_fmt(claim.value)} exceeds its total {_fmt(total.value)} "
                              f"(\u201c{total.quote}\u201d)")
                elif len(listed) > 1 and low > whole.high:
                    verdict = "exceeds_total"
                    reason = (f"the {partition} together ({words} = {_fmt(sum(c.value for c in listed))}) exceed "
                              f"their total {_fmt(total.value)} (\u201c{total.quote}\u201d)")
                elif len(listed) > 1 and high >= whole.low:  # (and low <= whole.high: not exceeding)
                    verdict = "sums_to_total"
                    reason = f"the {partition} ({words}) sum to their total {_fmt(total.value)}"
                elif complete:
                    verdict = "parts_do_not_sum"
                    reason = (f"the {partition} ({words} = {_fmt(sum(c.value for c in listed))}) make up the whole "
                              f"but sum to less than their total {_fmt(total.value)} (\u201c{total.quote}\u201d)")
                else:
                    verdict = "within_total"
                    reason = (f"the part ({label}) {_fmt(claim.value)} is within its total {_fmt(total.value)}"
                              + (f"; the {partition} stated ({words}) sum to {_fmt(sum(c.value for c in listed))}, "
                                 f"other parts may be unstated" if len(listed) > 1 else ""))
                checks.append(Check(
                    claim.id, "subgroup", verdict, official_value=total.value,
                    period_start=claim.period_start, period_end=claim.period_end,
                    other_claim_id=total.id, other_quote=total.quote, reason=reason,
                    detail={"partition": partition, "part": label, "complete": complete,
                            "parts": [{"claim_id": c.id, "part": l, "value": c.value} for l, c in labelled.items()],
                            "total": {"claim_id": total.id, "value": total.value, "quote": total.quote},
                            "other_ids": [total.id, *(c.id for c in listed if c.id != claim.id)]}))
    return checks
