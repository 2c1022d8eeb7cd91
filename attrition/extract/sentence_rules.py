"""Rules of English that act on a whole sentence's claims once they are made.

`Herts and Cambridgeshire both recorded 88%` (one figure, two forces),
`... (9.4% and 8.7%, respectively)` (stages paired in order), a rate that
restates two counts (its stage and base by the arithmetic), and `Of the 64
convicted rapists, 47 ...` (figures about an earlier figure share its source).
"""

from __future__ import annotations

import re

from attrition.extract.claim import Claim
from attrition.extract.cues import OF_CLOSED, Cue
from attrition.extract.lexicon import STRONG


def shared_by(text: str, s_start: int, s_end: int, s_areas, claim: Claim) -> list[Claim]:
    """`Herts and Cambridgeshire both recorded 88%`, `Kent, Essex and Surrey all under 2%`:
    the same figure for each force of the list (the claim keeps the one it has; twins for the rest)."""
    forces = [a for a in s_areas if a.kind in ("force", "place") and a.area and a.end <= claim.char_start]
    run: list = []
    for a in forces:
        if run and not re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", text[run[-1].end:a.start]):
            run = []
        run.append(a)
    if len(run) < 2 or not re.match(r"\s+(?:both|all|each)\b", text[run[-1].end:run[-1].end + 8]):
        return []
    if re.search(r"[.;]", text[run[-1].end:claim.char_start]):
        return []
    areas = list(dict.fromkeys(a.area for a in run))
    if claim.area not in areas:
        claim.area = areas[0]
    return [Claim(**{**claim.__dict__, "area": area}) for area in areas if area != claim.area]


def rates_restating_counts(s_claims: list[Claim], previous_claims: list[Claim], text: str = "") -> None:
    """`610 convictions from 790 trials, a conviction rate of 77 per cent`: the rate is the
    first count's stage as a share of the second's (GUIDELINES 13), found by the arithmetic.

    Looks at counts before the rate in its sentence and the sentence before; a
    pair whose quotient matches the rate to the precision it is written in sets
    the rate's stage and base.
    """
    for rate in s_claims:
        if rate.unit != "percent" or rate.change or not 0 < rate.value < 100 or rate.stage == "other":
            continue
        counts = [c for c in previous_claims + s_claims if c.unit == "count" and not c.change and c.value > 0
                  and c.area == rate.area and (c.period_start, c.period_end) == (rate.period_start, rate.period_end)]
        decimals = len(str(rate.value).split(".")[1].rstrip("0")) if "." in str(rate.value) else 0
        tolerance = 0.5 * 10 ** -decimals + 1e-9
        for num in reversed(counts):
            den = next((d for d in reversed(counts) if d is not num and d.value > num.value
                        and d.stage != num.stage and abs(100 * num.value / d.value - rate.value) <= tolerance), None)
            # The rate's own words win: only a rate of the count's stage, or one read from a bare
            # noun (reported/recorded), takes the counts' stages ("the conviction rate was 20%" stays).
            if den is not None and "other" not in (num.stage, den.stage) and (
                    rate.stage == num.stage or rate.stage in ("reported", "recorded")):
                old = (rate.stage, rate.of_stage)
                rate.stage, rate.of_stage = num.stage, den.stage
                _comparands_follow(text, s_claims, rate, old)
                break


_COMPARED_LEVEL = re.compile(r"\s*[,(–—-]?\s*(?:up|down)\s+from\s+(?:just\s+|about\s+|around\s+|nearly\s+)?|\s*[,(]?\s*compared\s+(?:with|to)\s+", re.I)


def _comparands_follow(text: str, s_claims: list[Claim], rate: Claim, old: tuple) -> None:
    """`a rate of 65.6 per cent, up from 58.0 per cent`: the earlier level the rate is compared with
    takes the stage and base the arithmetic gave the rate."""
    later = [c for c in s_claims if c.char_start > rate.char_end]
    if text and later and later[0].unit == "percent" and not later[0].change \
            and (later[0].stage, later[0].of_stage) in (old, (rate.stage, old[1])) \
            and _COMPARED_LEVEL.fullmatch(text, rate.char_end, later[0].char_start):
        later[0].stage, later[0].of_stage = rate.stage, rate.of_stage


