"""The decisions made for one figure, each a step with its own tests: stage, base, area, period, offence, source.

Each `decide_*` function takes the `Article`, the `Scope` carried so far, the
`Sentence` and the figure (plus the claims already made, where a rule of
English points back to them) and returns its answer; none changes its inputs.
The rules each names are constructions of English listed in
../shared/eval/GUIDELINES.md and the extractor issue; the cue words are data in
`cues.py`, their weights constants there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from attrition.extract.assign import Governed, change_cue, choose, nearest_by_tree, outcome_cue, relative_outcome
from attrition.extract.attach import (
    area_for, continues_quote, governing_source, period_for, previous_sentence_area,
)
from attrition.extract.claim import Claim
from attrition.extract.context import NATIONAL_AREAS, Article, Scope, Sentence, dominant_area
from attrition.extract.cues import (
    OF_CLOSED, Cue, change_noun_before_bracket, find_stage_cues, is_change, is_hypothetical, is_non_funnel,
    is_victim_reporting_share,
)
from attrition.extract.doctext import text_of
from attrition.extract.forces import NATIONAL
from attrition.extract.lexicon import BARE_NOUN, BARE_RAPES, CONTEXT, RECORDING, STRONG, VICTIM
from attrition.extract.lexicon import STAGE as STAGE_WEIGHT
from attrition.extract.periods import is_full_year, shift_year
from attrition.extract.sources import NATIONAL_ONLY_BODIES, NATIONAL_PUBLISHERS, known_body
from attrition.extract.tables import is_row

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
    "organisation", "organization", "charitie", "center", "group", "coalition", "quota", "kit", "question",
    "district", "borough", "region", "county", "counties", "division",
    "plan", "priority", "prioritie", "reason", "pledge", "objective", "commitment", "aim", "initiative",
    "project", "scheme", "pillar", "theme", "strand", "workstream", "action plan",
    "action", "measure", "record", "area", "authority", "local authority area",
}


# How far apart (figures, characters) two things may be and still be weighed against each other:
# the bound that keeps every comparison linear in the text (issue 15).
NEIGHBOUR_FIGURES = 4
CUE_WINDOW = 300


def neighbours(spans: list[tuple[int, int]], fig) -> list[tuple[int, int]]:
    """The spans of the figures next to `fig` in its sentence (at most NEIGHBOUR_FIGURES each side)."""
    i = next((k for k, sp in enumerate(spans) if sp == (fig.start, fig.end)), None)
    if i is None:
        return [sp for sp in spans if sp != (fig.start, fig.end)][:2 * NEIGHBOUR_FIGURES]
    return spans[max(0, i - NEIGHBOUR_FIGURES):i] + spans[i + 1:i + 1 + NEIGHBOUR_FIGURES]


@dataclass
class Stage:
    """What a figure counts: its stage, whether it is a change, and the evidence the choice rests on.

    `gov` is the cue that governs the figure, `inside` a cue inside its own phrase
    (a rate's base), `copied` the earlier claim it restates or is compared with,
    `cues` the sentence's cues that may govern it, `others` the other figures' spans.
    """

    label: str
    change: bool
    gov: Governed | None
    inside: Governed | None
    copied: Claim | None
    cues: list[Cue]
    others: list[tuple[int, int]]
    forces_count: bool


def decide_stage(article: Article, scope: Scope, sentence: Sentence, fig, claims: list[Claim],
                 sentence_claims: list[Claim]) -> Stage | None:
    """The stage of a figure, or None when the figure is not a claim.

    In order: the governing cue in the parse; an outcome verb after the figure
    ("141 reports led to a charge"); the quantity a rise or fall is about; the
    subject of a reporting verb; a list header or FOI question; a table column;
    a comparand or restatement copies the figure it follows; the reason beats
    "dropped"; non-funnel quantities are other.
    """
    doc, text = article.doc, article.text
    s_start, s_end = sentence.start, sentence.end
    others = neighbours(sentence.fig_spans, fig)
    fig_cues = [c for c in sentence.stage if abs(c.start - fig.start) <= CUE_WINDOW
                and not any(p0 <= c.start < p1 and not p0 <= fig.start < p1 for p0, p1 in sentence.parens)]
    gov, inside = choose(doc, fig.start, fig.end, fig_cues, others)
    same_value = frozenset(f.start for f in sentence.figures if f.start != fig.start and f.unit == fig.unit
                           and abs(f.value - fig.value) < 0.05)
    outcome = (outcome_cue(doc, fig.start, fig.end, fig_cues, others, same_value) or relative_outcome(doc, fig.start, fig.end, fig_cues)
               or anaphoric_outcome(doc, fig, s_start, s_end) or noun_clause_outcome(text, fig, fig_cues, others)
               or passive_share_subject(text, fig, s_start, fig_cues))
    if outcome is not None:
        if gov is not None and gov.cue != outcome and gov.label != outcome.label:
            inside = gov if inside is None else inside
        gov = Governed(outcome.label, outcome, False)
    change = is_change(text, fig.start, fig.end, s_start) or bool((c := article.cells.get(fig.start)) and c.change)
    if change or change_noun_before_bracket(text, fig.start, s_start) is not None:
        quantity = change_cue(text, fig.start, fig.end, s_start, fig_cues)
        if quantity is not None:
            gov = Governed(quantity.label, quantity, False)
    if change:
        gov = relative_antecedent(text, fig, fig_cues, s_start, others) or gov
    gov = reporting_verb_subject(doc, gov, fig_cues, claims) or gov
    gov = later_state(text, gov, fig_cues) or gov
    gov = label_of_value_line(text, fig, gov, fig_cues, s_start, s_end) or gov
    gov = copula_predicate(text, fig, gov, fig_cues, others) or gov
    gov = named_rate_of(text, fig, gov, fig_cues, others, s_start) or gov
    gov = partitive_denominator(text, fig, gov, fig_cues, s_start) or gov
    gov = own_clause_cue(text, fig, gov, fig_cues, s_start, others) or gov
    if fig.unit == "count" and (_DENOMINATOR_BEFORE.search(text, max(s_start, fig.start - 30), fig.start)
                                or _OF_THE_OPENER.fullmatch(text, s_start, fig.start)) \
            and not (gov is not None and gov.inside):
        # "Of the 842 offences, 329 were closed ...": the opener's count is the base, with its own noun's stage
        # "cleared up only one of 27 sexual assaults": the 27 counts its own noun, not what happened to the one
        # "Just 8% of the 430 cases reached trial": its own noun phrase's stage word, else the
        # 501 given in the sentence before, else recorded
        gov = denominator_stage(doc, fig, fig_cues)
        if gov.cue.weight == BARE_NOUN and re.search(r"\bthe\s+$", text[fig.start - 5:fig.start]):
            earlier = next((c for c in reversed(claims) if c.char_start >= scope.prev_sentence_start
                            and c.unit == "count" and c.value == fig.value and not c.change), None)
            if earlier is not None:
                gov = Governed(earlier.stage, Cue(fig.start, fig.end, earlier.stage, BARE_NOUN), True)
    stage = gov.label if gov else None
    answers = gov is None and scope.asked is not None and scope.asked[0] == sentence.index - 1
    if answers:
        stage = scope.asked[1]  # "... show how many investigations ended because the victim withdrew. In 2018 there were 1,204."
    header = scope.header
    if header is not None and header[2] and (gov is None or gov.cue.weight < STRONG):
        stage = header[2]
    cell = article.cells.get(fig.start)
    column = cell.stage if cell is not None else article.columns.get(fig.start)
    if column and (gov is None or gov.cue.weight < STRONG or cell is not None
                   or is_row(text[min(gov.cue.start, fig.start):max(gov.cue.end, fig.end)])):
        stage = column  # a table's column header (or caption), or its row's label, names what its cells count
    bracketed = bracket_names(text, fig, fig_cues, s_start)
    if bracketed is not None:
        stage = bracketed  # "those subsequently convicted (92,334)": the phrase the bracket follows
    gapped = gapped_item(text, fig, sentence, sentence_claims) or same_again(text, fig, sentence, sentence_claims)
    if gapped is not None:
        stage = gapped.stage  # "South Yorkshire charged 5.8% of closed cases, West Yorkshire 3.2%": the verb is gapped
    copied = comparand_of(doc, fig, sentence_claims)
    in_context = bool(sentence_claims) or bool(claims and claims[-1].char_start >= scope.prev2_sentence_start)
    if copied is not None and copied.change and text[copied.char_end:fig.start].rstrip().endswith("("):
        change = True  # "18 offences (24%)" restates a rise
    composition_count = copied is not None and copied.stage == "other" and copied.unit == "percent" \
        and fig.unit == "count" and stage not in (None, "other")  # "36% (69,184 offences) of those recorded were rapes"
    if copied is not None and (not change or copied.change) and not composition_count:
        stage = copied.stage
    elif not change and outcome is None and (restated := _restated_by_that(text, fig, s_start, scope.previous_claims)) is not None:
        stage = restated.stage  # "More than 12,000 were closed because the victim withdrew. That is 41% of ...": the 12,000's
    elif change and sentence_claims and not sentence_claims[-1].change \
            and _CHANGE_OF_PREVIOUS.fullmatch(text[sentence_claims[-1].char_end:fig.start]):
        stage = sentence_claims[-1].stage  # "1,925 in the year to June – an increase of 1,722": the 1,925's change
    elif (stage is None or gov is not None and any(fig.end < o[0] < gov.cue.start for o in others)) \
            and (head := _figure_named_again(text, fig, s_start, claims + sentence_claims, scope.prev_sentence_start,
                                             scope.prev2_sentence_start)) is not None:
        stage = head.stage  # "612 reports were received, 571 recorded. In 2023 the figure was 655": the 612's
    elif stage is None and (echoed := same_figure_before(fig, claims)) is not None:
        stage = echoed.stage  # 'She said: "We accept that 4.4 per cent is not good enough"': the 4.4 given before
    elif stage is None and claims and claims[-1].char_start >= scope.prev_sentence_start and not has_own_noun(doc, fig):
        stage = claims[-1].stage  # "A further 19 followed in 2016/17": the stage just named
    elif stage == "other" and fig.unit == "count" and gov is not None and gov.cue.weight <= VICTIM and claims \
            and claims[-1].char_start >= scope.prev_sentence_start \
            and (_POINTS_BACK.match(text, s_start) or _OF_THOSE_AFTER.match(text, fig.end)):
        stage = claims[-1].stage  # "Of these, 268 related to a victim under 18": a breakdown of the total (GUIDELINES 8)
    if re.search(r"\b(?:those|these)\s+$", text[max(s_start, fig.start - 7):fig.start]) and (
            echoed := next((c for c in reversed(claims) if c.value == fig.value and c.unit == fig.unit and not c.change), None)):
        stage = echoed.stage  # "Every one of those 71 files": the 71 given before, named again
    weak = gov is None or gov.cue.weight < STRONG or (
        gov.cue.end <= fig.start and re.search(r"[:;]", text[gov.cue.end:fig.start]) is not None)  # another clause's
    local_topic = next((c.label for c in reversed(fig_cues) if c.end <= fig.start and c.weight >= STRONG
                        and c.label not in ("other", "recorded", "reported")), None) if weak else None
    topical = bool(scope.topic_stage or local_topic) and weak and refers_to_topic(text, fig, s_start, s_end)
    if topical:
        # "31 per cent of closed cases ended this way", "Merseyside had the highest rate, at 58%"; in the
        # sentence's own earlier clause: "closed for evidential difficulties: 212 ended that way"
        stage = local_topic or scope.topic_stage
    shared = _share_of_outcomes(text, fig, s_start, fig_cues, others)
    reason_in = _reason_in_figure(text, fig, fig_cues, others)
    stage = reason_in or _own_reason(text, fig, fig_cues) or shared or _reason_beats_closed(text, fig, stage, gov, fig_cues, others)
    if shared is None and reason_in is None:
        stage = _reason_beats_dropped(text, fig, stage, fig_cues, others)
    forces_count = counts_forces(text, fig)
    if forces_count and _PEER_GROUP.match(text, fig.end):
        return None  # "among its seven most similar forces": the group compared against, not a finding
    if forces_count or (stage not in ("other", None) and is_non_funnel(text, fig.start, fig.end, s_start, s_end)
                        and not _place_breakdown(text, fig, sentence.areas)):
        stage = "other"
    if is_hypothetical(text, fig.start, fig.end, s_start, s_end) or asked_or_example(text, fig, s_start, s_end):
        return None
    # a bullet under "Our survey of survivors who had reported to the police found:" is the survey's answer
    surveyed = header is not None and sentence.is_item and stage in (None, "other") \
        and _SURVEY_HEADER.search(text, scope.prev_sentence_start, s_start) is not None
    # "RSVP supported 2,318 children and adults": a service's own count, in a page the gate found relevant
    served = stage == "other" and gov is not None and gov.label == "other" and gov.cue.weight >= STAGE_WEIGHT \
        and _SERVICE_WORD.match(text, gov.cue.start) is not None and gov.cue.end <= fig.start \
        and re.fullmatch(r"[^.;:\d]{0,40}", text[gov.cue.end:fig.start]) is not None
    under_header = header is not None and header[2] is not None and stage == header[2] or surveyed or served
    if not is_claim(doc, fig, sentence.has_funnel or bool(column) or under_header or topical or answers,
                    sentence.has_offence or in_context and stage is not None or cell is not None and stage is not None
                    or topical or surveyed or served, forces_count):
        return None
    return Stage(stage or "other", change, gov, inside, copied, fig_cues, others, forces_count)


# Words that point back to the outcome or rate just spoken of.
_TOPIC_REFERENCE = re.compile(
    r"\b(?:this|that|the\s+same)\s+(?:way|reason|outcome|route)\b|\b(?:for|on)\s+these\s+(?:reasons|grounds)\b"
    r"|\bthe\s+(?:highest|lowest|worst|best|same|largest|smallest)\s+(?:rate|proportion|share|figure|percentage)\b", re.I)


def refers_to_topic(text: str, fig, s_start: int, s_end: int) -> bool:
    """True when the figure's clause points back to the outcome or rate last spoken of
    ("... ended this way", "closed 2,140 investigations for this reason", "had the highest rate, at 58%")."""
    clause = re.split(r"[.;]|,\s+(?:while|whereas|but)\s", text[max(s_start, fig.start - 80):fig.start])[-1]
    after = re.split(r"[.;]|,\s+(?:while|whereas|but)\s", text[fig.end:min(s_end, fig.end + 60)])[0]
    if fig.unit == "percent" and _TOPIC_PRONOUN.search(clause):
        return True  # "The proportion varies between forces. It was highest in Essex, at 52%. In Kent it was 49%"
    return bool(_TOPIC_REFERENCE.search(clause) or _TOPIC_REFERENCE.search(after))


_TOPIC_PRONOUN = re.compile(
    r"\bit\s+(?:was|is)\s+(?:highest|lowest|higher|lower)\b[^.;\d]{0,40}$"
    r"|\bit\s+(?:was|is|stood\s+at)\s+(?:just\s+|only\s+|about\s+|around\s+|nearly\s+|almost\s+)?$", re.I)


# Where a second clause begins: "Referrals rose from 210 to 260, while the number charged fell ..."
_CLAUSE_JOIN = re.compile(r",\s*(?:while|whereas|but|and\s+the|with\s+the)\s|;\s*", re.I)


_BODY_DATA_AFTER = re.compile(r"['’]?s?\s+(?:\w+\s+)?(?:figures|data|statistics|stats|analysis)\b", re.I)
_FORCE_PRONOUN = re.compile(r"\s*(?:It|The\s+force|The\s+constabulary)\s+(?:has\s+|had\s+|also\s+)?"
                            r"(?:recorded|received|logged|charged|referred|saw|had|registered|dealt\s+with)\b")
_GAPPED_BEFORE = re.compile(r"(?:,|;|\band|\bwhile|\bwhereas|\bbut)\s+(?:in\s+|for\s+)?$", re.I)


def gapped_item(text: str, fig, sentence: Sentence, sentence_claims: list[Claim]) -> Claim | None:
    """The figure whose verb a gapped list item leaves out ("Kent charged 5.8%, Essex 3.2% and
    Surrey 2.9%": Essex's and Surrey's figures are charged too), or None.

    The item is a place followed at once by its figure, after a comma or "and", in a sentence
    whose earlier figure of the same unit was itself led by a place."""
    place = next((a for a in sentence.areas if a.kind in ("force", "place") and a.end <= fig.start
                  and re.fullmatch(r"\s*", text[a.end:fig.start])), None)
    if place is None or not _GAPPED_BEFORE.search(text, max(sentence.start, place.start - 12), place.start):
        return None
    earlier = [c for c in sentence_claims if c.unit == fig.unit and not c.change and c.char_end <= place.start]
    if not earlier:
        return None
    first = earlier[0]
    led = any(a.kind in ("force", "place") and a.end <= first.char_start and a.start >= sentence.start
              and not re.search(r"\d|[;.]", text[a.end:first.char_start]) for a in sentence.areas)
    return first if led else None


_COPULA_BEFORE = re.compile(r"[^.;,:\d]{0,60}?\b(?:were|was|had\s+been|have\s+been|has\s+been)\s+"
                            r"(?:(?:later|subsequently|then|also|all|eventually|ultimately)\s+)?[\"“‘']?$", re.I)


def copula_predicate(text: str, fig, gov: Governed | None, cues: list[Cue], others) -> Governed | None:
    """The predicate beats the noun it is said of (GUIDELINES 7): in '37 allegations were "no-crimed"'
    the allegations became no-crimes, whatever the parse hung the words on. None unless the figure's
    own noun governs and the cue straight after its copula names another stage at least as firmly."""
    if gov is None or not gov.inside or gov.cue.start < fig.end:
        return None
    stop = min((s for s, _ in others if s > fig.end), default=len(text))
    after = next((c for c in cues if c.start > gov.cue.end and c.start < stop), None)
    if after is None or after.label in (gov.label, "other") or after.weight < gov.cue.weight:
        return None
    if not _COPULA_BEFORE.fullmatch(text, gov.cue.end, after.start):
        return None
    return Governed(after.label, after, False)


_RATE_THEN_FIGURE = re.compile(r"\s+rates?\b(?:[^.;:]|\.(?=\d)){0,70}?\b(?:of|at|was|is|stood\s+at)\s+"
                               r"(?:just\s+|only\s+|about\s+|around\s+|nearly\s+|almost\s+)?$", re.I)


_PERCENT_AT = re.compile(r"\s*(?:%|per\s*cent|percent|pc)", re.I)


def named_rate_of(text: str, fig, gov: Governed | None, cues: list[Cue], others, s_start: int) -> Governed | None:
    """The stage a named rate gives its figure across the phrase naming its base: "a conviction rate among
    the 288 defendants tried of 66 per cent" is convicted, not the prosecuted of "tried". None otherwise."""
    if fig.unit != "percent" or gov is None or gov.cue.start < s_start:
        return None
    named = [c for c in cues if s_start <= c.start and c.end <= fig.start and c.weight >= STRONG and c.label != "other"
             and _RATE_THEN_FIGURE.fullmatch(text, c.end, fig.start)
             and not any(c.end <= o[0] < fig.start and _PERCENT_AT.match(text, o[1]) for o in others)]
    if not named or named[-1].label == gov.label:
        return None
    return Governed(named[-1].label, named[-1], False)


_VALUE_LINE = re.compile(r"[ \t]*(?P<label>[^\n:\d]{3,90}?)[ \t]*:[ \t]*$")


def label_of_value_line(text: str, fig, gov: Governed | None, cues: list[Cue], s_start: int, s_end: int) -> Governed | None:
    """The weightiest cue of the label of a "Label: value" line ("Prosecution not in the public interest: 4"
    is nfa, the outcome, not the prosecution it did not reach); None for any other line."""
    line_start = text.rfind("\n", 0, fig.start) + 1
    line_end = text.find("\n", fig.end)
    line_end = len(text) if line_end < 0 else line_end
    m = _VALUE_LINE.fullmatch(text, line_start, fig.start)
    if m is None or text[fig.end:line_end].strip(" \t.;") or line_start < s_start - 1:
        return None
    label = [c for c in cues if m.start("label") <= c.start < m.end("label") and c.weight >= CONTEXT and c.weight != BARE_NOUN]
    if not label:
        return None
    best = max(label, key=lambda c: c.weight)
    return Governed(best.label, best, True) if gov is None or best.label != gov.label else None


_N_OF_M = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|a\s+total\s+of\s+)?[\d,.]+\b", re.I)


def partitive_denominator(text: str, fig, gov: Governed | None, cues: list[Cue], s_start: int) -> Governed | None:
    """For "took action in 46 of 1,324 rapes it recorded": the verb before the figure, when the cue
    the parse chose sits in the "of M ..." denominator after it; None otherwise."""
    m = _N_OF_M.match(text, fig.end)
    if gov is None or m is None or not m.end() <= gov.cue.start < m.end() + 60:
        return None
    clause = max([s_start] + [b.end() + s_start for b in re.finditer(r"[.;:]|,\s+(?:while|but|and)\s", text[s_start:fig.start])])
    before = [c for c in cues if clause <= c.start and c.end <= fig.start and c.label != "other" and c.weight >= STRONG]
    return Governed(before[-1].label, before[-1], False) if before else None


_SURVEY_HEADER = re.compile(r"\b(?:survey|poll|questionnaire|asked|interviewed|respondents|supported|helped|counselled)\b", re.I)
_SERVICE_WORD = re.compile(r"(?:supported|helped|counselled|assisted|advised)\b|helplines?\b", re.I)
_SAME_AGAIN = re.compile(
    r"(?:[,;]\s*(?:and|while|but)\s+(?:for|in|among|across)\s+[^,.;:\d]{1,40}?,?\s*(?:(?:it|the\s+figure|the\s+rate)\s+(?:was|is)\s+)?"
    r"|[,;–—-]\s*(?:in\s+other\s+words|or|that\s+is)\s*,?\s*)"
    r"(?:just\s+|only\s+|about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|some\s+)?$", re.I)


def same_again(text: str, fig, sentence: Sentence, sentence_claims: list[Claim]) -> Claim | None:
    """The rate before a figure that says the same kind of thing again: "the accuracy rate was 81 per cent,
    and for rape specifically, 86 per cent" (the same measure of another offence), "11 per cent ... -
    in other words, around one in nine" (the same figure in other words); None otherwise."""
    if fig.unit != "percent" or not sentence_claims or not _SAME_AGAIN.search(text, max(sentence.start, fig.start - 80), fig.start):
        return None
    last = sentence_claims[-1]
    return last if last.unit == "percent" and not last.change else None


_LATER_GAP = re.compile(r"(?:\s+[\w’'-]+){0,3}?[\s,]*(?:and|but)\s+(?:(?:were|was|had\s+been|have\s+been|are|is)\s+)?"
                        r"(?:later|subsequently|then|afterwards|eventually)\s+(?:been\s+)?", re.I)


def later_state(text: str, gov: Governed | None, cues: list[Cue]) -> Governed | None:
    """The later of two states a clause gives the counted cases ("reports recorded as crimes and
    later cancelled" are no-crimes), or None when the governing cue is not followed by one."""
    if gov is None:
        return None
    later = next((c for c in cues if c.start >= gov.cue.end and _LATER_GAP.fullmatch(text, gov.cue.end, c.start)), None)
    if later is None or later.label in (gov.label, "other") or later.weight < STRONG:
        return None
    return Governed(later.label, later, gov.inside)


_WHICH_WERE = re.compile(r"[^.;:]{0,60}?\b(?:which|that)\s+(?:were|was|had\s+been|have\s+been)\s+(?:[\w-]+\s+){0,2}", re.I)
_KEPT_AS = re.compile(r"\s+(?:[\w’'-]+\s+){0,3}as\s+[\"“‘']?", re.I)


def noun_clause_outcome(text: str, fig, cues: list[Cue], others) -> Cue | None:
    """The outcome a clause on the figure's own noun names: "logged 214 reports in 2015/16 which
    were never recorded as crimes" (no-crimes), "kept 61 reports as 'crime-related incidents'";
    None when no such clause follows the figure before another figure."""
    stop = min((s for s, _ in others if s > fig.end), default=len(text))
    for cue in cues:
        if cue.start <= fig.end or cue.start >= stop or cue.start - fig.end > 90:
            continue
        if cue.label in ("other", "recorded", "reported") or cue.weight < STAGE_WEIGHT:
            continue
        if _WHICH_WERE.fullmatch(text, fig.end, cue.start) or _KEPT_AS.fullmatch(text, fig.end, cue.start):
            return cue
    return None


_PASSIVE_IN = re.compile(r"\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?\w+ed\s+in\s+"
                         r"(?:(?:just|only|about|around|nearly|almost|over|under)\s+)?$", re.I)


def passive_share_subject(text: str, fig, s_start: int, cues: list[Cue]) -> Cue | None:
    """The outcome a passive clause's subject names for the share after "in": "A charge or summons
    was issued in 3.5 per cent of investigations closed" (charged); None for any other shape."""
    m = _PASSIVE_IN.search(text, max(s_start, fig.start - 40), fig.start)
    if m is None:
        return None
    breaks = [b.end() for b in re.finditer(r"[,;:–—]", text[s_start:m.start()])]
    start = s_start + (breaks[-1] if breaks else 0)
    named = [c for c in cues if start <= c.start < m.start() and c.label not in ("other", "recorded", "reported")
             and c.weight >= STAGE_WEIGHT]
    return named[-1] if named else None


def same_figure_before(fig, claims: list[Claim]) -> Claim | None:
    """The earlier claim a figure with no stage word repeats: the same value and unit, a rate or
    a count of 100 or more (small round counts recur by chance), or None."""
    if fig.unit != "percent" and fig.value < 100:
        return None
    return next((c for c in reversed(claims) if c.unit == fig.unit and c.value == fig.value and not c.change), None)


def own_clause_cue(text: str, fig, gov: Governed | None, cues: list[Cue], s_start: int, others=()) -> Governed | None:
    """The stage named in the figure's own clause when the parse chose a cue from the clause before.

    "Referrals rose from 210 to 260, while the number of suspects charged fell from 92 to 81":
    the 92 is charged (each figure in a chain keeps its own stage). Takes the text, the figure,
    the cue chosen so far, the sentence's cues and where it starts; returns a Governed or None.
    """
    if gov is None:
        return None
    later = [o[0] for o in others if fig.end <= o[0] < gov.cue.start]
    if later and gov.cue.weight >= STAGE_WEIGHT:
        # "400 were closed due to evidential difficulties and 300 because the victim withdrew": a cue
        # past the next figure is that figure's when the figure's own words name a stage
        own = [c for c in cues if fig.end <= c.start < min(later) and c.label != "other" and c.weight >= STAGE_WEIGHT]
        return Governed(own[0].label, own[0], False) if own else None
    joins = [m.end() for m in _CLAUSE_JOIN.finditer(text, s_start, fig.start)]
    if not joins or gov.cue.start >= joins[-1]:
        return None
    own = [c for c in cues if joins[-1] <= c.start < fig.start and c.label != "other" and c.weight >= STRONG]
    return Governed(own[-1].label, own[-1], False) if own else None


_SHARE_VERB_BEFORE = re.compile(r"\s+(?:made\s+up|make\s+up|makes\s+up|accounted\s+for|accounts\s+for|account\s+for|comprised)\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+)?$", re.I)


def _place_breakdown(text: str, fig, areas) -> bool:
    """True for a count a place contributes to a total ("Blackpool accounted for 400 of them"):
    a breakdown by area keeps the total's stage, unlike a crime type's share of crime (other)."""
    if fig.unit != "count":
        return False
    return any(a.kind in ("force", "place") and a.end <= fig.start and _SHARE_VERB_BEFORE.fullmatch(text, a.end, fig.start)
               for a in areas)


_CHANGE_OF_PREVIOUS = re.compile(
    r"[^.;–—]{0,120}?\s[–—-]\s*(?:an?\s+)?(?:\w+\s+)?(?:increase|rise|fall|drop|decrease|reduction|jump)\s+of\s+"
    r"(?:about\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?"
    # "slipped to 62.9% - down 1.8 percentage points": the rate just given, changed
    r"|\s*[,–—-]\s*(?:up|down)\s+(?:by\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|just\s+)?", re.I)


_OUTCOME_ANAPHOR = re.compile(
    r"^[^.;]{0,80}?\b(?:resulted|result|results|resulting|led|lead|leads|leading|ended|end|ends)\s+(?:in|to|with)\s+"
    r"(?:one\s+of\s+)?(?:the|these|those|either|such\s+an?)\s+(?:two\s+|three\s+)?outcomes?\b", re.I)
_OUTCOME_NAMED = re.compile(
    r"\b(?:resulted|result|results|resulting|led|lead|leads|leading|ended|end|ends)\s+(?:in|to|with)\s+(?:an?\s+)?"
    r"(?P<what>[\w\s-]{3,40}?)(?=[.,;:\n]|\s+(?:over|in|during|for|by|across)\b)", re.I)


def anaphoric_outcome(doc: Doc, fig, s_start: int, s_end: int) -> Cue | None:
    """`ended in one of those two outcomes`: the outcome the article named before (`rapes that
    ended in a charge or a caution`), as a cue at the figure; None when no earlier outcome is named."""
    text = text_of(doc)
    if not _OUTCOME_ANAPHOR.match(text[fig.end:s_end]):
        return None
    named = None
    for named in _OUTCOME_NAMED.finditer(text, max(0, s_start - 3000), s_start):
        pass
    if named is None:
        return None
    cues = [c for c in find_stage_cues(doc, named.start("what"), named.end("what")) if c.label not in ("other", "recorded", "reported")]
    return Cue(fig.start, fig.end, cues[0].label, cues[0].weight) if cues else None


def denominator_stage(doc: Doc, fig, cues: list[Cue]) -> Governed:
    """The stage of the `M` in `N of M <noun phrase>`: the first stage word in M's own noun phrase
    (`the 140 files sent to the CPS`: referred), else recorded, as for a bare `rapes`."""
    span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
    if span is not None:
        head = span.root.head if span.root.dep_ in ("nummod", "quantmod", "compound") else span.root
        while head.dep_ == "compound" and head.head is not head:
            head = head.head  # "the 150 rape files ...": the phrase is the files', not the compound's
        last = max(t.i for t in head.subtree)
        end = doc[last].idx + len(doc[last])
        comma = text_of(doc).find(",", fig.end, end)
        end = comma if comma >= 0 else end  # "Of the 842 offences, 329 were ...": the phrase ends at the comma
        own = [c for c in cues if fig.end <= c.start < end and c.weight >= CONTEXT and c.label != "other"]
        if own:
            first = min(own, key=lambda c: c.start)
            return Governed(first.label, first, True)
    return Governed("recorded", Cue(fig.start, fig.end, "recorded", BARE_NOUN), True)


_WHICH_BEFORE = re.compile(r",\s+which\s+(?:[^,;.\d]{0,60}?)$", re.I)


def relative_antecedent(text: str, fig, cues: list[Cue], s_start: int, others) -> Governed | None:
    """`rape prosecutions, which the Ministry said fell 59%`: a change inside a relative clause is a
    change of the noun the clause hangs on, when that noun names a stage; else None."""
    m = _WHICH_BEFORE.search(text, max(s_start, fig.start - 70), fig.start)
    if m is None or any(m.start() <= s < fig.start for s, _ in others):
        return None
    named = [c for c in cues if c.end <= m.start() and m.start() - c.end <= 2 and c.label != "other" and c.weight >= STRONG]
    return Governed(named[-1].label, named[-1], False) if named else None


# "In 2023 the figure was 655", "the figure for rape stood at 53 per cent", "the equivalent number rose to 80"
_THE_FIGURE = re.compile(
    r"\bthe\s+(?:same\s+|equivalent\s+|comparable\s+|corresponding\s+)?(?:figure|number|total|proportion|rate)\s+"
    r"(?:(?:for|in|of)\s+[^,.;:]{1,30}?\s+)?(?:was|is|were|stood\s+at|stands\s+at|had\s+been|reached|rose\s+to|fell\s+to|dropped\s+to|came\s+to)\s+"
    r"(?:an?\s+(?:[\w-]+\s+){0,2}?(?:rate|share|proportion)\s+of\s+)?"  # "The figure for domestic abuse was a conviction rate of 77.4%"
    r"(?:just\s+|only\s+|about\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?$", re.I)


def _figure_named_again(text: str, fig, s_start: int, claims: list, prev_start: int, prev2_start: int):
    """The claim "the figure" points back to: the first of the sentence before's figures in the same
    unit (the head of that sentence, not the breakdown after it), else the last such figure of the
    sentence before that; an earlier figure of the figure's own sentence comes first. None when the words before the figure are not "the figure was" or no
    such claim exists."""
    if not _THE_FIGURE.search(text, max(s_start, fig.start - 60), fig.start):
        return None
    own = [c for c in claims if s_start <= c.char_start < fig.start and c.unit == fig.unit and not c.change]
    if own:
        return own[-1]  # "Northumbria charged 6.2% ..., while in Durham the figure was 8.9%"
    same = [c for c in claims if prev2_start <= c.char_start < s_start and c.unit == fig.unit and not c.change]
    return next((c for c in same if c.char_start >= prev_start), same[-1] if same else None)


# "That is 41% of all cases", "This represents 4.1 per cent": the sentence's subject is the figure just given
_THAT_IS = re.compile(
    r"\s*(?:That|This|It)(?:\s+is|[’']s|\s+was|\s+represents|\s+represented|\s+equates\s+to|\s+amounts\s+to|\s+means)\s+"
    r"(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|just\s+(?:over\s+|under\s+)?)?")


def _restated_by_that(text: str, fig, s_start: int, previous: list):
    """The count a rate opening its sentence with "That is" / "This represents" restates: the last
    count (not a change) of the sentence before; None when the sentence opens otherwise."""
    if fig.unit != "percent" or not _THAT_IS.fullmatch(text, s_start, fig.start):
        return None
    return next((c for c in reversed(previous) if c.unit == "count" and not c.change and c.stage != "other"), None)


_OF_THOSE_AFTER = re.compile(r"\s+of\s+(?:these|those|them)\b", re.I)  # "More than 1,300 of those offences involved ..."
_POINTS_BACK = re.compile(r"\s*(?:Of|Among|Out\s+of)\s+(?:these|those|them|this\s+number|that\s+number)\b", re.I)
_EARLIER_LEVEL = re.compile(r"\b(?:up|down|rising|falling|risen|fallen|rose|fell|increased|decreased)\s+from\s+(?:about\s+|around\s+|nearly\s+|just\s+)?$", re.I)
_OF_THE_OPENER = re.compile(r"\s*(?:Of|Out\s+of|Among)\s+(?:the\s+|these\s+|those\s+|a\s+total\s+of\s+)?", re.I)
_DENOMINATOR_BEFORE = re.compile(r"(?:\d|\bper\s*cent|%|\bone)\s+(?:out\s+)?of\s+(?:the\s+|a\s+total\s+of\s+)?$", re.I)
_OPENS_BRACKET = re.compile(r"\(\s*(?:from\s+)?$")
_BRACKET_AFTER_PHRASE = re.compile(r"(?:[\w’'‘-]+\s+){1,6}\(\s*(?:from\s+)?$")


def bracket_names(text: str, fig, cues: list[Cue], s_start: int) -> str | None:
    """The stage a bracketed count restates: the funnel word in the few words before the bracket
    (`the number of court cases (91,400)`), or None."""
    if not _OPENS_BRACKET.search(text, max(s_start, fig.start - 12), fig.start):
        return None  # (checked first: the phrase search backtracks over every word before the figure)
    m = _BRACKET_AFTER_PHRASE.search(text, max(s_start, fig.start - 80), fig.start)
    if m is None or m.end() != fig.start:
        return None
    if fig.unit != "count" and not re.search(r"\(\s*from\s+$", m.group(0)):
        return None  # a rate in brackets is a share of the phrase; only "(from A% to B%)" restates its level
    named = [c for c in cues if m.start() <= c.start < fig.start and c.label != "other" and c.weight >= STRONG]
    return named[-1].label if named else None


_CLOSED_VERB = re.compile(r"\b(?:closed|concluded|finalised|finalized|ended|shut|filed)\b", re.I)
_REASON_LINK = re.compile(r"\b(?:with|because|due\s+to|owing\s+to|as|after|for|following|since|citing|on)\b|[—–]", re.I)


_REASON_RIGHT_AFTER = re.compile(r"\s+(?:due\s+to|because\s+of|owing\s+to|as\s+a\s+result\s+of|through)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?$", re.I)


_SHARE_OF_VERB = re.compile(
    r"\b(?:accounted|accounts|account|made\s+up|make\s+up|makes\s+up|represented|represents|comprised)\s+(?:for\s+)?"
    r"(?P<further>another\s+|a\s+further\s+)?(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+|just\s+over\s+|just\s+under\s+)?$", re.I)
_IN_SHARE_BEFORE = re.compile(r"\b[Ii]n\s+(?:about\s+|around\s+|nearly\s+|almost\s+|just\s+over\s+|more\s+than\s+)?$")
_OUTCOMES = ("nfa", "withdrawn", "no_crime", "charged")


def _share_of_outcomes(text: str, fig, s_start: int, cues: list[Cue], others=()) -> str | None:
    """The outcome a share of closed cases is of, named around it: the subject of "victims withdrawing
    their support accounted for 41% of the investigations closed" (or "... for another 31 per cent"),
    or the clause after "In 41% of investigations closed, the victim did not support action"; None otherwise."""
    after = text[fig.end:fig.end + 80]
    verb = _SHARE_OF_VERB.search(text, max(s_start, fig.start - 40), fig.start)
    if verb is not None and (OF_CLOSED.match(after) or verb.group("further") and re.match(r"\s*(?:per\s*cent|%)?\s*(?:[.;,]|$)", after)):
        clause = max(s_start, text.rfind(",", s_start, verb.start()) + 1, text.rfind(" that ", s_start, verb.start()) + 1,
                     text.rfind(" and ", s_start, verb.start()) + 1, max((e for _, e in others if e <= verb.start()), default=0))
        subject = [c for c in cues if clause <= c.start < verb.start() and c.label in _OUTCOMES]
        return max(subject, key=lambda c: c.weight).label if subject else None
    closed = OF_CLOSED.match(after) if _IN_SHARE_BEFORE.search(text, max(s_start, fig.start - 20), fig.start) else None
    if closed is not None:
        stop = re.search(r"[.;]|\band\b", text[fig.end + closed.end():])
        end = fig.end + closed.end() + (stop.start() if stop else 200)
        outcome = [c for c in cues if fig.end + closed.end() <= c.start < end and c.label in _OUTCOMES]
        return outcome[0].label if outcome else None
    return None


_REASON_IN = re.compile(r"[^.;,\d]{0,40}?\bin\s+(?:just\s+|only\s+|about\s+|around\s+|some\s+|a\s+further\s+)?$", re.I)


def _reason_in_figure(text: str, fig, cues: list[Cue], others) -> str | None:
    """The reason just before "in N cases": "closed because of evidential difficulties in 436 cases and
    because the victim did not support action in 389" gives 436 nfa and 389 withdrawn."""
    before = [c for c in cues if c.end <= fig.start and c.label in ("nfa", "withdrawn", "no_crime")
              and not any(c.end <= o[0] < fig.start for o in others)]
    if before and _REASON_IN.fullmatch(text, before[-1].end, fig.start):
        return before[-1].label
    return None


def _own_reason(text: str, fig, cues: list[Cue]) -> str | None:
    """The reason that follows a figure at once names its outcome: "... and 201 due to evidential
    difficulties" (nfa), whatever the clause before it gave the figures it lists."""
    for cue in cues:
        if cue.start > fig.end and cue.label in ("nfa", "withdrawn", "no_crime"):
            return cue.label if _REASON_RIGHT_AFTER.fullmatch(text, fig.end, cue.start) else None
    return None


def _reason_beats_closed(text: str, fig, stage: str | None, gov, cues: list[Cue], others) -> str | None:
    """The stage of a count of closed cases whose clause gives why they closed, else `stage`.

    A closing verb counts the cases closed (recorded, GUIDELINES 9), but when the clause goes on
    to say they closed with no further action, because the complainant pulled out, or as no crime,
    that reason is the outcome counted: "closed 640 cases with no further action", and as the
    predicate, "290 rape reports were closed due to evidential difficulties". Takes the stage
    chosen so far and the governing cue.
    """
    if stage not in ("recorded", "reported") or gov is None:
        return stage
    closing_cue = stage == "recorded" and gov.cue.start <= fig.start and _CLOSED_VERB.search(text, gov.cue.start, gov.cue.end)
    for cue in cues:
        if cue.start <= fig.end or cue.label not in ("nfa", "withdrawn", "no_crime"):
            continue
        between = text[fig.end:cue.start]
        if any(fig.end <= o[0] < cue.start for o in others) or re.search(
                r"[.;:]|\bincluding\b|,\s+and\s+that\b|,\s+(?:while|whereas|but)\b", between):
            break  # "... out of 1,392 it recorded, and that over half of its closed cases ...": another clause
        closing = _CLOSED_VERB.search(between)  # "... were closed due to ...": the predicate closes them
        if not (closing_cue or closing):
            continue
        link = between[closing.end():] if closing else between
        if _REASON_LINK.search(link) or cue.label == "nfa" and re.match(r"\s*(?:no\s+further|without)", text[cue.start:cue.end]):
            return cue.label
    return stage


def _reason_beats_dropped(text: str, fig, stage: str | None, cues: list[Cue], others) -> str | None:
    """`closed on evidential grounds, the complainant not wishing to go on`: the specific reason wins;
    `dropped because no crime had been committed` is no-crime. A subset ("including ...") is not the reason."""
    if stage != "nfa":
        return stage
    after = [c for c in cues if c.start > fig.end and not any(fig.end <= o[0] < c.start for o in others)]
    if any(c.label == "withdrawn" and not re.search(r"\bincluding\b", text[fig.end:c.start]) for c in after):
        return "withdrawn"
    if any(c.label == "no_crime" and re.search(r"\b(?:because|due\s+to|as)\b|[—–]", text[fig.end:c.start])
           for c in after):
        return "no_crime"
    return stage


def decide_base(article: Article, scope: Scope, sentence: Sentence, fig, stage: Stage,
                claims: list[Claim], sentence_claims: list[Claim]) -> str | None:
    """The stage a rate is a share of (`of_stage`), or None for counts, changes and `other`.

    A cue inside the rate's own phrase ("8% of reported rapes"); a clause opening
    "Of the <cases at a stage>"; a count the text points back to ("of these");
    a count of reports or crimes earlier in the sentence; else the usual base.
    """
    if fig.unit != "percent" or stage.change or stage.label == "other":
        return None
    cell = article.cells.get(fig.start)
    if cell is not None and cell.base:
        return cell.base  # "Charge rate (% of recorded rapes)" over a table's column
    text = article.text
    if OF_CLOSED.match(text, fig.end):
        return None  # "3 per cent of closed investigations": a share of outcomes states no stage (GUIDELINES 12)
    if re.search(r"\b(?:another|a\s+further)\s+$", text[max(sentence.start, fig.start - 12):fig.start]) \
            and sentence_claims and sentence_claims[-1].unit == "percent" and not sentence_claims[-1].change \
            and not re.match(r"\s*(?:%|per\s*cent)?\s+of\b", text[fig.end:fig.end + 16]):
        return sentence_claims[-1].of_stage  # "38% of closed cases ..., and evidential difficulties another 31%"
    gapped = gapped_item(text, fig, sentence, sentence_claims)
    if gapped is not None and gapped.stage == stage.label:
        return gapped.of_stage  # "Kent charged 5.8% of closed cases, Essex 3.2%": the gapped item's base is the first's
    head = _figure_named_again(text, fig, sentence.start, claims + sentence_claims, scope.prev_sentence_start,
                               scope.prev2_sentence_start)
    if head is not None and head.stage == stage.label and head.unit == "percent":
        return head.of_stage  # "In neighbouring Dorset, the figure was 6.1 per cent": the rate compared, its base too
    base = base_claim(text, fig, sentence.start, sentence_claims, claims, scope.prev_sentence_start)
    opened = opening_base(text, sentence.start, fig.start, stage.cues, stage.label)
    inside = stage.inside
    gov_words = text[stage.gov.cue.start:stage.gov.cue.end] if stage.gov is not None else ""
    if stage.label == "no_crime" and re.search(r"\b(?:reports?|allegations?|complaints?)(?:\s+of\s+[\w\s]{1,20}?)?\s+as\b", gov_words, re.I):
        return "reported"  # "marking reports as no crime": a share of the reports so marked
    if inside and inside.cue.weight <= BARE_NOUN and _FOR_ALL.match(text, fig.end):
        inside = None  # "the 91 per cent for all crimes": the crimes compared with, not the rate's base
    if stage.label in ("withdrawn", "nfa") and _OF_INVESTIGATIONS.match(text, fig.end):
        return None  # "30 per cent of rape investigations were closed because ...": a share of outcomes too
    if inside and inside.label != stage.label and inside.label not in ("other",):
        return inside.label
    if opened is not None:
        return opened  # "Of the rape cases tried, the conviction rate stood at 52.3%"
    shared_of = share_of_base(text, sentence.start, fig.start, sentence.stage, stage.label, sentence.parens)
    if shared_of is not None:
        return shared_of  # "the proportion of rape reports cancelled as no crime fell to 6.1%"
    if base is not None and base.stage != stage.label:
        return base.stage
    earlier = [c for c in sentence_claims if c.unit == "count" and not c.change and c.stage in ("reported", "recorded")]
    if earlier:
        return earlier[-1].stage  # "1,488 rapes were recorded and 3.4 per cent resulted in a charge"
    if re.search(r"\b(?:of|out\s+of)\s+(?:which|whom|these|those|them)\s*,?\s*(?:just\s+|only\s+|about\s+|around\s+)?$",
                 text[max(sentence.start, fig.start - 30):fig.start]):
        counted = next((c for c in reversed(sentence_claims) if c.unit == "count" and not c.change), None)
        if counted is not None and counted.stage != stage.label:
            return counted.stage  # "the CPS completed 714 rape prosecutions, of which 61.2% ended in a conviction"
    restated = next((c for c in reversed(sentence_claims) if c.unit == "count" and not c.change
                     and c.stage == stage.label), None)
    if restated is not None:
        named = partitive_base(text, restated.char_end, sentence.end, sentence.stage, stage.label)
        if named is not None:
            return named  # "61 of the rapes recorded had led to a charge, which equates to 3.3 per cent"
    if inside is None:
        # "Last year 53% of cases we took to court ended in a conviction; this year 75% of cases
        # have": a parallel rate of the same stage with no base of its own copies the earlier one's
        recent = [c for c in claims if c.char_start >= scope.prev_sentence_start] + sentence_claims
        parallel = next((c for c in reversed(recent if stage.gov is not None else claims + sentence_claims)
                         if c.unit == "percent" and not c.change and c.stage == stage.label), None)
        if parallel is not None and (parallel.of_stage or stage.gov is None
                                     or _ELLIPTIC_RATE.search(text, sentence.start, fig.start)):
            return parallel.of_stage
    header = scope.header
    if header is not None and header[3] and header[2] == stage.label and (stage.gov is None or stage.gov.cue.weight < STRONG):
        return header[3]  # the answer to "What percentage of rapes recorded resulted in a charge?"
    named = _NAMED_RATE.match(text, stage.gov.cue.start) if stage.gov is not None else None
    if named is not None:
        # "the charge rate for reported offences": the base named after the rate; a bare
        # "conviction rate of 61%" or "the detection rate" states none (GUIDELINES 12)
        # ... or after the rate's figure ("a charge rate of 5.6% for reported rapes"), anywhere in
        # that noun phrase ("the conviction rate for rape cases that reached court was 60%")
        for after in (named.end(), fig.end):
            to = _BASE_AFTER_RATE.match(text, after)
            if to is None:
                continue
            stop = _BASE_PHRASE_END.search(text, to.end(), min(sentence.end, to.end() + 80))
            end = stop.start() if stop else min(sentence.end, to.end() + 80)
            base = next((c.label for c in sentence.stage if to.end() <= c.start < end
                         and c.label not in (stage.label, "other") and c.weight > BARE_RAPES), None)
            if base is not None:
                return base
        return None
    return DEFAULT_OF_STAGE.get(stage.label)


# "..., and in Hampshire 44pc": a rate with nothing but its place, the previous rate's ellipsis
_ELLIPTIC_RATE = re.compile(r"(?:^|[,;]\s*|\band\s+|\bwhile\s+)(?:in|for|at)\s+(?:[A-Z][\w’'-]*\s+){1,4}(?:it\s+was\s+|was\s+)?$")


_OF_INVESTIGATIONS = re.compile(r"\s*(?:%|per\s*cent)?\s+of\s+(?:all\s+)?(?:the\s+)?(?:rape\s+|adult\s+rape\s+)?(?:investigations|cases)\b"
                               r"(?!\s+(?:(?:that|which)\s+(?:were|had\s+been|have\s+been)\s+)?\W?(?:crimed|recorded|reported|logged))", re.I)
_FOR_ALL = re.compile(r"\s*(?:%|per\s*cent)?\s+(?:for|across|in|among)\s+all\b", re.I)
_BASE_PHRASE_END = re.compile(r"[,;:.(]|\s[-–—]\s|\b(?:was|were|is|are|stood|stands|has|have|had|fell|rose|dropped|increased|decreased|remained|in\s+(?:19|20)\d\d)\b|\d", re.I)
_BASE_AFTER_RATE = re.compile(r"\s+(?:to|of|for|among|against|on|across|as\s+a\s+share\s+of)\s+(?:all\s+|the\s+)*", re.I)
_NAMED_RATE = re.compile(r"(?:charge|conviction|detection|prosecution|referral|solved|outcome|sanction\s+detection)\s+rates?\b", re.I)


def decide_area(article: Article, scope: Scope, sentence: Sentence, fig, stage: Stage,
                claims: list[Claim], sentence_claims: list[Claim], own_source: str | None = None) -> tuple[str, bool]:
    """The area of a figure and whether it was carried (inherited) rather than named with it.

    In order: counts of forces are national; a mention in the sentence (the
    parse and the place that leads the figure); the earlier figure an "Of the N"
    restates; the sentence's own figures' place; the list header's; a national
    body's data; national scope ("Nationally, ..."); the sentence before's force;
    the force named just before; the page's or article's force; else national.
    """
    text = article.text
    if stage.forces_count:
        return NATIONAL, False
    own = area_for(article.doc, fig, sentence.resolved_areas, stage.others, sentence.parens)
    if own:
        return own, False
    if reporting_share(text, fig, stage.change, sentence.start, sentence.end):
        return NATIONAL, False  # "two-thirds of rapes go unreported": a national survey estimate
    restated = restated_claim(text, fig, claims)
    if restated is not None:
        return restated.area, True  # "Out of the 1,760 logged rapes": the 1,760 named before
    if sentence_claims and (sentence_claims[-1].area_inherited is False
                            or restated_claim(text, AsFigure(sentence_claims[0]), claims) is not None):
        return sentence_claims[-1].area, True  # the sentence's own figures' place
    if scope.header is not None and scope.header[1]:
        return scope.header[1], True
    if any(m.name in NATIONAL_ONLY_BODIES for m in sentence.sources) and not _FORCE_PRONOUN.match(text, sentence.start):
        return NATIONAL, False  # but "It recorded 1,146 rapes ..., according to the ONS": the force just named
    quoted = any(q.start <= fig.start < q.end for q in article.quotes)
    if scope.national_scope and not (quoted and article.paragraph_of(fig.start) != scope.national_para):
        # "Nationally, ..." carries until a force is named, but not into someone's quoted words
        return scope.national_scope, True
    same_para = article.paragraph_of(scope.prev_sentence_start) == article.paragraph_of(sentence.start)
    previous = previous_sentence_area(scope.previous_placed, scope.prev_sentence_start, sentence.start)
    points_back = bool(_POINTS_BACK.match(text, sentence.start))  # "Of those, 95% ...": the figures just given
    if own_source in NATIONAL_PUBLISHERS and not same_para and not points_back \
            and any(m.name == own_source and m.end <= fig.start and _BODY_DATA_AFTER.match(text, m.end) for m in sentence.sources):
        # a new paragraph opening "Ministry of Justice figures show ...": the body's national data, not the
        # last force's (but "The CPS said 64 cases ended in a conviction" in a force's story may be the force's)
        return NATIONAL, True
    if previous and (previous not in NATIONAL_AREAS or same_para or points_back
                     or continues_quote(text, sentence.start, article.quotes)):
        return previous, True  # the force the sentence before was about
    last = scope.last_area
    if last and sentence.index - scope.last_area_sent <= 2 and (
            last not in NATIONAL_AREAS or article.paragraph_of(sentence.start) == scope.last_area_para
            or continues_quote(text, sentence.start, article.quotes)):
        return last, True
    if own_source in NATIONAL_PUBLISHERS:
        return NATIONAL, True  # "Just 2% of rapes led to a charge, the Home Office said": not the page's force
    return article_area(article.areas, sentence.start, article.dominant, scope.current_source, article.page), True


def reporting_share(text: str, fig, change: bool, s_start: int, s_end: int) -> bool:
    """True when a figure (not a change) is the share of victims who tell the police at all."""
    return fig.unit == "percent" and not change and is_victim_reporting_share(text, fig.start, fig.end, s_start, s_end)


def decide_period(article: Article, scope: Scope, sentence: Sentence, fig, stage: Stage):
    """The period of a figure as ((start, end) or None, the words, inherited?)."""
    if stage.forces_count:
        return None, None, False
    cell = article.cells.get(fig.start)
    if cell is not None and cell.period is not None:
        return cell.period[:2], cell.period[2], False  # the period of the cell's column or row
    chosen = period_for(article.text, fig, sentence.resolved, stage.change, stage.others)
    if chosen is not None:
        p, period = chosen
        if stage.change and period and p.last_unit and period == (p.period_start, p.period_end):
            period = p.last_unit  # "a 68% fall between 2009 and 2013": the later of the two years
        return period, (p.text.strip(" ,.;:") if period else None), False
    column = article.column_periods.get(fig.start)
    if column is not None:
        return column[:2], column[2], False  # "| Outcome | 2021 | 2022 |": the column's header dates its cells
    if reporting_share(article.text, fig, stage.change, sentence.start, sentence.end):
        return None, None, False  # a survey estimate of reporting is of no year the story's figures are of
    if scope.context_period and not is_row(sentence.text):
        if not stage.change and is_full_year(scope.context_period) and \
                _EARLIER_LEVEL.search(article.text, max(sentence.start, fig.start - 30), fig.start) and \
                not re.match(r"\s*(?:%|per\s*cent)?\s+to\s+\d", article.text[fig.end:fig.end + 24]):  # "from 11 to 15": a pair
            # "That is up from 80": the level the figure in context rose from, a year earlier (GUIDELINES 14)
            return shift_year(scope.context_period), f"the year before {scope.context_period_text or ''}".strip(), True
        if stage.change and scope.context_last_unit:
            return scope.context_last_unit, scope.context_period_text, True
        return scope.context_period, scope.context_period_text, True
    return None, None, False


def decide_offence(article: Article, scope: Scope, sentence: Sentence, fig, stage: Stage) -> str:
    """The offence nearest the figure in the parse, else the last named, else the article's main one."""
    if stage.forces_count or _counts_all_crime(article, sentence, fig):
        return "other"
    cell = article.cells.get(fig.start)
    if cell is not None and cell.offence:
        return cell.offence  # "| Rape | Sexual assault |": the column's offence
    offence = None
    near = sorted((c for c in sentence.offence if abs(c.start - fig.start) <= CUE_WINDOW),
                  key=lambda c: abs(c.start - fig.start))[:2 * NEIGHBOUR_FIGURES]
    if near:
        offence = nearest_by_tree(article.doc, fig.start, fig.end, [(c.start, c.end, c.label) for c in near])
    return offence or scope.last_offence or article.dominant_offence


def _counts_all_crime(article: Article, sentence: Sentence, fig) -> bool:
    """True for a count of crimes of every kind: "1.9m crimes, including 70,330 rapes", "40 rapes
    and 95 other crimes" (GUIDELINES 11).

    The figure numbers the noun "crime" with no offence word in that noun's own phrase; the
    sentence's offence words belong to its other figures' nouns, and those come after it unless
    the crimes are set apart by a word of their own ("other", "violent"). "147 such crimes"
    points back to an offence named before, and is that offence.
    """
    if fig.unit != "count":
        return False
    doc = article.doc
    noun = _numbered_noun(doc, fig.start, fig.end)
    if noun is None or noun.lemma_ != "crime" or any(t.lower_ in ("such", "these", "those") for t in noun.children):
        return False
    cues = [c for c in sentence.offence if c.label != "other"]
    if not cues:
        return False
    own_start, own_end = _phrase_chars(noun, fig.start)
    set_apart = any(t.dep_ == "amod" and t.i < noun.i for t in noun.children)  # "other crimes", "violent crimes"
    for c in cues:
        if own_start <= c.start < own_end:
            return False
        owner = next(((start, end) for start, end in sentence.fig_spans if (start, end) != (fig.start, fig.end)
                      and (n := _numbered_noun(doc, start, end)) is not None
                      and _phrase_chars(n, start)[0] <= c.start < _phrase_chars(n, start)[1]), None)
        if owner is None or (owner[0] < fig.start and not set_apart):
            return False
    return True


def _numbered_noun(doc: Doc, start: int, end: int):
    """The noun a count figure numbers ("1.9m crimes" -> crimes), or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.root.dep_ != "nummod":
        return None
    return span.root.head


def _phrase_chars(noun, fig_start: int) -> tuple[int, int]:
    """The characters from a figure to the end of the noun it numbers and that noun's complements."""
    last = max(t.i for t in noun.subtree if t.i >= noun.i)
    token = noun.doc[last]
    return fig_start, token.idx + len(token)


def decide_source(article: Article, scope: Scope, sentence: Sentence, fig) -> tuple[str | None, bool, str | None]:
    """(source, inherited?, speaker): the attribution that governs the figure, else the source in force
    (not inside a quotation); the speaker of the quotation holding it."""
    quote = next((q for q in article.quotes if q.start <= fig.start and fig.end <= q.end), None)
    governing = governing_source(sentence.sources, fig, sentence.fig_spans, article.text)
    if governing is not None:
        return governing, False, quote.speaker if quote else None
    if quote is None and scope.current_source:
        return scope.current_source, True, None
    if quote is not None and quote.speaker and known_body(quote.speaker):
        return quote.speaker, False, quote.speaker  # a statistics body quoted on its own figures
    return None, False, quote.speaker if quote else None


# Bodies that publish national figures: a figure they give with no force named is national.


def article_area(areas, before: int, dominant: str | None, source: str | None, page: str | None = None) -> str:
    """The area of a figure whose sentence and neighbours name none.

    The force the article has named most so far; if it has named none yet, the
    force the page's title, publisher or URL names (`page`), then the article's
    main force, unless the figure comes from a national publisher (a CPS
    release that mentions Police Scotland at the end is still national).
    """
    so_far = dominant_area([a for a in areas if a.start < before])
    if so_far:
        return so_far
    if page and source not in NATIONAL_PUBLISHERS:
        return page
    if dominant and source not in NATIONAL_PUBLISHERS:
        return dominant
    return NATIONAL


_OPENING_OF = re.compile(r"(?:^|[,;:–—]\s*|\b(?:However|But|And|Yet)\s*,?\s*)(?:[Oo]ut\s+of|[Oo]f|[Aa]s\s+an?\s+(?:share|proportion|percentage)\s+of)"
                         r"\s+(?:(?:the|these|those|all(?:\s+the)?)\s+)?(?=[a-z])")


def opening_base(text: str, s_start: int, fig_start: int, cues: list[Cue], stage: str | None) -> str | None:
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
             and c.weight >= STRONG]
    return named[-1] if named else None


