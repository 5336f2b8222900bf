"""Certificate expiry monitoring: read what a server presents, judge how long it has left.

A probe connects the way a client would, but keeps the certificate even when
it is expired or for the wrong name, because those are the cases it exists
to report. The judgment is a pure function of the certificate and a `now`
the caller passes in, so it is tested with exact dates.
"""

from __future__ import annotations

import socket
import ssl
from datetime import datetime, timedelta
from typing import Literal

from cryptography import x509

PROBE_TIMEOUT_SECONDS = 5.0
PAGE_WITHIN = timedelta(days=7)  # renewal has failed for weeks: wake someone up

Status = Literal["ok", "renew", "page", "expired"]


# --8<-- [start:status]
def time_left(certificate: x509.Certificate, now: datetime) -> timedelta:
    """How long until not_valid_after (negative once it has passed)."""
    return certificate.not_valid_after_utc - now


def expiry_status(certificate: x509.Certificate, now: datetime) -> Status:
    """'renew' in the last third of the lifetime, 'page' in the last week.

    A fraction, not a fixed 30 days, because lifetimes keep shrinking: a
    47-day certificate (CA/Browser Forum BR 6.3.2, from March 2029) would be
    "due for renewal" on the day it was issued under a 30-day rule.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    lifetime = certificate.not_valid_after_utc - certificate.not_valid_before_utc
    left = time_left(certificate, now)
    if left <= timedelta(0):
        return "expired"
    if left <= PAGE_WITHIN:
        return "page"
    if left <= lifetime / 3:
        return "renew"
    return "ok"


# --8<-- [end:status]


# --8<-- [start:probe]
def presented_certificate(host: str, port: int, server_name: str) -> x509.Certificate:
    """The leaf certificate `host:port` presents for `server_name` (as SNI).

    Verification is off on purpose: the probe sends no data, and an expired
    or mismatched certificate is exactly what it must still be able to read.
    Never reuse this context for anything that sends data.
    """
    probe = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    probe.check_hostname = False
    probe.verify_mode = ssl.CERT_NONE
    with (
        socket.create_connection((host, port), timeout=PROBE_TIMEOUT_SECONDS) as raw,
        probe.wrap_socket(raw, server_hostname=server_name) as tls,
    ):
        der = tls.getpeercert(binary_form=True)
    if der is None:
        raise ValueError(f"{host}:{port} presented no certificate")
    return x509.load_der_x509_certificate(der)


# --8<-- [end:probe]
