"""Keeping a search index in step with its source of truth, simulated step by step.

No Elasticsearch runs here. The index below is a dict, but it takes writes the
way a search engine does: one request at a time, over a network, with no
transaction shared with the database. The schedules are explicit (or drawn
from a seeded generator), so every run prints the same thing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


# --8<-- [start:model]
@dataclass
class Database:
    """The source of truth: rows with a version, and an outbox written with them."""

    rows: dict[int, tuple[int, str]] = field(default_factory=dict)
    outbox: list[tuple[int, int, str]] = field(default_factory=list)

    def update(self, product_id: int, title: str) -> int:
        """One transaction: bump the version, write the row and its outbox event."""
        version = self.rows.get(product_id, (0, ""))[0] + 1
        self.rows[product_id] = (version, title)
        self.outbox.append((product_id, version, title))
        return version


@dataclass
class SearchIndex:
    docs: dict[int, tuple[int, str]] = field(default_factory=dict)

    def put(self, product_id: int, version: int, title: str) -> None:
        """A plain index request: last write wins, whatever its version."""
        self.docs[product_id] = (version, title)

    def put_if_newer(self, product_id: int, version: int, title: str) -> None:
        """Keep the write only if it is newer than what the index holds."""
        if version > self.docs.get(product_id, (0, ""))[0]:
            self.docs[product_id] = (version, title)


def stale(db: Database, index: SearchIndex) -> list[int]:
    """Ids whose indexed version differs from the database's."""
    return sorted(pid for pid, row in db.rows.items() if index.docs.get(pid) != row)


# --8<-- [end:model]


# --8<-- [start:dual_write]
def dual_write_race() -> tuple[Database, SearchIndex]:
    """Two requests edit product 7; the first one's index call is the slow one."""
    db, index = Database(), SearchIndex()
    v_a = db.update(7, "Trail shoe, size 42")  # request A commits
    v_b = db.update(7, "Trail shoe, size 43")  # request B commits
    index.put(7, v_b, "Trail shoe, size 43")  # B's index call lands first
    index.put(7, v_a, "Trail shoe, size 42")  # A's lands last and wins
    return db, index


# --8<-- [end:dual_write]


# --8<-- [start:outbox]
def relay(db: Database, index: SearchIndex, order: list[int]) -> None:
    """Deliver outbox events in any order, duplicates included; apply if newer."""
    for position in order:
        index.put_if_newer(*db.outbox[position])


# --8<-- [end:outbox]


# --8<-- [start:trial]
def random_trial(rng: random.Random, use_outbox: bool, versioned: bool) -> bool:
    """Three writers edit product 1 at once; True if the index ends up stale.

    All three commit in a random order. With dual writes, each then calls the
    index itself, the calls land in a random order, and each writer may crash
    before its call (5%). With the outbox, a relay delivers the committed events
    in a random order, one of them twice (a retry after a relay crash).
    `versioned` picks the index call: put_if_newer, or a plain put.
    """
    db, index = Database(), SearchIndex()
    apply = index.put_if_newer if versioned else index.put
    writers = [0, 1, 2]
    rng.shuffle(writers)
    committed = {w: (db.update(1, f"title {w}"), f"title {w}") for w in writers}
    if use_outbox:
        deliveries = list(range(len(db.outbox)))
        deliveries.append(rng.choice(deliveries))
        rng.shuffle(deliveries)
        for position in deliveries:
            apply(*db.outbox[position])
    else:
        rng.shuffle(writers)
        for writer in writers:
            if rng.random() >= 0.05:  # else: crashed between commit and call
                apply(1, *committed[writer])
    return bool(stale(db, index))


# --8<-- [end:trial]


def count_stale(use_outbox: bool, versioned: bool, trials: int = 1_000) -> int:
    if trials < 1:
        raise ValueError("trials must be at least 1")
    rng = random.Random(7)
    return sum(random_trial(rng, use_outbox, versioned) for _ in range(trials))


# --8<-- [start:reindex]
def reindex(replay_from_snapshot: bool) -> list[int]:
    """Build products_v2 from a snapshot while writes go on, then swap the alias.

    Returns the ids the new index has wrong after the swap.
    """
    db = Database()
    for pid in range(1, 6):
        db.update(pid, f"product {pid}")
    aliases = {"products": SearchIndex()}
    relay(db, aliases["products"], list(range(len(db.outbox))))

    snapshot = dict(db.rows)  # the bulk load reads this
    position = len(db.outbox)  # outbox position at the snapshot
    new_index = SearchIndex()
    db.update(3, "product 3, renamed during the rebuild")  # goes to the old index
    relay(db, aliases["products"], [len(db.outbox) - 1])
    for pid, (version, title) in snapshot.items():
        new_index.put_if_newer(pid, version, title)
    if replay_from_snapshot:  # catch up from the snapshot's outbox position
        relay(db, new_index, list(range(position, len(db.outbox))))
    aliases["products"] = new_index  # one atomic switch for every reader
    return stale(db, aliases["products"])


# --8<-- [end:reindex]


if __name__ == "__main__":
    # --8<-- [start:demo_race]
    db, index = dual_write_race()
    print("database:", db.rows[7])
    #> database: (2, 'Trail shoe, size 43')
    print("index:   ", index.docs[7])
    #> index:    (1, 'Trail shoe, size 42')
    fixed = SearchIndex()
    relay(db, fixed, [1, 0, 1])  # newest first, then the old one, then a retry
    print("outbox + version check:", fixed.docs[7], stale(db, fixed))
    #> outbox + version check: (2, 'Trail shoe, size 43') []
    # --8<-- [end:demo_race]

    # --8<-- [start:demo_trials]
    print("dual write:             ", count_stale(use_outbox=False, versioned=False))
    #> dual write:              688
    print("dual write, newer wins: ", count_stale(use_outbox=False, versioned=True))
    #> dual write, newer wins:  44
    print("outbox, last write wins:", count_stale(use_outbox=True, versioned=False))
    #> outbox, last write wins: 655
    print("outbox, newer wins:     ", count_stale(use_outbox=True, versioned=True))
    #> outbox, newer wins:      0
    # --8<-- [end:demo_trials]

    # --8<-- [start:demo_reindex]
    print("swap without catch-up, stale ids:", reindex(replay_from_snapshot=False))
    #> swap without catch-up, stale ids: [3]
    print("swap after catch-up, stale ids:  ", reindex(replay_from_snapshot=True))
    #> swap after catch-up, stale ids:   []
    # --8<-- [end:demo_reindex]
