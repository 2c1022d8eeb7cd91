"""The four cross-checks of a claim, as pure functions over claims and official figures.

- `check_official`: the claim against the official figure for the same force,
  offence, stage and period (`agrees`, `differs`, `no_official_data`, `not_comparable`).
- `check_arithmetic`: a rate against the counts it is a rate of, in the same article.
- `check_funnel`: within one article, force, offence and period, later stages of the
  funnel cannot exceed earlier ones (`in_order`, `out_of_order`).
- `check_across`: the same quantity claimed with different values in other
  articles (`conflict`, or `agrees` when they all say the same).

Each returns `Check` objects carrying the evidence a fact-checker needs. Reading
claims and official rows from the database and writing checks is in
`attrition.corpus.check.run`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from attrition.corpus.check.comparability import claim_profile, difference, official_profile
from attrition.corpus.check.rounding import StatedRange, stated_range
from attrition.corpus.official.layouts import CPS_POC_DATASET, SEVERAL_FORCES, OfficialFigure
from attrition.extract.claim import Claim

# Areas a claim may name that are not forces (GOLD.md: national figures).
NATIONAL_AREAS = ("England and Wales", "England", "Wales")

KINDS = ("official", "arithmetic", "funnel", "across", "subgroup")
VERDICTS = ("agrees", "differs", "no_official_data", "not_comparable", "in_order", "out_of_order", "conflict",
            "agrees_with_earlier", "sums_to_total", "within_total", "exceeds_total", "parts_do_not_sum")
# Verdicts that say a claim is wrong (a fact-checker should look at each).
NEGATIVE_VERDICTS = ("differs", "conflict", "out_of_order", "exceeds_total", "parts_do_not_sum")

# Funnel ranks: a stage may not exceed any stage of a lower rank. Reports and
# recorded crimes share the top rank: they count different things (N100 reports,
# crimes), so neither is required to exceed the other.
FUNNEL_RANK = {"reported": 0, "recorded": 0, "referred": 1, "charged": 2, "prosecuted": 3, "convicted": 4}

# Measures that are a part of a stage's count, never a stage of their own in a funnel.
FUNNEL_PARTS = ("unsuccessful", "transferred", "cancelled")

# Offences the quarterly Home Office tables can be summed into.
QUARTERLY_OFFENCES = ("rape", "sexual_assault", "sexual_offences")

# Official stages a claim's stage may be compared with once both profiles agree: the Rape
# Monitoring Group publishes recorded crimes as "reported rapes"; N100 reports are no_crime.
ALSO_STAGES = {"reported": ("recorded",), "no_crime": ("reported",)}

STAGE_WORDS = {"reported": "reports", "recorded": "recorded crimes"}


@dataclass
class ClaimRecord(Claim):
    """A stored claim as the checks see it: the extractor's `Claim` (one claim type from extract to
    store to check) plus where it is stored (`id`, `article_id`) and the words around it.

    The offsets default to 0 because the checks read the figure as written (`figure_text`), not
    where it sits.
    """

    char_start: int = 0
    char_end: int = 0
    quote_start: int = 0
    id: str = ""
    article_id: int = 0
    figure_text: str | None = None
    sentence: str | None = None  # the sentence holding the quote (population words may sit outside it)
    vawg_article: bool = False  # its article quotes the CPS Violence Against Women and Girls report
    before: str | None = None  # the text from the previous sentence's start up to the quote ("of those" refers there)
    published: str | None = None  # its article's publication date (ISO), when known

    @property
    def stated(self) -> StatedRange:
        """The range of exact values this claim is consistent with (rounding and hedge)."""
        return stated_range(self.value, self.unit, self.figure_text, self.comparator)

    @property
    def period(self) -> tuple[str | None, str | None]:
        """(period_start, period_end)."""
        return self.period_start, self.period_end


@dataclass
class Check:
    """One verdict on one claim, with its evidence.

    `official_value` is what the claim was compared with (an official figure or a
    recomputed rate); `abs_diff` is claim minus that, `rel_diff` the same over it.
    `other_claim_id`/`other_quote` name the claim compared with, `reason` says in
    a sentence why, `detail` holds everything else (as JSON in the database).
    """

    claim_id: str
    kind: str
    verdict: str
    official_value: float | None = None
    abs_diff: float | None = None
    rel_diff: float | None = None
    dataset: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    url: str | None = None
    other_claim_id: str | None = None
    other_quote: str | None = None
    reason: str | None = None
    detail: dict = field(default_factory=dict)


def _diffs(claimed: float, actual: float) -> tuple[float, float | None]:
    absolute = round(claimed - actual, 6)
    return absolute, (round(absolute / actual, 6) if actual else None)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def period_label(start: str | None, end: str | None) -> str:
    """Return a period as people write it: `2017/18`, `2022`, `Q1 2024/25`, or `start..end`."""
    if not start or not end:
        return "no period"
    s, e = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if s.day == 1 and (e + dt.timedelta(days=1)).day == 1:
        months = (e.year - s.year) * 12 + e.month - s.month + 1
        if months == 12 and s.month == 4:
            return f"{s.year}/{str(e.year)[2:]}"
        if months == 12 and s.month == 1:
            return str(s.year)
        if months == 12:
            return f"year ending {e.strftime('%b %Y')}"
        if months == 3:
            return f"{s.strftime('%b')}-{e.strftime('%b %Y')}"
    return f"{start}..{end}"


# --- official ---------------------------------------------------------------------------------


def quarter_sum(quarters: Iterable[OfficialFigure], area: str, offence: str,
                start: str, end: str) -> OfficialFigure | None:
    """Sum quarterly per-code figures into one figure for [start, end], if the quarters tile it.

    Takes quarterly figures (`period_kind` 'quarter'), a force, an offence
    (`rape`, `sexual_assault` by code; `sexual_offences` by the sexual offence
    groups) and a period. Returns None unless every quarter from `start` to
    `end` is present for the force (a calendar year is Q4 of one financial year
    plus Q1-Q3 of the next).
    """
    in_range = [f for f in quarters if f.period_kind == "quarter" and f.area == area
                and start <= f.period_start and f.period_end <= end]
    wanted = _quarter_starts(start, end)
    if not wanted or set(wanted) != {f.period_start for f in in_range}:
        return None
    if offence == "sexual_offences":
        members = [f for f in in_range if f.offence in ("rape", "sexual_assault", "other_sexual")]
    else:
        members = [f for f in in_range if f.offence == offence]
    sources = members or in_range
    return OfficialFigure(
        dataset=sorted({f.dataset for f in sources})[0], publisher=sources[0].publisher,
        url=" ; ".join(sorted({f.url for f in sources})), area=area, offence=offence, stage="recorded",
        unit="count", value=sum(f.value for f in members), population="all", period_start=start,
        period_end=end, period_kind="stated",
        notes=f"sum of {len(wanted)} quarters over {len({f.offence_code for f in members})} offence codes",
        edition=_latest_edition(sources),
    )


def month_sums(figures: Iterable[OfficialFigure], area: str, offence: str, stage: str,
               start: str, end: str) -> list[OfficialFigure]:
    """Sum monthly counts (`period_kind` 'month', the CPS files) into one figure per measure for [start, end].

    Takes monthly figures, an area, offence and stage and a period of whole
    months. Figures of one dataset and one measure (their notes) are summed
    only when every month of the period is present; a period with a month
    missing gives nothing (never a partial sum). Returns the summed figures,
    each saying in its notes that it is a sum of N monthly files.
    """
    months = _month_starts(start, end)
    if len(months) < 2:
        return []
    groups: dict[tuple, list[OfficialFigure]] = defaultdict(list)
    for f in figures:
        if (f.period_kind == "month" and f.unit == "count" and f.area == area and f.offence == offence
                and f.stage == stage and start <= f.period_start and f.period_end <= end):
            groups[(f.dataset, f.notes or "")].append(f)
    sums = []
    for (dataset, notes), members in groups.items():
        if sorted(f.period_start for f in members) != months:
            continue
        sums.append(OfficialFigure(
            dataset=dataset, publisher=members[0].publisher, url=" ; ".join(f.url for f in members),
            area=area, offence=offence, stage=stage, unit="count", value=sum(f.value for f in members),
            population=members[0].population, period_start=start, period_end=end, period_kind="stated",
            notes=f"{notes}; sum of {len(months)} monthly files ({period_label(start, end)})",
            edition=_latest_edition(members)))
    return sums


def _latest_edition(figures: Iterable[OfficialFigure]) -> str | None:
    """Return the latest `edition` of the figures summed into one (None when none is known)."""
    return max((f.edition for f in figures if f.edition), default=None)


def _month_starts(start: str, end: str) -> list[str]:
    """Return the first days of the whole months exactly tiling [start, end], or []."""
    s, e = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if s.day != 1 or (e + dt.timedelta(days=1)).day != 1 or e < s:
        return []
    starts, day = [], s
    while day <= e:
        starts.append(day.isoformat())
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return starts


def _quarter_starts(start: str, end: str) -> list[str]:
    """Return the start dates of the quarters (Jan/Apr/Jul/Oct) exactly tiling [start, end], or []."""
    s, e = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if s.day != 1 or s.month % 3 != 1 or (e + dt.timedelta(days=1)).day != 1 or e.month % 3 != 0 or e < s:
        return []
    starts, day = [], s
    while day <= e:
        starts.append(day.isoformat())
        month = day.month + 3
        day = dt.date(day.year + (month > 12), (month - 1) % 12 + 1, 1)
    return starts


def _is_cps(figure: OfficialFigure) -> bool:
    """True for figures the CPS publishes (by CPS Area, which can span several forces)."""
    publisher = figure.publisher.casefold()
    return "crown prosecution service" in publisher or bool(re.match(r"cps\b", publisher))


def _cps_area_not_force(figure: OfficialFigure) -> bool:
    """True for a CPS figure that is not one force's: an Area of several forces, or one not mapped to a force.

    The case outcomes files' Areas are aligned to police force areas and mapped
    to forces when loaded (`layouts.cps_area_forces`); only `Metropolitan and
    City` spans two. CPS figures from other sources keep the CPS's own caveat.
    """
    if not _is_cps(figure):
        return False
    if figure.dataset == CPS_POC_DATASET:
        return SEVERAL_FORCES in (figure.notes or "")
    return True


def _evidence(figure: OfficialFigure) -> dict:
    return {
        "value": figure.value, "population": figure.population, "dataset": figure.dataset,
        "publisher": figure.publisher, "period": period_label(figure.period_start, figure.period_end),
        "period_start": figure.period_start, "period_end": figure.period_end, "url": figure.url,
        "notes": figure.notes,
    }


def _with_figure(check: Check, figure: OfficialFigure) -> Check:
    check.dataset, check.url = figure.dataset, figure.url
    check.period_start, check.period_end = figure.period_start, figure.period_end
    return check


def matching_figures(figures: Sequence[OfficialFigure], area: str, offence: str, stage: str, unit: str,
                     start: str, end: str) -> list[OfficialFigure]:
    """Return the official figures for exactly this area, offence, stage, unit and period.

    Figures stated as they are (tidy rows, rolling windows) match on their period
    exactly; quarterly rows are summed into one figure when they tile the period.
    """
    found = [
        f for f in figures
        if f.period_kind != "quarter" and f.area == area and f.unit == unit and f.offence == offence
        and f.stage == stage and f.period_start == start and f.period_end == end
    ]
    if stage == "recorded" and unit == "count" and offence in QUARTERLY_OFFENCES:
        summed = quarter_sum(figures, area, offence, start, end)
        if summed is not None:
            found.append(summed)
    if unit == "count":
        found.extend(month_sums(figures, area, offence, stage, start, end))
    return found


def comparable_figures(claim: ClaimRecord, figures: Sequence[OfficialFigure], *, offence: str | None = None,
                       stage: str | None = None, period: tuple[str, str] | None = None) -> list[OfficialFigure]:
    """Return `matching_figures` for the claim, with its offence, stage or period optionally replaced."""
    start, end = period or claim.period
    return matching_figures(figures, claim.area, offence or claim.offence, stage or claim.stage,
                            claim.unit, start, end)


def check_official(claim: ClaimRecord, figures: Sequence[OfficialFigure]) -> Check | None:
    """Check a claim against official figures; return a Check, or None for claims with nothing to check.

    Takes the claim and the official figures for its area (any offence, stage,
    period; quarterly rows included). Claims about a change, of stage `other`,
    of offence `other` or with no area are not checked (None).
    """
    if claim.change or claim.stage == "other" or claim.offence == "other" or not claim.area:
        return None
    if not claim.period_start or not claim.period_end:
        return Check(claim.id, "official", "not_comparable",
                     reason="the claim states no period, so no official figure can be matched to it",
                     detail={"available": _available(claim, figures)})

    matches = comparable_figures(claim, figures)
    for stage in ALSO_STAGES.get(claim.stage, ()):
        matches += comparable_figures(claim, figures, stage=stage)
    cps = [f for f in matches if _cps_area_not_force(f) and claim.area not in NATIONAL_AREAS]
    matches = [f for f in matches if f not in cps]
    mine = claim_profile(claim)
    apart = [(f, difference(mine, official_profile(f), unit=claim.unit, area=claim.area)) for f in matches]
    matches = [f for f, why in apart if why is None]
    if matches:
        return _compare(claim, matches)
    if apart:
        # The nearest figure: one differing in population, cohort or as a part, before another measure.
        figure, why = min(apart, key=lambda pair: pair[1].startswith("different measures"))
        return _with_figure(Check(
            claim.id, "official", "not_comparable", official_value=figure.value,
            reason=f"{why} ({figure.dataset}, {period_label(figure.period_start, figure.period_end)})",
            detail={"official": [_evidence(f) for f, _ in apart], "claim_profile": mine.words(),
                    "official_profile": official_profile(figure).words()}), figure)
    if cps:
        several = [f for f in cps if SEVERAL_FORCES in (f.notes or "")]
        if several:
            area = re.search(rf"CPS Area (.+?) {SEVERAL_FORCES} \(([^)]*)\)", several[0].notes)
            reason = (f"CPS Area vs force: the CPS Area {area.group(1)} covers several forces "
                      f"({area.group(2)}), so its figures are not {claim.area}'s" if area else
                      "CPS Area vs force: the CPS Area covers several forces")
        else:
            reason = ("CPS Area vs force: CPS figures are management information by CPS Area, "
                      "which can span several forces")
        return _with_figure(Check(
            claim.id, "official", "not_comparable", reason=reason,
            detail={"official": [_evidence(f) for f in cps]}), cps[0])
    return _derived_rate(claim, figures) or _not_comparable(claim, figures) or Check(
        claim.id, "official", "no_official_data",
        reason=f"no official figure loaded for {claim.area}, {claim.offence}, {claim.stage} "
               f"({claim.unit}), {period_label(*claim.period)}",
        detail={"available": _available(claim, figures)})


def _compare(claim: ClaimRecord, matches: list[OfficialFigure]) -> Check:
    """Compare a claim with same-quantity official figures, applying the population rule."""
    stated = claim.stated
    everyone = [f for f in matches if f.population == "all"]
    # Population rule: a claim names no population; when the official data has only
    # adult and child rows, the claim may be either one, so compare with each.
    candidates = everyone or matches
    agreeing = [f for f in candidates if stated.contains(f.value)]
    best = agreeing[0] if agreeing else min(candidates, key=lambda f: abs(f.value - claim.value))
    absolute, relative = _diffs(claim.value, best.value)
    detail: dict = {"stated_as": stated.basis, "official": [_evidence(f) for f in candidates]}
    population_note = ""
    if not everyone:
        by_population = {f.population: f.value for f in candidates}
        detail["populations"] = by_population
        if claim.unit == "count" and {"adult", "child"} <= by_population.keys():
            detail["all_ages_total"] = by_population["adult"] + by_population["child"]
        population_note = f" ({best.population} victims"
        if "all_ages_total" in detail:
            other = "child" if best.population == "adult" else "adult"
            population_note += (f"; {other} {_fmt(by_population[other])}, "
                                f"all ages {_fmt(detail['all_ages_total'])}")
        population_note += ")"
    where = f"{best.dataset}, {period_label(best.period_start, best.period_end)}"
    if agreeing:
        others = [f for f in candidates if f.population == best.population and not stated.contains(f.value)]
        later = earlier_release(claim, agreeing, others)
        if later is not None:
            best = min((f for f in agreeing if f.edition), key=lambda f: f.edition)
            absolute, relative = _diffs(claim.value, best.value)
            detail["revised_later"] = _evidence(later)
            reason = (f"agrees with an earlier release: {_fmt(claim.value)} agrees with the official "
                      f"{_fmt(best.value)}{population_note} {stated.basis} as released in {best.dataset} "
                      f"(data to {best.edition}); a later release, {later.dataset} (data to {later.edition}), "
                      f"revised it to {_fmt(later.value)}: a revision after the article"
                      + (f" (published {claim.published})" if claim.published else "") + ", not an error")
            verdict = "agrees_with_earlier"
        else:
            reason = (f"{_fmt(claim.value)} agrees with the official {_fmt(best.value)}{population_note} "
                      f"{stated.basis}; {where}")
            # The same quantity in another release with another value: one of the two is a revision.
            revised = sorted({(f.dataset, f.value) for f in others})
            if revised:
                detail["other_releases"] = [{"dataset": d, "value": v} for d, v in revised]
                reason += "; another release of the same figure gives " + ", ".join(
                    f"{_fmt(v)} ({d})" for d, v in revised) + " (a revision between releases)"
            verdict = "agrees"
    elif _revision(claim, best, relative):
        detail["revised"] = True
        reason = (f"revised: {_fmt(claim.value)} is {relative:+.1%} from the official {_fmt(best.value)}, "
                  f"within the revisions between releases of the same series (a first-published figure "
                  f"against a later revision, or the reverse), not an error; {where}")
        verdict = "not_comparable"
    else:
        reason = (f"{_fmt(claim.value)} differs from the official {_fmt(best.value)}{population_note} "
                  f"by {_fmt(absolute)}" + (f" ({relative:+.1%})" if relative is not None else "") + f"; {where}")
        verdict = "differs"
    check = Check(claim.id, "official", verdict, official_value=best.value, abs_diff=absolute,
                  rel_diff=relative, reason=reason, detail=detail)
    return _with_figure(check, best)


def earlier_release(claim: ClaimRecord, agreeing: Sequence[OfficialFigure],
                    others: Sequence[OfficialFigure]) -> OfficialFigure | None:
    """Return the later release that revised the figure a claim agrees with, or None.

    Takes the claim, the official figures it agrees with and the other releases
    of the same figure (same quantity and population) it does not agree with.
    Returns the latest of those others when it is a later edition than every
    agreeing figure and the earliest agreeing edition could have been quoted by
    the article (its data ended before the article's publication date, when
    known). Editions unknown on either side give None: no order, no revision.
    """
    if not others or not agreeing or any(f.edition is None for f in (*agreeing, *others)):
        return None
    latest = max(others, key=lambda f: f.edition)
    first = min(f.edition for f in agreeing)
    if latest.edition <= max(f.edition for f in agreeing):
        return None
    if claim.published and claim.published[:10] < first:
        return None  # the article came out before that release's data had even ended: a coincidence
    return latest


# Large totals of recorded crime (national, regional) are revised between releases by up to about 1%.
REVISION_TOLERANCE = 0.01
REVISION_FROM = 10_000


def _revision(claim: ClaimRecord, figure: OfficialFigure, relative: float | None) -> bool:
    """True when a count differs from a large official count by no more than a revision would move it."""
    return (claim.unit == "count" and claim.stage == "recorded" and relative is not None
            and abs(relative) <= REVISION_TOLERANCE and figure.value >= REVISION_FROM)


def _derived_rate(claim: ClaimRecord, figures: Sequence[OfficialFigure]) -> Check | None:
    """Compare a rate with one derived from official counts (charges over recorded crimes), or return None.

    Takes a percent claim whose base is named (`of_stage`). Both counts must be
    of the claim's measure and population and of the same dataset's period.
    """
    if claim.unit != "percent" or not claim.of_stage or claim.of_stage == claim.stage:
        return None
    mine = claim_profile(claim)
    if mine.cohort != "recorded":
        return None
    numerators = [f for f in comparable_figures(claim, figures) + _counts(claim, figures, claim.stage)
                  if f.unit == "count" and difference(mine, official_profile(f)) is None]
    base_stage = "recorded" if claim.of_stage in ("reported", "recorded") else claim.of_stage
    base_claim = ClaimRecord(**{**claim.__dict__, "stage": claim.of_stage, "unit": "count", "of_stage": None})
    base_profile = claim_profile(base_claim)
    denominators = [f for f in _counts(claim, figures, base_stage)
                    if difference(base_profile, official_profile(f)) is None and f.value > 0]
    pairs = [(n, d) for n in numerators for d in denominators if n.population == d.population]
    if not pairs:
        return None
    stated = claim.stated
    numerator, denominator = min(pairs, key=lambda p: abs(100 * p[0].value / p[1].value - claim.value))
    rate = 100 * numerator.value / denominator.value
    absolute, relative = _diffs(claim.value, rate)
    verdict = "agrees" if stated.contains(rate) else "differs"
    reason = (f"{_fmt(claim.value)}% {verdict} with {rate:.2f}%, derived from official counts: "
              f"{_fmt(numerator.value)} {claim.stage} ({numerator.dataset}) of {_fmt(denominator.value)} "
              f"{base_stage} ({denominator.dataset}), {period_label(*claim.period)} ({stated.basis})")
    check = Check(claim.id, "official", verdict, official_value=round(rate, 4), abs_diff=absolute,
                  rel_diff=relative, reason=reason,
                  detail={"derived": True, "stated_as": stated.basis,
                          "official": [_evidence(numerator), _evidence(denominator)]})
    return _with_figure(check, numerator)


def _counts(claim: ClaimRecord, figures: Sequence[OfficialFigure], stage: str) -> list[OfficialFigure]:
    return matching_figures(figures, claim.area, claim.offence, stage, "count", *claim.period)


def _period_kind(start: str, end: str) -> str:
    """Return 'calendar year', 'financial year' or '12 months' for a 12-month period, else 'period'."""
    if _months(start, end) != 12 or not start.endswith("-01"):
        return "period"
    return {"01": "calendar year", "04": "financial year"}.get(start[5:7]) or period_label(start, end)


def _months(start: str, end: str) -> int:
    s, e = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    return (e.year - s.year) * 12 + e.month - s.month + 1


def _overlap_months(a: tuple[str, str], b: tuple[str, str]) -> int:
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return _months(start, end) if start <= end else 0


def _not_comparable(claim: ClaimRecord, figures: Sequence[OfficialFigure]) -> Check | None:
    """Return a not_comparable Check naming the nearest official figure that differs in one way, or None."""
    near: list[tuple[str, list[OfficialFigure]]] = []
    # Reports vs recorded crimes.
    for mine, theirs in (("reported", "recorded"), ("recorded", "reported")):
        if claim.stage == mine:
            found = comparable_figures(claim, figures, stage=theirs)
            if found:
                near.append((f"{STAGE_WORDS[mine]} vs {STAGE_WORDS[theirs]}: the claim counts "
                             f"{STAGE_WORDS[mine]}, the official figure {STAGE_WORDS[theirs]}", found))
    # Sexual offences vs rape (or sexual assault).
    for other in ("sexual_offences", "rape", "sexual_assault"):
        if other != claim.offence and "sexual_offences" in (other, claim.offence):
            found = comparable_figures(claim, figures, offence=other)
            if found:
                words = {"sexual_offences": "all sexual offences", "rape": "rape",
                         "sexual_assault": "sexual assault"}
                near.append((f"{words[claim.offence]} vs {words[other]}: the claim is about "
                             f"{words[claim.offence]}, the official figure about {words[other]}", found))
    # A different period of the same length overlapping the claim's (calendar vs financial year).
    periods = {(f.period_start, f.period_end) for f in figures
               if f.period_kind != "quarter" and f.area == claim.area and f.unit == claim.unit
               and f.offence == claim.offence and f.stage == claim.stage}
    length = _months(*claim.period)
    for period in sorted(periods, key=lambda p: -_overlap_months(p, claim.period)):
        if period != claim.period and _months(*period) == length and _overlap_months(period, claim.period) > 0:
            found = comparable_figures(claim, figures, period=period)
            mine, theirs = period_label(*claim.period), period_label(*period)
            mine_kind, theirs_kind = _period_kind(*claim.period), _period_kind(*period)
            near.append((f"{mine_kind} vs {theirs_kind}: the claim covers {mine}, the official figure "
                         f"{theirs}, and no quarterly figures are loaded to rebuild {mine}", found))
            break
    if not near:
        return None
    reason, found = near[0]
    best = found[0]
    return _with_figure(Check(
        claim.id, "official", "not_comparable", official_value=best.value, reason=reason,
        detail={"official": [_evidence(f) for f in found],
                "also": [r for r, _ in near[1:]]}), best)


def _available(claim: ClaimRecord, figures: Sequence[OfficialFigure]) -> list[str]:
    """Return short descriptions of what official data exists for the claim's area (for no_official_data)."""
    seen = sorted({(f.dataset, f.offence, f.stage, f.unit) for f in figures
                   if f.area == claim.area and f.offence in ("rape", "sexual_assault", "sexual_offences")})
    return [f"{d}: {o} {s} ({u})" for d, o, s, u in seen[:20]]


