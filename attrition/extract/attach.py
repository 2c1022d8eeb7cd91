"""Attach an area, a period and a source to a figure, from its sentence and the article around it.

Areas: a mention in the figure's own phrase wins (`women in Wiltshire`, `a 19 per
cent national average`); otherwise the mention nearest in the parse that no
other figure owns, else the force of the sentence before. Periods: a phrase tied
to the figure (`N in P`, `N the previous year`), else the nearest; `from A to B`
and `up from N` give the first figure the earlier period. Sources: an
attribution before or after a sentence's figures covers them and carries on;
one between figures covers those after it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from attrition.extract.assign import nearest_by_tree
from attrition.extract.claim import Claim
from attrition.extract.doctext import text_of
from attrition.extract.forces import NATIONAL, NATIONAL_AREAS, AreaMention
from attrition.extract.periods import is_full_year, shift_year
from attrition.extract.sources import obtained_by

# Bodies whose figures are national unless the sentence names a force.


def char_distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters between two spans of a text (0 when they overlap)."""
    if b_start >= a_end:
        return b_start - a_end
    if a_start >= b_end:
        return a_start - b_end
    return 0


def continues_quote(text: str, pos: int, quotes) -> bool:
    """True when `pos` is inside a quotation that carries on from the paragraph before."""
    for q in quotes:
        if q.start <= pos < q.end:
            line_start = text.rfind("\n", 0, q.start) + 1
            if text[line_start:q.start].strip() == "" and line_start > 0:
                prev_end = text.rstrip()[:line_start].rstrip()
                return any(p.start < len(prev_end) <= p.end for p in quotes)
    return False


_OWN_PERIOD_GAP = re.compile(r"[\s,]*(?:(?:days|weeks|months)[\s,]+)?(?:in|during|for|over|between|from)?\s*(?:the\s+)?", re.I)
_COMPARAND_FIGURE_BEFORE = re.compile(
    r"\b(?:(?:up|down|rise|increase|fall|drop|decrease|reduction)\s+(?:on|from)|compared\s+(?:to|with)|against|versus|from)\s+(?:the\s+)?"
    r"(?:about\s+|around\s+|just\s+)?[\d,.]+\s*(?:%|per\s*cent|pc)?\s+(?:\w+,?\s+){0,4}?(?:in|for|during)\s+(?:the\s+)?$", re.I)


def names_comparand(text: str, start: int) -> bool:
    """True when the period phrase at `start` dates a comparand (`up on 702 in 2016/17`,
    `compared to 5% in 2010-11`): the period of the earlier figure, not of the text that follows."""
    return bool(_COMPARAND_FIGURE_BEFORE.search(text[max(0, start - 70):start]))


def is_comparison(text: str, start: int) -> bool:
    """True when the period phrase at `start` names what a figure is compared with or counted since
    (`compared with 2015/16`, `than in 2019`, `since 2015-16`): not a period for the figures after it."""
    return bool(_COMPARISON_BEFORE.search(text[max(0, start - 40):start]))


_COMPARISON_BEFORE = re.compile(
    r"\b(?:increase|rise|fall|drop|decrease|reduction|up|down)\s+(?:of\s+|by\s+)?[\d,.]+\s*(?:%|per\s*cent)?\s+(?:on|from)\s+(?:the\s+)?$"  # "a rise of 325 from the 2016/17 figure"
    r"|\b(?:compared\s+(?:with|to)|than(?:\s+(?:it|they|this|that)\s+(?:was|were))?(?:\s+in)?|since|versus|vs\.?|on)\s+(?:that\s+of\s+|those\s+of\s+)?(?:the\s+)?(?:year\s+|figure\s+for\s+)?$", re.I)


_EVENT_BEFORE = re.compile(r"\b(?:was|were|been|first)\s+(?:published|released|launched|introduced|set\s+up)\s+(?:in\s+)?$", re.I)


_SNAPSHOT_BEFORE = re.compile(r"\b(?:[Bb]y\s+the\s+end\s+of|[Aa]s\s+(?:at|of))\s+$")


