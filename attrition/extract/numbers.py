"""Find the figures in a text: digits, number words, percentages, rates, ratios, fractions.

`find_figures(text)` returns `Figure`s with character offsets into `text`. It knows
what is *not* a figure (years, dates, times, ages, durations, ordinals, phone
numbers, money, document numbers, financial years), so later stages only decide
what a figure counts, never whether `2017` is one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
FRACTIONS = {
    "half": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0,
    "fifth": 20.0, "fifths": 20.0, "sixth": 100 / 6, "sixths": 100 / 6, "eighth": 12.5, "eighths": 12.5,
    "tenth": 10.0, "tenths": 10.0,
}
SCALES = {"thousand": 1_000, "million": 1_000_000, "m": 1_000_000, "bn": 1_000_000_000,
          "billion": 1_000_000_000, "k": 1_000}

# Hedges a reporter puts before a figure; the figure keeps its number (GOLD.md).
COMPARATORS = {
    "more than": "more_than", "over": "more_than", "just over": "more_than",
    "in excess of": "more_than", "upwards of": "more_than", "at least": "at_least",
    "nearly": "nearly", "almost": "nearly", "just under": "nearly", "under": "less_than",
    "fewer than": "less_than", "less than": "less_than", "around": "about",
    "about": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "up to": "at_most",
}

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)

_NUM_WORD = "|".join(sorted(list(UNITS_WORDS) + list(TENS_WORDS), key=len, reverse=True))
_WORD_BLOCK = rf"(?:(?:{_NUM_WORD})(?:[-\s](?:{_NUM_WORD}))?(?:\s+hundred(?:\s+and\s+(?:{_NUM_WORD})(?:-(?:{_NUM_WORD}))?)?)?|a\s+hundred)"
# "two thousand", "twenty-one thousand", "three thousand five hundred"
_WORD_NUMBER = rf"(?:{_WORD_BLOCK}(?:\s+(?:thousand|million)(?:,?\s+(?:and\s+)?{_WORD_BLOCK})?)?)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SPACE = r"[\s\u00a0\u202f]+"
_PERCENT = rf"(?:\s?%|{_SPACE}percentage{_SPACE}points?\b|{_SPACE}(?:pts|ppts?|pp)\b|{_SPACE}per{_SPACE}?cent\b|{_SPACE}percent\b|(?:{_SPACE})?pc\b|{_SPACE}cent\b)"
_PER_100K = rf"{_SPACE}(?:per|for\s+every|every){_SPACE}100,?000(?:{_SPACE}(?:people|population|residents|adults|of\s+the\s+population|head\s+of\s+population))?"
_SCALE = r"(?:(?<=\d)(?:m|bn|k)\b|\s+(?:million|billion|thousand)\b)"

FIGURE_RE = re.compile(
    rf"""
    (?P<ratio>\b(?:(?P<r_num>one|two|three|four|five|six|seven|eight|nine|\d)[\s-]+(?:(?:reported|recorded|alleged)\s+)?(?:(?:rape|sexual\s+offence|sex\s+offence)?\s*(?:case|person|woman|man|victim|report|rape|allegation|crime|offence|conviction|charge|prosecution)s?\s+)?(?:in|for\s+every|out\s+of(?=\s+(?:ten|10|100|a\s+hundred|two|three|four|five|six|seven|eight|nine|[2-9])\b))[\s-]+(?:every\s+)?(?!(?:19|20)\d\d\b)(?P<r_den>{_DIGITS}|{_WORD_NUMBER})\b)(?!\s*(?:-|–)?\s*(?:fold|times)))
    |(?P<fraction>\b(?P<f_num>an?|one|two|three|four|five)[\s-](?P<f_den>half|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)(?=\s+of\b|\s*\()|(?:(?<=\bby\s)|(?<=\bup\s)|(?<=\bdown\s))(?P<b_num>an?|one|two|three)[\s-](?P<b_den>half|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)\b(?![\s-]+(?:part(?:y|ies)|time|times|place|round|stage)\b))
    |(?P<none>\b[Nn]one(?=\s+of\s+(?:the|these|those|them)\b[^.;:]{{0,80}}?\b(?:led|leads|resulted|results|ended|ends|went|go|goes|were|was|has|have|had)\b)
       |\b[Nn]one(?=\s+(?:has|have|had|was|were)\s+(?:yet\s+|so\s+far\s+|since\s+|ever\s+)?(?:been\s+)?(?:\w+ed|come|gone|led|made|got|reached|taken|brought)\b)
       |(?<=[–—:-][ \t])[Nn]one(?=[ \t]*(?:\n|$))|(?<=[.:)?][ \t])[Nn]one(?=\.?[ \t]*(?:\n|$)))
    |(?P<half>(?<!first\s)(?<!second\s)(?<!latter\s)\b[Hh]alf(?=\s+(?:of|the)\b)(?!\s+(?:that\s+of\s+)?the\s+(?:\w+\s+)?(?:average|rate|figure|level)\b)|(?<=\bby\s)half\b)
    |(?P<number>(?<![\w.,/£$€])(?<![\w.,/£$€-]-)(?P<n_val>{_DIGITS})(?P<n_scale>{_SCALE})?(?!(?!pc\b)[\w/]|\.\d|,\d))
    |(?P<word>\b(?P<w_val>{_WORD_NUMBER})\b(?![\s-](?:half|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)\b))
    """,
    re.IGNORECASE | re.VERBOSE,
)
# The same pattern for lower-cased text, without the case-blind flag: a case-blind scan is slower.
# (FIGURE_RE holds no escape whose meaning depends on case, such as \S or \W.)
_FIGURE_LOWER = re.compile(FIGURE_RE.pattern.lower().replace("(?p<", "(?P<"), re.VERBOSE)
_PERCENT_AFTER = re.compile(rf"^{_PERCENT}", re.IGNORECASE)
_PER100K_AFTER = re.compile(rf"^(?:\s+(?!per\b)[a-z-]+){{0,3}}?{_PER_100K}", re.IGNORECASE)

# Spans that are never figures: financial years, dates, times, phone numbers, money.
_ADDRESS = re.compile(r"(?<![^\s(<\[])[^\s@]++@\S+|\bhttps?://\S+|\bwww\.\S+", re.I)  # e-mail and web addresses
_BLOCKERS = [
    re.compile(r"\b(?:19|20)\d\d\s*[/–-]\s*(?:19|20)?\d\d\b"),  # 2017/18, 2012-13, 2015/2016
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+|\s*,\s*)(?:{MONTHS})\b\.?", re.I),  # 16 July
    re.compile(rf"\b(?:{MONTHS})\.?(?:\s+|\s*,\s*)\d{{1,2}}(?:st|nd|rd|th)?\b(?!,\d)(?!\s*(?:per|%))", re.I),  # April 1
    re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)", re.I),
    re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b"),
    re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"(?<![\d,])0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b"),  # phone numbers
    re.compile(r"[£$€]\s?\d[\d,.]*(?:\s?(?:m|bn|k|million|billion|p)\b)?", re.I),
    # A run of digits and separators is tried once, from its start, without backtracking
    # (possessive): "1,1,1,..." must not cost the square of its length.
    re.compile(r"(?<![\d,.])\d[\d,.]*+\s?(?:p|pence|pounds|kb|mb|gb|km|kg|mph|miles|ft|cm|mm)\b", re.I),
    re.compile(r"\b\d+(?:<sup>)?(?:st|nd|rd|th)\b", re.I),  # ordinals: 40th, 23rd, 11<sup>th
    re.compile(r"\b(?:per|every)\s+(?:100,?000|100k|1,?000|10,?000)\b", re.I),  # the base of a rate, not a figure
    re.compile(r"\bfor\s+every\s+100\b", re.I),  # "for every 100 investigations closed, ..." (but "three in every 100" is 3%)
    _ADDRESS,
    re.compile(r"\b(?:BBC|ITV|S4C|Channel|Radio)\s+(?:One|Two|Three|Four|Five|1|2|3|4|5)\b"),  # channel names
    # "just one or two led to a charge": a vague range, not a figure (GUIDELINES 5)
    re.compile(r"\b(?:one|two|three|four|five|six)\s+or\s+(?:two|three|four|five|six|seven)\b", re.I),
    # "One rape is one too many", "every one of them": rhetoric and pronouns, not counts
    re.compile(r"\bone\s+(?:(?:[\w’'-]+\s+){0,2}(?:is|was)\s+one\s+)?too\s+many\b|\b(?:every|each)\s+one\b", re.I),
]
# The case-blind blockers again, exact, for the lower-cased text (not those with an escape whose
# meaning depends on case, such as \S).
_BLOCKERS_EXACT = [re.compile(p.pattern.lower(), p.flags & ~re.I) if p.flags & re.I and not re.search(r"\\[SWBDAZ]", p.pattern) else None
                   for p in _BLOCKERS]
# Numbers labelled as identifiers rather than quantities: "Section 17", "FOI 8450/25".
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:section|sections|page|pages|channel|act|chapter|paragraph|clause|findings|no\.?|"
    r"number|q|foi|tel|phone|room|flat|route|junction|version|issue|volume|vol\.?|article|item|"
    r"schedule|part|rule|regulation|figure|table|appendix|step|level|grade|tier|covid|op|operation)\s*#?"
    r"|\b(?:sections|paragraphs|clauses|articles|regulations|schedules|questions|items|pages)\s+"
    r"(?:\d{1,3}[a-z]?\s*(?:,|and|or|&)\s*)+)$",  # "sections 1 and 5"
    re.I,
)
_DURATION_AFTER = re.compile(
    r"^(?:[\s-]+(?:and\s+a\s+half\s+)?(?:hours?|days?|weeks?|months?|years?|decades?|minutes?|seconds?|"
    r"year-olds?|years?-old|hour|day|week|month|year)\b)",
    re.I,
)
_AGE_BEFORE = re.compile(
    r"(?:\baged?\s*(?:between|from|of|under|over|below|above)?|\bages\s*(?:of|between)?|\bage\s+of|"
    r"\bunder\s+the\s+age\s+of|\bover\s+the\s+age\s+of|\bolder\s+than|\byounger\s+than|"
    r"\baged\s+(?:between\s+)?\d+\s*(?:to|-|–|and)|\bgirls?\s+of|\bboys?\s+of|\bchildren\s+of)\s*$",
    re.I,
)
_AGE_AFTER = re.compile(
    r"^(?:\s*(?:years?\s+(?:of\s+age|old)|-year-old|\+(?!\s*\d))|\s+(?:and|or)\s+(?:over|under|above|older|younger)\b)",
    re.I,
)
# "aged 16-24": an age band; not "stood at 350 - 15 down on the year before" (a level, then its change)
_AGE_BAND_AFTER = re.compile(
    r"^\s*[–-]\s*\d{1,2}\b(?![.,]\d)(?!\s*(?:per|%))(?!\s+(?:\w+\s+)?(?:up|down|fewer|more|higher|lower|less)\b)", re.I)
# "the average time to charge rose to 42.7 days", "took 232 days": a time taken is a figure (GUIDELINES 10).
_TIME_TAKEN_BEFORE = re.compile(
    r"\b(?:average|mean|median|waits?|waited|waiting|length\s+of\s+time)\b(?:[^.;]|\.(?=\d)){0,100}$"
    # "took 232 days", "takes an average of": not "we took 3,212 calls ... in the same six months"
    r"|\b(?:took|takes|taking)\b[^.;\d]{0,30}$", re.I)


def time_taken(text: str, start: int) -> bool:
    """True when the duration at `start` measures how long something took (`the average time to
    charge rose by three days to 42.7 days`): a figure (GUIDELINES 10), not a time span."""
    return bool(_TIME_TAKEN_BEFORE.search(text[max(0, start - 100):start]))


_TARGET_BEFORE = re.compile(r"\b(?:target|targets|aim|goal|ambition)\s+(?:of\s+)?(?:at\s+least\s+|just\s+)?$", re.I)
_RANK_BEFORE = re.compile(r"\b(?:top|bottom|first|last|worst|best)\s+$", re.I)
_BOUNDS = {"more_than", "at_least", "nearly", "less_than", "at_most"}
_NOT_PLURAL = {"was", "is", "has", "as", "this", "its", "his", "yes", "thus", "plus", "less", "across"}
_PEOPLE_ARE_BEFORE = re.compile(r"(?:\b(?:victims?|survivors?|people|women|men|children|girls|boys|suspects?|offenders?|complainants?)\s+"
                                r"(?:(?:in|of|from)\s+(?:[\w’'-]+\s+){1,4}?)?"  # "the victims in those withdrawn cases were under 25"
                                r"(?:(?:who\s+)?(?:are|were|is|was|being)\s+)?(?:aged\s+)?"
                                r"|\d[\d,.]*\s*(?:%|per\s*cent)?\s+)(?:under|over|below|above)\s+$", re.I)  # or "..., and 40 over 60"
_AGE_ENDS_AFTER = re.compile(r"\s*(?:[.,;:)]|$|(?:and|or|in|at|when)\b)")
_UNDER_AGE = re.compile(r"\b(?:under|over|below|above)\s+$", re.I)


@dataclass
class Figure:
    """One figure as written: `text[start:end]`, its numeric value and unit.

    `unit` is `count`, `percent` or `per_100k`; `comparator` is a hedge such as
    `nearly` or `more_than`; `kind` says how it was written (`number`, `word`,
    `ratio`, `fraction`); `vague` marks amounts GOLD.md excludes (`more than half`).
    """

    start: int
    end: int
    value: float
    unit: str
    kind: str
    comparator: str | None = None
    vague: bool = False


def parse_word_number(words: str) -> int | None:
    """Return the integer named by English number words (`twenty-eight` -> 28), or None."""
    total, current = 0, 0
    tokens = re.split(r"[\s-]+", words.lower().strip())
    if not tokens or tokens == [""]:
        return None
    for tok in tokens:
        if tok in ("and", "a") and current == 0 and tok == "a":
            current = 1
        elif tok == "and":
            continue
        elif tok in UNITS_WORDS:
            current += UNITS_WORDS[tok]
        elif tok in TENS_WORDS:
            current += TENS_WORDS[tok]
        elif tok == "hundred":
            current = max(current, 1) * 100
        elif tok in ("thousand", "million"):
            total += max(current, 1) * (1_000 if tok == "thousand" else 1_000_000)  # "twenty-one thousand"
            current = 0
        else:
            return None
    return total + current


def parse_digits(raw: str) -> float:
    """Return the value of a digit string with thousands commas (`4,214` -> 4214.0)."""
    return float(raw.replace(",", ""))


_CHANGE_BY_BEFORE = re.compile(
    r"\b(?:rose|risen|rising|rise|fell|fallen|falling|fall|dropped|drop|increased?|decreased?|reduced|reduction|cut|grew|grown|"
    r"declined?|jumped|shrunk|shrank|climbed|climb|soared|surged|slumped|plummeted|plunged|tumbled|leapt|"
    r"went\s+up|gone\s+up|went\s+down|gone\s+down)\s+(?:\w+\s+)?by\s+$", re.I)


def _financial_year(raw: str) -> bool:
    """`2017/18`, `2015/2016`, `2021/21` (a typo): a year and the next (or the same); not `2022 – 11`."""
    first, second = re.split(r"\s*[/–-]\s*", raw.strip(), maxsplit=1)
    y1, y2 = int(first), int(second)
    if len(second) == 2:
        return y2 in ((y1 + 1) % 100, y1 % 100)
    return y2 in (y1 + 1, y1)


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans that are never figures, merged and sorted so `_overlaps` can bisect them."""
    lowered = text.lower()
    # the address pattern tries every position: run it only where an address can be
    has_address = "@" in text or "http" in lowered or "www." in lowered
    searched = lowered if len(lowered) == len(text) else None
    spans = sorted((m.start(), m.end()) for pattern, exact in zip(_BLOCKERS, _BLOCKERS_EXACT)
                   if pattern is not _ADDRESS or has_address
                   for m in (exact.finditer(searched) if exact is not None and searched is not None else pattern.finditer(text))
                   if pattern is not _BLOCKERS[0] or _financial_year(m.group(0)))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (end, -1)) - 1  # the last span starting before `end`
    return i >= 0 and spans[i][1] > start