# --- arithmetic -------------------------------------------------------------------------------


def _context(claim: ClaimRecord) -> tuple:
    return claim.area, claim.offence, claim.period_start, claim.period_end


def check_arithmetic(rate: ClaimRecord, article_claims: Sequence[ClaimRecord]) -> Check | None:
    """Recompute a rate from the counts in the same article; return a Check or None.

    Takes a percent claim with `of_stage` and the claims of its article. The rate
    is count(stage) / count(of_stage) for counts with the same force, offence and
    period (50 of 1,527 is 3.27%). Returns None when the claim is not such a rate
    or the counts are not in the article (the rate cannot be recomputed).
    """
    if rate.unit != "percent" or not rate.of_stage or rate.change or rate.of_stage == rate.stage:
        return None
    population = claim_profile(rate).population
    # The counts must be of the same victims as the rate (a child-rape rate is not adult counts over adult counts).
    counts = [c for c in article_claims
              if c.unit == "count" and not c.change and c.id != rate.id and _context(c) == _context(rate)
              and claim_profile(c).population in (population, "all") or
              (c.unit == "count" and not c.change and c.id != rate.id and _context(c) == _context(rate)
               and population == "all")]
    numerators = [c for c in counts if c.stage == rate.stage]
    denominators = [c for c in counts if c.stage == rate.of_stage and c.value > 0]
    pairs = [(n, d) for n in numerators for d in denominators]
    if not pairs:
        return None
    stated = rate.stated
    pairs.sort(key=lambda p: abs(100 * p[0].value / p[1].value - rate.value))
    agreeing = [p for p in pairs if stated.contains(100 * p[0].value / p[1].value)]
    numerator, denominator = (agreeing or pairs)[0]
    computed = 100 * numerator.value / denominator.value
    absolute, relative = _diffs(rate.value, computed)
    verdict = "agrees" if agreeing else "differs"
    reason = (f"{_fmt(numerator.value)} of {_fmt(denominator.value)} is {computed:.2f}%; the claim's "
              f"{_fmt(rate.value)}% {'agrees' if agreeing else 'differs'} ({stated.basis})")
    return Check(
        rate.id, "arithmetic", verdict, official_value=round(computed, 4), abs_diff=absolute,
        rel_diff=relative, period_start=rate.period_start, period_end=rate.period_end,
        other_claim_id=denominator.id, other_quote=denominator.quote, reason=reason,
        detail={"numerator": {"claim_id": numerator.id, "value": numerator.value, "quote": numerator.quote},
                "denominator": {"claim_id": denominator.id, "value": denominator.value, "quote": denominator.quote},
                "stated_as": stated.basis, "other_ids": [numerator.id, denominator.id]},
    )


