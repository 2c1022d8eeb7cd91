"""A figure whose releases differ (issue 12): a claim agreeing with one release names the other as a revision."""

from __future__ import annotations

from attrition.corpus.check.checks import ClaimRecord


def count(value, quote):
    return ClaimRecord(id="c1", article_id=1, value=value, unit="count", stage="recorded", offence="rape",
                       quote=quote, area="Essex", period_start="2019-04-01", period_end="2020-03-31",
                       figure_text=f"{value:,}")

class TestRevisedBetweenReleases:
    def test_an_agreeing_claim_names_the_other_release_of_the_same_figure(self, tmp_path):
        from attrition.corpus.check.checks import check_official
        from attrition.corpus.official.layouts import read_official_file

        header = "area,offence,stage,unit,value,population,period_start,period_end,publisher,dataset,url\n"
        path = tmp_path / "two.csv"
        path.write_text(header
                        + "Essex,rape,recorded,count,3722,all,2019-04-01,2020-03-31,ONS,First release,https://e.org/1\n"
                        + "Essex,rape,recorded,count,3692,all,2019-04-01,2020-03-31,ONS,Revised series,https://e.org/2\n",
                        encoding="utf-8")
        check = check_official(count(3722, "the force recorded 3,722 rapes"), read_official_file(path)[1])
        assert check.verdict == "agrees" and check.official_value == 3722
        assert "another release of the same figure gives 3,692 (Revised series)" in check.reason


# Two releases of one figure: the year ending March 2018 in its own edition (data to March 2018),
# and again in a rolling series whose data run to December 2018, revised.
EARLY = '''"Table P1:  Police recorded crime by offence group and police force area, number of offences, year ending March 2018",,,
Area Code,Area Name,Violence against the person,Sexual offences
E23000028,Essex,"40,000","3,712"
'''
LATE = ("12 months ending,PFA,Region,Offence,Rolling year total number of offences\n"
        "31-03-2018,Essex,East,Sexual offences,3735\n"
        "31-12-2018,Essex,East,Sexual offences,3900\n")
YE_MAR_2018 = dict(period_start="2017-04-01", period_end="2018-03-31")


def revised_db(tmp_path, value, published):
    """Return (connection, claim id): both releases loaded, one article of `published` claiming `value`."""
    from check_helpers import claim_ids, claim_in, open_db
    from attrition.corpus.official.load import load_official_file
    from attrition.corpus.read.article import Article
    from attrition.corpus.store import save_article

    conn = open_db(tmp_path)
    for name, text in (("early.csv", EARLY), ("late.csv", LATE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    load_official_file(conn, tmp_path / "early.csv")
    load_official_file(conn, tmp_path / "late.csv", url="https://example.org/rolling")
    text = f"Essex Police recorded {value:,} sexual offences in the year to March 2018."
    figure = f"{value:,}"
    claim = claim_in(text, figure, f"recorded {figure} sexual offences", value=value, stage="recorded",
                     offence="sexual_offences", area="Essex", **YE_MAR_2018)
    save_article(conn, Article(text=text, label="essex", path="/tests/essex.txt", published=published),
                 [claim], "test-1")
    return conn, claim_ids(conn, "essex")[value]


class TestAgreesWithAnEarlierRelease:
    def test_a_claim_matching_the_first_release_before_its_revision_agrees_with_earlier(self, tmp_path):
        from check_helpers import checks_of
        from attrition.corpus.check.listing import coverage
        from attrition.corpus.check.run import run_checks

        conn, claim_id = revised_db(tmp_path, 3712, "2018-08-01")
        run_checks(conn)
        check = checks_of(conn, claim_id, "official")[0]
        assert check["verdict"] == "agrees_with_earlier" and check["official_value"] == 3712
        assert "revised it to 3,735" in check["reason"] and "data to 2018-12-31" in check["reason"]
        assert coverage(conn) == (1, 1)  # compared with an official figure, if an earlier one
        conn.close()

    def test_a_claim_matching_the_latest_release_simply_agrees(self, tmp_path):
        from check_helpers import checks_of
        from attrition.corpus.check.run import run_checks

        conn, claim_id = revised_db(tmp_path, 3735, "2019-06-01")
        run_checks(conn)
        check = checks_of(conn, claim_id, "official")[0]
        assert check["verdict"] == "agrees" and check["official_value"] == 3735
        assert "another release of the same figure gives 3,712" in check["reason"]
        conn.close()

    def test_an_article_older_than_the_release_it_matches_is_no_earlier_quote(self, tmp_path):
        from check_helpers import checks_of
        from attrition.corpus.check.run import run_checks

        conn, claim_id = revised_db(tmp_path, 3712, "2018-02-01")  # before the year it counts had ended
        run_checks(conn)
        assert checks_of(conn, claim_id, "official")[0]["verdict"] == "agrees"
        conn.close()