_EXAMPLE_OPEN = re.compile(r"\(\s*(?:i\.\s?e\.|e\.\s?g\.|for\s+example|for\s+instance|such\s+as)[^()]*$", re.I)


_SHARE_OF = re.compile(r"\b(?:proportion|share|percentage)\s+of\s+(?:all\s+)?(?:the\s+)?", re.I)


def share_of_base(text: str, s_start: int, fig_start: int, cues: list[Cue], stage: str, asides=()) -> str | None:
    """The base named by "the proportion of <cases at a stage> <outcome>" before a rate
    ("the share of reports classed as no crime": reported), or None. A phrase inside an aside
    that defines the rate (`asides`: spans) names none."""
    m = None
    for m in _SHARE_OF.finditer(text, s_start, fig_start):
        pass
    if m is None or re.search(r"\d", text[m.end():fig_start]) or any(a <= m.start() < b for a, b in asides):
        return None
    first = next((c for c in cues if m.end() <= c.start < min(fig_start, m.end() + 40)), None)
    if first is None or first.label in (stage, "other") or first.weight < STRONG:
        return None
    later = [c for c in cues if first.end <= c.start < fig_start and c.label == stage]
    return first.label if later else None


_PARTITIVE_OF = re.compile(r"\s+(?:out\s+)?of\s+(?:the|all(?:\s+the)?|those|these)\s+", re.I)
_PARTITIVE_END = re.compile(r"[,;:(]|\d|\b(?:had|has|have|was|were|is|are|led|resulted|ended)\b", re.I)


