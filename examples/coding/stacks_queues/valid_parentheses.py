"""Are the brackets of a string balanced and properly nested?"""

CLOSER_TO_OPENER = {")": "(", "]": "[", "}": "{"}
OPENERS = frozenset(CLOSER_TO_OPENER.values())


def _check_characters(text: str) -> None:
    for char in text:
        if char not in OPENERS and char not in CLOSER_TO_OPENER:
            raise ValueError(f"only brackets ()[]{{}} are allowed, got {char!r}")


# --8<-- [start:optimal]
def is_valid_parentheses(text: str) -> bool:
    """One pass with a stack of the openers still waiting for their closer: O(n)."""
    _check_characters(text)
    open_brackets: list[str] = []
    for char in text:
        if char in OPENERS:
            open_brackets.append(char)
        # Check before popping: a closer with nothing open is the answer, not a crash.
        elif not open_brackets or open_brackets.pop() != CLOSER_TO_OPENER[char]:
            return False
    return not open_brackets  # an opener left over was never closed


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def is_valid_parentheses_brute_force(text: str) -> bool:
    """Delete adjacent pairs until none is left: up to n/2 passes of O(n), so O(n^2)."""
    _check_characters(text)
    while True:
        shorter = text.replace("()", "").replace("[]", "").replace("{}", "")
        if shorter == text:
            return text == ""
        text = shorter


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    for text in ["([]{})", "([)]", "((", "])"]:
        print(text, is_valid_parentheses(text))
        #> ([]{}) True
        #> ([)] False
        #> (( False
        #> ]) False
    # --8<-- [end:demo]
