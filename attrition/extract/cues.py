"""Words that say what a figure counts: funnel stages, offences, rises and falls.

Each recogniser returns `Cue`s (offsets, label, strength) found by patterns of
English; choosing which cue governs a figure is the job of `assign.py`, which
uses the dependency parse.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import islice

from spacy.tokens import Doc

from attrition.extract.doctext import lowered, text_of
from attrition.extract.lexicon import (
    CLOSING, OUTCOME, RECORDING, REFERRAL, REPORTING, STAGE, WEAK_OTHER, WITHDRAWN, word_cues,
)


@dataclass(frozen=True)
class Cue:
    """A phrase at `text[start:end]` that signals `label` (a stage, offence or change)."""

    start: int
    end: int
    label: str
    weight: float = 1.0


_CPS = r"(?:the\s+)?(?:Crown\s+Prosecution\s+Service|CPS|prosecutors?)"

# (stage, pattern, weight): constructions of several words, or with conditions on what
# comes around them. Single words in all their forms are lemmas in `lexicon.STAGE_WORDS`.
STAGE_PHRASES: list[tuple[str, str, float]] = [
    ("no_crime", r"(?:recorded|classed|classified|marked|marking|marks|classing|classifying)\s+(?:[\w’']+\s+){0,3}?as\s+[\"“‘']?no[\s-]crimes?[\"”’']?|no[\s-]crim(?:ed|es|ing|e)|(?:not|never)\s+(?:ultimately\s+|subsequently\s+)?(?:been\s+)?(?:recorded|classified|classed|counted)\s+as\s+(?:a\s+)?crimes?|(?:did|does|do)\s+not\s+record\b[^.]{0,40}?\bas\s+(?:a\s+)?crimes?|(?:wiped|removed|struck|deleted)\s+(?:off\s+|from\s+)(?:the\s+)?(?:record|records|statistics|figures)|no\s+crime\s+had\s+(?:been\s+)?(?:committed|taken\s+place)|(?:had|has|have)\s+not\s+(?:taken\s+place|happened|occurred)|did\s+not\s+(?:take\s+place|occur|happen)|never\s+(?:happened|took\s+place|occurred)|N100|(?:(?:logged|recorded|classed|classified|kept)\s+as\s+(?:an?\s+)?)?crime[\s-]related\s+incidents?", OUTCOME),
    ("nfa", r"(?:(?:were|was|been|are|is)\s+)?(?:closed|ended|finalised|concluded)\s+(?:with\s+)?no\s+further\s+(?:police\s+)?action|no\s+further\s+(?:police\s+)?action|no\s+(?:police\s+)?action\s+(?:was|were|is|has\s+been)\s+taken|\bNFA(?:-?ed)?\b|(?:were|was|been|being|are|is|get|got|cases?|investigations?)\s+dropped|dropped\s+(?:due|because|as|after|for|over)|evidential\s+difficult(?:y|ies)|(?:lack|problems?|difficult(?:y|ies))\s+(?:of|with|gathering)\s+evidence|closed\s+without|prevented\s+(?:further\s+action|prosecutions?)|(?:were|was)\s+prevented\b|no\s+suspect\s+(?:was\s+|being\s+)?identified|suspects?\s+(?:was\s+|were\s+)?not\s+(?:been\s+)?identified|without\s+(?:a\s+|any\s+)?suspect\s+(?:being\s+)?(?:identified|caught|charged|named)|(?:suspect|offender)\s+(?:could\s*n[o’']t|could\s+not|was\s+not)\s+(?:be\s+)?identified"
               # the outcome types that end a case without a charge (GUIDELINES 9)
               r"|(?:suspect|offender|perpetrator)\s+(?:has\s+|had\s+)?died|death\s+of\s+(?:the\s+)?(?:suspect|offender)"
               r"|(?:suspect|offender)\s+(?:is\s+|was\s+)?(?:too\s+young|too\s+ill)"
               r"|too\s+ill|(?:under|below)\s+(?:the\s+)?age\s+of\s+criminal\s+responsibility|not\s+in\s+the\s+public\s+interest"
               r"|dropped(?=\s+(?:more\s+than\s+|almost\s+|nearly\s+|over\s+|some\s+)?\d[\d,]*\s+(?:[\w-]+\s+){0,2}?"
               r"(?:cases|investigations|reports|allegations|prosecutions|complaints)\b)"  # "police dropped 300 investigations"
               r"|prosecution\s+prevented|(?:insufficient|not\s+enough|lack\s+of|no)\s+(?:\w+\s+)?evidence|evidential\s+(?:reasons?|grounds?)"
               # a charge denied: "no one was charged", "without anyone being charged", "did not lead to a charge"
               r"|(?:no[\s-]one|nobody|no\s+suspects?)\s+(?:was\s+|were\s+|has\s+been\s+|had\s+been\s+|being\s+|ever\s+)?charged"
               r"|without\s+(?:anyone|anybody|a\s+suspect|any\s+suspect|the\s+suspect)\s+(?:being\s+|ever\s+being\s+)?charged"
               r"|(?:were|was|been|being)\s+(?:not|never)\s+(?:been\s+)?charged|(?:never|not)\s+(?:led|leading|lead|resulted|resulting|result)\s+(?:to|in)\s+(?:a\s+|any\s+)?charges?"
               r"|(?:did|does|do)\s+not\s+(?:lead|result|end)\s+(?:to|in|with)\s+(?:a\s+|any\s+)?charges?"
               r"|(?:did|does|do)\s+not\s+(?:lead|result|end)\s+(?:to|in|with)\s+(?:anyone|anybody|a\s+suspect|the\s+suspect)\s+being\s+charged|no\s+charges?\s+(?:was|were|being)\s+(?:brought|laid|made)", OUTCOME),
    ("withdrawn", r"(?:no\s+longer|unwilling\s+to|not\s+willing\s+to|(?:did|does|do)\s+not|(?:didn|doesn|don)[’']t)\s+(?:support|(?:wish|want)(?:s|ed)?\s+to\s+(?:proceed|continue|pursue|support|go\s+ahead|take\s+(?:it|the\s+case|things))\b)|declin(?:e|es|ed|ing)\s+to\s+(?:support|proceed|continue|engage)|(?:unable|not\s+able)\s+to\s+support"
                  r"|(?:chose|choose|chooses|choosing|decided|decides|deciding|opted|opting|elected)\s+not\s+to\s+(?:continue|proceed|support|go\s+ahead|pursue|take|carry\s+on)"
                  r"|not\s+supporting|disengag(?:ed|es|ing|ement)"
                  # "the victim no longer feels able to continue", "felt unable to carry on"
                  r"|(?:no\s+longer\s+(?:feels?|felt|feeling)\s+able|(?:feels?|felt|feeling)\s+(?:unable|not\s+able))\s+to\s+(?:continue|carry\s+on|go\s+on|proceed|go\s+through\s+with)\b", WITHDRAWN),
    ("referred", rf"(?:sent|passed|handed|submitted|forwarded|brought|made\s+it|got|went)\s+(?:on\s+)?to\s+{_CPS}|\b(?:sent|send|sends|passed|pass|passes|handed|submitted|forwarded)(?=\s+(?:[\w,’'-]+\s+){{1,8}}?(?:on\s+)?to\s+{_CPS})|files?\s+(?:[\w-]+\s+){{0,4}}?(?:sent|passed|submitted|handed)\s+(?:on\s+)?to\b|for\s+a\s+charging\s+decision", REFERRAL),
    ("charged", r"(?<!no\s)(?<!no\sfurther\s)(?:further\s+|police\s+)?(?<!no\s)action(?:[\s,]+[\w’'-]+){0,5}?[\s,]+(?:was|were|is|has\s+been)\s+taken|took\s+(?:formal\s+|further\s+)?action|proceeded\s+against|(?:going|go)\s+to\s+court|ended\s+up\s+in\s+court", STAGE),
    ("prosecuted", r"(?:went|gone|taken|took|take|takes|taking|brought|bring|brings)\s+to\s+(?:court|trial)|(?:heard|tried)\s+in\s+court|proceeded\s+against\s+(?:in|at)\s+(?:the\s+)?courts?|court\s+(?:cases?|proceedings)|(?:ended\s+up|end\s+up|ending\s+up|reached?|make\s+it)\s+(?:at|to|in)\s+court|reach(?:ed|es|ing)?\s+(?:a\s+|the\s+)?(?:court|trial)|(?:in|at)\s+court"
                   r"|(?:in|at)\s+(?:the\s+)?(?:crown|magistrates['’]?|youth)\s+courts?", STAGE),
    ("recorded", r"logged\s+as\s+(?:a\s+)?crimes?(?![\s-]related)|\b(?:did|do|does)\s+(?!not\b)(?:[\w-]+\s+){1,3}?record\b|\bto\s+record\b(?!\s+(?:levels?|highs?|lows?|numbers?|figures?|rates?)\b)|new\s+(?:cases|crimes|offences)|(?:investigations?|cases?|outcomes?)\s+(?:were\s+)?(?:concluded|closed|completed|finalised)(?!\s+(?:with|without|because|due|for\s+lack|after|as\s+a\s+result|(?:at|in)\s+(?:the\s+)?(?:crown\s+)?(?:court|trial)))|closed\s+by|concluded\s+by|handled\s+by", RECORDING),
    # "with the force recording 2,260 rapes": the participle that takes the figure (a noun "recording" does not)
    ("recorded", r"\brecording(?=\s+(?:more\s+than\s+|almost\s+|nearly\s+|over\s+|some\s+|just\s+|only\s+)?\d)", RECORDING),
    ("recorded", r"\bclosed\b(?!\s+(?:with\s+(?:no|an?\s+|the\s+)|without|because|due|for\s+lack|after|as\s+a\s+result))", CLOSING),
    ("reported", r"\blogged\b(?!\s+as\s+(?:a\s+)?crimes?\b(?![\s-]related))|\b(?:told|tell|tells|telling|went\s+to|go\s+to|contacted|contacting|approached)\s+(?:the\s+)?(?:police|force)\b|\breport\s+(?:(?:it|them|this|the\s+\w+|their\s+\w+)\s+)?to\s+(?:the\s+)?police|(?:came|come|comes|coming)\s+to\s+(?:the\s+)?(?:police[’']?s?\s+|force[’']?s?\s+)?attention|alleged(?=\s+(?:rapes?|offences?|crimes?|incidents?|sexual|sex|attacks?|assaults?))", REPORTING),
    ("other", r"\b(?:are|were|was|is|being)\s+(?:male|female|men|women|boys|girls)\b|already\s+been\s+identified", WEAK_OTHER),
    # the Home Office outcome types by number ("Outcome 1 accounts for 4 per cent", "outcome 16"): charged
    # (1, 1A), victim does not support (14, 16), no further action (5, 10-12, 15, 18, 21)
    ("charged", r"\boutcomes?\s+(?:types?\s+)?0?1a?(?![\d.,])", STAGE),
    ("withdrawn", r"\boutcomes?\s+(?:types?\s+)?1[46](?![\d.,])", WITHDRAWN),
    ("nfa", r"\boutcomes?\s+(?:types?\s+)?(?:0?5|1[0258]|21)(?![\d.,])", OUTCOME),
    # people supported and calls taken (GUIDELINES 10): "supported 72,000 survivors", "took 45,000 calls"
    ("other", r"(?:supported|helped|counselled|assisted|advised)(?=\s+(?:more\s+than\s+|over\s+|some\s+|almost\s+|nearly\s+|around\s+|about\s+)?"
              r"(?:\d|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\s+(?:hundred|thousand)\b))"
              r"|(?:helplines?|phone\s+lines?)\b", STAGE),
    # cases with no outcome yet (GUIDELINES 10), as a table's row label or a noun phrase
    ("other", r"(?:investigations?|cases?|enquiry|enquiries|inquiry|inquiries)\s+(?:still\s+)?(?:ongoing|outstanding|pending|continuing|open)\b"
              r"|(?:ongoing|outstanding|pending|open|live|unresolved)\s+(?:rape\s+|sexual\s+offences?\s+)?(?:investigations?|cases?|enquiries|inquiries)\b"
              r"|awaiting\s+(?:an?\s+)?(?:outcome|decision|charging\s+decision)|(?:still\s+)?under\s+investigation"
              r"|not\s+(?:yet\s+)?(?:been\s+)?(?:assigned|given|allocated)(?:\s+an?)?\s+outcome|no\s+outcome\s+(?:yet\s+)?assigned|yet\s+to\s+be\s+(?:assigned|given)"
              r"|outcomes?\s+(?:not\s+yet|yet\s+to\s+be)\s+(?:assigned|given|allocated)", STAGE),
]

OFFENCE_PHRASES: list[tuple[str, str]] = [
    ("sexual_offences", r"(?:rapes?\s+and\s+(?:other\s+)?(?:serious\s+)?sex(?:ual)?\s+(?:offences?|crimes?|assaults?)|sex(?:ual)?\s+(?:offences?|offending|crimes?|violence|abuse)|all\s+forms\s+of\s+sexual\s+assault|sex\s+attacks?|RASSO)"),
    ("sexual_assault", r"sexual(?:ly)?\s+assault(?:s|ed)?|indecent\s+assaults?"),
    # "the charge rate across all recorded crime" (GUIDELINES 11: a comparator of all offences)
    ("other", r"(?:rates?|average)\s+(?:across|for|of|in)\s+all\s+(?:recorded\s+|police[\s-]recorded\s+)?(?:crimes?|offences|crime\s+types)\b"),
    ("other", r"\b(?:VAWG|violence\s+against\s+women|domestic\s+(?:abuse|violence)|stalking|all\s+crime\s+types|violent\s+(?:or|and)\s+sexual\s+crimes?|acquisitive\s+crime|murders?|burglar(?:y|ies)|robber(?:y|ies)|theft|caseload)\b"),
]

CHANGE_BEFORE = re.compile(
    r"(?:(?<!made\s)(?<!make\s)(?<!makes\s)(?<!making\s)(?<!ended\s)(?<!followed\s)(?<!picked\s)(?<!signed\s)"
    r"(?<!turned\s)(?<!backed\s)(?<!looked\s)(?<!set\s)(?<!took\s)(?<!taken\s)(?<!summed\s)\b(?:up|down|rose|rise|risen|rising|fell|fall|fallen|falling|dropped|drop|dropping|increased?|increasing|decreased?|decreasing|"
    r"reduced|reduction|grew|grown|growth|jump(?:ed)?|leapt|soared|surged|climbed|declined?|plummeted|slumped|cut)"
    r"(?:\s+(?:by|of))?\s+(?:almost|nearly|more\s+than|over|around|about|some|just|only)?\s*$"
    r"|\b(?:an?|the)\s+(?:\w+\s+){0,2}(?:increase|rise|fall|drop|decrease|reduction|jump|decline|growth|improvement|deterioration)\s+(?:was\s+|is\s+)?(?:of|by)\s+(?:almost|nearly|more\s+than|over|around|about|some|just|only)?\s*$"
    r"|\b(?:increase|rise|fall|drop|decrease|reduction|decline|improvement)\s+in\s+(?:[\w-]+\s+){1,7}?of\s+(?:almost|nearly|more\s+than|over|around|about|some|just|only)?\s*$)",
    re.I,
)
CHANGE_AFTER = re.compile(
    r"^\s*(?:per\s+cent\s+|%\s*)?(?:\w+\s+)?(?:(?:increase|rise|fall|drop|decrease|reduction|jump|decline|hike)\b"
    r"|(?:higher|lower|more|fewer)\b(?!\s+than)|(?<!ended\s)(?<!ending\s)(?<!end\s)(?:up|down)\b(?!\s+(?:from|to|in|at|with|being)\b))",
    re.I,
)
# "up from 272", "went up from 38,500 to": the figure is a level, not a change.
LEVEL_BEFORE = re.compile(r"\b(?:from|to|at|was|were|of)\s*$|\b(?:up|down|rose|fell|increased|decreased|dropped)\s+(?:from|to)\s*$", re.I)


def _compiled(patterns) -> list[tuple[str, re.Pattern, float]]:
    # Every cue starts a word: the leading \b lets the scan skip positions inside words at once.
    # The patterns are matched, lower-cased, against the lower-cased text: a case-blind scan is
    # slower (they hold no escape whose meaning depends on case, such as \S or \W).
    return [(label, re.compile(rf"\b(?:{pattern})".lower()), weight[0] if weight else STAGE) for label, pattern, *weight in patterns]


_STAGE_REGEXES = _compiled(STAGE_PHRASES)
_OFFENCE_REGEXES = _compiled(OFFENCE_PHRASES)


def _cues(doc: Doc, start: int, end: int | None, regexes, words) -> list[Cue]:
    text = _lowered(doc)
    end = len(text) if end is None else end
    part = text[start:end]
    found = [Cue(start + m.start(), start + m.end(), label, weight)
             for label, regex, weight in regexes for m in regex.finditer(part)]
    lo = bisect.bisect_left(words, (start,))
    for s, e, label, weight in islice(words, lo, None):
        if s >= end:
            break
        if e <= end:
            found.append(Cue(s, e, label, weight))
    return _drop_nested(found)


def _lowered(doc: Doc) -> str:
    """The doc's text in lower case, offsets kept (a character whose lower case is longer stays as it is)."""
    low = doc.user_data.get("attrition_lowered")
    if low is None:
        low = doc.user_data["attrition_lowered"] = lowered(text_of(doc))
    return low


