"""Readers: plain text, HTML (banner and menus left out), JSON lines, directories, feeds."""

import io
import json

from attrition.corpus.read.article import Article
from attrition.corpus.read.errors import Failure
from attrition.corpus.read.readers import iso_date, read_sources

BANNER_PAGE = """<!DOCTYPE html>
<html><head>
<title>Norfolk rape charges | Eastern Wire</title>
<meta property="og:site_name" content="Eastern Wire">
<meta property="article:published_time" content="2023-02-09T10:00:00Z">
</head><body>
<div class="cookie-banner" id="cookie-notice"><p>This site uses cookies for analytics and
advertising. By continuing to browse you accept our cookie policy.</p><button>Accept</button></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/jobs">Jobs</a></li></ul></nav>
<article><h1>Norfolk rape charges</h1>
<p>Norfolk Constabulary charged 42 people with rape in 2022, the force told the police and crime panel on Tuesday.</p>
<p>The panel heard that 388 rapes were reported to the force over the same twelve months.</p>
</article>
<footer>Eastern Wire Ltd, all rights reserved</footer>
</body></html>
"""


def read(*sources, **kw):
    return list(read_sources([str(s) for s in sources], **kw))


def test_plain_text_file_is_labelled_by_its_stem_and_dated_by_flag(tmp_path):
    path = tmp_path / "dorset-2023.txt"
    path.write_text("Dorset Police recorded 700 rapes.\r\n\r\n\r\n\r\nMore text.  \n", encoding="utf-8")
    [item] = read(path, published="2023-05-01")
    assert isinstance(item, Article)
    assert item.label == "dorset-2023" and item.published == "2023-05-01"
    assert item.text == "Dorset Police recorded 700 rapes.\n\nMore text."
    assert item.path == str(path.resolve())


def test_windows_1252_text_is_decoded(tmp_path):
    path = tmp_path / "quote.txt"
    path.write_bytes("The PCC said \x93enough\x94 about 12 cases.".encode("latin-1"))
    [item] = read(path)
    assert item.text == "The PCC said \u201cenough\u201d about 12 cases."


def test_html_keeps_article_and_metadata_but_not_banner_or_menu(tmp_path):
    path = tmp_path / "norfolk.html"
    path.write_text(BANNER_PAGE, encoding="utf-8")
    [item] = read(path)
    assert isinstance(item, Article), item
    assert "charged 42 people with rape" in item.text
    assert "388 rapes were reported" in item.text
    assert "cookie" not in item.text.lower()
    assert "Jobs" not in item.text and "all rights reserved" not in item.text
    assert item.title == "Norfolk rape charges"
    assert item.publisher == "Eastern Wire"
    assert item.published == "2023-02-09"
    assert item.label == "norfolk"


def test_jsonl_gives_one_article_per_line_with_its_fields(tmp_path):
    path = tmp_path / "scrape.jsonl"
    rows = [{"url": "https://example.org/1", "title": "One", "published": "2021-03-04T09:00:00",
             "text": "Essex Police recorded 1,100 rapes."},
            {"id": "two", "title": "Two", "published": "5 June 2022",
             "text": "Suffolk charged 30 suspects."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    first, second = read(path)
    assert (first.label, first.url, first.title, first.published) == (
        "https://example.org/1", "https://example.org/1", "One", "2021-03-04")
    assert (second.label, second.url, second.published) == ("two", None, "2022-06-05")


def test_stdin_dash_reads_json_lines():
    stream = io.StringIO(json.dumps({"url": "https://example.org/s", "text": "Kent: 12 charges."}) + "\n")
    [item] = read("-", stdin=stream)
    assert item.url == "https://example.org/s" and item.text == "Kent: 12 charges."


def test_directory_is_read_recursively_skipping_hidden_and_unknown_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("First article about 10 reports.")
    (tmp_path / "b" / "c.txt").write_text("Second article about 20 reports.")
    (tmp_path / ".hidden.txt").write_text("Hidden article about 30 reports.")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 binary")
    labels = [item.label for item in read(tmp_path)]
    assert labels == ["a", "c"]


def test_rss_feed_file_fetches_each_entry(tmp_path):
    from corpus_helpers import serve

    page = BANNER_PAGE.replace("<meta property=\"article:published_time\" content=\"2023-02-09T10:00:00Z\">", "")
    with serve({"/story": (200, "text/html; charset=utf-8", page.encode())}) as base:
        feed = tmp_path / "news.rss"
        feed.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>
<item><title>Story</title><link>{base}/story</link><pubDate>Mon, 06 Mar 2023 08:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>{base}/gone</link></item>
</channel></rss>""")
        story, gone = read(feed)
    assert isinstance(story, Article) and story.url == f"{base}/story"
    assert story.published == "2023-03-06"
    assert isinstance(gone, Failure) and "404" in gone.reason


def test_iso_date_accepts_iso_and_words_and_refuses_nonsense():
    assert iso_date("2023-04-05") == "2023-04-05"
    assert iso_date("2023-04-05T23:10:00Z") == "2023-04-05"
    assert iso_date("4 May 2023") == "2023-05-04"
    assert iso_date("") is None
    try:
        iso_date("not a date at all")
    except ValueError:
        pass
    else:
        raise AssertionError("nonsense accepted as a date")
