"""Certificate expiry monitoring: read what a server presents, judge how long it has left.

A probe connects the way a client would and verifies the chain and the name,
but not the dates: an expired certificate is a case it exists to report,
while one from an unknown CA or for another name is not the server's at all. The judgment is a pure function of the certificate and a `now`
the caller passes in, so it is tested with exact dates.
"""

from __future__ import annotations

import socket
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal

from cryptography import x509

from examples.fundamentals.tls.contexts import client_context

PROBE_TIMEOUT_SECONDS = 5.0

Status = Literal["not yet valid", "ok", "renew", "page", "expired"]


# --8<-- [start:status]
def time_left(certificate: x509.Certificate, now: datetime) -> timedelta:
    """How long until not_valid_after (negative once it has passed)."""
    return certificate.not_valid_after_utc - now


def expiry_status(certificate: x509.Certificate, now: datetime) -> Status:
    """'renew' in the last third of the lifetime, 'page' in the last sixth.

    Fractions, not fixed days: a 30-day renewal rule covers 15% of a 200-day
    certificate's life but 64% of a 47-day one's, and a 7-day page means
    nothing for a certificate that lasts a day.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if now < certificate.not_valid_before_utc:
        return "not yet valid"  # clients refuse it too: a clock or issuing bug
    lifetime = certificate.not_valid_after_utc - certificate.not_valid_before_utc
    left = time_left(certificate, now)
    if left <= timedelta(0):
        return "expired"
    if left <= lifetime / 6:  # renewal has failed for half its window
        return "page"
    if left <= lifetime / 3:
        return "renew"
    return "ok"


# --8<-- [end:status]


# --8<-- [start:probe]
# OpenSSL's X509_V_FLAG_NO_CHECK_TIME (x509_vfy.h); Python's ssl has no name for it.
NO_CHECK_TIME = 0x200000


def presented_certificate(
    host: str, port: int, server_name: str, roots: Sequence[x509.Certificate]
) -> x509.Certificate:
    """The leaf `host:port` presents for `server_name`, verified against `roots`.

    The chain and the name are checked as a client would check them, so an
    impostor raises ssl.SSLCertVerificationError instead of reporting a date.
    Only the dates are not checked here: an expired certificate is exactly
    what the probe exists to read, and expiry_status judges the dates.
    """
    probe = client_context(roots)
    probe.verify_flags |= NO_CHECK_TIME
    with (
        socket.create_connection((host, port), timeout=PROBE_TIMEOUT_SECONDS) as raw,
        probe.wrap_socket(raw, server_hostname=server_name) as tls,
    ):
        der = tls.getpeercert(binary_form=True)
    if der is None:
        raise ValueError(f"{host}:{port} presented no certificate")
    return x509.load_der_x509_certificate(der)


# --8<-- [end:probe]
