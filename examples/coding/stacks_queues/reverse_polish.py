"""Evaluate an arithmetic expression written in reverse Polish (postfix) notation."""

import re

NUMBER = re.compile(r"-?[0-9]+")


# --8<-- [start:division]
def divide_toward_zero(dividend: int, divisor: int) -> int:
    """Integer division that drops the fraction, as C, Java and Go do.

    Python's // rounds toward negative infinity instead, and int(a / b) goes
    through a float, which is wrong above 2**53. Exact for any size of int.
    """
    if divisor == 0:
        raise ValueError("division by zero")
    quotient = abs(dividend) // abs(divisor)
    return quotient if (dividend < 0) == (divisor < 0) else -quotient


# --8<-- [end:division]

OPERATORS = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": divide_toward_zero,
}


def _check_tokens(tokens: list[str]) -> None:
    if not tokens:
        raise ValueError("an empty expression has no value")
    for token in tokens:
        if token not in OPERATORS and not NUMBER.fullmatch(token):
            raise ValueError(f"not a number or an operator: {token!r}")


# --8<-- [start:optimal]
def evaluate_rpn(tokens: list[str]) -> int:
    """A stack of operands: a number is pushed, an operator pops two and pushes one.

    O(n) time and O(n) space. Malformed input raises ValueError: an unknown
    token, an operator with fewer than two operands, numbers left over at the
    end, or a division by zero.
    """
    _check_tokens(tokens)
    operands: list[int] = []
    for token in tokens:
        if token not in OPERATORS:
            operands.append(int(token))
            continue
        if len(operands) < 2:
            raise ValueError(f"{token!r} needs two operands")
        # The top is the second operand: order matters for - and /.
        right = operands.pop()
        left = operands.pop()
        operands.append(OPERATORS[token](left, right))
    if len(operands) != 1:
        raise ValueError(f"{len(operands)} values left over; expected exactly one")
    return operands[0]


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def evaluate_rpn_brute_force(tokens: list[str]) -> int:
    """Find the first operator, fold it with the two items before it, repeat: O(n^2)."""
    _check_tokens(tokens)
    items: list[int | str] = [t if t in OPERATORS else int(t) for t in tokens]
    while True:
        position = next((k for k, t in enumerate(items) if isinstance(t, str)), None)
        if position is None:
            break
        if position < 2:  # everything before the first operator is a number
            raise ValueError(f"{items[position]!r} needs two operands")
        left, right, operator = items[position - 2 : position + 1]
        assert isinstance(left, int) and isinstance(right, int)
        items[position - 2 : position + 1] = [OPERATORS[str(operator)](left, right)]
    if len(items) != 1:
        raise ValueError(f"{len(items)} values left over; expected exactly one")
    return int(items[0])


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(evaluate_rpn(["4", "13", "5", "/", "+"]))  # 4 + 13 / 5
    #> 6
    print(evaluate_rpn(["7", "-2", "/"]), 7 // -2)  # truncated, then floored
    #> -3 -4
    big = 2**53 + 1
    print(divide_toward_zero(big, 1), int(big / 1))  # the float loses the last 1
    #> 9007199254740993 9007199254740992
    try:
        evaluate_rpn(["1", "+"])
    except ValueError as error:
        print(error)
        #> '+' needs two operands
    # --8<-- [end:demo]
