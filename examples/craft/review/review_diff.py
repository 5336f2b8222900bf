"""The review of the sign-up pull request: a generated diff, comments on its lines.

The diff is not typed: difflib compares the `pr` sections of signup_before.py
(revision 1, as opened) and signup_after.py (revision 2, as merged). Each
comment names the exact diff line it is attached to, so a change to either
file that moves or removes that line fails the tests instead of leaving a
comment pointing at nothing. Comments follow the Conventional Comments format
(conventionalcomments.org): `label (decoration): text`.
"""

# The printed diff quotes revision 1's noqa comments, which ruff would read
# as this file's own and report as unused.
# ruff: noqa: RUF100

from __future__ import annotations

import difflib
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from examples.craft.review import signup_after, signup_before

# The modules' own files (this one may run from a copy elsewhere).
BEFORE = Path(signup_before.__file__)
AFTER = Path(signup_after.__file__)

# --8<-- [start:comment]
# Labels from conventionalcomments.org. These may hold up a merge, when the
# reviewer decorates them (blocking):
MAY_BLOCK = {"issue", "suggestion", "question", "todo", "chore"}
# and these never do:
NEVER_BLOCKING = {"nitpick", "praise", "thought", "note"}


@dataclass(frozen=True)
class Comment:
    """One review comment, on one line of the diff (None: on the whole PR)."""

    line: str | None
    label: str
    text: str
    blocking: bool = False
    test: str | None = None  # the test in tests/craft/review/ that shows it

    def __post_init__(self) -> None:
        if self.label not in MAY_BLOCK | NEVER_BLOCKING:
            raise ValueError(f"unknown label {self.label!r}")
        if self.blocking and self.label in NEVER_BLOCKING:
            raise ValueError(f"a {self.label} cannot block a merge")

    @property
    def grade(self) -> str:
        """blocking, suggestion or nit; praise and questions carry no grade."""
        if self.blocking:
            return "blocking"
        return {"nitpick": "nit", "suggestion": "suggestion"}.get(self.label, "-")

    def render(self, width: int = 75) -> list[str]:
        if self.label in NEVER_BLOCKING:
            head = self.label
        else:
            head = f"{self.label} ({'blocking' if self.blocking else 'non-blocking'})"
        tail = f" Test: {self.test}." if self.test else ""
        return textwrap.wrap(
            f"{head}: {self.text}{tail}",
            width,
            initial_indent="  ^-- ",
            subsequent_indent="      ",
        )


# --8<-- [end:comment]

# --8<-- [start:comments]
PR_COMMENTS = [
    Comment(None, "praise", "One small change about one thing: quick to review."),
    Comment(
        None,
        "issue",
        "No test covers a taken email, a failing mail API or a slow one. Each"
        " blocking comment below names a test that shows the defect; please add"
        " them to this PR.",
        blocking=True,
    ),
]
LINE_COMMENTS = [
    Comment(
        "-    email TEXT NOT NULL",
        "question",
        "Can two users share an email? If not, only the database can enforce"
        " it. users_store.py already owns this table, with UNIQUE COLLATE"
        " NOCASE on email: could this use UsersStore?",
    ),
    Comment(
        "-class EmailTakenError(Exception):",
        "suggestion",
        "users_store.py has User and EmailTakenError already, and users_app.py"
        " maps that EmailTakenError to a 409. This is another class with the"
        " same name: behind that route, a taken email would be a 500.",
    ),
    Comment(
        "-        sql = f\"SELECT 1 FROM users WHERE email='{email}'\"  # noqa: S608",
        "issue",
        "The email becomes SQL text. o'brien@example.com, a valid address, is"
        " a syntax error, and x' OR '1'='1 matches every row. Bind it with ?,"
        " as the INSERT does. The noqa silences S608, the rule that caught it.",
        blocking=True,
        test="test_apostrophe_in_email",
    ),
    Comment(
        "-        if self.db.execute(sql).fetchone():",
        "issue",
        "Check, then insert: two sign-ups with one email (a double-click) can"
        " both find no row and both insert. Only a UNIQUE constraint decides"
        " atomically; UsersStore.add relies on one.",
        blocking=True,
        test="test_two_signups_at_once",
    ),
    Comment(
        "-        cursor = self.db.execute(insert, (name, email))",
        "praise",
        "Bound parameters here: exactly right.",
    ),
    Comment(
        "-            self.send_welcome(user)",
        "suggestion",
        "A crash between the commit and this call loses the email for good;"
        " an outbox row written in the same transaction would survive it. Fine"
        " as a follow-up: can you open a ticket?",
    ),
    Comment(
        "-        except Exception:",
        "issue",
        "This hides every failure, a mail outage and a bug of ours alike, and"
        " DEBUG is off in production: nobody learns that users get no welcome"
        " email. Catch requests.RequestException, log a WARNING with the user"
        " id (not the address), tell the caller.",
        blocking=True,
        test="test_mail_api_failure_is_reported",
    ),
    Comment(
        "-    def send_welcome(self, user: User) -> None:",
        "nitpick",
        "Only register() calls this; _send_welcome would say so.",
    ),
    Comment(
        "-        res = requests.post(  # noqa: S113",
        "issue",
        "requests has no default timeout: a mail API that takes the connection"
        " and never answers holds this request, and its worker thread, forever."
        " Pass timeout=; the noqa hides S113, the rule for exactly this.",
        blocking=True,
        test="test_silent_mail_api",
    ),
    Comment("-        res.raise_for_status()", "nitpick", "response, not res."),
]
# --8<-- [end:comments]