def partitive_base(text: str, count_end: int, s_end: int, cues: list[Cue], stage: str) -> str | None:
    """The stage a partitive after a count names ("61 of the rapes recorded", "40 of the
    reported offences"), or None: the base of a rate that restates that count."""
    m = _PARTITIVE_OF.match(text, count_end)
    if m is None:
        return None
    stop = _PARTITIVE_END.search(text, m.end(), min(s_end, m.end() + 60))
    end = stop.start() if stop else min(s_end, m.end() + 60)
    named = [c.label for c in cues if m.end() <= c.start < end and c.label not in ("other", stage)
             and c.weight >= RECORDING]
    return named[-1] if named else None


def asked_or_example(text: str, fig, s_start: int, s_end: int) -> bool:
    """A figure in a question (`How many of the 300 reports ...?`) or in an example
    (`(e.g. 15% of those who ...)`) is not a claim: nobody stated it as a fact."""
    if text[s_start:s_end].rstrip().endswith("?"):
        return True
    return bool(_EXAMPLE_OPEN.search(text[max(s_start, fig.start - 120):fig.start]))


_PER_100K_BEFORE = re.compile(r"\b(?:per|for\s+every|every)\s+100,?000\b", re.I)


def unit_in_context(text: str, fig, s_start: int) -> str:
    """`for every 100,000 people ..., there were 62 recorded rapes`: a rate per 100,000 named
    earlier in the sentence makes the figures after it rates of that kind."""
    if fig.unit != "per_100k" and _PER_100K_BEFORE.search(text, s_start, fig.start):
        return "per_100k"
    return fig.unit


