"""Edge hit ratio and origin egress against the edge's size, on one seeded stream."""

from __future__ import annotations

from examples.system_design.video_streaming.edge_cache import Catalog, sweep

# --8<-- [start:sweep]
catalog = Catalog()  # 500 videos, Zipf s = 0.9, viewers stay with p = 0.95
print(f"catalog: {catalog.videos:,} videos, {catalog.total_bytes() / 1e12:.2f} TB")
#> catalog: 500 videos, 0.43 TB
print(f"{'edge size':>10}{'hits':>8}{'byte hits':>11}{'miss GB':>11}")
#>  edge size    hits  byte hits    miss GB
# A million requests: long enough that the edges are full when counting starts
# (after the first quarter) and first requests of a segment are rare. A run
# that is too short charges those cold misses to the cache size.
results = sweep(catalog, count=1_000_000, seed=5, shares=(0.01, 0.05, 0.1, 0.2))
for share, stats in results.items():
    hits, byte_hits = f"{stats.hit_ratio:.1%}", f"{stats.byte_hit_ratio:.1%}"
    print(f"{share:>10.0%}{hits:>8}{byte_hits:>11}{stats.origin_bytes / 1e9:>11,.1f}")
    #>         1%   22.5%      24.9%      917.5
    #>         5%   50.2%      53.2%      572.0
    #>        10%   65.1%      68.2%      388.8
    #>        20%   81.1%      83.9%      197.0
# --8<-- [end:sweep]
