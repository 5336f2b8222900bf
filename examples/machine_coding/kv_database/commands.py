"""Turn one line of user input into a validated command, or a clear error.

The parser knows nothing about the database: it checks the command name and
the number of arguments, so it can be tested alone and every command that
reaches the database is well formed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


# --8<-- [start:grammar]
class CommandName(StrEnum):
    """Every command the front end understands."""

    SET = "SET"
    GET = "GET"
    DELETE = "DELETE"
    COUNT = "COUNT"
    BEGIN = "BEGIN"
    ROLLBACK = "ROLLBACK"
    COMMIT = "COMMIT"
    END = "END"


# The names of each command's arguments, used for checking and for messages.
PARAMETERS: dict[CommandName, tuple[str, ...]] = {
    CommandName.SET: ("key", "value"),
    CommandName.GET: ("key",),
    CommandName.DELETE: ("key",),
    CommandName.COUNT: ("value",),
    CommandName.BEGIN: (),
    CommandName.ROLLBACK: (),
    CommandName.COMMIT: (),
    CommandName.END: (),
}

ALIASES: dict[str, CommandName] = {"UNSET": CommandName.DELETE}


@dataclass(frozen=True)
class Command:
    """A parsed command: its name and exactly the arguments it needs."""

    name: CommandName
    args: tuple[str, ...] = ()


class CommandError(ValueError):
    """A line that is not a valid command; the message says what to type."""


# --8<-- [end:grammar]


# --8<-- [start:parse]
def parse_command(line: str) -> Command | None:
    """Parse one input line. Return None for a blank line.

    Command names are case-insensitive; keys and values are case-sensitive
    tokens separated by whitespace (no quoting, so no spaces inside them).
    """
    if not isinstance(line, str):
        raise TypeError(f"line must be a str, got {type(line).__name__}")
    if not _is_text(line):
        raise CommandError(
            "the line is not valid text: it holds bytes the input encoding cannot decode"
        )
    tokens = line.split()
    if not tokens:
        return None
    word, *args = tokens
    name = _lookup(word)
    expected = PARAMETERS[name]
    if len(args) != len(expected):
        usage = " ".join([name, *(f"<{param}>" for param in expected)])
        raise CommandError(
            f"{name} takes {len(expected)} argument(s), got {len(args)}; usage: {usage}"
        )
    return Command(name, tuple(args))


def _is_text(line: str) -> bool:
    # Undecodable input bytes read with errors="surrogateescape" arrive as lone
    # surrogates, and only those make encoding a str to UTF-8 fail.
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _lookup(word: str) -> CommandName:
    upper = word.upper()
    if upper in ALIASES:
        return ALIASES[upper]
    try:
        return CommandName(upper)
    except ValueError:
        known = ", ".join(sorted([*CommandName, *ALIASES]))
        raise CommandError(f"unknown command {word!r}; known: {known}") from None


# --8<-- [end:parse]
