"""Assemble claims from one parsed article: each figure with its stage, area, period, offence, source and speaker.

`build_claims` walks the sentences in order. For each figure it asks `assign`
which cue governs it, `attach` which area, period and source belong to it, and
applies the rules of English that cross a sentence: a comparand or restatement
counts what the figure before it counts (`up from 154`, `36 (33%)`), a list
takes its header's force and stage, a rate takes the base the text points back
to. Context (force, period, source) is carried from sentence to sentence and
every carried value is marked as inherited.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from spacy.tokens import Doc

from attrition.extract.assign import Governed, change_cue, choose, nearest_by_tree, outcome_cue, text_of
from attrition.extract.attach import (
    NATIONAL_BODIES, area_for, backfill_source, continues_quote, governing_source,
    pair_from_to, period_for, previous_sentence_area, tags_clause, with_anaphors_resolved,
)
from attrition.extract.claim import Claim
from attrition.extract.cues import (
    Cue, change_noun_before_bracket, find_offence_cues, find_stage_cues, is_change, is_hypothetical, is_non_funnel,
)
from attrition.extract.forces import NATIONAL, find_area_mentions
from attrition.extract.numbers import find_figures
from attrition.extract.page import page_area, page_source
from attrition.extract.periods import find_dateline, find_period_mentions, is_full_year, resolve_relative
from attrition.extract.quotes import find_quotes
from attrition.extract.sources import find_source_mentions
from attrition.extract.tables import column_stages

# The denominator a rate is usually a share of, when the text does not say.
DEFAULT_OF_STAGE = {
    "no_crime": "recorded", "charged": "reported", "convicted": "reported",
    "prosecuted": "reported", "nfa": "recorded", "withdrawn": "reported",
    "referred": "reported", "recorded": "reported",
}


# Nouns a figure can count that are never funnel figures.
NOT_CLAIM_NOUNS = {
    "officer", "investigator", "detective", "staff", "recommendation", "page", "comment",
    "ad", "school", "year", "month", "week", "hour", "minute", "people employed", "team",
    "point", "step", "member", "councillor", "seat", "vote", "bed", "mile", "signature",
    "subscriber", "video", "photo", "story", "article", "episode", "hospital", "centre",
    "cookie", "setting", "partner", "vendor", "preference", "notification", "newsletter",
    "adviser", "advisor", "worker", "counsellor", "nurse", "judge", "prosecutor", "lawyer",
    "barrister", "post", "role", "job", "vacancy", "specialist", "volunteer", "charity",
    "organisation", "organization", "charitie", "group", "coalition", "quota", "kit", "question",
}


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    spans = []
    text = text_of(doc)
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start and any(ch.isalnum() for ch in text[start:end]):
            spans.append((start, end))
    return spans


class _Spans:
    """Items with `.start`/`.end`, sorted by start, sliced by character range with bisect."""

    def __init__(self, items):
        self.items = sorted(items, key=lambda x: x.start)
        self.starts = [x.start for x in self.items]

    def within(self, start: int, end: int) -> list:
        """The items that lie wholly inside [start, end)."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [x for x in self.items[lo:hi] if x.end <= end]


# Bodies that publish national figures: a figure they give with no force named is national.
_NATIONAL_PUBLISHERS = {"Crown Prosecution Service", "Home Office", "Office for National Statistics",
                        "Ministry of Justice", "Crime Survey for England and Wales"}


def _article_area(areas, before: int, dominant: str | None, source: str | None, page: str | None = None) -> str:
    """The area of a figure whose sentence and neighbours name none.

    The force the article has named most so far; if it has named none yet, the
    force the page's title, publisher or URL names (`page`), then the article's
    main force, unless the figure comes from a national publisher (a CPS
    release that mentions Police Scotland at the end is still national).
    """
    so_far = _dominant_area([a for a in areas if a.start < before])
    if so_far:
        return so_far
    if page and source not in _NATIONAL_PUBLISHERS:
        return page
    if dominant and source not in _NATIONAL_PUBLISHERS:
        return dominant
    return NATIONAL


def _dominant_area(areas) -> str | None:
    counts = Counter(a.area for a in areas if a.kind in ("force", "place") and a.area)
    return counts.most_common(1)[0][0] if counts else None