def find_stage_cues(doc: Doc, start: int = 0, end: int | None = None) -> list[Cue]:
    """Return every stage cue in the doc's text[start:end] (label: a GOLD.md stage), in order of position.

    Offsets are the doc's. The cues are the lemmas of `lexicon.STAGE_WORDS` and the
    phrases of `STAGE_PHRASES`; where two overlap the longer wins.
    """
    return _cues(doc, start, end, _STAGE_REGEXES, word_cues(doc)[0])


def _drop_nested(cues: list[Cue]) -> list[Cue]:
    """Keep the longest cue where several overlap ("no crime" over "crime"), the strongest of equal ones."""
    cues = sorted(cues, key=lambda c: (c.start, -(c.end - c.start), -c.weight))
    kept: list[Cue] = []
    for cue in cues:
        if kept and cue.start < kept[-1].end:
            continue
        kept.append(cue)
    return kept


def find_offence_cues(doc: Doc, start: int = 0, end: int | None = None) -> list[Cue]:
    """Return every offence cue in the doc's text[start:end] (label: rape, sexual_assault, sexual_offences, other)."""
    return _cues(doc, start, end, _OFFENCE_REGEXES, word_cues(doc)[1])


_MORE_OR_FEWER_NOUN = re.compile(
    r"\s+(?:more|fewer|less)\s+(?:[\w-]+\s+){0,2}?(?:rapes?|reports?|offences?|crimes?|cases?|charges?|convictions?|"
    r"prosecutions?|referrals?|allegations?|victims?|suspects?|investigations?)\b", re.I)


