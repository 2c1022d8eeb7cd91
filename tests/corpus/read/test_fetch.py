"""URLs: pages from a local http.server, with its 404s and 500s, caps and User-Agent."""

from attrition.corpus.read.article import Article
from attrition.corpus.read.errors import Failure
from attrition.corpus.read.fetch import USER_AGENT
from attrition.corpus.read.readers import read_sources
from corpus_helpers import serve

PAGE = b"""<html><head><title>Gwent charges</title></head><body>
<nav><a href="/">Home</a> <a href="/weather">Weather</a></nav>
<article><h1>Gwent charges</h1><p>Gwent Police charged 25 people with rape in 2022/23, up from 19.</p>
<p>The force said 410 reports of rape had been made in the year.</p></article></body></html>"""


def read(url, **kw):
    return list(read_sources([url], **kw))


def test_html_page_is_read_with_url_as_label_and_honest_user_agent():
    with serve({"/gwent": (200, "text/html; charset=utf-8", PAGE)}) as base:
        [item] = read(f"{base}/gwent")
        assert serve.agents == [USER_AGENT]
    assert isinstance(item, Article)
    assert item.url == item.label == f"{base}/gwent"
    assert "charged 25 people" in item.text and "Weather" not in item.text
    assert item.fetched_at


def test_plain_text_url():
    with serve({"/a.txt": (200, "text/plain; charset=utf-8", "Gwent: 25 charges \u2013 up.".encode())}) as base:
        [item] = read(f"{base}/a.txt")
    assert item.text == "Gwent: 25 charges \u2013 up."


def test_404_and_500_are_failures_naming_the_url_and_status():
    with serve({"/boom": (500, "text/html", b"<h1>oops</h1>")}) as base:
        missing, broken = read_sources([f"{base}/missing", f"{base}/boom"])
    assert isinstance(missing, Failure) and missing.source == f"{base}/missing"
    assert "HTTP 404" in missing.reason
    assert isinstance(broken, Failure) and "HTTP 500" in broken.reason


def test_response_over_the_size_cap_is_refused():
    with serve({"/big": (200, "text/html", PAGE * 10)}) as base:
        [item] = read(f"{base}/big", max_bytes=len(PAGE))
    assert isinstance(item, Failure) and "cap" in item.reason


def test_empty_page_is_a_failure():
    with serve({"/empty": (200, "text/html", b"<html><body><nav>Home</nav></body></html>")}) as base:
        [item] = read(f"{base}/empty")
    assert isinstance(item, Failure) and "no article text" in item.reason


def test_unreachable_host_is_a_failure():
    [item] = read("http://127.0.0.1:9/nothing", timeout=2)
    assert isinstance(item, Failure) and "cannot fetch" in item.reason


def test_cli_ingest_of_urls_stores_the_page_and_names_the_404(tmp_path):
    from click.testing import CliRunner

    from attrition.cli.main import cli

    db = tmp_path / "u.db"
    with serve({"/gwent": (200, "text/html; charset=utf-8", PAGE)}) as base:
        result = CliRunner().invoke(cli, ["ingest", f"{base}/gwent", f"{base}/gone", "--db", str(db)])
    assert result.exit_code == 1
    assert f"{base}/gone: HTTP 404" in result.stderr
    assert result.stdout.startswith("1 new, 0 unchanged, 0 updated, 1 failed")
