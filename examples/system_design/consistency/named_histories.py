"""Eight small histories, one per lesson, and what the checker says about each."""

from __future__ import annotations

from examples.system_design.consistency.checker import MODELS, SHORT_NAMES, classify
from examples.system_design.consistency.history import History, r, w
from examples.system_design.consistency.timeline import timeline

# --8<-- [start:histories]
NAMED = {
    # B's read overlaps A's write, so it may see the old value or the new one.
    "overlapping write": History(
        [w("A", "x", 1, 0, 6), r("B", "x", 0, 1, 3), r("C", "x", 1, 4, 6)]
    ),
    # A's write returned at t=2; B reads later and still gets 0 (a lagging replica).
    "stale read": History([w("A", "x", 1, 0, 2), r("B", "x", 0, 3, 5)]),
    # Both reads overlap the write, but B saw 1 and *then* C saw 0.
    "new then old": History(
        [w("A", "x", 1, 0, 8), r("B", "x", 1, 1, 3), r("C", "x", 0, 4, 6)]
    ),
    # A sets x and B sets y at the same time; each then reads the other's key as 0.
    "missed each other": History(
        [
            w("A", "x", 1, 0, 2),
            r("A", "y", 0, 3, 5),
            w("B", "y", 2, 0, 2),
            r("B", "x", 0, 3, 5),
        ]
    ),
    # Two concurrent writes; C sees 1 then 2, D sees 2 then 1.
    "two orders": History(
        [
            w("A", "x", 1, 0, 2),
            w("B", "x", 2, 0, 2),
            r("C", "x", 1, 3, 5),
            r("C", "x", 2, 6, 8),
            r("D", "x", 2, 3, 5),
            r("D", "x", 1, 6, 8),
        ]
    ),
    # A posts (x) and then replies to it (y); B sees the reply but not the post.
    "reply before post": History(
        [
            w("A", "x", 1, 0, 2),
            w("A", "y", 2, 3, 5),
            r("B", "y", 2, 6, 8),
            r("B", "x", 0, 9, 11),
        ]
    ),
    # A writes, then reads its own key from a replica that has not heard yet.
    "lost own write": History([w("A", "x", 1, 0, 2), r("A", "x", 0, 3, 5)]),
    # B sees the write, then a second read lands on an older replica.
    "time travel": History(
        [w("A", "x", 1, 0, 2), r("B", "x", 1, 3, 5), r("B", "x", 0, 6, 8)]
    ),
}
# --8<-- [end:histories]


def table(histories: dict[str, History]) -> str:
    """A yes/no row per history, one column per model."""
    header = f"{'history':<18}" + "".join(f"{SHORT_NAMES[m]:>7}" for m in MODELS)
    rows = [header]
    for name, history in histories.items():
        verdicts = classify(history)
        cells = "".join(f"{'yes' if verdicts[m] else '-':>7}" for m in MODELS)
        rows.append(f"{name:<18}{cells}")
    return "\n".join(rows)


if __name__ == "__main__":
    # --8<-- [start:stale]
    for line in timeline(NAMED["stale read"]).splitlines():
        print(line)
        #> t  0  1  2  3  4  5
        #> A  [w(x)1]
        #> B           [r(x)0]
    # --8<-- [end:stale]

    # --8<-- [start:new_then_old]
    for line in timeline(NAMED["new then old"]).splitlines():
        print(line)
        #> t  0  1  2  3  4  5  6  7  8
        #> A  [---------w(x)1---------]
        #> B     [r(x)1]
        #> C              [r(x)0]
    # --8<-- [end:new_then_old]

    # --8<-- [start:missed]
    for line in timeline(NAMED["missed each other"]).splitlines():
        print(line)
        #> t  0  1  2  3  4  5
        #> A  [w(x)1]  [r(y)0]
        #> B  [w(y)2]  [r(x)0]
    # --8<-- [end:missed]

    # --8<-- [start:two_orders]
    for line in timeline(NAMED["two orders"]).splitlines():
        print(line)
        #> t  0  1  2  3  4  5  6  7  8
        #> A  [w(x)1]
        #> B  [w(x)2]
        #> C           [r(x)1]  [r(x)2]
        #> D           [r(x)2]  [r(x)1]
    # --8<-- [end:two_orders]

    # --8<-- [start:reply]
    for line in timeline(NAMED["reply before post"]).splitlines():
        print(line)
        #> t  0  1  2  3  4  5  6  7  8  9  10 11
        #> A  [w(x)1]  [w(y)2]
        #> B                    [r(y)2]  [r(x)0]
    # --8<-- [end:reply]

    # --8<-- [start:table]
    for line in table(NAMED).splitlines():
        print(line)
        #> history               lin    seq causal    ryw     mr
        #> overlapping write     yes    yes    yes    yes    yes
        #> stale read              -    yes    yes    yes    yes
        #> new then old            -    yes    yes    yes    yes
        #> missed each other       -      -    yes    yes    yes
        #> two orders              -      -      -    yes      -
        #> reply before post       -      -      -    yes    yes
        #> lost own write          -      -      -      -    yes
        #> time travel             -      -      -    yes      -
    # --8<-- [end:table]
