"""Two more ways a claim and an official figure count different things (issue 12), with invented articles and rows.

- Charges said to be a part of the cases referred to the CPS ("30 of those") are the CPS's charging
  decisions on suspects, not the police charge/summons outcomes of recorded crimes.
- A force whose own figures reach beyond England and Wales (British Transport Police, Great Britain)
  against the England and Wales statistics' count of it.
"""

from __future__ import annotations

import pytest

from attrition.corpus.check.checks import ClaimRecord, check_official
from attrition.corpus.check.comparability import claim_profile
from attrition.corpus.check.run import run_checks
from attrition.corpus.official.layouts import read_official_file
from attrition.corpus.official.load import load_official_file
from check_helpers import checks_of, claim_ids, claim_in, open_db, store_article

FY = dict(period_start="2016-04-01", period_end="2017-03-31")
HEADER = "area,offence,stage,unit,value,population,period_start,period_end,publisher,dataset,url,notes\n"
POLICE_CHARGES = ("Surrey,rape,charged,count,18,all,2016-04-01,2017-03-31,HMICFRS (Rape Monitoring Group),"
                  "Invented dashboard,https://example.org/dash,charge/summons (police outcome) of recorded rapes\n")
ROLLING = ("12 months ending,PFA,Region,Offence,Rolling year total number of offences\n"
           "31-03-2017,British Transport Police,British Transport Police,Sexual offences,700\n")


@pytest.fixture
def police_charges(tmp_path):
    path = tmp_path / "tidy.csv"
    path.write_text(HEADER + POLICE_CHARGES, encoding="utf-8")
    return read_official_file(path)[1]


@pytest.fixture
def rolling(tmp_path):
    path = tmp_path / "rolling.csv"
    path.write_text(ROLLING, encoding="utf-8")
    return read_official_file(path, url="https://example.org/rolling")[1]


def charged(value, quote, sentence, before, **fields):
    return ClaimRecord(id="c1", article_id=1, value=value, unit="count", stage="charged", offence="rape",
                       quote=quote, area="Surrey", figure_text=str(value), sentence=sentence, before=before,
                       **FY, **fields)


class TestChargesOfReferrals:
    def test_charges_said_to_be_part_of_referrals_to_the_cps_are_not_police_outcomes(self, police_charges):
        claim = charged(30, "Suspects were charged in 30 of those", "Suspects were charged in 30 of those.",
                        "Officers passed 41 files to the CPS last year.")
        assert claim_profile(claim).measure == "cps_charged"
        check = check_official(claim, police_charges)
        assert check.verdict == "not_comparable"
        assert "CPS charged suspects" in check.reason and "police charge/summons outcomes" in check.reason

    def test_a_charge_count_with_no_referral_before_it_is_still_compared(self, police_charges):
        claim = charged(30, "Suspects were charged in 30 of those", "Suspects were charged in 30 of those.",
                        "Officers recorded 400 rapes last year.")
        assert claim_profile(claim).measure == "police_charge"
        assert check_official(claim, police_charges).verdict == "differs"

    def test_the_article_text_before_the_claim_is_read_when_checks_run(self, tmp_path):
        text = ("The county's force passed 41 rape files to the Crown Prosecution Service in 2016/17. "
                "Suspects were charged in 30 of those cases, the commissioner said.")
        conn = open_db(tmp_path)
        path = tmp_path / "tidy.csv"
        path.write_text(HEADER + POLICE_CHARGES, encoding="utf-8")
        load_official_file(conn, path)
        store_article(conn, "files", text, [
            claim_in(text, "30", "Suspects were charged in 30 of those cases", value=30, stage="charged",
                     area="Surrey", **FY)])
        run_checks(conn)
        check = checks_of(conn, claim_ids(conn, "files")[30], "official")[0]
        assert check["verdict"] == "not_comparable" and "CPS charged suspects" in check["reason"]
        conn.close()


def transport(value, quote, source):
    return ClaimRecord(id="c1", article_id=1, value=value, unit="count", stage="recorded",
                       offence="sexual_offences", quote=quote, area="British Transport Police",
                       figure_text=f"{value:,}", source=source, **FY)


class TestForceWiderThanEnglandAndWales:
    def test_the_force_s_own_figure_is_not_compared_with_the_england_and_wales_count(self, rolling):
        check = check_official(transport(950, "950 sex offences on the railways", "British Transport Police"),
                               rolling)
        assert check.verdict == "not_comparable"
        assert check.reason.startswith("different coverage") and "Scotland" in check.reason

    def test_a_figure_quoted_from_the_home_office_is_compared(self, rolling):
        check = check_official(transport(700, "700 sexual offences on the railways", "Home Office"), rolling)
        assert check.verdict == "agrees" and check.official_value == 700
