"""Secrets from the environment and a mounted file: masked, checked, rotated, scanned."""

import tempfile
from pathlib import Path

from examples.security.web.secret_scan import scan_text
from examples.security.web.settings import SettingsError, load_settings
from examples.security.web.signing_keys import BadSignature, KeyRing

with tempfile.TemporaryDirectory() as mounted:
    # --8<-- [start:load]
    secrets_dir = Path(mounted)  # stands in for /run/secrets
    (secrets_dir / "webhook_keys").write_text("k2:new-key-material,k1:old-key\n")
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
        load_settings({"WEBHOOK_KEYS": "k1:old-key"}, Path(mounted) / "absent")
    except SettingsError as error:
        print(error)
        #> bad settings: DATABASE_URL: Field required
    # --8<-- [end:missing]

# --8<-- [start:rotation]
old_ring = KeyRing.parse("k1:old-key")
signed_before_rotation = old_ring.sign(b'{"event": "paid"}')
print(
    signed_before_rotation.split(".")[0], ring.sign(b'{"event": "paid"}').split(".")[0]
)
#> k1 k2
print(ring.verify(b'{"event": "paid"}', signed_before_rotation))
#> k1
after_old_key_removed = KeyRing.parse("k2:new-key-material")
try:
    after_old_key_removed.verify(b'{"event": "paid"}', signed_before_rotation)
except BadSignature as error:
    print(error)
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
