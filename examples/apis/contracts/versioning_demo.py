"""Ask v1 and v2 for the same order before, during and after v1's deprecation."""

from collections.abc import Callable
from datetime import UTC, datetime

from fastapi.testclient import TestClient

from examples.apis.contracts.versioned_app import create_app


# --8<-- [start:timeline]
def frozen_at(day: str) -> Callable[[], datetime]:
    return lambda: datetime.fromisoformat(day).replace(tzinfo=UTC)


for today in ("2025-12-15", "2026-03-01", "2026-07-01"):
    with TestClient(create_app(clock=frozen_at(today))) as client:
        v1, v2 = client.get("/v1/orders/o1"), client.get("/v2/orders/o1")
        shown = v1.json().get("customer") or v1.json()["type"].rsplit("/", 1)[1]
        deprecation = v1.headers.get("deprecation", "-")
        v1_part = f"v1 {v1.status_code} {shown:<15} {deprecation:<11}"
        print(f"{today} {v1_part} v2 {v2.status_code}")
        #> 2025-12-15 v1 200 c7              -           v2 200
        #> 2026-03-01 v1 200 c7              @1767225600 v2 200
        #> 2026-07-01 v1 410 version-retired -           v2 200

with TestClient(create_app(clock=frozen_at("2026-03-01"))) as client:
    print("Sunset:", client.get("/v1/orders/o1").headers["sunset"])
    #> Sunset: Wed, 01 Jul 2026 00:00:00 GMT
# --8<-- [end:timeline]
