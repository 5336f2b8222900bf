"""A CLI session as a terminal shows it, produced by the CLI's own loop.

`run(..., echo=True)` writes each command after "> " before its reply, so the
transcript below is exactly what `cli.py` prints, plus the typed commands.
"""

import io

from examples.machine_coding.kv_database.cli import run

SCRIPT = """\
SET a 10
SET b 10
COUNT 10
GET c
BEGIN
SET a 20
BEGIN
UNSET b
GET b
COUNT 10
ROLLBACK
GET b
COUNT 10
COMMIT
GET a
ROLLBACK
SET a
FLY away
get a
END
"""

if __name__ == "__main__":
    # --8<-- [start:transcript]
    screen = io.StringIO()
    run(SCRIPT.splitlines(), screen, echo=True)
    print(screen.getvalue(), end="")
    """
    > SET a 10
    > SET b 10
    > COUNT 10
    2
    > GET c
    NULL
    > BEGIN
    > SET a 20
    > BEGIN
    > UNSET b
    > GET b
    NULL
    > COUNT 10
    0
    > ROLLBACK
    > GET b
    10
    > COUNT 10
    1
    > COMMIT
    > GET a
    20
    > ROLLBACK
    NO TRANSACTION
    > SET a
    ERROR: SET takes 2 argument(s), got 1; usage: SET <key> <value>
    > FLY away
    ERROR: unknown command 'FLY'; known: BEGIN, COMMIT, COUNT, DELETE, END, GET, ROLLBACK, SET, UNSET
    > get a
    20
    > END
    """
    # --8<-- [end:transcript]
