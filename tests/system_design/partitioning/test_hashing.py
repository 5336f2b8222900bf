"""stable_hash is the same in every process; the input checks say what is wrong."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from examples.system_design.partitioning.hashing import (
    HASH_SPACE,
    check_count,
    check_key,
    check_node,
    stable_hash,
)
from tests.support.example_files import REPO_ROOT


def test_stable_hash_is_the_same_under_any_hash_seed() -> None:
    probe = (
        "from examples.system_design.partitioning.hashing import stable_hash;"
        "print(stable_hash('user:42'), hash('user:42'))"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO_ROOT)}
        result = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=30, check=True
        )
        outputs.append(result.stdout.split())
    (stable_1, builtin_1), (stable_2, builtin_2) = outputs
    assert stable_1 == stable_2 == str(stable_hash("user:42"))
    assert builtin_1 != builtin_2  # the built-in hash() is salted per process


def test_stable_hash_is_64_bits_and_spreads_near_keys() -> None:
    values = [stable_hash(f"user:{i}") for i in range(1000)]
    assert all(0 <= value < HASH_SPACE for value in values)
    assert len(set(values)) == 1000
    top_halves = sum(value >= HASH_SPACE // 2 for value in values)
    assert 420 < top_halves < 580  # adjacent keys land all over the space


def test_stable_hash_never_changes() -> None:
    # Pinned values: a different hash would move nearly every key, a full
    # migration. If this fails, the change was not a refactoring.
    assert stable_hash("user:42") == 0xD9279B7CB3A5B282
    assert stable_hash("node-3#0") == 0x4480F9E0AC4A5FD2  # a token's position


def test_stable_hash_hashes_unicode_as_utf8() -> None:
    utf8 = hashlib.blake2b(b"caf\xc3\xa9", digest_size=8).digest()
    assert stable_hash("café") == int.from_bytes(utf8, "big")
    assert stable_hash("café") != stable_hash("cafe")


@pytest.mark.parametrize("bad", [1, b"key", None])
def test_check_key_refuses_non_strings(bad: object) -> None:
    with pytest.raises(TypeError, match="a key must be a str"):
        check_key(bad)


def test_check_node_refuses_empty_and_non_strings() -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        check_node("")
    with pytest.raises(TypeError, match="a node name must be a str"):
        check_node(3)


@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        (0, ValueError, "at least 1"),
        (-5, ValueError, "at least 1"),
        (1.5, TypeError, "an int"),
        (True, TypeError, "an int"),
    ],
)
def test_check_count_refuses_bad_counts(bad: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        check_count(bad, "vnodes")
