"""Context managers: release on every path, including errors, and know what `with` really does.

`with thing as x:` calls thing.__enter__() and, however the block ends,
thing.__exit__(type, value, traceback). A true return value from __exit__
swallows the exception, so almost every __exit__ returns None.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory


# --8<-- [start:sqlite]
def balance(db: sqlite3.Connection) -> int:
    cents: int = db.execute("SELECT cents FROM account").fetchone()[0]
    return cents


db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE account (cents INTEGER NOT NULL CHECK (cents >= 0))")
db.execute("INSERT INTO account VALUES (100)")
db.commit()

try:
    with db:  # a transaction: commit on success, rollback on an exception
        db.execute("UPDATE account SET cents = cents - 30")
        db.execute("UPDATE account SET cents = cents - 90")  # breaks the CHECK
except sqlite3.IntegrityError as error:
    print("rolled back:", error)
    #> rolled back: CHECK constraint failed: cents >= 0
print(balance(db))  # the first UPDATE was undone too
#> 100

with db:
    pass
print(db.execute("SELECT 1").fetchone())  # `with db` did not close it
#> (1,)
db.close()
with closing(sqlite3.connect(":memory:")) as other:  # closes; commits nothing
    print(other.execute("SELECT 2").fetchone())
    #> (2,)
# --8<-- [end:sqlite]


# --8<-- [start:generator]
@contextmanager
def held(lock: threading.Lock, log: list[str]) -> Iterator[None]:
    """Like `with lock:`, and records when the lock is taken and released."""
    lock.acquire()
    log.append("acquired")
    try:
        yield  # the body of the `with` runs here; its exception is raised here
    finally:
        lock.release()  # without try/finally, an error in the body keeps the lock
        log.append("released")


lock = threading.Lock()
log: list[str] = []
try:
    with held(lock, log):
        raise TimeoutError("payment service")
except TimeoutError:
    log.append("handled")
print(log, lock.locked())
#> ['acquired', 'released', 'handled'] False
# --8<-- [end:generator]


# --8<-- [start:exitstack]
def merge(paths: list[Path], out: Path) -> int:
    """Write every input's lines to `out`; every file is closed, even if one open fails."""
    with ExitStack() as stack:
        sources = [stack.enter_context(path.open(encoding="utf-8")) for path in paths]
        target = stack.enter_context(out.open("w", encoding="utf-8"))
        return sum(target.write(line) for source in sources for line in source)


with TemporaryDirectory() as tmp:
    parts = [Path(tmp, name) for name in ("a.log", "b.log")]
    for part in parts:
        part.write_text(f"{part.stem}\n", encoding="utf-8")
    print(
        merge(parts, Path(tmp, "all.log")),
        Path(tmp, "all.log").read_text("utf-8").split(),
    )
    #> 4 ['a', 'b']
    try:
        merge([parts[0], Path(tmp, "missing.log")], Path(tmp, "all.log"))
    except FileNotFoundError as error:
        print(type(error).__name__, Path(error.filename).name)
        #> FileNotFoundError missing.log
# --8<-- [end:exitstack]
