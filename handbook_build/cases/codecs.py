"""Turning case-file JSON into the node types a solution takes, and back.

`linked_list` is the list of values; `binary_tree` is level order with null
for a missing child (see examples/coding/nodes.py, which every language's
version mirrors).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from examples.coding.nodes import ListNode, TreeNode, build_list, build_tree, list_values, tree_values

DECODERS: dict[str, Callable[[Any], Any]] = {"linked_list": build_list, "binary_tree": build_tree}


def decode(codec: str | None, value: Any) -> Any:
    return value if codec is None else DECODERS[codec](value)


def encode(codec: str | None, value: Any) -> Any:
    """A node becomes its JSON form; None where a list or tree was declared is the empty one."""
    if value is None and codec is not None:
        return []
    if isinstance(value, ListNode):
        return list_values(value)
    if isinstance(value, TreeNode):
        return tree_values(value)
    return value