def pr_section(path: Path) -> tuple[int, list[str]]:
    """The lines between `[start:pr]` and `[end:pr]`, and the first one's number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if line.endswith("[start:pr]")]
    ends = [i for i, line in enumerate(lines) if line.endswith("[end:pr]")]
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        raise ValueError(f"{path.name} needs one pr section, start before end")
    return starts[0] + 2, lines[starts[0] + 1 : ends[0]]


_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@$")


def unified_diff(before: Path = BEFORE, after: Path = AFTER) -> list[str]:
    """The diff of the two pr sections, with the files' own line numbers."""
    old_first, old = pr_section(before)
    new_first, new = pr_section(after)
    lines = []
    diff = difflib.unified_diff(old, new, "a/signup.py", "b/signup.py", n=1)
    for line in diff:
        line = line.rstrip()  # a blank context line is " ": print it as ""
        if match := _HUNK.match(line):
            old_at = int(match[1]) + old_first - 1
            new_at = int(match[3]) + new_first - 1
            line = f"@@ -{old_at}{match[2] or ''} +{new_at}{match[4] or ''} @@"
        lines.append(line)
    return lines


def hunks(diff: list[str]) -> list[list[str]]:
    """Split a diff into its hunks; each starts with its @@ line."""
    parts: list[list[str]] = []
    for line in diff[2:]:  # past the --- and +++ lines
        if line.startswith("@@"):
            parts.append([])
        parts[-1].append(line)
    return parts


def annotate(lines: list[str], comments: list[Comment] = LINE_COMMENTS) -> list[str]:
    """The diff lines behind a "| " gutter, each followed by its comments."""
    out = []
    for line in lines:
        out.append(f"| {line}".rstrip())
        for comment in comments:
            if comment.line == line:
                out.extend(comment.render())
    return out


