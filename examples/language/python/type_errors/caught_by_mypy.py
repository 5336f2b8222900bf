"""Mistakes that run without an error, and that `mypy --strict` rejects before any test runs.

Every line below executes (the docs harness runs this file), because the
happy path never meets the bug. The `# error:` comment under a line is what
mypy prints for it; tests/language/python/test_type_errors.py runs
mypy --strict on a copy of this file and checks each message, word for word.
This folder is left out of the strict run over examples/language/python/*.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal, Protocol, TypeVar

from typing_extensions import TypedDict

# --8<-- [start:none]
EMAILS = {1: "Ada@Example.com"}


def find_email(user_id: int) -> str | None:
    return EMAILS.get(user_id)


print(find_email(1).lower())  # fine for user 1; AttributeError for user 2
#> ada@example.com
# error: Item "None" of "str | None" has no attribute "lower"  [union-attr]
# --8<-- [end:none]


# --8<-- [start:literal]
def set_status(order_id: int, status: Literal["pending", "paid"]) -> str:
    return f"{order_id} -> {status}"


print(set_status(7, "Paid"))
#> 7 -> Paid
# error: Argument 2 to "set_status" has incompatible type "Literal['Paid']";
#   expected "Literal['pending', 'paid']"  [arg-type]
# --8<-- [end:literal]


# --8<-- [start:typeddict]
class Order(TypedDict):
    id: int
    total_cents: int


order: Order = {"id": 1, "total_cent": 500}  # a typo in a key
# error: Missing key "total_cents" for TypedDict "Order"  [typeddict-item]
# error: Extra key "total_cent" for TypedDict "Order"  [typeddict-unknown-key]
# --8<-- [end:typeddict]


# --8<-- [start:generic]
T = TypeVar("T")


def first(items: Sequence[T]) -> T:
    return items[0]


retries: int = first(["3", "5"])  # strings from a config file
# error: Incompatible types in assignment (expression has type "str",
#   variable has type "int")  [assignment]
# --8<-- [end:generic]


# --8<-- [start:protocol]
class Sender(Protocol):
    def send(self, to: str, body: str) -> bool: ...


def delivered(sender: Sender, users: list[str]) -> int:
    return sum(1 for user in users if sender.send(user, "shipped"))


class Webhook:
    def send(self, to: str, body: str) -> None:  # forgot to return success
        pass


print(delivered(Webhook(), ["ada", "alan"]))  # silently wrong: nothing counted
#> 0
# error: Argument 1 to "delivered" has incompatible type "Webhook";
#   expected "Sender"  [arg-type]
# note: Following member(s) of "Webhook" have conflicts:
# note:     Expected:
# note:         def send(self, to: str, body: str) -> bool
# note:     Got:
# note:         def send(self, to: str, body: str) -> None
# --8<-- [end:protocol]


# --8<-- [start:final]
MAX_ATTEMPTS: Final = 3
MAX_ATTEMPTS = 30  # a later "tuning", here or in a module that imports it
# error: Cannot assign to final name "MAX_ATTEMPTS"  [misc]
# --8<-- [end:final]


# --8<-- [start:untyped]
def total(prices):  # --strict wants every function annotated
    # error: Function is missing a type annotation  [no-untyped-def]
    return sum(prices)


# --8<-- [end:untyped]
