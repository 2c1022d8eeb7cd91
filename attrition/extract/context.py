"""What the assembler knows about an article and carries from sentence to sentence.

`read_article(doc, published, meta)` gathers everything found in the whole text
once (figures, area, period, stage, offence and source mentions, quotes, the
page's own force, table columns) into an `Article`. `read_sentence` slices it
for one sentence (`Sentence`). `Scope` is the explicit context carried across
sentences: the force or national scope of the paragraph, the list header, the
period and source in force, the claims of the sentence before. `enter_sentence`
and `carry_forward` are the only places that change a `Scope`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from attrition.extract.attach import is_comparison, names_comparand, tags_clause, with_anaphors_resolved
from attrition.extract.claim import Claim
from attrition.extract.cues import Cue, find_offence_cues, find_stage_cues, is_victim_reporting_share
from attrition.extract.doctext import text_of
from attrition.extract.forces import NATIONAL, NATIONAL_AREAS, AreaMention, find_area_mentions
from attrition.extract.lexicon import STRONG, WEAK_OTHER
from attrition.extract.numbers import find_figures
from attrition.extract.page import page_area, page_source, speaks_for_force
from attrition.extract.periods import find_dateline, find_period_mentions, is_full_year, resolve_relative
from attrition.extract.quotes import find_quotes
from attrition.extract.sources import find_source_mentions
from attrition.extract.tables import column_periods, column_stages, is_row, stacked_cells



# A sentence longer than this is read in pieces of at most this length, cut at a line break,
# semicolon, comma or space: every rule then looks at a bounded window, so time grows
# linearly with the text however it is punctuated (no real sentence is this long).
MAX_SENTENCE_CHARS = 600
_CUTS = ("\n", "; ", ", ", " ")


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """The (start, end) character spans of the doc's sentences, trimmed, skipping ones with no word.

    A sentence longer than `MAX_SENTENCE_CHARS` comes back as several spans.
    """
    spans = []
    text = text_of(doc)
    for sent in doc.sents:
        for start, end in _pieces(text, sent.start_char, sent.end_char):
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start and any(ch.isalnum() for ch in text[start:end]):
                spans.append((start, end))
    return spans


def _pieces(text: str, start: int, end: int):
    """Cut [start, end) into pieces of at most MAX_SENTENCE_CHARS, at the best break in each."""
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = -1
        for mark in _CUTS:
            cut = text.rfind(mark, start + MAX_SENTENCE_CHARS // 2, limit)
            if cut >= 0:
                cut += len(mark)
                break
        if cut < 0:
            cut = limit
        # never cut inside a figure or word: step back over letters and digits
        while cut > start + 1 and text[cut - 1].isalnum() and text[cut].isalnum():
            cut -= 1
        yield start, cut
        start = cut
    yield start, end


class Spans:
    """Items with `.start`/`.end`, sorted by start, sliced by character range with bisect."""

    def __init__(self, items):
        self.items = sorted(items, key=lambda x: x.start)
        self.starts = [x.start for x in self.items]

    def within(self, start: int, end: int) -> list:
        """The items that lie wholly inside [start, end)."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [x for x in self.items[lo:hi] if x.end <= end]


_DATELINE_AFTER = re.compile(r"\s*(?:\([A-Za-z ]+\)\s*)?[–—-]\s")


