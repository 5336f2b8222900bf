"""Stacks and queues: the front of a list against a deque, and each solution at two sizes.

list.pop(0) shifts every remaining item one slot left, so its cost grows with
the list; deque.popleft unlinks from one end of a block list, so it does not.
The list and deque workloads keep their size fixed by appending what they pop;
the two-stack queue is filled and then drained, so the timing covers its
occasional O(n) pour and shows the amortized cost. The
solutions run on seeded random inputs; daily temperatures' brute force runs on
strictly cooling weather, its worst case, where every day scans to the end.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable

from benchmarks.timing import calls, per_operation, quick_mode, report
from examples.coding.stacks_queues.asteroid_collision import asteroid_collision
from examples.coding.stacks_queues.daily_temperatures import (
    days_until_warmer,
    days_until_warmer_brute_force,
)
from examples.coding.stacks_queues.largest_rectangle import (
    largest_rectangle_area,
    largest_rectangle_area_brute_force,
)
from examples.coding.stacks_queues.min_stack import MinStack
from examples.coding.stacks_queues.monotonic_stack import next_greater_index
from examples.coding.stacks_queues.queue_two_stacks import TwoStackQueue
from examples.coding.stacks_queues.reverse_polish import evaluate_rpn
from examples.coding.stacks_queues.valid_parentheses import is_valid_parentheses

OPS = 2_000
BRUTE_SIZES = None if quick_mode() else (300, 3_000)
# Large enough that shifting the items, not the interpreter's loop, is most of a list.pop(0).
QUEUE_SIZES = None if quick_mode() else (10_000, 1_000_000)


def list_pop_front(size: int) -> tuple[Callable[[], None], int]:
    items = list(range(size))

    def run() -> None:
        for _ in range(OPS):
            items.append(items.pop(0))

    return run, OPS


def deque_popleft(size: int) -> tuple[Callable[[], None], int]:
    items = deque(range(size))

    def run() -> None:
        for _ in range(OPS):
            items.append(items.popleft())

    return run, OPS


def two_stack_queue(size: int) -> tuple[Callable[[], None], int]:
    """Push `size` items, then pop them all: one pour of the inbox, spread over every pop."""

    def run() -> None:
        queue = TwoStackQueue()
        for value in range(size):
            queue.push(value)
        for _ in range(size):
            queue.pop()

    return run, 2 * size


def min_stack(size: int) -> tuple[Callable[[], None], int]:
    stack = MinStack()
    rng = random.Random(size)  # noqa: S311 - a repeatable workload
    for value in rng.choices(range(1_000), k=size):
        stack.push(value)

    def run() -> None:
        for _ in range(OPS):
            stack.push(stack.pop())
            stack.get_min()

    return run, OPS


def numbers(size: int) -> tuple[list[int]]:
    rng = random.Random(size)  # noqa: S311 - a repeatable workload
    return ([rng.randrange(1_000) for _ in range(size)],)


def cooling(size: int) -> tuple[list[int]]:
    return (list(range(size, 0, -1)),)


def brackets(size: int) -> tuple[str]:
    """A balanced string of `size` characters, nested at random."""
    rng = random.Random(size)  # noqa: S311 - a repeatable workload
    text: list[str] = []
    open_brackets: list[str] = []
    pairs = {"(": ")", "[": "]", "{": "}"}
    for remaining in range(size, 0, -1):
        if open_brackets and (len(open_brackets) == remaining or rng.random() < 0.5):
            text.append(pairs[open_brackets.pop()])
        else:
            opener = rng.choice("([{")
            open_brackets.append(opener)
            text.append(opener)
    return ("".join(text),)


def postfix(size: int) -> tuple[list[str]]:
    """A chain 'a b + c - d * ...' of `size` numbers, so one operand waits at a time."""
    rng = random.Random(size)  # noqa: S311 - a repeatable workload
    tokens = [str(rng.randrange(1, 10))]
    for _ in range(size - 1):
        tokens += [str(rng.randrange(1, 10)), rng.choice("+-")]
    return (tokens,)


def asteroids(size: int) -> tuple[list[int]]:
    rng = random.Random(size)  # noqa: S311 - a repeatable workload
    return ([rng.choice([-1, 1]) * rng.randrange(1, 100) for _ in range(size)],)


if __name__ == "__main__":
    report("list.pop(0) + append", per_operation(list_pop_front, QUEUE_SIZES), claim="O(n)")
    report("deque.popleft + append", per_operation(deque_popleft, QUEUE_SIZES), claim="O(1)")
    report("TwoStackQueue fill, then drain", per_operation(two_stack_queue), claim="O(1)")
    report("MinStack pop + push + get_min", per_operation(min_stack), claim="O(1)")
    report(
        "next_greater_index",
        per_operation(calls(next_greater_index, numbers)),
        claim="O(n)",
    )
    report(
        "is_valid_parentheses",
        per_operation(calls(is_valid_parentheses, brackets)),
        claim="O(n)",
    )
    report(
        "days_until_warmer (cooling)",
        per_operation(calls(days_until_warmer, cooling)),
        claim="O(n)",
    )
    report(
        "days_until_warmer brute (cooling)",
        per_operation(calls(days_until_warmer_brute_force, cooling), BRUTE_SIZES),
        claim="O(n^2)",
    )
    report(
        "largest_rectangle_area",
        per_operation(calls(largest_rectangle_area, numbers)),
        claim="O(n)",
    )
    report(
        "largest_rectangle_area brute",
        per_operation(calls(largest_rectangle_area_brute_force, numbers), BRUTE_SIZES),
        claim="O(n^2)",
    )
    report("evaluate_rpn", per_operation(calls(evaluate_rpn, postfix)), claim="O(n)")
    report(
        "asteroid_collision",
        per_operation(calls(asteroid_collision, asteroids)),
        claim="O(n)",
    )