class AsFigure:
    """A claim seen as the figure it came from (its offsets and value)."""

    def __init__(self, claim: Claim):
        self.start, self.end, self.value, self.unit = claim.char_start, claim.char_end, claim.value, claim.unit


_BASE_BEFORE = re.compile(r"\b(?:[Oo]ut\s+)?[Oo]f\s+(?:the|these|those|all|all\s+the|its|their)\s+$")


def restated_claim(text: str, fig, claims: list[Claim]) -> Claim | None:
    """The earlier claim a count restates as the base of what follows (`Of the 1,760 logged rapes, ...`)."""
    if fig.unit != "count" or not _BASE_BEFORE.search(text[max(0, fig.start - 20):fig.start]):
        return None
    return next((c for c in reversed(claims) if c.unit == "count" and c.value == fig.value
                 and c.char_start < fig.start and not c.change), None)


_RATE_NOUNS = {"rate", "figure", "proportion", "percentage", "level", "share"}


def has_own_noun(doc: Doc, fig) -> bool:
    """True when the figure counts a noun of its own (`14 arrests`), so it cannot borrow a stage."""
    span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
    # a number after its "noun" does not count it: "and last year 1,530" (misparsed as a nummod of "year")
    return span is not None and span.root.dep_ == "nummod" and span.root.head.pos_ == "NOUN" and span.root.head.i > span.root.i


