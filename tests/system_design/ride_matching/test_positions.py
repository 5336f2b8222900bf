"""The Redis write path: ordering per phone, expiry of silent drivers, a capped history."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
import redis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.data.redis.connection import redis_session
from examples.system_design.ride_matching.positions import (
    MAX_CLOCK_SKEW_MS,
    UPDATE,
    PositionStore,
)

T0 = 1_700_000_000_000


@pytest.fixture
def rp(redis_url: str) -> Iterator[tuple[redis.Redis, str]]:
    with redis_session("test_ride_positions", redis_url) as session:
        yield session


def test_an_older_or_repeated_update_is_dropped(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    store = PositionStore(r, p, city="blr")
    assert store.update("a", 12.97, 77.59, T0 + 5_000, T0 + 5_100)
    assert not store.update("a", 12.00, 77.00, T0 + 1_000, T0 + 5_200)  # older
    assert not store.update("a", 12.00, 77.00, T0 + 5_000, T0 + 5_300)  # same sent_ms
    (lon, lat), = r.geopos(store.keys.available, "a")
    assert (round(lat, 4), round(lon, 4)) == (12.97, 77.59)
    assert store.history_length() == 1
    # The seen time is the server's receipt time of the accepted update only.
    assert r.zscore(store.keys.seen, "a") == T0 + 5_100


def test_silent_drivers_expire_and_recent_ones_stay(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    store = PositionStore(r, p, city="blr")
    for i, received in enumerate([T0, T0 + 10_000, T0 + 20_000, T0 + 29_999]):
        store.update(f"d{i}", 12.97, 77.59 + i / 1000, received, received)
    gone = store.expire_stale(now_ms=T0 + 50_000, max_age_ms=30_000)
    assert sorted(gone) == ["d0", "d1", "d2"]  # cutoff T0 + 20,000 is inclusive
    assert [m.driver_id for m in store.nearby(12.97, 77.59, 5_000, 10)] == ["d3"]
    assert r.hkeys(store.keys.sent) == ["d3"]
    # An expired driver that comes back is accepted again.
    assert store.update("d0", 12.97, 77.59, T0 + 60_000, T0 + 60_000)


def test_expiry_works_in_bounded_batches(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    store = PositionStore(r, p, city="blr")
    for i in range(25):
        store.update(f"d{i:02d}", 12.97, 77.59, T0, T0)
    batches = []
    while gone := store.expire_stale(now_ms=T0 + 60_000, max_age_ms=30_000, limit=10):
        batches.append(len(gone))
    assert batches == [10, 10, 5]
    assert r.zcard(store.keys.available) == 0


def test_going_offline_removes_every_trace_but_history(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    store = PositionStore(r, p, city="blr")
    store.update("a", 12.97, 77.59, T0, T0)
    store.go_offline("a")
    assert store.nearby(12.97, 77.59, 1_000, 5) == []
    assert r.zscore(store.keys.seen, "a") is None
    assert r.hget(store.keys.sent, "a") is None
    assert store.history_length() == 1


def test_history_is_capped_approximately(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    store = PositionStore(r, p, city="blr", history_cap=100)
    for i in range(1_000):
        store.update("a", 12.97, 77.59, T0 + i, T0 + i)
    # MAXLEN ~ trims whole internal nodes (100 entries each by default), so
    # the stream keeps at least the cap and never much more.
    assert 100 <= store.history_length() < 300
    newest = r.xrevrange(store.keys.history, count=1)[0][1]
    assert newest == {"driver": "a", "lat": "12.97", "lon": "77.59", "sent_ms": str(T0 + 999)}


def test_bad_input_writes_nothing(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    store = PositionStore(r, p, city="blr")
    with pytest.raises(ValueError, match="latitude"):
        store.update("a", 91.0, 0.0, T0, T0)
    with pytest.raises(ValueError, match=r"Redis cannot index latitude 86\.0"):
        store.update("a", 86.0, 0.0, T0, T0)  # on the globe, past GEOADD's limit
    assert r.exists(*vars(store.keys).values()) == 0


def test_a_script_that_fails_on_geoadd_has_written_nothing(rp: tuple[redis.Redis, str]) -> None:
    """Past the Python check (called directly), GEOADD is the script's first write."""
    r, p = rp
    store = PositionStore(r, p, city="blr")
    k = store.keys
    with pytest.raises(redis.ResponseError, match="invalid longitude,latitude pair"):
        r.eval(UPDATE, 4, k.available, k.seen, k.sent, k.history, "a", 0.0, 86.0, T0, T0, 10)
    assert r.exists(*vars(k).values()) == 0
    with pytest.raises(ValueError, match="city must be letters and digits"):
        PositionStore(r, p, city="blr}:x")
    with pytest.raises(ValueError, match="history_cap"):
        PositionStore(r, p, city="blr", history_cap=0)
    with pytest.raises(ValueError, match="k must be >= 1"):
        store.nearby(0, 0, 100, 0)
    with pytest.raises(ValueError, match="max_age_ms"):
        store.expire_stale(T0, -1)


