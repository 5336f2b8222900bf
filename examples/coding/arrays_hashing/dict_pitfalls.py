"""Bugs people write with dicts, sets and lists, each shown running."""

from collections import OrderedDict

if __name__ == "__main__":
    # --8<-- [start:mutate]
    stock = {"apple": 0, "pear": 3, "plum": 0}
    try:
        for name in stock:
            if stock[name] == 0:
                del stock[name]  # changes the dict's size mid-iteration
    except RuntimeError as error:
        print(f"RuntimeError: {error}")
        #> RuntimeError: dictionary changed size during iteration
    stock = {"apple": 0, "pear": 3, "plum": 0}
    for name in list(stock):  # the fix: iterate over a snapshot of the keys
        if stock[name] == 0:
            del stock[name]
    print(stock)
    #> {'pear': 3}
    stock = {"apple": 0, "pear": 3, "plum": 0}
    print({name: n for name, n in stock.items() if n})  # or build a new dict
    #> {'pear': 3}
    # --8<-- [end:mutate]

    # --8<-- [start:list_skip]
    nums = [2, 2, 3, 4]
    for value in nums:
        if value % 2 == 0:
            nums.remove(value)  # no error: the loop just skips the next item
    print(nums)
    #> [2, 3]
    nums = [2, 2, 3, 4]
    print([value for value in nums if value % 2])  # the fix: build a new list
    #> [3]
    # --8<-- [end:list_skip]

    # --8<-- [start:unhashable]
    seen = set()
    try:
        seen.add([1, 2])
    except TypeError as error:
        print(f"TypeError: {error}")
        #> TypeError: unhashable type: 'list'
    seen.add((1, 2))  # a tuple of hashables is hashable
    seen.add(frozenset({1, 2}))  # when order must not matter
    print((1, 2) in seen, frozenset({2, 1}) in seen)
    #> True True
    # --8<-- [end:unhashable]

    # --8<-- [start:order]
    scores = {"b": 1, "a": 2}
    scores["b"] = 5  # updating a key keeps its place
    scores["c"] = 3  # a new key goes last
    del scores["a"]
    scores["a"] = 2  # deleted and re-added: it goes last now
    print(list(scores))
    #> ['b', 'c', 'a']
    print({"x": 1, "y": 2} == {"y": 2, "x": 1})  # dict equality ignores order
    #> True
    print(OrderedDict(x=1, y=2) == OrderedDict(y=2, x=1))  # OrderedDict's does not
    #> False
    # --8<-- [end:order]
