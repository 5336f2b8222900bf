"""MkDocs hook: give Material's search plugin pages without code, and rewrite its index compactly.

The compact index leaves code blocks out (handbook_build/search_index.py), yet
Material's indexer parsed them: a third of a cold build went to its HTML
parser, mostly inside <pre>. So the indexer now sees each page without them,
and the page is written with them.
"""

import json
import re
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

from handbook_build.search_index import compact_index, without_code

# What Material's on_page_context strips after indexing a page.
_SEARCH_ATTRIBUTES = re.compile(r'\s?data-search-\w+="[^"]+"')


@event_priority(100)  # before Material's search plugin indexes the page
def _index_without_code(context, page, **_):
    page.handbook_full_content = page.content
    page.content = without_code(page.content)


@event_priority(-100)  # after it
def _write_with_code(context, page, **_):
    page.content = _SEARCH_ATTRIBUTES.sub("", page.__dict__.pop("handbook_full_content"))


on_page_context = CombinedEvent(_index_without_code, _write_with_code)


def on_post_build(config):
    # Hooks run after plugins, so Material's search plugin has written the file.
    path = Path(config.site_dir) / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(compact_index(index), separators=(",", ":")), encoding="utf-8")
