"""Building a string: collect the pieces and join them once."""


# --8<-- [start:join]
def csv_line(fields: list[str]) -> str:
    """One join: it sums the lengths, allocates once and copies each piece once."""
    return ",".join(fields)


def csv_line_with_plus(fields: list[str]) -> str:
    """Each += builds a new string and copies everything so far: O(n^2) in general."""
    line = ""
    for index, field in enumerate(fields):
        if index:
            line += ","
        line += field
    return line


# --8<-- [end:join]


# --8<-- [start:builder]
class LineBuilder:
    """+= on an attribute: CPython's in-place shortcut does not apply, so it is O(n^2)."""

    def __init__(self) -> None:
        self.text = ""

    def add(self, piece: str) -> None:
        self.text += piece


# --8<-- [end:builder]


if __name__ == "__main__":
    # --8<-- [start:immutable]
    line = "id,name"
    before = line
    line += ",email"  # str is immutable: this makes a new object
    print(before, "|", line, "|", before is line)
    #> id,name | id,name,email | False
    print(
        csv_line(["id", "name", "email"]) == csv_line_with_plus(["id", "name", "email"])
    )
    #> True
    # --8<-- [end:immutable]
