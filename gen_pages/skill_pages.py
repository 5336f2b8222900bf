"""mkdocs-gen-files script: writes the skill map pages (skills/*.md) from data/skills.yml."""

from pathlib import Path

import mkdocs_gen_files
from mkdocs.exceptions import PluginError

from handbook_build.skill_pages import generated_pages
from handbook_build.skills import SKILLS_FILE, load_skills, nav_titles
from handbook_build.yaml_source import DataFileError

config = mkdocs_gen_files.config
try:
    catalog = load_skills(SKILLS_FILE, docs_dir=Path(config.docs_dir), page_titles=nav_titles(config.nav))
except DataFileError as error:
    # A clean, one-line build failure that names the file, line and skill id.
    raise PluginError(str(error)) from None

for path, markdown in generated_pages(catalog, config.repo_url, directory_urls=config.use_directory_urls).items():
    with mkdocs_gen_files.open(path, "w") as page:
        page.write(markdown)
    mkdocs_gen_files.set_edit_path(path, f"../{SKILLS_FILE.as_posix()}")
