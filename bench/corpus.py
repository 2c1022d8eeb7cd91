"""The benchmark corpus: reports written for the benchmark, and generated news that holds no funnel figure.

    relevant_articles(rng, n)    reports of rape figures (force, counts, rates, periods varied)
    other_article(rng)           sport, weather or politics, 400-800 words, no offence words
    mixed_stream(rng, n, share)  dicts {id, url, published, text}, `share` of them relevant
    write_shards(dir, records)   JSONL shards of SHARD_SIZE articles, written as they come

Everything comes from templates and a seeded random.Random: no downloads, the
same corpus on every run with the same seed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Iterable, Iterator

SHARD_SIZE = 500

FORCES = ["Lancashire", "Kent", "Durham", "Norfolk", "Cumbria", "West Yorkshire", "Merseyside",
          "Avon and Somerset", "Devon and Cornwall", "Thames Valley", "Essex", "Sussex", "Dorset",
          "Northumbria", "South Wales", "Greater Manchester", "West Midlands", "Hampshire"]
SPEAKERS = ["Helen Ward", "Mark Ellis", "Priya Shah", "Owen Price", "Claire Dunn", "Tom Baxter"]
BODIES = ["Home Office figures", "data from the Crown Prosecution Service",
          "figures obtained under the Freedom of Information Act", "the Office for National Statistics"]

# Reports written for the benchmark: slots filled from the RNG.
RELEVANT = [
    "{force} Police recorded {n1:,} rapes in {fy}, up from {n2:,} the year before, according to {body}.\n\n"
    "Only {n3} of those reports led to a charge, a charge rate of {r1} per cent.\n\n"
    "Police and crime commissioner {who} said: \"Victims in {force} deserve better than this. "
    "We have put more detectives into the rape team and I expect to see the charge rate rise.\"\n\n"
    "Campaigners said the figures showed how few cases reached court. "
    "A spokesperson for a local support charity said many survivors waited more than two years for a trial.",

    "The number of sexual offences reported to {force} Police rose to {n4:,} in the 12 months to March {y2}, "
    "{body} show.\n\nOf those, {n1:,} were rapes. The force referred {n3} rape cases to the Crown Prosecution "
    "Service in the same period and {n5} suspects were charged.\n\n"
    "Detective Superintendent {who} said the force had changed the way it investigated rape and that more "
    "victims were now supporting prosecutions. \"There is a long way to go,\" she said.",

    "Just {r2} per cent of rapes reported to police in England and Wales in {y1} resulted in a charge, "
    "{body} show.\n\nIn {force}, {n1:,} rapes were reported and {n5} suspects were charged. "
    "The conviction rate for rape prosecutions in {y1} was {r3} per cent.\n\n"
    "The Rape Crisis charity said the figures were a national scandal. Ministers said the government's "
    "rape review action plan was working and that more cases were reaching court than a year earlier.\n\n"
    "The report will be debated by the police and crime panel next month.",

    "Victims withdrew their support for {n6} rape investigations in {force} during {fy}, {body} reveal.\n\n"
    "That is {r4} per cent of the {n1:,} rapes the force recorded. Another {n7} cases were closed with no "
    "further action.\n\n{who}, who chairs the county's victims' board, said: \"These are people who came "
    "forward and then lost faith. We must ask why.\"\n\nThe force said it had appointed specialist officers "
    "to stay with victims from the first report to the end of a trial.",
]

# Generated news: sentences with slots, none of them naming an offence.
TOPICS = {
    "sport": [
        "{team} beat {team2} {g1}-{g2} at {ground} on {day}, with {player} scoring twice in the second half.",
        "The result lifts {team} to {pos}th in the table, {pts} points behind the leaders with {left} games left.",
        "A crowd of {crowd:,} watched a match that turned after the break when {team2} lost their captain to injury.",
        "{player} said afterwards: \"We kept going and believed we could turn it round. The fans were brilliant.\"",
        "The manager praised his young side and said the club would look to strengthen in the {window} window.",
        "{team2} have now gone {left} matches without a win and face {team} again in the cup next month.",
        "In the other games, {team3} drew {g2}-{g2} with {team4} and {team5} won away for the first time since {month}.",
        "The referee showed {cards} yellow cards in a bad-tempered first half that ended goalless.",
        "Ticket sales for the next home game have passed {crowd2:,}, the club said on {day}.",
        "The club's chairman said the new stand would be finished by {month} and hold {seats:,} supporters.",
        "Former striker {player2} has joined the coaching staff on a contract until the end of the season.",
        "Highlights will be shown on {day} evening, followed by an interview with the goalkeeper.",
    ],
    "weather": [
        "Temperatures are expected to reach {t1}C in {town} on {day}, well above the average for {month}.",
        "Forecasters say a band of rain will move in from the west overnight, bringing up to {mm}mm in places.",
        "A yellow warning for wind has been issued for the coast, with gusts of up to {gust}mph possible.",
        "{town} recorded {hours} hours of sunshine on {day}, the most anywhere in the country this week.",
        "Farmers said the dry spell had already cut the hay harvest by about {pct} per cent in some fields.",
        "The Met Office said the outlook for the weekend was changeable, with showers and bright spells.",
        "Drivers have been told to allow extra time on the {road} where standing water has been reported.",
        "Night-time temperatures could fall to {t2}C in rural parts, with a risk of frost in sheltered valleys.",
        "Water companies said reservoir levels stood at {pct2} per cent, slightly below normal for the time of year.",
        "The river at {town} rose {cm}cm overnight and the Environment Agency has a flood alert in place.",
        "Pollen counts will be high on {day} and {day2}, which will be unwelcome news for hay fever sufferers.",
        "Sea temperatures off the south coast have reached {t3}C, the warmest since records began locally.",
    ],
    "politics": [
        "The council voted {v1} to {v2} on {day} to approve a budget of {money} million pounds for next year.",
        "Council tax will rise by {pct} per cent from April, adding about {pounds} pounds a year to a typical bill.",
        "The leader of the council, {who}, said the authority had no choice after years of cuts to its grant.",
        "Opposition councillors said the plan would close {n} libraries and cut bus routes to outlying villages.",
        "A by-election in the {ward} ward will be held on {day} {date} {month} after the sitting member resigned.",
        "The MP for {town} told the Commons that the town had waited {years} years for its new hospital.",
        "Ministers said {money2} million pounds would be spent on roads and schools across the region.",
        "Turnout at the last local elections was {pct2} per cent, down from the election four years earlier.",
        "The planning committee deferred a decision on {homes} new homes on the edge of {town} until {month}.",
        "A petition against the closure of the leisure centre has gathered {sig:,} signatures in a fortnight.",
        "The mayor said the new tram line would carry {riders:,} passengers a day when it opens in {year}.",
        "Councillors will debate the report at a full meeting of the council on {day} {date} {month}.",
    ],
}
TEAMS = ["Rovers", "United", "City", "Athletic", "Wanderers", "Albion", "Town", "County", "Rangers", "Villa"]
PLAYERS = ["Jack Moore", "Liam Hart", "Sam Okafor", "Dan Reilly", "Luke Fenn", "Josh Amadi"]
TOWNS = ["Carlisle", "Exeter", "Lincoln", "Preston", "Hereford", "Truro", "Ipswich", "Bangor", "Durham"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def _slots(rng: random.Random) -> dict:
    y1 = rng.randint(2015, 2023)
    n1 = rng.randint(300, 3500)
    return {
        "force": rng.choice(FORCES), "who": rng.choice(SPEAKERS), "body": rng.choice(BODIES),
        "y1": y1, "y2": y1 + 1, "fy": f"{y1}/{str(y1 + 1)[2:]}",
        "n1": n1, "n2": n1 - rng.randint(20, 250), "n3": rng.randint(20, 200), "n4": n1 * 3 + rng.randint(0, 99),
        "n5": rng.randint(10, 150), "n6": rng.randint(50, 900), "n7": rng.randint(50, 900),
        "r1": round(rng.uniform(2, 15), 1), "r2": round(rng.uniform(2, 9), 1), "r3": rng.randint(55, 75),
        "r4": rng.randint(20, 60),
        "team": rng.choice(TEAMS), "team2": rng.choice(TEAMS), "team3": rng.choice(TEAMS),
        "team4": rng.choice(TEAMS), "team5": rng.choice(TEAMS), "player": rng.choice(PLAYERS),
        "player2": rng.choice(PLAYERS), "ground": rng.choice(TOWNS) + " Park", "day": rng.choice(DAYS),
        "day2": rng.choice(DAYS), "g1": rng.randint(1, 5), "g2": rng.randint(0, 3), "pos": rng.randint(2, 20),
        "pts": rng.randint(1, 20), "left": rng.randint(2, 12), "crowd": rng.randint(2000, 60000),
        "crowd2": rng.randint(2000, 60000), "window": rng.choice(["January", "summer"]),
        "month": rng.choice(MONTHS), "cards": rng.randint(2, 8), "seats": rng.randint(2000, 9000),
        "t1": rng.randint(14, 33), "t2": rng.randint(-4, 8), "t3": rng.randint(14, 21),
        "town": rng.choice(TOWNS), "mm": rng.randint(5, 60), "gust": rng.randint(40, 80),
        "hours": rng.randint(6, 15), "pct": rng.randint(2, 9), "pct2": rng.randint(25, 90),
        "road": f"A{rng.randint(1, 99)}", "cm": rng.randint(10, 90), "v1": rng.randint(20, 40),
        "v2": rng.randint(5, 19), "money": rng.randint(80, 900), "money2": rng.randint(10, 90),
        "pounds": rng.randint(30, 150), "n": rng.randint(2, 9), "ward": rng.choice(TOWNS) + " North",
        "date": rng.randint(1, 28), "years": rng.randint(5, 30), "homes": rng.randint(50, 900),
        "sig": rng.randint(1000, 20000), "riders": rng.randint(5000, 40000), "year": rng.randint(2026, 2031),
    }


def relevant_article(rng: random.Random) -> str:
    """Return one report of rape figures, 200-500 words.

    One of the written reports, its numbers drawn from `rng`, followed by
    paragraphs of local-politics background, as a real report runs on.
    """
    report = rng.choice(RELEVANT).format(**_slots(rng))
    background = [" ".join(rng.choice(TOPICS["politics"]).format(**_slots(rng)) for _ in range(rng.randint(2, 4)))
                  for _ in range(rng.randint(2, 6))]
    return "\n\n".join([report] + background)


def other_article(rng: random.Random) -> str:
    """Return a sport, weather or politics story of 400-800 words that names no offence."""
    sentences = TOPICS[rng.choice(sorted(TOPICS))]
    target = rng.randint(400, 800)
    paragraphs, words = [], 0
    while words < target:
        paragraph = " ".join(rng.choice(sentences).format(**_slots(rng)) for _ in range(rng.randint(2, 4)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return "\n\n".join(paragraphs)


def mixed_stream(seed: int, n: int, share: float = 0.05, prefix: str = "a") -> Iterator[dict]:
    """Yield `n` JSON-lines records ({id, url, published, text}), `share` of them relevant, spread evenly."""
    rng = random.Random(seed)
    every = round(1 / share) if share else 0
    for i in range(n):
        relevant = bool(every) and i % every == every - 1
        text = relevant_article(rng) if relevant else other_article(rng)
        yield {"id": f"{prefix}{i}", "url": f"https://news.example/{prefix}/{i}",
               "published": f"20{rng.randint(16, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", "text": text}


def write_shards(folder: Path, records: Iterable[dict], size: int = SHARD_SIZE) -> int:
    """Write `records` as JSONL shards of `size` lines under `folder` (streamed); return how many records."""
    folder.mkdir(parents=True, exist_ok=True)
    n, out = 0, None
    for record in records:
        if n % size == 0:
            if out:
                out.close()
            out = open(folder / f"shard-{n // size:05d}.jsonl", "w", encoding="utf-8")
        out.write(json.dumps(record) + "\n")
        n += 1
    if out:
        out.close()
    return n
