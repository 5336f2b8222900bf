"""Matching: no driver is ever held by two rides, whatever the threads do; offers time out."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from examples.data.redis.connection import redis_session
from examples.system_design.ride_matching.matching import Answer, Dispatcher
from examples.system_design.ride_matching.positions import PositionStore

T0 = 1_700_000_000_000
CENTER = (12.9716, 77.5946)


@pytest.fixture
def rp(redis_url: str) -> Iterator[tuple[redis.Redis, str]]:
    with redis_session("test_ride_matching", redis_url) as session:
        yield session


def city(r: redis.Redis, p: str, drivers: int) -> PositionStore:
    positions = PositionStore(r, p, city="blr")
    rng = random.Random(drivers)  # noqa: S311 -- repeatable data, not secrets
    for i in range(drivers):
        lat, lon = CENTER[0] + rng.uniform(-0.01, 0.01), CENTER[1] + rng.uniform(-0.01, 0.01)
        positions.update(f"d{i:02d}", lat, lon, T0, T0)
    return positions


def test_fifty_threads_race_for_one_driver_and_one_wins(rp) -> None:
    r, p = rp
    positions = city(r, p, 1)
    threads = 50
    start = threading.Barrier(threads, timeout=10)

    def race(i: int) -> bool:
        dispatcher = Dispatcher(r, p, positions)  # one per dispatcher process
        start.wait()
        return dispatcher.hold("d00", f"ride-{i}")

    with ThreadPoolExecutor(threads) as pool:
        wins = list(pool.map(race, range(threads)))
    assert wins.count(True) == 1


def test_many_riders_few_drivers_no_double_booking(rp) -> None:
    r, p = rp
    drivers, riders = 8, 40
    positions = city(r, p, drivers)
    start = threading.Barrier(riders, timeout=10)
    lock = threading.Lock()
    told_yes: Counter[str] = Counter()

    def ride(i: int) -> tuple[str, str | None]:
        rng = random.Random(i)  # noqa: S311 -- repeatable data, not secrets
        dispatcher = Dispatcher(r, p, positions, candidates=drivers, max_offers=drivers)

        def ask(driver: str, ride_id: str) -> Answer:
            time.sleep(rng.uniform(0, 0.005))  # drivers answer at their own pace
            answer = Answer.ACCEPT if rng.random() < 0.7 else Answer.DECLINE
            if answer is Answer.ACCEPT:
                with lock:
                    told_yes[driver] += 1
            return answer

        start.wait()
        outcome = dispatcher.match(f"ride-{i:02d}", *CENTER, ask)
        return outcome.ride_id, outcome.driver_id

    with ThreadPoolExecutor(riders) as pool:
        results = list(pool.map(ride, range(riders)))
    matched = {ride_id: driver for ride_id, driver in results if driver is not None}
    assert len(set(matched.values())) == len(matched)  # no driver twice
    dispatcher = Dispatcher(r, p, positions)
    for ride_id, driver in matched.items():
        assert dispatcher.trip_of(driver) == ride_id
    # Every accept a driver gave was for a ride that then held them.
    assert all(count == 1 for count in told_yes.values())
    assert len(matched) == len(told_yes)
    # A driver stays free only if every rider who reached them was declined.
    assert len(matched) >= 1


def test_every_driver_is_matched_once_when_all_accept(rp) -> None:
    r, p = rp
    drivers, riders = 6, 30
    positions = city(r, p, drivers)
    start = threading.Barrier(riders, timeout=10)

    def ride(i: int) -> str | None:
        dispatcher = Dispatcher(r, p, positions, candidates=drivers)
        start.wait()
        return dispatcher.match(f"ride-{i}", *CENTER, lambda _d, _r: Answer.ACCEPT).driver_id

    with ThreadPoolExecutor(riders) as pool:
        got = [d for d in pool.map(ride, range(riders)) if d is not None]
    assert sorted(got) == [f"d{i:02d}" for i in range(drivers)]


def test_offers_go_nearest_first_and_stop_after_max_offers(rp) -> None:
    r, p = rp
    positions = PositionStore(r, p, city="blr")
    for i, dlon in enumerate([0.001, 0.002, 0.003, 0.004]):
        positions.update(f"d{i}", CENTER[0], CENTER[1] + dlon, T0, T0)
    dispatcher = Dispatcher(r, p, positions, max_offers=3)
    outcome = dispatcher.match("ride-1", *CENTER, lambda _d, _r: Answer.NO_ANSWER)
    assert outcome.offers == [("d0", Answer.NO_ANSWER), ("d1", Answer.NO_ANSWER), ("d2", Answer.NO_ANSWER)]
    assert outcome.driver_id is None
    # Every hold was released: all four can be held again at once.
    assert all(dispatcher.hold(f"d{i}", "ride-2") for i in range(4))


def test_a_late_accept_loses_to_the_next_ride(rp) -> None:
    r, p = rp
    positions = city(r, p, 1)
    dispatcher = Dispatcher(r, p, positions)
    assert dispatcher.match("ride-1", *CENTER, lambda _d, _r: Answer.NO_ANSWER).driver_id is None
    assert dispatcher.hold("d00", "ride-2")
    assert not dispatcher.confirm("d00", "ride-1")  # the driver's late tap
    assert dispatcher.confirm("d00", "ride-2")
    assert not dispatcher.hold("d00", "ride-3")  # on a trip now
    dispatcher.finish_trip("d00")
    assert dispatcher.hold("d00", "ride-3")


def test_a_hold_nobody_releases_expires(rp) -> None:
    r, p = rp
    positions = city(r, p, 1)
    short = Dispatcher(r, p, positions, offer_ttl_ms=100)
    assert short.hold("d00", "ride-1")
    assert 0 < r.pttl(f"{p}{{driver:d00}}:hold") <= 100
    deadline = time.monotonic() + 5
    while not short.hold("d00", "ride-2"):
        assert time.monotonic() < deadline, "the hold never expired"
        time.sleep(0.01)
    assert not short.release("d00", "ride-1")  # the old ride cannot free the new hold


def test_nobody_nearby_returns_no_driver(rp) -> None:
    r, p = rp
    dispatcher = Dispatcher(r, p, PositionStore(r, p, city="blr"))
    outcome = dispatcher.match("ride-1", *CENTER, lambda _d, _r: Answer.ACCEPT)
    assert outcome.driver_id is None and outcome.offers == []


def test_bad_settings_are_refused(rp) -> None:
    r, p = rp
    with pytest.raises(ValueError, match="must be >= 1"):
        Dispatcher(r, p, PositionStore(r, p, city="blr"), offer_ttl_ms=0)


def test_a_free_driver_behind_ten_busy_ones_is_found(rp) -> None:
    """The GEO set holds busy drivers too: the search must look past the first COUNT."""
    r, p = rp
    positions = PositionStore(r, p, city="blr")
    dispatcher = Dispatcher(r, p, positions, candidates=10)
    for i in range(10):  # the ten nearest, all on trips
        positions.update(f"busy{i}", CENTER[0], CENTER[1] + 0.0001 * (i + 1), T0, T0)
        assert dispatcher.hold(f"busy{i}", f"old-{i}") and dispatcher.confirm(f"busy{i}", f"old-{i}")
    positions.update("free", CENTER[0], CENTER[1] + 0.0092, T0, T0)  # about 1 km east
    outcome = dispatcher.match("ride-1", *CENTER, lambda _d, _r: Answer.ACCEPT)
    assert outcome.driver_id == "free"
    assert outcome.offers == [("free", Answer.ACCEPT)]


def test_an_accept_after_the_hold_expired_is_refused_and_recorded(rp) -> None:
    """The server's TTL is the deadline, not the phone's countdown."""
    r, p = rp
    positions = city(r, p, 1)
    dispatcher = Dispatcher(r, p, positions, offer_ttl_ms=50, max_offers=1)
    hold_key = f"{p}{{driver:d00}}:hold"

    def slow_accept(_driver: str, _ride: str) -> Answer:
        deadline = time.monotonic() + 5
        while r.exists(hold_key):  # the reply arrives after the TTL ran out
            assert time.monotonic() < deadline, "the hold never expired"
            time.sleep(0.01)
        return Answer.ACCEPT

    outcome = dispatcher.match("ride-1", *CENTER, slow_accept)
    assert outcome.offers == [("d00", Answer.ACCEPT)]
    assert outcome.driver_id is None and outcome.late_accepts == ["d00"]
    assert dispatcher.trip_of("d00") is None
    assert dispatcher.hold("d00", "ride-2")  # free for the next ride
