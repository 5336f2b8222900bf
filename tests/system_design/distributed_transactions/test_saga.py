"""The order saga: all steps done or all done steps undone, through failures, crashes and duplicates."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.system_design.distributed_transactions.orders import (
    Inventory,
    Order,
    Payments,
    Shipping,
    Shop,
)
from examples.system_design.distributed_transactions.saga import (
    Orchestrator,
    SagaResult,
    SagaStuck,
    Step,
    StepFailed,
    TransientError,
)

STOCK, LIMIT = 10, 10_000
STEPS = ["reserve_inventory", "charge_payment", "schedule_shipping"]
POINTS = [f"{when} {step}" for step in STEPS for when in ("before", "after", "before undo", "after undo")]
# The order that fails at each step (None: the one that goes through).
ORDERS = {
    None: Order("o-1", "ana", "lamp", 2, 5_000, "US"),
    "reserve_inventory": Order("o-1", "ana", "lamp", STOCK + 1, 5_000, "US"),
    "charge_payment": Order("o-1", "ana", "lamp", 2, LIMIT + 1, "US"),
    "schedule_shipping": Order("o-1", "ana", "lamp", 2, 5_000, "AQ"),
}
CLASSES = {"inventory": Inventory, "payments": Payments, "shipping": Shipping}
CALLS = {"inventory": ("reserve", "release"), "payments": ("charge", "refund"), "shipping": ("schedule", "cancel")}
# The properties are about the order of effects, not disk syncs, and SQLite
# syncs every commit: put the (private, random-named) directories on tmpfs.
SHM = Path("/dev/shm")  # noqa: S108 - only a parent for TemporaryDirectory
ScratchDir = Callable[[], AbstractContextManager[Path]]


class Crash(BaseException):
    """The orchestrator's process dies here."""


def tmpfs_or(fallback: Path, tmpfs: Path = SHM) -> Path:
    """`tmpfs` if this machine has it and we may write there, else `fallback`."""
    return tmpfs if tmpfs.is_dir() and os.access(tmpfs, os.W_OK | os.X_OK) else fallback


@pytest.fixture(scope="module")
def scratch_dir(tmp_path_factory: pytest.TempPathFactory) -> ScratchDir:
    """Makes a fresh directory per use (per hypothesis example too), removed after it."""
    parent = tmpfs_or(tmp_path_factory.mktemp("saga"))

    @contextmanager
    def fresh() -> Iterator[Path]:
        with tempfile.TemporaryDirectory(dir=parent, prefix="saga-test-") as directory:
            yield Path(directory)

    return fresh


def payments_down(*args: object) -> None:
    raise TransientError("payments is down")


def stocked(directory: Path, hook: Callable[[str, str], None] | None = None) -> Shop:
    shop = Shop(directory, hook=hook)
    shop.inventory.add_stock("lamp", STOCK)
    shop.payments.add_card("ana", LIMIT)
    return shop


class Network:
    """Delivers the orchestrator's calls as a message bus may: twice, late, or with the reply lost.

    `fate()` picks what happens to each call. At most LOSSES calls go wrong in
    total, so every saga ends; until then the orchestrator may give up on a step
    (it then compensates it too) or get stuck on a compensation (then resumed).
    """

    FATES = ("delivered", "twice", "reply lost", "late")
    LOSSES = 6

    def __init__(self, fate: Callable[[], str]) -> None:
        self._fate = fate
        self._losses = 0
        self.sent: list[tuple[str, str, tuple]] = []
        self.late: list[tuple[str, str, tuple]] = []

    def wire(self, shop: Shop) -> Shop:
        for service, methods in CALLS.items():
            target = getattr(shop, service)
            for method in methods:
                setattr(target, method, self._deliver(service, method, getattr(target, method)))
        return shop

    def _deliver(self, service: str, method: str, real: Callable[..., None]) -> Callable[..., None]:
        def deliver(*args: object) -> None:
            self.sent.append((service, method, args))
            fate = self._fate()
            if fate in ("reply lost", "late"):
                if self._losses == self.LOSSES:
                    fate = "delivered"
                else:
                    self._losses += 1
            if fate == "late":  # stuck in a queue: it arrives after the saga is over
                self.late.append((service, method, args))
                raise TransientError("no answer")
            refusal = None
            try:
                real(*args)
            except StepFailed as error:
                refusal = error
            if fate == "twice":
                with suppress(StepFailed):
                    real(*args)
            if fate == "reply lost":  # done, but the answer never arrives
                raise TransientError("reply lost")
            if refusal is not None:
                raise refusal

        return deliver

    def deliver_late(self, shop: Shop) -> None:
        """The calls that were stuck in a queue arrive, straight at the services."""
        self._send(shop, self.late)

    def replay(self, shop: Shop) -> None:
        """Every call once more."""
        self._send(shop, self.sent)

    @staticmethod
    def _send(shop: Shop, calls: list[tuple[str, str, tuple]]) -> None:
        for service, method, args in calls:
            with suppress(StepFailed):
                getattr(CLASSES[service], method)(getattr(shop, service), *args)