def is_dateline(text: str, mention) -> bool:
    """`LONDON – ...` opening a line is where the story was filed, not what its figures are about."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    word = text[mention.start:mention.end]
    return (not text[line_start:mention.start].strip() and word.isupper() and len(word) > 3
            and bool(_DATELINE_AFTER.match(text, mention.end)))


def dominant_area(areas) -> str | None:
    """The force or place named most often among `areas` (None when none is named)."""
    counts = Counter(a.area for a in areas if a.kind in ("force", "place") and a.area)
    return counts.most_common(1)[0][0] if counts else None


# A sentence that opens by setting national scope: "Nationally, ...", "Across England and Wales, ...".
_NATIONAL_OPENER = re.compile(
    r"\s*(?:[•\-*·–]\s*)?(?:Nationally|Nationwide|(?:Across|Throughout|In)\s+(?:England\s+(?:and|&)\s+Wales|the\s+country|the\s+UK|Britain|England|Wales)"
    r"|(?:At\s+a\s+)?national\s+level)\s*[,:]", re.I)


def single_month(period: tuple[str, str]) -> bool:
    """True when an ISO (start, end) period is one calendar month or less."""
    return period[0][:7] == period[1][:7]


@dataclass
class Article:
    """Everything found in one article's text, found once."""

    doc: Doc
    text: str
    published: str | None
    figures: Spans
    areas: list
    area_spans: Spans
    periods: Spans
    stage_cues: Spans
    offence_cues: Spans
    sources: list
    source_spans: Spans
    quotes: list
    dominant: str | None
    page: str | None
    dominant_offence: str
    full_years: list
    columns: dict
    sentences: list[tuple[int, int]]
    breaks: list[int]
    requests: list[tuple[int, int]] = field(default_factory=list)
    column_periods: dict = field(default_factory=dict)  # figure start -> (start, end, words) of its column
    cells: dict = field(default_factory=dict)  # figure start -> tables.Cell, for tables saved one cell per line

    def in_request(self, pos: int) -> bool:
        """True when character `pos` lies in an FOI request's list of items ("Request:" to "Response:")."""
        return any(start <= pos < end for start, end in self.requests)

    def paragraph_of(self, pos: int) -> int:
        """The number of the paragraph (line) holding character `pos`."""
        return bisect.bisect_left(self.breaks, pos)


@dataclass
class Scope:
    """The context carried from sentence to sentence (every carried value is marked inherited)."""

    current_source: str | None = None
    page_source: str | None = None  # the publisher's own name when it publishes its own figures
    source_for_nation: bool = False  # the source in force was named for national figures only
    national_scope: str | None = None
    national_para: int = -1  # the paragraph that opened the national scope
    last_area: str | None = None
    last_area_sent: int = -10
    last_area_para: int = -1
    last_claim_area: str | None = None
    prev_named_area: str | None = None
    header: tuple | None = None  # (sentence index, area, stage, base) of a list header or an FOI question
    context_period: tuple[str, str] | None = None
    context_period_text: str | None = None
    context_last_unit: tuple[str, str] | None = None  # the last year of a span in context
    context_pair: list | None = None
    prev_sentence_start: int = 0
    prev2_sentence_start: int = 0
    previous_claims: list[Claim] = field(default_factory=list)
    previous_placed: list[Claim] = field(default_factory=list)  # those of them that say whose figures follow
    last_offence: str | None = None
    label: str | None = None  # the number of the list item being read ("2." -> "2")
    questions: dict = field(default_factory=dict)  # an FOI request's numbered questions: number -> (area, stage)
    topic_stage: str | None = None  # the stage last spoken of, for "ended this way", "the highest rate"
    asked: tuple | None = None  # (sentence index, stage) of prose that says "... show how many <stage>"


@dataclass
class Sentence:
    """One sentence of an article with what it holds, its periods resolved against the scope."""

    index: int
    start: int
    end: int
    text: str
    figures: list
    areas: list
    resolved: list  # (PeriodMention, (start, end) or None)
    resolved_areas: list  # (AreaMention, area)
    stage: list[Cue]
    offence: list[Cue]
    sources: list
    has_funnel: bool
    has_offence: bool
    fig_spans: list[tuple[int, int]]
    parens: list[tuple[int, int]]
    is_item: bool


