"""Read one named section's statement out of a .sql example, as the page shows it.

The tests in this folder run the very text a page includes on data of their own
(ties, NULLs, one-order users), so a fix to a query on the page is tested by
the cases that would have caught the bug.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from tests.support.example_files import EXAMPLES_DIR
from tests.support.sql_examples import OUTPUT_PREFIX, parse_statements

MOST_ORDERS = EXAMPLES_DIR / "data" / "sql_most_orders"
SQL_DEPTH = EXAMPLES_DIR / "data" / "sql_depth"
_MARKER = re.compile(r"--8<-- \[(?P<kind>start|end):(?P<name>[\w-]+)\]")


def section_of(path: Path, line_index: int) -> str | None:
    """The name of the section that line `line_index` of `path` sits in, if any."""
    current = None
    for index, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if index == line_index:
            return current
        match = _MARKER.search(line)
        if match:
            current = match.group("name") if match.group("kind") == "start" else None
    raise IndexError(f"{path.name} has no line {line_index + 1}")


def statement(path: Path, name: str) -> str:
    """The one statement in section `name` of `path` (its `-- #>` lines dropped)."""
    found = [s.sql for s in parse_statements(path) if section_of(path, s.last_line) == name]
    if len(found) != 1:
        raise LookupError(f"{path.name}: section {name!r} holds {len(found)} statements, expected 1")
    return "\n".join(line for line in found[0].splitlines() if not line.startswith(OUTPUT_PREFIX))


def empty_database(folder: Path) -> sqlite3.Connection:
    """An in-memory database with `folder`'s schema.sql and no rows."""
    connection = sqlite3.connect(":memory:")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.executescript((folder / "schema.sql").read_text(encoding="utf-8"))
    return connection
