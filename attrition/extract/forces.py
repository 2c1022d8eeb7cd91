"""Police forces and national areas: the packaged reference and where a text names them.

The reference is `data/forces.csv` (canonical Home Office short name, ONS code,
country, aliases) plus `data/places.csv` (towns and districts inside a force's
area). `find_area_mentions(text)` returns every mention with the canonical area;
`resolve_force(name)` maps any spelling a user or an official file uses.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from attrition.extract.doctext import lowered

NATIONAL = "England and Wales"
NATIONAL_AREAS = (NATIONAL, "England", "Wales")  # areas that are no one force

# Phrases that place a figure at national level.
_NATIONAL_PATTERNS = [
    (r"England\s*(?:and|&)\s*Wales", NATIONAL),
    (r"(?:the\s+)?(?:UK|United Kingdom|Britain|Great Britain)\b", NATIONAL),
    (r"[Nn]ationally|[Nn]ationwide|[Nn]ational\s+(?:(?:adult|rape|sexual|offences?|charge|conviction|detection|outcome|"
     r"prosecution|referral|no[\s-]crime|solved|crime|sanction)\s+){0,3}(?:average|level|figures?|picture|rates?|data|trend)", NATIONAL),
    # An unqualified "the average" in a force's story is the national one ("the average is 12%").
    (r"(?<![’'`]s\s)(?<!\bits\s)(?<!\btheir\s)\b[Tt]he\s+average\b(?!\s+(?:\w+\s+)?(?:case|cases|time|wait|length|victim|age|number\s+of\s+days|delay)\b)", NATIONAL),
    (r"(?:across|around|throughout|in)\s+the\s+country|all\s+(?:police\s+)?forces|every\s+(?:police\s+)?force", NATIONAL),
    (r"Welsh\s+(?:police\s+)?forces", "Wales"),
    (r"English\s+(?:police\s+)?forces", "England"),
    (r"England(?!\s*(?:and|&)\s*Wales)", "England"),
    (r"(?<!North )(?<!South )(?<!New South )\bWales\b", "Wales"),
]
# The railways are British Transport Police's to police, wherever they run: "on UK trains".
_RAILWAY = re.compile(
    r"\b(?:on|at|across|aboard)\s+(?:the\s+)?(?:(?:UK|British|Britain[’']s|the\s+country[’']s)\s+)?"
    r"(?:trains?|railways?|rail\s+network|(?:railway|train|tube|underground)\s+stations?)(?:\s+and\s+(?:at\s+)?(?:railway\s+)?stations)?\b",
    re.IGNORECASE)
# A force named earlier and then referred to as "the force", "the county"...
_ANAPHOR_PATTERN = (
    r"(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:county'?s?\s+)?(?:force|constabulary|county|force\s+area|police\s+force|region)\b"
    r"|[Oo]ur\s+(?:county|force(?:\s+area)?|police\s+force|constabulary|area|policing\s+area)\b"
)


@dataclass(frozen=True)
class Force:
    """A police force from the reference: canonical `name`, `ons_code`, `country`, `aliases`."""

    name: str
    ons_code: str | None
    country: str
    aliases: tuple[str, ...]

    @property
    def organisation(self) -> str:
        """The force's own name as a data source (`Hertfordshire Constabulary`, `Metropolitan Police Service`)."""
        formal = [a for a in self.aliases if a.startswith(self.name) and "," not in a
                  and re.search(r"\b(?:Police|Constabulary|Police Service)$", a)]
        if formal:
            return formal[0]
        if re.search(r"\bPolice\b", self.name):
            return self.name  # "Police Scotland", "British Transport Police"
        for alias in self.aliases:
            if re.search(r"\b(?:Police|Constabulary)$", alias) and "," not in alias:
                return alias
        return f"{self.name} Police"


def is_force_organisation(name: str) -> bool:
    """True when `name` is a force's own organisation name (`Kent Police`), or a commissioner's (`Kent PCC`)."""
    return name in _force_organisations() or name.endswith(" PCC")


def force_organisation(area: str | None) -> str | None:
    """The organisation name of the force `area` names (`Kent` -> `Kent Police`), or None for no force."""
    force = load_forces().get(area) if area else None
    return force.organisation if force else None


@lru_cache(maxsize=1)
def _force_organisations() -> frozenset[str]:
    return frozenset(f.organisation for f in load_forces().values())


@dataclass(frozen=True)
class AreaMention:
    """A place in the text that names an area: `kind` is force, place, national or anaphor.

    `area` is the canonical name (None for an anaphor, resolved by the caller).
    """

    start: int
    end: int
    area: str | None
    kind: str


def _data_rows(filename: str) -> list[dict]:
    with resources.files("attrition.extract").joinpath("data", filename).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@lru_cache(maxsize=1)
def load_forces() -> dict[str, Force]:
    """Return the packaged force reference as {canonical name: Force}."""
    forces = {}
    for row in _data_rows("forces.csv"):
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        forces[row["name"]] = Force(row["name"], row.get("ons_code") or None, row["country"], aliases)
    return forces