def read_article(doc: Doc, published: str | None, meta: dict | None) -> Article | None:
    """Find everything the assembler needs in a parsed article; None when it holds no figure.

    Takes the spaCy `Doc`, the publication date (or None: a dateline in the text is
    used) and the page metadata (`url`, `publisher`, `title`).
    """
    text = text_of(doc)
    figures = [f for f in find_figures(text) if not f.vague]
    if not figures:
        return None
    published = published or find_dateline(text)
    areas = [a for a in find_area_mentions(text) if not is_dateline(text, a)]
    counts = {(f.start, f.end) for f in figures if f.unit == "count"}
    # "recorded 1850 rapes": a count written like a year is no period
    periods = [p for p in find_period_mentions(text, published) if (p.start, p.end) not in counts]
    sentences = sentence_spans(doc)
    figure_spans = Spans(figures)
    # Stage cues matter only where there are figures, in list headers ("... recorded:") and questions.
    requests = request_regions(text)
    stage_cues = [
        c
        for s, e in sentences
        if figure_spans.within(s, e) or text[s:e].rstrip().endswith((":", "?")) or _REQUEST.match(text, s)
        or any(a <= s < b for a, b in requests) or HOW_MANY.search(text, s, e)
        for c in find_stage_cues(doc, s, e)
    ]
    offence_cues = find_offence_cues(doc)
    # a town inside a person's name ("Detective Inspector Mark Bolton", "Professor Jane Preston") is no place
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1]
    areas = [a for a in areas if not (a.kind == "place" and any(s <= a.start and a.end <= e and (s, e) != (a.start, a.end)
                                                                 for s, e in names))]
    # a force or place the NER reads as a person ("Kent", "Durham") is no speaker
    places = {(a.start, a.end) for a in areas if a.kind in ("force", "place")}
    people = [(e.start_char, e.end_char, e.text) for e in doc.ents
              if e.label_ == "PERSON" and (e.start_char, e.end_char) not in places]
    orgs = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ in ("ORG", "NORP")]
    quotes = find_quotes(text, people)
    page = page_area(meta)
    if page and speaks_for_force(meta):
        areas = sorted(areas + first_person_mentions(text, page, quotes), key=lambda a: a.start)
    sources = find_source_mentions(text, orgs, with_anaphors_resolved(areas))
    offence_counts = Counter(c.label for c in offence_cues if c.label != "other")
    cells = stacked_cells(doc) if _VALUE_LINES.search(text) else {}
    return Article(
        doc=doc, text=text, published=published, figures=figure_spans, areas=areas, area_spans=Spans(areas),
        periods=Spans(periods), stage_cues=Spans(stage_cues), offence_cues=Spans(offence_cues),
        sources=sources, source_spans=Spans(sources), quotes=quotes,
        dominant=dominant_area(areas), page=page,
        dominant_offence=offence_counts.most_common(1)[0][0] if offence_counts else "other",
        full_years=[(p.period_start, p.period_end) for p in periods
                    if p.kind == "explicit" and is_full_year((p.period_start, p.period_end))],
        columns=column_stages(doc) if "|" in text or "\t" in text else {},
        column_periods=column_periods(doc) if "|" in text or "\t" in text else {},
        sentences=sentences, breaks=[m.start() for m in re.finditer(r"\n", text)], requests=requests, cells=cells,
    )


# "2021 – 140", "2019/20: 1,045", "Total - none": a line of a list of answers
_LABEL_VALUE_LINE = re.compile(r"[ \t]*[^\n.?!]{1,40}?[ \t][–—:-][ \t]*(?:\d[\d,.]*[ \t]*%?|none|nil)[ \t]*", re.I)
_RATE_NOUN = re.compile(r"\b(?:proportion|share|rate|percentage|number)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|us|[Oo]ur)\b")


def first_person_mentions(text: str, page: str, quotes) -> list[AreaMention]:
    """On a force's own page, "we", "us" and "our" outside quotation marks name the force
    ("reports made to us", "the investigations we closed")."""
    headings = [(h.start(), text.find("\n", h.start())) for h in _RESPONSE_HEADING.finditer(text)]
    return [AreaMention(m.start(), m.end(), page, "force") for m in _FIRST_PERSON.finditer(text)
            if not any(q.start <= m.start() < q.end for q in quotes)
            and not any(a <= m.start() < (b if b >= 0 else len(text)) for a, b in headings)]  # "Our response:"


# Two lines holding nothing but a figure: the text may hold a table saved one cell per line.
_VALUE_LINES = re.compile(r"^[ \t]*\d[\d,.]*[ \t]*%?[ \t]*\n(?:.*\n){0,3}?[ \t]*\d[\d,.]*[ \t]*%?[ \t]*$", re.M)


# An FOI page's heading over the items asked for, and the heading over the answers.
_REQUEST_HEADING = re.compile(
    r"^[ \t]*(?:(?:your|the|my|original|information)\s+)?(?:request(?:ed)?|questions?|you\s+asked(?:\s+for)?|"
    r"information\s+requested|details\s+of\s+(?:the\s+|your\s+)?request)[ \t]*:?[ \t]*$", re.I | re.M)
