"""Trie bugs that pass a quick test, each shown failing."""

from __future__ import annotations

import sys

from examples.coding.tries.trie import Trie, TrieNode
from examples.coding.tries.word_search import _Node


# --8<-- [start:wrong_node]
def insert_marks_parent(root: TrieNode, word: str) -> None:
    """BUG: marks the end before stepping onto the last character's node."""
    node = root
    for i, char in enumerate(word):
        if i == len(word) - 1:
            node.is_end = True  # this is the node of word[:-1]
        node = node.children.setdefault(char, TrieNode())


# --8<-- [end:wrong_node]


# --8<-- [start:search_is_prefix]
def search_buggy(trie: Trie, word: str) -> bool:
    """BUG: "the path exists" is starts_with, not search."""
    return trie._walk(word) is not None


# --8<-- [end:search_is_prefix]


# --8<-- [start:no_pruning]
def find_words_unpruned(board: list[list[str]], words: list[str]) -> list[str]:
    """BUG: keeps node.word after a hit, so every path to a word reports it."""
    root = _Node()
    for word in words:
        node = root
        for char in word:
            node = node.children.setdefault(char, _Node())
        node.word = word
    found: list[str] = []

    def visit(r: int, c: int, parent: _Node, used: set[tuple[int, int]]) -> None:
        node = parent.children.get(board[r][c])
        if node is None:
            return
        if node.word is not None:
            found.append(node.word)  # missing: node.word = None
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            inside = 0 <= nr < len(board) and 0 <= nc < len(board[0])
            if inside and (nr, nc) not in used:
                visit(nr, nc, node, used | {(nr, nc)})

    for r in range(len(board)):
        for c in range(len(board[0])):
            visit(r, c, root, {(r, c)})
    return found


# --8<-- [end:no_pruning]


# --8<-- [start:recursive_insert]
def insert_recursive(node: TrieNode, word: str, i: int = 0) -> None:
    """One stack frame per character: a word of 1,000+ characters fails."""
    if i == len(word):
        node.is_end = True
        return
    child = node.children.setdefault(word[i], TrieNode())
    insert_recursive(child, word, i + 1)


# --8<-- [end:recursive_insert]


# --8<-- [start:array_node]
class ArrayNode:
    """A 26-slot node, indexed by ord(char) - ord("a"): lowercase a-z only."""

    def __init__(self) -> None:
        self.children: list[ArrayNode | None] = [None] * 26
        self.is_end = False


def array_insert(root: ArrayNode, word: str) -> None:
    node = root
    for char in word:
        index = ord(char) - ord("a")  # "Z" gives -7, which Python reads as 19
        if node.children[index] is None:
            node.children[index] = ArrayNode()
        node = node.children[index]
    node.is_end = True


def array_search(root: ArrayNode, word: str) -> bool:
    node: ArrayNode | None = root
    for char in word:
        node = node.children[ord(char) - ord("a")] if node else None
    return node is not None and node.is_end


# --8<-- [end:array_node]


if __name__ == "__main__":
    # --8<-- [start:demo_wrong_node]
    root = TrieNode()
    insert_marks_parent(root, "cat")
    trie = Trie()
    trie.root = root
    print(trie._walk("ca").is_end, trie._walk("cat").is_end)
    #> True False
    # --8<-- [end:demo_wrong_node]
    # --8<-- [start:demo_search_is_prefix]
    trie = Trie()
    trie.insert("cart")
    print(search_buggy(trie, "car"), trie.search("car"))
    #> True False
    # --8<-- [end:demo_search_is_prefix]
    # --8<-- [start:demo_no_pruning]
    board = [list("ab"), list("ba")]
    print(find_words_unpruned(board, ["ab", "aba"]))
    #> ['ab', 'aba', 'ab', 'aba', 'ab', 'aba', 'ab', 'aba']
    # --8<-- [end:demo_no_pruning]
    # --8<-- [start:demo_recursive_insert]
    print(sys.getrecursionlimit())
    #> 1000
    try:
        insert_recursive(TrieNode(), "a" * 1_500)
    except RecursionError as error:
        print("RecursionError:", error)
        #> RecursionError: maximum recursion depth exceeded
    Trie().insert("a" * 1_500)  # the loop in Trie.insert has no such limit
    # --8<-- [end:demo_recursive_insert]
    # --8<-- [start:demo_array_node]
    root = ArrayNode()
    array_insert(root, "Zoo")
    print(array_search(root, "too"))  # "too" was never inserted
    #> True
    try:
        array_insert(root, "Apple")  # "A" gives -32: out of range
    except IndexError as error:
        print("IndexError:", error)
        #> IndexError: list index out of range
    # --8<-- [end:demo_array_node]
