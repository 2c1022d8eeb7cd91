"""`attrition serve` in a real browser: headless Debian Chromium driven by Selenium.

Skipped when /usr/bin/chromium is not installed (.ci/run installs it). Never
downloads a browser or a driver: Selenium is given /usr/bin/chromedriver. The
claim page's screenshot goes to the test's tmp_path; with ATTRITION_UPDATE_DOCS=1
it is also copied to docs/claim-page.png.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from serve_helpers import fetch, rows

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
DOCS_SCREENSHOT = Path(__file__).resolve().parents[3] / "docs" / "claim-page.png"

pytestmark = pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                                reason="needs Debian's chromium and chromium-driver (/usr/bin/chromium)")

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-first-run", "--window-size=1280,1100")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A headless Chromium with a fresh profile, driven through /usr/bin/chromedriver."""
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not fetch anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def by_css(driver, selector):
    """All elements matching a CSS selector."""
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def wait_for(driver, condition, seconds: float = 15):
    """Wait until `condition(driver)` is truthy (a page loaded after a form was sent); return it."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(condition)


def open_page(driver, url: str, selector: str) -> list:
    """Load `url` and wait until `selector` matches (chromedriver can answer before the page's
    elements are reachable); return the matching elements."""
    driver.get(url)
    return wait_for(driver, lambda d: by_css(d, selector))


def shown_facets(driver, column: str) -> dict:
    """{value: count} as the page shows them in one facet's list."""
    wait_for(driver, lambda d: by_css(d, f'div.facet-info[data-column="{column}"] li'))
    counts = {}
    timed_out = [e.text for e in by_css(driver, ".facets-timed-out, p.facets-timed-out")]
    assert not timed_out, timed_out
    for item in by_css(driver, f'div.facet-info[data-column="{column}"] li'):
        label, _, count = item.text.strip().rpartition(" ")
        counts[label] = int(count.replace(",", ""))
    return counts


@pytest.mark.parametrize("column", ["area", "stage", "offence", "unit", "period_text", "source", "speaker"])
def test_claims_page_facets_match_the_database(browser, site, db, column):
    open_page(browser, f"{site}/claims/claims", "div.facet-info")
    expected = dict(rows(db, f"SELECT {column}, count(*) FROM claims WHERE {column} IS NOT NULL GROUP BY 1"))
    assert shown_facets(browser, column) == {str(k): v for k, v in expected.items()}


def test_claims_view_shows_verdict_facets(browser, site, db):
    assert open_page(browser, f"{site}/claims/claims_view", "h1")[0].text.startswith("Claims with verdicts")
    expected = dict(rows(db, "SELECT verdict, count(DISTINCT claim_id) FROM checks GROUP BY 1"))
    assert shown_facets(browser, "verdicts") == expected
    official = dict(rows(db, "SELECT official_verdict, count(*) FROM claims_view"
                             " WHERE official_verdict IS NOT NULL GROUP BY 1"))
    assert shown_facets(browser, "official_verdict") == official


def test_search_box_finds_a_quote(browser, site):
    from selenium.webdriver.common.keys import Keys

    box = open_page(browser, f"{site}/claims/claims_view", "input#_search")[0]
    box.send_keys("trusted" + Keys.RETURN)
    wait_for(browser, lambda d: "_search=trusted" in d.current_url)
    cells = [cell.text for cell in wait_for(browser, lambda d: by_css(d, "td.col-quote"))]
    assert len(cells) == 1 and "who trusted us" in cells[0]


