"""Watch a certificate run out, and rotate it without restarting the server.

The probe reads what the server presents; `expiry_status` judges it against
the same `now` the certificates were issued at, so the output is exact.
"""

from datetime import UTC, datetime, timedelta

from examples.fundamentals.tls.contexts import client_context, server_context
from examples.fundamentals.tls.expiry import (
    expiry_status,
    presented_certificate,
    time_left,
)
from examples.fundamentals.tls.local_ca import Authority, Issued
from examples.fundamentals.tls.tls_server import read_greeting, serve_tls

now = datetime.now(UTC).replace(microsecond=0)  # certificates keep whole seconds
root = Authority.root("Example Root CA", now, timedelta(days=3650))
servers_ca = root.intermediate("Example Servers CA", now, timedelta(days=1825))
client = client_context([root.certificate])
ninety_days = timedelta(days=90)


def issued_days_ago(days: int) -> Issued:
    """A 90-day api.example.test certificate issued `days` days before now."""
    start = now - timedelta(days=days)
    return servers_ca.issue(["api.example.test"], "server", start, ninety_days)


# --8<-- [start:statuses]
for age in (10, 61, 85, 91):
    certificate = issued_days_ago(age).certificate
    print(
        f"issued {age:>2} days ago: {time_left(certificate, now).days:>3} days left,",
        expiry_status(certificate, now),
    )
    #> issued 10 days ago:  80 days left, ok
    #> issued 61 days ago:  29 days left, renew
    #> issued 85 days ago:   5 days left, page
    #> issued 91 days ago:  -1 days left, expired
# --8<-- [end:statuses]

# --8<-- [start:rotate]
with serve_tls(server_context(issued_days_ago(85))) as server:
    seen = presented_certificate(
        "127.0.0.1", server.port, "api.example.test", [root.certificate]
    )
    print("before:", time_left(seen, now).days, "days,", expiry_status(seen, now))
    #> before: 5 days, page
    server.context = server_context(issued_days_ago(0))  # new connections only
    seen = presented_certificate(
        "127.0.0.1", server.port, "api.example.test", [root.certificate]
    )
    print("after: ", time_left(seen, now).days, "days,", expiry_status(seen, now))
    #> after:  90 days, ok
    print(read_greeting(server.port, client, "api.example.test"))
    #> hello anonymous, TLSv1.3, alpn h2
# --8<-- [end:rotate]