def period_for(text: str, fig, resolved, change: bool = False, others=()):
    """Pick the period phrase of a sentence that belongs to one figure, as (mention, (start, end)).

    `N in P` ties P to N; `N the previous year` ties the previous year to N only;
    a phrase another figure owns (`against 2,600 in 2017/18`) or that names a
    comparison (`compared with 2015/16`) is not this figure's; otherwise the
    nearest phrase wins. Phrases that name no usable period are skipped.
    Returns None when the sentence has none for this figure.
    """
    # "since the first review came out in 2010-11": the period dates the publication
    usable = [(p, v) for p, v in resolved if v is not None and not _EVENT_BEFORE.search(text, max(0, p.start - 30), p.start)]
    # "By the end of August 2019, 71 of the rapes recorded in 2018/19 ...": the date the outcomes
    # were counted at; the figure's period is the cohort's, when the sentence names one
    cohort = [(p, v) for p, v in usable if not _SNAPSHOT_BEFORE.search(text, max(0, p.start - 20), p.start)]
    if cohort:
        usable = cohort
    if change:
        # "an increase of 8% from the previous year", "up 163% since January 2021": the change's base
        usable = [(p, v) for p, v in usable if p.kind != "previous" and not re.match(r"(?i)since\b", p.text)]
    for p, v in usable:
        gap = text[fig.end:p.start]
        if p.start >= fig.end and _OWN_PERIOD_GAP.fullmatch(gap) and not (change and "from" in gap.lower()):
            return p, v  # "N in P" (but "a rise of N from P": P is the base, not the change's period)

    def owned_by_other(p) -> bool:
        # Only a later figure's: an earlier one's period carries to what restates it ("21 in 2015/16, or 11%").
        return any(s >= fig.end and e <= p.start and _OWN_PERIOD_GAP.fullmatch(text[e:p.start]) for s, e in others) \
            or any(p.start >= fig.end and s >= p.end and re.fullmatch(r"[\s,]*", text[p.end:s])
                   and re.search(r"\b(?:and|while|but)\s+(?:in\s+|during\s+)?$", text[fig.end:p.start]) for s, e in others)  # "..., and last year 1,530"

    def comparison(p) -> bool:
        # Only a phrase after the figure: in "against the year before (58,210)" the
        # figure is the comparand and the phrase its own. For a change, "from P" is its base.
        before = text[max(0, p.start - 40):p.start]
        if p.start < fig.end:
            # "24% above the year to June 2020, and 11% above ...": an earlier
            # figure's comparand is no later figure's period
            return bool(_COMPARISON_BEFORE.search(before) and re.search(r"\bthan\s+(?:in\s+)?(?:the\s+)?$", before)
                        and not re.fullmatch(r"\s*[(:,]?\s*", text[p.end:fig.start]))
        return bool(_COMPARISON_BEFORE.search(before) or (change and re.search(r"\bfrom\s+(?:the\s+)?$", before)))

    # A change takes the period of the level it reached ("rose by 10% to 1,200 in 2022/23").
    usable = [(p, v) for p, v in usable if (change or not owned_by_other(p)) and not comparison(p)]

    def previous_is_mine(p) -> bool:
        if p.end <= fig.start:  # "against the year before (58,210 crimes)"
            # "The previous year it recorded 1,300", "A year earlier, the figure was 1,300": an opening
            # phrase dates the sentence's first figure
            opens = re.search(r"(?:^|[.!?]\s+|\n)[ \t]*(?:(?:In|And|But|So)\s+)?$", text[max(0, p.start - 12):p.start])
            return bool(re.fullmatch(r"\s*[(:,]?\s*", text[p.end:fig.start])) or bool(
                opens and not re.search(r"\d|[.;:]", text[p.end:fig.start]))
        # "31 convictions out of 97 ... the year before", "640 rapes and 1,980 other sexual crimes ... the year before"
        gap = re.sub(r"\b(?:(?:out\s+)?of|and|from)\s+[\d,]+\b", "", text[fig.end:p.start])
        return 0 <= p.start - fig.end <= 60 and not re.search(r"[.;:]|\d", gap)

    usable = [(p, v) for p, v in usable if p.kind != "previous" or previous_is_mine(p)]
    # "Year-on-year, referrals fell by 23%": how the change is measured, not when; the context dates it
    unknowable = [(p, None) for p, v in resolved if p.kind == "none"
                  and not (change and re.fullmatch(r"(?i)year[\s-]on[\s-]year", p.text.strip(" ,.;:")))]
    if not usable and not unknowable:
        return None
    # "So far this year, only four rapes have been logged": a time with no usable period
    return min(usable + unknowable, key=lambda x: char_distance(fig.start, fig.end, x[0].start, x[0].end))