_RESPONSE_HEADING = re.compile(
    r"^[ \t]*(?:(?:our|the|my|force)\s+)?(?:response|answer|reply|decision|information\s+(?:held|disclosed|supplied))s?\b",
    re.I | re.M)


def request_regions(text: str) -> list[tuple[int, int]]:
    """Character spans of an FOI request's items: from a "Request:" heading line to the next
    "Response:" heading (or the end of the text when none follows)."""
    regions = []
    for m in _REQUEST_HEADING.finditer(text):
        if regions and m.start() < regions[-1][1]:
            continue
        answer = _RESPONSE_HEADING.search(text, m.end())
        regions.append((m.end(), answer.start() if answer else len(text)))
    return regions


def new_scope(meta: dict | None) -> Scope:
    """The scope before an article's first sentence: its publisher's own source, if any."""
    own = page_source(meta)
    return Scope(current_source=own, page_source=own)


def parentheticals(text: str, s_start: int, s_end: int, figures) -> list[tuple[int, int]]:
    """Spans of brackets holding a figure (`21 (6% of all those logged)`): their words are theirs;
    and of asides that define a term (`- that is, ... -`), whose words are no figure's."""
    spans = []
    for m in re.finditer(r"\([^()]{1,160}\)", text[s_start:s_end]):
        start, end = s_start + m.start(), s_start + m.end()
        if any(start < f.start < end for f in figures):
            spans.append((start, end))
    # "the no-criming rate - that is, an offence first recorded as rape, then declassified - at 33%":
    # an aside that defines a term lends none of its words to the figures around it
    for m in _DEFINING_ASIDE.finditer(text, s_start, s_end):
        spans.append((m.start(), m.end()))
    for m in _RATE_ASIDE.finditer(text, s_start, s_end):
        spans.append((m.start("aside"), m.end("aside")))
    return sorted(spans)


_DEFINING_ASIDE = re.compile(
    r"\s[-–—]\s*(?:that\s+is|i\.e\.|in\s+other\s+words|meaning)\b[^-–—()]{1,160}[-–—]\s"
    r"|\((?:that\s+is|i\.e\.|in\s+other\s+words|meaning)\b[^()]{1,160}\)"
    # "The charge rate, measured as the share of investigations closed that ended in a charge, rose to 6.8%"
    r"|,\s*(?:measured|defined|calculated|counted|expressed|worked\s+out)\s+as\b[^,;:()\d]{1,160},", re.I)
# "the charge rate - the proportion of investigations concluded which ended with a charge - was 11.2%": the
# aside defines a rate the words before it name (an "outcome rate" aside names the outcome, and counts)
_RATE_ASIDE = re.compile(
    r"\b(?:charge|conviction|detection|prosecution|referral|solved|no[\s-]crime|attrition)\s+rates?\b(?:\s+for\s+\w+)?"
    r"(?P<aside>\s[-–—]\s*the\s+(?:proportion|share|percentage|number)\s+of\b[^-–—()\d]{1,160}[-–—]\s)", re.I)


