"""Time per call of the tree solutions at two sizes, on balanced trees and on a degenerate chain.

Every O(n) solution should show a ratio near the size ratio, 10. The sizes stop
at 10,000 nodes: from 1,000 to 100,000 the O(n) ratios measured here were about
200, not 100 (a node takes about 128 bytes, so 100,000 of them are about 13 MB,
far past a core's 1 MiB L2 cache; the likely cause is visits waiting on memory).
The BST lowest-common-ancestor walk is O(h): on a balanced BST, h = log2 n and
the ratio stays small; on the chain that sorted inserts build, h = n and the
same code grows about 10x. Trees are built once per size, outside the timed part
(no solution here mutates its input).
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable
from functools import cache

from benchmarks.timing import calls, per_operation, quick_mode, report
from examples.coding.nodes import TreeNode
from examples.coding.trees.lca_binary_tree import lowest_common_ancestor
from examples.coding.trees.lca_bst import lowest_common_ancestor_bst
from examples.coding.trees.level_order import level_order, level_order_brute_force
from examples.coding.trees.max_depth import max_depth
from examples.coding.trees.recursion_depth import right_chain
from examples.coding.trees.serialize import deserialize, serialize
from examples.coding.trees.traversals import inorder_iterative, inorder_recursive
from examples.coding.trees.validate_bst import is_valid_bst

SIZES = (100, 1_000) if quick_mode() else (1_000, 10_000)
# LCA queries per measurement, so one measurement is not a single microsecond.
LOOKUPS = 20_000


@cache
def balanced_bst(size: int) -> TreeNode | None:
    """Keys 0..size-1 as a height-balanced BST (the middle key at each root), built without recursion."""
    nodes = [TreeNode(key) for key in range(size)]
    root_index = None
    stack = [(0, size - 1, None, "")]  # (low, high, parent index, side)
    while stack:
        low, high, parent, side = stack.pop()
        if low > high:
            continue
        middle = (low + high) // 2
        if parent is None:
            root_index = middle
        else:
            setattr(nodes[parent], side, nodes[middle])
        stack.append((low, middle - 1, middle, "left"))
        stack.append((middle + 1, high, middle, "right"))
    return nodes[root_index] if root_index is not None else None


@cache
def chain(size: int) -> TreeNode | None:
    return right_chain(size)


def one_tree(size: int) -> tuple[object, ...]:
    return (balanced_bst(size),)


def lca_queries(
    build: Callable[[int], TreeNode | None], values: Callable[[int], range]
) -> Callable:
    def workload(size: int) -> tuple[Callable[[], None], int]:
        root = build(size)
        rng = random.Random(size)  # noqa: S311 - a repeatable workload
        keys = values(size)
        pairs = [(rng.choice(keys), rng.choice(keys)) for _ in range(LOOKUPS)]

        def run() -> None:
            for p, q in pairs:
                lowest_common_ancestor_bst(root, p, q)

        return run, len(pairs)

    return workload


def serialize_round_trip(root: TreeNode | None) -> None:
    deserialize(serialize(root))


ROWS: list[tuple[str, Callable, str]] = [
    ("inorder, explicit stack", calls(inorder_iterative, one_tree, repeat=10), "O(n)"),
    ("inorder, recursive", calls(inorder_recursive, one_tree, repeat=10), "O(n)"),
    ("max depth, explicit stack", calls(max_depth, one_tree, repeat=10), "O(n)"),
    ("validate BST, bounds", calls(is_valid_bst, one_tree, repeat=10), "O(n)"),
    ("level order, queue", calls(level_order, one_tree, repeat=10), "O(n)"),
    (
        "level order, one walk per level",
        calls(level_order_brute_force, one_tree, repeat=10),
        "O(n log n)",
    ),
    (
        "LCA binary tree, one pass",
        calls(lowest_common_ancestor, lambda n: (balanced_bst(n), 0, n - 1), repeat=10),
        "O(n)",
    ),
    (
        "serialize + deserialize",
        calls(serialize_round_trip, one_tree, repeat=10),
        "O(n)",
    ),
    ("LCA BST walk, balanced", lca_queries(balanced_bst, range), "O(log n)"),
    (
        "LCA BST walk, sorted-insert chain",
        lca_queries(chain, lambda n: range(1, n + 1)),
        "O(n)",
    ),
]


if __name__ == "__main__":
    for size in SIZES:  # build every tree first, then hide them from the collector:
        balanced_bst(size)  # otherwise a full collection, set off by a timed call's
        chain(size)  # allocations, walks every node of every tree
    gc.freeze()
    for label, workload, claim in ROWS:
        report(label, per_operation(workload, SIZES), claim=claim)
