"""Every .sql file under examples/ runs on SQLite and prints what its page shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.example_files import EXAMPLES_DIR, REPO_ROOT
from tests.support.sql_examples import parse_statements, rewrite_outputs, run_example

SQL_FILES = sorted(EXAMPLES_DIR.rglob("*.sql"))


@pytest.mark.parametrize("path", SQL_FILES, ids=[str(p.relative_to(REPO_ROOT)) for p in SQL_FILES])
def test_sql_example_output_matches_the_page(path: Path, request: pytest.FixtureRequest) -> None:
    results = run_example(path)
    if request.config.getoption("update_examples"):
        rewrite_outputs(path, results)
        return
    for statement, produced in results:
        where = f"{path.relative_to(REPO_ROOT)}:{statement.last_line + 1}"
        assert produced == statement.expected, (
            f"{where}: the `-- #>` lines do not match what SQLite returned.\n"
            f"expected (in file):\n  " + "\n  ".join(statement.expected) + "\n"
            "actual:\n  " + "\n  ".join(produced) + "\n(run `python3 dev.py update-examples` to rewrite them)"
        )


def test_there_are_sql_examples() -> None:
    assert SQL_FILES, "no .sql examples found; the SQL harness would test nothing"


def test_output_without_a_statement_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sql"
    bad.write_text("-- #> orphan\n")
    with pytest.raises(ValueError, match="no statement before it"):
        parse_statements(bad)


def test_a_missing_output_block_fails_and_update_writes_it(tmp_path: Path) -> None:
    (tmp_path / "schema.sql").write_text("CREATE TABLE t (n INTEGER);\nINSERT INTO t VALUES (1), (NULL);\n")
    query = tmp_path / "query.sql"
    query.write_text("-- setup: schema.sql\nSELECT n FROM t ORDER BY n;\n")
    [(statement, produced)] = run_example(query)
    assert statement.expected == []
    assert produced == ["n", "----", "NULL", "1"]
    assert rewrite_outputs(query, run_example(query))
    [(statement, produced)] = run_example(query)
    assert statement.expected == produced
    assert not rewrite_outputs(query, run_example(query)), "a second update changes nothing"