# --- funnel -----------------------------------------------------------------------------------


def _funnel_key(claim: ClaimRecord) -> tuple:
    """One cohort: the same force, offence, period, source and victim population."""
    return (*_context(claim), (claim.source or "").casefold(), claim_profile(claim).population)


# Words by which a later figure says it is a part of an earlier one ("20 of the 140 files", "of those").
_OF_THOSE = re.compile(r"\b(?:of|out of) (?:those|these|them|which|the(?:se)? cases)\b|\bleading to\b|\bresult(?:ed|ing)? in\b",
                       re.IGNORECASE)


def _nested(earlier: ClaimRecord, later: ClaimRecord) -> bool:
    """Return True when the later stage's words make it a part of the earlier count (one cohort, not two flows)."""
    written = {_fmt(earlier.value), f"{earlier.value:.0f}"}
    if any(re.search(rf"\b(?:of|out of) (?:the |those |these )?{re.escape(w)}\b", later.quote) for w in written):
        return True
    return later.quote == earlier.quote and bool(_OF_THOSE.search(later.quote))


def check_funnel(article_claims: Sequence[ClaimRecord]) -> list[Check]:
    """Check the funnel order of the counts in one article; return one Check per count in a nested pair.

    Counts of one year are flows, not nested counts: charges in 2022 may
    outnumber the referrals of 2022. So only counts of one cohort are ordered:
    the same force, offence, period, source and victim population, where the
    later stage's words make it a part of the earlier ("20 of the 140 files
    passed to prosecutors led to a charge", "of those, 9 were convicted"). Parts of a
    count (unsuccessful prosecutions, transferred offences) are not stages. A
    claim is `out_of_order` when it exceeds an earlier stage it is part of,
    else `in_order`; counts in no such pair get no funnel check.
    """
    groups: dict[tuple, list[ClaimRecord]] = defaultdict(list)
    for claim in article_claims:
        if (claim.unit == "count" and not claim.change and claim.stage in FUNNEL_RANK
                and claim_profile(claim).measure not in FUNNEL_PARTS):
            groups[_funnel_key(claim)].append(claim)
    checks = []
    for members in groups.values():
        pairs = [(e, l) for e in members for l in members
                 if FUNNEL_RANK[e.stage] < FUNNEL_RANK[l.stage] and _nested(e, l)]
        involved: dict[str, list[tuple[ClaimRecord, ClaimRecord]]] = defaultdict(list)
        for earlier, later in pairs:
            involved[earlier.id].append((earlier, later))
            involved[later.id].append((earlier, later))
        for claim in members:
            mine = involved.get(claim.id)
            if not mine:
                continue
            broken = [(e, l) for e, l in mine if l.value > e.value]
            others = [l if e.id == claim.id else e for e, l in (broken or mine)]
            funnel = [{"claim_id": c.id, "stage": c.stage, "value": c.value} for pair in mine for c in pair]
            if broken:
                reason = "; ".join(f"{_fmt(l.value)} {l.stage} exceeds the {_fmt(e.value)} {e.stage} "
                                   f"it is a part of (\u201c{l.quote}\u201d)" for e, l in broken)
                verdict = "out_of_order"
            else:
                reason = "; ".join(f"{_fmt(l.value)} {l.stage} of {_fmt(e.value)} {e.stage}: in order"
                                   for e, l in mine)
                verdict = "in_order"
            checks.append(Check(
                claim.id, "funnel", verdict, period_start=claim.period_start, period_end=claim.period_end,
                other_claim_id=others[0].id, other_quote=others[0].quote, reason=reason,
                detail={"funnel": funnel, "other_ids": [o.id for o in others]}))
    return checks


