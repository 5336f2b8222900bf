"""Resharding with fixed slots: whole slots move, and only from the busiest nodes."""

from collections import Counter

from examples.system_design.partitioning.directory import Directory
from examples.system_design.partitioning.measure import movement, owners, sample_keys
from examples.system_design.partitioning.modulo import ModuloPartitioner
from examples.system_design.partitioning.slots import SlotMap

KEYS = sample_keys(20_000, seed=7)

# --8<-- [start:slots]
table = SlotMap([f"node-{i}" for i in range(4)], slots=1024)
print({node: len(table.slots_of(node)) for node in table.nodes})
#> {'node-0': 256, 'node-1': 256, 'node-2': 256, 'node-3': 256}
slot_owner = {slot: node for node in table.nodes for slot in table.slots_of(node)}
before = owners(table.node_for, KEYS)
moved = table.add_node("node-4")
donors = Counter(slot_owner[slot] for slot in moved)
print(len(moved), "slots moved, taken from", dict(sorted(donors.items())))
#> 204 slots moved, taken from {'node-0': 51, 'node-1': 51, 'node-2': 51, 'node-3': 51}
change = movement(before, owners(table.node_for, KEYS), new_nodes={"node-4"})
print(f"keys moved: {change.fraction:.3f} (204 / 1024 = {204 / 1024:.3f})")
#> keys moved: 0.197 (204 / 1024 = 0.199)
# --8<-- [end:slots]

# --8<-- [start:doubling]
# With hash mod n, doubling n is the one cheap step: a key stays or moves to a new node.
doubled = ModuloPartitioner([f"node-{i}" for i in range(4)])
before = owners(doubled.node_for, KEYS)
for i in range(4, 8):
    doubled.add_node(f"node-{i}")
change = movement(
    before, owners(doubled.node_for, KEYS), {f"node-{i}" for i in range(4, 8)}
)
print(
    f"mod 4 -> mod 8: {change.fraction:.3f} moved, {change.between_old_nodes} between old nodes"
)
#> mod 4 -> mod 8: 0.499 moved, 0 between old nodes
# --8<-- [end:doubling]

# --8<-- [start:directory]
directory = Directory(["db-1", "db-2", "db-3"])
tenants = {"acme": 300, "globex": 300, "initech": 250, "hooli": 150, "umbrella": 100}
for tenant, rows in tenants.items():
    directory.place(tenant, size=rows)  # each goes to the node with the fewest rows
print(directory.load(), "version", directory.version)
#> {'db-1': 400, 'db-2': 300, 'db-3': 400} version 8
# acme outgrows shared hosting: give it a node of its own. Only its rows move.
directory.add_node("db-4")
print("acme leaves", directory.move("acme", "db-4"))
#> acme leaves db-1
print(directory.load(), "version", directory.version)
#> {'db-1': 100, 'db-2': 300, 'db-3': 400, 'db-4': 300} version 10
# --8<-- [end:directory]