def read_sentence(article: Article, scope: Scope, index: int, start: int, end: int) -> Sentence:
    """Slice the article for one sentence; resolve its periods and area anaphors against `scope`."""
    text = article.text
    s_areas = article.area_spans.within(start, end)
    s_figures = article.figures.within(start, end)
    resolved = []
    local_context = scope.context_period
    for p in article.periods.within(start, end):
        value = resolve_relative(p, local_context, article.full_years, article.published)
        resolved.append((p, value))
        if value is not None and p.kind in ("explicit", "months", "last_year"):
            local_context = value  # "130 ... in the year to May 2022, against 74 the year before"
    resolved_areas = []
    for a in s_areas:
        if a.kind == "anaphor":
            before = [b for b in s_areas if b.kind in ("force", "place") and b.end <= a.start]
            if article.page and text[a.start:a.start + 3].lower() == "our":
                area = article.page  # "our force area" on a force's or commissioner's page (GUIDELINES 17)
            else:
                area = before[-1].area if before else (scope.last_claim_area or article.dominant or article.page)
        else:
            area = a.area
        if area:
            resolved_areas.append((a, area))
    s_stage = article.stage_cues.within(start, end)
    s_offence = article.offence_cues.within(start, end)
    s_text = text[start:end]
    line_prefix = text[text.rfind("\n", 0, start) + 1:start]
    bulleted = bool(re.match(r"[•\-*·–]\s", s_text)) or bool(re.fullmatch(r"\s*[•\-*·–]\s*", line_prefix))
    line_end = text.find("\n", start)
    bulleted = bulleted or bool(_LABEL_VALUE_LINE.fullmatch(text, start - len(line_prefix), line_end if line_end >= 0 else len(text)))
    return Sentence(
        index=index, start=start, end=end, text=s_text, figures=s_figures, areas=s_areas,
        resolved=resolved, resolved_areas=resolved_areas, stage=s_stage, offence=s_offence,
        sources=article.source_spans.within(start, end),
        has_funnel=any(c.label != "other" for c in s_stage if c.weight >= STRONG),
        has_offence=any(c.label != "other" for c in s_offence),
        fig_spans=[(f.start, f.end) for f in s_figures],
        parens=parentheticals(text, start, end, s_figures),
        is_item=bulleted or (scope.header is not None and index == scope.header[0] + 1),
    )


_LIST_LABEL = re.compile(
    r"\s*(?:(?:[QA]|Question\s+|Answer\s+)?(?P<n>\d{1,2}|[a-h])[.):]|(?:[QA]|Question\s+|Answer\s+)(?P<q>\d{1,2})(?=\s|$))\s*", re.I)


# An FOI request's item worded as a request, not a question: "Please provide the number of ...",
# "Could you tell me ...", "I would like to know ..."
_REQUEST = re.compile(
    r"\s*(?:(?:[QA]|Question\s+)?\d{1,2}[.):]\s*)?(?:please\s+(?:could\s+you\s+)?|kindly\s+)?"
    r"(?:(?:provide|state|supply|confirm|tell\s+me|give|list|send|disclose|advise|detail|outline|break\s+down)\b"
    r"|(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:provide|tell|state|confirm|supply|give|list|send|disclose|advise|detail)\b"
    r"|i\s+(?:would|should)\s+like\b|i\s+(?:wish|request|am\s+requesting|am\s+asking)\b|how\s+many\b)", re.I)


# "The figures also show how many investigations ended because the victim withdrew.": the
# bare figures of the next sentence ("In 2018 there were 1,204.") answer it
HOW_MANY = re.compile(r"\bhow\s+many\b", re.I)


# A sentence that looks back from the story's period: its year dates it alone, not the sentences after it
_LOOK_BACK = re.compile(
    r"\s*(?:(?:\w+|\d+)\s+years?|a\s+(?:decade|year)|a\s+few\s+years|ten\s+years|two\s+decades)\s+(?:earlier|ago|before|previously)\b", re.I)


# Words that set another force beside the story's own for comparison.
_COMPARISON_ASIDE = re.compile(
    r"\b(?:neighbouring|nearby|neighbour\s+forces?|while\s+in|whereas\s+in|"
    r"the\s+(?:equivalent\s+|comparable\s+)?figure\s+(?:for\s+[^,.;]{1,30}?\s+)?(?:was|is|stood))\b", re.I)
_OF_THESE = re.compile(r"\bof\s+(?:these|those|them)\b", re.I)
_RATE_ASKED = re.compile(r"\b(?:percentage|proportion|share|rate|per\s*cent|%)", re.I)


def _in_stacked_table(sentence: Sentence, cells: dict) -> bool:
    """True for a line of a table saved one cell per line: a value cell, or a short label cell."""
    if sentence.figures:
        return all(f.start in cells for f in sentence.figures)
    text = sentence.text.strip()
    return 0 < len(text) <= 40 and not text.endswith((".", "?", "!", ":")) and "\n" not in text