def run(
    directory: Path, order: Order, network: Network | None, crash_point: str | None
) -> tuple[Shop, SagaResult, bool]:
    """Place the order, crashing once at `crash_point`; a restarted shop resumes it.

    A saga stuck on a compensation is resumed again, as an operator or a
    periodic job would.
    """
    crashed = []

    def hook(saga_id: str, point: str) -> None:
        if point == crash_point and not crashed:
            crashed.append(point)
            raise Crash(point)

    shop = stocked(directory, hook)
    if network:
        network.wire(shop)
    for round_ in range(Network.LOSSES + 2):
        try:
            results = [shop.place(order)] if round_ == 0 else shop.orchestrator.resume_all()
        except SagaStuck:
            continue
        except Crash:
            shop.close()
            shop = Shop(directory)  # a new process, on the same files
            if network:
                network.wire(shop)
            continue
        assert [r.saga_id for r in results] == [order.order_id]
        if results[0].state == "compensating":  # a compensation still fails: resume again
            continue
        return shop, results[0], bool(crashed)
    raise AssertionError("the saga never finished")


def snapshot(shop: Shop, order: Order) -> tuple:
    oid = order.order_id
    return (
        shop.inventory.available(order.sku),
        shop.inventory.reservation(oid),
        shop.payments.charge_status(oid),
        shop.payments.charged_cents(order.customer),
        tuple(shop.payments.emails(order.customer)),
        shop.shipping.status(oid),
    )


def assert_all_or_nothing(shop: Shop, order: Order, result: SagaResult) -> None:
    available, reservation, charge, charged, emails, shipment = snapshot(shop, order)
    received, refunded = f"Payment received for {order.order_id}", f"Refund issued for {order.order_id}"
    if result.state == "completed":
        assert result.order_status == "CONFIRMED"
        assert (reservation, charge, shipment) == ("reserved", "charged", "scheduled")
        assert (available, charged, emails) == (STOCK - order.quantity, order.amount_cents, (received,))
    else:
        assert (result.state, result.order_status) == ("aborted", "CANCELED")
        assert reservation != "reserved" and charge != "charged" and shipment != "scheduled"
        assert (available, charged) == (STOCK, 0)
        assert emails in ((), (received, refunded))


def reached(failing: str | None, point: str) -> bool:
    """Whether a run of ORDERS[failing] passes `point`."""
    when, step = point.rsplit(" ", 1)
    index, stop = STEPS.index(step), (STEPS.index(failing) if failing else len(STEPS))
    if when == "before":
        return index <= stop
    if when == "after":
        return index < stop
    return failing is not None and index < stop  # undone: the steps before the failing one


@pytest.mark.parametrize("failing", list(ORDERS))
def test_without_crashes_the_saga_completes_or_compensates(failing: str | None, scratch_dir: ScratchDir) -> None:
    with scratch_dir() as directory:
        shop, result, _ = run(directory, ORDERS[failing], None, None)
        assert result.state == ("completed" if failing is None else "aborted")
        if failing:
            assert result.failure is not None and result.failure.startswith(f"{failing} failed:")
        assert_all_or_nothing(shop, ORDERS[failing], result)
        undone = [e.removesuffix(" undone") for e in shop.orchestrator.events("o-1") if e.endswith(" undone")]
        assert undone == list(reversed(STEPS[: STEPS.index(failing)])) if failing else undone == []
        shop.close()


