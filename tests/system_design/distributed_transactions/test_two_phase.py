"""Two-phase commit on the scratch primary: votes, crashes at every stage, recovery, races, bad input."""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from examples.system_design.distributed_transactions.bank import (
    Cluster,
    balances,
    connect,
    create_accounts,
    prepared_branches,
    roll_back_leftovers,
    scratch_databases,
)
from examples.system_design.distributed_transactions.crash import coordinator_process
from examples.system_design.distributed_transactions.two_phase import (
    FORMAT_ID,
    Decision,
    DecisionLog,
    TransferCoordinator,
    recover,
)
from tests.support.servers import require_server

OPENING = {"bank_a": {"alice": 10_000, "carol": 0}, "bank_b": {"bob": 0, "dave": 500}}
TOTAL = 10_500


class Crash(BaseException):
    """The coordinator dies here: nothing in it catches a BaseException."""


@pytest.fixture(scope="module")
def databases() -> Iterator[dict[str, str]]:
    require_server("postgres-pair")
    with scratch_databases(list(OPENING)) as dsns:
        for dsn in dsns.values():
            create_accounts(dsn, {})
        yield dsns


@pytest.fixture
def cluster(postgres_pair: tuple[str, str], databases: dict[str, str], tmp_path: Path) -> Iterator[Cluster]:
    for name, dsn in databases.items():
        roll_back_leftovers(dsn)
        with connect(dsn) as conn, conn.transaction():
            conn.execute("TRUNCATE accounts")
            for account, cents in OPENING[name].items():
                conn.execute("INSERT INTO accounts VALUES (%s, %s)", (account, cents))
    yield Cluster(dict(databases), tmp_path / "decisions.sqlite3")
    for dsn in databases.values():
        roll_back_leftovers(dsn)


def coordinator(cluster: Cluster, hook=None) -> TransferCoordinator:
    return TransferCoordinator(cluster.participants, cluster.log_path, hook=hook)


def alice_to_bob(tc: TransferCoordinator, transfer_id: str = "t-1", cents: int = 2_500):
    return tc.transfer(transfer_id, ("bank_a", "alice"), ("bank_b", "bob"), cents)


def crash_at(stage: str):
    def hook(reached: str) -> None:
        if reached == stage:
            raise Crash(stage)

    return hook


def row_is_free(dsn: str, account: str) -> bool:
    with connect(dsn) as conn:
        conn.execute("SET lock_timeout = '100ms'")
        try:
            with conn.transaction():
                conn.execute("SELECT 1 FROM accounts WHERE id = %s FOR UPDATE", (account,))
        except psycopg.errors.LockNotAvailable:
            return False
    return True


def recover_all(cluster: Cluster, older_than: timedelta = timedelta(0)) -> list[tuple[str, str, Decision]]:
    with DecisionLog(cluster.log_path) as log:
        done = recover(cluster.participants, log, older_than=older_than)
        return sorted((r.participant, r.transfer_id, r.decision) for r in done)


MOVED = {"bank_a/alice": 7_500, "bank_a/carol": 0, "bank_b/bob": 2_500, "bank_b/dave": 500}
UNMOVED = {"bank_a/alice": 10_000, "bank_a/carol": 0, "bank_b/bob": 0, "bank_b/dave": 500}


def test_a_transfer_commits_on_both_participants(cluster: Cluster) -> None:
    with coordinator(cluster) as tc:
        outcome = alice_to_bob(tc)
    assert (outcome.decision, outcome.reason, outcome.unfinished) == (Decision.COMMIT, None, ())
    assert balances(cluster) == MOVED
    assert prepared_branches(cluster) == []
    with DecisionLog(cluster.log_path) as log:
        assert log.lookup("t-1") is Decision.COMMIT


def test_phase_one_prepares_both_and_readers_see_the_old_balances(cluster: Cluster) -> None:
    seen = {}

    def hook(stage: str) -> None:
        if stage == "prepared":
            seen.update(prepared=prepared_branches(cluster), balances=balances(cluster))

    with coordinator(cluster, hook) as tc:
        alice_to_bob(tc)
    assert seen == {"prepared": [("bank_a", "t-1"), ("bank_b", "t-1")], "balances": UNMOVED}


