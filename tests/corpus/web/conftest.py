"""The served database and a running `attrition serve` on it, for the web tests (one per test module)."""

from __future__ import annotations

import pytest

from serve_helpers import build_claims_db, running_server


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """The test database: three articles ingested, official figures loaded, claims checked."""
    return build_claims_db(tmp_path_factory.mktemp("serve"))


@pytest.fixture(scope="module")
def site(db):
    """Base URL of `attrition serve` running on the test database."""
    with running_server(db) as base:
        yield base