def test_all_of_a_citys_keys_share_one_cluster_slot(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    keys = list(vars(PositionStore(r, p, city="blr").keys).values())
    tags = {key[key.index("{") + 1 : key.index("}")] for key in keys}
    assert tags == {"city:blr"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 20)), max_size=30))
def test_acceptance_matches_a_model_of_newest_wins(rp: tuple[redis.Redis, str], updates) -> None:
    r, p = rp
    store = PositionStore(r, p, city=f"m{secrets.token_hex(4)}")  # fresh keys per example
    newest: dict[str, int] = {}
    for i, (driver, sent) in enumerate(updates):
        expected = sent > newest.get(driver, -1)
        assert store.update(driver, 12.97, 77.59 + sent / 1e4, T0 + sent, T0 + i) is expected
        if expected:
            newest[driver] = sent
    assert store.history_length() == sum(
        1 for i, (d, s) in enumerate(updates) if all(s > s2 for d2, s2 in updates[:i] if d2 == d)
    )
    assert {m.driver_id for m in store.nearby(12.97, 77.59, 5_000, 10)} == set(newest)


def test_expiry_accepts_a_batch_larger_than_luas_unpack_limit(rp: tuple[redis.Redis, str]) -> None:
    """unpack() of about 8,000 values fails; the script removes in chunks."""
    r, p = rp
    store = PositionStore(r, p, city="blr")
    k, drivers = store.keys, [f"d{i:05d}" for i in range(9_500)]
    with r.pipeline(transaction=False) as pipe:
        for start in range(0, len(drivers), 1_000):
            batch = drivers[start : start + 1_000]
            pipe.geoadd(k.available, [x for d in batch for x in (77.59, 12.97, d)])
            pipe.zadd(k.seen, dict.fromkeys(batch, T0))
            pipe.hset(k.sent, mapping=dict.fromkeys(batch, T0))
        pipe.execute()
    gone = store.expire_stale(now_ms=T0 + 60_000, max_age_ms=30_000, limit=9_000)
    assert len(gone) == 9_000
    assert (r.zcard(k.available), r.zcard(k.seen), r.hlen(k.sent)) == (500, 500, 500)
    assert len(store.expire_stale(now_ms=T0 + 60_000, max_age_ms=30_000, limit=9_000)) == 500
    assert r.exists(k.available, k.seen, k.sent) == 0


def test_a_timestamp_far_from_the_servers_clock_is_refused(rp: tuple[redis.Redis, str]) -> None:
    """One update from the future would otherwise make every later one look old."""
    r, p = rp
    store = PositionStore(r, p, city="blr")
    assert store.update("a", 12.97, 77.59, T0, T0)
    hour = 3_600_000
    with pytest.raises(ValueError, match="must resync its clock"):
        store.update("a", 12.98, 77.60, T0 + hour, T0 + 4_000)
    with pytest.raises(ValueError, match="must resync its clock"):
        store.update("a", 12.98, 77.60, T0 - hour, T0 + 4_000)
    assert store.history_length() == 1
    # The next honest update is still accepted.
    assert store.update("a", 12.98, 77.60, T0 + 8_000, T0 + 8_100)
    skewed = T0 + 12_000 + MAX_CLOCK_SKEW_MS  # at the bound: accepted
    assert store.update("a", 12.98, 77.60, skewed, T0 + 12_000)
