"""MkDocs hook: give every glossary term a tooltip on every page but the glossary itself."""

import re

from mkdocs.exceptions import PluginError

from handbook_build.glossary import abbreviations, load_glossary
from handbook_build.yaml_source import DataFileError

# What the `abbr` extension writes around a term; titles never contain a quote.
_ABBR = re.compile(r'<abbr title="[^"]*">(.*?)</abbr>', re.DOTALL)


def on_config(config):
    # Loaded once per build; `mkdocs serve` reruns on_config after a change to data/.
    try:
        glossary = abbreviations(load_glossary())
    except DataFileError as error:
        # A clean, one-line build failure that names the file and line.
        raise PluginError(str(error)) from None
    # The extension's `glossary` option applies every term in one pass over the
    # page tree. Appending `*[term]: ...` lines to each page instead cost ~2 s a
    # page: the block parser re-tests the rest of that block line by line.
    config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary
    return config


def on_page_content(html, page, **_):
    # The glossary defines the terms; a tooltip repeating the definition under
    # each heading is noise.
    if page.file.src_uri == "glossary.md":
        return _ABBR.sub(r"\1", html)
    return html
