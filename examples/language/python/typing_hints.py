"""Type hints that carry their weight: generics, Protocol, TypedDict, Literal, narrowing, Final.

Hints do nothing at run time; `mypy --strict` reads them (the handbook's tests
run it over this file). type_errors/caught_by_mypy.py shows what it rejects.
Python 3.11 here, so generics use TypeVar: the `def f[T]` syntax is 3.12.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import Final, Literal, NotRequired, Protocol, TypeVar, assert_never

from pydantic import TypeAdapter, ValidationError

# pydantic needs typing_extensions' TypedDict before Python 3.12
from typing_extensions import TypedDict

# --8<-- [start:generics]
T = TypeVar("T")
K = TypeVar("K", bound=Hashable)  # any key type, as long as it can be hashed


def group_by(items: Iterable[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    """One function for every item and key type; mypy infers both at each call."""
    groups: defaultdict[K, list[T]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return dict(groups)


by_length = group_by(["ant", "bee", "wasp"], key=len)  # dict[int, list[str]]
print(by_length)
#> {3: ['ant', 'bee'], 4: ['wasp']}
# --8<-- [end:generics]


# --8<-- [start:protocol]
class Sender(Protocol):
    """Anything with this method is a Sender; nothing has to inherit from it."""

    def send(self, to: str, body: str) -> bool: ...


class FakeSms:  # no base class: it matches Sender by its shape
    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, to: str, body: str) -> bool:
        self.sent.append(f"{to}: {body}")
        return True


def notify(sender: Sender, users: list[str]) -> int:
    return sum(sender.send(user, "your order shipped") for user in users)


sms = FakeSms()
print(notify(sms, ["+100", "+200"]), sms.sent[0])
#> 2 +100: your order shipped


class Repository(ABC):
    """Nominal: subclasses must inherit, and the ABC refuses incomplete ones."""

    @abstractmethod
    def get(self, key: str) -> str | None: ...


class HalfDone(Repository):
    pass


try:
    HalfDone()  # type: ignore[abstract]  # mypy reports it too
except TypeError as error:
    print(error)
    #> Can't instantiate abstract class HalfDone with abstract method get
# --8<-- [end:protocol]


# --8<-- [start:typeddict]
class OrderJSON(TypedDict):
    """The shape of an order in the API's JSON: plain dicts, described for mypy."""

    id: int
    status: Literal["pending", "paid", "shipped"]
    total_cents: int
    coupon: NotRequired[str]


raw = '{"id": "7", "status": "lost", "total_cents": 250}'
order: OrderJSON = json.loads(raw)  # json.loads returns Any: mypy cannot object
print(type(order).__name__, order["status"])  # nothing checked it at run time
#> dict lost

try:
    TypeAdapter(OrderJSON).validate_json(raw)  # pydantic checks at the edge
except ValidationError as error:
    for problem in error.errors():
        print(problem["loc"], problem["type"])
        #> ('status',) literal_error
print(TypeAdapter(OrderJSON).validate_json(raw.replace("lost", "paid")))
#> {'id': 7, 'status': 'paid', 'total_cents': 250}
# --8<-- [end:typeddict]


# --8<-- [start:narrowing]
Status = Literal["pending", "paid", "shipped"]
MAX_ITEMS: Final = 50  # mypy rejects any later assignment to it


def label(status: Status) -> str:
    if status == "pending":
        return "waiting for payment"
    elif status == "paid":
        return "packing"
    elif status == "shipped":
        return "on its way"
    else:
        assert_never(status)  # add a fourth status and mypy points here


def coupon_code(order: OrderJSON) -> str:
    coupon = order.get("coupon")  # str | None
    if coupon is None:  # after this line mypy knows coupon is a str
        return "none"
    return coupon.upper()


print(label("paid"), coupon_code({"id": 1, "status": "paid", "total_cents": 5}))
#> packing none
# --8<-- [end:narrowing]
