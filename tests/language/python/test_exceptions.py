"""Exception handling examples: chaining, what a bare except swallows, notes, EAFP, the HTTP boundary."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from examples.language.python import service_errors
from examples.language.python.exception_groups import load_dashboard, triage
from examples.language.python.exceptions import (
    ConfigError,
    load_port,
    parse_rows,
    read_eafp,
    read_lbyl,
    run_job,
    run_job_fixed,
)
from examples.language.python.service_errors import (
    Conflict,
    InvalidOrder,
    NotFound,
    OutOfStock,
    ShopError,
    handle,
    problem_for,
    reserve,
)
from examples.language.python.typing_hints import OrderJSON


def test_load_port_reads_a_port_and_chains_each_expected_failure() -> None:
    assert load_port('{"port": "5432"}') == 5432
    for text, cause in [
        ("{", "JSONDecodeError"),
        ('{"host": "db"}', "KeyError"),
        ('{"port": "abc"}', "ValueError"),  # the message promises a numeric port
        ('{"port": null}', "TypeError"),
        ("[5432]", "TypeError"),  # JSON, but not an object
    ]:
        with pytest.raises(ConfigError) as raised:
            load_port(text)
        assert type(raised.value.__cause__).__name__ == cause
        assert raised.value.__suppress_context__  # `from` hides the implicit context line


def test_a_bare_except_swallows_interrupts_and_except_exception_does_not() -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    def broken() -> None:
        raise RuntimeError("bug")

    assert run_job(interrupted) == "swallowed"
    with pytest.raises(KeyboardInterrupt):
        run_job_fixed(interrupted)
    assert run_job_fixed(broken) == "failed"
    assert run_job_fixed(lambda: None) == "done"


def test_the_note_names_the_row_and_the_error_stays_the_same_type() -> None:
    assert parse_rows(["a,1", "b,2"]) == [1, 2]
    with pytest.raises(IndexError) as raised:
        parse_rows(["a,1", "b"])
    assert raised.value.__notes__ == ["row 2: 'b'"]


def test_eafp_survives_the_file_vanishing_and_lbyl_does_not(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    assert read_eafp(path) is None
    assert read_lbyl(path) is None
    path.write_text("x")
    assert read_eafp(path) == read_lbyl(path) == "x"

    def racing_check(p: Path) -> bool:
        p.unlink()
        return True

    with pytest.raises(FileNotFoundError):
        read_lbyl(path, exists=racing_check)


def status_of(error: ShopError) -> int | None:
    problem = problem_for(error)
    return None if problem is None else problem[0]


def test_every_domain_error_maps_to_its_status_through_the_class_tree() -> None:
    assert status_of(NotFound("x")) == 404
    assert status_of(Conflict("x")) == 409
    assert status_of(OutOfStock("pen", 2, 1)) == 409  # inherits Conflict's
    assert status_of(InvalidOrder("x")) == 422


def test_a_domain_error_answers_one_problem_details_body() -> None:
    # The format of docs/apis/errors.md (RFC 9457): a type URI clients switch on, not a class name.
    response = handle(lambda: reserve("nib", 1))
    assert response.status == 404
    assert response.body == {
        "type": "https://shop.example/problems/not-found",
        "title": "No such resource",
        "status": 404,
        "detail": "no product 'nib'",
    }


@pytest.fixture
def logged(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    monkeypatch.setattr(service_errors.log, "propagate", True)
    caplog.set_level(logging.ERROR, logger="shop.http")
    return caplog


def test_the_boundary_answers_domain_errors_and_logs_bugs_with_the_traceback(
    monkeypatch: pytest.MonkeyPatch, logged: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(service_errors, "STOCK", {"pen": 1})
    assert handle(lambda: reserve("pen", 1)) == service_errors.Response(200, {"result": 0})
    assert service_errors.STOCK == {"pen": 0}
    assert handle(lambda: reserve("pen", 1)).body["detail"] == "pen: wanted 1, 0 left"
    assert service_errors.STOCK == {"pen": 0}  # nothing taken on failure
    assert logged.records == []  # expected errors are answers, not log noise

    def bug() -> None:
        raise KeyError("secret_column")

    response = handle(bug)
    assert response == service_errors.Response(500, service_errors.INTERNAL)
    assert "secret_column" not in str(response.body)  # the client learns nothing internal
    (record,) = logged.records
    assert record.exc_info is not None and record.exc_info[0] is KeyError
    assert "Traceback (most recent call last)" in logged.text


def test_an_unmapped_domain_error_is_logged_and_hidden_like_a_bug(logged: pytest.LogCaptureFixture) -> None:
    class LedgerLocked(ShopError):  # someone forgot to add it to PROBLEMS
        pass

    def endpoint() -> None:
        raise LedgerLocked("ledger row 17 locked by txn 4411")

    assert problem_for(LedgerLocked("x")) is None
    response = handle(endpoint)
    assert response == service_errors.Response(500, service_errors.INTERNAL)
    assert "4411" not in str(response.body)
    (record,) = logged.records
    assert record.exc_info is not None and record.exc_info[0] is LedgerLocked


def test_a_task_group_raises_every_failure_and_except_star_splits_them() -> None:
    assert asyncio.run(triage()) == {
        "retry": ["orders: refused", "ads: no reply"],
        "report": ["prices: bad JSON"],
    }
    with pytest.raises(ExceptionGroup) as raised:
        asyncio.run(load_dashboard())
    assert sorted(type(e).__name__ for e in raised.value.exceptions) == [
        "ConnectionError",
        "TimeoutError",
        "ValueError",
    ]


def test_pydantic_rejects_what_the_typeddict_only_describes() -> None:
    adapter = TypeAdapter(OrderJSON)
    with pytest.raises(ValidationError) as raised:
        adapter.validate_python({"id": 1, "status": "lost", "total_cents": 5})
    assert [e["loc"] for e in raised.value.errors()] == [("status",)]
    with pytest.raises(ValidationError):
        adapter.validate_python({"id": 1, "status": "paid"})  # total_cents missing
    assert adapter.validate_python({"id": 1, "status": "paid", "total_cents": 5, "coupon": "X"})["coupon"] == "X"
