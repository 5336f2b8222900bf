"""Real Redis failures on private servers: availability errors take the fail mode, configuration errors raise."""

from __future__ import annotations

import contextlib
import threading
import time
from http import HTTPStatus

import pytest
import redis

from examples.system_design.rate_limiter.fail_modes import FailMode, GuardedLimiter, is_unavailable
from examples.system_design.rate_limiter.gcra import GcraLimiter, Policy
from tests.system_design.rate_limiter.private_redis import private_redis, unix_client

POLICY = Policy("minute", 4, 60)


def test_a_full_noeviction_instance_takes_the_fail_mode() -> None:
    with private_redis("--maxmemory", "1", "--maxmemory-policy", "noeviction") as sock, unix_client(sock) as r:
        with pytest.raises(redis.exceptions.OutOfMemoryError):  # what the script meets
            GcraLimiter(r, "rl:", [POLICY]).allow("ip:203.0.113.7")
        opened = GuardedLimiter(GcraLimiter(r, "rl:", [POLICY]), FailMode.OPEN)
        closed = GuardedLimiter(GcraLimiter(r, "rl:", [POLICY]), FailMode.CLOSED)
        assert opened.check("ip:203.0.113.7").decided_by == "fail-open"
        assert closed.check("ip:203.0.113.7").status is HTTPStatus.SERVICE_UNAVAILABLE
        assert opened.unavailable == closed.unavailable == 1


def test_volatile_ttl_evicts_the_buckets_nearest_to_full() -> None:
    """The page's choice: a full instance evicts the shortest TTLs and still decides."""
    with private_redis("--maxmemory-policy", "volatile-ttl") as sock, unix_client(sock) as r:
        daily = Policy("day", 10, 86_400)
        day = GcraLimiter(r, "rl:", [daily])
        for _ in range(8):
            day.allow("ip:198.51.100.1")  # a day's debt: the longest TTL here
        r.config_set("maxmemory", int(r.info("memory")["used_memory"]) + 200_000)
        minute = GcraLimiter(r, "rl:", [POLICY])
        for i in range(4_000):  # about 130 B each: more than 200 KB
            minute.allow(f"ip:10.0.{i // 256}.{i % 256}")
        assert int(r.info("stats")["evicted_keys"]) > 0
        assert r.exists(day.key_for("ip:198.51.100.1", daily))
        guard = GuardedLimiter(minute, FailMode.OPEN)
        assert guard.check("ip:203.0.113.7").decided_by == "redis"


def test_a_wrong_password_raises_instead_of_failing_open() -> None:
    with private_redis("--requirepass", "right") as sock:
        for password in ("wrong", None):  # WRONGPASS, then NOAUTH
            with unix_client(sock, password=password) as r:
                guard = GuardedLimiter(GcraLimiter(r, "rl:", [POLICY]), FailMode.OPEN)
                with pytest.raises(redis.AuthenticationError):
                    guard.check("ip:203.0.113.7")
                assert guard.unavailable == 0


def test_an_acl_without_script_rights_raises() -> None:
    with private_redis() as sock:
        with unix_client(sock) as admin:
            admin.acl_setuser("limiter", enabled=True, passwords=["+pw"], keys=["*"], commands=["+get", "+set"])
        with unix_client(sock) as r:
            r.auth("pw", "limiter")
            guard = GuardedLimiter(GcraLimiter(r, "rl:", [POLICY]), FailMode.OPEN)
            with pytest.raises(redis.exceptions.NoPermissionError):
                guard.check("ip:203.0.113.7")


def test_a_busy_script_takes_the_fail_mode() -> None:
    with private_redis("--busy-reply-threshold", "10") as sock:
        errors: list[Exception] = []

        def spin() -> None:
            with unix_client(sock, timeout=30) as hog:
                try:
                    hog.eval("while true do end", 0)
                except redis.ResponseError as error:  # SCRIPT KILL ends it
                    errors.append(error)

        thread = threading.Thread(target=spin)
        thread.start()
        try:
            with unix_client(sock) as r:
                guard = GuardedLimiter(GcraLimiter(r, "rl:", [POLICY]), FailMode.CLOSED)
                deadline = time.monotonic() + 10
                outcome = guard.check("ip:203.0.113.7")
                while outcome.decided_by == "redis" and time.monotonic() < deadline:
                    time.sleep(0.01)  # until the script has started
                    outcome = guard.check("ip:203.0.113.7")
                assert outcome.decided_by == "fail-closed"
        finally:
            with unix_client(sock) as killer:
                while thread.is_alive():
                    with contextlib.suppress(redis.ResponseError):  # not running yet
                        killer.script_kill()
                    thread.join(timeout=0.1)
        assert errors


@pytest.mark.parametrize(
    ("error", "unavailable"),
    [
        (redis.exceptions.MasterDownError("Link with MASTER is down"), True),
        (redis.exceptions.ClusterDownError("The cluster is down"), True),
        (redis.exceptions.TryAgainError("Multiple keys request during rehashing"), True),
        (redis.exceptions.BusyLoadingError("Redis is loading the dataset in memory"), True),
        (redis.exceptions.AuthorizationError("not authorized"), False),
        (redis.ResponseError("ERR user_script:1: Script attempted to access nonexistent global"), False),
    ],
)
def test_errors_without_a_private_server_to_produce_them(error: redis.RedisError, unavailable: bool) -> None:
    """Cluster and replica states a single private server cannot reach, classified as redis-py raises them."""
    assert is_unavailable(error) is unavailable
