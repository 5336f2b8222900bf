import asyncio
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.language.python import streaming
from examples.language.python.streaming import errors, parsed, slowest_eager, slowest_lazy


def test_the_pipeline_reads_only_as_far_as_the_answer_needs(monkeypatch) -> None:
    produced: list[int] = []
    real = streaming.access_log

    def counted(lines: int) -> Iterator[str]:
        for n, line in enumerate(real(lines)):
            produced.append(n)
            yield line

    monkeypatch.setattr(streaming, "access_log", counted)
    assert streaming.first_errors(lines=10_000_000, limit=3) == ["/orders/0", "/orders/50", "/orders/100"]
    assert len(produced) == 101  # lines 0..100, not ten million


@given(st.integers(min_value=0, max_value=2_000))
def test_lazy_and_eager_give_the_same_answer(lines: int) -> None:
    assert slowest_lazy(lines) == slowest_eager(lines)


def test_errors_keeps_only_5xx() -> None:
    rows = [("/a", 200, 1), ("/b", 503, 1), ("/c", 500, 1), ("/d", 499, 1)]
    assert list(errors(rows)) == ["/b", "/c"]


def test_a_malformed_line_fails_loudly_not_silently() -> None:
    with pytest.raises(ValueError):
        list(parsed(["2026-12-02T10:00:00Z GET /orders/1 200"]))  # no duration


def test_stopping_early_runs_the_generators_finally() -> None:
    streaming.events.clear()
    with streaming.closing(streaming.lines_of("x")) as lines:
        next(lines)
    assert streaming.events == ["open x", "close x"]


@given(st.integers(min_value=0, max_value=50), st.integers(min_value=1, max_value=7))
def test_yield_from_flattens_pages_into_ids_in_order(total: int, size: int) -> None:
    assert list(streaming.order_ids(total, size)) == list(range(total))


def test_yield_from_pulls_one_page_at_a_time() -> None:
    ids = streaming.order_ids(total=10**9, size=3)
    assert [next(ids) for _ in range(4)] == [0, 1, 2, 3]  # a billion ids never built


def test_aclosing_runs_the_async_generators_finally_before_the_next_line() -> None:
    log: list[str] = []
    asyncio.run(streaming.first_page(log, close=True))
    assert log == ["connect", "disconnect", "next line"]


def test_without_aclosing_the_cleanup_runs_later_in_another_task() -> None:
    log: list[str] = []
    asyncio.run(streaming.first_page(log, close=False))
    assert log == ["connect", "next line", "disconnect"]
