"""MkDocs hook: fail early, with the fix, when the self-hosted browser assets are missing."""

import json
from pathlib import Path

from mkdocs.exceptions import PluginError


def on_config(config):
    lock = Path(config.config_file_path).parent / "assets.lock.json"
    for asset in json.loads(lock.read_text())["assets"]:
        if not asset["target"].startswith("docs/"):
            continue  # test-only assets are not part of the site
        if not (lock.parent / asset["target"]).exists():
            raise PluginError(f"{asset['target']} is missing: run `python3 dev.py setup` to fetch it.")
    return config