_COMPARATOR_BEFORE = re.compile(
    r"\b(?P<phrase>" + "|".join(re.escape(p) for p in sorted(COMPARATORS, key=len, reverse=True)) + r") (?:the |a )?$")


def _comparator_before(text: str, start: int) -> str | None:
    window = re.sub(r"[\s\u00a0]+", " ", text[max(0, start - 25):start].lower())
    m = _COMPARATOR_BEFORE.search(window)
    return COMPARATORS[m.group("phrase")] if m else None


def _is_year(raw: str, text: str, end: int) -> bool:
    """True for a number written as a year: not a rate, and not a count of a noun after a verb
    ("recorded 1850 rapes"; but "in 2021 rapes rose" is a year)."""
    if not re.fullmatch(r"(?:1[89]|20)\d\d", raw):
        return False
    if _COUNTED_AFTER.match(text, end) and not _YEAR_PREPOSITION.search(text, max(0, end - len(raw) - 12), end - len(raw)):
        return False
    return not _PERCENT_AFTER.match(text[end:end + 12])


_COUNTED_AFTER = re.compile(r"\s+(?:reported\s+|recorded\s+|alleged\s+|adult\s+|child\s+)?(?:rapes|reports|offences|crimes|cases|"
                            r"allegations|victims|charges|convictions|prosecutions|referrals|investigations|sexual\s+offences)\b", re.I)
