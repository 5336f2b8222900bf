"""Run a .sql example on SQLite and compare each result with its `-- #>` lines.

A query file may start with `-- setup: schema.sql seed.sql` (paths relative to
it): those scripts run first, on a fresh in-memory database. Every statement
that returns rows must be followed by its result as `-- #>` comment lines,
which is what the page shows the reader:

    SELECT name FROM users ORDER BY name LIMIT 2;
    -- #> name
    -- #> -----
    -- #> Ada
    -- #> Grace

EXPLAIN QUERY PLAN results are drawn as a tree, as the sqlite3 shell does.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

OUTPUT_PREFIX = "-- #>"
_SETUP = re.compile(r"^--\s*setup:\s*(?P<files>.+)$")


@dataclass
class Statement:
    sql: str
    last_line: int  # index of the statement's last line in the file
    expected: list[str] = field(default_factory=list)
    expected_span: tuple[int, int] | None = None  # [start, end) of its `-- #>` lines


def setup_files(path: Path) -> list[Path]:
    """The scripts `path` depends on, dependencies first, each once."""
    ordered: list[Path] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _SETUP.match(line.strip())
        if match:
            for name in match.group("files").split():
                dependency = (path.parent / name).resolve()
                for item in [*setup_files(dependency), dependency]:
                    if item not in ordered:
                        ordered.append(item)
    return ordered


def parse_statements(path: Path) -> list[Statement]:
    statements: list[Statement] = []
    buffer: list[str] = []
    for index, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if line.startswith(OUTPUT_PREFIX):
            if not statements or buffer:
                raise ValueError(f"{path}:{index + 1}: `-- #>` output with no statement before it")
            statement = statements[-1]
            start = statement.expected_span[0] if statement.expected_span else index
            statement.expected_span = (start, index + 1)
            statement.expected.append(line[len(OUTPUT_PREFIX) :].removeprefix(" "))
            continue
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue  # comments and blank lines between statements
        buffer.append(line)
        if sqlite3.complete_statement("\n".join(buffer)):
            statements.append(Statement("\n".join(buffer), last_line=index))
            buffer = []
    if buffer:
        raise ValueError(f"{path}: unterminated statement starting {buffer[0]!r}")
    return statements


def format_rows(cursor: sqlite3.Cursor, sql: str) -> list[str]:
    rows = cursor.fetchall()
    if re.match(r"\s*EXPLAIN\s+QUERY\s+PLAN\b", sql, re.IGNORECASE):
        return _plan_tree(rows)
    headers = [column[0] for column in cursor.description]
    cells = [["NULL" if value is None else str(value) for value in row] for row in rows]
    widths = [max(len(text) for text in column) for column in zip(headers, *cells, strict=False)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return lines


def _plan_tree(rows: list[tuple]) -> list[str]:
    children: dict[int, list[tuple[int, str]]] = {}
    for node_id, parent, _unused, detail in rows:
        children.setdefault(parent, []).append((node_id, detail))
    lines = ["QUERY PLAN"]

    def draw(parent: int, indent: str) -> None:
        kids = children.get(parent, [])
        for position, (node_id, detail) in enumerate(kids):
            last = position == len(kids) - 1
            lines.append(f"{indent}{'`--' if last else '|--'}{detail}")
            draw(node_id, indent + ("   " if last else "|  "))

    draw(0, "")
    return lines


def run_example(path: Path) -> list[tuple[Statement, list[str]]]:
    """Execute `path` after its setup; return each statement with what it produced."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        for script in setup_files(path):
            connection.executescript(script.read_text(encoding="utf-8"))
        results = []
        for statement in parse_statements(path):
            cursor = connection.execute(statement.sql)
            produced = format_rows(cursor, statement.sql) if cursor.description else []
            results.append((statement, produced))
        connection.commit()
        return results
    finally:
        connection.close()


def rewrite_outputs(path: Path, results: list[tuple[Statement, list[str]]]) -> bool:
    """Replace every `-- #>` block with what actually ran; True if the file changed."""
    lines = path.read_text(encoding="utf-8").splitlines()
    original = list(lines)
    for statement, produced in reversed(results):
        new_block = [f"{OUTPUT_PREFIX} {line}".rstrip() for line in produced]
        start, end = statement.expected_span or (statement.last_line + 1, statement.last_line + 1)
        lines[start:end] = new_block
    if lines == original:
        return False
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return True
