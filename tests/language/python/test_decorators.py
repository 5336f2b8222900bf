import inspect

import pytest

from examples.language.python.decorators import TransientError, logged, retry


def flaky(failures: list[BaseException], result: str = "ok"):
    """A function that raises each of `failures` in turn, then returns `result`."""
    calls: list[int] = []

    def call() -> str:
        calls.append(1)
        if len(calls) <= len(failures):
            raise failures[len(calls) - 1]
        return result

    return call, calls


def test_it_retries_listed_errors_with_doubling_waits() -> None:
    waits: list[float] = []
    call, calls = flaky([TransientError("1"), TransientError("2")])
    assert retry(3, sleep=waits.append, base_delay=0.5)(call)() == "ok"
    assert len(calls) == 3
    assert waits == [0.5, 1.0]


def test_after_the_last_attempt_the_last_error_propagates() -> None:
    waits: list[float] = []
    errors = [TransientError(str(n)) for n in range(3)]
    call, calls = flaky(errors)
    with pytest.raises(TransientError) as raised:
        retry(3, sleep=waits.append)(call)()
    assert raised.value is errors[-1]
    assert len(calls) == 3
    assert len(waits) == 2  # no wait after the last failure


def test_a_bug_is_not_retried() -> None:
    waits: list[float] = []
    call, calls = flaky([TypeError("bug")])
    with pytest.raises(TypeError):
        retry(5, sleep=waits.append)(call)()
    assert len(calls) == 1
    assert waits == []


def test_the_exceptions_to_retry_are_chosen_by_the_caller() -> None:
    call, calls = flaky([ConnectionResetError()])
    assert retry(2, on=(ConnectionError,), sleep=lambda _: None)(call)() == "ok"
    assert len(calls) == 2


@pytest.mark.parametrize("attempts", [0, -1])
def test_fewer_than_one_attempt_is_refused(attempts: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        retry(attempts, sleep=lambda _: None)


def test_wraps_keeps_what_tools_read_and_the_naive_wrapper_loses_it() -> None:
    def fetch(order_id: int, *, timeout: float = 2.0) -> str:
        """Doc."""
        return str(order_id)

    kept = retry(2, sleep=lambda _: None)(fetch)
    assert (kept.__name__, kept.__doc__, kept.__wrapped__) == ("fetch", "Doc.", fetch)
    assert inspect.signature(kept) == inspect.signature(fetch)
    lost = logged(fetch)
    assert lost.__name__ == "wrapper"
    assert inspect.signature(lost) != inspect.signature(fetch)


def test_an_async_function_is_refused_instead_of_never_retried() -> None:
    async def fetch() -> str:
        return "ok"

    with pytest.raises(TypeError, match="fetch is async"):
        retry(3, sleep=lambda _: None)(fetch)


def test_the_top_decorator_runs_first_and_finishes_last() -> None:
    from examples.language.python import decorators

    decorators.order.clear()
    assert decorators.handler() == "ok"
    assert decorators.order == ["outer in", "inner in", "body", "inner out", "outer out"]
    assert decorators.handler.__wrapped__.__wrapped__.__name__ == "handler"  # type: ignore[attr-defined]
