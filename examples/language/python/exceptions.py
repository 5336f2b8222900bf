"""Exceptions: catch what you expect, chain what you translate, never swallow what you did not.

The summaries below keep the lines of a printed traceback that are not
indented (the header, each exception, its notes and the sentence that joins
two chained exceptions) and drop the `File ...` lines, whose paths and line
numbers depend on where the file runs.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from tempfile import TemporaryDirectory


def summary(error: BaseException) -> list[str]:
    """The unindented lines of the traceback Python would print for `error`."""
    lines = "".join(traceback.format_exception(error)).splitlines()
    return [line for line in lines if line and not line.startswith(" ")]


# --8<-- [start:from]
class ConfigError(Exception):
    """The settings file is missing or malformed."""


def load_port(text: str) -> int:
    try:
        port = int(json.loads(text)["port"])
    # What bad settings can raise here, and nothing else can: not JSON or not a
    # number (ValueError; JSONDecodeError is one), no "port" (KeyError), not an
    # object or a null port (TypeError).
    except (ValueError, KeyError, TypeError) as error:
        raise ConfigError("settings need a numeric 'port'") from error
    return port


def load_port_sloppy(text: str) -> int:
    try:
        return int(json.loads(text)["port"])
    except KeyError:
        raise ConfigError("settings need a 'port'")  # noqa: B904  (no `from`)


try:
    load_port('{"host": "db"}')
except ConfigError as error:
    print(repr(error.__cause__), error.__cause__ is error.__context__)
    #> KeyError('port') True
    for line in summary(error):
        print(line)
        #> Traceback (most recent call last):
        #> KeyError: 'port'
        #> The above exception was the direct cause of the following exception:
        #> Traceback (most recent call last):
        #> ConfigError: settings need a numeric 'port'

try:
    load_port_sloppy('{"host": "db"}')
except ConfigError as error:
    print(repr(error.__cause__), repr(error.__context__))
    #> None KeyError('port')
    for line in summary(error):
        print(line)
        #> Traceback (most recent call last):
        #> KeyError: 'port'
        #> During handling of the above exception, another exception occurred:
        #> Traceback (most recent call last):
        #> ConfigError: settings need a 'port'
# --8<-- [end:from]


# --8<-- [start:bare]
def run_job(job: Callable[[], None]) -> str:
    try:
        job()
    except:  # noqa: E722  (the bug: a bare except catches BaseException)
        return "swallowed"
    return "done"


def run_job_fixed(job: Callable[[], None]) -> str:
    try:
        job()
    except Exception:  # not KeyboardInterrupt, SystemExit or GeneratorExit
        return "failed"
    return "done"


def stop() -> None:
    sys.exit(3)  # what a SIGTERM handler or a CLI's --help does


print(run_job(stop))  # the process was asked to exit and kept going
#> swallowed
try:
    run_job_fixed(stop)
except SystemExit as exit_request:
    print("exit passed through with code", exit_request.code)
    #> exit passed through with code 3
print([c.__name__ for c in KeyboardInterrupt.__mro__])
#> ['KeyboardInterrupt', 'BaseException', 'object']
# --8<-- [end:bare]


# --8<-- [start:notes]
def parse_rows(lines: list[str]) -> list[int]:
    totals = []
    for number, line in enumerate(lines, start=1):
        try:
            totals.append(int(line.split(",")[1]))
        except (IndexError, ValueError) as error:
            error.add_note(f"row {number}: {line!r}")  # 3.11: context, same error
            raise
    return totals


try:
    parse_rows(["a,10", "b,20", "c,twelve"])
except ValueError as error:
    print(error.__notes__)
    #> ["row 3: 'c,twelve'"]
    for line in summary(error):
        print(line)
        #> Traceback (most recent call last):
        #> ValueError: invalid literal for int() with base 10: 'twelve'
        #> row 3: 'c,twelve'
# --8<-- [end:notes]


# --8<-- [start:logging]
class KeepRecords(logging.Handler):
    """Keeps what the logger emits, so we can look at what a record carries."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


log = logging.getLogger("orders")
kept = KeepRecords()
log.addHandler(kept)
log.propagate = False

try:
    parse_rows(["a,x"])
except ValueError as error:
    log.exception("import failed")  # level ERROR, with the exception attached
    log.error("import failed: %s", error)  # one line of text, no traceback
for record in kept.records:  # both at level ERROR
    print(record.getMessage(), "| traceback:", record.exc_info is not None)
    #> import failed | traceback: True
    #> import failed: invalid literal for int() with base 10: 'x' | traceback: False
# --8<-- [end:logging]


# --8<-- [start:eafp]
def read_lbyl(path: Path, exists: Callable[[Path], bool] = Path.exists) -> str | None:
    """Look before you leap: check, then open. The file can go between the two."""
    if not exists(path):
        return None
    return path.read_text(encoding="utf-8")


def read_eafp(path: Path) -> str | None:
    """Easier to ask forgiveness: open, and handle the one failure you expect."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


with TemporaryDirectory() as tmp:
    lock_file = Path(tmp) / "job.lock"
    lock_file.write_text("pid 42", encoding="utf-8")

    def check_then_lose_it(path: Path) -> bool:
        found = path.exists()
        path.unlink()  # another process removes it right after our check
        return found

    try:
        read_lbyl(lock_file, exists=check_then_lose_it)
    except FileNotFoundError:
        print("LBYL: checked, then crashed with FileNotFoundError")
        #> LBYL: checked, then crashed with FileNotFoundError
    print("EAFP:", read_eafp(lock_file))
    #> EAFP: None
# --8<-- [end:eafp]
