"""Importing a coding problem's solution or checker module by its file path."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES_DIR = REPO_ROOT / "examples"


def load_module(path: Path) -> Any:
    """Import a solution file by path.

    A file under the repository's examples/ is imported by its package path
    (examples.coding.x.y), so it is the same module its tests and its
    neighbours import; any other file under a name of its own.
    """
    if not path.is_file():
        raise LookupError(f"{path} does not exist")
    resolved = path.resolve()
    if resolved.is_relative_to(EXAMPLES_DIR):
        return importlib.import_module(".".join(resolved.relative_to(REPO_ROOT).with_suffix("").parts))
    name = f"case_target_{resolved.stem}"
    spec = importlib.util.spec_from_file_location(name, resolved)
    if spec is None or spec.loader is None:
        raise LookupError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module
