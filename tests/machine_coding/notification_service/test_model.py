"""SendRequest validation and fingerprints, channel parsing, terminal states."""

from __future__ import annotations

import pytest

from examples.machine_coding.notification_service.errors import (
    InvalidChannelError,
    InvalidFieldError,
    NotificationError,
)
from examples.machine_coding.notification_service.model import (
    Channel,
    Delivery,
    DeliveryStatus,
    SendRequest,
    parse_channels,
)


def test_channel_names_become_channels_in_order() -> None:
    assert parse_channels(["sms", "email"]) == (Channel.SMS, Channel.EMAIL)


@pytest.mark.parametrize(
    ("channels", "message"),
    [
        (["fax"], "'fax' is not a channel; use one of: email, sms, push, in_app"),
        (["sms", "sms"], "channel 'sms' is listed twice"),
        ([], "at least one channel is required"),
    ],
)
def test_bad_channel_lists_are_refused_with_a_clear_message(channels: list[str], message: str) -> None:
    with pytest.raises(InvalidChannelError) as caught:
        parse_channels(channels)
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


def test_a_request_normalizes_channels_and_copies_variables() -> None:
    variables = {"name": "Ada"}
    request = SendRequest("ada", "welcome", ("email",), variables)
    variables["name"] = "changed later"
    assert request.channels == (Channel.EMAIL,)
    assert request.variables["name"] == "Ada"
    with pytest.raises(TypeError):
        request.variables["name"] = "x"  # type: ignore[index]


@pytest.mark.parametrize("field", ["user_id", "template"])
@pytest.mark.parametrize("bad", ["", "   ", "\t\n", None, 7])
def test_user_and_template_must_be_non_blank_strings(field: str, bad: object) -> None:
    values: dict = {"user_id": "ada", "template": "welcome", "channels": ("sms",)}
    values[field] = bad
    with pytest.raises(InvalidFieldError) as caught:
        SendRequest(**values)
    # A NotificationError naming its field, so the HTTP layer answers 422, not 500.
    assert isinstance(caught.value, NotificationError | ValueError)
    assert caught.value.field == field
    assert str(caught.value) == f"{field} must be a non-blank string"


def test_a_single_string_is_not_a_channel_list() -> None:
    # "sms" iterates as "s", "m", "s": refuse it instead of a confusing error.
    with pytest.raises(InvalidChannelError, match="a list"):
        SendRequest("ada", "welcome", "sms")  # type: ignore[arg-type]


def test_variables_must_be_strings() -> None:
    with pytest.raises(TypeError, match="strings"):
        SendRequest("ada", "welcome", ("sms",), {"count": 3})  # type: ignore[dict-item]


def test_fingerprint_ignores_channel_order_but_not_content() -> None:
    one = SendRequest("ada", "welcome", ("sms", "email"), {"name": "Ada"})
    same = SendRequest("ada", "welcome", ("email", "sms"), {"name": "Ada"})
    other_value = SendRequest("ada", "welcome", ("sms", "email"), {"name": "Bob"})
    other_user = SendRequest("bob", "welcome", ("sms", "email"), {"name": "Ada"})
    assert one.fingerprint() == same.fingerprint()
    assert one.fingerprint() != other_value.fingerprint()
    assert one.fingerprint() != other_user.fingerprint()


def test_only_queued_and_deferred_are_not_terminal() -> None:
    waiting = {s for s in DeliveryStatus if not s.terminal}
    assert waiting == {DeliveryStatus.QUEUED, DeliveryStatus.DEFERRED}


def test_a_delivery_key_is_notification_and_channel() -> None:
    delivery = Delivery("ntf_1", Channel.PUSH, "device-1", DeliveryStatus.QUEUED, 0.0)
    assert delivery.key == ("ntf_1", Channel.PUSH)