def is_change(text: str, start: int, end: int, clause_start: int | None = None) -> bool:
    """True when the figure at `text[start:end]` states a rise or fall, not a level.

    `up 19.4 per cent`, `rose by 250`, `an 8.4 per cent drop`, `an increase of 47 per cent`
    are changes; `up from 272`, `went up from 38,500 to 47,200` are levels. With
    `clause_start` (where the sentence begins), a gapped `... and convictions by 4.9
    per cent` after a change verb counts too.
    """
    before = text[max(0, start - 60):start]  # room for "a rise in adult rape-flagged charge volumes of"
    after = text[end:end + 30]
    if re.search(r"\b(?:dropped|closed|cut)\s+$", before, re.I) and re.match(
            r"\s+(?:\w+\s+)?(?:cases|investigations|reports|allegations|prosecutions|charges|complaints)\b", after, re.I):
        return False  # "dropped 1,647 investigations": a level of what was dropped, not a fall
    if CHANGE_BEFORE.search(before) or re.match(r"\s+(?:more|fewer|higher|lower)\s+(?:[\w-]+\s+){0,4}?than\b", text[end:end + 60], re.I):
        return True  # "400 more reports than the year before"
    if _MORE_OR_FEWER_NOUN.match(after):
        return True  # "there were 20 fewer rape charges": a difference, whatever verb comes before
    if clause_start is not None and re.search(r"\bby\s+(?:almost|nearly|more\s+than|over|around|about|just)?\s*$", before):
        earlier = text[clause_start:start]
        if re.search(r"\b(?:rose|risen|fell|fallen|dropped|increased|decreased|reduced|declined|grew|cut)[\s,]+(?:[\w-]+[\s,]+){0,6}?by\b", earlier, re.I):
            return True  # "rose by", "also rose, by 7 per cent"
    if re.search(r"\b(?:rise|fall|increase|decrease|drop|reduction|jump|surge)\s+in\s+(?:[\w’'-]+\s+){0,4}?[–—]\s*$", before, re.I) \
            and re.match(r"\s*(?:%|per\s*cent|percent)", text[end:end + 10] if not re.search(r"%|per\s*cent", text[start:end]) else "%"):
        return True  # "The rise in recorded rape – 27 per cent in a year": the size of the change named before the dash
    if re.search(r"percentage\s+points?$", text[start:end], re.I) and re.match(r"\s*(?:higher|lower|up|down|more|less)\b", after, re.I):
        return True  # "1.4 percentage points higher": a difference, whatever comes before
    if re.search(r"\b" + _CHANGE_NOUNS + r"\s*\(\s*$", before, re.I) and re.match(r"\s*\)", after):
        return True  # "a slight increase (109)": the bracket gives the change's size
    if CHANGE_OR_BEFORE.search(before):
        return True  # "a drop of 760 or 29.2%": the same change in other words
    if clause_start is not None and _in_change_parenthesis(text, start, end, clause_start):
        return True
    if LEVEL_BEFORE.search(before):
        return False
    return bool(CHANGE_AFTER.match(after))


