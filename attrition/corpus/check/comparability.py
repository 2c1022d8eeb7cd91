"""What a figure counts, explicitly, on both sides: its measure, population and cohort.

A claim is compared with an official figure only when both count the same
thing. `claim_profile` reads it from the claim's stage and its own words;
`official_profile` from the official row's stage, publisher, dataset and notes
(the publishers' caveats). `difference` says, in words, why two profiles are
not the same quantity ("a victim subgroup against the force total"), or None.

Measures: reports, recorded crimes, N100 incidents (reports never recorded as
crimes), no-crimes (cancelled + transferred) and each part alone, referrals,
police charge/summons outcomes, CPS charged suspects, completed and
unsuccessful prosecutions, CPS convictions of defendants, MoJ persons found
guilty. Populations: all victims, adult, child, a victim sex/age group, a
district inside the force. Cohorts: offences recorded in the period, or
outcomes (investigations closed) in the period. Coverage: a force whose own
figures reach beyond England and Wales (British Transport Police) against the
England and Wales statistics' count of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MEASURE_WORDS = {
    "reports": "reports", "recorded": "recorded crimes", "n100": "N100 incidents (reports not recorded as crimes)",
    "no_crime": "no-crimed offences (cancelled and transferred)", "transferred": "transferred offences alone",
    "cancelled": "cancelled offences alone", "referred": "referrals to the CPS",
    "police_charge": "police charge/summons outcomes", "cps_charged": "CPS charged suspects",
    "cps_charge_rate": "CPS charge decisions", "completed": "completed prosecutions",
    "unsuccessful": "unsuccessful prosecutions", "cps_convictions": "CPS convictions of defendants",
    "moj_guilty": "MoJ persons found guilty", "convictions": "convictions", "prosecuted": "prosecutions",
    "charged": "charges", "other": "other figures",
}
POPULATION_WORDS = {"all": "all victims", "adult": "adult victims", "child": "child victims"}
COHORT_WORDS = {"recorded": "offences recorded in the period", "outcomes": "investigations closed in the period"}

# Measures a claim's words leave open: a claim of "convictions" with no source can be either count.
GENERIC = {"convictions": {"cps_convictions", "moj_guilty"}, "charged": {"police_charge", "cps_charged"},
           "prosecuted": {"completed"}}


@dataclass(frozen=True)
class Profile:
    """What a figure counts: `measure`, `population` (all, adult, child, `group:...`, `district:...`), `cohort`."""

    measure: str
    population: str = "all"
    cohort: str = "recorded"
    published_as_reports: bool = False  # recorded crimes the publisher labels "reported rapes"
    basis: str | None = None  # how CPS defendants are counted: `principal_offence`, `vawg`, `excluding_rape`
    coverage: str | None = None  # territory: `own` (a force's own figures), `england_wales` (national tables)

    def words(self) -> str:
        """Return the profile for a person: `police charge/summons outcomes, child victims`."""
        population = POPULATION_WORDS.get(self.population) or self.population.split(":", 1)[-1]
        return f"{MEASURE_WORDS.get(self.measure, self.measure)}, {population}"


def _has(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE) is not None


_SEX = r"\b(?:females?|males?|wom[ae]n|m[ae]n|girls?|boys?)\b"
_CHILD = r"\b(?:child(?:ren)?|under[- ](?:the[- ]age[- ]of[- ])?1[0-8]|aged? (?:under )?1[0-5]\b|1[0-5] and under|aged? 1[0-5]\s*[-\u2013]|girls|boys|juvenile|minors?)"
_ADULT = r"\b(?:adults?|(?:aged )?(?:16|18) (?:and|or) (?:over|older)|over[- ](?:16|18)s?)\b"


def claim_population(quote: str, figure_text: str | None = None) -> str:
    """Return the victim population a claim's words name: all, adult, child, or `group:<words>`.

    A sex with an age ("a female aged 16 and over") is a victim group, a part
    of the force's total; an age alone is adult or child.
    """
    text = quote
    sex = re.search(_SEX, text, re.IGNORECASE)
    age = re.search(r"aged?\s+(?:under\s+\d+|\d+\s*(?:[-\u2013]\s*\d+|and over|and under|or over|\+))|under the age of \d+",
                    text, re.IGNORECASE)
    if sex and age:
        return f"group:{sex.group(0).lower()} victims {age.group(0).lower()}"
    if _has(_CHILD, text):
        return "child"
    if _has(_ADULT, text):
        return "adult"
    return "all"


# Words saying a sexual-offence figure leaves rape out (the CPS VAWG report's "sexual offences excluding rape").
_EXCLUDING_RAPE = r"\b(?:excluding|excludes|except|other than|apart from|not including|without) rapes?\b|\bnon-rape\b|\bother sexual offences\b"
# Words of the CPS Violence Against Women and Girls report, whose strands count flagged defendants.
VAWG_WORDS = r"\bVAWG\b|violence against women"

BASIS_WORDS = {
    "principal_offence": "CPS defendants by principal offence category at finalisation (Sexual Offences, rape included)",
    "vawg": "CPS defendants as counted in its Violence Against Women and Girls report (rape-flagged cases, "
            "and sexual offences excluding rape)",
    "excluding_rape": "sexual offences excluding rape",
}


def _cps_basis(claim, quote: str, sentence: str, measure: str) -> str | None:
    """Return how a CPS prosecution or conviction claim counts defendants, from its words and its article."""
    if measure not in ("cps_convictions", "convictions", "completed", "unsuccessful", "cps_charged"):
        return None
    words = f"{quote} {sentence}"
    if _has(_EXCLUDING_RAPE, words):
        return "excluding_rape"
    if _has(r"principal offence", words):
        return "principal_offence"
    if _has(VAWG_WORDS, words) or getattr(claim, "vawg_article", False):
        return "vawg"
    return None


# Forces whose own figures cover more than the England and Wales statistics count of them: the
# Home Office and ONS tables (Crime in England and Wales) hold only what they record in England and Wales.
WIDER_THAN_ENGLAND_AND_WALES = {
    "British Transport Police": "its whole rail network in Great Britain, Scotland included",
}
# Publishers of the England and Wales police recorded crime statistics.
_NATIONAL_STATISTICS = r"\bHome Office\b|\bONS\b|Office for National Statistics"


def _claim_coverage(claim, quote: str) -> str | None:
    """Return `own` when a claim about a force wider than England and Wales quotes that force's own figures.

    A claim sourced to the Home Office or ONS, or saying it counts England and
    Wales only, is about the national tables' figure (None).
    """
    if claim.area not in WIDER_THAN_ENGLAND_AND_WALES:
        return None
    if _has(_NATIONAL_STATISTICS, claim.source or "") or _has(r"in England and Wales", quote):
        return None
    return "own"


def official_coverage(figure) -> str | None:
    """Return `england_wales` for a national-statistics figure of a force wider than England and Wales, else None."""
    if figure.area not in WIDER_THAN_ENGLAND_AND_WALES:
        return None
    return "england_wales" if _has(_NATIONAL_STATISTICS, f"{figure.publisher} {figure.dataset}") else None


# A charge count said to be a part of the cases just referred to the CPS ("35 of those") counts the
# CPS's charging decisions on suspects it received, not the police charge/summons outcomes of crimes.
_ANAPHORIC_PART = r"\b(?:of|out of) (?:those|these|them|which|the(?:se)? (?:cases|allegations|suspects|referrals))\b"
_REFERRED_TO_CPS = (r"\b(?:referr\w*|passed|sent|submitted|forwarded|handed)\b[^.]{0,80}?\bto the "
                    r"(?:CPS|Crown Prosecution Service)\b|\b(?:CPS|Crown Prosecution Service) referrals?\b")


def _charged_after_referral(quote: str, sentence: str, before: str) -> bool:
    """True when a charge figure's words make it a part of referrals to the CPS named just before it."""
    if not (_has(_ANAPHORIC_PART, quote) or _has(_ANAPHORIC_PART, sentence)):
        return False
    head = sentence.split(quote, 1)[0] if quote in sentence else ""
    return _has(_REFERRED_TO_CPS, f"{before} {head}")