# --- across articles --------------------------------------------------------------------------


def across_key(claim: ClaimRecord) -> tuple | None:
    """Return the key under which claims in different articles state the same quantity, or None.

    Claims need a force or national area and a period; changes and stage
    `other` have no key. The key holds the measure and victim population
    (`comparability.claim_profile`), so CPS convictions never conflict with MoJ
    persons found guilty, nor an adult rate with an all-victims one;
    percentages also key on what they are a share of, and of which cohort.
    """
    if claim.change or claim.stage == "other" or not claim.area or not claim.period_start:
        return None
    profile = claim_profile(claim)
    return (claim.area, claim.offence, claim.stage, claim.unit, claim.period_start, claim.period_end,
            claim.of_stage if claim.unit == "percent" else None, profile.measure,
            profile.cohort if claim.unit == "percent" else None)


# An across check lists at most this many other claims, and says when there are more: so a claim's
# check depends on the first ACROSS_LISTED + 1 claims it is compared with, and a new article agreeing
# with a long-settled figure changes no stored check (attrition.corpus.check.run relies on this).
ACROSS_LISTED = 20


def consistent(claim: ClaimRecord, other: ClaimRecord) -> bool:
    """Return True when either claim's stated range holds the other's value."""
    return claim.stated.contains(other.value) or other.stated.contains(claim.value)


