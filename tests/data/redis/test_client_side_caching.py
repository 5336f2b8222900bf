"""What the page says about client-side caching, checked on the running server.

Redis 6 and later can tell an application when a key it read has changed
(CLIENT TRACKING), so an in-process cache in front of Redis can drop its copy.
redis-py's own client-side cache only accepts Redis 7.4 or later.
"""

from __future__ import annotations

import pytest
import redis

from examples.data.redis.connection import SOCKET_TIMEOUT_SECONDS, connect, key_prefix


def _server_version(client: redis.Redis) -> tuple[int, ...]:
    return tuple(int(part) for part in client.info("server")["redis_version"].split("."))


def test_tracking_pushes_an_invalidation_when_a_read_key_changes(redis_url: str) -> None:
    # The listener speaks RESP2, where invalidations arrive as pub/sub messages
    # on __redis__:invalidate; the tracked reader redirects them there.
    resp2 = redis.Redis.from_url(
        redis_url, protocol=2, socket_timeout=SOCKET_TIMEOUT_SECONDS, decode_responses=True
    )
    with resp2, connect(redis_url) as client, key_prefix(client, "test_tracking") as p:
        listener = resp2.connection_pool.make_connection()
        reader = client.connection_pool.make_connection()
        try:
            listener.send_command("CLIENT", "ID")
            listener_id = listener.read_response()
            listener.send_command("SUBSCRIBE", "__redis__:invalidate")
            assert listener.read_response() == ["subscribe", "__redis__:invalidate", 1]
            reader.send_command("CLIENT", "TRACKING", "ON", "REDIRECT", listener_id)
            assert reader.read_response() == "OK"

            client.set(p + "price", "10")
            reader.send_command("GET", p + "price")  # the server remembers this read
            assert reader.read_response() == "10"
            assert not listener.can_read(timeout=0.2)  # nothing changed yet

            client.set(p + "price", "12")  # another client changes the key
            assert listener.can_read(timeout=SOCKET_TIMEOUT_SECONDS)
            assert listener.read_response() == [
                "message",
                "__redis__:invalidate",
                [p + "price"],
            ]
        finally:
            listener.disconnect()
            reader.disconnect()


def test_redis_py_builtin_cache_needs_redis_7_4(redis_url: str) -> None:
    from redis.cache import CacheConfig

    with connect(redis_url) as plain, key_prefix(plain, "test_tracking") as p:
        plain.set(p + "k", "v")
        cached = redis.Redis.from_url(
            redis_url,
            protocol=3,
            cache_config=CacheConfig(),
            socket_timeout=SOCKET_TIMEOUT_SECONDS,
            decode_responses=True,
        )
        with cached:
            if _server_version(plain) < (7, 4):
                with pytest.raises(redis.ConnectionError, match=r"7\.4 or later"):
                    cached.get(p + "k")
            else:
                assert cached.get(p + "k") == "v" and cached.get(p + "k") == "v"
