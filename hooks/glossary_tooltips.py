"""MkDocs hook: append the glossary's abbreviations to every page so terms get tooltips."""

from mkdocs.exceptions import PluginError

from handbook_build.glossary import abbreviation_lines, load_glossary
from handbook_build.yaml_source import DataFileError

_abbreviations = ""


def on_config(config):
    global _abbreviations
    # Loaded once per build; `mkdocs serve` reruns on_config after a change to data/.
    try:
        _abbreviations = abbreviation_lines(load_glossary())
    except DataFileError as error:
        # A clean, one-line build failure that names the file and line.
        raise PluginError(str(error)) from None
    return config


def on_page_markdown(markdown, page, **_):
    if page.file.src_uri == "glossary.md":
        return markdown
    return f"{markdown}\n\n{_abbreviations}\n"
