from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.nodes import TreeNode, tree_values
from examples.coding.trees.recursion_depth import right_chain
from examples.coding.trees.serialize import (
    NULL,
    deserialize,
    deserialize_level_order,
    serialize,
    serialize_level_order,
)
from examples.coding.trees.traversals import inorder_iterative, preorder_iterative
from tests.coding.trees.strategies import trees

WIDE_VALUES = st.integers(-(10**12), 10**12)


@settings(max_examples=200, deadline=None)
@given(st.one_of(trees(), trees(WIDE_VALUES)))
def test_round_trip_rebuilds_the_same_shape_and_values(root: TreeNode | None) -> None:
    rebuilt = deserialize(serialize(root))
    assert tree_values(rebuilt) == tree_values(
        root
    )  # level order with nulls fixes shape and values
    assert serialize(rebuilt) == serialize(root)


@settings(max_examples=200, deadline=None)
@given(trees())
def test_level_order_form_round_trips_too(root: TreeNode | None) -> None:
    assert tree_values(
        deserialize_level_order(serialize_level_order(root))
    ) == tree_values(root)


@settings(max_examples=200, deadline=None)
@given(trees())
def test_the_format_has_n_values_and_n_plus_one_markers(root: TreeNode | None) -> None:
    tokens = serialize(root).split(",")
    values = [token for token in tokens if token != NULL]
    assert [int(v) for v in values] == preorder_iterative(root)
    assert len(tokens) - len(values) == len(values) + 1


def test_preorder_without_markers_cannot_tell_shapes_apart() -> None:
    left, right = TreeNode(1, left=TreeNode(2)), TreeNode(1, right=TreeNode(2))
    assert preorder_iterative(left) == preorder_iterative(right)
    assert serialize(left) != serialize(right)


def test_duplicates_defeat_preorder_plus_inorder_but_not_markers() -> None:
    # Both trees have preorder [1, 1] and inorder [1, 1].
    left, right = TreeNode(1, left=TreeNode(1)), TreeNode(1, right=TreeNode(1))
    assert preorder_iterative(left) == preorder_iterative(right)
    assert inorder_iterative(left) == inorder_iterative(right)
    assert serialize(left) != serialize(right)


def test_a_5000_node_chain_round_trips_without_recursion() -> None:
    chain = right_chain(5_000)
    assert inorder_iterative(deserialize(serialize(chain))) == list(range(1, 5_001))


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "1,2",
        "1,#,#,#",
        "1, 2,#,#,#",
        "1_0,#,#",
        "+1,#,#",
        "1.5,#,#",
        "#,#",
        "\u0661,#,#",  # an Arabic-Indic digit one, which int() accepts
        "01,#,#",  # a leading zero: serialize never writes one
        "-0,#,#",  # nor a negative zero
    ],
)
def test_malformed_data_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        deserialize(bad)


@pytest.mark.parametrize("bad", ["{}", "[1.5]", '["1"]', "[true]", "[null, 1]"])
def test_malformed_level_order_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        deserialize_level_order(bad)
