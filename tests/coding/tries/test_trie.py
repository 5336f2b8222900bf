"""The trie agrees with a set after every operation, and with bisect on prefix queries."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.tries.prefix_bisect import (
    HIGH,
    count_prefix_sorted,
    words_with_prefix_sorted,
)
from examples.coding.tries.trie import Trie, TrieBruteForce

# A small alphabet makes shared prefixes, repeats and the empty word common;
# capitals and a non-ASCII letter check that nothing assumes a-z.
WORDS = st.text(alphabet="abcZé", max_size=5)
OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["insert", "delete", "search", "starts_with", "count_prefix"]), WORDS),
    max_size=60,
)


def _all_nodes_hold_words(trie: Trie) -> bool:
    stack = [trie.root]
    while stack:
        node = stack.pop()
        for child in node.children.values():
            if child.count <= 0:  # an empty branch left behind
                return False
            stack.append(child)
    return True


@settings(max_examples=200, deadline=None)
@given(OPERATIONS)
def test_matches_a_set_after_every_operation(operations: list[tuple[str, str]]) -> None:
    trie, model = Trie(), TrieBruteForce()
    for method, word in operations:
        assert getattr(trie, method)(word) == getattr(model, method)(word), (method, word)
    assert _all_nodes_hold_words(trie)
    assert trie.words_with_prefix("") == sorted(model.words)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=40), WORDS)
def test_bisect_finds_the_same_words_as_the_trie(words: list[str], prefix: str) -> None:
    trie = Trie()
    for word in words:
        trie.insert(word)
    sorted_words = sorted(set(words))
    assert words_with_prefix_sorted(sorted_words, prefix) == trie.words_with_prefix(prefix)
    assert count_prefix_sorted(sorted_words, prefix) == trie.count_prefix(prefix)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=6).filter(lambda w: HIGH not in w), max_size=30), st.text(max_size=3))
def test_bisect_on_any_unicode_text(words: list[str], prefix: str) -> None:
    sorted_words = sorted(set(words))
    expected = [word for word in sorted_words if word.startswith(prefix)]
    assert words_with_prefix_sorted(sorted_words, prefix) == expected


def test_the_sentinel_misses_a_word_that_contains_it() -> None:
    # The documented limit: a word with U+10FFFF right after the prefix sorts past prefix + HIGH.
    assert words_with_prefix_sorted(["a" + HIGH], "a") == []


def test_deep_words_need_no_recursion() -> None:
    trie = Trie()
    trie.insert("x" * 5_000)
    assert trie.search("x" * 5_000)
    assert trie.words_with_prefix("x" * 4_999) == ["x" * 5_000]
    assert trie.delete("x" * 5_000)
    assert trie.root.children == {}