def test_a_no_vote_rolls_back_the_participant_that_voted_yes(cluster: Cluster) -> None:
    with coordinator(cluster) as tc:
        outcome = tc.transfer("t-1", ("bank_a", "alice"), ("bank_b", "nobody"), 1_000)
    assert outcome.decision is Decision.ABORT
    assert outcome.reason == "bank_b: no account 'nobody'"
    assert balances(cluster) == UNMOVED
    assert prepared_branches(cluster) == []
    assert row_is_free(cluster.participants["bank_a"], "alice")


def test_a_debit_that_fails_the_check_votes_no(cluster: Cluster) -> None:
    with coordinator(cluster) as tc:
        outcome = tc.transfer("t-1", ("bank_b", "dave"), ("bank_a", "carol"), 501)
        assert (outcome.decision, outcome.reason) == (Decision.ABORT, "bank_b: insufficient funds")
        # The coordinator's connection is usable again for the next transfer.
        assert tc.transfer("t-2", ("bank_b", "dave"), ("bank_a", "carol"), 500).decision is Decision.COMMIT
    assert balances(cluster)["bank_a/carol"] == 500
    with DecisionLog(cluster.log_path) as log:
        assert log.lookup("t-1") is None  # presumed abort: an abort is not logged


def test_a_participant_that_cannot_get_the_lock_in_time_votes_no(cluster: Cluster) -> None:
    with connect(cluster.participants["bank_b"], autocommit=False) as holder:
        holder.execute("SELECT 1 FROM accounts WHERE id = 'bob' FOR UPDATE")
        with coordinator(cluster) as tc:
            outcome = alice_to_bob(tc)
        holder.rollback()
    assert outcome.decision is Decision.ABORT
    assert outcome.reason is not None and outcome.reason.startswith("bank_b: LockNotAvailable")
    assert balances(cluster) == UNMOVED
    assert prepared_branches(cluster) == []


@pytest.mark.parametrize(
    ("stage", "left_prepared", "decision", "after"),
    [
        ("prepared", ["bank_a", "bank_b"], Decision.ABORT, UNMOVED),
        ("decided", ["bank_a", "bank_b"], Decision.COMMIT, MOVED),
        ("finished:bank_a", ["bank_b"], Decision.COMMIT, MOVED),
    ],
)
def test_a_crash_at_each_stage_is_finished_by_recovery(
    cluster: Cluster, stage: str, left_prepared: list[str], decision: Decision, after: dict[str, int]
) -> None:
    with coordinator(cluster, crash_at(stage)) as tc, pytest.raises(Crash):
        alice_to_bob(tc)
    assert prepared_branches(cluster) == [(name, "t-1") for name in left_prepared]
    assert not row_is_free(cluster.participants[left_prepared[0]], "alice" if left_prepared[0] == "bank_a" else "bob")

    assert recover_all(cluster) == [(name, "t-1", decision) for name in left_prepared]
    assert balances(cluster) == after
    assert sum(after.values()) == TOTAL
    assert prepared_branches(cluster) == []
    assert row_is_free(cluster.participants["bank_a"], "alice")
    assert row_is_free(cluster.participants["bank_b"], "bob")
    assert recover_all(cluster) == []  # nothing left: running it again does nothing


def test_recovery_that_beats_a_slow_coordinator_aborts_and_the_coordinator_obeys(cluster: Cluster) -> None:
    def hook(stage: str) -> None:
        if stage == "prepared":  # the coordinator stalls before logging its decision
            assert [d for _, _, d in recover_all(cluster)] == [Decision.ABORT, Decision.ABORT]

    with coordinator(cluster, hook) as tc:
        outcome = alice_to_bob(tc)
    assert (outcome.decision, outcome.reason) == (Decision.ABORT, "recovery aborted it first")
    assert balances(cluster) == UNMOVED
    assert prepared_branches(cluster) == []


def test_recovery_during_phase_two_commits_and_the_coordinator_finishes_cleanly(cluster: Cluster) -> None:
    def hook(stage: str) -> None:
        if stage == "decided":
            assert [d for _, _, d in recover_all(cluster)] == [Decision.COMMIT, Decision.COMMIT]

    with coordinator(cluster, hook) as tc:
        outcome = alice_to_bob(tc)
    assert (outcome.decision, outcome.unfinished) == (Decision.COMMIT, ())
    assert balances(cluster) == MOVED


