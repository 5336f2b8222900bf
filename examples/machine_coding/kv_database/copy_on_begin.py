"""The simple alternative: BEGIN snapshots the whole database.

Correct and short, which makes it a fine first answer to say out loud, but
BEGIN costs O(database size) in time and memory per open transaction. The
benchmark puts it next to the undo-log design to show the difference.
"""

from __future__ import annotations

from examples.machine_coding.kv_database.database import (
    NoTransactionError,
    validate_key,
    validate_value,
)


# --8<-- [start:copy_on_begin]
class CopyOnBeginDatabase:
    """Same commands as KVDatabase; a transaction is a saved copy of the state."""

    def __init__(self) -> None:
        self._data: dict[str, str] = {}
        self._value_counts: dict[str, int] = {}
        self._snapshots: list[tuple[dict[str, str], dict[str, int]]] = []

    def get(self, key: str) -> str | None:
        """The value under `key`, or None."""
        return self._data.get(validate_key(key))

    def count(self, value: str) -> int:
        """How many keys hold `value`."""
        return self._value_counts.get(validate_value(value), 0)

    def set(self, key: str, value: str) -> None:
        """Store `value` under `key`."""
        validate_value(value)
        self.delete(key)
        self._data[key] = value
        self._value_counts[value] = self._value_counts.get(value, 0) + 1

    def delete(self, key: str) -> bool:
        """Remove `key`; return whether it was present."""
        old = self._data.pop(validate_key(key), None)
        if old is None:
            return False
        self._value_counts[old] -= 1
        if not self._value_counts[old]:
            del self._value_counts[old]
        return True

    def begin(self) -> None:
        """Save a full copy: O(n) time and memory for every BEGIN."""
        self._snapshots.append((dict(self._data), dict(self._value_counts)))

    def rollback(self) -> None:
        """Restore the innermost copy.

        Nothing is replayed, but it is still O(n): the live dicts it replaces
        are freed entry by entry.
        """
        if not self._snapshots:
            raise NoTransactionError("ROLLBACK")
        self._data, self._value_counts = self._snapshots.pop()

    def commit(self) -> None:
        """Drop every saved copy (O(n) per copy to free); the live state is the answer."""
        if not self._snapshots:
            raise NoTransactionError("COMMIT")
        self._snapshots.clear()


# --8<-- [end:copy_on_begin]