def base_claim(text: str, fig, s_start: int, sentence_claims: list[Claim], claims: list[Claim],
                prev_sentence_start: int) -> Claim | None:
    """The count a rate is a share of, when the text points back to it.

    `out of 148 rape trials ..., just 41.2 per cent` and `passed 90 files ...,
    with more than 60 per cent of files` (or `of them`, `of those`) take the earlier count
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


def reporting_verb_subject(doc: Doc, gov, cues, claims: list[Claim]):
    """`a conviction was recorded in one in 20 cases`, `the top rate was recorded by X at 29%`.

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


# "311, up from 198", "its caseload - up from only 6.4%": close to the figure it follows
# "39 per cent of the investigations closed in 2023/24, down from 46 per cent": no new clause between
_UP_FROM = re.compile(r"(?:(?!\b(?:but|and|while|whereas)\b)[^;.]){0,90}?\b(?:up|down)\s+from\s+(?:just\s+|only\s+|about\s+|around\s+|nearly\s+)?", re.I)
_COMPARAND = re.compile(
    r"(?:\bcompared\s+(?:to|with)|\bagainst|\bversus|\bvs\.?|\b(?:changed|unchanged|little\s+changed)\s+(?:on|from))"
    r"\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,10}?(?:of\s+)?"
    r"(?:just\s+|only\s+)?(?:under\s+|over\s+|around\s+|about\s+|nearly\s+)?$"
    r"|\bfrom\s+[\d,.]+\s*(?:%\s*|per\s*cent\s+)?(?:\w+\s+){0,4}?to\s+$"
    r"|^\s*(?:[a-z]+\s*)?\(\s*$|^\s*,?\s*(?:[–-]\s*)?or\s+$|\b(?:equating|equivalent|equal)\s+to\s+$|^\s*,\s*$"
    r"|^(?:\s+(?:in|during|over)\s+[\w/-][\w\s/-]{0,30}?)?\s*[–—-]\s+(?:just\s+|only\s+|some\s+|about\s+|around\s+|nearly\s+|almost\s+)?$",  # "58 suspects were charged – 9 per cent of recorded crimes"
    re.I,
)


