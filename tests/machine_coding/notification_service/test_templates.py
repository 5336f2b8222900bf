"""Rendering: every variable required, HTML values escaped, subjects guarded."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.notification_service.errors import (
    InvalidVariableError,
    MissingVariableError,
    UnknownTemplateError,
)
from examples.machine_coding.notification_service.model import Channel
from examples.machine_coding.notification_service.templates import Template, TemplateStore


def shipped() -> Template:
    return Template(
        name="shipped",
        category="orders",
        text="Hi $name, order $order_id shipped.",
        email_subject="Order $order_id",
        email_html="<p>Hi $name, order <b>$order_id</b>. Price: $$5</p>",
    )


def test_variables_are_collected_from_every_part() -> None:
    assert shipped().variables == {"name", "order_id"}


@pytest.mark.parametrize("channel", [Channel.SMS, Channel.PUSH, Channel.IN_APP])
def test_text_channels_get_plain_text(channel: Channel) -> None:
    message = shipped().render(channel, {"name": "<Ada>", "order_id": "7"})
    assert message.body == "Hi <Ada>, order 7 shipped."
    assert message.subject is None


def test_email_escapes_values_but_not_the_template_markup() -> None:
    message = shipped().render(Channel.EMAIL, {"name": '<script>"x"</script>', "order_id": "7"})
    assert message.subject == "Order 7"
    assert message.body == ("<p>Hi &lt;script&gt;&quot;x&quot;&lt;/script&gt;, order <b>7</b>. Price: $5</p>")


def test_a_missing_variable_names_every_missing_one() -> None:
    with pytest.raises(MissingVariableError) as caught:
        shipped().render(Channel.SMS, {})
    assert caught.value.missing == ["name", "order_id"]
    assert str(caught.value) == "template 'shipped' needs variables: name, order_id"


def test_extra_variables_are_ignored() -> None:
    message = shipped().render(Channel.SMS, {"name": "Ada", "order_id": "7", "x": "y"})
    assert message.body == "Hi Ada, order 7 shipped."


@pytest.mark.parametrize("value", ["7\r\nBcc: all@example.com", "7\n"])
def test_a_line_break_cannot_reach_the_subject(value: str) -> None:
    with pytest.raises(InvalidVariableError, match="order_id"):
        shipped().render(Channel.EMAIL, {"name": "Ada", "order_id": value})


def test_a_line_break_is_fine_in_a_body_only_variable() -> None:
    message = shipped().render(Channel.EMAIL, {"name": "Ada\nLovelace", "order_id": "7"})
    assert "Ada\nLovelace" in message.body


@pytest.mark.parametrize(
    "fields",
    [
        {"text": "Hi $"},
        {"email_subject": "Cost ${"},
        {"email_html": "<p>$1</p>"},
    ],
)
def test_malformed_placeholders_are_refused_at_registration(fields: dict) -> None:
    values = {"name": "t", "category": "c", "text": "x", "email_subject": "s", "email_html": "h"}
    with pytest.raises(ValueError, match="malformed placeholder"):
        Template(**{**values, **fields})


@pytest.mark.parametrize("fields", [{"name": ""}, {"category": ""}])
def test_a_template_needs_a_name_and_category(fields: dict) -> None:
    values = {"name": "t", "category": "c", "text": "x", "email_subject": "s", "email_html": "h"}
    with pytest.raises(ValueError, match="name and a category"):
        Template(**{**values, **fields})


def test_store_finds_templates_and_refuses_unknown_names_and_reuse() -> None:
    store = TemplateStore((shipped(),))
    assert store.get("shipped") == shipped()
    with pytest.raises(UnknownTemplateError) as caught:
        store.get("nope")
    assert str(caught.value) == "there is no template named 'nope'"
    assert isinstance(caught.value, KeyError)
    with pytest.raises(ValueError, match="already exists"):
        store.add(shipped())
    assert store.get("shipped") == shipped()  # the refused add changed nothing


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_no_value_can_open_a_tag_in_the_email_body(value: str) -> None:
    body = shipped().render(Channel.EMAIL, {"name": value, "order_id": "7"}).body
    inserted = body.removeprefix("<p>Hi ").split(", order <b>7</b>")[0]
    assert "<" not in inserted
    assert ">" not in inserted
    assert '"' not in inserted