def enter_sentence(scope: Scope, sentence: Sentence, cells: dict | None = None) -> None:
    """Open or close the list the sentence may belong to, before its figures are read.

    `cells` are the article's stacked table cells: a question's header stays over every row of
    the table that answers it ("Q3." then "2014/15", "21", "2015/16", "17")."""
    label = _LIST_LABEL.match(sentence.text)
    if label:
        scope.label = label.group("n") or label.group("q")
    elif not (scope.header is not None and scope.header[0] == sentence.index - 1 and scope.label):
        scope.label = None  # a bare "1." labels the sentence after it
    asked = scope.questions.get(scope.label) if label and not sentence.text.rstrip().endswith("?") else None
    if asked is not None:
        # "2. 2021: 210": the answer to the request's question 2, whatever was asked last
        scope.header = (sentence.index if label.end() >= len(sentence.text.rstrip()) else sentence.index - 1,) + asked
    elif label and label.end() >= len(sentence.text.rstrip()) and scope.header is not None:
        scope.header = (sentence.index,) + scope.header[1:]  # "1.", "A1.": the label of the item that follows
    elif scope.header is not None and scope.header[2] and cells and _in_stacked_table(sentence, cells) \
            and scope.header[0] == sentence.index - 1:
        scope.header = (sentence.index,) + scope.header[1:]  # the next row of the table the question heads
    elif not sentence.is_item:
        scope.header = None
    elif scope.header is None and scope.prev_named_area:
        scope.header = (sentence.index - 1, scope.prev_named_area, None, None)  # a list introduced by a plain sentence