def test_recovery_on_a_timer_leaves_young_branches_to_their_coordinator(cluster: Cluster) -> None:
    with coordinator(cluster, crash_at("prepared")) as tc, pytest.raises(Crash):
        alice_to_bob(tc)
    assert recover_all(cluster, older_than=timedelta(hours=1)) == []
    assert prepared_branches(cluster) == [("bank_a", "t-1"), ("bank_b", "t-1")]
    with DecisionLog(cluster.log_path) as log:
        assert log.lookup("t-1") is None  # not even an abort was logged
    assert recover_all(cluster) == [("bank_a", "t-1", Decision.ABORT), ("bank_b", "t-1", Decision.ABORT)]


def test_a_branch_the_coordinator_cannot_roll_back_after_a_no_vote_is_left_to_recovery(cluster: Cluster) -> None:
    """bank_a prepares; while bank_b waits for a lock, bank_a's session is cut; bank_b votes no."""
    bank_a, bank_b = cluster.participants["bank_a"], cluster.participants["bank_b"]
    with connect(bank_b, autocommit=False) as holder, connect(bank_a) as admin:
        holder.execute("SELECT 1 FROM accounts WHERE id = 'bob' FOR UPDATE")

        def cut_bank_a_once_bank_b_waits() -> None:
            with connect(bank_b) as watcher:
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    waiting = watcher.execute(
                        "SELECT count(*) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    ).fetchone()[0]
                    if waiting:
                        break
                    time.sleep(0.05)
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )

        cutter = threading.Thread(target=cut_bank_a_once_bank_b_waits)
        cutter.start()
        with coordinator(cluster) as tc:
            outcome = alice_to_bob(tc)
        cutter.join(timeout=15)
        holder.rollback()
    assert outcome.decision is Decision.ABORT
    assert outcome.reason is not None and outcome.reason.startswith("bank_b: LockNotAvailable")
    assert outcome.unfinished == ("bank_a",)
    assert prepared_branches(cluster) == [("bank_a", "t-1")]
    assert recover_all(cluster) == [("bank_a", "t-1", Decision.ABORT)]  # presumed abort
    assert balances(cluster) == UNMOVED


def test_recovery_leaves_other_databases_and_other_coordinators_alone(cluster: Cluster) -> None:
    bank_a = cluster.participants["bank_a"]
    primary = psycopg.conninfo.make_conninfo(bank_a, dbname="postgres")
    foreign_xid = f"{FORMAT_ID}_dC05_YmFua19h"  # our format id, but prepared in another database
    with connect(bank_a) as conn, connect(primary) as elsewhere:
        conn.execute("BEGIN")
        conn.execute("UPDATE accounts SET balance_cents = 1 WHERE id = 'carol'")
        conn.execute("PREPARE TRANSACTION 'another-tool-42'")
        elsewhere.execute("BEGIN")
        elsewhere.execute(sql.SQL("PREPARE TRANSACTION {}").format(sql.Literal(foreign_xid)))
        try:
            assert recover_all(cluster) == []
            assert prepared_branches(cluster) == [("bank_a", "another-tool-42")]
        finally:
            conn.execute("ROLLBACK PREPARED 'another-tool-42'")
            elsewhere.execute(sql.SQL("ROLLBACK PREPARED {}").format(sql.Literal(foreign_xid)))


def test_the_longest_ids_fit_in_a_postgresql_transaction_id(cluster: Cluster) -> None:
    longest = "é" * 32  # 64 bytes in UTF-8, the XA limit: 88 characters once base64-encoded
    with coordinator(cluster) as tc:
        assert alice_to_bob(tc, longest).decision is Decision.COMMIT
    assert balances(cluster) == MOVED


def test_a_transfer_id_is_single_use(cluster: Cluster) -> None:
    with coordinator(cluster) as tc:
        alice_to_bob(tc)
        again = alice_to_bob(tc)
    assert (again.decision, again.reason) == (Decision.COMMIT, "already decided")
    assert balances(cluster) == MOVED