def comparand_of(doc: Doc, fig, sentence_claims: list[Claim]) -> Claim | None:
    """The claim a figure is compared with or restates, when it names no quantity of its own.

    `against 74 the year before`, `up from 198`, `from 11 to 33`, `40 (31%)`,
    `one in eight, or 5,240`: the figure counts what the figure before it counts.
    """
    earlier = [c for c in sentence_claims if not (c.stage == "other" and c.offence == "other" and c.unit == "count")]
    if not earlier:
        return None
    prev = earlier[-1]  # skipping counts of forces: "an average for the 40 other forces of 15 per cent"
    text = text_of(doc)
    gap = text[prev.char_end:fig.start]
    if re.fullmatch(r"\s*,\s*", gap) and _OF_THE_OPENER.fullmatch(text, prev.quote_start, prev.char_start):
        return None  # "Of those 142, 19 have resulted in a charge": the opener's count is the base, not restated
    # "conviction rates slipped by 0.8% for all offences to 79.5%": the level the change reached
    reached = prev.change and re.search(r"\bby\s+(?:almost\s+|nearly\s+|about\s+|around\s+)?$", text[max(0, prev.char_start - 20):prev.char_start]) \
        and re.fullmatch(r"\s*(?:[\w’'-]+\s+){0,5}?to\s+(?:about\s+|around\s+|just\s+|nearly\s+)?", gap)
    if len(gap) > 80:
        # "6% of rapes dealt with ... - against an average for the 40 other forces of 15%": a comparison
        # may reach further back, but only when it says so
        if len(gap) > 200 or re.search(r"[.;]\s", gap) or not re.search(r"\bcompared\s+(?:to|with)\b", gap[-120:]):
            return None
    if not (reached or _COMPARAND.search(gap[-120:]) or _UP_FROM.fullmatch(gap)):
        return None
    span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
    if span is not None:
        following = []
        for t in doc[span.end:span.end + 2]:
            if t.is_sent_start or t.text in ".;:!?":
                break  # the next sentence's words are not what this figure counts
            if not t.is_punct:
                following.append(t)
        if following and following[0].pos_ in ("NOUN", "PROPN") and following[0].lower_ not in (
                "average", "level", "rate", "figure", "mark", "cases", "offences", "reports"):
            return None
        if len(following) > 1 and following[0].pos_ == "ADJ" and following[1].pos_ == "NOUN" and following[1].lower_ not in (
                "average", "level", "rate", "figure"):
            return None
    return prev


