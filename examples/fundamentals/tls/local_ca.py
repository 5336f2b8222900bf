"""A private certificate authority: a root, intermediates under it, and leaves.

Everything here is made at run time with the `cryptography` package: ECDSA
P-256 keys that exist only in memory, and certificates whose validity is set
from a `now` the caller passes in, so a demo or a test can issue a certificate
that expired last month as easily as one that is valid today.

The shape is the one public CAs use. The root signs only intermediates and is
kept offline; an intermediate signs the leaves (servers and clients); a server
sends its leaf and the intermediate, and a client trusts just the root.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# A few minutes of backdating, so a verifier whose clock runs a little behind
# the issuer's does not see a brand-new certificate as "not yet valid".
CLOCK_SKEW = timedelta(minutes=5)
MAX_COMMON_NAME = 64
# One DNS label (RFC 1035 letters, digits, hyphens; 1-63 characters).
LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# A last label that is a number, decimal or 0x hex: inet_aton (so getaddrinfo)
# and browsers (the WHATWG URL parser) read such a name as an IPv4 address.
NUMBER = re.compile(r"^([0-9]+|0x[0-9a-f]*)$")

Purpose = Literal["server", "client"]
EXTENDED_KEY_USAGE = {
    "server": ExtendedKeyUsageOID.SERVER_AUTH,
    "client": ExtendedKeyUsageOID.CLIENT_AUTH,
}


@dataclass(frozen=True)
class Issued:
    """A leaf certificate, its private key, and the intermediates above it."""

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    chain: tuple[x509.Certificate, ...]  # nearest issuer first; never the root


class Authority:
    """A CA that can sign: a root (self-signed) or an intermediate under one."""

    def __init__(
        self,
        certificate: x509.Certificate,
        key: ec.EllipticCurvePrivateKey,
        parents: tuple[x509.Certificate, ...] = (),
    ) -> None:
        self.certificate = certificate
        self.key = key
        self.parents = parents  # the CAs above this one, root last

    @classmethod
    def root(cls, name: str, now: datetime, valid_for: timedelta) -> Authority:
        """A self-signed root that may sign intermediates, not a deeper chain."""
        if not name:
            raise ValueError("a CA needs a name")
        key = ec.generate_private_key(ec.SECP256R1())
        builder = _builder(name, key, now, valid_for).issuer_name(_name(name))
        builder = _as_ca(builder, key, path_length=1)
        return cls(builder.sign(key, hashes.SHA256()), key)

    def intermediate(self, name: str, now: datetime, valid_for: timedelta) -> Authority:
        """A CA under this one that signs leaves only (path length 0)."""
        if not name:
            raise ValueError("a CA needs a name")
        constraints = self.certificate.extensions.get_extension_for_class(
            x509.BasicConstraints
        ).value
        if constraints.path_length == 0:
            raise ValueError(f"{self.name} has path length 0: it may not sign a CA")
        key = ec.generate_private_key(ec.SECP256R1())
        builder = self._signed_by_me(_builder(name, key, now, valid_for))
        builder = _as_ca(builder, key, path_length=0)
        certificate = builder.sign(self.key, hashes.SHA256())
        return Authority(certificate, key, (self.certificate, *self.parents))

    # --8<-- [start:leaf]
    def issue(
        self,
        names: list[str],
        purpose: Purpose,
        now: datetime,
        valid_for: timedelta,
        *,
        subject_alt_names: bool = True,
    ) -> Issued:
        """A leaf for `names` (DNS names), good for TLS servers or for clients.

        The first name is also the subject's common name (if it fits in 64
        characters), for people reading logs; clients match only the
        subjectAltName (RFC 9525).
        `subject_alt_names=False` exists only to show what happens without it.
        """
        if not names:
            raise ValueError("a certificate needs at least one name")
        names = [_checked_dns_name(name) for name in names]
        if purpose not in EXTENDED_KEY_USAGE:
            raise ValueError(f"purpose must be 'server' or 'client', not {purpose!r}")
        # A CN holds at most 64 characters (RFC 5280, ub-common-name); a longer
        # name lives in the SAN alone, which is then critical (section 4.2.1.6).
        common = names[0] if len(names[0]) <= MAX_COMMON_NAME else ""
        if not common and not subject_alt_names:
            raise ValueError(f"{names[0]!r} is too long for a CN: it needs a SAN")
        key = ec.generate_private_key(ec.SECP256R1())
        builder = self._signed_by_me(_builder(common, key, now, valid_for))
        builder = builder.add_extension(
            x509.BasicConstraints(ca=False, path_length=None), critical=True
        )
        builder = builder.add_extension(
            _key_usage(signs_certificates=False), critical=True
        )
        eku = x509.ExtendedKeyUsage([EXTENDED_KEY_USAGE[purpose]])
        builder = builder.add_extension(eku, critical=False)
        if subject_alt_names:
            sans = x509.SubjectAlternativeName([x509.DNSName(n) for n in names])
            builder = builder.add_extension(sans, critical=not common)
        certificate = builder.sign(self.key, hashes.SHA256())
        # Nearest issuer first, root dropped: clients bring their own root.
        return Issued(certificate, key, (self.certificate, *self.parents)[:-1])

    # --8<-- [end:leaf]

    @property
    def name(self) -> str:
        return common_name(self.certificate)

    def _signed_by_me(
        self, builder: x509.CertificateBuilder
    ) -> x509.CertificateBuilder:
        issuer_key = self.key.public_key()
        return builder.issuer_name(self.certificate.subject).add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key),
            critical=False,
        )


def common_name(certificate: x509.Certificate) -> str:
    """The subject's CN, the label people use for a certificate."""
    attributes = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(attributes[0].value) if attributes else ""


