"""The memory comparison measures what each structure keeps."""

from __future__ import annotations

import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.tries.memory import (
    bytes_kept,
    compare,
    node_count,
    radix_node_count,
    random_words,
    trie_of,
)


def test_words_are_repeatable() -> None:
    assert list(random_words(50, seed=3)) == list(random_words(50, seed=3))


def test_a_trie_costs_more_per_word_than_a_set() -> None:
    result = compare(2_000)
    assert result["trie_bytes"] > result["set_bytes"] > 0
    assert 1 < result["nodes_per_word"] <= 10  # at most one node per letter


def test_bytes_kept_counts_what_is_held_and_stops_tracing() -> None:
    assert bytes_kept(lambda: bytearray(100_000)) >= 100_000
    assert not tracemalloc.is_tracing()


@settings(max_examples=200, deadline=None)
@given(st.sets(st.text(alphabet="abZ", max_size=6), min_size=1, max_size=40))
def test_a_radix_tree_keeps_at_most_two_nodes_per_word(words: set[str]) -> None:
    # Prefixes of other words and the empty word are allowed: the bound holds anyway.
    trie = trie_of(iter(words))
    assert len(words) <= radix_node_count(trie) <= 2 * len(words)
    assert radix_node_count(trie) <= node_count(trie)


def test_a_chain_of_one_word_collapses_to_one_edge() -> None:
    assert radix_node_count(trie_of(iter(["abcdef"]))) == 2  # the root and the word's end
    assert node_count(trie_of(iter(["abcdef"]))) == 7
