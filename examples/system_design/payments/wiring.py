"""Put the pieces together on a scratch schema: tables, fake processor, service, app."""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from fastapi import FastAPI

from examples.scratch_postgres import connect
from examples.system_design.payments.api import create_app
from examples.system_design.payments.processor import FakeProcessor
from examples.system_design.payments.schema import create_schema
from examples.system_design.payments.service import PaymentService

# Made-up credentials for the example: never real keys in code.
DEMO_API_KEYS = {"sk_test_shop_1": "shop-1", "sk_test_shop_2": "shop-2"}
DEMO_WEBHOOK_SECRET = b"whsec_test_only"


@dataclass(frozen=True)
class Wired:
    app: FastAPI
    service: PaymentService
    processor: FakeProcessor


def wire(
    schema: str,
    dsn: str | None = None,
    *,
    lease_seconds: float = 30.0,
    clock: Callable[[], float] = time.time,
) -> Wired:
    """Create the tables in `schema` and build the app over them."""
    with connect(schema, dsn) as conn:
        create_schema(conn)
    processor = FakeProcessor()
    service = PaymentService(
        partial(connect, schema, dsn),
        processor,
        lease_seconds=lease_seconds,
        rng=random.Random(7),
    )
    hashes = {
        hashlib.sha256(k.encode()).hexdigest(): m for k, m in DEMO_API_KEYS.items()
    }
    app = create_app(service, hashes, DEMO_WEBHOOK_SECRET, clock=clock)
    return Wired(app, service, processor)
