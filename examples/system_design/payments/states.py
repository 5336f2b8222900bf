"""The payment state machine: which status may follow which.

    pending -> succeeded -> refunded
    pending -> failed
    pending -> needs_review -> succeeded or failed   (a person decides)

A processor event states where a payment is now, and events arrive late, twice
and out of order. So `path_to` answers three different questions with three
different results: the steps that lead forward to the event's status (a
refund seen first implies the success before it), nothing at all for an event
the payment has already moved past, and IllegalTransitionError for a status that
no path reaches (a failure reported after a success).
"""

from __future__ import annotations

from enum import StrEnum


# --8<-- [start:machine]
class PaymentStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    REFUNDED = "refunded"
    # The outcome stayed unknown past the processor's key window: sending the
    # charge again could charge twice, so a person (or a webhook) decides.
    NEEDS_REVIEW = "needs_review"


_DONE = frozenset({PaymentStatus.SUCCEEDED, PaymentStatus.FAILED})
TRANSITIONS: dict[PaymentStatus, frozenset[PaymentStatus]] = {
    PaymentStatus.PENDING: _DONE | {PaymentStatus.NEEDS_REVIEW},
    PaymentStatus.NEEDS_REVIEW: _DONE,
    PaymentStatus.SUCCEEDED: frozenset({PaymentStatus.REFUNDED}),
    PaymentStatus.FAILED: frozenset(),
    PaymentStatus.REFUNDED: frozenset(),
}


class IllegalTransitionError(ValueError):
    """No sequence of legal steps leads from one status to the other."""

    def __init__(self, current: PaymentStatus, target: PaymentStatus) -> None:
        super().__init__(f"a {current} payment cannot become {target}")
        self.current, self.target = current, target


def reachable(start: PaymentStatus) -> set[PaymentStatus]:
    """Every status some sequence of legal steps leads to from `start`."""
    seen, frontier = set(), [start]
    while frontier:
        for following in TRANSITIONS[frontier.pop()]:
            if following not in seen:
                seen.add(following)
                frontier.append(following)
    return seen


def path_to(current: PaymentStatus, target: PaymentStatus) -> list[PaymentStatus]:
    """The statuses to step through, in order, to get from `current` to `target`.

    [] if the payment is at `target` already or has moved past it (a late
    event); IllegalTransitionError if no legal path leads there.
    """
    if target == current or current in reachable(target):
        return []  # nothing to do: the event is a repeat or is stale
    paths = [[step] for step in sorted(TRANSITIONS[current])]
    while paths:  # breadth first: the shortest path, the same on every run
        path = paths.pop(0)
        if path[-1] == target:
            return path
        paths += [[*path, step] for step in sorted(TRANSITIONS[path[-1]])]
    raise IllegalTransitionError(current, target)


# --8<-- [end:machine]


if __name__ == "__main__":
    # --8<-- [start:demo]
    S = PaymentStatus
    print(path_to(S.PENDING, S.SUCCEEDED))
    #> [<PaymentStatus.SUCCEEDED: 'succeeded'>]
    print([str(s) for s in path_to(S.PENDING, S.REFUNDED)])  # the refund came first
    #> ['succeeded', 'refunded']
    print(path_to(S.REFUNDED, S.SUCCEEDED))  # a late success changes nothing
    #> []
    try:
        path_to(S.SUCCEEDED, S.FAILED)
    except IllegalTransitionError as error:
        print(error)
        #> a succeeded payment cannot become failed
    # --8<-- [end:demo]