_FROM_TO = re.compile(r"\bfrom\s+(?:about\s+|around\s+|nearly\s+)?$")


_EARLIER_VALUE = re.compile(r"\b(?:up|down|rising|falling|risen|fallen)\s+from\s+$", re.I)


_COMPARAND_BEFORE = re.compile(
    r"\b(?:compared\s+(?:with|to)|as\s+against|against|versus|vs\.?|from)\s+(?:about\s+|around\s+|nearly\s+|just\s+)?$", re.I)


def own_period(text: str, claim: Claim, resolved) -> bool:
    """True when the claim's period is named right after it (`2,600 in 2017/18`)."""
    return any(v == (claim.period_start, claim.period_end) and p.start >= claim.char_end
               and _OWN_PERIOD_GAP.fullmatch(text[claim.char_end:p.start]) for p, v in resolved)


def comparand_owns_period(text: str, s_claims: list[Claim], resolved, context, published: str | None) -> None:
    """`now 1,840 against 2,600 in 2017/18 (a drop of 760)`: the period belongs to the comparand.

    The figure compared takes the period in context, else the year after the
    comparand's (when that year has ended by the article's date); a change
    stated with them takes the figure's period, the later of the two.
    """
    for a, b in zip(s_claims, s_claims[1:]):
        inherited = a.period_inherited and a.period_start is not None
        if a.change or b.change or b.period_start is None or \
                (a.period_start is not None and not inherited and (a.period_start, a.period_end) != (b.period_start, b.period_end)):
            continue
        if (a.stage, a.unit) != (b.stage, b.unit) or not own_period(text, b, resolved) or own_period(text, a, resolved):
            continue
        gap = text[a.char_end:b.char_start]
        if not _COMPARAND_BEFORE.search(gap) or re.search(r"[.;]|(?<!compared )\bto\b", gap):
            continue
        earlier = (b.period_start, b.period_end)
        if inherited and a.period_start > earlier[0]:
            later = (a.period_start, a.period_end)  # the period in context: only the changes move
        elif context and context[0] > earlier[0]:
            later = context
        else:
            later = year_after(earlier, published, latest=True)
        for c in [a] + [c for c in s_claims if c.change and c.char_start > b.char_end
                        and (c.period_start, c.period_end) == earlier]:
            c.period_start, c.period_end = later if later else (None, None)
            c.period_text = "the period after " + (b.period_text or "") if later else None
            c.period_inherited = True


def year_after(period: tuple[str, str], published: str | None, latest: bool = False) -> tuple[str, str] | None:
    """The whole year after `period`, when it had ended by the article's date (`published`,
    ISO; unknown counts as ended); with `latest`, only when it is also the last year to have
    ended by then ("now 410, compared with 520 in 2021/22" read in mid-2023). Else None."""
    if period[0] is None or not is_full_year(period):
        return None
    later = shift_year(period, 1)
    if published is None:
        return None if latest else later
    if later[1] > published or (latest and shift_year(period, 2)[1] <= published):
        return None
    return later


