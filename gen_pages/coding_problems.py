"""mkdocs-gen-files script: writes coding/problems.md from the case files under examples/coding/."""

from pathlib import Path

import mkdocs_gen_files
from mkdocs.exceptions import PluginError

from handbook_build.cases.case_file import CaseFileError
from handbook_build.problem_index import INDEX_PAGE, index_markdown, load_problems
from handbook_build.skills import nav_titles

config = mkdocs_gen_files.config
docs_dir = Path(config.docs_dir)
try:
    problems = load_problems(docs_dir.parent / "examples")
except CaseFileError as error:
    raise PluginError(str(error)) from None  # one line naming the file and the case

with mkdocs_gen_files.open(INDEX_PAGE, "w") as page:
    page.write(index_markdown(problems, docs_dir, nav_titles(config.nav)))
mkdocs_gen_files.set_edit_path(INDEX_PAGE, "../examples/coding/")