def compatible_populations(mine: str, theirs: str) -> bool:
    """Return True when claims of victim populations `mine` and `theirs` may be compared across articles."""
    return mine == theirs or "all" in (mine, theirs)


def check_across(claim: ClaimRecord, same_key: Sequence[ClaimRecord]) -> Check | None:
    """Compare a claim with claims of the same key in other articles; return a Check or None.

    Takes the claim and every claim with its `across_key`, in the order they
    were stored. Another article's value agrees when either figure's stated
    range holds the other. Returns `conflict` listing both quotes when any
    disagree, `agrees` when all agree, None when no other article states the
    quantity. At most ACROSS_LISTED others are listed (`across_check`).
    """
    population = claim_profile(claim).population
    others: list[ClaimRecord] = []
    disagreeing: list[ClaimRecord] = []
    for other in same_key:
        if other.article_id == claim.article_id:
            continue
        theirs = claim_profile(other).population
        if not compatible_populations(population, theirs):
            continue
        if len(others) <= ACROSS_LISTED:
            others.append(other)
        # A conflict needs the same population on both sides; an unnamed one may still agree.
        if theirs == population and not consistent(claim, other) and len(disagreeing) <= ACROSS_LISTED:
            disagreeing.append(other)
    return across_check(claim, others, disagreeing)