_YEAR_PREPOSITION = re.compile(r"\b(?:in|since|from|by|during|of|to|between|and|until|for|before|after|year|early|late|mid)[\s-]+$", re.I)


def find_figures(text: str) -> list[Figure]:
    """Return every figure in `text`, in order, with offsets and values.

    Takes any string. Percentages include their sign or words (`3.3 per cent`,
    `21%`); ratios (`one in five`) and fractions (`a third of`) become percents;
    `per 100,000` rates become `per_100k`. Years, dates, times, ages, durations,
    ordinals, money, phone numbers and labelled identifiers are left out.
    """
    blocked = _blocked_spans(text)
    figures: list[Figure] = []
    lowered = text.lower()
    for m in _FIGURE_LOWER.finditer(lowered) if len(lowered) == len(text) else FIGURE_RE.finditer(text):
        start, end = m.start(), m.end()
        if _overlaps(start, end, blocked) or (figures and start < figures[-1].end):
            continue
        comparator = _comparator_before(text, start)
        if m.group("ratio"):
            num = _ratio_part(m.group("r_num"))
            den = _ratio_part(m.group("r_den"))
            if not num or not den or den <= num:
                continue
            if re.match(r"\s*\(\s*\d[\d.]*\s*(?:%|per\s*cent)", text[end:end + 20]):
                continue  # "one in seven (14 per cent)": the exact figure follows
            figures.append(Figure(start, end, round(100.0 * num / den, 2), "percent", "ratio", comparator))
            continue
        if m.group("none"):
            # "None of the 40 reports led to a charge": a count of nothing, 0 (GUIDELINES 3)
            figures.append(Figure(start, end, 0.0, "count", "word", comparator))
            continue
        if m.group("fraction") or m.group("half"):
            if m.group("half"):
                if text[max(0, start - 3):start].lower() == "by " and not _CHANGE_BY_BEFORE.search(text, max(0, start - 40), start):
                    continue  # "cut by half" is a change's size; "by half the officers" is not
                value = 50.0
            else:
                if re.match(r"\s*\(", text[end:end + 3]) or _EXACT_APPOSITIVE.match(text[end:end + 60]):
                    continue  # "two thirds (64 per cent)", "a quarter of the reports, some 23 per cent,": the exact figure follows
                # "a third of", or a change's size: "fell by a third" (not "passed by a third party")
                if m.group("b_num") and not (_CHANGE_BY_BEFORE.search(text, max(0, start - 40), start)
                                             or re.search(r"\b(?:are|is|was|were|been|rates?|figures?|numbers?|charges|reports|rapes)\s+(?:up|down)\s+$",
                                                          text[max(0, start - 30):start], re.I)):
                    continue  # "rape charges are up a fifth", not "set up a third team"
                num_word, den = (m.group("f_num"), m.group("f_den")) if m.group("f_num") else (m.group("b_num"), m.group("b_den"))
                num = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}[num_word.lower()]
                value = num * FRACTIONS[den.lower()]
            figures.append(Figure(start, end, round(value, 2), "percent", "fraction", comparator,
                                  vague=comparator in _BOUNDS))  # "more than half" is vague; "about a quarter" is 25
            continue
        if m.group("number"):
            raw = m.group("n_val")
            if _is_year(raw, text, end) and not m.group("n_scale"):
                continue
            before = text[max(0, start - 40):start]
            if _LABEL_BEFORE.search(before.rstrip()) and before[-1:].isspace() \
                    and not (re.search(r"\b(?:figure|level|number)\s*$", before, re.I) and _PERCENT_AFTER.match(text[end:end + 24])):
                continue  # "Figure 3", "level 2"; but "the latest figure 31% higher" is a rate
            value = parse_digits(raw)
            scale = (m.group("n_scale") or "").strip().lower()
            if scale:
                value *= SCALES[scale]
            elif "." in raw and not _PERCENT_AFTER.match(text[end:end + 24]) and not _PER100K_AFTER.match(text[end:end + 30]) \
                    and not (_DURATION_AFTER.match(text[end:end + 40]) and time_taken(text, start)):
                continue  # a decimal that is not a rate (or a time taken) is a version, a size or a cut-off line
            kind = "number"
        else:
            value = parse_word_number(m.group("w_val"))
            if value is None:
                continue
            before = text[max(0, start - 40):start]
            kind = "word"
        after = text[end:end + 40]
        done = _TIMES_DONE.match(after) and not _GROWTH_BEFORE.search(before)  # "charged 344 times in", not "grew five times over"
        multiplier = re.match(r"\s*(?:-|–)?\s*(?:fold|times)\b|\s+or\s+more\s+times\b", after, re.I) and not done
        if multiplier or _RANK_BEFORE.search(before) \
                or _TARGET_BEFORE.search(before):
            continue
        if _not_a_quantity(text, start, end, before, after) or _in_range(text, start, end):
            continue
        if kind == "word" and value <= 3 and re.search(r"\bthe\s+(?:other\s+)?$", before, re.I):
            continue  # "one of those two outcomes", "the other four"
        if _DURATION_AFTER.match(after) and not time_taken(text, start):
            continue
        if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before) or (value < 100 and _AGE_BAND_AFTER.match(after)):
            continue
        if _UNDER_AGE.search(before) and value in (13, 14, 16, 18) and not _PERCENT_AFTER.match(after):
            nxt = re.match(r"\s*(\w+)(?:[ \t]+(\w+))?", after)
            words = [w.lower() for w in (nxt.groups() if nxt else ()) if w]
            # "over 16 reports", "over 16 rape suspects": a count (the noun may follow a modifier)
            if not any(w.endswith("s") and w not in _NOT_PLURAL for w in words[:2]) or (words and words[0] in _NOT_PLURAL):
                continue  # "a female over 16 was": an age
        if _UNDER_AGE.search(before) and value < 100 and _PEOPLE_ARE_BEFORE.search(text[max(0, start - 80):start]) \
                and _AGE_ENDS_AFTER.match(after):
            continue  # "57% of victims are under 25.": an age band
        unit = "count"
        pm = _PERCENT_AFTER.match(after)
        km = _PER100K_AFTER.match(after)
        if pm:
            end += pm.end()
            unit = "percent"
        elif km:
            end += km.end()
            unit = "per_100k"
        elif kind == "word" and value == 1 and re.search(r"\b(?:no|every|each|any|which|not)\s+$", before, re.I):
            continue  # "no one", "every one of the 2,450"
        elif kind == "word" and value == 1 and re.search(r"\bthan\s+$", before) and re.match(r"\s+in\s+(?:the\s+)?[A-Z]", after):
            continue  # "less likely to see a charge than one in North Wales": a pronoun
        elif kind == "word" and value == 1 and re.match(r"\s+of\s+[\d,]+\s+(?:\w+\s+)?(?:forces|force\s+areas|constabularies|areas)\b", after, re.I):
            continue  # "one of 11 forces to sign up": which group it belongs to, not a count
        elif kind == "word" and value == 1 and re.match(r"\s+of\s+(?:the\s+)?[\d,]+\b", after) and re.search(
                r"\b(?:was|is|were|are|became|becomes|as|being)\s+(?:just\s+|only\s+|among\s+)?$", before, re.I):
            continue  # "her case was one of 1,500 rapes recorded": which group it belongs to
        elif kind == "word" and value == 1 and not re.match(r"\s+(?:person|case|charge|report|conviction|offence|rape|in\b|(?:out\s+)?of\s+(?:the\s+)?\d)", after, re.I):
            # "one" alone is usually a pronoun ("one of the lowest", "one could"), not a figure.
            continue
        if unit == "percent" and value == 100 and comparator is None:
            continue
        if unit == "percent" and _COMPLEMENT_BEFORE.search(before) and any(
                f.unit == "percent" and abs(f.value + value - 100) < 0.01 and start - f.end < 200 for f in figures):
            continue  # "only 15% report it - that means 85% don't": arithmetic on a figure, not a finding
        figures.append(Figure(start, end, value, unit, kind, comparator))
    return figures


