"""mkdocs-gen-files script: writes the flashcard deck (practice/flashcards.json) from data/glossary.yml and
every page's "In the interview" section (handbook_build/flashcards.py).

Only the practice page fetches the deck, when it opens; no other page loads it.
"""

from pathlib import Path

import mkdocs_gen_files
from mkdocs.exceptions import PluginError

from handbook_build.flashcards import DECK_PATH, build_deck, deck_json, nav_sections
from handbook_build.yaml_source import DataFileError

config = mkdocs_gen_files.config
try:
    # Paths in messages are relative to the project (the build runs there, as the glossary's script assumes).
    cards = build_deck(Path(config.docs_dir).resolve(), nav_sections(config.nav), root=Path.cwd().resolve())
except DataFileError as error:
    # A clean, one-line build failure that names the file and line.
    raise PluginError(str(error)) from None

with mkdocs_gen_files.open(DECK_PATH, "w") as deck:
    deck.write(deck_json(cards))
