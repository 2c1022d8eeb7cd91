"""Fuzzing the readers (issue 14): whatever the bytes, every input becomes an Article or a named Failure.

Hypothesis writes JSON lines (records of any JSON shape, broken lines, NULs),
files of arbitrary bytes under every supported suffix, and official CSV rows of
arbitrary cells; nothing may raise, every failure names its input, and an
official file either loads whole or is refused with OfficialDataError.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attrition.corpus.official.layouts import OfficialDataError, read_official_file
from attrition.corpus.read.article import Article
from attrition.corpus.read.errors import Failure
from attrition.corpus.read.readers import read_jsonl, read_sources

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
records = st.fixed_dictionaries({}, optional={
    "id": json_values, "url": json_values, "title": json_values, "publisher": json_values,
    "published": json_values | st.sampled_from(["2024-01-01", "0001-01-01", "9999-12-31", "yesterday", "1e308"]),
    "text": json_values | st.text(min_size=1, max_size=200),
})
lines = st.one_of(records.map(json.dumps), st.text(max_size=80), st.binary(max_size=60).map(lambda b: b.decode("latin-1")))


@FUZZ
@given(st.lists(lines, max_size=8))
def test_every_json_line_is_an_article_or_a_failure_naming_its_line(batch):
    items = list(read_jsonl(batch, "fuzz.jsonl"))
    assert len(items) == sum(1 for line in batch if line.strip())
    for item in items:
        assert isinstance(item, (Article, Failure))
        if isinstance(item, Failure):
            assert item.source.startswith("fuzz.jsonl:") and item.reason
        else:
            assert isinstance(item.text, str) and item.text
            assert all(isinstance(getattr(item, f), (str, type(None))) for f in ("url", "title", "publisher", "published"))


@FUZZ
@given(st.binary(max_size=400), st.sampled_from([".txt", ".html", ".jsonl", ".rss", ".xml", ".atom", ".dat"]))
def test_any_file_bytes_give_articles_or_named_failures(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_sources([str(path)], timeout=1, max_bytes=1000))
    for item in items:
        assert isinstance(item, (Article, Failure))
        if isinstance(item, Failure):
            assert str(path) in item.source and item.reason


cells = st.one_of(st.text(max_size=12), st.sampled_from(["1e400", "-1", "nan", "inf", "2450", "Kent", "rape"]))


@FUZZ
@given(st.lists(st.lists(cells, min_size=11, max_size=11), max_size=5))
def test_official_rows_load_whole_or_are_refused_by_name(rows):
    import csv
    import io
    import math

    header = ["area", "offence", "stage", "unit", "value", "population", "period_start", "period_end",
              "publisher", "dataset", "url"]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        try:
            _, figures = read_official_file(path)
        except OfficialDataError as e:
            assert str(path) in str(e)
            return
    assert all(math.isfinite(f.value) and f.value >= 0 for f in figures)
