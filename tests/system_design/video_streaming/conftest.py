"""ffmpeg for the transcoding tests: a skip locally when it is missing, a failure under CI."""

from __future__ import annotations

import pytest

from tests.support.servers import require_tools


@pytest.fixture(scope="session")
def ffmpeg() -> None:
    require_tools("ffmpeg", "ffprobe")
