"""MkDocs hook: list, under each page's "## Track it", the skills that link to the page and their areas."""

from pathlib import Path

from mkdocs.exceptions import PluginError

from handbook_build.skills import SKILLS_FILE, load_skills, nav_titles
from handbook_build.track_it import insert_track_it, insert_track_it_html, skills_by_page
from handbook_build.yaml_source import DataFileError

_by_page = {}


def on_config(config):
    global _by_page
    try:
        catalog = load_skills(SKILLS_FILE, docs_dir=Path(config.docs_dir), page_titles=nav_titles(config.nav))
    except DataFileError as error:
        raise PluginError(str(error)) from None
    _by_page = skills_by_page(catalog)
    return config


def on_page_markdown(markdown, page, **_):
    return insert_track_it(markdown, page.file.src_uri, _by_page)


def on_page_content(html, page, config, **_):
    # Notebooks: mkdocs-jupyter renders them to HTML without the markdown above.
    return insert_track_it_html(html, page.file.src_uri, _by_page, directory_urls=config.use_directory_urls)