def _spellings(force: Force) -> set[str]:
    """Every spelling of a force that a reporter might use."""
    names = {force.name, *force.aliases}
    bases = {force.name}
    if force.name.endswith("shire") and len(force.name) > 10:
        bases.add(force.name[: -len("shire")])  # "Cambridge Constabulary"
    for alias in force.aliases:
        m = re.match(r"(.+?) (?:Police|Constabulary)$", alias)
        if m and "," not in alias:
            bases.add(m.group(1))
    for base in bases:
        names.update({f"{base} Police", f"{base} Constabulary", f"{base} police"})
    return {n for n in names if "," not in n}


@lru_cache(maxsize=1)
def _lookup() -> dict[str, str]:
    table = {}
    for force in load_forces().values():
        for spelling in _spellings(force) | {force.name, *force.aliases}:
            table[_key(spelling)] = force.name
    return table


def _key(name: str) -> str:
    name = re.sub(r"\[[^\]]*\]", "", name)  # publisher notes: "Metropolitan Police[Note 6]"
    name = name.replace("&", " and ").replace("–", "-")
    name = re.sub(r"[\s\-]+", " ", name).strip().casefold()
    return re.sub(r"^the ", "", name)


def resolve_force(name: str | None) -> str | None:
    """Return the canonical force name for any spelling (`London, City of` -> `City of London`).

    Takes a force name, alias or informal spelling; returns None when it names
    no force. National areas (`England and Wales`) are returned as themselves.
    """
    if not name:
        return None
    key = _key(name)
    if key in ("england and wales", "england", "wales"):
        return {"england and wales": NATIONAL, "england": "England", "wales": "Wales"}[key]
    found = _lookup().get(key)
    if found:
        return found
    key = re.sub(r"\s+(?:police|constabulary|police force|pfa|police force area)$", "", key)
    return _lookup().get(key)


_SEP = r"[\s\-–]+"


def _words(spelling: str) -> list[str]:
    """A spelling as lower-case words, `&` read as `and`."""
    return ["and" if w == "&" else w.lower() for w in re.split(_SEP, spelling.replace("&", " & ")) if w]


def _key_of(matched: str) -> str:
    return " ".join(_words(matched))


def _trie_regex(spellings: list[str]) -> str:
    """One regex for many spellings, built as a word trie so shared prefixes are tried once.

    A plain alternation of hundreds of names makes the regex engine try every name
    at every position; the trie makes it try each distinct first word once.
    """
    trie: dict = {}
    for spelling in spellings:
        node = trie
        for word in _words(spelling):
            node = node.setdefault(word, {})
        node[""] = True

    def build(node: dict) -> str:
        alternatives = []
        for word in sorted((w for w in node if w), key=len, reverse=True):
            child = node[word]
            piece = "(?:and|&)" if word == "and" else re.escape(word)
            if any(k for k in child if k):
                tail = _SEP + build(child)
                piece += f"(?:{tail})?" if "" in child else tail
            alternatives.append(piece)
        return "(?:" + "|".join(alternatives) + ")"

    return build(trie)


@lru_cache(maxsize=1)
def _mention_tables() -> tuple[re.Pattern, re.Pattern, dict[str, tuple[str, str]], list[tuple[re.Pattern, str]]]:
    """Compiled recognisers: names (case-insensitive), acronyms (upper case), national phrases."""
    table: dict[str, tuple[str, str]] = {}
    acronyms: list[str] = []
    names: list[str] = []
    for force in load_forces().values():
        for spelling in _spellings(force):
            target = acronyms if len(spelling) <= 4 and spelling.isupper() else names
            target.append(spelling)
            table.setdefault(_key_of(spelling), (force.name, "force"))
    for row in _data_rows("places.csv"):
        names.append(row["place"])
        table.setdefault(_key_of(row["place"]), (row["force"], "place"))
    bounded = r"(?<![\w-]){}(?![\w-])"
    # Names are matched in the lower-cased text: a case-blind scan of a long alternation is
    # several times slower than an exact one.
    name_regex = re.compile(bounded.format(_trie_regex(sorted({n.lower() for n in names}))))
    acronym_regex = re.compile(bounded.format("(?:" + "|".join(map(re.escape, acronyms)) + ")"))
    # (lower-cased too: the patterns hold no upper-case escapes such as \S or \W)
    national = [(re.compile(bounded.format(f"(?:{p})").lower()), area) for p, area in _NATIONAL_PATTERNS]
    national.append((re.compile(bounded.format(f"(?:{_ANAPHOR_PATTERN})").lower()), ""))
    return name_regex, acronym_regex, table, national


