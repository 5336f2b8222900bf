"""ffmpeg for the transcoding tests: a skip locally when it is missing, a failure under CI."""

from __future__ import annotations

import shutil

import pytest

from tests.support.ci import running_under_ci


@pytest.fixture(scope="session")
def ffmpeg() -> None:
    missing = [name for name in ("ffmpeg", "ffprobe") if shutil.which(name) is None]
    if not missing:
        return
    message = f"{' and '.join(missing)} not installed (Debian's ffmpeg package)"
    if running_under_ci():
        pytest.fail(message + "; under CI a missing tool is a failure", pytrace=False)
    pytest.skip(message)
