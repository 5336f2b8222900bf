"""The standard-library tools this pattern leans on: Counter, defaultdict, set, dict.get."""

from collections import Counter, defaultdict

if __name__ == "__main__":
    # --8<-- [start:counting]
    words = ["api", "db", "api", "cache", "db", "api"]
    counts = Counter(words)  # one pass, O(n)
    print(counts.most_common(2))
    #> [('api', 3), ('db', 2)]
    print(counts["queue"])  # a missing key counts 0 and is not inserted
    #> 0
    print("queue" in counts)
    #> False
    # --8<-- [end:counting]

    # --8<-- [start:grouping]
    by_length: defaultdict[int, list[str]] = defaultdict(list)
    for word in words:
        by_length[len(word)].append(word)  # no "if key not in" dance
    print(dict(by_length))
    #> {3: ['api', 'api', 'api'], 2: ['db', 'db'], 5: ['cache']}
    plain: dict[int, int] = {}
    for word in words:
        plain[len(word)] = plain.get(len(word), 0) + 1  # the same with a plain dict
    print(plain)
    #> {3: 3, 2: 2, 5: 1}
    # --8<-- [end:grouping]

    # --8<-- [start:membership]
    banned = {"db", "queue"}  # a set: `in` hashes once, O(1) on average
    print([word for word in words if word not in banned])
    #> ['api', 'api', 'cache', 'api']
    print(sorted(set(words)))  # deduplicate; sort because a set has no useful order
    #> ['api', 'cache', 'db']
    # --8<-- [end:membership]
