"""Stale reads under leaderless quorums: R + W <= N against R + W > N."""

from __future__ import annotations

from examples.system_design.replication.quorum import Outage, Quorum, simulate

SEED = 7

# --8<-- [start:table]
print("  N  R  W  R+W>N  stale reads")
#>   N  R  W  R+W>N  stale reads
for n, r, w in [(3, 1, 1), (3, 2, 1), (3, 2, 2), (5, 2, 2), (5, 2, 3), (5, 3, 3)]:
    quorum = Quorum(n, r, w)
    stats = simulate(quorum, seed=SEED)  # 2,000 requests, 30% writes
    print(f"{n:>3}{r:>3}{w:>3}  {quorum.overlaps!s:<5}  {stats.stale_rate:6.1%}")
    #>   3  1  1  False   23.9%
    #>   3  2  1  False    7.1%
    #>   3  2  2  True     0.0%
    #>   5  2  2  False    6.9%
    #>   5  2  3  False    2.4%
    #>   5  3  3  True     0.0%
# --8<-- [end:table]

# --8<-- [start:repair]
# One in five background copies is lost: only later writes or repairs fix it.
for repair in (False, True):
    stats = simulate(Quorum(5, 2, 2), seed=SEED, drop_rate=0.2, read_repair=repair)
    print(f"N=5 R=2 W=2, read repair {repair!s:<5}: {stats.stale_rate:.1%} stale")
    #> N=5 R=2 W=2, read repair False: 8.5% stale
    #> N=5 R=2 W=2, read repair True : 7.0% stale
# --8<-- [end:repair]

# --8<-- [start:sloppy]
# For 500 of the 2,000 ticks the writer cannot reach two of the key's three
# replicas. N=3, R=2, W=2 overlaps, as long as W counts only those three.
outage = Outage(start=500, end=1_000, cut=frozenset({1, 2}))
for sloppy in (False, True):
    stats = simulate(Quorum(3, 2, 2), seed=SEED, outage=outage, sloppy=sloppy)
    refused, stale = stats.refused_writes, stats.stale_reads
    print(f"sloppy={sloppy!s:<5} refused writes: {refused:>3}  stale reads: {stale:>3}")
    #> sloppy=False refused writes: 158  stale reads:   0
    #> sloppy=True  refused writes:   0  stale reads:  99
# --8<-- [end:sloppy]