def counts_forces(text: str, fig) -> bool:
    """`43 police forces`, `38th out of 43 forces`, `one of 11 forces`, `Of the 43 forces, 12 saw ...`:
    a count of forces."""
    if fig.unit != "count":
        return False
    after = text[fig.end:fig.end + 40]
    if re.match(r"\s+(?:out\s+of\s+[\d,]+\s+)?(?:\w+\s+){0,2}(?:police\s+)?(?:forces|force\s+areas|constabularies|CPS\s+areas)\b",
                after, re.I):
        return True
    return bool(_OF_THE_FORCES.search(text, max(0, fig.start - 60), fig.start) and _BARE_COUNT_VERB.match(after))


# "Of the 43 forces, 12 saw their charge rate fall": a bare count under a group of forces
_OF_THE_FORCES = re.compile(r"\b(?:of|among|out\s+of)\s+(?:the|these|those|all)\s+(?:[\d,]+\s+)?(?:\w+\s+)?(?:police\s+)?"
                            r"(?:forces|force\s+areas|constabularies|CPS\s+areas)\s*,\s*(?:only\s+|just\s+)?$", re.I)
_BARE_COUNT_VERB = re.compile(r"\s+(?:of\s+them\s+)?(?:saw|had|have|has|recorded|reported|were|are|was|did|showed|increased|fell|"
                              r"rose|improved|failed|met|charged|missed|achieved)\b", re.I)


