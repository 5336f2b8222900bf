"""Word ladder: the shortest chain of one-letter changes from one word to another."""

from __future__ import annotations

from collections import defaultdict, deque
from string import ascii_lowercase


# --8<-- [start:optimal]
def ladder_length(begin: str, end: str, words: list[str]) -> int:
    """Words in the shortest chain begin -> end, or 0 if there is none.

    Each step changes one letter, and every word after `begin` must be in
    `words`. Words sharing a bucket (a word with one position blanked) are
    neighbors, so the graph is never built. O(N * L^2) time and O(N * L)
    buckets for N words of length L.
    """
    if end not in words:
        return 0
    buckets: defaultdict[tuple[int, str], list[str]] = defaultdict(list)
    for word in set(words):
        for i in range(len(word)):
            buckets[(i, word[:i] + word[i + 1 :])].append(word)
    seen = {begin}
    level = deque([begin])
    length = 1
    while level:
        for _ in range(len(level)):
            word = level.popleft()
            if word == end:
                return length
            for i in range(len(word)):
                # pop: the first word to use a bucket reaches all of it at the
                # lowest level anyone can, so nobody needs to scan it again
                for nxt in buckets.pop((i, word[:i] + word[i + 1 :]), []):
                    if nxt not in seen:
                        seen.add(nxt)
                        level.append(nxt)
        length += 1
    return 0


# --8<-- [end:optimal]


# --8<-- [start:letters]
def ladder_length_letters(begin: str, end: str, words: list[str]) -> int:
    """The same BFS, generating neighbors by trying all 26 letters in each position.

    26 * L candidate strings of length L per word: O(26 * N * L^2) time,
    and it assumes the words use only a to z.
    """
    unvisited = set(words)
    if end not in unvisited:
        return 0
    unvisited.discard(begin)
    level = deque([begin])
    length = 1
    while level:
        for _ in range(len(level)):
            word = level.popleft()
            if word == end:
                return length
            for i in range(len(word)):
                for letter in ascii_lowercase:
                    candidate = word[:i] + letter + word[i + 1 :]
                    if candidate in unvisited:
                        unvisited.remove(candidate)  # remove = mark visited
                        level.append(candidate)
        length += 1
    return 0


# --8<-- [end:letters]


# --8<-- [start:brute_force]
def ladder_length_brute_force(begin: str, end: str, words: list[str]) -> int:
    """Build the whole graph by comparing every pair of words, then BFS it.

    O(N^2 * L) to build, however few words the search would have touched.
    """
    if end not in words:
        return 0
    nodes = sorted(set(words) | {begin})

    def one_apart(a: str, b: str) -> bool:
        return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1

    graph = {a: [b for b in nodes if one_apart(a, b)] for a in nodes}
    distance = {begin: 1}
    queue = deque([begin])
    while queue:
        word = queue.popleft()
        for nxt in graph[word]:
            if nxt not in distance:
                distance[nxt] = distance[word] + 1
                queue.append(nxt)
    return distance.get(end, 0)


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    words = ["cord", "card", "ward", "warm", "worm", "word"]
    print(ladder_length("cold", "warm", words))  # cold cord word worm warm
    #> 5
    print(ladder_length_letters("cold", "warm", words))
    #> 5
    print(ladder_length_brute_force("cold", "warm", words))
    #> 5
    print(ladder_length("cold", "warm", ["cord", "card", "ward"]))  # warm missing
    #> 0
    # --8<-- [end:demo]