# "charged a suspect 344 times in 2020-21": how often something was done, a count; "three times
# as many", "five times higher", "ten times the rate" compare.
_GROWTH_BEFORE = re.compile(
    r"\b(?:increased|decreased|rose|risen|grown|grew|fell|fallen|multiplied|jumped|higher|more|larger|bigger|greater|up|down)\s+(?:by\s+)?(?:almost\s+|nearly\s+|about\s+|around\s+|some\s+)?$", re.I)
_TIMES_DONE = re.compile(
    r"\s+times\s*(?:in|during|between|last|this|since|across|a\s+year|each|every|with|for|by|on|at|before|after|and|but|while|[,.;:)]|$)"
    r"|\s+times\s+over\s+(?:the|a|\d)", re.I)
_COMPLEMENT_BEFORE = re.compile(r"\b(?:means?|meaning|leaving|leaves|so)\s+(?:that\s+)?(?:about\s+|around\s+|some\s+|nearly\s+)?$", re.I)
_EXACT_APPOSITIVE = re.compile(
    r"\s+of\s+(?:the\s+|all\s+|these\s+|those\s+)?(?:[\w’'-]+\s+){0,3}?[\w’'-]+\s*,\s*(?:(?:some|about|around|roughly|or|nearly|almost|just\s+over|just\s+under)\s+)?\d[\d.]*\s*(?:%|per\s*cent)\s*,", re.I)
