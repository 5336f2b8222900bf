"""The client has timeouts; the key prefix is unique and cleaned up even after an error."""

from __future__ import annotations

import pytest
import redis

from examples.data.redis.connection import (
    SOCKET_TIMEOUT_SECONDS,
    connect,
    key_prefix,
    redis_session,
)
from examples.server_settings import CONNECT_TIMEOUT_SECONDS


def test_client_has_both_timeouts(redis_url: str) -> None:
    with connect(redis_url) as client:
        kwargs = client.connection_pool.connection_kwargs
        assert kwargs["socket_timeout"] == SOCKET_TIMEOUT_SECONDS
        assert kwargs["socket_connect_timeout"] == CONNECT_TIMEOUT_SECONDS
        assert client.ping() is True


def test_prefix_keys_are_deleted_even_after_an_error(redis_url: str) -> None:
    with connect(redis_url) as client:
        with pytest.raises(RuntimeError), key_prefix(client, "conn_test") as prefix:
            client.set(prefix + "a", "1")
            client.hset(prefix + "b", "f", "v")
            raise RuntimeError("boom")
        assert list(client.scan_iter(match=prefix + "*")) == []


def test_prefixes_are_unique_and_leave_other_keys_alone(redis_url: str) -> None:
    with redis_session("conn_test", redis_url) as (client, outer):
        client.set(outer + "keep", "1")
        with key_prefix(client, "conn_test") as inner:
            assert inner != outer
            client.set(inner + "drop", "1")
        assert client.get(outer + "keep") == "1"
        assert client.exists(inner + "drop") == 0


@pytest.mark.parametrize("topic", ["", "Has-Caps", "a*b", "x" * 40, "1abc"])
def test_bad_topic_is_refused(redis_url: str, topic: str) -> None:
    with connect(redis_url) as client, pytest.raises(
        ValueError, match="topic"
    ), key_prefix(client, topic):
        pass


def test_client_does_not_retry_commands_on_its_own(redis_url: str) -> None:
    # redis-py 8.1 retries 10 times by default when Redis() builds its own pool;
    # a retried INCR whose reply timed out would count twice.
    with connect(redis_url) as client:
        connection = client.connection_pool.get_connection()
        try:
            assert connection.retry.get_retries() == 0
        finally:
            client.connection_pool.release(connection)


def test_redis_py_defaults_that_the_page_cites() -> None:
    # The page says redis-py 8 defaults both timeouts to 5 s and retries when
    # Redis() builds its own pool: checked here without touching the network.
    client = redis.Redis(host="127.0.0.1")
    kwargs = client.connection_pool.connection_kwargs
    assert kwargs.get("socket_timeout") == 5
    assert kwargs.get("socket_connect_timeout") == 5
    assert client.get_retry().get_retries() == 10
    client.close()
