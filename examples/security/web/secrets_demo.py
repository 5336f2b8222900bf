"""Secrets from the environment and mounted files: masked, checked, rotated, scanned."""

import tempfile
from pathlib import Path

from examples.security.web.secret_scan import scan_text
from examples.security.web.settings import SettingsError, load_settings
from examples.security.web.signing_keys import BadSignature, KeyRing, new_key

NOW = 1_767_225_600  # an injected clock: the receiver's time, in Unix seconds
K1, K2 = new_key(), new_key()  # 32 random bytes each; real ones live in a vault

with tempfile.TemporaryDirectory() as mounted:
    # --8<-- [start:load]
    secrets_dir = Path(mounted)  # stands in for /run/secrets
    (secrets_dir / "webhook_keys").write_text(f"k2:{K2},k1:{K1}\n")
    environ = {"DATABASE_URL": "postgresql://app:pw-from-vault@db/app"}
    settings = load_settings(environ, secrets_dir)
    print(repr(settings.database_url))
    #> SecretStr('**********')
    print(f"connecting with {settings.database_url}")
    #> connecting with **********
    ring = KeyRing.parse(settings.webhook_keys.get_secret_value())
    # --8<-- [end:load]

    # --8<-- [start:missing]
    try:
        load_settings({"WEBHOOK_KEYS": f"k1:{K1}"}, Path(mounted) / "absent")
    except SettingsError as error:
        print(error)
        #> bad settings: DATABASE_URL: Field required
    # --8<-- [end:missing]

# --8<-- [start:rotation]
payload = b'{"event": "paid"}'
signed_before_rotation = KeyRing.parse(f"k1:{K1}").sign(payload, NOW - 60)
print(signed_before_rotation.split(".")[:2], ring.sign(payload, NOW).split(".")[:2])
#> ['k1', '1767225540'] ['k2', '1767225600']
print(ring.verify(payload, signed_before_rotation, now=NOW))
#> k1
for later, keys in [(NOW + 3600, f"k2:{K2},k1:{K1}"), (NOW, f"k2:{K2}")]:
    try:  # replayed an hour later; then checked after k1 was dropped
        KeyRing.parse(keys).verify(payload, signed_before_rotation, now=later)
    except BadSignature as error:
        print(error)
        #> signature timestamp is outside the tolerance
        #> unknown key id 'k1'
# --8<-- [end:rotation]

# --8<-- [start:scan]
sample = """\
region = "eu-west-1"
aws_key = "AKIAIOSFODNN7EXAMPLE"
DATABASE_URL = "postgresql://app:hunter22@db/app"
api_key = os.environ["API_KEY"]
"""
print(scan_text(sample))
#> [(2, 'aws-access-key-id'), (3, 'password-in-url')]
# --8<-- [end:scan]
