"""Schemathesis against the webhook tester (the SSRF target), with the safe fetcher.

The operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process. Every response must match the document:
200 with a preview, 422 for a bad body, and the fixed {"detail": ...}
refusals, 400 and 502.

Nothing leaves the machine: the fetcher runs on the SSRF lab's loopback
servers with a resolver that knows one name, partner.test (the lab's
partner, 127.0.0.2), answers IP literals only when they are not public (so
they are refused as internal), and fails every other lookup. A generated
URL never names the partner, so a positive `url` mostly becomes its hook.
"""

import ipaddress
import socket
from collections.abc import Iterator
from functools import partial

import pytest
import schemathesis
from schemathesis.core.parameters import ParameterLocation

from examples.security.web.ssrf_fetch import safe_fetch
from examples.security.web.ssrf_lab import PARTNER_IP, loopback_lab, public_or_partner
from examples.security.web.webhook_app import create_app
from tests.support.schemathesis_cases import positive
from tests.support.schemathesis_runs import Tally, bounded, mostly

PARTNER = "partner.test"
tally = Tally()
_tally, _reached_2xx = tally.fixtures()
hook: list[str] = []  # the partner's URL, once the lab is up


def offline_resolve(host: str, port: int) -> list[str]:
    """The lab's DNS: the partner by name, internal IP literals as themselves, nothing else."""
    if host == PARTNER:
        return [PARTNER_IP]
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise socket.gaierror(f"{host} is not in the lab") from None
    if address.is_global:
        raise socket.gaierror("no route to the internet from the lab")
    return [str(address)]


@pytest.fixture(scope="module")
def webhook_tester() -> Iterator[schemathesis.BaseSchema]:
    with loopback_lab() as lab:
        hook[:] = [f"http://{PARTNER}:{lab.port}/hook"]
        fetch = partial(
            safe_fetch,
            schemes={"http", "https"},
            ports=None,
            resolve=offline_resolve,
            allow_ip=public_or_partner,
            timeout=2.0,
        )
        yield schemathesis.openapi.from_asgi("/openapi.json", create_app(fetch))


schema = schemathesis.pytest.from_fixture("webhook_tester")


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    body = case.body
    if isinstance(body, dict) and "url" in body and positive(case, ParameterLocation.BODY) and mostly(body["url"]):
        body["url"] = hook[0]
    response = tally.call_and_validate(case)
    if response.status_code == 200:
        assert response.json() == {"status": 200, "preview": "partner ok"}
    if response.status_code in (400, 502):  # never a reason a caller could map the network with
        assert response.json()["detail"] in {
            "the URL is not allowed",
            "the URL could not be fetched",
            "There was an error parsing the body",
        }


def test_the_document_lists_the_refusals_and_the_preview() -> None:
    """It once listed 200 (untyped) and 422 only: the 400 and 502 surprised clients."""
    document = create_app(safe_fetch).openapi()
    responses = document["paths"]["/webhooks/test"]["post"]["responses"]
    assert set(responses) == {"200", "400", "422", "502"}
    assert set(document["components"]["schemas"]["Preview"]["required"]) == {"status", "preview"}