_CODE_LABEL_AFTER = re.compile(r"[a-z]?[ \t]*[-–:][ \t]+[A-Z][^\n\d]{2,}(?:\n|$)")
_LINE_NUMBER_AFTER = re.compile(r"^[.)](?:[ \t]*[A-Z]|[ \t]+\d|[ \t]+[a-z]{3,}\b)")  # "3. Understanding", "2. 2021: 210", "1. publish"
_PER_TIME_AFTER = re.compile(
    r"^(?:\s+[\w’'-]+){0,3}?\s+(?<!within\s)(?<!\bin\s)(?<!\bfor\s)(?:(?:per|a|each|every)\s+(?:day|week|month|fortnight)\b"
    r"|every\s+(?:two|three|four|five|six|seven|ten|\d{1,2})\s+(?:days|weeks|months|hours|minutes)\b)", re.I)
# "Jane Roe, 49,": a first name and a surname (not "In Kent, 45, or 12%")
def _is_place(words: str) -> bool:
    """True when two capitalised words are a force or place ("North Yorkshire,"), not a person's name."""
    from attrition.extract.forces import find_area_mentions  # the reference tables load on first use
    return any(m.kind in ("force", "place") for m in find_area_mentions(words.rstrip(", ")))


_PERSON_NOUN_BEFORE = re.compile(
    r"\b(?:man|woman|boy|girl|teenager|teen|pensioner|mother|father|mum|dad|student|pupil|driver|victim|survivor)\s*,\s*$", re.I)
