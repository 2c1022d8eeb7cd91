"""Assemble claims from one parsed article: each figure with its stage, area, period, offence, source and speaker.

`build_claims` walks the sentences in order. For each figure it runs the
decision steps of `decide.py` (stage, base, area, period, offence, source),
each a function of the `Article` (what the whole text holds), the `Scope`
(what is carried from the sentences before) and the `Sentence`. Rules that
act on a whole sentence's claims (`sentence_rules.py`, `attach.pair_from_to`)
run after it; then the scope is carried forward (`context.carry_forward`).
Every carried value is marked as inherited.
"""

from __future__ import annotations

import re
import time
from datetime import date

from spacy.tokens import Doc

from attrition.extract.attach import backfill_source, comparand_owns_period, pair_from_to
from attrition.extract.claim import Claim
from attrition.extract.context import (
    NATIONAL_AREAS, Article, Scope, Sentence, carry_forward, enter_sentence, new_scope, read_article, read_sentence,
)
from attrition.extract.decide import (
    decide_area, decide_base, decide_offence, decide_period, decide_source, decide_stage, reporting_share, unit_in_context,
)
from attrition.extract.dedupe import dedupe
from attrition.extract.forces import force_organisation, is_force_organisation
from attrition.extract.periods import as_date
from attrition.extract.sources import foi_article_source, foi_force_source, obtained_by
from attrition.extract.sentence_rules import (
    follow_reference, rate_restating_a_count, rates_restating_counts, respectively, shared_by,
)


def build_claims(doc: Doc, published: str | None = None, meta: dict | None = None,
                 deadline: float | None = None) -> list[Claim]:
    """Assemble the claims of one parsed article.

    Takes a spaCy `Doc` made by `load_pipeline()`, the publication date, the
    page's metadata (`url`, `publisher`, `title`; any may be missing) and a
    `time.monotonic()` deadline (None: no limit); returns claims in text order,
    deduplicated. Raises TimeoutError when the deadline passes.
    """
    article = read_article(doc, published, meta)
    if article is None:
        return []
    scope = new_scope(meta)
    claims: list[Claim] = []
    for index, (start, end) in enumerate(article.sentences):
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError("extraction passed its deadline")
        sentence = read_sentence(article, scope, index, start, end)
        enter_sentence(scope, sentence, article.cells)
        before = len(claims)
        sentence_claims: list[Claim] = []
        for fig in sentence.figures:
            claim = claim_for(article, scope, sentence, fig, claims, sentence_claims)
            if claim is None:
                continue
            claims.append(claim)
            sentence_claims.append(claim)
            claims.extend(shared_by(article.text, start, end, sentence.areas, claim))
        s_claims = claims[before:]
        respectively(article.text, s_claims, sentence.stage, start, end)
        rates_restating_counts(s_claims, scope.previous_claims, article.text)
        rate_restating_a_count(article.text, s_claims)
        comparand_owns_period(article.text, s_claims, sentence.resolved, scope.context_period, article.published)
        pair_from_to(article.text, s_claims, start, end, sentence.resolved, scope.context_pair, article.published)
        follow_reference(article.text, s_claims, claims[:before])
        carry_forward(article, scope, sentence, s_claims)
    backfill_source(claims, article.sources, article.quotes, article.text)
    foi_article_source(claims, article.text)
    for claim in claims:
        if claim.source == "PCC":  # a commissioner the text does not place: the figure's own force's
            claim.source = f"{claim.area} PCC" if claim.area not in NATIONAL_AREAS else None
    return dedupe(claims)


def claim_for(article: Article, scope: Scope, sentence: Sentence, fig, claims: list[Claim],
              sentence_claims: list[Claim]) -> Claim | None:
    """The claim one figure makes, or None when it is not a claim: the decision steps in order."""
    stage = decide_stage(article, scope, sentence, fig, claims, sentence_claims)
    if stage is None:
        return None
    of_stage = decide_base(article, scope, sentence, fig, stage, claims, sentence_claims)
    source, source_inherited, speaker = decide_source(article, scope, sentence, fig)
    area, area_inherited = decide_area(article, scope, sentence, fig, stage, claims, sentence_claims,
                                       None if source_inherited else source)
    if not stage.forces_count and no_single_force(article.text, sentence.start, fig, sentence.areas):
        return None  # "Across Yorkshire, ...", "the nearest force recorded ...": no one force's figure (GUIDELINES 5)
    if source is not None and obtained_by(article.text, source):
        # "Figures obtained by the Manchester Evening News": the force's, when the figure is a force's (GUIDELINES 20)
        force = force_organisation(area)
        source = force if force else source
    if source is None:
        source = foi_force_source(sentence.text, area)  # "figures obtained under FOI show Kent recorded ..."
    if source_inherited and source and area in NATIONAL_AREAS and is_force_organisation(source):
        source = None  # a force's page quoting a national rate: the force did not compile it
    if source_inherited and scope.source_for_nation and scope.page_source and area not in NATIONAL_AREAS \
            and is_force_organisation(scope.page_source):
        source = scope.page_source  # a force's page: the national figures' source is not its own figures'
    if source_inherited and reporting_share(article.text, fig, stage.change, sentence.start, sentence.end):
        source = None  # "it's estimated two-thirds go unreported": not the data the story cites
    period, period_text, period_inherited = decide_period(article, scope, sentence, fig, stage)
    published = as_date(article.published)
    if period and published and date.fromisoformat(period[0]) > published:
        return None  # "to reach 10 per cent by 2025": a period not yet begun holds a target, no finding (GUIDELINES 5)
    q_start, q_end = evidence(article.text, sentence.start, sentence.end, fig.start, fig.end)
    copied = stage.copied
    if copied is not None and not stage.change and fig.unit == copied.unit == "percent" and copied.stage == stage.label:
        of_stage = copied.of_stage  # "compared to a national average of 60 per cent": same base
    return Claim(
        value=fig.value, unit=unit_in_context(article.text, fig, sentence.start), stage=stage.label,
        of_stage=of_stage, offence=decide_offence(article, scope, sentence, fig, stage), area=area,
        period_start=period[0] if period else None, period_end=period[1] if period else None,
        period_text=period_text if period else None, source=source, speaker=speaker,
        quote=article.text[q_start:q_end], char_start=fig.start, char_end=fig.end, quote_start=q_start,
        change=stage.change, comparator=fig.comparator, area_inherited=area_inherited,
        period_inherited=period_inherited, source_inherited=source_inherited,
        confidence=confidence(stage.gov, area_inherited, period_inherited),
    )


