"""A small mixed corpus for the workers, Dask and load tests: articles written for these tests.

Relevant reports (figures about rape and sexual offences), news that cannot
hold such a figure (the keyword gate turns it away), a repeated text, a
malformed JSON line and a binary file, spread over JSONL shards and a
directory of text files.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

DURHAM = (
    "Durham Constabulary recorded 612 rapes in 2022/23, up from 540 the year before.\n\n"
    "Only 41 of those reports led to a charge, according to Home Office figures published on Thursday."
)
CPS = (
    "The Crown Prosecution Service charged 3,347 rape suspects in England and Wales in 2023.\n\n"
    "Its annual report said 2,278 rape cases ended in a conviction in the same year."
)
NORFOLK = (
    "In Norfolk, 1,204 sexual offences were reported to police in the 12 months to March 2024.\n\n"
    "Of the 389 rapes recorded by Norfolk Constabulary, 22 resulted in a charge, the force said."
)
KENT = (
    "Kent Police referred 254 rape cases to prosecutors in 2022, Crown Prosecution Service data shows.\n\n"
    "The county's police and crime commissioner said 183 of them were prosecuted."
)
FOOTBALL = (
    "Rovers came from two goals down to beat City 3-2 on Saturday in front of 21,000 fans.\n\n"
    "The manager said the second half was the best his side had played all season."
)
WEATHER = (
    "Temperatures will reach 24C in the south-east on Tuesday before thunderstorms arrive.\n\n"
    "Forecasters expect 30mm of rain in some places by Wednesday evening."
)
COUNCIL = (
    "The council approved a budget of 412 million pounds on Monday after a three-hour debate.\n\n"
    "Councillors voted 31 to 18 in favour of the plan to rebuild two leisure centres."
)


def write_corpus(root: Path) -> list[str]:
    """Write the corpus under `root`; return the sources, in order, to give ingest or extract.

    root/wire-a.jsonl and root/wire-b.jsonl are JSONL shards, root/local/ a
    directory of .txt files (with one binary file), so the three are three
    shards for `--engine dask`.
    """
    root.mkdir(parents=True, exist_ok=True)
    wire_a = [
        {"id": "durham", "url": "https://example.org/durham", "published": "2023-06-01", "text": DURHAM},
        {"id": "football", "url": "https://example.org/football", "published": "2023-06-02", "text": FOOTBALL},
        {"id": "cps", "url": "https://example.org/cps", "published": "2024-05-10", "text": CPS},
    ]
    lines = [json.dumps(r) for r in wire_a]
    lines.insert(2, "{not json")
    (root / "wire-a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    wire_b = [
        {"id": "weather", "url": "https://example.org/weather", "published": "2023-07-01", "text": WEATHER},
        {"id": "norfolk", "url": "https://example.org/norfolk", "published": "2024-04-20", "text": NORFOLK},
        {"id": "durham-again", "url": "https://example.org/durham-syndicated", "published": "2023-06-01",
         "text": DURHAM},
        {"id": "council", "url": "https://example.org/council", "published": "2023-07-03", "text": COUNCIL},
    ]
    (root / "wire-b.jsonl").write_text("\n".join(json.dumps(r) for r in wire_b) + "\n", encoding="utf-8")
    local = root / "local"
    local.mkdir(exist_ok=True)
    (local / "kent.txt").write_text(KENT, encoding="utf-8")
    (local / "weather.txt").write_text(WEATHER + "\n\nMore rain on Friday.", encoding="utf-8")
    (local / "zz-broken.txt").write_bytes(b"\x00\x01binary")
    return [str(root / "wire-a.jsonl"), str(root / "wire-b.jsonl"), str(local)]


def claims_table(conn: sqlite3.Connection) -> list[tuple]:
    """Return every stored claim as a tuple of its columns (with its article's hash), sorted by id."""
    rows = conn.execute(
        "SELECT c.id, a.content_hash, c.value, c.unit, c.stage, c.of_stage, c.offence, c.area,"
        " c.period_start, c.period_end, c.period_text, c.source, c.speaker, c.change, c.quote,"
        " c.quote_start, c.char_start, c.char_end, c.comparator, c.area_inherited,"
        " c.period_inherited, c.source_inherited, c.confidence, c.extractor_version"
        " FROM claims c JOIN articles a ON a.id = c.article_id ORDER BY c.id"
    )
    return [tuple(row) for row in rows]


def articles_table(conn: sqlite3.Connection) -> list[tuple]:
    """Return every stored article's identity and provenance (not its timestamps), sorted by hash."""
    rows = conn.execute(
        "SELECT content_hash, label, url, path, origin, title, publisher, published, text, extractor_version"
        " FROM articles ORDER BY content_hash"
    )
    return [tuple(row) for row in rows]
