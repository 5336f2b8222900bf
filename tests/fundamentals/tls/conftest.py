"""One small PKI for every TLS test: a root, a CA for servers, a CA for services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from examples.fundamentals.tls.local_ca import Authority, Issued

TEN_YEARS = timedelta(days=3650)


@dataclass(frozen=True)
class Pki:
    now: datetime
    root: Authority
    servers_ca: Authority
    services_ca: Authority
    api: Issued  # api.example.test, 90 days, from servers_ca

    def server(self, *names: str, issued_at: datetime | None = None, days: int = 90) -> Issued:
        start = self.now if issued_at is None else issued_at
        return self.servers_ca.issue(list(names), "server", start, timedelta(days=days))

    def client(self, name: str) -> Issued:
        return self.services_ca.issue([name], "client", self.now, timedelta(days=1))


@pytest.fixture(scope="session")
def pki() -> Pki:
    now = datetime.now(UTC).replace(microsecond=0)
    root = Authority.root("Test Root CA", now, TEN_YEARS)
    servers_ca = root.intermediate("Test Servers CA", now, TEN_YEARS / 2)
    services_ca = root.intermediate("Test Services CA", now, TEN_YEARS / 2)
    api = servers_ca.issue(["api.example.test"], "server", now, timedelta(days=90))
    return Pki(now, root, servers_ca, services_ca, api)
