"""A saga orchestrator: local steps with compensations, driven from a persisted log.

Each step is a local transaction in some service, called with the saga id as
its idempotency key. The orchestrator writes every step it finishes to its log
(SQLite) before it moves on, so a new process can resume a saga wherever the
old one died: it repeats the step in flight, which the key makes harmless.
When a step fails for good, the steps already done are compensated, newest
first. A compensation has no fallback, so it must succeed eventually: it is
retried, and one that still fails (or is refused) leaves its saga
"compensating", with the failure in its log, for the next resume or a person.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Payload = Mapping[str, Any]


class StepFailed(Exception):
    """A service refused a step for good (out of stock, card declined): compensate."""


class TransientError(Exception):
    """The call may or may not have taken effect (a timeout, a 503): retry it."""


class SagaStuck(Exception):
    """A compensation kept failing or was refused; the saga stays 'compensating'."""


@dataclass(frozen=True)
class Step:
    """One local transaction of the saga, and the one that semantically undoes it.

    Both are called as fn(saga_id, payload) and must be idempotent: a second
    call with the same saga id changes nothing. A compensation must also work
    when its action never ran (it then only records that, so a late action
    does nothing).
    """

    name: str
    action: Callable[[str, Payload], None]
    compensation: Callable[[str, Payload], None]


@dataclass(frozen=True)
class SagaResult:
    saga_id: str
    state: str  # running, compensating, completed or aborted
    failure: str | None

    @property
    def order_status(self) -> str:
        """What the rest of the system sees: PENDING is the saga's semantic lock."""
        return {"completed": "CONFIRMED", "aborted": "CANCELED"}.get(
            self.state, "PENDING"
        )


# --8<-- [start:log]
SCHEMA = """
CREATE TABLE IF NOT EXISTS sagas (
    saga_id TEXT PRIMARY KEY,
    payload TEXT NOT NULL,
    state   TEXT NOT NULL
            CHECK (state IN ('running', 'compensating', 'completed', 'aborted')),
    -- running: index of the next step to do; compensating: of the next to undo
    cursor  INTEGER NOT NULL,
    failure TEXT
);
CREATE TABLE IF NOT EXISTS saga_events (
    saga_id TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    event   TEXT NOT NULL,
    PRIMARY KEY (saga_id, seq)
);
"""
# --8<-- [end:log]


