"""`--manifest`: the page metadata of a folder of saved texts reaches the extractor."""

from __future__ import annotations

import json

from click.testing import CliRunner

from attrition.cli.main import cli

TEXT = "Our force area recorded 640 rapes in 2022/23, and 51 suspects were charged.\n"


def _run(*args):
    return CliRunner().invoke(cli, ["extract", *args, "--format", "jsonl"])


def _write(tmp_path, manifest: str):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a1.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "m.csv"
    path.write_text(manifest, encoding="utf-8")
    return folder, path


def test_the_manifest_gives_a_force_page_its_force_and_source(tmp_path):
    folder, manifest = _write(tmp_path, "id,url,title,publisher,published\n"
                                        "a1,https://www.dorset.police.uk/foi/1,FOI 1,Dorset Police,2023-05-01\n")
    without = [json.loads(line) for line in _run(str(folder)).stdout.splitlines()]
    assert {row["area"] for row in without} == {"England and Wales"}
    result = _run(str(folder), "--manifest", str(manifest))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {row["value"] for row in rows} == {640, 51}
    assert {row["area"] for row in rows} == {"Dorset"}
    assert {row["source"] for row in rows} == {"Dorset Police"}
    assert {row["article"] for row in rows} == {"a1"}


def test_a_file_without_a_row_is_read_as_before(tmp_path):
    folder, manifest = _write(tmp_path, "id,url,title,publisher,published\nother,,,Kent Police,\n")
    result = _run(str(folder), "--manifest", str(manifest))
    assert result.exit_code == 0
    assert {json.loads(line)["area"] for line in result.stdout.splitlines()} == {"England and Wales"}


def test_a_file_that_is_not_a_manifest_is_a_usage_error_naming_it(tmp_path):
    folder, manifest = _write(tmp_path, "name,address\nx,y\n")
    result = _run(str(folder), "--manifest", str(manifest))
    assert result.exit_code == 2
    assert "m.csv" in result.output and "not a manifest" in result.output


def test_a_json_line_id_becomes_the_article(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "n7", "text": TEXT, "publisher": "Dorset Police"}) + "\n", encoding="utf-8")
    rows = [json.loads(line) for line in _run(str(path)).stdout.splitlines()]
    assert rows and {row["article"] for row in rows} == {"n7"}
