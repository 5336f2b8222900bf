"""Case-file checker for weighted_path: any lightest path is a right answer."""

from __future__ import annotations

import json
from typing import Any

from examples.coding.shortest_paths.weighted_path import path_weight


# --8<-- [start:checker]
def check_shortest_path(expected: Any, actual: Any, args: list[Any]) -> str | None:
    """None if actual is a valid source-to-target path as light as expected.

    expected is one lightest path (or null when none exists); args are
    (n, edges, source, target) as the case file gives them.
    """
    n, edges, source, target = args
    if expected is None:
        return None if actual is None else f"expected no path, got {json.dumps(actual)}"
    if not isinstance(actual, list) or not actual:
        return f"expected a path like {json.dumps(expected)}, got {json.dumps(actual)}"
    if actual[0] != source or actual[-1] != target:
        return f"path {json.dumps(actual)} must run from {source} to {target}"
    if any(not isinstance(node, int) or not 0 <= node < n for node in actual):
        return f"path {json.dumps(actual)} names a node outside 0..{n - 1}"
    weight, best = path_weight(edges, actual), path_weight(edges, expected)
    if weight == float("inf"):
        return f"path {json.dumps(actual)} uses a hop that is not an edge"
    if weight != best:
        return (
            f"path {json.dumps(actual)} weighs {weight}, a lightest one weighs {best}"
        )
    return None


# --8<-- [end:checker]