def test_claim_page_highlights_the_figure_and_shows_verdicts(browser, site, db, tmp_path):
    (claim_id,) = rows(db, "SELECT id FROM claims WHERE value = 2610")[0]
    links = open_page(browser, f"{site}/claims/claims_view?id={claim_id}", "td.col-id a")
    assert [a.text for a in links] == [claim_id]
    links[0].click()  # from the claims table to the claim page
    wait_for(browser, lambda d: d.current_url.endswith(f"/-/claim/{claim_id}"))
    marks = wait_for(browser, lambda d: by_css(d, "blockquote.evidence mark"))
    assert [m.text for m in marks] == ["2,610"]
    assert "Kent Police recorded 2,610 rapes in 2022/23" in by_css(browser, "blockquote.evidence")[0].text
    verdicts = {v.text for v in by_css(browser, "table.checks .verdict")}
    assert {"differs", "conflict"} <= verdicts
    assert "Rapes reported in Kent pass 2,600" in by_css(browser, "section.article h2")[0].text
    assert by_css(browser, "section.article .publisher")[0].text == "Medway Echo"
    official = [td.text for td in by_css(browser, "tr.check-official td.official-value")]
    assert official == ["2,450"]

    browser.set_window_size(1280, 1100)
    shot = tmp_path / "claim-page.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("ATTRITION_UPDATE_DOCS"):  # refresh the README's picture on request only
        DOCS_SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, DOCS_SCREENSHOT)


def test_claim_page_shows_escaped_titles_as_text(browser, site, db):
    (claim_id,) = rows(db, "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id"
                           " WHERE a.publisher = 'Kent Courier' ORDER BY c.char_start LIMIT 1")[0]
    assert open_page(browser, f"{site}/-/claim/{claim_id}", "section.article h2")[0].text == "Kent rape charges <fall> & victims wait"
    assert not by_css(browser, "fall")


def test_csv_export_of_a_canned_query_has_the_right_rows(browser, site, db):
    open_page(browser, f"{site}/claims/claims_differing_from_official", "p.export-links a")
    csv_links = [a.get_attribute("href") for a in by_css(browser, "p.export-links a")
                 if a.get_attribute("textContent").strip().lower() == "csv"]
    assert csv_links, "no CSV link on the canned query page"
    status, _, body = fetch(csv_links[0])
    lines = body.strip().splitlines()
    expected = rows(db, "SELECT claim_id FROM checks WHERE kind = 'official' AND verdict = 'differs'")
    assert status == 200 and lines[0].startswith("claim_id,claimed,official_value")
    assert sorted(line.split(",")[0] for line in lines[1:]) == sorted(r[0] for r in expected)


def test_funnel_form_takes_a_force_and_period(browser, site):
    from selenium.webdriver.common.keys import Keys

    open_page(browser, f"{site}/claims/funnel", 'input[name="area"]')[0].send_keys("Kent")
    period = by_css(browser, 'input[name="period"]')[0]
    period.send_keys("2022/23" + Keys.RETURN)
    wait_for(browser, lambda d: "period=2022" in d.current_url)
    origins = [td.text for td in wait_for(browser, lambda d: by_css(d, "td.col-origin"))]
    assert "claim" in origins and "official" in origins


FIRST_ROW_LIMIT_PX = 600  # where the first claim must start in a 1280x800 window
PRIMARY_FACETS = {"area", "stage", "verdicts", "official_verdict", "period"}
CLAIMS_SCREENSHOT = Path(__file__).resolve().parents[3] / "docs" / "claims-view.png"

_BOX = """const e = arguments[0], b = e.getBoundingClientRect();
return {x: b.left, y: b.top + window.scrollY, w: b.width, h: b.height,
        vw: document.documentElement.clientWidth, vh: window.innerHeight};"""


def box(driver, element) -> dict:
    """The element's box in page coordinates, with the viewport's width and height."""
    return driver.execute_script(_BOX, element)


