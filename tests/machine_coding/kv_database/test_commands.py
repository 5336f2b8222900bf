"""The command parser alone: every command, aliases, case, blank lines and bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.kv_database.commands import (
    PARAMETERS,
    Command,
    CommandError,
    CommandName,
    parse_command,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("SET a 10", Command(CommandName.SET, ("a", "10"))),
        ("GET a", Command(CommandName.GET, ("a",))),
        ("DELETE a", Command(CommandName.DELETE, ("a",))),
        ("UNSET a", Command(CommandName.DELETE, ("a",))),
        ("COUNT 10", Command(CommandName.COUNT, ("10",))),
        ("BEGIN", Command(CommandName.BEGIN)),
        ("ROLLBACK", Command(CommandName.ROLLBACK)),
        ("COMMIT", Command(CommandName.COMMIT)),
        ("END", Command(CommandName.END)),
    ],
)
def test_every_command_parses(line: str, expected: Command) -> None:
    assert parse_command(line) == expected


def test_command_names_are_case_insensitive_but_arguments_are_kept_as_typed() -> None:
    assert parse_command("set Key Value") == Command(CommandName.SET, ("Key", "Value"))
    assert parse_command("Unset Key") == Command(CommandName.DELETE, ("Key",))


def test_any_whitespace_separates_tokens() -> None:
    assert parse_command("  SET\ta \t 10  \n") == Command(CommandName.SET, ("a", "10"))


@pytest.mark.parametrize("line", ["", "   ", "\t\n"])
def test_a_blank_line_is_no_command(line: str) -> None:
    assert parse_command(line) is None


def test_an_unknown_command_names_the_word_and_the_known_commands() -> None:
    with pytest.raises(CommandError) as caught:
        parse_command("FLY away")
    message = str(caught.value)
    assert "unknown command 'FLY'" in message
    assert "BEGIN, COMMIT, COUNT, DELETE, END, GET, ROLLBACK, SET, UNSET" in message


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("SET a", "SET takes 2 argument(s), got 1; usage: SET <key> <value>"),
        ("SET a b c", "SET takes 2 argument(s), got 3; usage: SET <key> <value>"),
        ("GET", "GET takes 1 argument(s), got 0; usage: GET <key>"),
        ("GET a b", "GET takes 1 argument(s), got 2; usage: GET <key>"),
        ("UNSET", "DELETE takes 1 argument(s), got 0; usage: DELETE <key>"),
        ("COUNT", "COUNT takes 1 argument(s), got 0; usage: COUNT <value>"),
        ("BEGIN now", "BEGIN takes 0 argument(s), got 1; usage: BEGIN"),
        ("ROLLBACK all", "ROLLBACK takes 0 argument(s), got 1; usage: ROLLBACK"),
        ("COMMIT x y", "COMMIT takes 0 argument(s), got 2; usage: COMMIT"),
        ("END please", "END takes 0 argument(s), got 1; usage: END"),
    ],
)
def test_a_wrong_argument_count_shows_the_usage(line: str, message: str) -> None:
    with pytest.raises(CommandError) as caught:
        parse_command(line)
    assert str(caught.value) == message


def test_command_error_is_a_value_error() -> None:
    assert issubclass(CommandError, ValueError)


@pytest.mark.parametrize("line", ["SET a \udcff", "\udcc3\udca9", "GET \ud800"])
def test_a_line_with_undecodable_bytes_is_a_command_error(line: str) -> None:
    # Lone surrogates are what undecodable input bytes become under
    # errors="surrogateescape"; they are not text, so not a key or a value.
    with pytest.raises(CommandError, match="not valid text"):
        parse_command(line)


def test_non_ascii_text_is_fine() -> None:
    assert parse_command("SET café naïve") == Command(CommandName.SET, ("café", "naïve"))


@pytest.mark.parametrize("line", [None, 42, b"GET a", ["GET", "a"]])
def test_a_line_that_is_not_a_str_is_a_type_error(line: object) -> None:
    with pytest.raises(TypeError, match="line must be a str"):
        parse_command(line)  # type: ignore[arg-type]


def test_every_command_name_has_a_parameter_list() -> None:
    assert set(PARAMETERS) == set(CommandName)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_parses_to_a_well_formed_command_or_a_command_error(line: str) -> None:
    try:
        command = parse_command(line)
    except CommandError:
        return
    if command is None:
        assert not line.split()
    else:
        assert len(command.args) == len(PARAMETERS[command.name])
        assert all(arg and not any(ch.isspace() for ch in arg) for arg in command.args)


TOKENS = st.text(alphabet=st.characters(blacklist_categories=["Z", "C"]), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(key=TOKENS, value=TOKENS)
def test_set_round_trips_any_tokens(key: str, value: str) -> None:
    assert parse_command(f"SET {key} {value}") == Command(CommandName.SET, (key, value))