# Where a quote holding several figures divides into the clauses each figure belongs to.
_CLAUSE_BREAK = re.compile(r",\s+|;\s+|\s+(?:and|but|while|whereas)\s+", re.IGNORECASE)


def figure_clause(claim) -> str:
    """Return the clause of a claim's quote that holds its figure ("cancelled 20 rape offences").

    Takes a claim (quote, figure_text and, when stored, char_start/quote_start);
    returns the whole quote when the figure cannot be placed.
    """
    quote, figure = claim.quote or "", getattr(claim, "figure_text", None)
    offset = getattr(claim, "char_start", 0) - getattr(claim, "quote_start", 0)
    if not figure or not (0 <= offset <= len(quote) and quote[offset:offset + len(figure)] == figure):
        found = re.search(rf"(?<![\d.,]){re.escape(figure)}(?!\d)", quote) if figure else None
        offset = found.start() if found else -1
    if offset < 0:
        return quote
    starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(quote) if m.end() <= offset]
    ends = [m.start() for m in _CLAUSE_BREAK.finditer(quote) if m.start() >= offset + len(figure)]
    return quote[starts[-1]:ends[0] if ends else len(quote)]


def _no_crime_measure(quote: str, clause: str) -> str:
    """Return which no-crime count a claim's words name: n100, transferred, cancelled or no_crime (both).

    A quote naming transferred and cancelled offences both is read in the
    figure's own clause ("transferred 7 ... and cancelled 20": 7 transferred).
    """
    if _has(r"\bN100|not (?:been )?(?:\w+ )?recorded as (?:a )?crimes?|crime[- ]related incidents?|never recorded", quote):
        return "n100"
    for words in (clause, quote):
        if _has(r"transferred", words) and not _has(r"cancel|no[- ]crim", words):
            return "transferred"
        if _has(r"cancel", words) and not _has(r"transferred|no[- ]crim", words):
            return "cancelled"
    return "no_crime"