@pytest.mark.parametrize("point", POINTS)
@pytest.mark.parametrize("failing", list(ORDERS))
def test_a_crash_at_every_point_resumes_to_the_same_end(
    failing: str | None, point: str, scratch_dir: ScratchDir
) -> None:
    with scratch_dir() as directory:
        shop, result, crashed = run(directory, ORDERS[failing], None, point)
        assert crashed == reached(failing, point)
        assert result.state == ("completed" if failing is None else "aborted")
        assert_all_or_nothing(shop, ORDERS[failing], result)
        if crashed:
            assert "resumed" in shop.orchestrator.events("o-1")
        shop.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    failing=st.sampled_from(list(ORDERS)),
    crash_point=st.none() | st.sampled_from(POINTS),
    data=st.data(),
)
def test_any_failure_crash_and_unreliable_delivery_ends_all_or_nothing(
    scratch_dir: ScratchDir, failing: str | None, crash_point: str | None, data: st.DataObject
) -> None:
    network = Network(lambda: data.draw(st.sampled_from(Network.FATES)))
    order = ORDERS[failing]
    with scratch_dir() as directory:
        shop, result, _ = run(directory, order, network, crash_point)
        gave_up = result.failure is not None and result.failure.endswith("gave up: no answer")
        assert result.state == ("completed" if failing is None and not gave_up else "aborted")
        assert_all_or_nothing(shop, order, result)
        # The world moves on (a restock), then the stuck and duplicate calls arrive.
        shop.inventory.add_stock("lamp", 100)
        before = snapshot(shop, order)
        network.deliver_late(shop)
        network.replay(shop)
        assert snapshot(shop, order) == before
        shop.close()


def test_a_reader_sees_the_pending_reservation_of_a_saga_that_then_aborts(scratch_dir: ScratchDir) -> None:
    seen = []
    with scratch_dir() as directory:

        def reader(saga_id: str, point: str) -> None:
            if point == "before charge_payment":
                seen.append((shop.inventory.available("lamp"), shop.orchestrator.result(saga_id).order_status))

        shop = stocked(directory, reader)
        result = shop.place(ORDERS["charge_payment"])
        assert seen == [(STOCK - 2, "PENDING")]  # a state that never completed
        assert (result.order_status, shop.inventory.available("lamp")) == ("CANCELED", STOCK)
        shop.close()


def test_a_step_that_never_answers_is_compensated_too(scratch_dir: ScratchDir) -> None:
    with scratch_dir() as directory:
        shop = stocked(directory)
        real = shop.inventory.reserve

        def reserve_then_lose_the_reply(*args: object) -> None:
            real(*args)
            raise TransientError("timeout")

        shop.inventory.reserve = reserve_then_lose_the_reply
        result = shop.place(ORDERS[None])
        assert (result.state, result.failure) == ("aborted", "reserve_inventory gave up: no answer")
        assert shop.inventory.reservation("o-1") == "released"
        assert shop.inventory.available("lamp") == STOCK
        shop.close()


def test_a_compensation_that_keeps_failing_leaves_the_saga_for_the_next_resume(scratch_dir: ScratchDir) -> None:
    with scratch_dir() as directory:
        shop = stocked(directory)
        shop.payments.refund = payments_down
        with pytest.raises(SagaStuck, match="undo charge_payment failed"):
            shop.place(ORDERS["schedule_shipping"])
        stuck = shop.orchestrator.result("o-1")
        assert (stuck.state, stuck.order_status) == ("compensating", "PENDING")
        assert shop.orchestrator.events("o-1")[-1] == "undo charge_payment failed: payments is down"
        assert shop.payments.charge_status("o-1") == "charged"  # money owed, and the log says so
        # Still down at the next resume: retried, still stuck, nothing else undone.
        assert [r.state for r in shop.orchestrator.resume_all()] == ["compensating"]
        assert shop.inventory.reservation("o-1") == "reserved"
        shop.close()

        restarted = Shop(directory)
        [result] = restarted.orchestrator.resume_all()
        assert_all_or_nothing(restarted, ORDERS["schedule_shipping"], result)
        restarted.close()


def test_a_refused_compensation_also_leaves_the_saga_compensating(scratch_dir: ScratchDir) -> None:
    with scratch_dir() as directory:
        shop = stocked(directory)

        def refund_refused(*args: object) -> None:
            raise StepFailed("card closed")

        shop.payments.refund = refund_refused
        with pytest.raises(SagaStuck, match="undo charge_payment failed"):
            shop.place(ORDERS["schedule_shipping"])
        assert shop.orchestrator.result("o-1").state == "compensating"
        assert shop.orchestrator.events("o-1")[-1] == "undo charge_payment failed: card closed"
        shop.close()