def carry_forward(article: Article, scope: Scope, sentence: Sentence, s_claims: list[Claim]) -> None:
    """Update the scope after a sentence: national scope, list header, force, period, source, offence."""
    resolved_areas = sentence.resolved_areas
    local = any(a.kind in ("force", "place", "anaphor") for a, _ in resolved_areas)
    if _NATIONAL_OPENER.match(sentence.text) and not local:
        # ("Nationally, the rate is 4.9%, while in our area it is 5.9%": the contrast names a force)
        scope.national_scope = next((area for a, area in resolved_areas if a.kind == "national"), NATIONAL)
        scope.national_para = article.paragraph_of(sentence.start)
    elif local:
        scope.national_scope = None
    scope.prev_named_area = next((area for a, area in resolved_areas if a.kind in ("force", "place", "national")), None)
    asks = sentence.text.rstrip().endswith("?") or bool(
        (_REQUEST.match(sentence.text) or article.in_request(sentence.start)) and not sentence.figures)
    if sentence.text.rstrip().endswith(":") or asks:
        # A list header, or a question (an FOI request) whose answer follows.
        strong = [c for c in sentence.stage if c.weight >= STRONG and c.label != "other"]
        # A header that names no place ("By the numbers:") leaves its items to their own context.
        header_area = next((area for a, area in resolved_areas if a.kind in ("force", "place", "national")),
                           scope.last_area if scope.last_area not in NATIONAL_AREAS else None)
        keep = scope.header if scope.header is not None and scope.header[2] and not strong and header_area is None \
            and not sentence.figures and not (asks and scope.label and not _OF_THESE.search(sentence.text)) \
            else None  # a new numbered question asks afresh, unless it asks "How many of these ...?"
        # "Our response:" after a question keeps the question's stage for the answer that follows
        if keep:
            scope.header = (sentence.index,) + keep[1:]
        else:
            label = strong[-1].label if strong else None
            if label is None and asks and any(c.label == "other" and c.weight >= WEAK_OTHER for c in sentence.stage):
                label = "other"  # "What percentage of victims were female?": its answer is no funnel stage
            # "What percentage of rapes recorded resulted in a charge?": the rate's base, named before its stage
            base = next((c.label for c in strong if c.label != label), None) if label and _RATE_ASKED.search(sentence.text) else None
            scope.header = (sentence.index, header_area, label, base)
        if asks and scope.label:
            scope.questions[scope.label] = scope.header[1:]
    scope.prev2_sentence_start, scope.prev_sentence_start = scope.prev_sentence_start, sentence.start
    named = [(a.kind, area) for a, area in resolved_areas if a.kind in ("force", "place", "national")]
    forces_named = [area for kind, area in named if kind != "national"]
    aside = bool(forces_named) and scope.last_area == article.dominant and article.dominant not in forces_named \
        and bool(_COMPARISON_ASIDE.search(sentence.text)) and bool(s_claims) and all(c.unit == "percent" for c in s_claims)
    if named:
        scope.last_area_para = article.paragraph_of(sentence.start)
        if article.dominant in forces_named:
            scope.last_area = article.dominant
        elif aside:
            pass  # "In neighbouring Dorset, the figure was 6.1%": a force compared with, the story stays with its own
        else:
            scope.last_area = forces_named[0] if forces_named else named[-1][1]
        scope.last_area_sent = sentence.index
    elif resolved_areas:
        scope.last_area_sent = sentence.index
    if s_claims and not s_claims[-1].area_inherited and s_claims[-1].area not in NATIONAL_AREAS \
            and not (aside and s_claims[-1].area != article.dominant):
        scope.last_claim_area = s_claims[-1].area  # "the force" after this sentence (not a force compared with)
    scope.previous_claims = s_claims
    # a survey estimate of reporting ("two-thirds go unreported") is national, and says nothing of the force to come
    scope.previous_placed = [c for c in s_claims if (c.unit != "percent" or c.change or not is_victim_reporting_share(
        article.text, c.char_start, c.char_end, c.quote_start, c.quote_start + len(c.quote))) and not (aside and c.area != article.dominant)]
    asked = HOW_MANY.search(sentence.text) if not sentence.figures else None
    named = [c for c in sentence.stage if asked and c.start >= sentence.start + asked.end() and c.weight >= STRONG]
    scope.asked = (sentence.index, max(named, key=lambda c: c.weight).label) if named else None
    cues = sentence.stage
    if not sentence.figures and _RATE_NOUN.search(sentence.text):
        cues = find_stage_cues(article.doc, sentence.start, sentence.end)  # cues are found only where figures are
    strong = [c for c in cues if c.weight >= STRONG and c.label not in ("other", "recorded", "reported")]
    if not sentence.figures and strong:
        scope.topic_stage = max(strong, key=lambda c: c.weight).label  # "The share of cases ending with the victim pulling out ..."
    elif any(c.stage not in ("other", "recorded", "reported") for c in s_claims):
        scope.topic_stage = next(c.stage for c in reversed(s_claims) if c.stage not in ("other", "recorded", "reported"))
    elif s_claims and strong and all(c.stage == "other" for c in s_claims):
        # "Around a third of the victims in those withdrawn cases were under 25": its figure is no
        # stage's, but the cases it speaks of are the topic now
        scope.topic_stage = max(strong, key=lambda c: c.weight).label
    # A relative "last year" in a sentence without figures dates an event, not the figures to come.
    kinds = ("explicit", "last_year", "months") if sentence.figures else ("explicit", "months")
    explicit = [(p, v) for p, v in sentence.resolved if v is not None and p.kind in kinds
                and (sentence.figures or not single_month(v))  # "a report published in March 2013" dates the report
                and not is_comparison(article.text, p.start)  # "compared with 2015/16", "since 2015-16"
                and not names_comparand(article.text, p.start)  # "up on 702 in 2016/17"
                and not _LOOK_BACK.match(sentence.text)]  # "Five years earlier, in 2012, the force recorded 248."
    if is_row(sentence.text):
        scope.context_period, scope.context_pair = None, None  # a flattened table: its rows are not the prose's period
    elif explicit:
        scope.context_period, scope.context_period_text = explicit[-1][1], explicit[-1][0].text.strip(" ,.;:")
        scope.context_last_unit = explicit[-1][0].last_unit
        distinct = list(dict.fromkeys(v for _, v in explicit))
        scope.context_pair = distinct[-2:] if len(distinct) >= 2 else None
    framing = [m for m in sentence.sources if all(m.end <= f.start for f in sentence.figures)
               or all(m.start >= f.end for f in sentence.figures) or tags_clause(article.text, m)]
    if framing:
        scope.current_source = framing[0].name
        scope.source_for_nation = bool(s_claims) and all(c.area in NATIONAL_AREAS for c in s_claims)
    real_offences = [c.label for c in sentence.offence if c.label != "other"]
    if real_offences:
        scope.last_offence = real_offences[-1]
