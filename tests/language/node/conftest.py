"""The compiled Node examples, built once per test process."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook_build.other_languages.toolchains import TYPESCRIPT
from tests.language.node.node_programs import build_node_examples
from tests.support.toolchains import require_toolchain


@pytest.fixture(scope="session")
def node_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_toolchain(TYPESCRIPT)
    return build_node_examples(tmp_path_factory.mktemp("node-examples"))
