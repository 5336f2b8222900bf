"""What one client costs in Redis memory: a GCRA key against a sorted-set log.

MEMORY USAGE counts a key's name, its value and its main-table entry. It
leaves out the entry in the table of expiring keys and the hash tables' own
slots; the estimate notebook adds an allowance for those.
"""

# requires-server: redis

from examples.data.redis.connection import redis_session
from examples.data.redis.sliding_window import SlidingWindowLimiter
from examples.system_design.rate_limiter.gcra import GcraLimiter, Policy

NOW_US = 1_733_097_600_000_000
CLIENT = "k:0123456789abcdef"

# --8<-- [start:memory]
rows = []
with redis_session("rl_memory") as (r, prefix):
    for limit in (100, 1_000):  # requests per minute, all spent at once
        policy = Policy("minute", limit, 60)
        gcra = GcraLimiter(r, f"{prefix}{limit}:", [policy], clock_us=lambda: NOW_US)
        log = SlidingWindowLimiter(
            r, f"{prefix}{limit}:", limit, 60_000, clock_ms=lambda: NOW_US // 1000
        )
        for _ in range(limit):
            gcra.allow(CLIENT)
            log.allow(CLIENT)
        bucket = gcra.key_for(CLIENT, policy)
        rows.append(f"{limit:>5,} GCRA int: {r.memory_usage(bucket)} B")
        entries = f"{prefix}{limit}:rl:{CLIENT}"  # SlidingWindowLimiter's key
        encoding = r.object("ENCODING", entries)
        size = r.memory_usage(entries, samples=0)
        # A skiplist's node sizes are random: only its order of size repeats.
        shown = (
            f"{size:,} B"
            if encoding == "listpack"
            else f"> 100,000 B: {size > 100_000}"
        )
        rows.append(f"{limit:>5,} log {encoding}: {shown}")
for row in rows:
    print(row)
    #>   100 GCRA int: 120 B
    #>   100 log listpack: 3,192 B
    #> 1,000 GCRA int: 120 B
    #> 1,000 log skiplist: > 100,000 B: True
# --8<-- [end:memory]