_LINK_LINE = re.compile(r"[ \t]*(?:read\s+more|related(?:\s+(?:stories|articles|content))?|see\s+also|also\s+read|more\s+on\s+this\s+story|"
                        r"watch|listen|recommended|most\s+read)\s*[:|–—-]", re.I)
_NAME_BEFORE = re.compile(r"\b(?!(?:In|At|For|From|Across|On|By|Of|To|With|And|But)\b)[A-Z][a-z]+\s+[A-Z][a-z]+,\s*$")


# "between 10 and 13", and "ranged from 4% to 11%" (a spread across places, not a change)
_RANGE_START = re.compile(r"\b(?:between|rang(?:ed|es|ing|e)\s+from)\s+(?:about\s+|around\s+|just\s+)?$", re.I)
_RANGE_END = re.compile(r"\b(?:between\s+(?:about\s+|around\s+)?[\d,.]+\s*(?:%|per\s*cent)?\s+and"
                        r"|rang(?:ed|es|ing|e)\s+from\s+(?:about\s+|around\s+|just\s+)?[\d,.]+\s*(?:%|per\s*cent)?\s+to)\s+$", re.I)


def _in_range(text: str, start: int, end: int) -> bool:
    """Either end of `between 10,000 and 13,000` or `3 - 4 per cent`: a range the schema cannot hold
    (GUIDELINES 5). A dash joins a range only when the second number is the larger and no change
    word follows it (`stood at 350 - 15 down` is a level and its change)."""
    before = text[max(0, start - 40):start]
    if _RANGE_END.search(before):
        return True
    if _RANGE_START.search(before) and re.match(r"\s*(?:%|per\s*cent)?\s+(?:and|to)\s+[\d,.]+", text[end:end + 30], re.I):
        return True
    value = _plain_value(text[start:end])
    if value is None:
        return False
    after = _DASH_RANGE_AFTER.match(text, end, end + 40)
    if after and (high := _plain_value(after.group("b"))) is not None and high > value:
        return True
    lower = _DASH_RANGE_BEFORE.search(before)
    return bool(lower and (low := _plain_value(lower.group("a"))) is not None and low < value
                and not _CHANGE_WORD_AFTER.match(text, end, end + 30))