_CHANGE_NOUNS = r"(?:increases?|rises?|falls?|drops?|decreases?|reductions?|declines?|jumps?|growth)"
CHANGE_OR_BEFORE = re.compile(
    r"\b" + _CHANGE_NOUNS + r"\s+(?:of|by)\s+[\d,.]+\s*(?:%|per\s*cent)?\s*,?\s+or\s+$", re.I)
# "a small dip for rape (2.5%), stalking (0.9%) and burglary (3%)":
# each bracketed figure after a change noun is a share of the change.
_CHANGE_NOUN_PHRASE = re.compile(r"\b" + _CHANGE_NOUNS + r"\s+(?:in|across|for|of)\b", re.I)


def change_noun_before_bracket(text: str, start: int, clause_start: int) -> int | None:
    """Where the change noun starts when the figure opens a bracket after "a rise in ...", else None."""
    if not re.search(r"\(\s*(?:of\s+)?$", text[max(clause_start, start - 4):start]):
        return None
    left = text[clause_start:start]
    m = None
    for m in _CHANGE_NOUN_PHRASE.finditer(left):
        pass
    if m is None or re.search(r"[.;:]\s|\bwhile\b|\bwhereas\b", left[m.end():]):
        return None
    return clause_start + m.start()


def _in_change_parenthesis(text: str, start: int, end: int, clause_start: int) -> bool:
    """True when a percentage opens a bracket in a clause that names a rise or fall before it.

    A count in that bracket (`a 2.6% drop in convictions (70,120, down from 72,000)`) is
    a level of the quantity, not the change.
    """
    if not re.search(r"%|per\s*cent|percent", text[start:end + 9]):
        return False
    return change_noun_before_bracket(text, start, clause_start) is not None


