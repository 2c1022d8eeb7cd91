"""Data sources: the organisation a text names as the origin of its figures.

`find_source_mentions(text, orgs)` returns where a sentence attributes data to an
organisation (`according to X`, `figures obtained from X`, `data from X`, `a
freedom of information request to X`, `X revealed`, `X figures show`). Known
bodies are normalised to one name each (`CPS` -> `Crown Prosecution Service`);
forces become their own organisation name (`Hertfordshire Constabulary`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from attrition.extract.forces import find_area_mentions, load_forces

# Bodies that publish rape and sexual-offence statistics, with their spellings.
KNOWN_BODIES: list[tuple[str, str]] = [
    ("Rape Monitoring Group", r"(?:(?:the\s+)?(?:multi-agency\s+)?(?:National\s+)?Rape\s+Monitoring\s+Group|\bRMG\b)"),
    ("HM Inspectorate of Constabulary", r"(?:(?:Her|His)\s+Majesty[’']?s\s+Inspectorate\s+of\s+Constabulary(?:\s+and\s+Fire\s*(?:&|and)\s*Rescue\s+Services?)?|HM\s+Inspectorate\s+of\s+Constabulary(?:\s+and\s+Fire\s*(?:&|and)\s*Rescue\s+Services?)?|\bHMICFRS\b|\bHMIC\b|(?:the\s+)?Inspectorate\s+of\s+Constabulary|Mer\s+Majesty[’']?s\s+Inspectorate\s+of\s+Constabulary)"),
    ("HM Crown Prosecution Service Inspectorate", r"(?:HM\s+Crown\s+Prosecution\s+Service\s+Inspectorate|\bHMCPSI\b)"),
    ("Crown Prosecution Service", r"(?:Crown\s+Prosecution\s+Service|\bCPS\b)"),
    ("Home Office", r"\bHome\s+Office\b(?!\s+forces)"),
    ("Office for National Statistics", r"(?:Office\s+for\s+National\s+Statistics|\bONS\b)"),
    ("Ministry of Justice", r"(?:Ministry\s+of\s+Justice|\bMoJ\b)"),
    ("Scottish Government", r"(?:Scottish\s+Government|Scottish\s+Executive)"),
    ("Crime Survey for England and Wales", r"(?:Crime\s+Survey\s+(?:for|of)\s+England\s+(?:and|&)\s+Wales|\bCSEW\b)"),
    ("HM Courts and Tribunals Service", r"(?:HM\s+Courts\s+(?:and|&)\s+Tribunals?\s+Service|\bHMCTS\b)"),
    ("Mayor's Office for Policing and Crime", r"(?:Mayor[’']s\s+Office\s+for\s+Policing\s+(?:and|&)\s+Crime|\bMOPAC\b)"),
    ("National Police Chiefs' Council", r"(?:National\s+Police\s+Chiefs[’']?\s+Council|\bNPCC\b)"),
]

_KNOWN_NAMES = {name for name, _ in KNOWN_BODIES}
# Compiled once; every name starts a word (the leading \b lets the scan skip positions inside words).
_BODY_REGEXES = [(name, re.compile(r"\b" + pattern, re.I if "Majesty" in pattern else 0)) for name, pattern in KNOWN_BODIES]

# Official statistical series, named for the body that publishes them: "the latest Criminal
# Proceedings in Scotland bulletin" is the Scottish Government's.
PUBLICATIONS: list[tuple[str, str]] = [
    ("Scottish Government", r"\b(?:Criminal\s+Proceedings|Recorded\s+Crime)\s+in\s+Scotland\b"),
    ("Home Office", r"\bCrime\s+Outcomes\s+in\s+England\s+and\s+Wales\b|\bPolice\s+Recorded\s+Crime\s+Open\s+Data\b"),
    ("Ministry of Justice", r"\bCriminal\s+Justice\s+(?:System\s+)?Statistics\s+(?:quarterly|Quarterly|bulletin)\b"),
    ("Crown Prosecution Service", r"\bViolence\s+Against\s+Women\s+and\s+Girls\s+(?:\(VAWG\)\s+)?[Rr]eport\b|\bVAWG\s+[Rr]eport\b"),
    ("Office for National Statistics", r"\bCrime\s+in\s+England\s+and\s+Wales:?\s+(?:year\s+ending|Police\s+Force\s+Area)\b"),
]

# Bodies whose figures are national unless the text names a force: those that publish
# nothing else (a mention of them in a sentence makes its figures national) ...
NATIONAL_ONLY_BODIES = frozenset({"Office for National Statistics", "Crime Survey for England and Wales"})
# ... and those that also publish figures by force or CPS Area (national only when the
# figure's own attribution is theirs and the text around it names no force).
NATIONAL_PUBLISHERS = NATIONAL_ONLY_BODIES | {"Crown Prosecution Service", "Home Office", "Ministry of Justice"}

_DATA = r"(?:figures|data|statistics|stats|numbers|information|report|analysis|research|estimates|survey|findings|dashboard|spreadsheets?|tables|bulletin|release|study|review|audit)"
_VERB_AFTER = r"(?:show(?:s|ed|n)?|reveal(?:s|ed)?|outline(?:s|d)?|suggest(?:s|ed)?|indicate(?:s|d)?|found|find|published|released|disclosed|said|says|confirmed|noted?|recorded|reported|note[sd]?)"

# An organisation at `{ORG}`; the group `org` must capture it.
_CUES_BEFORE = [
    r"according\s+to\s+(?:an?\s+|the\s+)?(?:(?:new|latest|official|recent)\s+)?(?:" + _DATA + r"\s+(?:from|by|released\s+by|published\s+by|of)\s+)?(?:the\s+)?$",
    _DATA + r"\s+(?:\w+\s+){0,2}(?:obtained|released|published|provided|compiled|gathered|issued|commissioned|collected|taken|drawn|sourced|extracted)\s+(?:from|by)\s+(?:the\s+)?$",
    _DATA + r",?\s+(?:from|by|of)\s+(?:the\s+|an?\s+)?(?:(?:independent|multi-agency|official|national)\s+)?$",
    r"(?:freedom\s+of\s+information|FOI|FoI)\s+(?:\(FOI\)\s+)?(?:act\s+)?(?:request|requests|disclosure|figures|data)?\s*(?:submitted\s+|made\s+|sent\s+)?(?:by|to|from)\s+(?:the\s+)?$",
    r"(?:published|released|compiled|commissioned|issued|produced|supplied|provided)\s+(?:\w+\s+)?by\s+(?:the\s+)?$",
    r"on\s+behalf\s+of\s+(?:the\s+)?$",
    r"\b(?:data\s+)?sources?(?:\s+(?:for|of)\s+(?:the\s+|these\s+|this\s+)?" + _DATA + r")?\s*(?::|is|was|are|were)\s*(?:the\s+)?$",
]
_CUES_AFTER = [
    r"^(?:\s+\([A-Za-z]+\))?(?:[’']s?)?\s+(?:(?:new|latest|official|own|recent|annual|published|separate|statistical)\s+){0,2}" + _DATA + r"\s+(?:(?:for|on|about|of)\s+[\w-]+\s+)?(?:\w+\s+)?" + _VERB_AFTER + r"\b",
    r"^(?:\s+\([A-Za-z]+\))?,?\s+(?:has\s+|have\s+)?(?:today\s+|now\s+)?(?:revealed|published|released|release|releases|found|showed|shows|disclosed|compiled|collated|gathered|analysed)\b",
]


# Data attributed to two compilers at once (GUIDELINES 20 wants one organisation or none).
_JOINT_BEFORE = re.compile(
    r"\b(?:police|forces?)(?:[\s-]+recorded)?(?:\s+(?:data|figures|statistics))?\s+(?:and|&|with)\s+(?:(?:figures|data|statistics)\s+(?:from|by)\s+)?(?:the\s+)?$", re.I)
_LIST_GAP = re.compile(r"\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?")
_JOINT_AFTER = re.compile(r"\s+(?:and|&)\s+(?:the\s+)?(?:police|forces)\b(?!\s+(?:and\s+)?crime\s+commissioner)", re.I)


@dataclass(frozen=True)
class SourceMention:
    """An attribution of data at `text[start:end]` to organisation `name`."""

    start: int
    end: int
    name: str


def _org_mentions(text: str, extra_orgs: list[tuple[int, int, str]], areas=None) -> list[tuple[int, int, str]]:
    orgs = []
    for name, regex in _BODY_REGEXES:
        for m in regex.finditer(text):
            orgs.append((m.start(), m.end(), name))
    forces = load_forces()
    for mention in (areas if areas is not None else find_area_mentions(text)):
        if mention.kind == "force":
            # "Hertfordshire data", "a request to the Met": the force as an organisation; the cues decide.
            orgs.append((mention.start, mention.end, forces[mention.area].organisation))
    orgs.extend(_commissioners(text, areas if areas is not None else find_area_mentions(text)))
    for name, pattern in PUBLICATIONS:
        for m in re.finditer(pattern, text):
            orgs.append((m.start(), m.end(), name))
    for start, end, name in extra_orgs:
        if not any(s < end and start < e for s, e, _ in orgs):
            orgs.append((start, end, name))
    orgs.sort(key=lambda o: (o[0], -o[1]))  # where names overlap, the longest ("Scottish Government") wins
    kept = []
    for org in orgs:
        if kept and org[0] < kept[-1][1]:
            continue
        kept.append(org)
    return kept


# A Police and Crime Commissioner (and the name after the title, so "... Bill Longmore has
# revealed" reads as the commissioner revealing).
_PCC = re.compile(r"(?:[Pp]olice\s+(?:and|&)\s+[Cc]rime\s+[Cc]ommissioner|\bPCC\b)(?:\s+(?:for\s+)?[A-Z][a-z]+){0,3}")


def _commissioners(text: str, areas) -> list[tuple[int, int, str]]:
    """Police and Crime Commissioners as organisations: `<Force> PCC`, the force named just
    before the title ("the Avon and Somerset Police and Crime Commissioner") or after it
    ("PCC for Kent"); plain `PCC` when none is (the caller puts the figure's force in)."""
    found = []
    for m in _PCC.finditer(text):
        near = [a for a in areas if a.kind in ("force", "place") and a.area and m.start() - 40 <= a.start < m.end()
                and (a.end <= m.end())]
        # "the Wiltshire Police and Crime Commissioner": the force's name runs into the title
        start = min([m.start()] + [a.start for a in near if a.end > m.start() - 2])
        name = f"{near[-1].area} PCC" if near else "PCC"
        found.append((start, m.end(), name))
        named = re.search(r"(?:[Cc]ommissioner|PCC)\s+(?:for\s+[A-Z][a-z]+\s+)?[A-Z][a-z]+\s+(?P<surname>[A-Z][a-z]+)$", m.group(0))
        if named:
            # "Mr Wilkinson's report revealed": the commissioner, named again by surname
            # (with a title: a bare surname is too often someone else's, "Professor Sarah Jones")
            for later in re.finditer(rf"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+{named.group('surname')}\b", text[m.end():]):
                found.append((m.end() + later.start(), m.end() + later.end(), name))
    return found


def find_source_mentions(text: str, extra_orgs: list[tuple[int, int, str]] | None = None,
                         areas=None) -> list[SourceMention]:
    """Return each place where `text` names an organisation as the source of data.

    `extra_orgs` are (start, end, name) organisations found by other means (spaCy
    ORG entities); known statistical bodies and forces are always recognised.
    `areas` are the text's area mentions if already found (saves finding them again).
    """
    found: list[SourceMention] = []
    orgs = _org_mentions(text, extra_orgs or [], areas)
    # "data from the CPS, Home Office and Ministry of Justice": a list of compilers names no one source
    # (a pair, "a review by the ONS and the Home Office", is the first one's)
    listed = set()
    for i, (a, b, c) in enumerate(zip(orgs, orgs[1:], orgs[2:])):
        if len({a[2], b[2], c[2]}) == 3 and all(o[2] in _KNOWN_NAMES for o in (a, b, c)) \
                and _LIST_GAP.fullmatch(text[a[1]:b[0]]) and _LIST_GAP.fullmatch(text[b[1]:c[0]]):
            listed.update((i, i + 1, i + 2))
    for i, (start, end, name) in enumerate(orgs):
        if i in listed:
            continue
        if found and re.fullmatch(r"\s+by\s+(?:[\w\s]{0,30}?\s)?(?:the\s+)?", text[found[-1].end:start]):
            # "figures obtained from the Home Office by a campaign group": the obtainer
            found[-1] = SourceMention(start, end, _clean_name(name))
            continue
        if found and _ANALYSIS_OF.fullmatch(text[found[-1].end:start]):
            # "a Guardian analysis of Home Office figures": the data are the analysed body's (GUIDELINES 20)
            found[-1] = SourceMention(start, end, _clean_name(name))
            continue
        if found and re.fullmatch(r"\s+to\s+(?:the\s+)?", text[found[-1].end:start]) and \
                re.search(r"\b(?:request|requests|application)\s+(?:\w+\s+)?by\s+(?:the\s+)?$", text[max(0, found[-1].start - 40):found[-1].start], re.I):
            continue  # "a request by the charity X to Kent Police": X compiled the figures
        before = text[max(0, start - 90):start]
        after = text[end:end + 60]
        if _JOINT_BEFORE.search(before) or _JOINT_AFTER.match(after):
            continue  # "figures from the police and CPS": two compilers named, neither is the source
        if _OBTAINED_BY.search(before) and _FOI.search(_same_sentence(text, start, end)):
            continue  # "figures obtained by the BBC under the Freedom of Information Act": the force's (GUIDELINES 20)
        said = name in _KNOWN_NAMES and (re.match(r"\s+(?:\([A-Z]{2,8}\)\s+)?(?:has\s+)?(?:said|says|reported|stated|states)\b", after) or re.search(
            r"(?:recorded|collected|gathered|monitored)\s+by\s+(?:the\s+)?(?:national\s+|independent\s+|official\s+)?$", before))
        # ("recorded by the force" names the stage; "recorded by the Rape Monitoring Group" names a statistics body)
        responding = _RESPONDING_TO.search(before) and _DATA_AFTER.match(after)  # "Responding to the Home Office's outcomes data"
        if said or responding or any(re.search(p, before, re.I) for p in _CUES_BEFORE) or any(re.search(p, after, re.I) for p in _CUES_AFTER):
            found.append(SourceMention(start, end, _clean_name(name)))
    return found


_ANALYSIS_OF = re.compile(r"(?:[’']s)?\s+(?:own\s+|new\s+)?(?:analysis|study|review|breakdown|examination|investigation)\s+of\s+"
                          r"(?:the\s+)?(?:latest\s+|official\s+|new\s+|recent\s+|published\s+)?", re.I)
_RESPONDING_TO = re.compile(r"\b(?:responding|responded|responds|respond|response|reacting|reacted)\s+to\s+(?:the\s+)?$", re.I)
_DATA_AFTER = re.compile(r"(?:[’']s)?\s+(?:[\w-]+\s+){0,3}?" + _DATA + r"\b", re.I)
_FOI = re.compile(r"\b(?:freedom\s+of\s+information|FOI|FoI)\b", re.I)
_OBTAINED_BY = re.compile(r"\bobtained\s+(?:\w+\s+){0,2}?by\s+(?:the\s+)?$", re.I)


def _same_sentence(text: str, start: int, end: int) -> str:
    """The text around text[start:end] up to the nearest sentence ends (at most 200 characters each side)."""
    left = text[max(0, start - 200):start]
    right = text[end:end + 200]
    cut = max(left.rfind(". "), left.rfind("\n"))
    stop = min((i for i in (right.find(". "), right.find("\n")) if i >= 0), default=len(right))
    return left[cut + 1:] + text[start:end] + right[:stop]


def foi_force_source(sentence: str, area: str | None) -> str | None:
    """The force as source when a sentence cites a Freedom of Information request without saying
    to whom, or figures a newspaper or charity obtained (GUIDELINES 20: they are the force's); None
    when it names neither or the figure's area is no force. Takes the sentence's text and the figure's area."""
    forces = load_forces()
    if area not in forces or not (_FOI.search(sentence) or _OBTAINED_BY_ANYONE.search(sentence)):
        return None
    return forces[area].organisation


def foi_article_source(claims: list, text: str) -> None:
    """A force's figures with no source in an article built on a Freedom of Information request take
    the force as source (GUIDELINES 20), marked inherited. Takes the
    article's claims (changed in place) and its text."""
    if not _FOI.search(text):
        return  # (figures "obtained by" a firm may be about other places than the force's)
    forces = load_forces()
    for claim in claims:
        if claim.source is None and claim.speaker is None and claim.area in forces:
            claim.source, claim.source_inherited = forces[claim.area].organisation, True


_OBTAINED_BY_ANYONE = re.compile(r"\b(?:figures|data|statistics|numbers)\s+(?:\w+\s+){0,2}?(?:obtained|released|given|supplied)\s+"
                                 r"(?:by|to)\b", re.I)


def obtained_by(text: str, name: str) -> bool:
    """True when the text says `name` obtained the figures ("Figures obtained by the Manchester Evening
    News reveal ..."): an obtainer, not their compiler, when the figures are a force's."""
    return name not in _KNOWN_NAMES and bool(re.search(
        r"\bobtained\s+(?:\w+\s+){0,2}?by\s+(?:the\s+)?" + re.escape(name), text, re.I))


def known_body(name: str) -> str | None:
    """The canonical name of a statistics body `name` spells in full (`CPS` -> Crown Prosecution Service), else None."""
    for canonical, pattern in KNOWN_BODIES:
        if re.fullmatch(rf"\s*(?:the\s+)?{pattern}\s*", name, re.I):
            return canonical
    return None


def _clean_name(name: str) -> str:
    name = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.I)
    return re.sub(r"\s*\([A-Z]+\)$", "", name)
