"""Three nodes, two messages: what Lamport timestamps and vector clocks each tell you."""

from __future__ import annotations

from examples.system_design.consistency.clocks import Client, Node, Replica

# --8<-- [start:events]
a, b, c = Node("A"), Node("B"), Node("C")
a1 = a.local("a1")
a2, m1 = a.send("a2 send to B")
b1 = b.local("b1")
b2 = b.receive("b2 recv from A", m1)
b3, m2 = b.send("b3 send to C")
c1 = c.local("c1")
c2 = c.receive("c2 recv from B", m2)
for event in (a1, a2, b1, b2, b3, c1, c2):
    print(f"{event.label:<15} Lamport {event.lamport}  vector {event.vector}")
    #> a1              Lamport 1  vector {A:1}
    #> a2 send to B    Lamport 2  vector {A:2}
    #> b1              Lamport 1  vector {B:1}
    #> b2 recv from A  Lamport 3  vector {A:2, B:2}
    #> b3 send to C    Lamport 4  vector {A:2, B:3}
    #> c1              Lamport 1  vector {C:1}
    #> c2 recv from B  Lamport 5  vector {A:2, B:3, C:2}
# --8<-- [end:events]

# --8<-- [start:compare]
for x, y in ((a1, c2), (b1, a2), (c1, b3)):
    sign = "<" if x.lamport < y.lamport else ">="
    stamps = f"Lamport {x.lamport} {sign} {y.lamport}"
    order = x.vector.compare(y.vector)
    print(f"{x.label[:2]} vs {y.label[:2]}: {stamps}, vectors say {order}")
    #> a1 vs c2: Lamport 1 < 5, vectors say before
    #> b1 vs a2: Lamport 1 < 2, vectors say concurrent
    #> c1 vs b3: Lamport 1 < 4, vectors say concurrent
# --8<-- [end:compare]

# --8<-- [start:cart]
# Two replicas of a shopping cart; Alice and Bob write through different ones.
east, west = Replica("east"), Replica("west")
alice, bob = Client("alice"), Client("bob")
alice.get(east, "cart")
alice.put(east, "cart", "milk")
west.sync_from(east)
bob.get(west, "cart")
bob.put(west, "cart", "milk,eggs")  # Bob saw milk: his version supersedes it
alice.put(east, "cart", "milk,bread")  # Alice never saw eggs: concurrent
east.sync_from(west)
west.sync_from(east)
print("both replicas:", east.get("cart")[0], west.get("cart")[0] == east.get("cart")[0])
#> both replicas: ['milk,bread', 'milk,eggs'] True
# The next reader sees both siblings, merges them, and writes one value back.
siblings = alice.get(east, "cart")
merged = ",".join(sorted({item for s in siblings for item in s.split(",")}))
print("merged clock:", alice.put(east, "cart", merged))
#> merged clock: {alice:3, bob:1}
west.sync_from(east)
print("after sync:", west.get("cart")[0])
#> after sync: ['bread,eggs,milk']
# --8<-- [end:cart]
