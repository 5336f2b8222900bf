"""MkDocs hook: name Material's search dialog for screen readers (handbook_build/accessible_names.py)."""

from mkdocs.exceptions import PluginError

from handbook_build.accessible_names import name_search_dialog


def on_post_page(output, page, **_):
    try:
        return name_search_dialog(output)
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
