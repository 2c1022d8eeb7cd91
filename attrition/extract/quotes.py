"""Direct quotations and who said them.

`find_quotes(text, people)` returns the spans of speech in `text` with their
speaker. It handles curly and straight quote marks, quotations that run over
several paragraphs (each opening with a quote mark, the closing mark only at the
end), `X said:` before and `said X` after, and pronouns (`she said`) resolved to
the last person named. Unbalanced quote marks never raise: an unclosed quote
ends with its paragraph unless the next paragraph continues it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from attrition.extract.sources import known_body

OPENERS = "“\"‘'"
_CLOSE_FOR = {"“": "”\"", "\"": "\"”", "‘": "’'", "'": "'’"}
_SPEECH_VERBS = r"(?:said|says|added|adds|explained|continued|told|warned|warns|stated|states|commented|insisted|admitted|claimed|argued|replied|remarked|noted|acknowledged)"
_TITLES = re.compile(
    r"^(?:(?:Detective|Det|Chief|Assistant|Deputy|Temporary|Acting|Superintendent|Supt|Inspector|Insp|Constable|Sergeant|Sgt|"
    r"Commissioner|Commander|Cmdr|DCI|DI|DS|DC|DSU|ACC|DCC|PCC|Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Baroness|"
    r"Cllr|Councillor|Ex-mayor|Mayor|MP|Police|and|Crime|Dame)\.?\s+)+"
)


_ORGANISATION_WORDS = re.compile(
    r"^(?:Police|Constabulary|Service|Office|Council|Society|Group|Crisis|Trust|Commission|Inspectorate|"
    r"Ministry|Department|Government|Charity|Centre|Center|Spokesman|Spokeswoman|Spokesperson|Court)$")


_SPOKESPERSON = re.compile(r"^(?:Spokesman|Spokeswoman|Spokesperson)$")


@dataclass(frozen=True)
class Quote:
    """Speech at `text[start:end]` (quote marks included); `speaker` is a person's name or None."""

    start: int
    end: int
    speaker: str | None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in re.finditer(r"\n", text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def _is_speech_open(text: str, i: int, para_start: int) -> bool:
    """A quote mark opens speech (not a scare quote) when long text follows it."""
    ch = text[i]
    if ch in "‘'":
        # Single quotes are speech only after a colon or at the start of a paragraph.
        lead = text[para_start:i].rstrip()
        if lead and not lead.endswith(":") and not lead.endswith(","):
            return False
        if i > 0 and text[i - 1].isalnum():
            return False  # an apostrophe
    close = _find_close(text, i)
    inner = text[i + 1:close if close is not None else min(len(text), i + 200)]
    return len(inner.split()) >= 5


def _find_close(text: str, i: int) -> int | None:
    closers = _CLOSE_FOR.get(text[i], "”\"")
    para_end = text.find("\n", i + 1)
    para_end = len(text) if para_end == -1 else para_end
    for j in range(i + 1, para_end):
        if text[j] in closers:
            if text[j] in "'’" and j + 1 < len(text) and text[j + 1].isalpha():
                continue  # an apostrophe inside a word (don't, victims’)
            return j
    return None


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """Return (start, end, continues_previous) for each run of quoted speech.

    A paragraph that opens with a quote mark right after a paragraph whose quote
    never closed continues that quotation (`continues_previous` is True).
    """
    spans: list[tuple[int, int, bool]] = []
    open_at_end = False
    for p_start, p_end in _paragraphs(text):
        i = p_start
        first = True
        para_open_at_end = False
        while i < p_end:
            ch = text[i]
            if ch in OPENERS and not _is_speech_open(text, i, p_start):
                close = _find_close(text, i)
                if close is not None and close - i < 80 and not (ch in "'’" and i > 0 and text[i - 1].isalnum()):
                    i = close + 1  # a scare quote ("no crime"): its closing mark opens nothing
                    first = False
                    continue
            if ch in OPENERS and _is_speech_open(text, i, p_start):
                close = _find_close(text, i)
                continues = first and open_at_end and text[p_start:i].strip() == ""
                if close is None:
                    spans.append((i, p_end, continues))
                    para_open_at_end = True
                    break
                spans.append((i, close + 1, continues))
                i = close + 1
                first = False
                continue
            if not ch.isspace():
                first = False
            i += 1
        open_at_end = para_open_at_end
    return spans


def _clean_person(name: str) -> str:
    name = re.sub(r"[’']s$", "", name.strip(" ,.:;"))
    name = _TITLES.sub("", name)
    return name.strip(" ,.:;")


def _attribution(text: str, start: int, end: int, people: list[tuple[int, int, str]]) -> str | None | bool:
    """Return the speaker named next to the quote at text[start:end], None for a non-person
    attribution, or False when the quote carries no attribution at all."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 220):start]
    line_end = text.find("\n", end)
    after = text[end:line_end if line_end != -1 else len(text)][:160]
    m = re.search(rf"(?P<who>[^.\n“”\"]{{2,160}}?)\s+{_SPEECH_VERBS}(?:\s+the\s+[\w\s]+?|\s+that\s+(?:the|its|their)\s+\w+)?\s*[:,]?\s*$", before)
    if m:
        return _who(text, m.start("who") + max(line_start, start - 220), m.end("who") + max(line_start, start - 220), people)
    m = re.match(rf"^\s*[,.]?\s*(?:{_SPEECH_VERBS}\s+(?P<who1>[^.,;\n]{{2,80}})|(?P<who2>[^.,;\n“”\"]{{2,80}}?)\s+{_SPEECH_VERBS}\b)", after)
    if m:
        group = "who1" if m.group("who1") else "who2"
        return _who(text, end + m.start(group), end + m.end(group), people)
    return False


def _who(text: str, start: int, end: int, people: list[tuple[int, int, str]]) -> str | None:
    phrase = text[start:end].strip()
    if re.fullmatch(r"(?i)(?:he|she|they)", phrase.split()[-1] if phrase.split() else ""):
        earlier = [p for p in people if p[1] <= start]
        return _full_name(earlier[-1][2], people) if earlier else None
    inside = [_clean_person(p[2] + " ") for p in people if p[0] >= start and p[1] <= end]
    names = [n for n in inside if len(n.split()) >= 2] or [n for n in inside if n]
    if names:
        return _full_name(names[0], people)  # the subject comes first; later names sit in its apposition
    # "Detective Superintendent Anna Price, of Gwent Police": the name before the apposition
    for part in phrase.split(","):
        cleaned = _clean_person(part)
        words = cleaned.split()
        if known_body(cleaned):
            return known_body(cleaned)  # "The CPS states: ...": a statement quoted in a statistics body's name
        if words and _ORGANISATION_WORDS.search(words[-1]):
            named = re.sub(r"^(?:The|the)\s+", "", cleaned).split()
            if named and not _SPOKESPERSON.match(words[-1]) and all(w[:1].isupper() or w in ("and", "of", "for", "&") for w in named):
                return " ".join(named)  # "Rape Crisis said:": a statement quoted in the organisation's name (GUIDELINES 21)
            return None  # "a police spokesman said": no one named
        if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) or (
                len(words) == 1 and words[0][:1].isupper() and any(p[2].split()[-1] == words[0] for p in people)):
            return _full_name(cleaned, people)
    return None


def _full_name(name: str, people: list[tuple[int, int, str]]) -> str:
    """Expand a surname (`Chief Constable Crew`) to the fullest name seen (`Sarah Crew`)."""
    name = _clean_person(name)
    last = name.split()[-1] if name.split() else name
    best = name
    for _, _, other in people:
        other = _clean_person(other)
        if other.split() and other.split()[-1] == last and len(other) > len(best):
            best = other
    return best


def find_quotes(text: str, people: list[tuple[int, int, str]] | None = None) -> list[Quote]:
    """Return the quotations in `text` with their speakers.

    `people` are (start, end, name) PERSON entities in `text`, used to name
    speakers and resolve pronouns and surnames. A quotation that continues one
    from the previous paragraph keeps that one's speaker unless it names its own.
    """
    people = people or []
    quotes: list[Quote] = []
    for start, end, continues in quote_spans(text):
        who = _attribution(text, start, end, people)
        if who is False:
            same_paragraph = bool(quotes) and "\n" not in text[quotes[-1].end:start]
            # a continued quotation, or `"A," said X. "B` in one paragraph: still X speaking
            who = quotes[-1].speaker if (continues or same_paragraph) and quotes else None
        quotes.append(Quote(start, end, who))
    # An opening quotation attributed only after its last paragraph ("... ," she said).
    return quotes
