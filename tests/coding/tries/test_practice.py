"""The practice solutions agree with brute force."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.tries.longest_word import longest_buildable, longest_buildable_brute_force
from examples.coding.tries.word_dictionary import WordDictionary, WordDictionaryBruteForce

WORDS = st.text(alphabet="abZ", max_size=4)
PATTERNS = st.text(alphabet="abZ.", max_size=4)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.booleans(), PATTERNS), max_size=40))
def test_wildcard_search_matches_brute_force(operations: list[tuple[bool, str]]) -> None:
    trie, model = WordDictionary(), WordDictionaryBruteForce()
    for is_add, text in operations:
        if is_add:
            word = text.replace(".", "a")  # stored words hold no wildcard
            trie.add_word(word)
            model.add_word(word)
        else:
            assert trie.search(text) == model.search(text), text


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=20))
def test_longest_buildable_matches_brute_force(words: list[str]) -> None:
    assert longest_buildable(words) == longest_buildable_brute_force(words)
