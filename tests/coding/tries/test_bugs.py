"""Each bug on the page really misbehaves, and the fixed code does not."""

from __future__ import annotations

import pytest

from examples.coding.tries.bugs import (
    ArrayNode,
    array_insert,
    array_search,
    insert_marks_parent,
    insert_recursive,
    search_buggy,
)
from examples.coding.tries.trie import Trie, TrieNode


def test_marking_the_parent_stores_the_wrong_word() -> None:
    trie = Trie()
    insert_marks_parent(trie.root, "cat")
    assert trie._walk("ca").is_end
    assert not trie._walk("cat").is_end


def test_buggy_search_answers_starts_with() -> None:
    trie = Trie()
    trie.insert("cart")
    assert search_buggy(trie, "car") and not trie.search("car")


def test_recursive_insert_fails_on_long_words() -> None:
    insert_recursive(TrieNode(), "a" * 100)  # short words are fine
    with pytest.raises(RecursionError):
        insert_recursive(TrieNode(), "a" * 1_500)


def test_a_26_slot_node_mixes_up_capitals() -> None:
    root = ArrayNode()
    array_insert(root, "Zoo")
    assert array_search(root, "too")
    with pytest.raises(IndexError):
        array_insert(root, "Apple")
    trie = Trie()
    trie.insert("Zoo")
    assert not trie.search("too")
