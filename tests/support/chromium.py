"""Find a real Chromium; never download one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ENV_VARIABLE = "HANDBOOK_CHROMIUM"
# Debian's wrapper script at /usr/bin/chromium is noisy; the binary behind it is not.
_KNOWN_PATHS = ["/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser"]
_COMMANDS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
HOW_TO_GET_ONE = (
    f"install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) or set {ENV_VARIABLE} "
    "to a Chromium or Chrome executable"
)
# Flags for a sandboxed CI machine with no network beyond loopback.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def find_chromium() -> str | None:
    configured = os.environ.get(ENV_VARIABLE)
    if configured:
        return configured if Path(configured).is_file() else None
    for candidate in _KNOWN_PATHS:
        if Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    for command in _COMMANDS:
        found = shutil.which(command)
        if found:
            return found
    return None

