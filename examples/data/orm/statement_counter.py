"""Count the SQL statements an engine sends, to make N+1 queries visible."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from sqlalchemy import Engine, event


# --8<-- [start:counter]
class StatementCounter:
    """While active, record every statement `engine` sends to the database.

    It listens to `before_cursor_execute`, the last hook before the driver's
    cursor runs the SQL, so it sees lazy loads and flushes as well as queries.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        """How many statements ran while the counter was active."""
        return len(self.statements)

    def _record(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.statements.append(statement)

    def __enter__(self) -> StatementCounter:
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)


# --8<-- [end:counter]