if __name__ == "__main__":
    diff = unified_diff()
    # --8<-- [start:summary]
    removed = sum(1 for line in diff[2:] if line.startswith("-"))
    added = sum(1 for line in diff[2:] if line.startswith("+"))
    print(f"{len(hunks(diff))} hunks, -{removed} +{added} lines")
    #> 3 hunks, -35 +39 lines
    grades = [c.grade for c in PR_COMMENTS + LINE_COMMENTS]
    print({grade: grades.count(grade) for grade in ("blocking", "suggestion", "nit")})
    #> {'blocking': 5, 'suggestion': 2, 'nit': 2}
    for line in [line for comment in PR_COMMENTS for line in comment.render()]:
        print(line)
        #>   ^-- praise: One small change about one thing: quick to review.
        #>   ^-- issue (blocking): No test covers a taken email, a failing mail API or
        #>       a slow one. Each blocking comment below names a test that shows the
        #>       defect; please add them to this PR.
    # --8<-- [end:summary]
    parts = hunks(diff)
    # --8<-- [start:hunk_1]
    for line in annotate(parts[0]):
        print(line)
        #> | @@ -17,11 +17,15 @@
        #> |
        #> | +from examples.apis.rest.users_store import (
        #> | +    EmailTakenError,
        #> | +    User,
        #> | +    UsersStore,
        #> | +)
        #> | +
        #> | +__all__ = ["EmailTakenError", "Registration", "Signup"]
        #> | +
        #> |  log = logging.getLogger(__name__)
        #> |
        #> | -SCHEMA = """
        #> | -CREATE TABLE IF NOT EXISTS users (
        #> | -    id    INTEGER PRIMARY KEY AUTOINCREMENT,
        #> | -    name  TEXT NOT NULL,
        #> | -    email TEXT NOT NULL
        #>   ^-- question (non-blocking): Can two users share an email? If not, only
        #>       the database can enforce it. users_store.py already owns this table,
        #>       with UNIQUE COLLATE NOCASE on email: could this use UsersStore?
        #> | -)
        #> | -"""
        #> | +# Seconds to connect, and to wait for each read of the answer:
        #> | +# neither one caps the whole call.
        #> | +MAIL_TIMEOUT_S = (2.0, 5.0)
        #> |
    # --8<-- [end:hunk_1]
    # --8<-- [start:hunk_2]
    for line in annotate(parts[1]):
        print(line)
        #> | @@ -29,10 +33,5 @@
        #> |  @dataclass(frozen=True)
        #> | -class User:
        #> | -    id: int
        #> | -    name: str
        #> | -    email: str
        #> | -
        #> | -
        #> | -class EmailTakenError(Exception):
        #>   ^-- suggestion (non-blocking): users_store.py has User and
        #>       EmailTakenError already, and users_app.py maps that EmailTakenError
        #>       to a 409. This is another class with the same name: behind that
        #>       route, a taken email would be a 500.
        #> | -    pass
        #> | +class Registration:
        #> | +    user: User
        #> | +    welcome_sent: bool  # False: the caller schedules a resend
        #> |
    # --8<-- [end:hunk_2]
    # --8<-- [start:hunk_3]
    for line in annotate(parts[2]):
        print(line)
        #> | @@ -42,26 +41,31 @@
        #> |
        #> | -    def __init__(self, db: sqlite3.Connection, mail_url: str) -> None:
        #> | -        self.db = db
        #> | -        self.mail_url = mail_url
        #> | -        self.db.execute(SCHEMA)
        #> | +    def __init__(
        #> | +        self,
        #> | +        db: sqlite3.Connection,
        #> | +        mail_url: str,
        #> | +        *,
        #> | +        mail_timeout: float | tuple[float, float] = MAIL_TIMEOUT_S,
        #> | +    ) -> None:
        #> | +        self._users = UsersStore(db)
        #> | +        self._mail_url = mail_url
        #> | +        self._mail_timeout = mail_timeout
        #> |
        #> | -    def register(self, name: str, email: str) -> User:
        #> | -        sql = f"SELECT 1 FROM users WHERE email='{email}'"  # noqa: S608
        #>   ^-- issue (blocking): The email becomes SQL text. o'brien@example.com, a
        #>       valid address, is a syntax error, and x' OR '1'='1 matches every row.
        #>       Bind it with ?, as the INSERT does. The noqa silences S608, the rule
        #>       that caught it. Test: test_apostrophe_in_email.
        #> | -        if self.db.execute(sql).fetchone():
        #>   ^-- issue (blocking): Check, then insert: two sign-ups with one email (a
        #>       double-click) can both find no row and both insert. Only a UNIQUE
        #>       constraint decides atomically; UsersStore.add relies on one. Test:
        #>       test_two_signups_at_once.
        #> | -            raise EmailTakenError(email)
        #> | -        insert = "INSERT INTO users (name, email) VALUES (?, ?)"
        #> | -        cursor = self.db.execute(insert, (name, email))
        #>   ^-- praise: Bound parameters here: exactly right.
        #> | -        self.db.commit()
        #> | -        user = User(cursor.lastrowid, name, email)
        #> | +    def register(self, name: str, email: str) -> Registration:
        #> | +        """Store the user, then email them. Raises EmailTakenError."""
        #> | +        # The UNIQUE constraint decides, in one statement: no race.
        #> | +        user = self._users.add(name, email)
        #> |          try:
        #> | -            self.send_welcome(user)
        #>   ^-- suggestion (non-blocking): A crash between the commit and this call
        #>       loses the email for good; an outbox row written in the same
        #>       transaction would survive it. Fine as a follow-up: can you open a
        #>       ticket?
        #> | -        except Exception:
        #>   ^-- issue (blocking): This hides every failure, a mail outage and a bug
        #>       of ours alike, and DEBUG is off in production: nobody learns that
        #>       users get no welcome email. Catch requests.RequestException, log a
        #>       WARNING with the user id (not the address), tell the caller. Test:
        #>       test_mail_api_failure_is_reported.
        #> | -            log.debug("welcome email failed")
        #> | -        return user
        #> | +            self._send_welcome(user)
        #> | +        except requests.RequestException as error:
        #> | +            log.warning("welcome not sent, user %d: %s", user.id, error)
        #> | +            return Registration(user, welcome_sent=False)
        #> | +        return Registration(user, welcome_sent=True)
        #> |
        #> | -    def send_welcome(self, user: User) -> None:
        #>   ^-- nitpick: Only register() calls this; _send_welcome would say so.
        #> | -        res = requests.post(  # noqa: S113
        #>   ^-- issue (blocking): requests has no default timeout: a mail API that
        #>       takes the connection and never answers holds this request, and its
        #>       worker thread, forever. Pass timeout=; the noqa hides S113, the rule
        #>       for exactly this. Test: test_silent_mail_api.
        #> | -            self.mail_url, json={"to": user.email, "name": user.name}
        #> | +    def _send_welcome(self, user: User) -> None:
        #> | +        response = requests.post(
        #> | +            self._mail_url,
        #> | +            json={"to": user.email, "name": user.name},
        #> | +            timeout=self._mail_timeout,
        #> |          )
        #> | -        res.raise_for_status()
        #>   ^-- nitpick: response, not res.
        #> | +        response.raise_for_status()
        #> |
    # --8<-- [end:hunk_3]