def build_claims(doc: Doc, published: str | None = None, meta: dict | None = None) -> list[Claim]:
    """Assemble the claims of one parsed article.

    Takes a spaCy `Doc` made by `load_pipeline()`, the publication date and the
    page's metadata (`url`, `publisher`, `title`; any may be missing); returns
    claims in text order, deduplicated.
    """
    meta = meta or {}
    text = text_of(doc)
    figures = [f for f in find_figures(text) if not f.vague]
    if not figures:
        return []
    published = published or find_dateline(text)
    areas = [a for a in find_area_mentions(text) if not _is_dateline(text, a)]
    periods = find_period_mentions(text, published)
    sentences = _sentences(doc)
    # Stage cues matter only where there are figures, and in list headers ("... recorded:").
    figure_spans = _Spans(figures)
    stage_cues = [
        Cue(c.start + s, c.end + s, c.label, c.weight)
        for s, e in sentences
        if figure_spans.within(s, e) or text[s:e].rstrip().endswith((":", "?"))
        for c in find_stage_cues(text[s:e])
    ]
    offence_cues = find_offence_cues(text)
    columns = column_stages(text) if "|" in text else {}
    people = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "PERSON"]
    orgs = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ in ("ORG", "NORP")]
    sources = find_source_mentions(text, orgs, with_anaphors_resolved(areas))
    quotes = find_quotes(text, people)
    dominant = _dominant_area(areas)
    page = page_area(meta)
    offence_counts = Counter(c.label for c in offence_cues if c.label != "other")
    dominant_offence = offence_counts.most_common(1)[0][0] if offence_counts else "other"
    full_years = [(p.period_start, p.period_end) for p in periods
                  if p.kind == "explicit" and is_full_year((p.period_start, p.period_end))]

    claims: list[Claim] = []
    last_area, last_area_sent, last_claim_area, last_area_para = None, -10, None, -1
    breaks = [m.start() for m in re.finditer(r"\n", text)]

    def paragraph_of(pos: int) -> int:
        return bisect.bisect_left(breaks, pos)

    context_period, context_period_text, context_pair = None, None, None
    header, prev_sentence_start, prev2_sentence_start, prev_named_area = None, 0, 0, None
    current_source = page_source(meta)
    national_scope = None
    last_offence = None
    area_spans, period_spans, stage_spans = _Spans(areas), _Spans(periods), _Spans(stage_cues)
    offence_spans, source_spans = _Spans(offence_cues), _Spans(sources)
    previous_claims: list[Claim] = []
    for s_index, (s_start, s_end) in enumerate(sentences):
        s_figures = figure_spans.within(s_start, s_end)
        s_areas = area_spans.within(s_start, s_end)
        s_periods = period_spans.within(s_start, s_end)
        s_stage = stage_spans.within(s_start, s_end)
        s_offence = offence_spans.within(s_start, s_end)
        s_sources = source_spans.within(s_start, s_end)

        # Resolve this sentence's period phrases against the context before it.
        resolved = []
        local_context = context_period
        for p in s_periods:
            value = resolve_relative(p, local_context, full_years, published)
            resolved.append((p, value))
            if value is not None and p.kind in ("explicit", "months", "last_year"):
                local_context = value  # "141 ... in the 12 months to April 2023, compared to 69 the year before"
        resolved_areas = []
        for a in s_areas:
            if a.kind == "anaphor":
                before = [b for b in s_areas if b.kind in ("force", "place") and b.end <= a.start]
                area = before[-1].area if before else (last_claim_area or dominant)
            else:
                area = a.area
            if area:
                resolved_areas.append((a, area))

        sentence_has_funnel = any(c.label != "other" for c in s_stage if c.weight >= 0.8)
        sentence_has_offence = any(c.label != "other" for c in s_offence)
        fig_spans = [(f.start, f.end) for f in s_figures]
        s_text = text[s_start:s_end]
        line_prefix = text[text.rfind("\n", 0, s_start) + 1:s_start]
        bulleted = bool(re.match(r"[•\-*·–]\s", s_text)) or bool(re.fullmatch(r"\s*[•\-*·–]\s*", line_prefix))
        is_item = bulleted or (header is not None and s_index == header[0] + 1)
        if not is_item:
            header = None
        elif header is None and prev_named_area:
            header = (s_index - 1, prev_named_area, None)  # a list introduced by a plain sentence
        parens = _parentheticals(text, s_start, s_end, s_figures)
        sentence_claims: list[Claim] = []
        claims_before = len(claims)
        for fig in s_figures:
            others = [sp for sp in fig_spans if sp != (fig.start, fig.end)]
            fig_cues = [c for c in s_stage if not any(p0 <= c.start < p1 and not p0 <= fig.start < p1 for p0, p1 in parens)]
            gov, inside = choose(doc, fig.start, fig.end, fig_cues, others)
            outcome = outcome_cue(doc, fig.start, fig.end, fig_cues, others)
            if outcome is not None:
                if gov is not None and gov.cue != outcome and gov.label != outcome.label:
                    inside = gov if inside is None else inside
                gov = Governed(outcome.label, outcome, False)
            change = is_change(text, fig.start, fig.end, s_start)
            if change or change_noun_before_bracket(text, fig.start, s_start) is not None:
                quantity = change_cue(text, fig.start, fig.end, s_start, fig_cues)
                if quantity is not None:
                    gov = Governed(quantity.label, quantity, False)
            gov = _reporting_verb_subject(doc, gov, fig_cues, claims) or gov
            stage = gov.label if gov else None
            if header is not None and header[2] and (gov is None or gov.cue.weight < 0.8):
                stage = header[2]
            column = columns.get(fig.start)
            if column and (gov is None or gov.cue.weight < 0.8 or "|" in text[min(gov.cue.start, fig.start):max(gov.cue.end, fig.end)]):
                stage = column  # a table's column header (or caption) names what its cells count
            copied = _comparand_of(doc, fig, sentence_claims)
            in_context = bool(sentence_claims) or bool(claims and claims[-1].char_start >= prev2_sentence_start)
            if copied is not None and copied.change and text[copied.char_end:fig.start].rstrip().endswith("("):
                change = True  # "18 offences (24%)" restates a rise
            if copied is not None and not change:
                stage = copied.stage
            elif copied is not None and copied.change:
                stage = copied.stage
            elif stage is None and claims and claims[-1].char_start >= prev_sentence_start and not _has_own_noun(doc, fig):
                stage = claims[-1].stage  # "There were also 16 in 2012/13": the stage just named
            if stage == "nfa" and any(c.label == "withdrawn" and not any(fig.end <= o[0] < c.start for o in others)
                                      and not re.search(r"\bincluding\b", text[fig.end:c.start])
                                      for c in fig_cues if c.start > fig.end):
                stage = "withdrawn"  # "closed for lack of evidence, with the victim unwilling to support": the specific reason
            elif stage == "nfa" and any(
                    c.label == "no_crime" and c.start > fig.end and not any(fig.end <= o[0] < c.start for o in others)
                    and re.search(r"\b(?:because|due\s+to|as)\b|[—–]", text[fig.end:c.start]) for c in fig_cues):
                stage = "no_crime"  # "dropped because no crime had been committed": the reason beats "dropped"
            forces_count = _counts_forces(text, fig)
            if forces_count or (stage not in ("other", None) and is_non_funnel(text, fig.start, fig.end, s_start, s_end)):
                stage = "other"
            if is_hypothetical(text, fig.start, fig.end, s_start, s_end) or _asked_or_example(text, fig, s_start, s_end):
                continue
            under_header = header is not None and header[2] is not None and stage == header[2]
            if not _is_claim(doc, fig, stage, sentence_has_funnel or bool(column) or under_header,
                             sentence_has_offence or in_context and stage is not None,
                             forces_count):
                continue
            stage = stage or "other"
            of_stage = None
            if fig.unit == "percent" and not change and stage != "other":
                base = _base_claim(text, fig, s_start, sentence_claims, claims, prev_sentence_start)
                opened = _opening_base(text, s_start, fig.start, fig_cues, stage)
                if inside and inside.label != stage and inside.label not in ("other",):
                    of_stage = inside.label
                elif opened is not None:
                    of_stage = opened  # "Of the rapes prosecuted, the conviction rate was 44.6%"
                elif base is not None and base.stage != stage:
                    of_stage = base.stage
                elif earlier := [c for c in sentence_claims if c.unit == "count" and not c.change
                                 and c.stage in ("reported", "recorded")]:
                    of_stage = earlier[-1].stage  # "1,488 rapes were recorded and 3.4 per cent resulted in a charge"
                else:
                    of_stage = DEFAULT_OF_STAGE.get(stage)

            # Area: the nearest mention in the sentence, else carried from just before.
            area, area_inherited = None, False
            if forces_count:
                area = NATIONAL
            elif own_areas := area_for(doc, fig, resolved_areas, others, parens):
                area = own_areas
            elif (restated := _restated_claim(text, fig, claims)) is not None:
                area, area_inherited = restated.area, True  # "Out of the 2,012 reported rapes": the 2,012 named before
            elif sentence_claims and sentence_claims[-1].area_inherited is False or (
                    sentence_claims and _restated_claim(text, _AsFigure(sentence_claims[0]), claims) is not None):
                area, area_inherited = sentence_claims[-1].area, True  # the sentence's own figures' place
            elif header is not None and header[1]:
                area, area_inherited = header[1], True
            elif any(m.name in NATIONAL_BODIES for m in s_sources):
                area = NATIONAL
            elif national_scope:
                area, area_inherited = national_scope, True  # "Nationally, ..." carries until a force is named
            elif (previous_area := previous_sentence_area(previous_claims, prev_sentence_start, s_start)) and (
                    previous_area not in (NATIONAL, "England", "Wales") or paragraph_of(prev_sentence_start) == paragraph_of(s_start)
                    or continues_quote(text, s_start, quotes)):
                area, area_inherited = previous_area, True  # the force the sentence before was about
            elif last_area and s_index - last_area_sent <= 2 and (
                    last_area not in (NATIONAL, "England", "Wales") or paragraph_of(s_start) == last_area_para
                    or continues_quote(text, s_start, quotes)):
                area, area_inherited = last_area, True
            else:
                area, area_inherited = _article_area(areas, s_start, dominant, current_source, page), True

            # Period: the phrase in the sentence that goes with the figure, else the one in context.
            period, period_text, period_inherited = None, None, False
            chosen = period_for(text, fig, resolved, change, others)
            if chosen is not None:
                p, period = chosen
                period_text = p.text.strip(" ,.;:") if period else None
            elif context_period and "|" not in s_text:
                period, period_text, period_inherited = context_period, context_period_text, True

            if forces_count:
                period, period_text, period_inherited = None, None, False
            offence = None
            if forces_count:
                offence = "other"
            elif s_offence:
                offence = nearest_by_tree(doc, fig.start, fig.end, [(c.start, c.end, c.label) for c in s_offence])
            if offence is None:
                offence = last_offence or dominant_offence

            source, source_inherited = None, False
            speaker = None
            quote = next((q for q in quotes if q.start <= fig.start and fig.end <= q.end), None)
            governing = governing_source(s_sources, fig, fig_spans, text)
            if governing is not None:
                source = governing
            elif quote is None and current_source:
                source, source_inherited = current_source, True
            if quote is not None:
                speaker = quote.speaker

            q_start, q_end = _evidence(text, s_start, s_end, fig.start, fig.end)
            claim = Claim(
                value=fig.value, unit=_unit_in_context(text, fig, s_start), stage=stage, of_stage=of_stage, offence=offence,
                area=area, period_start=period[0] if period else None,
                period_end=period[1] if period else None, period_text=period_text if period else None,
                source=source, speaker=speaker, quote=text[q_start:q_end], char_start=fig.start,
                char_end=fig.end, quote_start=q_start, change=change, comparator=fig.comparator,
                area_inherited=area_inherited, period_inherited=period_inherited,
                source_inherited=source_inherited,
                confidence=_confidence(gov, area_inherited, period_inherited),
            )
            if copied is not None and not change and fig.unit == copied.unit == "percent" and copied.of_stage:
                claim.of_stage = copied.of_stage  # "compared to a national average of 60 per cent": same base
            claims.append(claim)
            sentence_claims.append(claim)
            claims.extend(_shared_by(text, s_start, s_end, s_areas, claim))

        # Carry context forward.
        opener = _NATIONAL_OPENER.match(s_text)
        if opener:
            national_scope = next((area for a, area in resolved_areas if a.kind == "national"), NATIONAL)
        elif any(a.kind in ("force", "place", "anaphor") for a, _ in resolved_areas):
            national_scope = None
        prev_named_area = next((area for a, area in resolved_areas if a.kind in ("force", "place", "national")), None)
        if s_text.rstrip().endswith((":", "?")):
            # A list header, or a question (an FOI request) whose answer follows.
            strong = [c for c in s_stage if c.weight >= 0.8 and c.label != "other"]
            # A header that names no place ("By the numbers:") leaves its items to their own context.
            header_area = next((area for a, area in resolved_areas if a.kind in ("force", "place", "national")),
                               last_area if last_area not in (NATIONAL, "England", "Wales") else None)
            header = (s_index, header_area, strong[-1].label if strong else None)
        prev2_sentence_start, prev_sentence_start = prev_sentence_start, s_start
        named = [(a.kind, area) for a, area in resolved_areas if a.kind in ("force", "place", "national")]
        forces_named = [area for kind, area in named if kind != "national"]
        if named:
            last_area_para = paragraph_of(s_start)
            if dominant in forces_named:
                last_area = dominant
            else:
                last_area = forces_named[0] if forces_named else named[-1][1]
            last_area_sent = s_index
        elif resolved_areas:
            last_area_sent = s_index
        s_claims = claims[claims_before:]
        if s_claims and not s_claims[-1].area_inherited and s_claims[-1].area not in (NATIONAL, "England", "Wales"):
            last_claim_area = s_claims[-1].area
        _respectively(text, s_claims, s_stage, s_start, s_end)
        _rates_restating_counts(s_claims, previous_claims)
        pair_from_to(text, s_claims, s_start, s_end, resolved, context_pair)
        _follow_reference(text, s_claims, claims[:claims_before])
        previous_claims = s_claims
        # A relative "last year" in a sentence without figures dates an event, not the figures to come.
        kinds = ("explicit", "last_year", "months") if s_figures else ("explicit", "months")
        explicit = [(p, v) for p, v in resolved if v is not None and p.kind in kinds
                    and (s_figures or not _single_month(v))]  # "a report published in March 2013" dates the report
        if "|" in s_text:
            context_period, context_pair = None, None  # a flattened table: its rows are not the prose's period
        elif explicit:
            context_period, context_period_text = explicit[-1][1], explicit[-1][0].text.strip(" ,.;:")
            distinct = list(dict.fromkeys(v for _, v in explicit))
            context_pair = distinct[-2:] if len(distinct) >= 2 else None
        framing = [m for m in s_sources if all(m.end <= f.start for f in s_figures)
                   or all(m.start >= f.end for f in s_figures) or tags_clause(text, m)]
        if framing:
            current_source = framing[0].name
        real_offences = [c.label for c in s_offence if c.label != "other"]
        if real_offences:
            last_offence = real_offences[-1]
    backfill_source(claims, sources, quotes)
    return _dedupe(claims)


