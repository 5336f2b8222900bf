"""What every example app's schemathesis run shares: bounded settings, aiming, check configs, a tally.

A run that only ever reaches 401s, 404s and 412s passes every contract check
and tests nothing, so each run aims generated values at real data (`mostly`,
`aim_path`, `aim_header`), records what it got, and once an operation's cases
are done fails unless that operation succeeded (a 2xx, or `mark_success`).
`accepting` widens schemathesis's expected statuses per operation, for the
refusals that depend on state the document cannot express.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation

from tests.support.schemathesis_cases import positive

# Per operation, on top of schemathesis's coverage and examples phases. Small,
# so an app's whole run takes seconds: the suite runs every app on each push.
MAX_EXAMPLES = 10
# schemathesis's own defaults, which `accepting` extends
POSITIVE_EXPECTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]
NEGATIVE_EXPECTED = ["400", "401", "403", "404", "405", "406", "409", "415", "422", "428", "429", "5xx"]


def bounded(max_examples: int = MAX_EXAMPLES) -> Callable[[Any], Any]:
    """Hypothesis settings for a run: few examples, the same ones every time."""
    return settings(
        max_examples=max_examples,
        deadline=None,  # in-process calls vary in time; a slow one is no failure
        derandomize=True,  # the same cases on every run and every machine
        suppress_health_check=list(HealthCheck),  # fixtures and filters are meant
    )


def accepting(
    statuses: dict[str, list[int]],
    *,
    rejecting: dict[str, list[int]] | None = None,
    off: tuple[str, ...] = (),
) -> SchemathesisConfig:
    """A config whose positive_data_acceptance also takes these statuses per operation.

    For answers that depend on state the document cannot express, such as a
    412 to a stale If-Match: well-formed requests, refused for a reason.
    `rejecting` adds statuses negative_data_rejection takes as a refusal (an
    OAuth error redirect is a 302), and the checks named in `off` are
    disabled, for the same operations.
    """
    rejecting = rejecting or {}
    checks: dict[str, dict[str, Any]] = {name: {} for name in [*statuses, *rejecting]}
    for name, extra in statuses.items():
        expected = POSITIVE_EXPECTED + [str(status) for status in extra]
        checks[name]["positive_data_acceptance"] = {"expected-statuses": expected}
    for name, extra in rejecting.items():
        expected = NEGATIVE_EXPECTED + [str(status) for status in extra]
        checks[name]["negative_data_rejection"] = {"expected-statuses": expected}
    for name in checks:
        checks[name].update({check: {"enabled": False} for check in off})
    return SchemathesisConfig.from_dict(
        {"operations": [{"include-name": name, "checks": config} for name, config in checks.items()]}
    )


def mostly(generated: object) -> bool:
    """True for about four generated values in five, always the same for the same value.

    Aim those at real data; the rest stay as generated, for the 404 and 412 paths.
    """
    return zlib.crc32(repr(generated).encode()) % 5 != 0


def aim_path(case: Any, name: str, real: str | int) -> None:
    """Mostly replace path parameter `name` with `real`, where meant to be valid."""
    path = case.path_parameters or {}
    if name in path and positive(case, ParameterLocation.PATH) and mostly(path[name]):
        path[name] = real


def aim_header(case: Any, name: str, real: str, *, add: bool = False) -> None:
    """Mostly replace header `name` with `real` (or add it when `add`), where meant to be valid."""
    if not positive(case, ParameterLocation.HEADER):
        return
    headers = case.headers if case.headers is not None else {}
    sent = next((key for key in headers if key.lower() == name.lower()), None)
    if sent is not None and mostly(headers[sent]):
        headers[sent] = real
    elif sent is None and add and mostly(sorted(headers.items())):
        headers[name] = real
    case.headers = headers


class Tally:
    """Responses by operation (as the document names it) and by request and status."""

    def __init__(
        self, test: str = "test_the_app_does_what_its_openapi_document_says", *, never_2xx: frozenset[str] = frozenset()
    ) -> None:
        self.test = test  # the name of the test function whose cases this counts
        self.never_2xx = never_2xx  # operations that cannot succeed in this run, by design
        self.by_request: Counter[str] = Counter()  # "PUT /notes/{note_id} 412"
        self.by_operation: Counter[tuple[str, int]] = Counter()
        self.failed: set[str] = set()  # operations whose test already fails
        self.succeeded: set[str] = set()  # operations that answered 2xx, or mark_success

    def call_and_validate(self, case: Any, **kwargs: Any) -> Any:
        """case.call_and_validate(), counted; a failing case marks its operation."""
        try:
            response = case.call_and_validate(**kwargs)
        except BaseException:
            self.failed.add(case.operation.label)
            raise
        self.record(case, response.status_code)
        return response

    def record(self, case: Any, status: int) -> None:
        label = case.operation.label  # "PUT /notes/{note_id}", even for a TRACE probe
        self.by_operation[label, status] += 1
        self.by_request[f"{case.method} {case.path} {status}"] += 1
        if 200 <= status < 300:
            self.succeeded.add(label)

    def mark_success(self, case: Any) -> None:
        """Count this case as a success, for an operation whose success is no 2xx (a redirect)."""
        self.succeeded.add(case.operation.label)

    def print(self) -> None:
        """The run's cases, so a run that reaches nothing says so in the log."""
        print(f"\nschemathesis cases: {sum(self.by_request.values())}")
        for line in sorted(self.by_request):
            print(f"  {line}: {self.by_request[line]}")

    def missing_success(self, operation_label: str) -> str | None:
        """Why this operation fails the 2xx check, or None (ask once its cases are done)."""
        if operation_label in self.failed | self.never_2xx:
            return None  # its own failure already fails it, or it cannot succeed by design
        if operation_label in self.succeeded:
            return None
        got = {status: n for (label, status), n in self.by_operation.items() if label == operation_label}
        return f"{operation_label} never succeeded (2xx); it got {dict(sorted(got.items()))}"

    def fixtures(self) -> tuple[Any, Any]:
        """Two autouse fixtures for the test module: `_a, _b = tally.fixtures()`.

        The 2xx check runs after each operation's test item, which holds all its
        cases; per item, because pytest-xdist may give items to different workers.
        """

        @pytest.fixture(scope="module", autouse=True)
        def schemathesis_tally() -> Iterator[None]:
            yield
            self.print()

        @pytest.fixture(autouse=True)
        def schemathesis_reached_2xx(request: pytest.FixtureRequest) -> Iterator[None]:
            yield
            if request.node.originalname != self.test:
                return
            label = getattr(request.node, "operation_label", None)
            # A schema from a fixture (schemathesis.pytest.from_fixture) runs every
            # operation inside one test item: check them all once it is done.
            operations = [label] if label else sorted({op for op, _ in self.by_operation})
            problems = [p for p in map(self.missing_success, operations) if p]
            assert not problems, "; ".join(problems)

        return schemathesis_tally, schemathesis_reached_2xx
