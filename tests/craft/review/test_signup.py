"""Each defect the review found fails against revision 1 and passes against revision 2.

Every test states the right behavior and runs on both revisions; revision 1
is expected to fail it (a strict xfail, so a test that stops catching its
defect fails the run). The scenarios live in examples/craft/review/defect_checks.py,
which the code review page prints.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from pathlib import Path
from types import ModuleType

import pytest
import requests

from examples.apis.rest import users_store
from examples.craft.review import defect_checks as checks
from examples.craft.review import signup_after, signup_before
from examples.craft.review.mail_stub import mail_api


def on_both_revisions(defect: str) -> pytest.MarkDecorator:
    """Run on both revisions; revision 1 must fail, because of `defect`."""
    return pytest.mark.parametrize(
        "revision",
        [
            pytest.param(
                signup_before,
                id="revision-1",
                marks=pytest.mark.xfail(strict=True, reason=f"defect: {defect}"),
            ),
            pytest.param(signup_after, id="revision-2"),
        ],
    )


@on_both_revisions("the email is pasted into the SQL text")
def test_apostrophe_in_email(revision: ModuleType) -> None:
    assert checks.apostrophe_in_email(revision) == "registered"


@on_both_revisions("the email is pasted into the SQL text")
def test_quote_trick_does_not_change_the_query(revision: ModuleType) -> None:
    assert checks.quote_trick_in_email(revision) == "registered"


@on_both_revisions("check, then insert: both requests pass the check")
def test_two_signups_at_once(revision: ModuleType) -> None:
    assert checks.two_signups_at_once(revision) == "users stored: 1, welcome emails: 1, refused: 1"


@on_both_revisions("except Exception logs at DEBUG and returns as if the email went out")
def test_mail_api_failure_is_reported(revision: ModuleType) -> None:
    assert checks.mail_api_down(revision) == "caller told, logged: WARNING"


@on_both_revisions("requests has no default timeout")
def test_silent_mail_api(revision: ModuleType) -> None:
    assert checks.silent_mail(revision) == "returned, welcome_sent=False"


@on_both_revisions("except Exception swallows our own bugs too")
def test_a_bug_in_the_mail_code_is_not_swallowed(revision: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_post(*args: object, **kwargs: object) -> None:
        raise TypeError("a bug of ours, not a mail outage")

    monkeypatch.setattr(requests, "post", broken_post)
    with mail_api() as api, closing(sqlite3.connect(":memory:")) as db:
        signup = checks.make_signup(revision, db, api.url)
        with pytest.raises(TypeError, match="a bug of ours"):
            signup.register("Ann", "ann@example.com")


def test_the_merged_revision_sends_the_welcome_email() -> None:
    with mail_api() as api, closing(sqlite3.connect(":memory:")) as db:
        registration = signup_after.Signup(db, api.url).register("Ann", "ann@example.com")
    assert registration.welcome_sent is True
    assert registration.user == users_store.User(1, "Ann", "ann@example.com")
    assert api.received == [{"to": "ann@example.com", "name": "Ann"}]


def test_a_taken_email_is_the_error_the_rest_api_maps_to_409() -> None:
    assert signup_after.EmailTakenError is users_store.EmailTakenError
    with mail_api() as api, closing(sqlite3.connect(":memory:")) as db:
        signup = signup_after.Signup(db, api.url)
        signup.register("Ann", "ann@example.com")
        with pytest.raises(users_store.EmailTakenError):
            signup.register("Ann B", "ANN@example.com")  # COLLATE NOCASE
        assert db.execute("SELECT count(*) FROM users").fetchone() == (1,)
    assert len(api.received) == 1  # no email for the refused sign-up


def test_a_broken_row_is_a_database_error_not_a_taken_email() -> None:
    with mail_api() as api, closing(sqlite3.connect(":memory:")) as db:
        signup = signup_after.Signup(db, api.url)
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint"):
            signup.register("", "ann@example.com")  # the CHECK on name length
    assert api.received == []


def test_the_warning_names_the_user_id_not_the_address(caplog: pytest.LogCaptureFixture) -> None:
    with (
        mail_api(500) as api,
        closing(sqlite3.connect(":memory:")) as db,
        caplog.at_level(logging.INFO, logger=signup_after.__name__),
    ):
        registration = signup_after.Signup(db, api.url).register("Ann", "ann@example.com")
    assert registration.welcome_sent is False
    (record,) = [r for r in caplog.records if r.name == signup_after.__name__]
    assert record.levelno == logging.WARNING
    assert "user 1" in record.getMessage()
    assert "ann@example.com" not in record.getMessage()


def test_the_default_mail_timeout_is_finite() -> None:
    connect_s, read_s = signup_after.MAIL_TIMEOUT_S
    assert 0 < connect_s < 60 and 0 < read_s < 60


def test_revision_1_really_has_no_timeout_and_a_silenced_lint() -> None:
    """The page says the author silenced two lint rules: check that it is so."""
    source = Path(signup_before.__file__).read_text(encoding="utf-8")
    assert "# noqa: S608" in source and "# noqa: S113" in source
    assert "timeout" not in source.split("[start:pr]")[1]
