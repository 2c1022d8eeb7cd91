"""Fixtures shared by every test; the helper modules beside this file (`corpus_helpers`,
`check_helpers`, `extract_helpers`, `scale_helpers`, `serve_helpers`, `update_helpers`)
are importable from any test folder because pytest puts this folder on sys.path."""

from __future__ import annotations

import pytest

from attrition.corpus import store


@pytest.fixture
def conn():
    """A new in-memory database with the schema applied (closed after the test)."""
    connection = store.connect(":memory:")
    yield connection
    connection.close()
