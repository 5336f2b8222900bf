"""Whether we run under CI, where a missing browser or server is a failure, not a skip."""

from __future__ import annotations

import os


def running_under_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}
