"""Skip (locally) or fail (under CI) when a language's compiler or runtime is missing."""

from __future__ import annotations

import pytest

from handbook_build.other_languages.toolchains import Language, missing_tools
from tests.support.ci import running_under_ci


def require_toolchain(language: Language) -> None:
    missing = missing_tools(language)
    if missing is None:
        return
    if running_under_ci():
        pytest.fail(f"{language.name}: {missing}; under CI a missing toolchain is a failure", pytrace=False)
    pytest.skip(f"{language.name}: {missing}")
