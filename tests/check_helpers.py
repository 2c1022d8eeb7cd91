"""Helpers for the official-data and check tests: a real WAL database, claims written for the tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

from attrition.corpus.read.article import Article
from attrition.corpus.store import connect, save_article
from attrition.extract.claim import Claim

DATA = Path(__file__).parent / "data" / "official"


def open_db(tmp_path: Path):
    """Return a connection to a new database file (WAL, schema applied) under tmp_path."""
    return connect(tmp_path / "test.db")


def claim_in(text: str, figure: str, quote: str, **fields) -> Claim:
    """Return a Claim for `figure` inside `quote`, both found in `text` (first occurrence)."""
    quote_start = text.index(quote)
    char_start = quote_start + quote.index(figure)
    fields.setdefault("unit", "count")
    fields.setdefault("offence", "rape")
    return Claim(quote=quote, quote_start=quote_start, char_start=char_start,
                 char_end=char_start + len(figure), **fields)


def store_article(conn, label: str, text: str, claims: list[Claim], version: str = "test-1") -> int:
    """Store an article with hand-made claims; return its id."""
    return save_article(conn, Article(text=text, label=label, path=f"/tests/{label}.txt"), claims, version).article_id


def claim_ids(conn, article_label: str) -> dict[float, str]:
    """Return {value: claim id} for the claims of one article."""
    rows = conn.execute(
        "SELECT c.value, c.id FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.label = ?",
        (article_label,),
    )
    return {row[0]: row[1] for row in rows}


def checks_of(conn, claim_id: str, kind: str) -> list[dict]:
    """Return the stored checks of one kind for a claim, as dicts."""
    return [dict(r) for r in conn.execute(
        "SELECT * FROM checks WHERE claim_id = ? AND kind = ? ORDER BY id", (claim_id, kind))]


def write_ods(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """Write a minimal OpenDocument spreadsheet: {sheet name: rows of str/int/None cells}."""
    def cell(value):
        if value is None:
            return '<table:table-cell/>'
        if isinstance(value, (int, float)):
            return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f'<text:p>{value}</text:p></table:table-cell>')
        text = str(value).replace("&", "&amp;").replace("<", "&lt;")
        return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'

    tables = "".join(
        f'<table:table table:name="{name}">'
        + "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
        + '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
          'table:number-columns-repeated="16384"/></table:table-row></table:table>'
        for name, rows in sheets.items())
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return path