def pair_from_to(text: str, claims: list[Claim], s_start: int, s_end: int, resolved, context_pair,
                 published: str | None = None) -> None:
    """`rose from A to B`: when A and B got the same period, A is the earlier one.

    With two periods in the sentence (or the one before: `between 2015/16 and
    2017/18 ... from 130 to 275`) A takes the first and B the second; with one,
    A takes the year before it.
    """
    s_claims = [c for c in claims if s_start <= c.char_start < s_end]
    for a, b in zip(s_claims, s_claims[1:]):
        # "243, up from 154": the second figure is the earlier period's
        if _EARLIER_VALUE.search(text[max(s_start, b.char_start - 14):b.char_start]) and b.period_start and \
                (a.period_start, a.period_end) == (b.period_start, b.period_end) and is_full_year((b.period_start, b.period_end)) \
                and (b.period_inherited or not re.search(r"\d{4}|year|month", text[b.char_end:b.char_end + 25])):
            b.period_start, b.period_end = shift_year((b.period_start, b.period_end))
            b.period_text, b.period_inherited = "the year before " + (b.period_text or ""), True
    periods_here = list(dict.fromkeys(v for p, v in resolved if v is not None and p.kind == "explicit"))
    pair = periods_here[-2:] if len(periods_here) >= 2 else (context_pair if not periods_here else None)
    if pair and len(pair) == 2:
        pair = sorted(pair)  # "from A to B" runs forward in time whatever order the periods were named
    for a, b in zip(s_claims, s_claims[1:]):
        if not _FROM_TO.search(text[max(s_start, a.char_start - 12):a.char_start]):
            continue
        if not re.match(r"^(?:\s+\w+){0,3}?\s+(?:in\s+\S+\s+)?to\s+(?:\w+\s+)?$", text[a.char_end:b.char_start]) and \
                not re.match(r"^[^.;]{0,25}\bto\s+$", text[a.char_end:b.char_start]):
            continue
        if (a.stage, a.unit, a.area) != (b.stage, b.unit, b.area):
            continue
        span = next((p for p, v in resolved if p.last_unit and v == (b.period_start, b.period_end)), None)
        if span is not None and len(periods_here) == 1 and a.period_start in (None, b.period_start) \
                and a.period_end in (None, b.period_end):
            # "rose from 8% to 14% between 2019 and 2021": A is the range's first year, B its last
            years = int(span.last_unit[0][:4]) - int(span.period_start[:4])
            (a.period_start, a.period_end), (b.period_start, b.period_end) = shift_year(span.last_unit, -years), span.last_unit
            a.period_inherited = b.period_inherited = True
            a.period_text = b.period_text
            continue
        if a.period_start is None or (a.period_start, a.period_end) != (b.period_start, b.period_end):
            continue
        if pair and len(pair) == 2 and pair[1] == (b.period_start, b.period_end):
            a.period_start, a.period_end = pair[0]
        elif pair and len(pair) == 2 and (not periods_here or (b.period_start, b.period_end) in pair):
            # "tripled over the period from 11 to 33, ... in 2013 ... in 2017": first and second period
            (a.period_start, a.period_end), (b.period_start, b.period_end) = pair[0], pair[1]
            b.period_inherited = True
        elif own_period(text, a, resolved):
            later = year_after((b.period_start, b.period_end), published)
            if later:  # "from 1,420 in 2017/18 to 1,505": B is the year after
                earlier = (a.period_start, a.period_end)
                b.period_start, b.period_end = later
                b.period_text, b.period_inherited = "the year after " + (b.period_text or ""), True
                for c in s_claims:
                    if c.change and c.char_start > b.char_end and (c.period_start, c.period_end) == earlier:
                        c.period_start, c.period_end, c.period_text = b.period_start, b.period_end, b.period_text
            elif published is not None and is_full_year((b.period_start, b.period_end)):
                earlier = (a.period_start, a.period_end)  # the year after had not ended: not said
                for c in [b] + [c for c in s_claims if c.change and c.char_start > b.char_end
                                and (c.period_start, c.period_end) == earlier]:
                    c.period_start = c.period_end = c.period_text = None
            continue  # A keeps the period named with it
        elif is_full_year((a.period_start, a.period_end)):
            a.period_start, a.period_end = shift_year((a.period_start, a.period_end))
            a.period_text = "the year before " + (a.period_text or "")
        a.period_inherited = True
    _change_takes_later(s_claims)