_PEER_GROUP = re.compile(r"\s+(?:most\s+)?(?:similar|comparable|peer|neighbouring|family)\b", re.I)

_NUMBER_OF = re.compile(r"\bnumber\s+of\s+(?:[\w-]+\s+){0,3}?(?P<noun>[\w-]+?)s?\s+(?:to|at|by|from)\s+(?:about\s+|around\s+|over\s+|more\s+than\s+)?$", re.I)


_AVERAGE_TIME_IS = re.compile(
    r"(?:\b(?:average|mean|median)\s+(?:length\s+of\s+)?(?:time|wait|delay|(?:custodial\s+|prison\s+|jail\s+)?(?:sentence|term))\b"
    r"(?:[^.;–—]|\.(?=\d)){0,100}?\b(?:was|is|of|to|at|stood\s+at|reached|with|from)"
    # "victims waited an average of 21 months", "took a median of 9 months"
    r"|\b(?:wait(?:s|ed|ing)?|took|take|takes|taking)\s+(?:for\s+)?(?:an?\s+)?(?:average|mean|median)\s+of)\s+"
    r"(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+)?$", re.I)


def is_claim(doc: Doc, fig, funnel: bool, offence: bool, forces_count: bool) -> bool:
    """True when a figure is a claim: its sentence speaks of the funnel or an offence, and it
    does not count staff, pages or the like (`NOT_CLAIM_NOUNS`)."""
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
        if noun.dep_ == "poss" and noun.head.i > noun.i:
            noun = noun.head  # "80 specialist women's organisations" counts organisations
        own_unit = span.start <= noun.i < span.end  # "1.4 percentage points": the unit, not a counted noun
        # a figure counts the noun after it; "the past financial year 48, or five per cent" is misparsed
        # "to 140 last year": the parser may hang the figure on the period, which it does not count
        period_noun = noun.lower_.rstrip("s") in ("day", "week", "month", "year") and any(
            c.lower_ in ("last", "this", "next", "previous", "that", "same", "following") for c in noun.children)
        if not own_unit and not period_noun and noun.i >= span.end and (noun.lower_ in NOT_CLAIM_NOUNS or noun.lower_.rstrip("s") in NOT_CLAIM_NOUNS) \
                and not (noun.lower_.rstrip("s") in ("day", "week", "month", "year")
                         and _AVERAGE_TIME_IS.search(text_of(doc), max(0, fig.start - 140), fig.start)):
            return False  # (but "the average time to trial was 18 months" is a figure, GUIDELINES 10)
    return True