def test_concurrent_transfers_from_one_account_never_overdraw_it(cluster: Cluster) -> None:
    outcomes = []
    barrier = threading.Barrier(4)

    def send(n: int) -> None:
        with coordinator(cluster) as tc:
            barrier.wait(timeout=10)
            outcomes.append(alice_to_bob(tc, f"t-{n}", 4_000).decision)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == [Decision.ABORT, Decision.ABORT, Decision.COMMIT, Decision.COMMIT]
    found = balances(cluster)
    assert (found["bank_a/alice"], found["bank_b/bob"]) == (2_000, 8_000)
    assert prepared_branches(cluster) == []


def test_a_coordinator_killed_by_sigkill_mid_phase_two_is_finished_by_recovery(cluster: Cluster) -> None:
    transfer = ("t-9", ("bank_a", "alice"), ("bank_b", "bob"), 2_500)
    with coordinator_process(cluster, *transfer, stop_at="finished:bank_a") as child:
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    # bank_a committed, bank_b is still prepared and holds bob's row.
    assert balances(cluster)["bank_a/alice"] == 7_500
    assert balances(cluster)["bank_b/bob"] == 0
    assert prepared_branches(cluster) == [("bank_b", "t-9")]
    assert not row_is_free(cluster.participants["bank_b"], "bob")
    assert recover_all(cluster) == [("bank_b", "t-9", Decision.COMMIT)]
    assert balances(cluster) == MOVED


PARTICIPANTS = {"bank_a": "postgresql://unused/a", "bank_b": "postgresql://unused/b"}


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("t", ("bank_a", "x"), ("bank_b", "y"), 0), ValueError, "must be positive"),
        (("t", ("bank_a", "x"), ("bank_b", "y"), -5), ValueError, "must be positive"),
        (("t", ("bank_a", "x"), ("bank_b", "y"), 1.5), TypeError, "must be an int, got float"),
        (("t", ("bank_a", "x"), ("bank_b", "y"), True), TypeError, "must be an int, got bool"),
        (("t", ("bank_z", "x"), ("bank_b", "y"), 5), ValueError, "'bank_z' is unknown; known: bank_a, bank_b"),
        (("t", ("bank_a", "x"), ("bank_a", "y"), 5), ValueError, "use one local transaction"),
        (("t", "bank_a/x", ("bank_b", "y"), 5), TypeError, re.escape("source must be a (participant, account) tuple")),
        (("", ("bank_a", "x"), ("bank_b", "y"), 5), ValueError, "transfer_id must be 1 to 64 bytes in UTF-8"),
        (("t" * 65, ("bank_a", "x"), ("bank_b", "y"), 5), ValueError, "got 65"),
        (("é" * 33, ("bank_a", "x"), ("bank_b", "y"), 5), ValueError, "got 66"),  # 33 characters, 66 bytes
        ((7, ("bank_a", "x"), ("bank_b", "y"), 5), TypeError, "transfer_id must be a str, got int"),
    ],
)
def test_bad_transfers_are_refused_before_any_connection(
    tmp_path: Path, args: tuple, error: type[Exception], message: str
) -> None:
    with TransferCoordinator(PARTICIPANTS, tmp_path / "log.sqlite3") as tc, pytest.raises(error, match=message):
        tc.transfer(*args)


def test_a_coordinator_needs_two_participants(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least two participants"):
        TransferCoordinator({"bank_a": "postgresql://unused/a"}, tmp_path / "log.sqlite3")
    with pytest.raises(ValueError, match="participant name must be 1 to 64 bytes"):
        TransferCoordinator({"": "x", "b": "y"}, tmp_path / "log.sqlite3")


def test_the_decision_log_keeps_the_first_decision(tmp_path: Path) -> None:
    with DecisionLog(tmp_path / "log.sqlite3") as log:
        assert log.synchronous == 3  # EXTRA: the directory is synced after each commit too
        assert log.lookup("t-1") is None
        assert log.record("t-1", Decision.ABORT) is Decision.ABORT
        assert log.record("t-1", Decision.COMMIT) is Decision.ABORT
    with DecisionLog(tmp_path / "log.sqlite3") as reopened:  # it is on disk
        assert reopened.lookup("t-1") is Decision.ABORT


def test_scratch_databases_wants_distinct_identifiers() -> None:
    with pytest.raises(ValueError, match="distinct identifiers"), scratch_databases(["a", "a"], "postgresql://unused"):
        pass