# A sentence that opens by setting national scope: "Nationally, ...", "Across England and Wales, ...".
_NATIONAL_OPENER = re.compile(
    r"\s*(?:[•\-*·–]\s*)?(?:Nationally|Nationwide|(?:Across|Throughout|In)\s+(?:England\s+(?:and|&)\s+Wales|the\s+country|the\s+UK|Britain|England|Wales)"
    r"|(?:At\s+a\s+)?national\s+level)\s*[,:]", re.I)


_DATELINE_AFTER = re.compile(r"\s*(?:\([A-Za-z ]+\)\s*)?[–—-]\s")


def _is_dateline(text: str, mention) -> bool:
    """`LONDON – ...` opening a line is where the story was filed, not what its figures are about."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    word = text[mention.start:mention.end]
    return (not text[line_start:mention.start].strip() and word.isupper() and len(word) > 3
            and bool(_DATELINE_AFTER.match(text, mention.end)))


_OPENING_OF = re.compile(r"(?:^|[,;:–—]\s*|\b(?:However|But|And|Yet)\s*,?\s*)(?:[Oo]ut\s+of|[Oo]f)\s+(?:the|these|those|all(?:\s+the)?)\s+")


def _opening_base(text: str, s_start: int, fig_start: int, cues: list[Cue], stage: str | None) -> str | None:
    """The base a clause opening "Of the <cases at a stage>" names for a rate after it, or None."""
    left = text[s_start:fig_start]
    m = None
    for m in _OPENING_OF.finditer(left):
        pass
    if m is None:
        return None
    stop = re.search(r"[,;]|\d", left[m.end():])
    end = s_start + m.end() + (stop.start() if stop else len(left) - m.end())
    named = [c.label for c in cues if s_start + m.end() <= c.start < end and c.label not in ("other", stage)
             and c.weight >= 0.8]
    return named[-1] if named else None


def _rates_restating_counts(s_claims: list[Claim], previous_claims: list[Claim]) -> None:
    """`756 convictions in 933 court cases, a conviction rate of 81 per cent`: the rate is the
    first count's stage as a share of the second's (GUIDELINES 13), found by the arithmetic.

    Looks at counts before the rate in its sentence and the sentence before; a
    pair whose quotient matches the rate to the precision it is written in sets
    the rate's stage and base.
    """
    for rate in s_claims:
        if rate.unit != "percent" or rate.change or not 0 < rate.value < 100:
            continue
        counts = [c for c in previous_claims + s_claims if c.unit == "count" and not c.change and c.value > 0]
        decimals = len(str(rate.value).split(".")[1].rstrip("0")) if "." in str(rate.value) else 0
        tolerance = 0.5 * 10 ** -decimals + 1e-9
        for num in reversed(counts):
            den = next((d for d in reversed(counts) if d is not num and d.value > num.value
                        and d.stage != num.stage and abs(100 * num.value / d.value - rate.value) <= tolerance), None)
            if den is not None and num.stage not in ("other",) and den.stage not in ("other",):
                rate.stage, rate.of_stage = num.stage, den.stage
                break


def _respectively(text: str, s_claims: list[Claim], s_stage: list[Cue], s_start: int, s_end: int) -> None:
    """`rises in prosecutions and convictions (11.8% and 11.2%, respectively)`: pair stages and figures in order.

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
            if cue.end <= run[0].char_start and cue.label != "other" and cue.weight >= 0.8:
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