def claim_profile(claim) -> Profile:
    """Return the Profile of a claim (a ClaimRecord) from its stage, unit, base, source and quote."""
    quote, stage, source = claim.quote or "", claim.stage, (claim.source or "")
    population = claim_population(quote, claim.figure_text)
    sentence = getattr(claim, "sentence", None) or ""
    lead = re.match(r"\W*(?:for|among|of|in) (?:the )?(child|adult)", sentence, re.IGNORECASE)
    if population == "all" and lead and quote not in sentence[:lead.end()]:
        population = lead.group(1).lower()  # "For child rape, the rate was 5% ...": the sentence's lead names it
    cps = _has(r"\b(?:CPS|Crown Prosecution)\b", source) or _has(r"\b(?:the CPS|CPS)\s+(?:had\s+)?(?:charged|successfully|secured|brought|authorised)", quote)
    cohort = "outcomes" if _has(r"\b(?:closed|concluded|completed|finalised|outcomes?)\b.{0,20}\b(?:investigations?|cases?|crimes?)|\b(?:investigations?|cases?) (?:closed|concluded)", quote) else "recorded"
    if stage == "no_crime":
        measure = _no_crime_measure(quote, figure_clause(claim))
    elif stage == "reported":
        measure = "reports"
    elif stage == "recorded":
        measure = "recorded"
    elif stage == "referred":
        measure = "referred"
    elif stage == "charged":
        if cps or _charged_after_referral(quote, sentence, getattr(claim, "before", None) or ""):
            measure = "cps_charged"
        else:
            measure = "police_charge"
    elif stage == "prosecuted":
        measure = "unsuccessful" if _has(r"unsuccessful|no convictions?|not convicted|acquitt", quote) else "completed"
    elif stage == "convicted":
        if _has(r"found guilty|persons? convicted|offenders? (?:were )?(?:found|convicted)", quote):
            measure = "moj_guilty"
        elif cps:
            measure = "cps_convictions"
        else:
            measure = "convictions"
    else:
        measure = stage
    return Profile(measure, population, cohort, basis=_cps_basis(claim, quote, sentence, measure),
                   coverage=_claim_coverage(claim, quote))