def test_claims_view_opens_on_the_claims_with_their_quotes_on_screen(browser, site, db, tmp_path):
    browser.set_window_size(1280, 800)
    try:
        first = open_page(browser, f"{site}/claims/claims_view", "table.claims-list tbody tr")[0]
        row = box(browser, first)
        assert row["y"] < FIRST_ROW_LIMIT_PX, row
        assert row["h"] < 120, row  # compact: a few lines of quote, not a column of words
        quote = first.find_element("css selector", "td.col-quote")
        q = box(browser, quote)
        assert quote.is_displayed() and quote.text.strip()
        assert q["x"] >= 0 and q["x"] + q["w"] <= q["vw"] and q["y"] + 20 < q["vh"], q  # on screen, unscrolled
        assert q["w"] > 250, q
        cells = {td.get_attribute("class").split()[0]: td.text for td in first.find_elements("css selector", "td")}
        assert {"col-id", "col-figure", "col-stage", "col-area", "col-period", "col-verdict", "col-quote",
                "col-article"} <= set(cells)
        # the column descriptions are folded away, the facets a fact-checker uses are out
        assert not [d for d in by_css(browser, "dl.column-descriptions") if d.is_displayed()]
        shown = {f.get_attribute("data-column") for f in by_css(browser, "div.facet-info") if f.is_displayed()}
        assert shown == PRIMARY_FACETS
        assert "SELECT" not in browser.title and browser.title.startswith("Claims with verdicts")
        shot = tmp_path / "claims-view.png"
        assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
        if os.environ.get("ATTRITION_UPDATE_DOCS"):
            shutil.copyfile(shot, CLAIMS_SCREENSHOT)
    finally:
        browser.set_window_size(1280, 1100)


def test_claims_view_first_row_is_the_newest_article_with_its_title_and_link(browser, site, db):
    first = open_page(browser, f"{site}/claims/claims_view", "table.claims-list tbody tr")[0]
    (title, url, published) = rows(db, "SELECT title, url, published FROM articles ORDER BY published DESC")[0]
    article = first.find_element("css selector", "td.col-article")
    assert title in article.text and published in article.text
    assert article.find_element("css selector", "a").get_attribute("href") == url


def test_column_descriptions_open_from_their_fold(browser, site):
    open_page(browser, f"{site}/claims/claims_view", "details#columns summary")[0].click()
    described = wait_for(browser, lambda d: [e for e in by_css(d, "dl.column-descriptions dt") if e.is_displayed()])
    assert "figure" in {e.text for e in described}


def test_more_facets_are_one_click_away_and_filter(browser, site, db):
    open_page(browser, f"{site}/claims/claims_view", "details.more summary")[0].click()
    offence = wait_for(browser, lambda d: [f for f in by_css(d, 'div.facet-info[data-column="offence"]')
                                            if f.is_displayed()])
    offence[0].find_element("css selector", "a").click()
    wait_for(browser, lambda d: "offence=" in d.current_url)
    (value,) = re.search(r"offence=([a-z_]+)", browser.current_url).groups()
    expected = rows(db, "SELECT count(*) FROM claims WHERE offence = ?", (value,))[0][0]
    assert len(by_css(browser, "table.claims-list tbody tr")) == expected


def test_canned_query_shows_results_under_its_title_with_the_sql_folded(browser, site):
    first = open_page(browser, f"{site}/claims/claims_differing_from_official", "table.rows-and-columns tbody tr")[0]
    assert browser.title.startswith("Claims that differ from official figures")
    assert box(browser, first)["y"] < 400
    sql = by_css(browser, "pre#sql-query")[0]
    assert not sql.is_displayed()
    by_css(browser, "details.sql summary")[0].click()
    assert wait_for(browser, lambda d: sql.is_displayed() and "SELECT" in sql.text)


def test_landing_page_search_goes_to_the_claims(browser, site):
    from selenium.webdriver.common.keys import Keys

    assert "figures about rape" in open_page(browser, site + "/", "h1")[0].text
    links = {a.text.strip() for a in by_css(browser, ".start a.card strong")}
    assert {"Claims with verdicts", "Claims that differ from official figures", "Conflicts between articles",
            "The funnel for a force and period", "Latest articles"} <= links
    by_css(browser, "input#_search")[0].send_keys("trusted" + Keys.RETURN)
    wait_for(browser, lambda d: "/claims/claims_view?_search=trusted" in d.current_url)
    cells = [c.text for c in wait_for(browser, lambda d: by_css(d, "td.col-quote"))]
    assert len(cells) == 1 and "who trusted us" in cells[0]