def pem(certificates: list[x509.Certificate] | tuple[x509.Certificate, ...]) -> str:
    """Certificates as concatenated PEM text (what `cadata=` and files hold)."""
    return "".join(
        c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in certificates
    )


# --8<-- [start:files]
@dataclass(frozen=True)
class KeyFiles:
    """Paths and password for `SSLContext.load_cert_chain`."""

    certificate_chain: Path
    key: Path
    password: str


@contextmanager
def key_files(issued: Issued) -> Iterator[KeyFiles]:
    """Write the chain and the key where the ssl module can load them, briefly.

    `load_cert_chain` reads files only. The key is written encrypted under a
    random password that never leaves memory, into a folder only this user
    can open, and the folder is deleted when the block ends.
    """
    password = secrets.token_urlsafe(32)
    key_pem = issued.key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(password.encode("ascii")),
    )
    with tempfile.TemporaryDirectory(prefix="tls-") as folder:  # mode 0700
        chain_path, key_path = Path(folder, "chain.pem"), Path(folder, "key.pem")
        # The leaf first, then its intermediates: the order TLS sends them in.
        chain_path.write_text(pem([issued.certificate, *issued.chain]), "ascii")
        key_path.touch(mode=0o600)
        key_path.write_bytes(key_pem)
        yield KeyFiles(chain_path, key_path, password)


# --8<-- [end:files]


def _name(common: str) -> x509.Name:
    """CN=`common`, or an empty name for a leaf known by its SAN only."""
    if not common:
        return x509.Name([])
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _builder(
    subject: str, key: ec.EllipticCurvePrivateKey, now: datetime, valid_for: timedelta
) -> x509.CertificateBuilder:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware (use datetime.now(timezone.utc))")
    if valid_for <= timedelta(0):
        raise ValueError(f"valid_for must be positive, got {valid_for}")
    # Certificates store whole seconds; dropping the fraction here keeps
    # not_valid_after - now exactly equal to valid_for.
    start = now.replace(microsecond=0)
    return (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start - CLOCK_SKEW)
        .not_valid_after(start + valid_for)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
        )
    )


def _as_ca(
    builder: x509.CertificateBuilder, key: ec.EllipticCurvePrivateKey, path_length: int
) -> x509.CertificateBuilder:
    builder = builder.add_extension(
        x509.BasicConstraints(ca=True, path_length=path_length), critical=True
    )
    return builder.add_extension(_key_usage(signs_certificates=True), critical=True)


def _key_usage(*, signs_certificates: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not signs_certificates,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=signs_certificates,
        crl_sign=signs_certificates,
        encipher_only=False,
        decipher_only=False,
    )


def _checked_dns_name(name: str) -> str:
    """A lower-case DNS name, optionally '*.' + name; ValueError otherwise."""
    if not isinstance(name, str) or not name.isascii():
        raise ValueError(f"{name!r}: use the ASCII (A-label, xn--...) form of the name")
    lowered = name.lower()
    labels = lowered.removeprefix("*.").split(".")
    # "127.0.0.1" would pass as four labels; "127.1" and "0x7f.1" are 127.0.0.1 too.
    if _is_ip_address(name) or NUMBER.match(labels[-1]):
        raise ValueError(
            f"{name!r} reads as an IP address: it belongs in an iPAddress SAN"
        )
    if len(lowered) > 253 or len(labels) < 2 or not all(map(LABEL.match, labels)):
        raise ValueError(f"{name!r} is not a DNS name such as api.example.test")
    return lowered


def _is_ip_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True
