"""Serialize a binary tree to a string and rebuild exactly the same tree from it.

The format: the preorder walk, values as decimal integers, `#` for every
missing child, all separated by commas. A tree of n nodes has n values and
n + 1 markers. The empty tree is "#". Both directions use an explicit stack,
so a chain 5,000 deep round-trips without RecursionError.
"""

from __future__ import annotations

import json
import re

from examples.coding.nodes import TreeNode, build_tree, tree_values

NULL = "#"
SEPARATOR = ","
INTEGER = re.compile(r"0|-?[1-9][0-9]*")  # exactly what str(int) writes


# --8<-- [start:serialize]
def serialize(root: TreeNode | None) -> str:
    """Preorder with a marker for each missing child. O(n) time and space."""
    tokens: list[str] = []
    stack: list[TreeNode | None] = [root]
    while stack:
        node = stack.pop()
        if node is None:
            tokens.append(NULL)
            continue
        tokens.append(str(node.val))
        stack.append(node.right)  # pushed first, written after the whole left subtree
        stack.append(node.left)
    return SEPARATOR.join(tokens)


# --8<-- [end:serialize]


def _node(token: str) -> TreeNode | None:
    if token == NULL:
        return None
    if not INTEGER.fullmatch(token):
        raise ValueError(f"{token!r} is neither an integer nor {NULL!r}")
    return TreeNode(int(token))


# --8<-- [start:deserialize]
def deserialize(data: str) -> TreeNode | None:
    """Read the tokens back in the order serialize wrote them. O(n); bad input raises ValueError."""
    tokens = data.split(SEPARATOR)
    root = _node(tokens[0])
    # Invariant: the stack holds the nodes still missing a child, deepest on top,
    # each with the side (0 left, 1 right) that the next token fills.
    stack: list[list] = [[root, 0]] if root is not None else []
    position = 1
    while stack:
        if position == len(tokens):
            raise ValueError(
                f"the data ends after {position} tokens with children still missing"
            )
        entry = stack[-1]
        child = _node(tokens[position])
        position += 1
        if entry[1] == 0:
            entry[0].left, entry[1] = child, 1
        else:
            entry[0].right = child
            stack.pop()  # both children read
        if child is not None:
            stack.append([child, 0])
    if position != len(tokens):
        raise ValueError(
            f"{len(tokens) - position} token(s) after the tree is complete"
        )
    return root


# --8<-- [end:deserialize]


# --8<-- [start:level_order]
def serialize_level_order(root: TreeNode | None) -> str:
    """The case-file form: level order with null for a missing child, as JSON."""
    return json.dumps(tree_values(root), separators=(",", ":"))


def deserialize_level_order(data: str) -> TreeNode | None:
    values = json.loads(data)
    if not isinstance(values, list) or not all(
        v is None or type(v) is int for v in values
    ):
        raise ValueError("expected a JSON list of integers and nulls")
    if values and values[0] is None:
        raise ValueError("the empty tree is [], and a tree's root cannot be null")
    return build_tree(values)


# --8<-- [end:level_order]


if __name__ == "__main__":
    # --8<-- [start:demo]
    tree = build_tree([1, 2, 3, None, None, 4, 5])
    print(serialize(tree), "|", serialize_level_order(tree))
    #> 1,2,#,#,3,4,#,#,5,#,# | [1,2,3,null,null,4,5]
    print(tree_values(deserialize(serialize(tree))))
    #> [1, 2, 3, None, None, 4, 5]
    # Two different shapes, one preorder: only the markers tell them apart.
    left, right = build_tree([1, 2]), build_tree([1, None, 2])
    print(serialize(left), "vs", serialize(right))
    #> 1,2,#,#,# vs 1,#,2,#,#
    # --8<-- [end:demo]