def _plain_value(raw: str) -> float | None:
    """The value of digits as written (`1,200`, `3.5`), or None for anything else."""
    if not re.fullmatch(r"\d[\d,]*(?:\.\d+)?", raw):
        return None
    return float(raw.replace(",", ""))


_CHANGE_WORD_AFTER = re.compile(r"\s*(?:%|per\s*cent)?\s*(?:\w+\s+)?(?:up|down|fewer|more|higher|lower|less)\b", re.I)
_DASH_RANGE_AFTER = re.compile(
    r"[ \t]*[-–][ \t]*(?!(?:19|20)\d\d\b)(?P<b>\d[\d,]*(?:\.\d+)?)(?![\d,.]*\s*(?:%|per\s*cent)?\s*(?:\w+\s+)?(?:up|down|fewer|more|higher|lower|less)\b)", re.I)
# the lower end must be no other range's end or an age ("aged between 31 and 40 - 929 of them")
# nor a year or the end of one ("2019/20 - 1,045", "2019 - 2,100": a label and its value)
_DASH_RANGE_BEFORE = re.compile(
    r"(?<![\d,./])(?<!\band\s)(?<!\bto\s)(?<!\baged\s)(?<!\bage\s)(?!(?:19|20)\d\d\b)(?P<a>\d[\d,]*(?:\.\d+)?)[ \t]*[-–][ \t]*$")


