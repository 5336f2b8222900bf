"""Edge hit ratio and origin egress against the edge's size, on one seeded stream."""

from __future__ import annotations

from examples.system_design.video_streaming.edge_cache import Catalog, sweep

# --8<-- [start:sweep]
catalog = Catalog()  # 500 videos, Zipf s = 0.9, viewers stay with p = 0.95
print(f"catalog: {catalog.videos:,} videos, {catalog.total_bytes() / 1e12:.2f} TB")
#> catalog: 500 videos, 0.43 TB
print(f"{'edge size':>10}{'hits':>8}{'byte hits':>11}{'origin GB':>11}")
#>  edge size    hits  byte hits  origin GB
results = sweep(catalog, count=300_000, seed=5, shares=(0.01, 0.05, 0.1, 0.2, 1.0))
for share, stats in results.items():
    hits, byte_hits = f"{stats.hit_ratio:.1%}", f"{stats.byte_hit_ratio:.1%}"
    print(f"{share:>10.0%}{hits:>8}{byte_hits:>11}{stats.origin_bytes / 1e9:>11,.1f}")
    #>         1%   23.5%      26.3%      270.4
    #>         5%   50.2%      53.7%      169.8
    #>        10%   65.0%      68.3%      116.3
    #>        20%   78.8%      81.8%       66.8
    #>       100%   80.7%      83.6%       60.2
# --8<-- [end:sweep]
