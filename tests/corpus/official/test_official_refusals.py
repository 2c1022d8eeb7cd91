"""`official load` refuses what it must not read, by name, and loads the rest (issue 14: 3, 9).

A FIFO given to `official load` used to block the command forever (its SHA-256 was
taken before the reader refused non-regular files); a percentage of 120 was stored.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from attrition.corpus.official.layouts import OfficialDataError, read_official_file
from attrition.corpus.official.load import file_sha256, load_official_file
from check_helpers import open_db

HEADER = "area,offence,stage,unit,value,population,period_start,period_end,publisher,dataset,url\n"


def tidy(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def rate_row(unit: str, value: str, area: str = "Kent") -> str:
    return f"{area},rape,charged,{unit},{value},all,2021-04-01,2022-03-31,Home Office,Rate test,https://example.org/r"


class TestNonRegularFiles:
    def test_official_load_names_a_fifo_and_loads_the_file_after_it(self, tmp_path):
        fifo = tmp_path / "pipe.csv"
        os.mkfifo(fifo)
        good = tidy(tmp_path / "good.csv", rate_row("count", "41"))
        db = tmp_path / "t.db"
        # A subprocess with a timeout: a regression fails here instead of hanging the suite.
        done = subprocess.run([sys.executable, "-m", "attrition.cli.main", "official", "load", str(fifo), str(good),
                               "--db", str(db)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 1
        assert f"{fifo}: is a FIFO (named pipe), not a regular file" in done.stderr
        assert "good.csv: tidy, 1 rows read, 1 new" in done.stdout
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT count(*) FROM official").fetchone()[0] == 1

    def test_file_sha256_refuses_a_fifo_without_opening_it_for_a_blocking_read(self, tmp_path):
        fifo = tmp_path / "pipe.csv"
        os.mkfifo(fifo)
        with pytest.raises(Exception, match="FIFO"):
            file_sha256(fifo)

    def test_a_directory_named_as_a_file_is_refused_by_name(self, tmp_path):
        folder = tmp_path / "folder.csv"
        folder.mkdir()
        with pytest.raises(OfficialDataError, match=r"folder\.csv: is a directory"):
            load_official_file(open_db(tmp_path), folder)


class TestRatesInRange:
    def test_a_percentage_over_100_is_refused_naming_file_and_line(self, tmp_path):
        path = tidy(tmp_path / "rates.csv", rate_row("percent", "7.5"), rate_row("percent", "120", "Essex"))
        with pytest.raises(OfficialDataError, match=r"rates\.csv, line 3: value 120 is outside 0\.\.100"):
            read_official_file(path)

    def test_a_rate_per_100k_over_100_is_accepted(self, tmp_path):
        path = tidy(tmp_path / "per100k.csv", rate_row("per_100k", "250"))
        assert [f.value for f in read_official_file(path)[1]] == [250.0]

    def test_boundaries_0_and_100_are_rates(self, tmp_path):
        path = tidy(tmp_path / "edges.csv", rate_row("percent", "0"), rate_row("percent", "100", "Essex"))
        assert [f.value for f in read_official_file(path)[1]] == [0.0, 100.0]

    def test_the_refused_file_loads_nothing_and_the_next_file_loads(self, tmp_path):
        from attrition.corpus.official.load import load_official_files

        conn = open_db(tmp_path)
        bad = tidy(tmp_path / "bad.csv", rate_row("percent", "7.5"), rate_row("percent", "100.5", "Essex"))
        good = tidy(tmp_path / "good.csv", rate_row("percent", "7.5"))
        reports, errors = load_official_files(conn, [bad, good])
        assert [Path(r.path).name for r in reports] == ["good.csv"] and len(errors) == 1
        assert "bad.csv, line 3" in errors[0]
        assert conn.execute("SELECT count(*) FROM official").fetchone()[0] == 1
