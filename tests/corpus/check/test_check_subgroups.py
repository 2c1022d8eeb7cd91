"""Parts against their total (issue 12): victim groups, ages and no-crime components, in articles written here."""

from __future__ import annotations

from attrition.corpus.check.checks import ClaimRecord
from attrition.corpus.check.run import run_checks
from attrition.corpus.check.subgroups import check_subgroups
from check_helpers import checks_of, claim_ids, claim_in, open_db, store_article

FY = ("2019-04-01", "2020-03-31")


def count(value, quote, stage="recorded", id=None, figure=None, **fields):
    return ClaimRecord(id=id or f"c{value}", article_id=1, value=value, unit="count", stage=stage, offence="rape",
                       quote=quote, area="Essex", period_start=FY[0], period_end=FY[1],
                       figure_text=figure or f"{value:,}", **fields)


def verdicts(checks):
    return {c.claim_id: c.verdict for c in checks}


class TestSubgroups:
    def test_victim_groups_that_sum_to_the_total(self):
        claims = [count(600, "the force recorded 600 rapes"),
                  count(420, "420 rapes of a female aged 16 and over"),
                  count(150, "150 rapes of a female aged under 16"),
                  count(30, "30 rapes of a male aged 16 and over")]
        checks = check_subgroups(claims)
        assert verdicts(checks) == {"c420": "sums_to_total", "c150": "sums_to_total", "c30": "sums_to_total"}
        assert "sum to their total 600" in checks[0].reason and checks[0].kind == "subgroup"

    def test_a_part_larger_than_its_total(self):
        checks = check_subgroups([count(300, "the force recorded 300 rapes"),
                                  count(352, "352 rapes of a female aged 16 and over")])
        assert verdicts(checks) == {"c352": "exceeds_total"}
        assert checks[0].reason.startswith("the part (female victims aged 16 and over) 352 exceeds its total 300")

    def test_parts_together_larger_than_the_total(self):
        checks = check_subgroups([count(500, "the force recorded 500 rapes"),
                                  count(300, "300 of the victims were adults"),
                                  count(250, "250 child rapes were recorded")])
        assert set(verdicts(checks).values()) == {"exceeds_total"}
        assert "together (adult victims 300 + child victims 250 = 550) exceed their total 500" in checks[0].reason

    def test_parts_below_the_total_are_within_it(self):
        checks = check_subgroups([count(500, "the force recorded 500 rapes"),
                                  count(120, "120 child rapes were recorded")])
        assert verdicts(checks) == {"c120": "within_total"}

    def test_transferred_and_cancelled_make_up_the_no_crime_count(self):
        total = count(27, "27 rape offences were no-crimed", stage="no_crime")
        transferred = count(7, "it transferred 7 rape offences to other forces", stage="no_crime")
        cancelled = count(20, "and cancelled 20 more", stage="no_crime")
        assert set(verdicts(check_subgroups([total, transferred, cancelled])).values()) == {"sums_to_total"}
        short = count(12, "and cancelled 12 more", stage="no_crime")
        checks = check_subgroups([total, transferred, short])
        assert set(verdicts(checks).values()) == {"parts_do_not_sum"}
        assert "make up the whole but sum to less than their total 27" in checks[0].reason

    def test_a_rounded_total_holds_parts_that_sum_within_its_rounding(self):
        checks = check_subgroups([count(600, "about 600 rapes were recorded", figure="600", comparator="approx"),
                                  count(420, "420 rapes of a female aged 16 and over"),
                                  count(183, "183 rapes of a female aged under 16")])
        assert "exceeds_total" not in verdicts(checks).values()

    def test_two_different_totals_leave_the_parts_unchecked(self):
        checks = check_subgroups([count(600, "the force recorded 600 rapes"), count(650, "police logged 650 rapes"),
                                  count(700, "700 rapes of a female aged 16 and over")])
        assert checks == []

    def test_other_forces_periods_and_stages_are_not_parts(self):
        other = count(900, "900 rapes of a female aged 16 and over")
        other.area = "Kent"
        charged = count(800, "800 rapes of a female aged 16 and over were charged", stage="charged")
        assert check_subgroups([count(600, "the force recorded 600 rapes"), other, charged]) == []

    def test_a_quote_naming_adults_and_children_is_not_a_part(self):
        checks = check_subgroups([count(500, "the force recorded 500 rapes"),
                                  count(900, "of the victims, 900 were adults and 40 children")])
        assert checks == []

    def test_a_count_of_perpetrators_is_no_total_of_victims(self):
        checks = check_subgroups([count(90, "90 of the offenders were aged 25 to 34"),
                                  count(170, "170 child rapes were recorded")])
        assert checks == []

    def test_a_count_whose_sentence_names_a_victim_group_is_no_total(self):
        cut = count(79, "79 rapes of", sentence="79 rapes of a female aged 13 to 15")
        assert check_subgroups([cut, count(352, "352 rapes of a female aged 16 and over")]) == []


class TestSubgroupsInTheDatabase:
    def test_run_checks_writes_subgroup_checks_with_their_reason(self, tmp_path):
        conn = open_db(tmp_path)
        text = ("Essex Police recorded 410 rapes in 2019/20. Of those, 455 were rapes of a female aged 16 "
                "and over, the figures show.")
        fields = dict(stage="recorded", area="Essex", period_start=FY[0], period_end=FY[1])
        store_article(conn, "essex", text, [
            claim_in(text, "410", "Essex Police recorded 410 rapes in 2019/20", value=410, **fields),
            claim_in(text, "455", "455 were rapes of a female aged 16 and over", value=455, **fields)])
        report = run_checks(conn)
        assert report.verdicts[("subgroup", "exceeds_total")] == 1
        [check] = checks_of(conn, claim_ids(conn, "essex")[455], "subgroup")
        assert check["verdict"] == "exceeds_total" and check["official_value"] == 410
        assert "exceeds its total 410" in check["reason"]

