"""Capacity is validated before any cache state exists."""

from __future__ import annotations

import pytest

from examples.machine_coding.lru_cache.contract import InvalidCapacityError, check_capacity


@pytest.mark.parametrize("capacity", [1, 2, 10_000])
def test_positive_ints_are_accepted_unchanged(capacity: int) -> None:
    assert check_capacity(capacity) == capacity


@pytest.mark.parametrize("capacity", [0, -1, -100])
def test_capacity_below_one_is_a_value_error_that_names_the_value(capacity: int) -> None:
    with pytest.raises(InvalidCapacityError, match=f"at least 1, got {capacity}"):
        check_capacity(capacity)
    assert issubclass(InvalidCapacityError, ValueError)  # callers may catch ValueError


@pytest.mark.parametrize(("capacity", "type_name"), [(2.0, "float"), ("3", "str"), (None, "NoneType"), (True, "bool")])
def test_non_int_capacity_is_a_type_error(capacity: object, type_name: str) -> None:
    with pytest.raises(TypeError, match=f"got {type_name}"):
        check_capacity(capacity)  # type: ignore[arg-type]