def test_one_stuck_saga_does_not_stop_the_others_from_resuming(scratch_dir: ScratchDir) -> None:
    with scratch_dir() as directory:
        first = Order("o-1", "ana", "lamp", 2, 5_000, "AQ")  # shipping fails: compensate
        second = Order("o-2", "ana", "lamp", 1, 1_000, "US")

        def crash_before_shipping(saga_id: str, point: str) -> None:
            if saga_id == "o-2" and point == "before schedule_shipping":
                raise Crash(point)

        shop = stocked(directory, crash_before_shipping)
        shop.payments.refund = payments_down
        with pytest.raises(SagaStuck):
            shop.place(first)
        with pytest.raises(Crash):
            shop.place(second)
        shop.close()

        restarted = Shop(directory)
        restarted.payments.refund = payments_down  # still down after the restart
        results = restarted.orchestrator.resume_all()
        assert [(r.saga_id, r.state) for r in results] == [("o-1", "compensating"), ("o-2", "completed")]
        restarted.close()


def test_placing_the_same_order_again_runs_nothing_twice(scratch_dir: ScratchDir) -> None:
    with scratch_dir() as directory:
        shop = stocked(directory)
        first = shop.place(ORDERS[None])
        events = shop.orchestrator.events("o-1")
        assert shop.place(ORDERS[None]) == first
        assert shop.orchestrator.events("o-1") == events
        assert shop.orchestrator.resume_all() == []
        with pytest.raises(ValueError, match="'o-1' exists with a different payload"):
            shop.place(ORDERS["charge_payment"])
        shop.close()


def test_one_attempt_means_no_retry(scratch_dir: ScratchDir) -> None:
    with scratch_dir() as directory:
        shop = stocked(directory)
        shop.close()
        shop = Shop(directory, max_attempts=1)
        lost = Network(iter(["reply lost"] + ["delivered"] * 50).__next__)
        lost.wire(shop)
        result = shop.place(ORDERS[None])
        assert (result.state, result.failure) == ("aborted", "reserve_inventory gave up: no answer")
        assert_all_or_nothing(shop, ORDERS[None], result)
        shop.close()


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"order_id": ""}, ValueError, "order_id must be a non-empty str"),
        ({"customer": None}, ValueError, "customer must be a non-empty str"),
        ({"quantity": 0}, ValueError, "quantity must be positive, got 0"),
        ({"quantity": True}, TypeError, "quantity must be an int, got bool"),
        ({"amount_cents": 1.5}, TypeError, "amount_cents must be an int, got float"),
        ({"amount_cents": -1}, ValueError, "amount_cents must be positive"),
        ({"country": "usa"}, ValueError, "country must be two capital letters"),
    ],
)
def test_bad_orders_are_refused(fields: dict, error: type[Exception], message: str) -> None:
    good = {"order_id": "o-1", "customer": "ana", "sku": "lamp", "quantity": 1, "amount_cents": 1, "country": "US"}
    with pytest.raises(error, match=message):
        Order(**(good | fields))


def test_scratch_directories_fall_back_when_there_is_no_tmpfs(tmp_path: Path) -> None:
    assert tmpfs_or(tmp_path, tmpfs=tmp_path / "no-such-dir") == tmp_path
    (tmp_path / "file").write_text("not a directory")
    assert tmpfs_or(tmp_path, tmpfs=tmp_path / "file") == tmp_path
    assert tmpfs_or(tmp_path / "unused", tmpfs=tmp_path) == tmp_path


def test_bad_orchestrator_arguments_are_refused(tmp_path: Path) -> None:
    step = Step("a", lambda s, p: None, lambda s, p: None)
    with pytest.raises(ValueError, match="at least one step"):
        Orchestrator(tmp_path / "log", [])
    with pytest.raises(ValueError, match="step names must be unique"):
        Orchestrator(tmp_path / "log", [step, step])
    with pytest.raises(ValueError, match="max_attempts must be at least 1"):
        Orchestrator(tmp_path / "log", [step], max_attempts=0)
    with pytest.raises(TypeError, match="max_attempts must be an int"):
        Orchestrator(tmp_path / "log", [step], max_attempts="3")  # type: ignore[arg-type]
    orchestrator = Orchestrator(tmp_path / "log", [step])
    with pytest.raises(KeyError, match="no saga 'nope'"):
        orchestrator.result("nope")
    with pytest.raises(ValueError, match="saga_id must be a non-empty str"):
        orchestrator.start("", {})
    orchestrator.close()


def test_bad_shop_calls_are_refused(tmp_path: Path) -> None:
    shop = Shop(tmp_path)
    with pytest.raises(TypeError, match="order must be an Order, got dict"):
        shop.place({"order_id": "o-1"})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="quantity must be an int >= 0"):
        shop.inventory.add_stock("lamp", -1)
    shop.close()