# Quantities a fact-checker wants that are no funnel stage (GUIDELINES 10): each a
# construction, read in the figure's clause. `before` must end just before the figure,
# `after` must start just after it.
# A survey's answers ("64 per cent felt they were not believed", "one in five said they would not
# report") and its prevalence estimates ("3.1% of adults ... had experienced sexual assault")
_SURVEY_ANSWER_AFTER = re.compile(
    r"^\s*(?:per\s*cent|%|pc)?\s*(?:of\s+(?:[\w’'-]+\s+){1,4})?(?:said|say|says|felt|feel|feels|believed|believe|thought|think|"
    r"agreed|agree|disagreed|described|rated|told\s+(?:us|researchers|the\s+(?:survey|inquiry|review))|reported\s+feeling|"
    r"would\s+(?:not\s+)?(?:advise|recommend|encourage))\b", re.I)
_PREVALENCE_AFTER = re.compile(r"^[^.;:]{0,80}?\b(?:had|have|has)\s+(?:ever\s+)?experienced\b", re.I)
# a share of a whole ("made up 40% of sexual offences"); a count that "accounted for 689 of that
# total" is a level of what it counts, and keeps its stage
_COMPOSITION_BEFORE = re.compile(
    r"(?:\b(?:made|make|makes|making)\s+up|\baccount(?:s|ed|ing)?\s+for|\bcompris(?:e|es|ed|ing))\s+(?:\w+\s+){0,3}(?:\(\s*)?$", re.I)
# "Charges accounted for 4% of the offences recorded", "Outcome 1 makes up 4%": the share an
# outcome is of its base, not a crime type's share of crime
_OUTCOME_SUBJECT = re.compile(
    r"\b(?:charges|summonses|convictions|prosecutions|referrals|withdrawals|outcome\s+(?:types?\s+)?\d{1,2}a?|no\s+further\s+action)"
    r"\s+(?:\w+\s+){0,2}?(?:made|make|makes|making|account(?:s|ed|ing)?|compris(?:e|es|ed|ing))\b[^,;]{0,30}$", re.I)
# A share of closed cases ("3 per cent of closed investigations", "41% of the rape investigations we
# close"): a share of outcomes, which states no base (GUIDELINES 12); matched right after a figure.
# "withdrawals accounted for 41% of the investigations closed" is then a share of the outcome's.
OF_CLOSED = re.compile(
    r"\s*(?:(?:per\s*cent|%|pc)\s*)?of\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:(?:investigations|cases)\s+"
    r"(?:(?:we|they|it|the\s+force|police|officers)\s+(?:have\s+|had\s+)?)?(?:closed?|concluded|finalised|completed)"
    r"|(?:closed|concluded|finalised|completed)\s+(?:rape\s+)?(?:investigations|cases)|outcomes"
    r"|(?:investigations|cases|crimes|offences)\s+(?:(?:that\s+were|which\s+were)\s+)?(?:given|assigned|with)\s+an\s+outcome)\b", re.I)
# Shares of cases by a trait of the case (a count in the same words is a breakdown that keeps its stage):
# "a third involved a child", "23% were flagged as domestic abuse", "40% were non-recent"
_SHARE_ONLY_AFTER = re.compile(
    r"^\s*(?:per\s*cent|%|pc)?\)?\s*(?:"
    r"(?:[\w’']+\s+){0,6}(?:involved|concerned|were\s+against)\s+(?:an?\s+)?(?:child(?:ren)?\b|minors?\b|under-18s\b|(?:victims?|children|girls|boys|survivors?)\s+(?:aged\s+)?(?:under|over|below|younger\s+than|older\s+than)\s+\d)"
    r"|(?:[^\s.;]+\s+){0,8}(?:were|was|are|is|had\s+been)\s+(?:flagged|tagged|marked)\s+as\b"
    r"|(?:[^\s.;]+\s+){0,12}(?:were|was|are|is)\s+(?:an?\s+)?(?:non[\s-]recent|historic(?:al)?)\b"
    r"|(?:[\w’']+\s+){0,8}(?:were|was|are|is)\s+(?:children|minors|juveniles|under-1\d\s*s?\b|(?:aged\s+)?(?:under|below|over|above)\s+(?:the\s+age\s+of\s+)?[1-9]\d\b)"
    r"|(?:[\w’']+\s+){0,8}(?:are|were|is|was)\s+reported\s+(?:more\s+than|over|at\s+least)\s+(?:a|an|\w+)\s+(?:days?|weeks?|months?|years?)\s+after\b"
    # non-recent offences and offences against children: "a third of the rapes we recorded happened more than
    # a year before they were reported", "a quarter of the reports relate to offences that happened more than
    # five years ago", "one in four of those cases involved offences committed against children"
    r"|(?:[^\s.;]+\s+){0,10}(?:happened|occurred|took\s+place|were\s+committed|was\s+committed)\s+(?:more\s+than|over|at\s+least)\s+"
    r"(?:a|an|\w+)\s+(?:years?|months?|decades?)\s+(?:before|ago|earlier|previously)\b"
    r"|(?:[\w’']+\s+){0,6}(?:involved|involve|relate\s+to|related\s+to|concerned)\s+(?:[\w’'-]+\s+){0,2}?(?:committed\s+)?against\s+(?:children|a\s+child|minors)\b"
    # "38 per cent of recorded rapes were of children under 16": victims by age
    r"|(?:[\w’']+\s+){0,6}(?:were|was|are|is)\s+(?:of|against|on)\s+(?:a\s+)?(?:children|child|girls|boys|minors|under-1\d)"
    # an under-recording share: "one in four sexual offences reported to police were not being recorded as crimes"
    r"|(?:[\w’']+\s+){0,8}(?:were|was|are|is)\s+not\s+(?:being\s+)?(?:recorded|crimed)\b"
    # a sentence's share of those convicted: "86 per cent were given an immediate prison sentence"
    r"|(?:[\w’']+\s+){0,4}(?:are|were|is|was)\s+(?:given|handed|sentenced\s+to)\s+(?:an?\s+)?(?:immediate\s+)?"
    r"(?:prison|custodial|jail|suspended|community)\s+(?:sentences?|terms?)\b)", re.I)
