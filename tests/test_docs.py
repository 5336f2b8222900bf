"""The one docs harness: every Python example the site can show is run here.

Two kinds of example are collected:
- every `.py` file under examples/, run whole as `__main__` (pytest-examples on
  its own only looks at docstrings in .py files, so we build the examples here);
- every Python fence typed into a page under docs/.

Each one is linted (ruff with the rules in pyproject.toml, black) and run, and
every `print` is checked against the `#>` comment under it.
`python3 dev.py update-examples` (pytest --update-examples) rewrites those
comments and reformats the code instead of failing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

from tests.support.example_files import REPO_ROOT, example_python_files
from tests.support.fences import only_includes
from tests.support.servers import require_what_source_names

# Rules on top of pyproject.toml's selection that make sense for teaching code.
EXAMPLE_RUFF_IGNORE = [
    "S101",  # examples state facts with assert
    "S311",  # seeded `random` drives deterministic simulations, not secrets
]


class WholeFileExample(CodeExample):
    """A whole module, formatted as black formats modules.

    pytest-examples assumes code in a .py file is a docstring snippet and
    squeezes PEP 8's two blank lines between top-level definitions into one;
    an example file is a real module and keeps them.
    """

    def in_py_file(self) -> bool:
        return False


def _whole_file_example(path: Path) -> CodeExample:
    source = path.read_text(encoding="utf-8")
    return WholeFileExample.create(source, path=path, start_line=1, end_line=source.count("\n") + 1)


def _cases() -> list:
    cases = [
        pytest.param(_whole_file_example(path), id=str(path.relative_to(REPO_ROOT)))
        for path in example_python_files()
    ]
    for example in find_examples(str(REPO_ROOT / "docs")):
        if example.path.suffix != ".md":
            continue
        if "illustrative" in example.prefix_settings() or only_includes(example.source):
            continue  # illustrative blocks are not run; includes are run as examples/ files
        relative = example.path.relative_to(REPO_ROOT)
        cases.append(pytest.param(example, id=f"{relative}:{example.start_line}"))
    return cases


@pytest.mark.parametrize("example", _cases())
def test_example_runs_and_prints_what_it_says(example: CodeExample, eval_example: EvalExample) -> None:
    require_what_source_names(example.source)
    eval_example.set_config(ruff_ignore=EXAMPLE_RUFF_IGNORE, isort=True, target_version="py311")
    if eval_example.update_examples:
        eval_example.format(example)
        eval_example.run_print_update(example)
    else:
        eval_example.lint(example)
        eval_example.run_print_check(example)
