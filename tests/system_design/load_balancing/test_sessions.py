"""Sessions behind round robin: in-process ones are lost between instances, Redis ones are not."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis

from examples.data.redis.connection import redis_session
from examples.system_design.load_balancing.sessions import (
    App,
    InProcessSessions,
    RedisSessions,
    behind_round_robin,
    three_apps,
)


@pytest.fixture
def rp(redis_url: str) -> Iterator[tuple[redis.Redis, str]]:
    with redis_session("test_lb_sessions", redis_url) as session:
        yield session


def test_an_in_process_session_exists_only_on_the_instance_that_made_it() -> None:
    a, b = App("a", InProcessSessions()), App("b", InProcessSessions())
    token = a.login("ada")
    assert (a.me(token), b.me(token)) == (200, 401)


def test_behind_round_robin_in_process_sessions_fail_two_calls_in_three() -> None:
    line = behind_round_robin(three_apps(InProcessSessions))
    assert line == "login on app-0; /me app-1: 401, app-2: 401, app-0: 200"


def test_a_shared_redis_store_serves_the_session_on_every_instance(rp) -> None:
    client, prefix = rp
    line = behind_round_robin(three_apps(lambda: RedisSessions(client, prefix)))
    assert line == "login on app-0; /me app-1: 200, app-2: 200, app-0: 200"


def test_a_session_outlives_the_instance_that_created_it(rp) -> None:
    client, prefix = rp
    token = App("old", RedisSessions(client, prefix)).login("ada")
    replacement = App("new", RedisSessions(client, prefix))  # after a deploy
    assert replacement.me(token) == 200


def test_sessions_expire_when_idle_and_reading_pushes_the_expiry_back(rp) -> None:
    client, prefix = rp
    store = RedisSessions(client, prefix, ttl=100)
    token = store.create("ada")
    assert 0 < client.ttl(store.key(token)) <= 100
    client.expire(store.key(token), 5)
    assert store.user(token) == "ada"
    assert client.ttl(store.key(token)) > 5  # GETEX set it back to 100 s


def test_an_unknown_or_forged_token_is_not_a_session(rp) -> None:
    client, prefix = rp
    store = RedisSessions(client, prefix)
    assert store.user("not-a-token") is None
    assert App("a", store).me("not-a-token") == 401


def test_tokens_are_long_random_and_distinct() -> None:
    store = InProcessSessions()
    tokens = {store.create("ada") for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(token) >= 43 for token in tokens)  # 32 random bytes, base64url


def test_every_key_is_deleted_when_the_example_is_done(redis_url: str) -> None:
    with redis_session("test_lb_cleanup", redis_url) as (client, prefix):
        RedisSessions(client, prefix).create("ada")
        assert list(client.scan_iter(match=prefix + "*"))
    with redis_session("test_lb_check", redis_url) as (client, _):
        assert not list(client.scan_iter(match=prefix + "*"))
