"""The CLI through click's CliRunner: ingest, claims (filters, formats), show, search, extract."""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from attrition.corpus import store
from attrition.corpus.read.article import Article
from attrition.cli.main import cli
from attrition.extract import GOLD_FIELDS
from corpus_helpers import claim_for

ROOT = Path(__file__).resolve().parents[2]

LANCS = Article(
    text=("Lancashire Constabulary recorded 1,530 rapes in 2022, the force said.\n\n"
          "Prosecutors charged 96 suspects, and 41 were convicted, the Crown Prosecution Service said."),
    label="lancs", url="https://example.org/lancs", title="Lancashire rape figures",
    publisher="Lancs Daily", published="2023-03-01")
KENT = Article(
    text='Kent Police chief Ann Hale said: "We passed 300 files to the CPS in 2019/20."',
    label="kent", path="/data/kent.txt", published="2020-09-09")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.db"
    conn = store.connect(path)
    year_2022 = dict(period_start="2022-01-01", period_end="2022-12-31", period_text="2022")
    store.save_article(conn, LANCS, [
        claim_for(LANCS, "1,530", stage="recorded", offence="rape", area="Lancashire",
                  source="Lancashire Constabulary", **year_2022),
        claim_for(LANCS, "96", stage="charged", offence="rape", area="Lancashire",
                  source="Crown Prosecution Service", **year_2022),
        claim_for(LANCS, "41", stage="convicted", offence="rape", area="Lancashire",
                  source="Crown Prosecution Service", **year_2022),
    ], "test")
    store.save_article(conn, KENT, [
        claim_for(KENT, "300", stage="referred", offence="sexual_offences", area="Kent",
                  speaker="Ann Hale", period_start="2019-04-01", period_end="2020-03-31",
                  period_text="2019/20"),
    ], "test")
    conn.close()
    return str(path)


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def values(result):
    return [row["value"] for row in (json.loads(line) for line in result.stdout.splitlines())]


def test_claims_jsonl_lists_every_claim_with_id_and_article(db):
    result = run("claims", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["value"] for r in rows] == [1530, 96, 41, 300]
    assert rows[0]["article"] == "lancs" and len(rows[0]["id"]) == 16
    assert rows[3]["speaker"] == "Ann Hale" and rows[3]["change"] is False


