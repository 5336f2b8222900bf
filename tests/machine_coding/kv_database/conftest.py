"""Both database designs must behave identically, so shared tests run on each."""

from __future__ import annotations

import pytest

from examples.machine_coding.kv_database.copy_on_begin import CopyOnBeginDatabase
from examples.machine_coding.kv_database.database import KVDatabase


@pytest.fixture(params=[KVDatabase, CopyOnBeginDatabase], ids=["undo_log", "copy_on_begin"])
def any_db(request: pytest.FixtureRequest) -> KVDatabase | CopyOnBeginDatabase:
    return request.param()