_RESTATES = re.compile(
    r"(?:\s+times)?(?:\s+(?:in|during|over)\s+[\w/-][\w\s/-]{0,24}?)?\s*(?:[,(–—-]\s*)?(?:or|equating\s+to|equivalent\s+to|amounting\s+to|representing|which\s+(?:is|was|represents|equates\s+to))"
    r"\s+(?:just\s+|only\s+|around\s+|about\s+|nearly\s+|some\s+|a\s+mere\s+)?", re.I)
_DASH_END = re.compile(r"\s[–—-]\s+(?:just\s+|only\s+|around\s+|about\s+|nearly\s+|some\s+|almost\s+)?$")


def rate_restating_a_count(text: str, s_claims: list[Claim]) -> None:
    """`charged 290 times, or only 5 per cent of the investigations closed`: a rate that restates
    the count before it takes that count's stage (GUIDELINES 13); a share of closed investigations
    has no base stage (GUIDELINES 12)."""
    for count, rate in zip(s_claims, s_claims[1:]):
        if count.unit != "count" or rate.unit != "percent" or count.change or rate.change:
            continue
        gap = text[count.char_end:rate.char_start]
        # "1.6m offences ended with nobody charged in 2023 - some 85 per cent of every crime
        # given an outcome": a share after a dash that closes the count's clause restates it
        dashed = len(gap) <= 200 and not re.search(r"[.;:]\s", gap) and _DASH_END.search(gap) \
            and re.match(r"\s+of\s+(?:all\s+)?(?:the\s+)?", text[rate.char_end:rate.char_end + 12])
        if count.stage in ("other", rate.stage) or not (dashed or _RESTATES.fullmatch(gap)):
            continue
        rate.stage = count.stage
        if OF_CLOSED.match(text, rate.char_end):
            rate.of_stage = None
        elif rate.of_stage == rate.stage:
            rate.of_stage = None


def respectively(text: str, s_claims: list[Claim], s_stage: list[Cue], s_start: int, s_end: int) -> None:
    """`rises in prosecutions and convictions (9.4% and 8.7%, respectively)`: pair stages and figures in order.

    Applies to each group of figures joined by "and" or commas that "respectively"
    follows; the group's k figures take the last k distinct funnel stages named
    before the group, in the order they were named.
    """
    for m in re.finditer(r"\brespectively\b", text[s_start:s_end]):
        at = s_start + m.start()
        group = [c for c in s_claims if c.char_end <= at]
        run: list[Claim] = []
        for c in reversed(group):
            if run and not re.fullmatch(r"[\s,]*(?:and|&)?[\s,]*", text[c.char_end:run[0].char_start]):
                break
            run.insert(0, c)
        if len(run) < 2 or not re.fullmatch(r"[\s,)]*", text[run[-1].char_end:at]):
            continue
        named: list[str] = []
        for cue in s_stage:
            if cue.end <= run[0].char_start and cue.label != "other" and cue.weight >= STRONG:
                if named and named[-1] == cue.label:
                    continue
                named.append(cue.label)
        labels = named[-len(run):]
        if len(labels) == len(run) and len(set(labels)) == len(labels):
            change = any(c.change for c in run if c.unit == run[0].unit)
            for claim, label in zip(run, labels):
                claim.stage = label
                if change and claim.unit == run[0].unit:
                    claim.change, claim.of_stage = True, None


def follow_reference(text: str, s_claims: list[Claim], earlier: list[Claim]) -> None:
    """`Of the 64 rapists found guilty, 60 were men`: figures about an earlier figure share its source.

    When a sentence opens with `Of the N` and N is a figure the article gave
    before, the sentence's figures whose source was only carried over take the
    source of that earlier figure.
    """
    if not s_claims:
        return
    first = s_claims[0]
    if not re.search(r"(?:^|\n|\.\s)\s*Of\s+(?:the|these|those)\s+$", text[max(0, first.char_start - 20):first.char_start]):
        return
    referenced = next((c for c in reversed(earlier) if c.unit == first.unit and c.value == first.value
                       and c.source and not c.change), None)
    if referenced is None:
        return
    for claim in s_claims:
        if claim.source is None or claim.source_inherited:
            claim.source, claim.source_inherited = referenced.source, True