# Regions that span several forces, and forces the text does not name.
_REGION = re.compile(
    r"\b(?:across|in|throughout)\s+(?:the\s+)?(?:(?<!North\s)(?<!South\s)(?<!West\s)(?<!East\s)Yorkshire(?!\s+(?:Police|force))(?:\s+and\s+(?:the\s+)?Humber)?"
    r"|North[\s-]East|North[\s-]West|South[\s-]East|South[\s-]West|East\s+Midlands|Midlands|East\s+of\s+England|North\s+of\s+England)\b(?!\s+(?:Police|force))"
    r"|\b(?:the\s+)?(?:nearest|neighbouring|another|an\s+unnamed|one\s+other)\s+(?:police\s+)?force\b", re.I)


def no_single_force(text: str, s_start: int, fig, areas) -> bool:
    """True when the figure's clause places it in a region of several forces or an unnamed force.

    Takes the text, where the figure's sentence starts, the figure and the sentence's area
    mentions; looks at the figure's clause before it (back to a full stop, a semicolon or a
    clause joined by "while", "but", "and"), which must name no force of its own."""
    if any(a.kind == "cps_area" and a.start >= fig.end and _IN_AREA_AFTER.fullmatch(text, fig.end, a.start) for a in areas):
        return True  # "57.8 per cent in CPS Yorkshire and Humberside"
    for cps in (a for a in areas if a.kind == "cps_area" and s_start <= a.start and a.end <= fig.start):
        named = [a for a in areas if cps.end <= a.start < fig.start and a.kind in ("force", "place")]
        if not re.search(r"[.;]", text[cps.end:fig.start]) and all(_COVERS_BEFORE.search(text, cps.end, a.start) for a in named):
            return True  # "CPS Wessex, which covers Dorset, Hampshire and the Isle of Wight, and Wiltshire, charged 287"
    parts = re.split(r"[.;]|,\s+(?:while|whereas|but|and)\s", text[s_start:fig.start])
    clause_start = fig.start - len(parts[-1])
    forces = [a for a in areas if clause_start <= a.start < fig.start and a.kind in ("force", "place")
              and not _COVERS_BEFORE.search(text, clause_start, a.start)]
    if len({a.area for a in forces}) >= 2 and _COMBINED.search(text, clause_start, fig.start):
        return True  # "Between them, Dorset Police and Wiltshire Police referred 169 cases": two forces combined
    if not _REGION.search(parts[-1]) and not any(clause_start <= a.start < fig.start and a.kind == "cps_area" for a in areas):
        return False
    return not forces


_IN_AREA_AFTER = re.compile(r"\s*(?:%|per\s*cent|pc)?\s*(?:in|for|across|by|at)\s+(?:the\s+)?", re.I)
# "CPS Mersey-Cheshire, which covers Merseyside and Cheshire, ...": the forces a region is made of
_COVERS_BEFORE = re.compile(r"\b(?:covers|covering|cover|spans|spanning|includes|including)\b[^.;\d]*$", re.I)
_COMBINED = re.compile(r"\b(?:together|between\s+them|combined|jointly|in\s+total)\b", re.I)


def evidence(text: str, s_start: int, s_end: int, f_start: int, f_end: int) -> tuple[int, int]:
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


def confidence(gov, area_inherited: bool, period_inherited: bool) -> float:
    """How sure the extractor is of a claim: lower without a governing cue, lower for carried context."""
    score = 0.9 if gov is not None else 0.5
    if area_inherited:
        score -= 0.1
    if period_inherited:
        score -= 0.05
    return round(max(score, 0.1), 2)
