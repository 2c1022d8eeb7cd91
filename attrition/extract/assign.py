"""Which cue governs a figure: choices made over the dependency parse.

A figure's stage is the cue closest to it in the parse tree, with two rules of
English on top: the predicate of a clause whose subject holds the figure names
what the figure became (`126 reported rapes ended in charges` -> charged), and a
verb whose object is the figure names what was done to it (`referred 56 of these
allegations` -> referred). Cues inside the figure's own phrase then give a
rate's denominator (`8% of rapes reported` -> of reported).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain, islice

from spacy.tokens import Doc, Span, Token

from attrition.extract.cues import Cue, change_noun_before_bracket
from attrition.extract.doctext import text_of
from attrition.extract.lexicon import BARE_RAPES, CONTEXT, STAGE, STRONG

_CLIMB = {"nummod", "quantmod", "compound", "amod", "prep", "pobj", "advmod", "det", "appos",
          "npadvmod", "nmod", "pcomp", "conj", "cc", "punct", "attr", "dep", "poss", "case"}
_SUBJECT = {"nsubj", "nsubjpass", "csubj"}
_OBJECT = {"dobj", "obj", "dative", "oprd"}


@dataclass(frozen=True)
class Governed:
    """A cue chosen for a figure: its label, the cue, and whether it sits inside the figure's phrase."""

    label: str
    cue: Cue
    inside: bool


def depth(token: Token) -> int:
    """Number of edges from `token` up to its sentence root."""
    d = 0
    while token.head is not token and d < 200:
        token = token.head
        d += 1
    return d