_EXAMPLE_OPEN = re.compile(r"\(\s*(?:i\.\s?e\.|e\.\s?g\.|for\s+example|for\s+instance|such\s+as)[^()]*$", re.I)


def _asked_or_example(text: str, fig, s_start: int, s_end: int) -> bool:
    """A figure in a question (`How many of the 300 reports ...?`) or in an example
    (`(i.e. 20% of men who ...)`) is not a claim: nobody stated it as a fact."""
    if text[s_start:s_end].rstrip().endswith("?"):
        return True
    return bool(_EXAMPLE_OPEN.search(text[max(s_start, fig.start - 120):fig.start]))


_PER_100K_BEFORE = re.compile(r"\b(?:per|for\s+every|every)\s+100,?000\b", re.I)


def _unit_in_context(text: str, fig, s_start: int) -> str:
    """`for every 100,000 people ..., there were 62 recorded rapes`: a rate per 100,000 named
    earlier in the sentence makes the figures after it rates of that kind."""
    if fig.unit != "per_100k" and _PER_100K_BEFORE.search(text, s_start, fig.start):
        return "per_100k"
    return fig.unit


def _single_month(period: tuple[str, str]) -> bool:
    """True when an ISO (start, end) period is one calendar month or less."""
    return period[0][:7] == period[1][:7]


