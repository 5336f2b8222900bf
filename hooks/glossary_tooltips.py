"""MkDocs hook: append the glossary's abbreviations to every page so terms get tooltips."""

from handbook_build.glossary import abbreviation_lines, load_glossary

_abbreviations = ""


def on_config(config):
    global _abbreviations
    # Loaded once per build; `mkdocs serve` reruns on_config after a change to data/.
    _abbreviations = abbreviation_lines(load_glossary())
    return config


def on_page_markdown(markdown, page, **_):
    if page.file.src_uri == "glossary.md":
        return markdown
    return f"{markdown}\n\n{_abbreviations}\n"