_MAX_CLIMB = 40  # ancestors looked at: a deeper path is as good as none (and a run-on chain stays cheap)


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency edges on the path between two tokens of one sentence (50: too far)."""
    ancestors_a = {t.i: n for n, t in enumerate(islice(chain([a], a.ancestors), _MAX_CLIMB))}
    for n, t in enumerate(islice(chain([b], b.ancestors), _MAX_CLIMB)):
        if t.i in ancestors_a:
            return ancestors_a[t.i] + n
    return 50


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def figure_phrase(anchor: Token, stop: set[int] = frozenset()) -> tuple[Token, str | None, Token | None]:
    """Climb from a figure's token to the head of its noun phrase.

    Returns (phrase_head, relation, verb): `relation` is `subject` or `object`
    when the phrase is the subject or object of `verb`, `adjunct` when it sits
    in an `in`/`for`/`among` phrase of `verb`, else None. The climb
    stops at tokens in `stop` (another figure: `20 of the 140 files` does not
    make 140 the subject of 20's verb).
    """
    token = anchor
    for _ in range(8):
        if token.head.i in stop:
            return token, None, None
        if token.dep_ in _SUBJECT:
            head = token.head
            if head.dep_ in ("aux", "auxpass") and head.head is not head:
                head = head.head  # the parser hung the subject on "were": the clause's verb is "closed"
            return token, "subject", head
        if token.dep_ in _OBJECT:
            return token, "object", token.head
        if token.dep_ in ("conj", "appos") and token.pos_ in ("NOUN", "PROPN") and token is not anchor:
            return token, None, None  # "1,147 recorded rapes, 76 convictions and ...": each conjunct its own
        if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ in ("VERB", "AUX") \
                and token.head.lower_ in ("in", "for", "among", "across"):
            # "Suspects were charged in 12 of those crimes", "In 41 per cent of them, officers closed the case":
            # the clause says what happened in the figure's cases.
            return token, "adjunct", token.head.head
        if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ in _LEVEL_PREPS \
                and token.head.head.pos_ in ("VERB", "AUX") and token.head.head.lemma_ not in OUTCOME_VERBS \
                and _bare_figure(token):
            # "the charge rate dropped from 7.5 per cent to 5.1 per cent": a bare figure is a level
            # of what the verb's subject names.
            return token, "level", token.head.head
        if token.dep_ in ("attr", "acomp") and token.head.lemma_ in ("be", "stand", "remain") and _bare_figure(token):
            # "the conviction rate stood at 52.3%": a bare figure after a copula is a level of its subject.
            return token, "level", token.head
        if token.dep_ in _CLIMB and token.head is not token:
            token = token.head
            continue
        break
    return token, None, token.head if token.head is not token else None


_LEVEL_PREPS = {"from", "to", "at", "by"}
_UNIT_WORDS = {"cent", "%", "percent", "pc"}


def _bare_figure(token: Token) -> bool:
    """True when `token` is a number or a percentage with no noun of its own (`1,350`, `6.8 per cent`)."""
    return token.like_num or token.pos_ == "NUM" or token.lower_ in _UNIT_WORDS


def _subject_of(verb: Token) -> Token | None:
    """The subject of `verb`, or None (a conjoined verb's subject is not borrowed: the parser
    often hangs a second clause's subject elsewhere)."""
    return next((child for child in verb.children if child.dep_ in _SUBJECT), None)


class _Ids:
    """Token indices: exact sets for ordinary subtrees, index ranges for huge ones.

    A subtree spanning more than `_EXACT_SPAN` tokens (a run-on "sentence" of
    thousands of figures) is taken as the range between its edges, so membership
    costs nothing however big it is; smaller ones are exact, because the parser's
    appositions can cross (a range would then hold words of the main clause).
    """

    __slots__ = ("ranges", "ids")

    def __init__(self, ranges=(), ids=()):
        self.ranges = list(ranges)
        self.ids = set(ids)

    def __contains__(self, i: int) -> bool:
        return i in self.ids or any(a <= i < b for a, b in self.ranges)

    def __or__(self, other: "_Ids") -> "_Ids":
        return _Ids(self.ranges + other.ranges, self.ids | other.ids)

    def __bool__(self) -> bool:
        return bool(self.ranges or self.ids)


_EXACT_SPAN = 200


def _subtree_ids(token: Token) -> _Ids:
    left, right = token.left_edge.i, token.right_edge.i
    if right - left < _EXACT_SPAN:
        return _Ids(ids=(t.i for t in token.subtree))
    return _Ids([(left, right + 1)])


def choose(doc: Doc, fig_start: int, fig_end: int, cues: list[Cue],
           other_figures: list[tuple[int, int]] = ()) -> tuple[Governed | None, Governed | None]:
    """Return (governing cue, cue inside the figure's own phrase) for the figure at fig_start:fig_end.

    `cues` are the candidate cues of the figure's sentence; `other_figures` are
    the character spans of the sentence's other figures, whose own phrases are
    penalised as governors. Either result may be None.
    """
    scored = score_cues(doc, fig_start, fig_end, cues, other_figures)
    if not scored:
        return None, None
    best = min(scored, key=lambda s: s[1])
    if best[0].weight < CONTEXT:
        # A bare "outcomes" or "offences" names what is counted, not a stage: a stage word close by wins.
        strong = [s for s in scored if s[0].weight >= CONTEXT and s[0].label != "other" and s[1] <= best[1] + 3.0]
        if strong:
            best = min(strong, key=lambda s: s[1])
    inside = [s for s in scored if s[2]]
    inside_best = min(inside, key=lambda s: s[1]) if inside else None
    return (Governed(best[0].label, best[0], best[2]),
            Governed(inside_best[0].label, inside_best[0], True) if inside_best else None)


def score_cues(doc: Doc, fig_start: int, fig_end: int, cues: list[Cue],
               other_figures: list[tuple[int, int]] = ()) -> list[tuple[Cue, float, bool]]:
    """Return (cue, cost, inside_figure_phrase) for every cue; the lowest cost governs.

    The cost is the cue's distance from the figure in the parse, adjusted by the
    rules in the module docstring. Exposed for debugging and tests.
    """
    fig = _span(doc, fig_start, fig_end)
    if fig is None or not cues:
        return []
    anchor = fig.root
    other_tokens = set()
    for s, e in other_figures:
        span = _span(doc, s, e)
        if span is not None:
            other_tokens |= {t.i for t in span}
    head, relation, verb = figure_phrase(anchor, other_tokens)
    own = _subtree_ids(anchor) | _Ids(ids=range(fig.start, fig.end))
    phrase = _subtree_ids(head) if relation else own
    verb_tree = _subtree_ids(verb) if verb is not None else _Ids()
    other_trees = []
    for s, e in other_figures:
        span = _span(doc, s, e)
        if span is not None and span.root.i not in own:
            other_trees.append(_subtree_ids(span.root))

    subject = _subject_of(verb) if relation == "level" and verb is not None else None
    subject_tree = _subtree_ids(subject) if subject is not None else _Ids()
    partitive = _partitive_ids(anchor)
    described = _clause_ids(head)
    if anchor.dep_ in ("nummod", "quantmod") and anchor.head is not head:
        # "1,200 reported rapes recorded by the force": a participle on the noun counted is its predicate
        described = described | _clause_ids(anchor.head)
    # "Rape reports recorded by the force rose to 2,100": a participle on the subject a level is of,
    # unless the subject's own word is the stronger ("the 'no crimes' recorded were at 33%")
    subject_described = _clause_ids(subject) if subject is not None else _Ids()
    roots = {}
    for cue in cues:
        span = _span(doc, cue.start, cue.end)
        if span is not None:
            roots[cue] = span.root
    strong_roots = {r.i for c, r in roots.items() if c.weight >= STRONG}
    if strong_roots:
        # A bare "rapes" only says "recorded" when nothing else in the sentence says anything.
        roots = {c: r for c, r in roots.items() if c.weight > BARE_RAPES}
    # "410 were closed because the victim withdrew and 95 were closed due to evidential difficulties":
    # when the figure's own predicate names a stage, a cue in another clause (even its head) yields.
    own_predicate = relation in ("subject", "adjunct") and any(
        r.i in verb_tree and c.weight >= STRONG and c.label != "other" for c, r in roots.items())
    scored = []
    for cue, root in roots.items():
        if cue.weight < CONTEXT and any(ch.i in strong_roots and ch.dep_ in ("amod", "compound") for ch in root.children):
            continue  # "reported offences": the modifier, not the bare noun, names the stage
        in_phrase = root.i in phrase
        linear = min(abs(root.i - anchor.i), abs(root.i - fig.end), abs(root.i - fig.start))
        if root.i in subject_tree and cue.label != "other" and cue.weight >= STRONG:
            # The subject names what the bare figure is a level of.
            cost = 0.3 + 0.5 * tree_distance(subject, root) + (1.0 - cue.weight) + 0.02 * linear
        elif relation in ("subject", "adjunct") and root.i in verb_tree and not in_phrase:
            # The predicate says what the subject's figure became.
            cost = 0.5 + 0.5 * tree_distance(verb, root) + (1.0 - cue.weight) + 0.06 * linear
        elif relation == "object" and root.i == verb.i:
            cost = 0.5 + (1.0 - cue.weight)
        else:
            cost = tree_distance(anchor, root) + 0.08 * linear + (1.0 - cue.weight) * 1.5
        if own_predicate and root.i not in verb_tree and root.i not in phrase:
            cost += 1.0
        if root.i in partitive:
            cost += 3.0  # "12 of those crimes": the denominator, not the stage
        if relation == "subject" and in_phrase and cue.weight < CONTEXT:
            cost += 1.0  # "one in six female victims ... reported it": the noun counted, not what happened
        if root.i in described or (root.i in subject_described and cue.weight >= max(
                (c.weight for c, r in roots.items() if r.i == subject.i), default=0.0)):
            cost -= 1.0  # "69 reports which were not recorded as a crime"
        if any(root.i in tree and root.i not in own for tree in other_trees):
            cost += 1.5
        if cue.weight >= STAGE and _VERB_THEN_FIGURE.fullmatch(text_of(doc), cue.end, fig_start) \
                and text_of(doc)[cue.start:cue.end].endswith("ed") and relation != "subject":
            cost = min(cost, 0.4)  # "no-crimed 57 reports", "charged 41 men": the verb takes the figure as object
        inside = root.i in own or (in_phrase and relation == "subject") or (
            root.i in subject_tree and cue.label != "other" and cue.weight >= STRONG)
        scored.append((cue, cost, inside))
    return scored


_VERB_THEN_FIGURE = re.compile(r"\s+(?:(?:just|only|some|about|around|nearly|almost|over|a\s+total\s+of)\s+)?", re.I)


def _partitive_ids(anchor: Token) -> _Ids:
    """Tokens of an `of` phrase hanging off the figure (`12 of those crimes`, `7% of rapes`)."""
    ids = _Ids()
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "out"):
            ids |= _subtree_ids(child)
            # "7 per cent of rapes reported to X": the parser may hang "reported" on "cent"
            ids |= _Ids(ids=(t.i for t in anchor.subtree if t.i > child.i)) if anchor.right_edge.i - anchor.left_edge.i \
                < _EXACT_SPAN else _Ids([(child.i + 1, anchor.right_edge.i + 1)])
    if anchor.head is not anchor and anchor.head.lower_ in ("cent", "%", "percent") and anchor.head.i != anchor.i:
        for child in anchor.head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                ids |= _subtree_ids(child)
    return ids


def _clause_ids(head: Token) -> _Ids:
    """Tokens of a relative or participial clause describing the figure's noun (or the noun of its `of` phrase)."""
    ids = _Ids()
    nouns = [head] + [t for child in head.children if child.dep_ == "prep" and child.lower_ == "of"
                      for t in child.children if t.dep_ == "pobj"]
    for noun in nouns:
        for child in noun.children:
            if child.dep_ in ("relcl", "acl"):
                ids |= _subtree_ids(child)
    return ids


def nearest_by_tree(doc: Doc, fig_start: int, fig_end: int, spans: list[tuple]) -> object | None:
    """Return the payload of the span nearest the figure in the parse (ties: nearest in text).

    `spans` holds (start, end, payload) or (start, end, payload, penalty) tuples;
    a penalty is added to that span's distance.
    """
    fig = _span(doc, fig_start, fig_end)
    if fig is None or not spans:
        return None
    anchor = fig.root
    best, best_cost = None, 1e9
    for start, end, payload, *penalty in spans:
        span = _span(doc, start, end)
        if span is None:
            continue
        chars = start - fig_end if start >= fig_end else fig_start - end
        cost = tree_distance(anchor, span.root) + 0.01 * max(chars, 0) + (penalty[0] if penalty else 0.0)
        if cost < best_cost:
            best, best_cost = payload, cost
    return best


def _sentence_of(doc: Doc, i: int) -> tuple[int, int]:
    """Token bounds of the sentence holding token `i`, at most 100 tokens either side
    (walks sentence starts; Span.sent is slow)."""
    start = i
    while start > 0 and start > i - 100 and not doc[start].is_sent_start:
        start -= 1
    end = i + 1
    while end < len(doc) and end < i + 100 and not doc[end].is_sent_start:
        end += 1
    return start, end


# Verbs that say what the cases became ("led to a charge", "resulted in", "ended in", "saw", "secured"), as lemmas.
OUTCOME_VERBS = frozenset({"lead", "result", "end", "see", "secure"})


_BASE_AFTER = re.compile(r"\s+(?:out\s+of|of)\s+(?:the\s+|all\s+)?(?:about\s+|around\s+|some\s+)?", re.I)


def outcome_cue(doc: Doc, fig_start: int, fig_end: int, cues: list[Cue],
                other_figures: list[tuple[int, int]] = (), same_value: frozenset[int] = frozenset()) -> Cue | None:
    """The stage a figure's cases reached, when an outcome verb follows the figure.

    `9 per cent of rape complaints ended in a charge`, `one in six logged rapes led to a
    conviction`, `only 17 end in a charge`: the first stage cue after `led to`,
    `resulted in`, `ended in`, `saw`, `secured` names the stage, however the parser
    attached the words. Stops at another figure or the end of the clause, but not at one
    that starts at a position in `same_value`: the same figure in other words ("one in 40
    rapes reported in 2022 - 2.5% - resulted in a charge").
    """
    fig = _span(doc, fig_start, fig_end)
    if fig is None:
        return None
    head, relation, verb = figure_phrase(fig.root)
    # "a 4 per cent chance that going to the police ends in a conviction"
    chance = fig.end < len(doc) and doc[fig.end].lower_ in ("chance", "likelihood", "probability", "risk", "odds")
    if relation == "object" and not chance:
        return None  # "referred 56 of these allegations": the verb, not a later clause, says what
    if re.search(r"(?:\d|\bper\s*cent|%|\bone|\bhalf|\bthird|\bquarter|\bnone|\bmost|\bmany|\ball|\bsome|\bfew|\beach)\s+"
                 r"(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+)?$",
                 text_of(doc)[max(0, fig_start - 24):fig_start], re.I):
        return None  # "a tenth of the 900 reports led to ...", "none of the 40 ...": the 900, the 40 are the base
    if relation == "level" and verb is not None:
        subject = _subject_of(verb)
        if subject is not None and subject.lower_ not in ("that", "this", "it", "which"):
            # "The share of logged rapes ending in a conviction was 3.9%": the outcome is in the subject;
            # "That is one in 68 reports ending in a conviction": a pronoun names none, the words after do.
            words = list(subject.subtree)
            for token in words:
                if token.lemma_ in OUTCOME_VERBS:
                    end_char = words[-1].idx + len(words[-1])
                    after = [c for c in cues if token.idx <= c.start < end_char and c.label != "other" and c.weight >= STRONG]
                    return min(after, key=lambda c: c.start) if after else None
            return None
    sentence = _sentence_of(doc, fig.start)
    sent_start, sent_end = sentence
    text = text_of(doc)
    # "48, or five per cent, ended in a charge": a restatement of the figure is no stop
    restated = {s: e for s, e in other_figures if s > fig_end and _RESTATEMENT.fullmatch(text[fig_end:s])}
    restated_end = max(restated.values(), default=-1)
    # "17 out of 885 offences recorded ... resulted in charges": the 885 is the 17's base, no stop
    base = {s for s, _ in other_figures if s > fig_end and _BASE_AFTER.fullmatch(text[fig_end:s])}
    stops = {s for s, _ in other_figures if s > fig_end and s not in restated and s not in base and s not in same_value}
    for token in doc[fig.end:min(sent_end, fig.end + 20)]:
        if token.idx < restated_end or (token.text in ",)" and text[restated_end:token.idx].strip() == ""):
            continue
        if token.text == "(" and token.i + 1 < len(doc) and doc[token.i + 1].idx in same_value:
            continue  # "(2.5 per cent)": the same figure in brackets
        if token.idx in stops or token.text in (";", ".", "—", "(") or (token.text == "," and token.i > fig.end + 8):
            return None
        after_noun = doc[token.i - 1].pos_ in ("NOUN", "PROPN")
        next_word = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        participle = after_noun and (token.tag_ in ("VBN", "VBG") or (
            token.tag_ == "VBD" and next_word in ("to", "by", "in", "at", "for", "from", "as", "over", "during",
                                                  "between", "since", "last", "this", "within", "across")))
        participle = participle or (token.text[:1].isupper() and token.i > sent_start)  # a mis-tagged name
        # "one in 26 reported rapes ends in a charge": a verb form before the noun it modifies, however tagged
        participle = participle or (token.tag_ in ("VBD", "VBN") and token.i + 1 < sent_end
                                    and doc[token.i + 1].tag_ in ("NNS", "NN") and doc[token.i + 1].dep_ not in ("dobj", "pobj"))
        if token.pos_ in ("VERB", "AUX") and token.lemma_ not in OUTCOME_VERBS and not participle and not chance \
                and token.dep_ not in ("acl", "amod", "relcl", "compound") and token.head.lemma_ not in OUTCOME_VERBS:
            return None
        if token.lemma_ in OUTCOME_VERBS:
            if token.lower_.endswith("ing") and doc[token.i - 1].text == ",":
                return None  # ", leading to 28 convictions" qualifies the main clause
            window_end = doc[min(sent_end, token.i + 10) - 1].idx + len(doc[min(sent_end, token.i + 10) - 1])
            after = [c for c in cues if token.idx <= c.start < window_end and c.label != "other" and c.weight >= STRONG]
            if not after:
                return None
            first = min(after, key=lambda c: c.start)
            if any(token.idx <= s < first.start for s, _ in other_figures):
                return None  # "980 complaints leading to 27 charges": the charges are the 27's
            return first
    return None


def relative_outcome(doc: Doc, fig_start: int, fig_end: int, cues: list[Cue]) -> Cue | None:
    """The stage named in a relative clause on a share's base: `7 per cent of recorded rapes that
    resulted in a charge` -> the "charge" cue, wherever the parser hung the figure itself.

    The tree it looks for: figure -prep-> "of" -pobj-> base -relcl-> an outcome verb
    (OUTCOME_VERBS). None when the figure's "of" phrase has no such clause or the clause names no stage.
    """
    fig = _span(doc, fig_start, fig_end)
    if fig is None:
        return None
    heads = [fig.root] + ([fig.root.head] if fig.root.dep_ in ("nummod", "quantmod") else [])  # "7" -> "cent"
    for head in heads:
        for of in head.children:
            if of.lower_ != "of" or of.i < fig.end - 1:
                continue
            for base in of.children:
                for clause in base.children:
                    if base.dep_ == "pobj" and clause.dep_ == "relcl" and clause.lemma_ in OUTCOME_VERBS:
                        last = doc[max(t.i for t in clause.subtree)]
                        after = [c for c in cues if clause.idx <= c.start < last.idx + len(last)
                                 and c.label != "other" and c.weight >= STRONG]
                        return min(after, key=lambda c: c.start) if after else None
    return None


_RESTATEMENT = re.compile(r"\s*+(?:,\s*or|\(|,?\s*[–—-])\s*+(?:just\s+|only\s+|about\s+|around\s+)?")
_CHANGE_NOUN_AFTER = re.compile(
    r"^\s*(?:\w+\s+)?(?:increase|rise|fall|drop|decrease|reduction|jump|decline)\s+in\s+", re.I)


def change_cue(text: str, fig_start: int, fig_end: int, clause_start: int, cues: list[Cue]) -> Cue | None:
    """The quantity a rise or fall is about.

    `an 8.4 per cent drop in referrals` names it after the figure; `the number of
    guilty verdicts dropped by 3.7 per cent` and `the number of guilty verdicts by 3.7 per cent`
    name it before, in the same clause.
    """
    noun = change_noun_before_bracket(text, fig_start, clause_start)
    if noun is not None:
        # "a dip in charge rates for rape (2.5%), stalking (0.9%) and burglary (3%)":
        # every bracket shares the quantity named with the change, not the words beside it:
        # the object of "fall in ...", up to the first bracket, else the clause's subject.
        first_bracket = text.find("(", noun, fig_start + 1)
        first_bracket = fig_start if first_bracket < 0 else first_bracket
        named = [c for c in cues if c.label != "other" and c.weight >= STRONG]
        after = [c for c in named if noun <= c.start < first_bracket]
        before = [c for c in named if clause_start <= c.start < noun]
        if after:
            return min(after, key=lambda c: c.start)
        if before:
            return max(before, key=lambda c: c.start)
    m = _CHANGE_NOUN_AFTER.match(text[fig_end:fig_end + 40])
    if m:
        after = [c for c in cues if c.start >= fig_end + m.end() - 1 and c.start <= fig_end + m.end() + 60 and c.label != "other"]
        strong = [c for c in after if c.weight >= STRONG]
        if strong or after:
            return min(strong or after, key=lambda c: c.start)
    left = text[clause_start:fig_start]
    cut = max(left.rfind(","), left.rfind(";"), left.rfind(" and "), left.rfind(" while "))
    lo = clause_start + cut + 1 if cut >= 0 else clause_start
    named = list(re.finditer(r"\b(?:number|numbers|amount|level|volume|proportion|total)\s+of\s+", text[lo:fig_start], re.I))
    if named:
        # "the number of guilty verdicts in rape trials went up by": the first noun after it
        after_named = [c for c in cues if lo + named[-1].end() <= c.start < fig_start and c.label != "other"]
        strong = [c for c in after_named if c.weight >= CONTEXT]  # "the number of rapes reported to X": not the bare noun
        if strong or after_named:
            return min(strong or after_named, key=lambda c: c.start)
    before = [c for c in cues if lo <= c.start and c.end <= fig_start and c.label != "other"]
    if before:
        return max(before, key=lambda c: (c.weight >= STRONG, c.start))
    return None
