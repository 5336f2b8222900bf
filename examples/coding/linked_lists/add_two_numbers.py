"""Practice: add two numbers stored as digit lists, least significant digit first."""

from __future__ import annotations

from examples.coding.nodes import ListNode, build_list, list_values


def _check_digits(values: list[int]) -> None:
    if any(not 0 <= value <= 9 for value in values):
        raise ValueError(f"every node must hold one digit 0-9, got {values}")


# A number as its digits, least significant first; None is the empty list.
Digits = ListNode | None


# --8<-- [start:optimal]
def add_two_numbers(first: Digits, second: Digits) -> Digits:
    """The sum as a new digit list, in O(m + n) time and no extra space.

    Inputs have no leading zeros (a last node of 0) except the number 0
    itself, and an empty list is 0 with no digits. Raises ValueError if a
    node does not hold a single digit.
    """
    dummy = ListNode(0)
    tail, carry = dummy, 0
    # Invariant: dummy.next..tail holds the sum's low digits; carry is 0 or 1.
    while first is not None or second is not None or carry:
        total = carry
        for node in (first, second):
            if node is not None:
                if not 0 <= node.val <= 9:
                    raise ValueError(
                        f"every node must hold one digit 0-9, got {node.val}"
                    )
                total += node.val
        carry, digit = divmod(total, 10)
        tail.next = ListNode(digit)
        tail = tail.next
        first = first.next if first is not None else None
        second = second.next if second is not None else None
    return dummy.next


# --8<-- [end:optimal]


def add_two_numbers_brute_force(
    first: ListNode | None, second: ListNode | None
) -> ListNode | None:
    """Turn both into Python ints (which never overflow), add, and turn back."""
    digits_a, digits_b = list_values(first), list_values(second)
    _check_digits(digits_a + digits_b)
    if not digits_a and not digits_b:
        return None
    total = int("".join(map(str, digits_a[::-1])) or "0") + int(
        "".join(map(str, digits_b[::-1])) or "0"
    )
    return build_list([int(digit) for digit in str(total)[::-1]])


if __name__ == "__main__":
    # 342 + 465 = 807, written backward
    print(list_values(add_two_numbers(build_list([2, 4, 3]), build_list([5, 6, 4]))))
    #> [7, 0, 8]