def _change_takes_later(s_claims: list[Claim]) -> None:
    """`climbed 11.2% from 540 in Q1 to 600 in Q2`, `fell 12% to 200, from 300 in 2021`: the change
    covers the later of the two periods of the levels after it."""
    for i, c in enumerate(s_claims):
        if not c.change:
            continue
        for a, b in zip(s_claims[i + 1:], s_claims[i + 2:]):
            if a.change or b.change or a.period_start is None or b.period_start is None:
                continue
            if b.period_end > a.period_end and (c.period_start, c.period_end) != (b.period_start, b.period_end):
                c.period_start, c.period_end, c.period_text = b.period_start, b.period_end, b.period_text
            elif a.period_end > b.period_end and c.stage == a.stage and \
                    (c.period_start, c.period_end) == (b.period_start, b.period_end):
                # "fell 12% to 200, from 300 in 2021": the change was given the earlier level's year
                c.period_start, c.period_end, c.period_text = a.period_start, a.period_end, a.period_text
            break


def backfill_source(claims: list[Claim], sources, quotes, text: str | None = None) -> None:
    """Figures before an article first names its source take that source (marked inherited).

    Reports often give figures first and say whose they are a paragraph later
    ("..., the latest data shows. A review by the inspectorate found ...").
    Figures inside quotations are left alone.
    """
    if not sources or len({m.name for m in sources}) > 1:
        return  # several bodies named: which one an earlier figure came from is not said
    first = sources[0]
    if text is not None and obtained_by(text, first.name):
        return  # "Figures obtained by a law firm show ...": who obtained them compiled nothing
    # "Nationally, 3.2% ..., according to the Home Office": a body named for national figures only
    # says nothing of whose the force's figures before it were
    named_with = [c for c in claims if c.quote_start <= first.start < c.quote_start + len(c.quote) and c.stage != "other"]
    national_only = bool(named_with) and all(c.area in NATIONAL_AREAS for c in named_with)
    for claim in claims:
        if claim.char_start >= first.start:
            break
        if national_only and claim.area not in NATIONAL_AREAS:
            continue
        if claim.source is None and claim.speaker is None and not any(
                q.start <= claim.char_start < q.end for q in quotes):
            claim.source, claim.source_inherited = first.name, True


def with_anaphors_resolved(areas):
    """Area mentions with `the force` read as the force last named before it (for sources)."""
    out, last = [], None
    for mention in areas:
        if mention.kind == "force":
            last = mention.area
            out.append(mention)
        elif mention.kind == "anaphor" and last:
            out.append(AreaMention(mention.start, mention.end, last, "force"))
        else:
            out.append(mention)
    return out


def governing_source(mentions, fig, fig_spans, text: str = "") -> str | None:
    """The source a sentence gives one figure.

    An attribution before or after all of a sentence's figures covers them all;
    one between figures (`1,310 complaints but, on CPS figures, just
    50 ...`) covers only the figures after it.
    """
    if not mentions:
        return None
    before = [m for m in mentions if m.end <= fig.start]
    if before:
        return before[-1].name
    trailing = [m for m in mentions if all(m.start >= e for _, e in fig_spans) or tags_clause(text, m)]
    return trailing[0].name if trailing else None


_TAG = re.compile(r"(?<!\bbut)(?<!\band),\s+according\s+to\b[^,;]*$", re.I)


def tags_clause(text: str, mention) -> bool:
    """`612 rapes in 2022/23, according to figures released by the force, but ...`: an attribution
    tagged on after a clause covers that clause too (unlike `but, according to ...`, which opens one)."""
    return bool(_TAG.search(text[max(0, mention.start - 100):mention.start]))