_CPS_AREA = re.compile(
    # "the Yorkshire and Humberside area", "Wessex": CPS Areas that no force shares a name with
    r"\b(?:Yorkshire\s+(?:and|&)\s+Humberside|Wessex|Mersey[\s-]*Cheshire|Thames\s+(?:and|&)\s+Chiltern)(?:\s+(?:CPS\s+)?[Aa]rea)?\b"
    r"|\b(?:CPS|Crown\s+Prosecution\s+Service['’]s)\s+(?:London\s+(?:North|South)|South\s+East|South\s+West|Wessex|Thames\s+(?:and|&)\s+Chiltern|East\s+of\s+England"
    r"|East\s+Midlands|West\s+Midlands|North\s+West|North\s+East|Yorkshire\s+(?:and|&)\s+Humberside|Mersey[\s-]*Cheshire"
    r"|Cymru[\s/-]*Wales|Wales|Cymru)\b")


def find_area_mentions(text: str) -> list[AreaMention]:
    """Return every mention of a force, place, national area or force anaphor in `text`.

    Also learns acronyms defined in the text (`Avon and Somerset Police (ASP)`)
    and reports their later uses as mentions of that force. Where mentions
    overlap, the longest wins.
    """
    name_regex, acronym_regex, table, national = _mention_tables()
    found: list[AreaMention] = []
    low = lowered(text)
    for regex, searched in ((name_regex, low), (acronym_regex, text)):
        for m in regex.finditer(searched):
            matched = text[m.start():m.end()]
            if matched.lower() == "the met" and re.match(r"\s+Office", text[m.end():m.end() + 8]):
                continue
            area, kind = table[_key_of(matched)]
            if kind == "place" and (not matched[:1].isupper() or _inside_other_name(text, m.start(), m.end())):
                continue
            if re.search(r"\bNew\s+$", text[max(0, m.start() - 4):m.start()]):
                continue  # New South Wales, New York
            if kind == "force" and not any(c.isupper() for c in matched):
                continue
            found.append(AreaMention(m.start(), m.end(), area, kind))
    for regex, area in national:
        for m in regex.finditer(low):
            found.append(AreaMention(m.start(), m.end(), area or None, "national" if area else "anaphor"))
    for m in _RAILWAY.finditer(text):
        found.append(AreaMention(m.start(), m.end(), "British Transport Police", "place"))
    for m in _CPS_AREA.finditer(text):
        # "CPS Yorkshire and Humberside" is one of the CPS's 14 Areas, several forces at once: no force's
        found.append(AreaMention(m.start(), m.end(), None, "cps_area"))
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    mentions: list[AreaMention] = []
    for mention in found:
        if mentions and mention.start < mentions[-1].end:
            continue
        mentions.append(mention)
    defined = _acronym_mentions(text, mentions)
    if defined:
        # An acronym the article defines ("West Mercia Police (WMP)") beats the reference's reading of it.
        spans = {(d.start, d.end) for d in defined}
        mentions = [m for m in mentions if (m.start, m.end) not in spans] + defined
    mentions.extend(_misspelt_mentions(text, mentions))
    mentions.sort(key=lambda a: a.start)
    # "Kent Police recorded 1,200, and 30 of them at stations": a force named earlier in the sentence
    # keeps the figures; the railways are British Transport Police's only where no force is named
    return [m for m in mentions if not (m.area == "British Transport Police" and m.kind == "place" and any(
        o.kind == "force" and o.area != m.area and o.end <= m.start
        and not re.search(r"[.!?]\s|\n", text[o.end:m.start]) for o in mentions))]


def _inside_other_name(text: str, start: int, end: int) -> bool:
    """`London Bridge`, `Reading Festival`: a town's name inside another proper name."""
    after = re.match(r"\s([A-Z][a-z]+)", text[end:end + 20])
    return bool(after) and after.group(1) not in ("Police", "Constabulary", "Crown", "Council")


def _acronym_mentions(text: str, mentions: list[AreaMention]) -> list[AreaMention]:
    found = []
    for mention in mentions:
        if mention.kind != "force":
            continue
        m = re.match(r"\s*\(([A-Z]{2,6})\)", text[mention.end:mention.end + 10])
        if not m:
            continue
        acronym = m.group(1)
        for use in re.finditer(rf"\b{acronym}\b", text):
            if use.start() != mention.end + m.start(1) and (use.start(), use.end()) not in {(f.start, f.end) for f in found}:
                found.append(AreaMention(use.start(), use.end(), mention.area, "force"))
    return found


def _misspelt_mentions(text: str, mentions: list[AreaMention]) -> list[AreaMention]:
    """Catch county names with a transposed letter or two (`Hertfordshrie`)."""
    names = {f.name: f.name for f in load_forces().values() if " " not in f.name and len(f.name) >= 7}
    found = []
    for m in re.finditer(r"\b[A-Z][a-z]{6,}\b", text):
        word = m.group(0)
        if word in names or any(a.start <= m.start() < a.end for a in mentions):
            continue
        close = _close_county(word)
        if close:
            found.append(AreaMention(m.start(), m.end(), close, "force"))
    return found


@lru_cache(maxsize=4096)
def _close_county(word: str) -> str | None:
    """The one-word force name `word` misspells, if any (cached: the same words recur)."""
    names = [f.name for f in load_forces().values() if " " not in f.name and len(f.name) >= 7]
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.88)
    return close[0] if close else None