class Orchestrator:
    """Runs sagas of `steps` and keeps their progress in the SQLite file `log_path`.

    `hook(saga_id, point)` is called at the points "before <step>", "after
    <step>" (the service has answered, the log does not know yet), "before
    undo <step>" and "after undo <step>"; tests and demos crash or look there.
    """

    def __init__(
        self,
        log_path: str | Path,
        steps: Sequence[Step],
        *,
        max_attempts: int = 3,
        hook: Callable[[str, str], None] | None = None,
    ) -> None:
        if not steps:
            raise ValueError("a saga needs at least one step")
        names = [step.name for step in steps]
        if len(set(names)) != len(names):
            raise ValueError(f"step names must be unique, got {names}")
        if isinstance(max_attempts, bool) or not isinstance(max_attempts, int):
            raise TypeError("max_attempts must be an int")
        if max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {max_attempts}")
        self._steps = list(steps)
        self._max_attempts = max_attempts
        self._hook = hook or (lambda _saga_id, _point: None)
        self._db = sqlite3.connect(log_path, timeout=5, isolation_level=None)
        self._db.executescript(SCHEMA)

    def start(self, saga_id: str, payload: Payload) -> SagaResult:
        """Log a new saga and run it. Starting the same saga again resumes it."""
        if not isinstance(saga_id, str) or not saga_id:
            raise ValueError("saga_id must be a non-empty str")
        body = json.dumps(dict(payload), sort_keys=True)
        with self._transaction():
            row = self._db.execute(
                "SELECT payload FROM sagas WHERE saga_id = ?", (saga_id,)
            ).fetchone()
            if row is None:
                self._db.execute(
                    "INSERT INTO sagas VALUES (?, ?, 'running', 0, NULL)",
                    (saga_id, body),
                )
                self._event(saga_id, "started")
            elif row[0] != body:
                raise ValueError(f"saga {saga_id!r} exists with a different payload")
        return self.run(saga_id)

    # --8<-- [start:run]
    def run(self, saga_id: str) -> SagaResult:
        """Drive one saga from wherever its log says it is to completed or aborted."""
        payload = json.loads(self._row(saga_id)[0])
        while True:
            _, state, cursor, _ = self._row(saga_id)
            if state == "running" and cursor == len(self._steps):
                self._move(saga_id, "completed", cursor, "completed")
            elif state == "running":
                step = self._steps[cursor]
                self._hook(saga_id, f"before {step.name}")
                try:
                    self._call(step.action, saga_id, payload)
                except StepFailed as refusal:
                    # The service refused and remembers it: undo only the steps before.
                    self._fail(saga_id, cursor - 1, f"{step.name} failed: {refusal}")
                    continue
                except TransientError:
                    # It may have run: undo it too (its compensation copes either way).
                    self._fail(saga_id, cursor, f"{step.name} gave up: no answer")
                    continue
                self._hook(saga_id, f"after {step.name}")
                self._move(saga_id, "running", cursor + 1, f"{step.name} done")
            elif state == "compensating" and cursor >= 0:
                step = self._steps[cursor]
                self._hook(saga_id, f"before undo {step.name}")
                try:
                    self._call(step.compensation, saga_id, payload)
                except (TransientError, StepFailed) as error:
                    # Nothing can undo an undo: log it, keep the cursor, try again later.
                    with self._transaction():
                        self._event(saga_id, f"undo {step.name} failed: {error}")
                    raise SagaStuck(f"{saga_id}: undo {step.name} failed") from error
                self._hook(saga_id, f"after undo {step.name}")
                self._move(saga_id, "compensating", cursor - 1, f"{step.name} undone")
            elif state == "compensating":
                self._move(saga_id, "aborted", -1, "aborted")
            else:
                return self.result(saga_id)

    def _call(
        self, fn: Callable[[str, Payload], None], saga_id: str, payload: Payload
    ) -> None:
        """Call a step or compensation, retrying transient errors with the same key.

        The retries follow each other at once to keep the example short; a real
        orchestrator waits between them (exponential backoff with jitter).
        """
        for attempt in range(1, self._max_attempts + 1):
            try:
                fn(saga_id, payload)
                return
            except TransientError:
                if attempt == self._max_attempts:
                    raise

    # --8<-- [end:run]

    def resume_all(self) -> list[SagaResult]:
        """Run every unfinished saga, oldest first: call this after a restart.

        A saga whose compensation still fails comes back 'compensating'; it does
        not stop the sagas after it from being resumed.
        """
        unfinished = self._db.execute(
            "SELECT saga_id FROM sagas WHERE state IN ('running', 'compensating')"
            " ORDER BY rowid"
        ).fetchall()
        results = []
        for (saga_id,) in unfinished:
            with self._transaction():
                self._event(saga_id, "resumed")
            try:
                results.append(self.run(saga_id))
            except SagaStuck:
                results.append(self.result(saga_id))
        return results

    def result(self, saga_id: str) -> SagaResult:
        _, state, _, failure = self._row(saga_id)
        return SagaResult(saga_id, state, failure)

    def events(self, saga_id: str) -> list[str]:
        """The saga's log, oldest first."""
        self._row(saga_id)
        rows = self._db.execute(
            "SELECT event FROM saga_events WHERE saga_id = ? ORDER BY seq", (saga_id,)
        )
        return [event for (event,) in rows]

    def close(self) -> None:
        self._db.close()

    def _row(self, saga_id: str) -> tuple[str, str, int, str | None]:
        row = self._db.execute(
            "SELECT payload, state, cursor, failure FROM sagas WHERE saga_id = ?",
            (saga_id,),
        ).fetchone()
        if row is None:
            raise KeyError(f"no saga {saga_id!r}")
        return row

    def _fail(self, saga_id: str, cursor: int, failure: str) -> None:
        with self._transaction():
            self._db.execute(
                "UPDATE sagas SET state = 'compensating', cursor = ?, failure = ?"
                " WHERE saga_id = ?",
                (cursor, failure, saga_id),
            )
            self._event(saga_id, failure)

    def _move(self, saga_id: str, state: str, cursor: int, event: str) -> None:
        """Record progress and its event in one local transaction."""
        with self._transaction():
            self._db.execute(
                "UPDATE sagas SET state = ?, cursor = ? WHERE saga_id = ?",
                (state, cursor, saga_id),
            )
            self._event(saga_id, event)

    def _event(self, saga_id: str, event: str) -> None:
        self._db.execute(
            "INSERT INTO saga_events SELECT ?, coalesce(max(seq), 0) + 1, ?"
            " FROM saga_events WHERE saga_id = ?",
            (saga_id, event, saga_id),
        )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
