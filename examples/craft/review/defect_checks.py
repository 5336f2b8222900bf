"""Each blocking review comment, as a scenario run against both revisions.

A scenario builds a fresh database and a stand-in mail API, runs one sign-up
story against a revision's `Signup`, and says in a few words what happened.
tests/craft/review/test_signup.py asserts the right outcome for each one and
expects revision 1 to fail it; the demo below prints both side by side.
"""

from __future__ import annotations

import inspect
import logging
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from examples.craft.review import signup_after, signup_before
from examples.craft.review.mail_stub import mail_api, silent_mail_api

REVISIONS = {"revision 1": signup_before, "revision 2": signup_after}
SHORT_MAIL_TIMEOUT_S = 0.1  # given to a revision that takes a timeout at all
HUNG_AFTER_S = 1.5  # a sign-up still running after this long is stuck


def make_signup(revision: ModuleType, db: sqlite3.Connection, url: str) -> Any:
    """The revision's Signup; a short mail timeout where it accepts one."""
    if "mail_timeout" in inspect.signature(revision.Signup).parameters:
        return revision.Signup(db, url, mail_timeout=SHORT_MAIL_TIMEOUT_S)
    return revision.Signup(db, url)


def user_of(result: Any) -> Any:
    """Revision 2 returns a Registration, revision 1 the bare User."""
    return getattr(result, "user", result)


# --8<-- [start:injection]
def apostrophe_in_email(revision: ModuleType) -> str:
    """Sign up with a valid address that holds a quote."""
    with mail_api() as api, closing(sqlite3.connect(":memory:")) as db:
        signup = make_signup(revision, db, api.url)
        try:
            signup.register("Liam", "o'brien@example.com")
        except sqlite3.Error as error:
            return type(error).__name__
        return "registered"


def quote_trick_in_email(revision: ModuleType) -> str:
    """With one user stored, sign up with x' OR '1'='1 as the address."""
    with mail_api() as api, closing(sqlite3.connect(":memory:")) as db:
        signup = make_signup(revision, db, api.url)
        signup.register("Ann", "ann@example.com")
        try:
            signup.register("Eve", "x' OR '1'='1")
        except revision.EmailTakenError:
            return "EmailTakenError, for an address nobody has"
        return "registered"


# --8<-- [end:injection]


# --8<-- [start:race]
@contextmanager
def two_connections() -> Iterator[tuple[sqlite3.Connection, sqlite3.Connection]]:
    """Two connections to one database file, like two web workers."""
    with tempfile.TemporaryDirectory(prefix="hb-review-") as folder:
        path = Path(folder) / "users.db"
        first = sqlite3.connect(path, timeout=5, check_same_thread=False)
        second = sqlite3.connect(path, timeout=5, check_same_thread=False)
        with closing(first), closing(second):
            yield first, second


def two_signups_at_once(revision: ModuleType) -> str:
    """Two requests sign up one email, and both pass any check before inserting.

    A barrier in SQLite's trace callback holds each thread at its INSERT until
    both are there: the interleaving a double-click makes now and then,
    made to happen every time.
    """
    both_at_insert = threading.Barrier(2, timeout=10)

    def hold_inserts(statement: str) -> None:
        if statement.startswith("INSERT"):
            both_at_insert.wait()

    outcomes: list[str] = []
    with mail_api() as api, two_connections() as connections:
        signups = [make_signup(revision, db, api.url) for db in connections]
        for db in connections:
            db.set_trace_callback(hold_inserts)

        def sign_up(signup: Any) -> None:
            try:
                signup.register("Ann", "ann@example.com")
                outcomes.append("ok")
            except revision.EmailTakenError:
                outcomes.append("EmailTakenError")

        threads = [threading.Thread(target=sign_up, args=(s,)) for s in signups]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        count = "SELECT count(*) FROM users WHERE email = ?"
        (users,) = connections[0].execute(count, ("ann@example.com",)).fetchone()
        emails = len(api.received)
    refused = outcomes.count("EmailTakenError")
    return f"users stored: {users}, welcome emails: {emails}, refused: {refused}"


# --8<-- [end:race]


# --8<-- [start:mail]
@contextmanager
def production_logging(revision: ModuleType) -> Iterator[list[logging.LogRecord]]:
    """Collect what the revision logs at INFO and above, as production keeps it."""
    logger = logging.getLogger(revision.__name__)
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.INFO)
    handler.emit = records.append  # type: ignore[method-assign]
    old_level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def mail_api_down(revision: ModuleType) -> str:
    """The mail API answers 503 Service Unavailable."""
    with (
        mail_api(503) as api,
        closing(sqlite3.connect(":memory:")) as db,
        production_logging(revision) as records,
    ):
        result = make_signup(revision, db, api.url).register("Ann", "ann@example.com")
    told = "told" if getattr(result, "welcome_sent", True) is False else "not told"
    logged = ", ".join(r.levelname for r in records) or "nothing"
    return f"caller {told}, logged: {logged}"


def silent_mail(revision: ModuleType) -> str:
    """The mail API takes the connection and never answers."""
    results: list[Any] = []
    with (
        closing(sqlite3.connect(":memory:", check_same_thread=False)) as db,
        production_logging(revision),
    ):
        with silent_mail_api() as url:
            signup = make_signup(revision, db, url)
            worker = threading.Thread(
                target=lambda: results.append(signup.register("Ann", "a@example.com")),
                daemon=True,
            )
            worker.start()
            worker.join(HUNG_AFTER_S)
            stuck = worker.is_alive()
        worker.join(timeout=10)  # closing the socket reset the call it hung on
    if stuck:
        return f"still waiting after {HUNG_AFTER_S} s"
    return f"returned, welcome_sent={results[0].welcome_sent}"


# --8<-- [end:mail]


if __name__ == "__main__":
    # --8<-- [start:demo]
    checks = [
        ("apostrophe in the email", apostrophe_in_email),
        ("x' OR '1'='1 as the email", quote_trick_in_email),
        ("two sign-ups, one email, at once", two_signups_at_once),
        ("mail API answers 503", mail_api_down),
        ("mail API never answers", silent_mail),
    ]
    lines = []
    for title, check in checks:
        lines.append(title)
        lines += [f"  {name}: {check(rev)}" for name, rev in REVISIONS.items()]
    for line in lines:
        print(line)
        #> apostrophe in the email
        #>   revision 1: OperationalError
        #>   revision 2: registered
        #> x' OR '1'='1 as the email
        #>   revision 1: EmailTakenError, for an address nobody has
        #>   revision 2: registered
        #> two sign-ups, one email, at once
        #>   revision 1: users stored: 2, welcome emails: 2, refused: 0
        #>   revision 2: users stored: 1, welcome emails: 1, refused: 1
        #> mail API answers 503
        #>   revision 1: caller not told, logged: nothing
        #>   revision 2: caller told, logged: WARNING
        #> mail API never answers
        #>   revision 1: still waiting after 1.5 s
        #>   revision 2: returned, welcome_sent=False
    # --8<-- [end:demo]
    # --8<-- [start:race_before]
    print(two_signups_at_once(signup_before))
    #> users stored: 2, welcome emails: 2, refused: 0
    # --8<-- [end:race_before]