def across_check(claim: ClaimRecord, others: Sequence[ClaimRecord],
                 disagreeing: Sequence[ClaimRecord]) -> Check | None:
    """Return the across Check of `claim` from the first others it is compared with, or None.

    `others` are the first (up to ACROSS_LISTED + 1) claims in other articles
    stating the same quantity of a comparable population, in stored order;
    `disagreeing` the first (as many) of those of the same population whose
    value disagrees. The Check depends on nothing else.
    """
    if not others:
        return None
    listed = list(disagreeing or others)
    more = len(listed) > ACROSS_LISTED
    shown = listed[:ACROSS_LISTED]
    detail = {"others": [{"claim_id": o.id, "article_id": o.article_id, "value": o.value, "quote": o.quote,
                          "source": o.source} for o in shown],
              "quote": claim.quote, "other_ids": [o.id for o in shown], "more": more}
    first = shown[0]
    if disagreeing:
        absolute, relative = _diffs(claim.value, first.value)
        reason = (f"{_fmt(claim.value)} here, but " + "; ".join(
            f"{_fmt(o.value)} in article {o.article_id} (\u201c{o.quote}\u201d)" for o in shown)
            + ("; and more in other articles" if more else "")
            + f"; this article: \u201c{claim.quote}\u201d")
        return Check(claim.id, "across", "conflict", official_value=first.value, abs_diff=absolute,
                     rel_diff=relative, period_start=claim.period_start, period_end=claim.period_end,
                     other_claim_id=first.id, other_quote=first.quote, reason=reason, detail=detail)
    count = f"more than {ACROSS_LISTED}" if more else str(len(shown))
    reason = f"{count} other article(s) give the same figure"
    return Check(claim.id, "across", "agrees", official_value=first.value, abs_diff=0.0,
                 period_start=claim.period_start, period_end=claim.period_end,
                 other_claim_id=first.id, other_quote=first.quote, reason=reason, detail=detail)
