"""Practice: expand a run-length encoded string such as "3[a2[c]]"."""

import re

ALLOWED = re.compile(r"[a-zA-Z0-9\[\]]*")
INNERMOST = re.compile(r"([0-9]+)\[([a-zA-Z]*)\]")


# --8<-- [start:optimal]
def decode_string(encoded: str) -> str:
    """k[text] means text repeated k times, and groups nest.

    On "[" save the text so far and the count on a stack, then start fresh;
    on "]" pop them and append the group k times. Each "]" copies its group's
    text once, so time is the input plus the length of every group's
    expansion: linear in input plus output when every count is 2 or more,
    O(n^2) for a chain such as "1[b1[b1[b...]]]", and more for groups
    built inside a "0[...]" only to be dropped.
    Malformed input raises ValueError: a count not followed by "[", a "["
    without a count, an unmatched bracket, or a character outside
    letters, digits and brackets.
    """
    if not ALLOWED.fullmatch(encoded):
        raise ValueError("only letters, digits and [ ] are allowed")
    saved: list[tuple[list[str], int]] = []  # (text before the group, its count)
    parts: list[str] = []
    count = ""
    for char in encoded:
        if char.isdigit():
            count += char
        elif char == "[":
            if not count:
                raise ValueError("'[' must follow a count")
            saved.append((parts, int(count)))
            parts, count = [], ""
        elif count:
            raise ValueError(f"a count must be followed by '[', not {char!r}")
        elif char == "]":
            if not saved:
                raise ValueError("']' without a matching '['")
            before, times = saved.pop()
            before.append("".join(parts) * times)
            parts = before
        else:
            parts.append(char)
    if count or saved:
        raise ValueError("the string ends inside a group or after a bare count")
    return "".join(parts)


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def decode_string_brute_force(encoded: str) -> str:
    """Expand an innermost group (a count, then only letters), until none is left."""
    if not ALLOWED.fullmatch(encoded):
        raise ValueError("only letters, digits and [ ] are allowed")
    while True:
        expanded = INNERMOST.sub(lambda m: m.group(2) * int(m.group(1)), encoded, 1)
        if expanded == encoded:
            break
        encoded = expanded
    if not encoded.isalpha() and encoded:
        raise ValueError("malformed: a bare count or an unmatched bracket is left")
    return encoded


# --8<-- [end:brute_force]


if __name__ == "__main__":
    print(decode_string("3[a2[c]]"), decode_string("2[ab]3[c]d"))
    #> accaccacc ababcccd