# "... and evidential difficulties accounted for another 31 per cent": one more share of the same whole
_FURTHER_SHARE = re.compile(r"\b(?:another|a\s+further)\s+\|\s*(?:per\s*cent|%)?\s*(?:[.;,]|$)", re.I)
_NON_FUNNEL_BEFORE = re.compile(
    r"\b(?:average|mean|median)\s+(?:time|wait|length|delay|number\s+of\s+days)\b[^.;]{0,60}$"
    r"|\b(?:proportion|share|number)\s+of\s+(?:all\s+)?(?:offenders|people|defendants|perpetrators)\s+(?:being\s+|given\s+|jailed|sent)[^.;]{0,40}$"
    r"|\bprison\s+sentences?\b[^.;]{0,25}$"
    # "victims were female in 89% of cases", "2.4% of that population" (below, after the figure)
    r"|\b(?:victims?|survivors?|offenders?|suspects?|perpetrators?)\s+(?:were|was|are|is)\s+(?:female|male|women|men|girls|boys)\s+in\s+"
    r"(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+|just\s+)?$"
    r"|\bfail(?:s|ed|ing)?\s+to\s+record\s+(?:\w+\s+){0,2}$"
    # an audit's verdict on decisions: "the decision to cancel was correct in 93 per cent of them"
    r"|\bdecisions?\s+(?:to\s+\w+\s+)?(?:was|were|had\s+been)\s+(?:correct|right|accurate|appropriate|wrong|incorrect)\s+in\s+"
    r"(?:about\s+|around\s+|only\s+|just\s+|nearly\s+|almost\s+)?$"
    r"|\b(?:correctly|accurately|properly|wrongly|incorrectly)\s+(?:recorded|records?|recording|classified|crimed)\s+(?:\w+\s+){0,2}$"
    r"|\b(?:crime[\s-])?recording\s+(?:accuracy|compliance)\b[^.;\d]{0,40}$"
    r"|\baccuracy(?:\s+rate)?\s+(?:was|is|of|stood\s+at|at)\s+(?:about\s+|around\s+|nearly\s+|almost\s+|just\s+)?$"
    r"|\bcaseloads?\s+(?:(?:in|at|of)\s+(?:the\s+)?(?:[\w’']+\s+){0,8}?)?(?:of|was|is|were|stood\s+at|stands\s+at|reached|(?:has\s+|have\s+)?(?:rose|risen|fell|fallen|increased|decreased|grown|grew|dropped)(?:\s+(?:by|to))?)\s+(?:about\s+|around\s+|some\s+|nearly\s+)?$"
    r"|\b(?:postponed|adjourned|rescheduled|backlogs?)\b[^.;,]{0,60}$"
    r"|\bnumber\s+of\s+victims\s+(?:is|was|are|were|stands\s+at)\s+(?:about\s+|around\s+|some\s+|nearly\s+|estimated\s+at\s+)?$"
    r"|\bsurvey(?:ed)?\s+(?:of\s+)?(?:[\w’']+\s+){0,3}?(?:victims|survivors|people|women|men|adults|residents|complainants|students|respondents)\b"
    r"[^.;]{0,50}\b(?:found|showed|shows|suggests?|suggested|revealed)\s+(?:that\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?$",
    re.I,
)
_NON_FUNNEL_AFTER = re.compile(
    r"^\s*(?:per\s*cent|%|pc)?\)?\s*(?:of\s+(?:all\s+|the\s+)?(?:[\w’']+\s+){0,2}caseload"
    r"|of\s+(?:that|the|this)\s+(?:population|age\s+group)\b"
    r"|(?:(?!(?:were|was|are|is|had|have|has)\b)[\w’']+\s+){0,12}(?:are|were|is|was|remain(?:s|ed)?)\s+(?:still\s+)?(?:under\s+(?:active\s+)?investigation|being\s+investigated|waiting|awaiting|outstanding|yet\s+to|ongoing|open|unresolved|live|pending)"
    r"|(?:[\w’']+\s+){0,4}still\s+(?:under\s+(?:active\s+)?investigation|waiting|awaiting|outstanding|open)\b"
    r"|(?:(?!(?:but|and|while|although|though)\b)[\w’']+\s+){0,8}(?:go|went|goes|are|were|is|was)?\s*(?:unreported|unrecorded|not\s+reported|never\s+reported|not\s+recorded(?!\s+as)|not\s+listed|left\s+off\s+the"
    r"|never\s+report\b|(?:do|did|does)\s+not\s+report\b|(?:don|didn|doesn)[’']t\s+report\b|never\s+(?:go|went|goes|come|came|comes)\s+(?:to\s+the\s+police|forward))"
    r"|(?:(?!(?:were|was|are|is|had|have|has|led|resulted|ended)\b)[\w’']+\s+){0,5}and\s+(?:about\s+|around\s+|some\s+)?[\d.]+\s*(?:per\s*cent|%)\s+(?:[\w’']+\s+){0,5}(?:(?:go|went|goes|are|were|is|was)\s+)?(?:unreported|not\s+reported|never\s+reported|not\s+recorded(?!\s+as))"
    r"|\s*(?:\w+\s+)?arrests?\b"
    r"|(?:[\w’']+\s+){0,8}(?:were|was|are|is|had\s+been|have\s+been)\s+(?:not\s+)?(?:correctly|accurately|properly|wrongly|incorrectly)\s+(?:recorded|classified|crimed)\b"
    r"|(?:[\w’']+\s+){0,3}(?:were|was|are|is|have\s+been|had\s+been|being)\s+(?:supported|helped|counselled|given\s+support)\b"
    r"|(?:[\w’']+\s+){0,3}(?:were|was|are|is)\s+(?:due\s+to|because\s+of|caused\s+by)\b(?!\s+(?:the\s+|a\s+)?(?:evidential|evidence|"
    r"insufficient|lack\s+of\s+(?:evidence|support)|victims?|complainants?|suspects?|offenders?|no\s+suspect|not\s+enough\s+evidence))"  # an outcome's reason is its stage
    r"|(?:(?!(?:but|and|while|although|though|whereas|it|they)\b)[\w’']+\s+){0,8}(?:take|took|takes|taking|wait|waited|waits)\s+(?:more\s+than\s+|over\s+|longer\s+than\s+|at\s+least\s+|up\s+to\s+)?[\w-]+\s+(?:days?|weeks?|months?|years?)\s+(?:to|for)\b"
    # "32 per cent of them having waited for more than a year": the age of a backlog
    r"|[\s,]*(?:of\s+(?:them|these|those)\s+)?(?:having\s+|had\s+|have\s+)?(?:been\s+)?wait(?:ed|ing)\s+(?:for\s+)?"
    r"(?:more\s+than|over|at\s+least|longer\s+than)\s+(?:a|an|\w+)\s+(?:days?|weeks?|months?|years?)\b"
    # ("7 per cent more than a year earlier" compares, and is no age of the cases)
    r"|[\s,]*(?!(?:more|fewer|higher|lower)\s+than\s+(?:a|an|the)\s+(?:year|month)\s+(?:earlier|before|previously)\b)"
    r"(?:(?!(?:but|and|while|although|though|whereas)\b)[\w’']+\s+){0,10}?(?:more\s+than|over|at\s+least|under)\s+(?:a|an|\w+)\s+(?:days?|weeks?|months?|years?)\s+(?:old|earlier|before|previously)\b"
    r"|(?:[\w’',]+\s+){0,10}(?:postponed|adjourned|rescheduled|waiting\s+to\s+be\s+heard|backlog)\b"
    r"|(?:(?!(?:where|whose|which|when)\b)[\w’']+\s+){0,8}(?:were|was|are|is)\s+(?:against\s+)?(?:women|girls|men|boys|females?|males?)\b"
    r"|\s*(?:\)\s*|\s+(?:million\s+|thousand\s+)?(?:people|adults|women|men|children)\s+)experienced\b"
    r"|(?:(?!who\b)[\w’']+\s+){0,6}had\s+experienced\b"
    r"|(?:(?!(?:who|that|but|while|though|although)\b)[\w’'().]+\s+){0,10}experienced\s+(?:rape|sexual|an?\s+(?:rape|sexual)|attempted)"
    r"|\s*(?:women|men|people|adults|children|girls|boys)\s+(?:are|were|have\s+been|had\s+been)\s+(?:raped|sexually\s+assaulted)\b"
    r"|\s*(?:days|weeks|months)\b)",
    re.I,
)