class _AsFigure:
    """A claim seen as the figure it came from (its offsets and value)."""

    def __init__(self, claim: Claim):
        self.start, self.end, self.value, self.unit = claim.char_start, claim.char_end, claim.value, claim.unit


_BASE_BEFORE = re.compile(r"\b(?:[Oo]ut\s+)?[Oo]f\s+(?:the|these|those|all|all\s+the|its|their)\s+$")


def _restated_claim(text: str, fig, claims: list[Claim]) -> Claim | None:
    """The earlier claim a count restates as the base of what follows (`Of the 2,012 reported rapes, ...`)."""
    if fig.unit != "count" or not _BASE_BEFORE.search(text[max(0, fig.start - 20):fig.start]):
        return None
    return next((c for c in reversed(claims) if c.unit == "count" and c.value == fig.value
                 and c.char_start < fig.start and not c.change), None)


_RATE_NOUNS = {"rate", "figure", "proportion", "percentage", "level", "share"}


def _follow_reference(text: str, s_claims: list[Claim], earlier: list[Claim]) -> None:
    """`Of the 50 convicted rapists, 47 were male`: figures about an earlier figure share its source.

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


def _has_own_noun(doc: Doc, fig) -> bool:
    """True when the figure counts a noun of its own (`14 arrests`), so it cannot borrow a stage."""
    span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "nummod" and span.root.head.pos_ == "NOUN"


def _base_claim(text: str, fig, s_start: int, sentence_claims: list[Claim], claims: list[Claim],
                prev_sentence_start: int) -> Claim | None:
    """The count a rate is a share of, when the text points back to it.

    `out of 161 rape prosecutions ..., only 37.8 per cent` and `referred 100 cases ...,
    with over 70 per cent of cases` (or `of them`, `of those`) take the earlier count
    as the rate's base.
    """
    counts = [c for c in sentence_claims if c.unit == "count" and not c.change]
    if counts and re.search(r"\b(?:out\s+of|of\s+the|of\s+these|of\s+those)\s+$",
                            text[max(s_start, counts[0].char_start - 14):counts[0].char_start], re.I):
        return counts[0]
    if re.match(r"\s+of\s+the\s+total\b(?!\s+\w+ed\b)", text[fig.end:fig.end + 30], re.I):
        # "14% of the total": the same total an earlier rate of this kind was a share of
        rates = [c for c in claims if c.unit == "percent" and c.of_stage and not c.change]
        if rates:
            return Claim(**{**rates[-1].__dict__, "stage": rates[-1].of_stage})
    if re.match(r"\s+of\s+(?:the\s+|these\s+|those\s+)?(?:cases|them|those|these)\b", text[fig.end:fig.end + 30], re.I):
        earlier = [c for c in claims if c.unit == "count" and not c.change and c.char_start >= prev_sentence_start]
        if earlier:
            return earlier[-1]
    return None


def _reporting_verb_subject(doc: Doc, gov, cues, claims: list[Claim]):
    """`a conviction was recorded in one in 20 cases`, `the highest rate was recorded by X at 32%`.

    When the governing cue is the verb `recorded`/`reported` and its subject names a
    stage (conviction) or a rate already discussed, the subject says what the figure counts.
    """
    if gov is None or gov.label not in ("recorded", "reported"):
        return None
    span = doc.char_span(gov.cue.start, gov.cue.end, alignment_mode="expand")
    if span is None or span.root.pos_ not in ("VERB", "AUX"):
        return None
    for child in span.root.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        for cue in cues:
            if cue.start <= child.idx < cue.end and cue.label not in ("recorded", "reported", "other"):
                return Governed(cue.label, cue, False)
        if child.lower_ in _RATE_NOUNS:
            rates = [c for c in claims if c.unit == "percent" and not c.change]
            if rates:
                return Governed(rates[-1].stage, gov.cue, False)
    return None


def _parentheticals(text: str, s_start: int, s_end: int, figures) -> list[tuple[int, int]]:
    """Spans of brackets holding a figure (`16 (7% of the total recorded)`): their words are theirs."""
    spans = []
    for m in re.finditer(r"\([^()]{1,160}\)", text[s_start:s_end]):
        start, end = s_start + m.start(), s_start + m.end()
        if any(start < f.start < end for f in figures):
            spans.append((start, end))
    return spans


_COMPARAND = re.compile(
    r"(?:\bcompared\s+(?:to|with)|\bagainst|\bversus|\bvs\.?)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,8}?(?:of\s+)?"
    r"(?:just\s+|only\s+)?(?:under\s+|over\s+|around\s+|about\s+|nearly\s+)?$"
    r"|\b(?:up|down)\s+from\s+$|\bfrom\s+[\d,.]+\s*(?:\w+\s+){0,4}?to\s+$"
    r"|^\s*(?:[a-z]+\s*)?\(\s*$|^\s*,?\s*(?:[–-]\s*)?or\s+$|\b(?:equating|equivalent|equal)\s+to\s+$|^\s*,\s*$",
    re.I,
)


def _comparand_of(doc: Doc, fig, sentence_claims: list[Claim]) -> Claim | None:
    """The claim a figure is compared with or restates, when it names no quantity of its own.

    `compared to 69 the year before`, `up from 154`, `from 14 to 42`, `36 (33%)`,
    `one in seven, or 6,519`: the figure counts what the figure before it counts.
    """
    earlier = [c for c in sentence_claims if not (c.stage == "other" and c.offence == "other")]
    if not earlier:
        return None
    prev = earlier[-1]  # skipping counts of forces: "an average across the 42 forces of 18 per cent"
    gap = text_of(doc)[prev.char_end:fig.start]
    if len(gap) > 80 or not _COMPARAND.search(gap):
        return None
    span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
    if span is not None:
        following = [t for t in doc[span.end:span.end + 2] if not t.is_punct]
        if following and following[0].pos_ in ("NOUN", "PROPN") and following[0].lower_ not in (
                "average", "level", "rate", "figure", "mark", "cases", "offences", "reports"):
            return None
        if len(following) > 1 and following[0].pos_ == "ADJ" and following[1].pos_ == "NOUN" and following[1].lower_ not in (
                "average", "level", "rate", "figure"):
            return None
    return prev


def _shared_by(text: str, s_start: int, s_end: int, s_areas, claim: Claim) -> list[Claim]:
    """`Herts and Cambridgeshire both recorded 88%`: the same figure for each force named."""
    forces = [a for a in s_areas if a.kind in ("force", "place") and a.area]
    for a, b in zip(forces, forces[1:]):
        if a.area == claim.area and re.fullmatch(r"\s+(?:and|&)\s+", text[a.end:b.start]) and \
                re.match(r"\s+both\b", text[b.end:b.end + 8]):
            twin = Claim(**{**claim.__dict__, "area": b.area})
            return [twin]
    return []


def _counts_forces(text: str, fig) -> bool:
    """`43 police forces`, `40th out of 42 forces`, `one of 14 forces`: a count of forces."""
    after = text[fig.end:fig.end + 40]
    return fig.unit == "count" and bool(re.match(
        r"\s+(?:out\s+of\s+[\d,]+\s+)?(?:\w+\s+){0,2}(?:police\s+)?(?:forces|force\s+areas|constabularies|CPS\s+areas)\b", after, re.I))


_NUMBER_OF = re.compile(r"\bnumber\s+of\s+(?:[\w-]+\s+){0,3}?(?P<noun>[\w-]+?)s?\s+(?:to|at|by|from)\s+(?:about\s+|around\s+|over\s+|more\s+than\s+)?$", re.I)


def _is_claim(doc: Doc, fig, stage, funnel: bool, offence: bool, forces_count: bool) -> bool:
    if forces_count:
        return True
    if not (funnel or offence):
        return False
    counted = _NUMBER_OF.search(text_of(doc)[max(0, fig.start - 90):fig.start])
    if counted and counted.group("noun").lower() in NOT_CLAIM_NOUNS:
        return False  # "doubled the number of specialist officers to 1,500"
    span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
    if span is not None:
        root = span.root
        noun = root.head if root.dep_ in ("nummod", "quantmod") else root
        if noun.lower_ in NOT_CLAIM_NOUNS or noun.lower_.rstrip("s") in NOT_CLAIM_NOUNS:
            return False
    return True


def _evidence(text: str, s_start: int, s_end: int, f_start: int, f_end: int) -> tuple[int, int]:
    """The sentence around a figure, trimmed to at most ~240 characters centred on it."""
    start, end = s_start, s_end
    if end - start > 240:
        start = max(s_start, f_start - 120)
        end = min(s_end, f_end + 120)
        while start > s_start and not text[start - 1].isspace():
            start += 1
        while end < s_end and not text[end].isspace():
            end -= 1
    return start, end


def _confidence(gov, area_inherited: bool, period_inherited: bool) -> float:
    score = 0.9 if gov is not None else 0.5
    if area_inherited:
        score -= 0.1
    if period_inherited:
        score -= 0.05
    return round(max(score, 0.1), 2)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """Drop repeats of one figure (headline and body, repeated paragraphs) and rounded echoes.

    Two claims with the same area, stage, unit, value and change are one figure
    when their periods agree or one has none; the one with more context stays.
    A hedged round figure (`nearly 1,700`) is dropped when the article states an
    exact one within 15% for the same area and stage (`1,696`).
    """
    kept: list[Claim] = []
    by_figure: dict[tuple, list[int]] = {}  # (area, stage, unit, value, change) -> positions in kept
    for claim in claims:
        key = (claim.area, claim.stage, claim.unit, claim.value, claim.change)
        twin = next((i for i in by_figure.get(key, ())
                     if kept[i].period_start is None or claim.period_start is None or
                     (kept[i].period_start, kept[i].period_end) == (claim.period_start, claim.period_end)), None)
        if twin is None:
            by_figure.setdefault(key, []).append(len(kept))
            kept.append(claim)
        elif kept[twin].period_start is None and claim.period_start is not None:
            kept[twin] = claim
    exact: dict[tuple, list[float]] = {}
    for k in kept:
        if not k.comparator:
            exact.setdefault((k.area, k.stage, k.unit, k.change), []).append(k.value)
    return [claim for claim in kept if not (
        claim.comparator and (claim.unit == "count" or not claim.change) and any(_hedge_covers(claim.comparator, claim.value, v, claim.unit)
                                 for v in exact.get((claim.area, claim.stage, claim.unit, claim.change), [])))]


def _hedge_covers(comparator: str, hedged: float, exact: float, unit: str) -> bool:
    """True when an exact figure is what a hedged one rounds (`less than 2%` and 1.9%, `nearly 1,700` and 1,696)."""
    if unit == "count":
        return abs(exact - hedged) <= 0.15 * hedged
    if comparator in ("less_than", "nearly"):
        return hedged * 0.7 <= exact <= hedged
    if comparator in ("more_than", "at_least"):
        return hedged <= exact <= hedged * 1.3
    return abs(exact - hedged) <= max(0.5, 0.1 * hedged)
