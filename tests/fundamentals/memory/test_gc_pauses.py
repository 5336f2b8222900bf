"""The gc example runs inside the docs harness's process: it must leave the collector as it found it."""

from __future__ import annotations

import contextlib
import gc
import io
import runpy
from pathlib import Path

EXAMPLE = Path(__file__).parents[3] / "examples/fundamentals/memory/gc_pauses.py"


def test_the_example_frees_the_cycle_and_leaves_no_callback_freeze_or_disabled_gc() -> None:
    callbacks = list(gc.callbacks)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(str(EXAMPLE), run_name="__main__")
    assert "freed: ['single', 'cycle']" in out.getvalue()
    assert gc.callbacks == callbacks
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
