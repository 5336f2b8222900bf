"""Tries: time per call at two sizes for each solution on docs/coding/tries.md.

The trie lookups are the point of the page: search and count_prefix on a trie
of n stored words, with the query length fixed (words of 4 to 10 letters), so
the claim in n is O(1) (it is O(L) in the query's length). The same prefix
count on a set scans every word, O(n), and on a sorted list costs two binary
searches, O(log n). Each size builds its structure once, outside the timed
part, and times 2,000 queries of random stored words or their 3-letter
prefixes. Word search II grows the board (n cells) with a fixed dictionary
of 200 words; autocomplete, replace words and longest common prefix grow the
input they are given.

Every row is CPU time of this process (CPU_CLOCK), so waiting for a core on a
busy machine is left out. Word search II also prints the work it does, counted:
the DFS steps (calls of its inner visit) per cell at each size, and the fixed
part of each call (building the trie of the 200 words) timed on a 1-cell board.
"""

from __future__ import annotations

import gc
import random
import sys
from collections.abc import Callable
from functools import cache
from types import FrameType

from benchmarks.timing import CPU_CLOCK, Comparison, Workload, calls, per_operation, quick_mode, report
from examples.coding.tries import word_search
from examples.coding.tries.autocomplete import suggestions
from examples.coding.tries.longest_common_prefix import longest_common_prefix
from examples.coding.tries.memory import random_words
from examples.coding.tries.prefix_bisect import count_prefix_sorted
from examples.coding.tries.replace_words import replace_words
from examples.coding.tries.trie import Trie, TrieBruteForce
from examples.coding.tries.word_search import find_words, find_words_brute_force

QUERIES = 200 if quick_mode() else 2_000
BOARD_CELLS = (100, 400) if quick_mode() else (400, 10_000)
BRUTE_BOARD_CELLS = (100, 400) if quick_mode() else (100, 2_500)
CATALOG_SIZES = (100, 1_000) if quick_mode() else (1_000, 30_000)


@cache
def stored_words(size: int) -> list[str]:
    return sorted(set(random_words(size, seed=size)))


@cache
def trie_of(size: int) -> Trie:
    trie = Trie()
    for word in stored_words(size):
        trie.insert(word)
    return trie


@cache
def set_of(size: int) -> TrieBruteForce:
    model = TrieBruteForce()
    model.words = set(stored_words(size))
    return model


def queries(size: int, query_count: int, prefix_only: bool) -> list[str]:
    rng = random.Random(size + 1)  # noqa: S311 - seeded, repeatable inputs
    picked = rng.choices(stored_words(size), k=query_count)
    return [word[:3] for word in picked] if prefix_only else picked


def lookups(method: Callable[[int], Callable[[str], object]], prefix_only: bool, count: int) -> Workload:
    def workload(size: int) -> tuple[Callable[[], None], int]:
        run_one = method(size)
        asked = queries(size, count, prefix_only)

        def run() -> None:
            for query in asked:
                run_one(query)

        return run, len(asked)

    return workload


def same_word_searches(size: int) -> Callable[[str], bool]:
    """Control: one stored word asked every time, so its path stays in cache."""
    trie, word = trie_of(size), stored_words(size)[size // 3]
    return lambda _query: trie.search(word)


def with_gc_paused(function: Callable[..., object]) -> Callable[..., object]:
    """Control: the call with the cyclic garbage collector switched off."""

    def paused(*args: object) -> object:
        gc.disable()
        try:
            return function(*args)
        finally:
            gc.enable()

    return paused


def sorted_counter(size: int) -> Callable[[str], int]:
    words = stored_words(size)
    return lambda prefix: count_prefix_sorted(words, prefix)


@cache
def dictionary() -> list[str]:
    return list(random_words(200, seed=11))


def board(cells: int) -> tuple[list[list[str]], list[str]]:
    side = int(cells**0.5)
    rng = random.Random(cells)  # noqa: S311
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [rng.choices(letters, k=side) for _ in range(side)], dictionary()


def one_cell_board(_cells: int) -> tuple[list[list[str]], list[str]]:
    """The fixed part of word search II: build the trie, then one cell that matches nothing."""
    return [["#"]], dictionary()


def dfs_steps(cells: int) -> int:
    """How many times find_words enters a cell (its inner visit) on board(cells)."""
    steps = 0

    def count(frame: FrameType, event: str, _arg: object) -> None:
        nonlocal steps
        code = frame.f_code
        if event == "call" and code.co_name == "visit" and code.co_filename == word_search.__file__:
            steps += 1

    grid, words = board(cells)
    sys.setprofile(count)
    try:
        find_words(grid, words)
    finally:
        sys.setprofile(None)
    return steps


def print_dfs_steps(cells: tuple[int, int]) -> None:
    small, large = (dfs_steps(size) for size in cells)
    print(
        f"{'word search II DFS steps, counted':<36} n={cells[0]:>9,}: {small / cells[0]:8.2f} per cell  "
        f"n={cells[1]:>9,}: {large / cells[1]:8.2f} per cell  ratio of totals {large / small:6.2f}",
        flush=True,
    )


def timed(workload: Workload, sizes: tuple[int, int] | None = None) -> Comparison:
    return per_operation(workload, sizes, clock=CPU_CLOCK)


def catalog(size: int) -> tuple[list[str], str]:
    return list(random_words(size, seed=size)), "mouse"


def sentence(size: int) -> tuple[list[str], str]:
    roots = list(random_words(100, seed=5))
    return [root[:3] for root in roots], " ".join(random_words(size, seed=size))


def shared_prefix_words(size: int) -> tuple[list[str]]:
    return ([("prefix" * 2) + word for word in random_words(size, seed=size)],)


if __name__ == "__main__":
    random.seed(2024)
    report(
        "trie search (n stored words)",
        timed(lookups(lambda n: trie_of(n).search, False, QUERIES)),
        claim="O(1)",
    )
    report(
        "trie search, one word every time",
        timed(lookups(same_word_searches, False, QUERIES)),
        claim="O(1)",
    )
    report(
        "trie count_prefix",
        timed(lookups(lambda n: trie_of(n).count_prefix, True, QUERIES)),
        claim="O(1)",
    )
    report(
        "set count_prefix (brute force)",
        timed(lookups(lambda n: set_of(n).count_prefix, True, 20)),
        claim="O(n)",
    )
    report("sorted list + bisect count", timed(lookups(sorted_counter, True, QUERIES)), claim="O(log n)")
    report("word search II (n cells)", timed(calls(find_words, board), BOARD_CELLS), claim="O(n)")
    print_dfs_steps(BOARD_CELLS)
    report("word search II, fixed part (1 cell)", timed(calls(find_words, one_cell_board), BOARD_CELLS), claim="O(1)")
    report(
        "word search II brute force",
        timed(calls(find_words_brute_force, board), BRUTE_BOARD_CELLS),
        claim="O(n)",
    )
    report(
        "autocomplete (n products)",
        timed(calls(suggestions, catalog), CATALOG_SIZES),
        claim="O(n log n)",
    )
    report(
        "autocomplete, gc paused",
        timed(calls(with_gc_paused(suggestions), catalog), CATALOG_SIZES),
        claim="O(n log n)",
    )
    report("replace words (n words)", timed(calls(replace_words, sentence)), claim="O(n)")
    report(
        "longest common prefix (n words)",
        timed(calls(longest_common_prefix, shared_prefix_words)),
        claim="O(n)",
    )
