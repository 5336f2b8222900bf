"""Command-line front end: read commands from standard input, print results.

    python -m examples.machine_coding.kv_database.cli < commands.txt

Each line is one command. GET prints the value or NULL, COUNT prints a number,
ROLLBACK and COMMIT print NO TRANSACTION when none is open, other commands
print nothing. A bad line prints one `ERROR: ...` line and the session goes on.
END or the end of input stops the program.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable
from typing import TextIO

from examples.machine_coding.kv_database.commands import (
    Command,
    CommandError,
    CommandName,
    parse_command,
)
from examples.machine_coding.kv_database.database import KVDatabase, NoTransactionError

NULL = "NULL"
NO_TRANSACTION = "NO TRANSACTION"


# --8<-- [start:session]
class Session:
    """One user's conversation with one database: a line in, a reply out."""

    def __init__(self, database: KVDatabase | None = None) -> None:
        self._db = KVDatabase() if database is None else database
        self._finished = False

    @property
    def finished(self) -> bool:
        """True once END has been read; later lines are not run."""
        return self._finished

    def handle(self, line: str) -> str | None:
        """Run one input line; return what to print, or None to print nothing."""
        if self._finished:
            raise RuntimeError("the session has ended")
        try:
            command = parse_command(line)
        except CommandError as error:
            return f"ERROR: {error}"
        return None if command is None else self._execute(command)

    def _execute(self, command: Command) -> str | None:
        db, args = self._db, command.args
        match command.name:
            case CommandName.SET:
                db.set(args[0], args[1])
            case CommandName.GET:
                value = db.get(args[0])
                return NULL if value is None else value
            case CommandName.DELETE:
                db.delete(args[0])
            case CommandName.COUNT:
                return str(db.count(args[0]))
            case CommandName.BEGIN:
                db.begin()
            case CommandName.ROLLBACK | CommandName.COMMIT:
                operation = (
                    db.rollback if command.name is CommandName.ROLLBACK else db.commit
                )
                try:
                    operation()
                except NoTransactionError:
                    return NO_TRANSACTION
            case CommandName.END:
                self._finished = True
        return None


# --8<-- [end:session]


# --8<-- [start:loop]
def run(lines: Iterable[str], out: TextIO, *, echo: bool = False) -> None:
    """Feed `lines` to a fresh session and write each reply to `out`.

    With `echo`, each input line is written first, after "> ", the way a
    terminal shows what the user typed.
    """
    session = Session()
    for raw in lines:
        line = raw.rstrip("\r\n")
        if echo:
            out.write(f"> {line}\n")
        reply = session.handle(line)
        if reply is not None:
            out.write(reply + "\n")
            # Flush per reply so a program driving us through a pipe sees each
            # answer before it sends the next command.
            out.flush()
        if session.finished:
            break


def main() -> int:
    """Run the CLI on standard input and return the exit status.

    A missing stdin, or one that says it is not readable, is empty input.
    """
    stdin = sys.stdin
    if stdin is None or not stdin.readable():
        return 0
    if isinstance(stdin, io.TextIOWrapper):
        # Bytes that do not decode arrive as lone surrogates, which the parser
        # answers with an ERROR line, instead of a UnicodeDecodeError that
        # would end the whole session.
        stdin.reconfigure(errors="surrogateescape")
    try:
        run(stdin, sys.stdout)
    except BrokenPipeError:
        # The reader has gone (`... | head -1`). Point stdout at /dev/null so
        # that flushing it at exit cannot fail a second time, and stop.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 1
    except OSError as error:  # stdin or stdout failed: say so in one line
        print(f"kv_database: {error}", file=sys.stderr)
        return 1
    return 0


# --8<-- [end:loop]

if __name__ == "__main__":
    status = main()
    if status:  # only a failure raises SystemExit; success just ends the script
        sys.exit(status)
