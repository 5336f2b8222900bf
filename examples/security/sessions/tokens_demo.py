"""JWT access tokens: what the pinned verifier accepts, and every token it refuses.

The attack tokens are built by hand (base64url JSON, a dot, and a signature),
as an attacker would, to show that nothing in the header can change how the
verifier checks. Token times are relative to now, so the output never changes.
"""

import base64
import hashlib
import hmac
import json
import time

import jwt
from cryptography.hazmat.primitives import serialization

from examples.security.sessions.access_tokens import (
    TokenIssuer,
    TokenVerifier,
    new_key_pair,
)

AUTH, API = "https://auth.example.com", "https://api.example.com"
private_key, public_key = new_key_pair()
issuer = TokenIssuer(private_key, issuer=AUTH, audience=API)
verifier = TokenVerifier({"k1": public_key}, issuer=AUTH, audience=API)


def refused(token: str) -> str:
    try:
        verifier.verify(token)
    except jwt.InvalidTokenError as error:
        return f"{type(error).__name__}: {error}"
    return "ACCEPTED"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def segment(document: dict) -> str:
    return b64url(json.dumps(document).encode())


# --8<-- [start:valid]
token = issuer.issue("user-42")
header_b64, payload_b64, _ = token.split(".")
# Signed, not encrypted: anyone holding the token can read every claim.
print(json.loads(base64.urlsafe_b64decode(header_b64 + "==")))
#> {'alg': 'RS256', 'kid': 'k1', 'typ': 'at+jwt'}
claims = verifier.verify(token)
print(claims["sub"], claims["aud"], claims["exp"] - claims["iat"])
#> user-42 https://api.example.com 300
# --8<-- [end:valid]

# --8<-- [start:attacks]
# The attacker keeps the header and claims and wants to be user 1, the admin.
header = json.loads(base64.urlsafe_b64decode(header_b64 + "=="))
forged_claims = {**claims, "sub": "user-1"}

# 1. "alg": "none" means "unsigned": the signature part is simply empty.
unsigned = f"{segment({**header, 'alg': 'none'})}.{segment(forged_claims)}."
print(refused(unsigned))
#> InvalidAlgorithmError: The specified alg value is not allowed

# 2. Key confusion: sign with HS256, using the *public* key (which anyone can
# download) as the HMAC secret.
public_pem = public_key.public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
)
signing_input = f"{segment({**header, 'alg': 'HS256'})}.{segment(forged_claims)}"
mac = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
confused = f"{signing_input}.{b64url(mac)}"
print(refused(confused))
#> InvalidAlgorithmError: The specified alg value is not allowed

# 3. Changing one claim of a real token breaks its RS256 signature.
tampered = f"{header_b64}.{segment(forged_claims)}.{token.split('.')[2]}"
print(refused(tampered))
#> InvalidSignatureError: Signature verification failed
# --8<-- [end:attacks]

# --8<-- [start:times]
now = time.time()
hour_ago = TokenIssuer(private_key, AUTH, API, now=lambda: now - 3600)
print(refused(hour_ago.issue("user-42")))
#> ExpiredSignatureError: Signature has expired
# Expired 10 s ago, but within the 30 s leeway for clock skew: accepted.
just_expired = TokenIssuer(private_key, AUTH, API, now=lambda: now - 310)
print(refused(just_expired.issue("user-42")))
#> ACCEPTED
# Issued by a server whose clock runs 10 minutes fast.
fast_clock = TokenIssuer(private_key, AUTH, API, now=lambda: now + 600)
print(refused(fast_clock.issue("user-42")))
#> ImmatureSignatureError: The token is not yet valid (iat)
# --8<-- [end:times]

# --8<-- [start:claims]
for_billing = TokenIssuer(private_key, AUTH, "https://billing.example.com")
print(refused(for_billing.issue("user-42")))
#> InvalidAudienceError: Audience doesn't match
# Correctly signed, but with no expiry at all: refused, since exp is required.
no_expiry = {k: v for k, v in claims.items() if k != "exp"}
print(refused(jwt.encode(no_expiry, private_key, "RS256", headers=header)))
#> MissingRequiredClaimError: Token is missing the "exp" claim
# Correctly signed with every claim, but an ID token, not an access token.
id_token = {**header, "typ": "JWT"}
print(refused(jwt.encode(claims, private_key, "RS256", headers=id_token)))
#> InvalidTokenError: not an access token
# --8<-- [end:claims]

# --8<-- [start:revoke]
# Revoke one token by its id: every API needs the same denylist.
verifier.denied_jtis.add(claims["jti"])
print(refused(token))
#> InvalidTokenError: token was revoked
# "Log out everywhere": bump the user's version; older tokens stop working.
other = issuer.issue("user-7", version=0)
verifier.token_versions["user-7"] = 1
print(refused(other))
#> InvalidTokenError: token predates the user's last logout
print(refused(issuer.issue("user-7", version=1)))
#> ACCEPTED
# --8<-- [end:revoke]
