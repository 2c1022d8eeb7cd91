"""The ONS Police Force Area data tables, Table P1: title rows, footnote marks, `..` and estimates."""

from __future__ import annotations

from attrition.corpus.official.layouts import read_official_file
from attrition.corpus.official.load import load_official_file
from attrition.corpus.store import connect

P1 = '''"Table P1:  Police recorded crime by offence group and police force area, number of offences, year ending December 181,2",,,
,,,
Area Code,Area Name,Violence against the person,Sexual offences4
K04000001,ENGLAND AND WALES [note 3],"1,000,000","150,000"
E23000003,Lancashire8,"60,000","5,131"
E23000005,Greater Manchester9,"90,000",..
,,,
"8. Lancashire could not supply November and December data; totals were produced using an estimate for these months.",,,
"9. '..' indicates data not available.",,,
'''

P2 = P1.replace("Table P1:", "Table P2:").replace("number of offences", "percentage change")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_p1_reads_sexual_offences_for_the_year_ending_in_its_title(tmp_path):
    layout, figures = read_official_file(write(tmp_path, "pfatables.csv", P1))
    assert layout == "ons_pfa_p1"
    by_area = {f.area: f for f in figures}
    assert set(by_area) == {"England and Wales", "Lancashire"}  # Greater Manchester is `..`: no data
    lancs = by_area["Lancashire"]
    assert (lancs.value, lancs.period_start, lancs.period_end) == (5131, "2018-01-01", "2018-12-31")
    assert lancs.offence == "sexual_offences" and lancs.stage == "recorded"
    assert lancs.notes.startswith("ESTIMATED:") and "estimate" in lancs.notes
    assert by_area["England and Wales"].notes is None


def test_p1_without_url_gets_the_ons_address(tmp_path):
    _, figures = read_official_file(write(tmp_path, "pfatables.csv", P1))
    assert figures[0].url == ("https://www.ons.gov.uk/file?uri=/peoplepopulationandcommunity/crimeandjustice/"
                              "datasets/policeforceareadatatables/yearendingdecember2018/pfatables.csv")


def test_a_table_that_is_not_counts_is_refused(tmp_path):
    path = write(tmp_path, "p2.csv", P2)
    try:
        read_official_file(path)
    except Exception as e:  # noqa: BLE001 - the message is what is tested
        assert "p2.csv" in str(e) and "unknown layout" in str(e)
    else:
        raise AssertionError("a percentage-change table was read as counts")


def test_p1_loads_into_the_database_once(tmp_path):
    conn = connect(tmp_path / "t.db")
    path = write(tmp_path, "pfatables.csv", P1)
    first = load_official_file(conn, path)
    again = load_official_file(conn, path)
    assert (first.layout, first.inserted, again.already_loaded) == ("ons_pfa_p1", 2, True)
    conn.close()


REGIONS = '''"Table P1:  Police recorded crime by offence group and police force area, number of offences, year ending March 2019",,,
Area Code,Area Name,Violence against the person,Sexual offences
E12000005,West Midlands ,"90,000","9,000"
E23000015,Staffordshire,"20,000","2,000"
E23000014,West Midlands,"50,000","5,000"
E23000003,Lancashire 8,"30,000","3,100"
,British Transport Police,"6,000",900
,,,
"8. Lancashire figures for two months are an ONS estimate.",,,
'''


class TestAreasOfTheRows:
    def test_a_region_is_never_read_as_the_force_of_the_same_name(self, tmp_path):
        _, figures = read_official_file(write(tmp_path, "regions.csv", REGIONS))
        by_area = {f.area: f.value for f in figures}
        assert by_area["West Midlands"] == 5000
        assert by_area["West Midlands (region)"] == 9000

    def test_a_footnote_mark_after_a_space_is_a_mark_not_part_of_the_name(self, tmp_path):
        _, figures = read_official_file(write(tmp_path, "regions.csv", REGIONS))
        lancs = [f for f in figures if f.area == "Lancashire"]
        assert [f.value for f in lancs] == [3100] and lancs[0].notes.startswith("ESTIMATED:")

    def test_a_force_row_without_an_area_code_is_read(self, tmp_path):
        _, figures = read_official_file(write(tmp_path, "regions.csv", REGIONS))
        assert {f.area: f.value for f in figures}["British Transport Police"] == 900
        assert len(figures) == 5  # the blank and footnote rows are not figures
