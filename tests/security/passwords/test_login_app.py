"""Attacks on the login service: enumeration, guessing, spraying, upgrades."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher, extract_parameters
from fastapi.testclient import TestClient

from examples.apis.rest.problem_details import PROBLEM_JSON
from examples.machine_coding.clock import ManualClock
from examples.security.passwords.accounts import Accounts, connect
from examples.security.passwords.login_app import create_app
from examples.security.passwords.throttle import LoginThrottle

ADA = {"email": "ada@example.com", "password": "correct horse battery staple"}


class CountingHasher(PasswordHasher):
    """Cheap parameters, and a record of the Argon2 work each request did.

    `hold` keeps each verify busy that long, so racing threads overlap in it;
    `most_at_once` is the highest number of verifies that ran together.
    """

    def __init__(self, memory_cost: int = 64, hold: float = 0.0) -> None:
        super().__init__(memory_cost=memory_cost, time_cost=1, parallelism=1)
        self.verifies = 0
        self.hashes = 0
        self.verified: list[str] = []  # the stored hashes verified against
        self._hold = hold
        self._lock = threading.Lock()
        self._running = 0
        self.most_at_once = 0

    def verify(self, hash, password) -> bool:
        with self._lock:
            self.verifies += 1
            self.verified.append(hash)
            self._running += 1
            self.most_at_once = max(self.most_at_once, self._running)
        try:
            time.sleep(self._hold)  # not timed: only widens the overlap
            return super().verify(hash, password)
        finally:
            with self._lock:
                self._running -= 1

    def hash(self, password, *, salt=None) -> str:
        with self._lock:
            self.hashes += 1
        return super().hash(password, salt=salt)


def parameters(stored_hash: str) -> tuple[int, int, int]:
    found = extract_parameters(stored_hash)
    return found.memory_cost, found.time_cost, found.parallelism


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    conn = connect()
    yield conn
    conn.close()


@pytest.fixture
def hasher() -> CountingHasher:
    return CountingHasher()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def outbox() -> list[tuple[str, str]]:
    return []


@pytest.fixture
def app(connection, hasher, clock, outbox):
    return create_app(
        connection, hasher=hasher, throttle=LoginThrottle(clock), outbox=outbox
    )


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        test_client.post("/register", json=ADA)
        yield test_client


def login(client: TestClient, email: str, password: str):
    return client.post("/login", json={"email": email, "password": password})


def test_the_right_password_logs_in(client: TestClient) -> None:
    response = login(client, "ada@example.com", ADA["password"])
    assert response.status_code == 200
    assert response.json() == {"account_id": 1}


def test_email_case_and_spaces_do_not_matter(client: TestClient) -> None:
    assert login(client, "  ADA@Example.com ", ADA["password"]).status_code == 200


@pytest.mark.parametrize("unknown", ["bob@example.com", "ada@example.org", "a@b.c"])
def test_unknown_email_and_wrong_password_are_byte_identical(client, unknown) -> None:
    wrong = login(client, "ada@example.com", "guess")
    missing = login(client, unknown, "guess")
    assert wrong.status_code == missing.status_code == 401
    assert wrong.headers["content-type"] == PROBLEM_JSON
    assert wrong.headers["www-authenticate"] == 'Session realm="accounts", login="/login"'
    assert wrong.content == missing.content
    assert wrong.headers.multi_items() == missing.headers.multi_items()


def test_unknown_email_costs_one_verify_at_the_current_parameters(
    client, hasher
) -> None:
    work = {}
    for email in ["ada@example.com", "nobody@example.com"]:
        before = len(hasher.verified)
        login(client, email, "guess")
        work[email] = [parameters(h) for h in hasher.verified[before:]]
    current = (hasher.memory_cost, hasher.time_cost, hasher.parallelism)
    # One verify each, against a hash with the same (current) parameters: the
    # same Argon2 work, which is what makes the timing the same.
    assert work == {"ada@example.com": [current], "nobody@example.com": [current]}


def test_the_dummy_hash_uses_the_current_parameters() -> None:
    hasher = CountingHasher(memory_cost=128)
    with connect() as conn, TestClient(create_app(conn, hasher=hasher)) as client:
        assert hasher.hashes == 1  # made once, at start-up, not per request
        login(client, "nobody@example.com", "guess")
        login(client, "nobody2@example.com", "guess")
    assert [parameters(h) for h in hasher.verified] == [(128, 1, 1)] * 2
    assert hasher.hashes == 1


def test_brute_force_on_one_account_hits_the_backoff(client, hasher, clock) -> None:
    statuses = [
        login(client, "ada@example.com", f"guess{n}").status_code for n in range(6)
    ]
    assert statuses == [401, 401, 401, 429, 429, 429]
    assert hasher.verifies == 3  # a throttled attempt does no Argon2 work
    refused = login(client, "ada@example.com", ADA["password"])
    assert refused.status_code == 429 and refused.headers["retry-after"] == "1"
    clock.advance(1)
    assert login(client, "ada@example.com", ADA["password"]).status_code == 200


def test_unknown_accounts_are_throttled_the_same_way(client) -> None:
    known = [login(client, "ada@example.com", "x").status_code for _ in range(4)]
    unknown = [login(client, "ghost@example.com", "x").status_code for _ in range(4)]
    assert known == unknown == [401, 401, 401, 429]


def race(app, attempts: list[dict], client=("198.51.100.7", 4000)) -> list[int]:
    """Send every login body at once, from its own thread; the statuses."""
    barrier = threading.Barrier(len(attempts))
    statuses: list[int] = []

    def send(body: dict) -> None:
        with TestClient(app, client=client) as racer:
            barrier.wait()
            statuses.append(racer.post("/login", json=body).status_code)

    threads = [threading.Thread(target=send, args=(body,)) for body in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(statuses) == len(attempts)
    return statuses


def test_simultaneous_guesses_at_one_account_get_no_more_tries(
    connection, clock
) -> None:
    hasher = CountingHasher(hold=0.05)
    app = create_app(connection, hasher=hasher, throttle=LoginThrottle(clock))
    with TestClient(app) as client:
        client.post("/register", json=ADA)
    guesses = [{"email": ADA["email"], "password": f"guess{n}"} for n in range(24)]
    statuses = race(app, guesses)
    # The same as 24 guesses in a row: three free failures, then the backoff.
    assert sorted(statuses) == [401] * 3 + [429] * 21
    assert hasher.verifies == 3


def test_at_most_hash_slots_argon2_computations_run_at_once(connection, clock) -> None:
    hasher = CountingHasher(hold=0.05)
    app = create_app(
        connection, hasher=hasher, throttle=LoginThrottle(clock), hash_slots=2
    )
    bodies = [{"email": f"user{n}@example.com", "password": "x"} for n in range(8)]
    assert sorted(race(app, bodies)) == [401] * 8
    assert hasher.verifies == 8 and hasher.most_at_once <= 2


def test_spraying_from_one_ipv6_slash_64_is_throttled(app) -> None:
    statuses = []
    for n in range(21):  # a fresh address in one /64 for every guess
        with TestClient(app, client=(f"2001:db8:1:2::{n + 1:x}", 4000)) as attacker:
            statuses.append(login(attacker, f"user{n}@example.com", "x").status_code)
    assert statuses == [401] * 20 + [429]
    with TestClient(app, client=("2001:db8:1:3::1", 4000)) as next_network:
        assert login(next_network, "user0@example.com", "x").status_code == 401


def test_an_ipv4_mapped_address_counts_as_its_ipv4_address(app) -> None:
    for n in range(20):
        host = "198.51.100.7" if n % 2 else "::ffff:198.51.100.7"
        with TestClient(app, client=(host, 4000)) as attacker:
            assert login(attacker, f"user{n}@example.com", "x").status_code == 401
    with TestClient(app, client=("198.51.100.7", 4000)) as attacker:
        assert login(attacker, "user99@example.com", "x").status_code == 429


def test_spraying_from_one_ip_is_throttled_but_other_ips_are_not(app) -> None:
    with TestClient(app, client=("198.51.100.7", 4000)) as attacker:
        statuses = [
            login(attacker, f"user{n}@example.com", "x").status_code for n in range(21)
        ]
    assert statuses[:20] == [401] * 20 and statuses[20] == 429
    with TestClient(app, client=("203.0.113.9", 4000)) as someone_else:
        assert login(someone_else, "user0@example.com", "x").status_code == 401


def test_a_login_upgrades_an_old_hash(client, connection, hasher) -> None:
    accounts = Accounts(connection)
    old = PasswordHasher(memory_cost=32, time_cost=1, parallelism=1)
    accounts.create("grace@example.com", old.hash("cobol"))
    assert login(client, "grace@example.com", "wrong").status_code == 401
    assert (
        extract_parameters(accounts.find("grace@example.com").password_hash).memory_cost
        == 32
    )
    assert login(client, "grace@example.com", "cobol").status_code == 200
    assert (
        extract_parameters(accounts.find("grace@example.com").password_hash).memory_cost
        == 64
    )
    assert login(client, "grace@example.com", "cobol").status_code == 200


def test_registering_a_taken_email_looks_the_same_and_does_the_same_work(
    client, hasher, outbox
) -> None:
    responses, work = [], []
    for email in ["ada@example.com", "new@example.com"]:
        before = hasher.hashes
        responses.append(
            client.post("/register", json={"email": email, "password": "p" * 10})
        )
        work.append(hasher.hashes - before)
    assert responses[0].status_code == responses[1].status_code == 202
    assert responses[0].content == responses[1].content
    assert work == [1, 1]
    assert outbox[-2:] == [
        ("ada@example.com", "already-registered"),
        ("new@example.com", "confirm-address"),
    ]
    # The taken address kept its original password.
    assert login(client, "ada@example.com", ADA["password"]).status_code == 200


def test_password_reset_does_not_say_whether_the_account_exists(client, outbox) -> None:
    known = client.post("/password-reset", json={"email": "ada@example.com"})
    unknown = client.post("/password-reset", json={"email": "ghost@example.com"})
    assert known.status_code == unknown.status_code == 202
    assert known.content == unknown.content
    assert outbox[-1] == ("ada@example.com", "reset-link")
    assert ("ghost@example.com", "reset-link") not in outbox


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/login", {"email": "ada@example.com"}),
        ("/login", {"email": "ada@example.com", "password": ""}),
        ("/login", {"email": "ada@example.com", "password": "x" * 1025}),
        ("/login", {"email": "ada@example.com", "password": "x", "admin": True}),
        ("/register", {"email": "eve@example.com", "password": "short"}),
        ("/password-reset", {"email": ""}),
    ],
)
def test_bad_input_is_a_422_problem_and_costs_no_hashing(
    client, hasher, path, body
) -> None:
    before = (hasher.hashes, hasher.verifies)
    response = client.post(path, json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    assert (hasher.hashes, hasher.verifies) == before


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", "email=ada%40example.com&password=x"),
        ("text/plain", '{"email": "ada@example.com", "password": "x"}'),
        ("multipart/form-data; boundary=b", "--b--"),
    ],
)
def test_a_cross_site_form_cannot_log_anyone_in(
    client, hasher, content_type, body
) -> None:
    # Login CSRF: a plain HTML form can send only these content types, never
    # application/json, so a forged form post is a 422 before any hashing.
    before = hasher.verifies
    response = client.post(
        "/login", content=body, headers={"content-type": content_type}
    )
    assert response.status_code == 422
    assert hasher.verifies == before
