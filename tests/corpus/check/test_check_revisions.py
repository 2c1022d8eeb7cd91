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