def previous_sentence_area(claims: list[Claim], prev_start: int, s_start: int) -> str | None:
    """The area the sentence before gave its figures: its force if it named one, else national."""
    before = [c for c in claims if prev_start <= c.char_start < s_start]
    if not before:
        return None
    forces = [c.area for c in before if c.area not in (NATIONAL, "England", "Wales")]
    return forces[-1] if forces else before[-1].area


def area_for(doc: Doc, fig, resolved_areas, other_figures, parens=()) -> str | None:
    """The area a figure's sentence gives it: the mention nearest in the parse.

    A mention inside another figure's own phrase (`against 9 per cent across
    England and Wales`) belongs to that figure and is skipped.
    """
    text = text_of(doc)
    # "the worst charge rate in the country": where a figure is ranked, not whose it is
    resolved_areas = [(m, a) for m, a in resolved_areas if not (m.kind == "national" and ranks_within(text, m))]
    for mention, area in resolved_areas:
        if _owned_by(text, (fig.start, fig.end), mention):
            return area  # "women in Wiltshire", "a 10 per cent national average"
    candidates = []
    for mention, area in resolved_areas:
        if any(_owned_by(text, other, mention) or _inside_phrase(doc, other, mention) for other in other_figures):
            continue
        penalty = 1.0 + 0.01 * char_distance(fig.start, fig.end, mention.start, mention.end) \
            if mention.kind == "national" else 0.0
        lo, hi = min(fig.end, mention.end), max(fig.start, mention.start)
        if mention.start >= fig.end and re.search(
                r"[,;]\s*(?:while|whereas|but|with|although|though|as|compared|against|below|above|behind|ahead|higher|lower|followed|then|next)\b"
                r"|\s[—–]\s|\s-\s|;", text[fig.end:mention.start]):
            continue  # "180 complaints ..., while in Gwent, 15 charges", "29% — the national figure is 10%", "...; and in Kent",
            # "at 612, followed by Kent with 588"
        if any(lo <= s and e <= hi for s, e in other_figures):
            if mention.start >= fig.end:
                continue  # "was 14%, and the lowest, 2%, in Norfolk": Norfolk is the 2%'s
            penalty += 1.0
        if any(p0 <= mention.start < p1 and not p0 <= fig.start < p1 for p0, p1 in parens):
            continue  # "(8.1% ... against a National average of 3.6%)"
        candidates.append((mention.start, mention.end, area, penalty))
    if not candidates:
        return None
    kept = [(m, a) for m, a in resolved_areas if not any(_owned_by(text, other, m) for other in other_figures)]
    lead = leading_area(text, (fig.start, fig.end), kept, other_figures)
    if lead is not None:
        return lead
    return nearest_by_tree(doc, fig.start, fig.end, candidates)


# A superlative then the field it ranks in: "the highest ... in England and Wales", "the lowest of any force"
_SUPERLATIVE_DOMAIN = re.compile(
    r"\b(?:lowest|highest|worst|best|fewest|most|least|largest|smallest|biggest|poorest|second|third|fourth|fifth)"
    r"\b[^.;,\d%]{0,45}?(?P<prep>\b(?:in|across|of|among)\s+(?:all\s+|any\s+)?)?$", re.I)


def ranks_within(text: str, mention) -> bool:
    """True when a place mention is the field a superlative ranks in ("the lowest rate in the country")."""
    m = _SUPERLATIVE_DOMAIN.search(text, max(0, mention.start - 60), mention.start)
    return m is not None and bool(m.group("prep") or re.match(
        r"(?:in|across|throughout|among|nationally)\b", text[mention.start:mention.end], re.I))
_BY_THEN_TO = re.compile(r"\s*(?:%|per\s*cent|pc)?\s*,?\s*(?:to|at)\s+(?:just\s+|only\s+|about\s+|around\s+)?", re.I)
_LEAD_GAP = re.compile(r"[^;.!?]{0,50}")
_LEAD_BREAK = re.compile(r"\b(?:compared|than|while|whereas|against|average|versus|vs)\b", re.I)
_LIST_JOIN = re.compile(r"\s*(?:,|and|&|,\s*and)\s*")


