"""mkdocs-gen-files script: writes glossary.md from data/glossary.yml."""

import mkdocs_gen_files

from handbook_build.glossary import GLOSSARY_FILE, glossary_page, load_glossary

with mkdocs_gen_files.open("glossary.md", "w") as page:
    page.write(glossary_page(load_glossary()))
mkdocs_gen_files.set_edit_path("glossary.md", f"../{GLOSSARY_FILE.as_posix()}")
