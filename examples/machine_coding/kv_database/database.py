"""An in-memory key-value database with nested transactions.

The database keeps one live copy of the data plus, for every open transaction,
an undo log: the value each key had before that transaction first changed it.
Reads never look at the logs, so GET and COUNT cost O(1) at any nesting depth,
and ROLLBACK replays one log, so it costs O(keys that transaction changed).

Not thread-safe: one instance is one session with one transaction stack. See
the page for why a lock alone would not make shared transactions meaningful.
"""

from __future__ import annotations


# --8<-- [start:errors]
class NoTransactionError(RuntimeError):
    """ROLLBACK or COMMIT was called while no transaction was open."""

    def __init__(self, operation: str) -> None:
        super().__init__(f"{operation}: no transaction is open")
        self.operation = operation


def validate_key(key: object) -> str:
    """Return `key` if it is a non-empty str; raise TypeError or ValueError."""
    if not isinstance(key, str):
        raise TypeError(f"key must be a str, got {type(key).__name__}")
    if not key:
        raise ValueError("key must be a non-empty string")
    return key


def validate_value(value: object) -> str:
    """Return `value` if it is a str; raise TypeError otherwise."""
    if not isinstance(value, str):
        raise TypeError(f"value must be a str, got {type(value).__name__}")
    return value


# --8<-- [end:errors]


# --8<-- [start:state]
class KVDatabase:
    """String keys to string values, with COUNT and nested transactions.

    Every method validates its arguments before touching any state, so a bad
    call raises and leaves the database exactly as it was.
    """

    def __init__(self) -> None:
        self._data: dict[str, str] = {}
        # value -> number of keys holding it; a value whose count drops to zero
        # is removed so the index never outgrows the data.
        self._value_counts: dict[str, int] = {}
        # One log per open transaction, innermost last. A log maps each key the
        # transaction changed to the value it had before (None: it was absent).
        self._undo_logs: list[dict[str, str | None]] = []

    # --8<-- [end:state]

    # --8<-- [start:reads]
    def get(self, key: str) -> str | None:
        """The value stored under `key`, or None when the key is absent."""
        return self._data.get(validate_key(key))

    def count(self, value: str) -> int:
        """How many keys currently hold `value` (O(1), any nesting depth)."""
        return self._value_counts.get(validate_value(value), 0)

    @property
    def depth(self) -> int:
        """How many transactions are open (0 outside any transaction)."""
        return len(self._undo_logs)

    def __len__(self) -> int:
        return len(self._data)

    # --8<-- [end:reads]

    # --8<-- [start:writes]
    def set(self, key: str, value: str) -> None:
        """Store `value` under `key`, replacing any previous value."""
        self._write(validate_key(key), validate_value(value))

    def delete(self, key: str) -> bool:
        """Remove `key`; return whether it was present."""
        key = validate_key(key)
        present = key in self._data
        self._write(key, None)
        return present

    def _write(self, key: str, new: str | None) -> None:
        old = self._data.get(key)
        if old == new:
            return  # nothing changes, so there is nothing to undo either
        if self._undo_logs:
            # Keep only the value from before this transaction's FIRST change:
            # that is what rollback must restore, and the log stays bounded by
            # the number of distinct keys touched, not the number of writes.
            self._undo_logs[-1].setdefault(key, old)
        self._apply(key, old, new)

    def _apply(self, key: str, old: str | None, new: str | None) -> None:
        if old == new:
            return
        if old is not None:
            remaining = self._value_counts[old] - 1
            if remaining:
                self._value_counts[old] = remaining
            else:
                del self._value_counts[old]
        if new is None:
            del self._data[key]
        else:
            self._data[key] = new
            self._value_counts[new] = self._value_counts.get(new, 0) + 1

    # --8<-- [end:writes]

    # --8<-- [start:transactions]
    def begin(self) -> None:
        """Open a transaction nested inside any that are already open. O(1)."""
        self._undo_logs.append({})

    def rollback(self) -> None:
        """Undo the innermost open transaction only.

        Costs O(keys that transaction changed), whatever the database size.
        """
        if not self._undo_logs:
            raise NoTransactionError("ROLLBACK")
        for key, before in self._undo_logs.pop().items():
            self._apply(key, self._data.get(key), before)

    def commit(self) -> None:
        """Make the changes of every open transaction permanent.

        The data is already current, so committing only forgets the undo logs.
        """
        if not self._undo_logs:
            raise NoTransactionError("COMMIT")
        self._undo_logs.clear()

    # --8<-- [end:transactions]
