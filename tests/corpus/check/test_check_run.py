"""Running the checks over a real database: verdicts written, incremental re-runs, the CLI commands."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from attrition.corpus.check.run import checks_for_claim, run_checks
from attrition.cli.main import cli
from attrition.corpus.official.load import load_official_file
from check_helpers import DATA, checks_of, claim_ids, claim_in, open_db, store_article

FY_2012 = dict(period_start="2012-04-01", period_end="2013-03-31")
FY_2017 = dict(period_start="2017-04-01", period_end="2018-03-31")
CY_2022 = dict(period_start="2022-01-01", period_end="2022-12-31")

HERTS_2012 = ("Hertfordshire recorded 110 rape offences from April 2012 to March 2013. "
              "Its no crime rate of 21 per cent was well above the 12 per cent seen across England and Wales.")
LANCS_2022 = ("Lancashire Police received 1,527 rape reports in 2022; just 50 ended in a conviction, so its "
              "conviction rate was 3.3 per cent.")
COMET = ("Hertfordshire police logged 864 rape allegations in 2017/18 and passed 56 to the CPS. "
         "Prosecutors charged 35 of them, and 28 ended in a conviction.")
# Both articles count charges as a part of the referrals to the CPS: CPS charging decisions, one measure.
HEMEL = "In 2017/18 police referred 56 allegations to the CPS. Of those, 34 were charged and 27 led to a conviction."


def herts_2012_claims():
    t = HERTS_2012
    return [
        claim_in(t, "110", "Hertfordshire recorded 110 rape offences", value=110, stage="recorded",
                 area="Hertfordshire", **FY_2012),
        claim_in(t, "21 per cent", "Its no crime rate of 21 per cent", value=21, unit="percent",
                 stage="no_crime", of_stage="recorded", area="Hertfordshire", **FY_2012),
        claim_in(t, "12 per cent", "the 12 per cent seen across England and Wales", value=12, unit="percent",
                 stage="no_crime", of_stage="recorded", area="England and Wales", **FY_2012),
    ]


def lancs_claims():
    t = LANCS_2022
    return [
        claim_in(t, "1,527", "1,527 rape reports", value=1527, stage="reported", area="Lancashire", **CY_2022),
        claim_in(t, "50", "just 50 ended in a conviction", value=50, stage="convicted",
                 area="Lancashire", **CY_2022),
        claim_in(t, "3.3 per cent", "its conviction rate was 3.3 per cent", value=3.3, unit="percent",
                 stage="convicted", of_stage="reported", area="Lancashire", **CY_2022),
    ]


def funnel_claims(text, values):
    stages = ("reported", "referred", "charged", "convicted")
    claims = []
    for stage, (figure, quote) in zip(stages, values):
        if figure is None:
            continue
        claims.append(claim_in(text, figure, quote, value=float(figure), stage=stage, area="Hertfordshire",
                               **FY_2017))
    return claims


def comet_claims():
    return funnel_claims(COMET, [("864", "logged 864 rape allegations"), ("56", "passed 56 to the CPS"),
                                 ("35", "Prosecutors charged 35 of them"), ("28", "28 ended in a conviction")])


def hemel_claims(text=HEMEL, charged="34", convicted="27"):
    return funnel_claims(text, [(None, None), ("56", "police referred 56 allegations"),
                                (charged, f"Of those, {charged} were charged"),
                                (convicted, f"{convicted} led to a conviction")])


@pytest.fixture
def db(tmp_path):
    conn = open_db(tmp_path)
    store_article(conn, "herts_2012", HERTS_2012, herts_2012_claims())
    store_article(conn, "lancs_2022", LANCS_2022, lancs_claims())
    store_article(conn, "comet", COMET, comet_claims())
    store_article(conn, "hemel", HEMEL, hemel_claims())
    load_official_file(conn, DATA / "tidy_small.csv")
    yield conn
    conn.close()


def only(checks):
    assert len(checks) == 1, checks
    return checks[0]


def test_checks_give_the_expected_verdicts(db):
    report = run_checks(db)
    assert report.claims == 13 and report.written > 0
    herts, lancs, comet, hemel = (claim_ids(db, label) for label in ("herts_2012", "lancs_2022", "comet", "hemel"))

    official = only(checks_of(db, herts[110], "official"))
    assert official["verdict"] == "agrees" and official["official_value"] == 110
    assert "all ages 173" in official["reason"]
    assert official["url"] == "https://example.org/digest-2012-13"
    assert only(checks_of(db, herts[21], "official"))["verdict"] == "agrees"
    assert only(checks_of(db, herts[12], "official"))["verdict"] == "agrees"

    arithmetic = only(checks_of(db, lancs[3.3], "arithmetic"))
    assert arithmetic["verdict"] == "agrees" and arithmetic["other_claim_id"] == lancs[1527]
    assert only(checks_of(db, lancs[3.3], "official"))["verdict"] == "agrees"  # tidy row 3.27

    # One year's counts are flows, not one cohort: none of them is ordered against another.
    assert [c for v in (864, 56, 35, 28) for c in checks_of(db, comet[v], "funnel")] == []
    conflict = only(checks_of(db, comet[35], "across"))
    assert conflict["verdict"] == "conflict" and conflict["other_claim_id"] == hemel[34]
    assert conflict["other_quote"] == "Of those, 34 were charged"
    assert only(checks_of(db, hemel[27], "across"))["verdict"] == "conflict"
    assert only(checks_of(db, hemel[56], "across"))["verdict"] == "agrees"


def test_a_rerun_with_nothing_new_changes_nothing(db):
    run_checks(db)
    before = db.execute("SELECT id, claim_id, kind, verdict FROM checks ORDER BY id").fetchall()
    report = run_checks(db)
    assert (report.official_rechecked, report.other_rechecked, report.written) == (0, 0, 0)
    assert db.execute("SELECT id, claim_id, kind, verdict FROM checks ORDER BY id").fetchall() == before


def test_new_official_data_redoes_only_the_official_checks(db, tmp_path):
    run_checks(db)
    funnel_ids = db.execute("SELECT id FROM checks WHERE kind = 'funnel' ORDER BY id").fetchall()
    extra = tmp_path / "more.csv"
    extra.write_text((DATA / "tidy_small.csv").read_text().splitlines()[0] + "\n"
                     "Hertfordshire,rape,convicted,count,27,all,2017-04-01,2018-03-31,Test PCC,Test panel 2017/18,"
                     "https://example.org/panel,\n")
    load_official_file(db, extra)
    report = run_checks(db)
    assert report.official_rechecked == 13 and report.other_rechecked == 0
    comet = claim_ids(db, "comet")
    check = only(checks_of(db, comet[28], "official"))
    assert (check["verdict"], check["official_value"], check["abs_diff"]) == ("differs", 27, 1)
    assert db.execute("SELECT id FROM checks WHERE kind = 'funnel' ORDER BY id").fetchall() == funnel_ids


def test_a_corrected_article_clears_the_conflict_it_caused(db):
    run_checks(db)
    corrected = HEMEL.replace("34", "35").replace("27", "28")
    store_article(db, "hemel", corrected, hemel_claims(corrected, "35", "28"))
    report = run_checks(db)
    assert 0 < report.other_rechecked < 13  # the two Hertfordshire 2017/18 articles, not the others
    comet = claim_ids(db, "comet")
    assert only(checks_of(db, comet[35], "across"))["verdict"] == "agrees"
    assert only(checks_of(db, comet[28], "across"))["verdict"] == "agrees"
    assert db.execute("SELECT count(*) FROM checks WHERE verdict = 'conflict'").fetchone()[0] == 0
    # No check is left pointing at a claim that no longer exists.
    orphans = db.execute("SELECT count(*) FROM checks WHERE other_claim_id IS NOT NULL AND other_claim_id NOT IN"
                         " (SELECT id FROM claims)").fetchone()[0]
    assert orphans == 0


def test_full_rechecks_everything_and_gives_the_same_verdicts(db):
    run_checks(db)
    first = sorted(tuple(r) for r in db.execute("SELECT claim_id, kind, verdict FROM checks"))
    report = run_checks(db, full=True)
    assert report.official_rechecked == 13
    assert sorted(tuple(r) for r in db.execute("SELECT claim_id, kind, verdict FROM checks")) == first


def test_cli_check_claims_verdict_show_and_funnel(db, tmp_path):
    path = db.execute("PRAGMA database_list").fetchone()["file"]
    runner = CliRunner()
    result = runner.invoke(cli, ["check", "--db", path])
    assert result.exit_code == 0, result.output
    assert "across conflict: 4" in result.output

    listed = runner.invoke(cli, ["claims", "--verdict", "conflict", "--format", "csv", "--db", path])
    assert listed.exit_code == 0
    values = sorted(row["value"] for row in csv.DictReader(io.StringIO(listed.output)))
    assert values == ["27", "28", "34", "35"]

    herts = claim_ids(db, "herts_2012")
    shown = runner.invoke(cli, ["show", herts[110][:8], "--db", path])
    assert shown.exit_code == 0
    assert "checks:" in shown.output and "official   agrees" in shown.output
    assert "https://example.org/digest-2012-13" in shown.output

    funnel = runner.invoke(cli, ["funnel", "--area", "Herts", "--period", "2017/18", "--db", path])
    assert funnel.exit_code == 0, funnel.output
    assert "Hertfordshire, rape, 2017/18" in funnel.output
    assert "comet [" in funnel.output and "hemel [" in funnel.output
    assert funnel.output.index("reported") < funnel.output.index("referred") < funnel.output.index("convicted")

    official = runner.invoke(cli, ["funnel", "--area", "Herts", "--period", "2012/13", "--db", path])
    assert "official" in official.output and "Test digest 2012/13 (adult victims" in official.output
    assert "Test digest 2012/13 (child victims" in official.output

    bad = runner.invoke(cli, ["funnel", "--area", "Gotham", "--db", path])
    assert bad.exit_code == 2 and "unknown area 'Gotham'" in bad.output  # a usage error (issue 13)


def test_checks_for_claim_parses_detail(db):
    run_checks(db)
    herts = claim_ids(db, "herts_2012")
    checks = checks_for_claim(db, herts[110])
    assert checks[0]["kind"] == "official"
    assert checks[0]["detail"]["populations"] == {"adult": 110, "child": 63}