@pytest.mark.parametrize("args, expected", [
    (["--area", "LANCASHIRE"], [1530, 96, 41]),
    (["--area", "kent"], [300]),
    (["--stage", "convicted"], [41]),
    (["--offence", "sexual_offences"], [300]),
    (["--since", "2022-06-01"], [1530, 96, 41]),
    (["--until", "2020-01-01"], [300]),
    (["--since", "2020-03-01", "--until", "2020-04-30"], [300]),
    (["--since", "2023-01-01"], []),
    (["--source", "crown prosecution"], [96, 41]),
    (["--speaker", "hale"], [300]),
    (["--article", "kent"], [300]),
    (["--area", "Lancashire", "--stage", "charged"], [96]),
])
def test_claims_filters(db, args, expected):
    result = run("claims", "--db", db, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    assert values(result) == expected


def test_claims_csv_json_and_table_formats(db):
    as_csv = run("claims", "--db", db, "--format", "csv", "--stage", "charged")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 1 and rows[0]["value"] == "96" and rows[0]["area"] == "Lancashire"
    as_json = json.loads(run("claims", "--db", db, "--format", "json").stdout)
    assert isinstance(as_json, list) and len(as_json) == 4
    table = run("claims", "--db", db, "--area", "kent").stdout.splitlines()
    assert table[0].split()[:3] == ["id", "figure", "stage"]
    assert table[0].split()[-4:] == ["article_title", "publisher", "published", "article_url"]
    assert "2019-04-01..2020-03-31" in table[2] and "Ann Hale" in table[2]
    assert len(table) == 3


def test_bad_option_value_is_a_usage_error(db):
    assert run("claims", "--db", db, "--stage", "arrested").exit_code == 2
    assert run("claims", "--db", db, "--since", "yesterday-ish nonsense").exit_code == 2


def test_claims_without_a_database_says_so(tmp_path):
    result = run("claims", "--db", tmp_path / "none.db")
    assert result.exit_code == 1 and "no database" in result.output
    assert not (tmp_path / "none.db").exists()


def test_db_defaults_to_environment_variable(db, monkeypatch):
    monkeypatch.setenv("ATTRITION_DB", db)
    assert values(run("claims", "--format", "jsonl", "--stage", "referred")) == [300]


def test_show_marks_the_figure_in_its_sentence_and_gives_the_article(db):
    rows = [json.loads(line) for line in run("claims", "--db", db, "--format", "jsonl").stdout.splitlines()]
    charged = next(r for r in rows if r["value"] == 96)
    result = run("show", charged["id"][:8], "--db", db)
    assert result.exit_code == 0, result.output
    assert ("Prosecutors charged [[96]] suspects, and 41 were convicted, "
            "the Crown Prosecution Service said.") in result.stdout
    assert "1,530" not in result.stdout  # the other sentence is not shown
    for expected in ("Lancashire rape figures", "Lancs Daily", "2023-03-01",
                     "https://example.org/lancs", "2022-01-01 to 2022-12-31"):
        assert expected in result.stdout


def test_show_unknown_claim_fails_clearly(db):
    result = run("show", "ffffffffffff", "--db", db)
    assert result.exit_code == 1 and "no claim with id ffffffffffff" in result.output


def test_search_finds_claim_quotes_and_articles(db):
    result = run("search", "convicted", "--db", db, "--format", "jsonl")
    assert values(result) == [96, 41]  # both claims quote the sentence saying "convicted"
    table = run("search", "Hale", "--db", db)
    assert "kent" in table.stdout and "[[Hale]]" in table.stdout
    bad = run("search", '"unbalanced', "--db", db)
    assert bad.exit_code == 2 and "bad search query" in bad.output and "double quotes" in bad.output


def test_ingest_then_rerun_prints_counts(tmp_path):
    db = tmp_path / "i.db"
    first = run("ingest", ROOT / "examples", "--db", db)
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("4 new, 0 unchanged, 0 updated, 0 failed")
    second = run("ingest", ROOT / "examples", "--db", db)
    assert second.stdout.startswith("0 new, 4 unchanged, 0 updated, 0 failed")


def test_ingest_reads_json_lines_from_stdin(tmp_path):
    db = tmp_path / "s.db"
    line = json.dumps({"url": "https://example.org/s", "title": "S", "published": "2024-01-02",
                       "text": "Sussex Police recorded 1,480 rapes in 2023."})
    result = run("ingest", "-", "--db", db, input=line + "\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 new")
    assert json.loads(run("claims", "--db", db, "--format", "json").stdout)[0]["article"] == \
        "https://example.org/s"


def test_extract_prints_gold_rows_per_file_without_a_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "001_story.txt").write_text("Surrey Police recorded 1,250 rapes in 2022.")
    (tmp_path / "in" / "002_broken.txt").write_bytes(b"\x00\x00binary")
    (tmp_path / "in" / "003_story.txt").write_text("Surrey Police charged 88 suspects with rape in 2022.")
    result = run("extract", tmp_path / "in", "--format", "jsonl", "--published", "2023-01-10")
    assert result.exit_code == 1
    assert "002_broken.txt: binary" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {r["article"] for r in rows} <= {"001_story", "003_story"}
    for row in rows:
        assert list(row) == list(GOLD_FIELDS) + ["char_start", "char_end"]
    assert list(tmp_path.iterdir()) == [tmp_path / "in"]  # no database written


def test_extract_batches_through_extract_many(tmp_path, monkeypatch):
    import attrition.extract

    calls = []
    real = attrition.extract.extract_many

    def counting(items, batch_size=16, **options):
        items = list(items)
        calls.append(len(items))
        return real(items, batch_size=batch_size, **options)

    monkeypatch.setattr(attrition.extract, "extract_many", counting)
    for n in range(5):
        (tmp_path / f"{n}.txt").write_text(f"Article {n} mentions 1,00{n} reports.")
    result = run("extract", tmp_path, "--format", "csv")
    assert result.exit_code == 0
    assert calls == [5]  # one batch for the whole directory, not one call per file
    assert result.stdout.splitlines()[0].split(",") == list(GOLD_FIELDS) + ["char_start", "char_end"]


def _leaf_commands(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            yield from _leaf_commands(command, prefix + (name,))
        else:
            yield prefix + (name,)


def test_every_command_has_help_with_an_example_and_a_readme_entry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in _leaf_commands(cli):
        result = run(*path, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.stdout, f"{' '.join(path)} --help has no example"
        assert f"attrition {' '.join(path)}" in readme, f"README does not mention attrition {' '.join(path)}"
