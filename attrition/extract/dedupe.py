"""De-duplication: one figure, one claim, in its most exact wording (GUIDELINES 1)."""

from __future__ import annotations

import re

from attrition.extract.claim import Claim


def dedupe(claims: list[Claim]) -> list[Claim]:
    """Drop repeats of one figure (headline and body, repeated paragraphs) and rounded echoes.

    Two claims with the same area, stage, unit, value and change are one figure
    when their periods agree or one has none, unless one sentence states both
    ("40 rape suspects and 40 sexual assault suspects"); the one with more context stays.
    A hedged round figure (`nearly 1,700`) is dropped when the article states an
    exact one within 15% for the same area and stage (`1,696`).
    """
    kept: list[Claim] = []
    by_figure: dict[tuple, list[int]] = {}  # (area, stage, unit, value, change) -> positions in kept
    for claim in claims:
        key = (claim.area, claim.stage, claim.unit, claim.value, claim.change)
        twin = next((i for i in by_figure.get(key, ()) if _same_offence(kept[i], claim)
                     if (not _same_sentence(kept[i], claim) or _restates(kept[i], claim)) and (
                         kept[i].period_start is None or claim.period_start is None or
                         (kept[i].period_start, kept[i].period_end) == (claim.period_start, claim.period_end)
                         or _echo(kept[i], claim))), None)
        if twin is None:
            by_figure.setdefault(key, []).append(len(kept))
            kept.append(claim)
        elif kept[twin].period_start is None and claim.period_start is not None or (
                _approximate(kept[twin]) and not _approximate(claim) and (claim.period_start or not kept[twin].period_start)):
            kept[twin] = claim  # the one with a period, or the exact wording of a ratio ("2.5%" for "one in 40")
    kept = _drop_placeless_echoes(kept)
    kept = _drop_rounded_words(kept)
    exact: dict[tuple, list[Claim]] = {}
    for k in kept:
        if not k.comparator:
            exact.setdefault((k.area, k.stage, k.unit, k.change), []).append(k)
    return [claim for claim in kept if not (
        claim.comparator and (claim.unit == "count" or not claim.change) and any(
            _same_period(claim, other) and _hedge_covers(claim.comparator, claim.value, other.value, claim.unit)
            for other in exact.get((claim.area, claim.stage, claim.unit, claim.change), [])))]


def _echo(a: Claim, b: Claim) -> bool:
    """True when one of two equal figures only carried its period from the text around it and one
    of them is quoted or distinctive: "A detection rate of 4.1% is not good enough," said the
    commissioner, of the 4.1% the report gave for 2018/19 (GUIDELINES 1)."""
    quoted_carried = any(c.speaker and c.period_inherited for c in (a, b))
    return quoted_carried or (a.period_inherited != b.period_inherited and _distinctive(a))


def _same_offence(a: Claim, b: Claim) -> bool:
    """False for two figures stated of different offences in different sentences ("the charge rate for
    rape was 3.9% ... for other sexual offences it was also 3.9%"): two findings that share a value."""
    return a.offence == b.offence or a.quote_start == b.quote_start or not (
        _offence_named(a) and _offence_named(b))


def _offence_named(claim: Claim) -> bool:
    """True when the words just around the figure name an offence ("for other sexual offences ... 3.9pc")."""
    at = claim.char_start - claim.quote_start
    before = re.split(r"[.:;\"“”]", claim.quote[max(0, at - 60):at])[-1]  # the figure's own clause
    near = before + claim.quote[at:at + (claim.char_end - claim.char_start) + 40]
    return bool(re.search(r"\b(?:rapes?|sexual|sex|assaults?|indecent)\b", near, re.I))


def _same_sentence(a: Claim, b: Claim) -> bool:
    """True when two different figures sit in one quoted sentence (a sentence does not repeat itself)."""
    return a.char_start != b.char_start and a.quote_start <= b.char_start < a.quote_start + len(a.quote)


_RATIO_OR_FRACTION = re.compile(r"(?i)\bin\s+(?:every\s+)?\w+$|\b(?:half|third|thirds|quarter|quarters|fifth|fifths|tenth|tenths)\b")


def _written(claim: Claim) -> str:
    """The figure as the text writes it ("one in 40", "2.5%"), read from its quote."""
    start = claim.char_start - claim.quote_start
    return claim.quote[start:start + claim.char_end - claim.char_start] if 0 <= start <= len(claim.quote) else ""


def _approximate(claim: Claim) -> bool:
    """True for a rate written as a ratio or fraction ("one in 40", "a third of")."""
    return claim.unit == "percent" and bool(_RATIO_OR_FRACTION.search(_written(claim)))


def _restates(a: Claim, b: Claim) -> bool:
    """True when one sentence gives one rate twice, as a ratio and as a percentage ("one in 40 - 2.5% -")."""
    return _approximate(a) != _approximate(b)


def _drop_rounded_words(claims: list[Claim]) -> list[Claim]:
    """A rate in words ("down a quarter", "one in three") goes when the article states the exact
    rate it rounds for the same area, stage and change ("a fall of ... 25.2%"), of the same period
    or in the same sentence (where a period read for one of them may be the other's)."""
    exact = [c for c in claims if c.unit == "percent" and not _approximate(c)]
    return [c for c in claims if not (_approximate(c) and any(
        (o.area, o.stage, o.change) == (c.area, c.stage, c.change) and (_same_period(c, o) or _same_sentence(c, o))
        and abs(o.value - c.value) <= max(1.0, 0.08 * c.value) for o in exact))]


def _same_period(a: Claim, b: Claim) -> bool:
    """Periods that agree, or one of them unknown: "nearly 2,000 in 2022" is not "1,850 in 2021"."""
    return a.period_start is None or b.period_start is None or (a.period_start, a.period_end) == (b.period_start, b.period_end)


def _hedge_covers(comparator: str, hedged: float, exact: float, unit: str) -> bool:
    """True when an exact figure is what a hedged one rounds (`less than 2%` and 1.9%, `nearly 1,700` and 1,696)."""
    if unit == "count":
        if comparator in ("more_than", "at_least"):
            return hedged <= exact <= hedged * 1.15
        if comparator in ("less_than", "nearly"):
            return hedged * 0.85 <= exact <= hedged
        return abs(exact - hedged) <= 0.15 * hedged
    if comparator in ("less_than", "nearly"):
        return hedged * 0.7 <= exact <= hedged
    if comparator in ("more_than", "at_least"):
        return hedged <= exact <= hedged * 1.3
    return abs(exact - hedged) <= max(0.5, 0.1 * hedged)


def _distinctive(claim: Claim) -> bool:
    """A value unlikely to recur by chance: a decimal rate, or a count in the hundreds or more."""
    return claim.value >= 100 if claim.unit == "count" else claim.value != int(claim.value)


def _drop_placeless_echoes(claims: list[Claim]) -> list[Claim]:
    """A headline or standfirst echoing the body (`charge rates drop from 7.5% to 5.1%`) names no place
    and no period; its area was only carried. When the same distinctive figure is given elsewhere with
    its place named, the echo is the same figure and goes."""
    named = {(c.stage, c.unit, c.value, c.change) for c in claims if not c.area_inherited}
    return [c for c in claims if not (c.area_inherited and c.period_start is None and _distinctive(c)
                                      and (c.stage, c.unit, c.value, c.change) in named)]
