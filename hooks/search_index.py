"""MkDocs hook: rewrite the search index compactly once Material has written it."""

import json
from pathlib import Path

from handbook_build.search_index import compact_index


def on_post_build(config):
    # Hooks run after plugins, so Material's search plugin has written the file.
    path = Path(config.site_dir) / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(compact_index(index), separators=(",", ":")), encoding="utf-8")
