"""What a trie costs in memory, measured with tracemalloc against a set of strings."""

from __future__ import annotations

import random
import tracemalloc
from collections.abc import Callable, Iterator

from examples.coding.tries.trie import Trie


def random_words(count: int, seed: int) -> Iterator[str]:
    """count lowercase words of 4 to 10 letters, repeatable for one seed."""
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(4, 10)))


# --8<-- [start:measure]
def bytes_kept(build: Callable[[], object]) -> int:
    """Bytes still allocated once build() has returned its structure."""
    tracemalloc.start()
    try:
        kept = build()  # held here, so its memory is still traced
        size, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del kept
    return size


def trie_of(words: Iterator[str]) -> Trie:
    trie = Trie()
    for word in words:
        trie.insert(word)
    return trie


def node_count(trie: Trie) -> int:
    stack, nodes = [trie.root], 0
    while stack:
        node = stack.pop()
        nodes += 1
        stack.extend(node.children.values())
    return nodes


# --8<-- [start:radix]
def radix_node_count(trie: Trie) -> int:
    """Nodes a radix tree of the same words keeps: it merges every chain of
    single-child nodes that end no word, so only the root, the nodes that end
    a word and the nodes that branch are left.
    """
    stack, nodes = [trie.root], 0
    while stack:
        node = stack.pop()
        if node is trie.root or node.is_end or len(node.children) != 1:
            nodes += 1
        stack.extend(node.children.values())
    return nodes


# --8<-- [end:radix]


def compare(count: int, seed: int = 7) -> dict[str, float]:
    """Bytes per distinct word for a set and a trie of the same words.

    Rounded to tens: the raw totals move by a few kilobytes with what ran
    before (likely CPython's free list of dicts, reused without a traced
    allocation).
    """
    as_set = bytes_kept(lambda: set(random_words(count, seed)))
    as_trie = bytes_kept(lambda: trie_of(random_words(count, seed)))
    distinct = len(set(random_words(count, seed)))
    nodes = node_count(trie_of(random_words(count, seed)))
    return {
        "words": distinct,
        "set_bytes": round(as_set / distinct / 10) * 10,
        "trie_bytes": round(as_trie / distinct / 10) * 10,
        "nodes_per_word": round(nodes / distinct, 1),
    }


# --8<-- [end:measure]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(compare(20_000))
    #> {'words': 19984, 'set_bytes': 160, 'trie_bytes': 1000, 'nodes_per_word': 4.6}
    # --8<-- [end:demo]
    # --8<-- [start:demo_radix]
    trie = trie_of(random_words(20_000, seed=7))
    print(node_count(trie), radix_node_count(trie))  # plain trie, radix tree
    #> 92207 26392
    # --8<-- [end:demo_radix]