def official_profile(figure) -> Profile:
    """Return the Profile of an OfficialFigure from its stage, publisher, dataset and notes."""
    notes = " ".join(filter(None, [figure.notes, figure.dataset]))
    publisher = figure.publisher or ""
    stage = figure.stage
    population = figure.population or "all"
    cohort = "outcomes" if _has(r"investigations (?:concluded|closed)|outcomes assigned|of investigations closed", notes) else "recorded"
    reported_as = False
    if _has(r"\bN100\b|not recorded as (?:a )?crimes?", notes) and stage in ("reported", "no_crime"):
        measure = "n100"
    elif stage == "no_crime":
        measure = "no_crime"
    elif stage == "recorded":
        measure = "recorded"
        # The publisher itself labels these recorded crimes "reported rapes" (the Rape Monitoring Group).
        reported_as = _has(r"reported rapes|reports of rape", figure.notes or "")
    elif stage == "reported":
        measure = "reports"
    elif stage == "charged":
        if _has(r"of legal (?:pre-charge )?decisions", notes):
            measure = "cps_charge_rate"
        elif _has(r"CPS charged|suspects charged", notes) or (
                _has(r"Crown Prosecution|^CPS", publisher) and not _has(r"police", notes)):
            measure = "cps_charged"
        else:
            measure = "police_charge"
    elif stage == "convicted":
        measure = "moj_guilty" if _has(r"MoJ|found guilty", notes + publisher) else "cps_convictions"
    elif stage == "prosecuted":
        measure = "unsuccessful" if _has(r"^unsuccessful", figure.notes or "") else "completed"
    else:
        measure = stage
    basis = "principal_offence" if _has(r"by principal offence category", notes) else None
    return Profile(measure, population, cohort, reported_as, basis, official_coverage(figure))


def difference(claim: Profile, official: Profile, *, unit: str = "count", area: str | None = None) -> str | None:
    """Return why a claim and an official figure are not the same quantity, in words, or None when they are.

    Takes both profiles, the claim's unit and (for the coverage's words) its area.
    """
    measure_ok = (claim.measure == official.measure
                  or official.measure in GENERIC.get(claim.measure, ())
                  or (claim.measure == "reports" and official.measure == "recorded" and official.published_as_reports))
    if not measure_ok:
        if claim.measure in ("transferred", "cancelled") and official.measure == "no_crime":
            return (f"a component against its total: the claim counts {MEASURE_WORDS[claim.measure]}, "
                    f"the official figure {MEASURE_WORDS['no_crime']}")
        return (f"different measures: the claim counts {MEASURE_WORDS.get(claim.measure, claim.measure)}, "
                f"the official figure {MEASURE_WORDS.get(official.measure, official.measure)}")
    if claim.population != official.population:
        if claim.population.startswith("group:") and official.population in ("all", "adult", "child"):
            return (f"a victim subgroup against the force total: the claim counts "
                    f"{claim.population.split(':', 1)[1]}, the official figure {POPULATION_WORDS[official.population]}")
        if claim.population == "all" and official.population in ("adult", "child"):
            return None  # the claim names no population: checked with the population rule
        return (f"different populations: the claim is about {POPULATION_WORDS.get(claim.population, claim.population)}, "
                f"the official figure about {POPULATION_WORDS.get(official.population, official.population)}")
    if claim.coverage == "own" and official.coverage == "england_wales":
        return (f"different coverage: the claim quotes the force's own figures, for "
                f"{WIDER_THAN_ENGLAND_AND_WALES.get(area, 'more than England and Wales')}; the official "
                f"figure counts only what it records in England and Wales")
    if official.basis == "principal_offence" and claim.basis in ("vawg", "excluding_rape"):
        return (f"different counts of defendants: the claim counts {BASIS_WORDS[claim.basis]}, "
                f"the official figure {BASIS_WORDS['principal_offence']}")
    if unit == "percent" and claim.cohort != official.cohort:
        return (f"different cohorts: the claim is a share of {COHORT_WORDS[claim.cohort]}, "
                f"the official figure a share of {COHORT_WORDS[official.cohort]}")
    return None