def leading_area(text: str, fig_span: tuple[int, int], mentions, other_figures) -> str | None:
    """The area named just before a figure in its clause, when it plainly introduces it.

    `In Gwent, the rate is 57.1%, and in Dorset, 44.3%`: each figure takes
    the place that leads it. `In Essex and Suffolk, 9.3% and 10.6%`:
    figures after a list of places pair with them in order. Returns None when no
    mention leads the figure (the parse then decides).
    """
    start, _ = fig_span
    before = sorted([(m, a) for m, a in mentions if m.end <= start], key=lambda x: x[0].start)
    if not before:
        return None
    # A run of places joined by "and" / commas, followed by as many figures.
    run = [before[-1]]
    for m, a in reversed(before[:-1]):
        if _LIST_JOIN.fullmatch(text[m.end:run[0][0].start]):
            run.insert(0, (m, a))
        else:
            break
    run_end = run[-1][0].end
    # "the number recorded by Dyfed-Powys Police fell by 38 to 302": the change before the level is the same place's
    between = sorted(s for s, e in other_figures if run_end <= s and e <= start
                     and not _BY_THEN_TO.fullmatch(text, e, start))
    if len(run) >= 2 and len(between) < len(run) and not _LEAD_BREAK.search(text[run_end:start]):
        return run[len(between)][1]
    if between:
        return None
    gap = text[run_end:start]
    if _LEAD_GAP.fullmatch(gap) and not _LEAD_BREAK.search(gap):
        return run[-1][1]
    return None


_OWN_AREA_AFTER = re.compile(r"^(?:\s+[\w'’-]+){0,4}?\s+(?:in|to|by|from|across|at|for|of)\s+(?:the\s+)?$")


_OWN_AREA_BEFORE = re.compile(r"^\s+(?:(?:average|rate|figure|mean)\s+)?(?:of\s+|was\s+|is\s+|at\s+|stood\s+at\s+)?(?:just\s+|only\s+)?(?:under\s+|over\s+|around\s+|about\s+|nearly\s+)?$")


_LEADS_FIGURE = re.compile(r"[\s,:]*(?:(?:it|the\s+(?:figure|rate|share|number))\s+)?(?:(?:was|is|were|stood\s+at)\s+)?"
                           r"(?:just\s+|only\s+|about\s+|around\s+|nearly\s+)?\d", re.I)


def _owned_by(text: str, fig_span: tuple[int, int], mention) -> bool:
    """True when the area mention is part of the figure's own phrase.

    `one in 45 women in Wiltshire`, `a 19 per cent national average`, `the national
    average of 55 per cent`: the area belongs to that figure and no other.
    """
    start, end = fig_span
    if mention.start >= end:
        gap = text[end:mention.start]
        if mention.kind == "national" and re.fullmatch(r"\s+", gap):
            return True
        if re.search(r"\b(?:and|but|while|whereas)\b", gap, re.I) and _LEADS_FIGURE.match(text, mention.end):
            return False  # "it was 3.4 per cent and in Sussex 1.8 per cent": Sussex leads the next figure
        return bool(_OWN_AREA_AFTER.match(gap)) and not re.search(r"[,.;:()]", gap)
    if mention.kind == "national" and mention.end <= start:
        return bool(_OWN_AREA_BEFORE.match(text[mention.end:start]))
    return False


def _inside_phrase(doc: Doc, fig_span: tuple[int, int], mention) -> bool:
    span = doc.char_span(fig_span[0], fig_span[1], alignment_mode="expand")
    target = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or target is None:
        return False
    root = span.root
    head = root.head if root.dep_ in ("nummod", "quantmod") else root
    if head.dep_ == "ROOT" or head.pos_ not in ("NOUN", "NUM", "PROPN", "X"):
        return False  # a clause, not a noun phrase: its words are not the figure's own
    if head.right_edge.i - head.left_edge.i < 200:
        return target.root.i in {t.i for t in head.subtree}  # exact: the parser's appositions can cross
    return head.left_edge.i <= target.root.i <= head.right_edge.i  # a huge run-on phrase: its range
