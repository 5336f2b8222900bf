"""The five Redis data structures you use every week, and key expiry, on a real server.

Run it: it connects to server_settings.redis_url(), works under a random key
prefix, and deletes its keys at the end.
"""

# requires-server: redis

from __future__ import annotations

from examples.data.redis.connection import redis_session

with redis_session("structures") as (r, p):
    # --8<-- [start:strings]
    # Strings hold text, numbers or bytes. INCR is atomic on the server, so
    # many app servers can count page views without losing an update.
    r.set(f"{p}page:42:title", "Pricing")
    for _ in range(3):
        r.incr(f"{p}page:42:views")
    print(r.get(f"{p}page:42:title"), r.incrby(f"{p}page:42:views", 10))
    #> Pricing 13
    # --8<-- [end:strings]

    # --8<-- [start:hashes]
    # A hash is one object with named fields: read or change a field without
    # rewriting the whole object, as you would with a JSON string.
    user = f"{p}user:7"
    r.hset(user, mapping={"name": "Ada", "plan": "pro", "logins": 0})
    r.hincrby(user, "logins", 1)
    print(r.hget(user, "plan"), sorted(r.hgetall(user).items()))
    #> pro [('logins', '1'), ('name', 'Ada'), ('plan', 'pro')]
    # --8<-- [end:hashes]

    # --8<-- [start:lists]
    # A list is a queue: producers LPUSH on the left, a worker BRPOPs on the
    # right, so jobs come out in arrival order. BRPOP blocks until a job comes
    # or its timeout ends (keep that below the client's socket_timeout).
    jobs = f"{p}jobs"
    r.lpush(jobs, "send-email:1", "resize-image:2", "send-email:3")
    _queue, first = r.brpop([jobs], timeout=1)  # returns (key, value)
    print(r.llen(jobs), first, r.rpop(jobs))
    #> 2 send-email:1 resize-image:2
    # --8<-- [end:lists]

    # --8<-- [start:sets]
    # A set holds unique members: who is online, which tags a post has.
    # Adding a member twice is a no-op; intersections are done on the server.
    r.sadd(f"{p}online", "ada", "grace", "linus", "ada")
    r.sadd(f"{p}admins", "grace", "ken")
    print(r.scard(f"{p}online"), bool(r.sismember(f"{p}online", "ken")))
    #> 3 False
    print(sorted(r.sinter([f"{p}online", f"{p}admins"])))
    #> ['grace']
    # --8<-- [end:sets]

    # --8<-- [start:sorted_sets]
    # A sorted set keeps members ordered by a score: a leaderboard is ZINCRBY
    # on every point, O(log n), and the top N by rank, O(log n + N).
    board = f"{p}leaderboard"
    for player, points in [("ada", 30), ("grace", 50), ("linus", 20), ("ada", 25)]:
        r.zincrby(board, points, player)
    top = r.zrange(board, 0, 1, desc=True, withscores=True)
    print(top, r.zrevrank(board, "linus"))
    #> [('ada', 55.0), ('grace', 50.0)] 2
    # --8<-- [end:sorted_sets]

    # --8<-- [start:expiry]
    # Any key can expire. TTL says seconds left: -1 means "never expires",
    # -2 means "no such key". Plain SET drops an existing TTL.
    session = f"{p}session:abc"
    r.set(session, "user:7", ex=1800)
    print(0 < r.ttl(session) <= 1800)
    #> True
    r.set(session, "user:7")
    print(r.ttl(session), r.ttl(f"{p}missing"))
    #> -1 -2
    r.set(session, "user:7", ex=1800)
    r.set(session, "user:8", keepttl=True)  # change the value, keep the TTL
    print(r.ttl(session) > 0)
    #> True
    # --8<-- [end:expiry]