# A share's composition ("36% of recorded sexual offences were rape offences", "80% of the
# prosecutions are made up of domestic abuse"); a count in the same words counts the offences.
_COMPOSITION_AFTER = re.compile(
    r"^\s*(?:per\s*cent|%|pc)?\)?\s*(?:[^\s.;]+\s+){0,12}(?:were|was|are|is)\s+(?:rape|sexual)\s+offences\b"
    r"|^\s*(?:per\s*cent|%|pc)?\)?\s*(?:[\w’'-]+\s+){0,8}(?:are|is|were|was)\s+(?:made\s+up\s+of|comprised\s+of|accounted\s+for\s+by)\b",
    re.I,
)


# "Rape offences were 38% (1,450 crimes) of the sexual offences recorded": a crime type's share of a wider one
_TYPE_SHARE_BEFORE = re.compile(
    r"\b(?:rapes?|rape\s+offences|sexual\s+offences|sex\s+crimes)\s+(?:were|was|are|is|represented|represents?|formed|forms?)\s+"
    r"(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|just\s+over\s+|just\s+under\s+)?$"
    # "68,109 were rape offences, 34% of all sexual offences recorded": the count's share, in apposition
    r"|\d\s+(?:were|was|are|is)\s+(?:rapes?|rape\s+offences)\s*,\s*(?:or\s+)?(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+)?$", re.I)
_TYPE_SHARE_AFTER = re.compile(r"^\s*(?:\([^)]{0,40}\)\s*)?of\s+(?:all\s+|the\s+)?(?:[\w’']+\s+){0,3}?(?:offences|crimes?)\b", re.I)


