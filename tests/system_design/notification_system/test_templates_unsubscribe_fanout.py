"""Templates (locale fallback, versions), one-click unsubscribe tokens, and the fan-out."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.notification_system.fanout import (
    Event,
    fan_out,
    lane_for,
    notification_id,
)
from examples.system_design.notification_system.templates import TemplateRegistry
from examples.system_design.notification_system.unsubscribe import (
    ONE_CLICK_BODY,
    unsubscribe_headers,
    verify_one_click,
)

SECRET = b"s" * 32
FORM = "application/x-www-form-urlencoded"
BODY = ONE_CLICK_BODY.encode()


def multipart(fields: dict[str, str], boundary: str = "b0undary") -> tuple[str, bytes]:
    """A multipart/form-data body as a mail client would send it (RFC 7578)."""
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
        for k, v in fields.items()
    ]
    return f"multipart/form-data; boundary={boundary}", (
        "".join(parts) + f"--{boundary}--\r\n"
    ).encode()


def registry() -> TemplateRegistry:
    r = TemplateRegistry()
    r.publish("otp", "en", "Code $code")
    r.publish("otp", "pt", "Codigo $code")
    r.publish("otp", "pt-BR", "Seu codigo $code")
    return r


@pytest.mark.parametrize(
    ("locale", "text"),
    [("pt-BR", "Seu codigo 1"), ("pt-PT", "Codigo 1"), ("de", "Code 1"), ("en", "Code 1")],
)
def test_locales_fall_back_to_parents_then_the_default(locale: str, text: str) -> None:
    assert registry().render("otp", locale, {"code": "1"}).text == text


def test_versions_are_kept_and_can_be_pinned() -> None:
    r = registry()
    assert r.publish("otp", "en", "Your code: $code") == 2
    assert r.render("otp", "en", {"code": "1"}).version == 2
    assert r.render("otp", "en", {"code": "1"}, version=1).text == "Code 1"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda r: r.render("otp", "en", {}), ValueError, r"needs \['code'\]"),
        (lambda r: r.render("otp", "en", {"code": "1"}, version=9), ValueError, "no version 9"),
        (lambda r: r.render("nope", "en", {}), LookupError, "no template 'nope'"),
        (lambda r: r.publish("x", "en", "bad $"), ValueError, "malformed placeholder"),
        (lambda r: r.publish("", "en", "x"), ValueError, "required"),
    ],
)
def test_template_errors_are_clear(call, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        call(registry())


def test_a_one_click_post_unsubscribes_the_right_user() -> None:
    headers = unsubscribe_headers("https://n.example.com", 42, "marketing", SECRET)
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    uri = headers["List-Unsubscribe"]
    assert uri.startswith("<https://n.example.com/unsubscribe/") and uri.endswith(">")
    token = uri[1:-1].rsplit("/", 1)[1]
    assert verify_one_click(token, FORM, BODY, SECRET) == (42, "marketing")


def test_one_click_accepts_both_bodies_rfc_8058_allows() -> None:
    uri = unsubscribe_headers("https://x.example", 7, "digest", SECRET)["List-Unsubscribe"]
    token = uri[1:-1].rsplit("/", 1)[1]
    # Section 3.1: SHOULD be multipart/form-data, MAY be urlencoded.
    content_type, body = multipart({"List-Unsubscribe": "One-Click"})
    assert verify_one_click(token, content_type, body, SECRET) == (7, "digest")
    assert verify_one_click(token, FORM + "; charset=utf-8", BODY, SECRET) == (7, "digest")
    assert verify_one_click(token, FORM, BODY + b"\r\n", SECRET) == (7, "digest")


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", BODY),
        ("application/json", b'{"List-Unsubscribe": "One-Click"}'),
        (FORM, b"List-Unsubscribe=Yes"),
        (FORM, b"%ff%fe=1"),
        (FORM, b"x" * 5_000),
        (FORM + "\r\nX-Evil: 1", BODY),
        multipart({"List-Unsubscribe": "Later"}),
        ("multipart/form-data; boundary=other", multipart({"List-Unsubscribe": "One-Click"})[1]),
    ],
)
def test_anything_but_a_one_click_form_is_refused(content_type: str, body: bytes) -> None:
    uri = unsubscribe_headers("https://x.example", 7, "digest", SECRET)["List-Unsubscribe"]
    token = uri[1:-1].rsplit("/", 1)[1]
    with pytest.raises(ValueError):
        verify_one_click(token, content_type, body, SECRET)


@given(st.integers(0, 10**12), st.sampled_from(["marketing", "digest"]), st.integers(0, 40))
def test_any_edit_to_a_token_is_refused(user: int, category: str, position: int) -> None:
    uri = unsubscribe_headers("https://x.example", user, category, SECRET)["List-Unsubscribe"]
    token = uri[1:-1].rsplit("/", 1)[1]
    i = position % len(token)
    forged = token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]
    with pytest.raises(ValueError):
        verify_one_click(forged, FORM, BODY, SECRET)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("http://x.example", 1, "marketing", SECRET), "HTTPS"),
        (("https://x.example", 1, "a:b", SECRET), "plain name"),
        (("https://x.example", 1, "marketing", b"short"), "32 bytes"),
    ],
)
def test_unsubscribe_headers_refuse_bad_input(args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        unsubscribe_headers(*args)


def test_a_get_style_body_or_a_garbled_token_does_not_unsubscribe() -> None:
    uri = unsubscribe_headers("https://x.example", 1, "marketing", SECRET)["List-Unsubscribe"]
    token = uri[1:-1].rsplit("/", 1)[1]
    with pytest.raises(ValueError, match="not a one-click"):
        verify_one_click(token, FORM, b"", SECRET)
    with pytest.raises(ValueError, match="malformed"):
        verify_one_click("no-dot", FORM, BODY, SECRET)
    with pytest.raises(ValueError, match="bad signature"):
        verify_one_click(token, FORM, BODY, b"t" * 32)


channel_sets = st.lists(st.sampled_from(["sms", "push", "email"]), min_size=1, max_size=3, unique=True)


@given(st.integers(1, 50), st.integers(0, 300), channel_sets)
def test_fan_out_makes_one_job_per_user_and_channel(batch: int, users: int, channels: list[str]) -> None:
    event = Event("e1", "order_shipped", tuple(channels))
    batches = list(fan_out(event, range(users), batch_size=batch))
    jobs = [j for b in batches for j in b]
    assert len(jobs) == users * len(channels)
    assert len({j.notification_id for j in jobs}) == len(jobs)
    assert all(len(b) <= batch * len(channels) for b in batches)
    assert jobs == [j for b in fan_out(event, range(users), batch_size=7) for j in b]


def test_ids_and_lanes() -> None:
    assert notification_id("e", 1, "sms") == notification_id("e", 1, "sms")
    assert notification_id("e", 1, "sms") != notification_id("e", 1, "push")
    assert notification_id("e", 11, "x") != notification_id("e1", 1, "x")
    assert [lane_for(k) for k in ("otp", "security_alert", "campaign", "order_shipped")] == [
        "critical", "critical", "bulk", "transactional"
    ]


def test_fan_out_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="batch_size"):
        next(fan_out(Event("e", "otp", ("sms",)), [1], batch_size=0))
    with pytest.raises(ValueError, match="names no channel"):
        next(fan_out(Event("e", "otp", ()), [1]))