def _not_a_quantity(text: str, start: int, end: int, before: str, after: str) -> bool:
    """Numbers that label or time something rather than count it (GUIDELINES 4 and 5).

    Footnote markers (`[1]`, `<sup>2`), list and question numbers at the start of a
    line (`3. Understanding ...`), ages after a name (`Jane Doe, 49,`), rates per
    day, week or month (`73 per month`, `ten a week`) and sizes (`a 19-strong team`).
    """
    if before.endswith("[") and after.startswith("]") or before.endswith(("<sup>", "^")):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip(" \t•*-") and _LINE_NUMBER_AFTER.match(after):
        return True
    if not text[line_start:start].strip() and end - start <= 2 and _CODE_LABEL_AFTER.match(text, end):
        return True  # "16 - Evidential difficulties - victim does not support action": an outcome type's number
    if not text[line_start:start].strip() and re.match(r"[.)][ \t]*(?:\n|$)", after) and _has_sibling_label(text, start, end):
        return True  # "2." alone on its line, between "1." and "3.": the label of the item below
    if _OUTCOME_CODE_BEFORE.search(before) and re.fullmatch(r"\d{1,2}[a-z]?", text[start:end]) and not _PERCENT_AFTER.match(after):
        return True  # "Outcome 16 (victim declines to support)", "outcome types 14 and 15": Home Office codes
    named = _NAME_BEFORE.search(before)
    if (named and not _is_place(named.group(0)) or _PERSON_NOUN_BEFORE.search(before)) and re.match(r"^\s*,\s", after) \
            and re.fullmatch(r"\d{1,2}", text[start:end]):
        return True  # "Jane Doe, 49,", "Man, 23, charged": an age; not "In North Yorkshire, 45, or 3 per cent"
    if _LINK_LINE.match(text, line_start):
        return True  # "Read more: Man charged after 3 attacks": another story's headline
    if _is_phone_number(text[start:end], before, after):
        return True
    if (_HEADING_NUMBER_BEFORE.search(before) or _LABEL_NUMBER_BEFORE.search(before)) and re.fullmatch(r"\d{1,2}[a-z]?", text[start:end]):
        return True  # "Question 3", "Q4", "Part 2", "Section 12": a label
    if _PER_TIME_AFTER.match(after) or re.match(r"^-strong\b", after, re.I):
        return True
    # "an average of 60 rapes and over 150 other sexual crimes logged per month": an average
    # per month covers every figure of its clause
    clause_before = re.split(r"[.;:!?]", text[max(0, start - 80):start])[-1]
    if re.search(r"\baverage\s+of\b", clause_before, re.I):
        clause_after = re.split(r"[.;:!?,(–—]", text[end:end + 100])[0]
        return bool(re.search(r"\b(?:per|each|every|a)\s+(?:day|week|month|fortnight)\b(?!\s+(?:ago|earlier|later|before|after)\b)",
                              clause_after, re.I))
    return False


# Phone numbers (GUIDELINES 4): the police's 101 and 999, a number dialled ("call ... on 0808 ..."),
# or digits grouped as a phone number writes them ("0300 123 4567").
_DIAL_BEFORE = re.compile(r"\b(?:call(?:ing|s)?|ring(?:ing)?|dial(?:ling)?|phone|telephone|tel|text(?:ing)?|helpline|line|contact(?:ing)?\b"
                          r"[^.;\n]{0,40}?\bon|on)[ \t:.]*(?:us[ \t]+|them[ \t]+|police[ \t]+|the[ \t]+police[ \t]+)?(?:on[ \t]+)?$", re.I)


def _is_phone_number(raw: str, before: str, after: str) -> bool:
    """True for a phone number: 101/999/111 dialled or offered as a way to report, or a 0-led number in groups."""
    if raw.startswith("0") and len(raw) >= 3 and re.match(r"[ \t]\d{2,4}\b", after):
        return True
    if re.search(r"(?<![\d,.])0\d{2,4}(?:[ \t]\d{1,4})*[ \t]$", before):
        return True  # a later group of "0808 80 10 800"
    if raw in ("101", "999", "111"):
        return bool(_DIAL_BEFORE.search(before) or re.match(r"\s*(?:or|and)\s+(?:101|999|111)\b|\s+in\s+an?\s+emergency", after, re.I)
                    or re.search(r"\b(?:101|999|111)\s*,?\s+or\b[^.\d\n]{0,25}$", before))  # "101 or, in an emergency, 999"
    return raw.isdigit() and len(raw) >= 6 and bool(_DIAL_BEFORE.search(before))


# "the offences in question 1", "see section 12", "Quarter 1 2022/23": a label inside a sentence
_LABEL_NUMBER_BEFORE = re.compile(
    r"\b(?:(?:in|at|to|under|see|from|of)\s+(?:question|section|paragraph|part|annex|appendix|table|item)|(?-i:Quarter))[ \t]*$", re.I)
_HEADING_NUMBER_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:question|q|part|section|item|annex|appendix|table|figure|chart)[ \t.]*$", re.I)


_OUTCOME_CODE_BEFORE = re.compile(
    r"\b(?:outcomes?|outcome\s+(?:codes?|types?|groups?)|codes?|classifications?|classes)[ \t]+(?:\d{1,2}[a-z]?[ \t]*(?:,|and|or|&|to|-|–)[ \t]*)*$", re.I)


def _has_sibling_label(text: str, start: int, end: int) -> bool:
    """True when the number at text[start:end] has a neighbour label (one less or one more) opening another line."""
    raw = text[start:end]
    if not raw.isdigit() or len(raw) > 2:
        return False
    n = int(raw)
    siblings = "|".join(str(k) for k in (n - 1, n + 1) if k > 0)
    return bool(re.search(rf"(?m)^[ \t]*(?:{siblings})[.)](?:\s|$)", text))


def _ratio_part(raw: str) -> float | None:
    raw = raw.strip().lower()
    if raw[0].isdigit():
        return parse_digits(raw)
    value = parse_word_number(raw)
    return float(value) if value is not None else None