def is_non_funnel(text: str, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """True when the figure at text[start:end] counts something outside the funnel (stage `other`).

    Composition ("made up 19% of the caseload", "36% ... were rape offences"), victims
    by sex, cases still waiting or under investigation, crimes left unrecorded or
    unreported, survey estimates, averages and times. `clause_start`/`clause_end`
    bound the figure's sentence.
    """
    before = text[max(clause_start, start - 80):start]
    after = text[end:min(clause_end, end + 130)]
    share = re.search(r"%|per\s*cent|pc$", text[start:end + 9], re.I) or re.search(
        r"\b(?:half|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)\b|\bin\s+(?:every\s+)?\w+$", text[start:end], re.I)
    if share and (_COMPOSITION_AFTER.match(after) or _TYPE_SHARE_BEFORE.search(before) and _TYPE_SHARE_AFTER.match(after)
                  or _COMPOSITION_BEFORE.search(before) and not OF_CLOSED.match(after) and not _FURTHER_SHARE.search(before + "|" + after)
                  and not _OUTCOME_SUBJECT.search(before)
                  or _SURVEY_ANSWER_AFTER.match(after) or _SHARE_ONLY_AFTER.match(after)):
        return True
    if _PREVALENCE_AFTER.match(after) and (share or re.search(r"\b(?:estimat|survey)", before, re.I)) \
            and not re.search(r"\bexperienced\b[^.;]{0,60}\breport", after, re.I):
        return True  # but "500 women who had experienced rape reported it": reports
    if share and _RECORDS_SHARE_BEFORE.search(before) and _OF_REPORTED_AFTER.match(after):
        return True  # "the force records 93.6% of reported crime": crime-recording accuracy
    return bool(_NON_FUNNEL_BEFORE.search(before) or _NON_FUNNEL_AFTER.match(after) or _AUDIT_AFTER.match(after))


# A recording audit: the share of reports a force records ("records 91.4% of reported sexual
# offences"), the sample audited ("Of the 78 reports we audited") and how many decisions were right.
_RECORDS_SHARE_BEFORE = re.compile(
    r"\brecord(?:s|ed|ing)?\s+(?:about\s+|around\s+|nearly\s+|almost\s+|only\s+|just\s+|over\s+|more\s+than\s+)?$", re.I)
_OF_REPORTED_AFTER = re.compile(
    r"^\s*(?:(?:per\s*cent|percent|%|pc)\s+)?of\s+(?:all\s+|the\s+)*(?:reported\s+|crimes?\s+reported|offences\s+reported|reports\b|incidents\b"
    r"|(?:those|these)\s+(?:(?:crimes|offences)\s+)?reported\b"
    r"|(?:[\w-]+\s+){0,2}?(?:crimes|offences|incidents)\s+(?:that|which)\s+(?:were|was|had\s+been)\s+reported\b)", re.I)
_AUDIT_AFTER = re.compile(
    r"^\s*(?:per\s*cent|percent|%|pc)?\s*(?:[\w’'-]+\s+){0,5}?(?:(?:we|inspectors|it|they)\s+)?(?:audited|dip[\s-]sampled)\b"
    r"|^\s*(?:per\s*cent|percent|%|pc)?\s*(?:of\s+(?:them|these|those)\s+)?(?:were|was)\s+(?:found\s+to\s+be\s+)?(?:correct|right|accurate|appropriate|justified|wrong|incorrect)\b"
    r"|^\s*(?:per\s*cent|percent|%|pc)?\s*(?:of\s+)?(?:(?:these|those|the|its|their)\s+)?(?:[\w’'-]+\s+){0,2}?decisions\s+(?:were|was|had\s+been)\s+"
    r"(?:not\s+)?(?:correct|incorrect|right|wrong|appropriate|inappropriate|justified|unjustified|compliant)\b", re.I)


# How many victims tell the police at all ("two-thirds of rapes go unreported", "only 15% of
# survivors ever report", "reporting rates have stayed at 15 per cent"): a survey estimate
# no force can know, so national and of no period the text does not give.
_REPORTING_SHARE_AFTER = re.compile(
    r"^(?:\s*(?:of|per\s*cent|percent|%)\b|\s)?[^.;:–—]{0,60}?(?:\bgo(?:es)?\s+unreported\b|\bunreported\b"
    r"|\b(?:victims?|survivors?|people|women|men|those)\s+(?:who\s+[\w\s]{0,30}?)?(?:ever\s+|actually\s+|then\s+|go\s+on\s+to\s+)?"
    r"report(?:ed)?\s+(?:it|them|the\s+\w+|their\s+\w+|to)\b"
    r"|\b(?:that|which)\s+are\s+(?:ever\s+|actually\s+)reported\b)", re.I)
_REPORTING_SHARE_BEFORE = re.compile(r"\b(?:reporting\s+rates?|(?:actually|ever)\s+reported)\b[^.;:]{0,50}$", re.I)


def is_victim_reporting_share(text: str, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """True when the share at text[start:end] is the share of victims who report to the police at all.

    Takes the text, a percent figure's offsets and its sentence's bounds; looks at the
    words just after the figure ("of survivors ever report", "go unreported") and
    before it ("reporting rates ... at around 15 per cent")."""
    return bool(_REPORTING_SHARE_AFTER.match(text[end:min(clause_end, end + 90)])
                or _REPORTING_SHARE_BEFORE.search(text[max(clause_start, start - 70):start]))


_MODAL_AFTER = re.compile(r"^[^.;:,–—]{0,60}?\b(?:could|would|might)\s+(?:\w+\s+)?(?:be|result|lead|hit|reach|rise|fall|see|have|go|end)\b", re.I)
_MODAL_BEFORE = re.compile(r"\b(?:could|would|might)\s+(?:\w+\s+){0,4}$", re.I)
_CONDITION = re.compile(r"\b(?:if|unless)\b|(?:^|[,;]\s*)were\s+\w+\s+to\b", re.I)


_IF_OPENING = re.compile(r"\s*[\"“‘']?\s*(?:But\s+|And\s+|So\s+)?(?:if|even\s+if|suppose|supposing)\b", re.I)


def is_hypothetical(text: str, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """True for a figure in a conditional projection (GUIDELINES 5, 6).

    `half of logged rapes might end in a conviction if ...`, `the total
    would reach 1,100 if the rise went on`: a modal verb governs the figure and
    the sentence states a condition.
    """
    sentence = text[clause_start:clause_end]
    opening = _IF_OPENING.match(sentence)
    condition = re.sub(r"\b(?:19|20)\d\d(?:\s*[/–-]\s*\d{2,4})?\b", "", sentence[opening.end():].split(",")[0]) if opening else ""
    if opening and re.search(r"\d|\bper\s*cent\b|%", condition):
        return True  # "If 4% of reports are false, 96% are true": rhetoric, not a finding
    if not _CONDITION.search(sentence):
        return False
    return bool(_MODAL_AFTER.match(text[end:clause_end]) or _MODAL_BEFORE.search(text[max(clause_start, start - 40):start]))
