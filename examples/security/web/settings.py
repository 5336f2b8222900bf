"""Settings from the environment or from files the platform mounts; secrets kept masked.

A secret may come as a variable (`WEBHOOK_KEYS=...`) or as a file in a secrets
directory (`/run/secrets/webhook_keys`, as Docker and Kubernetes mount them).
Missing values fail at startup, naming the variables and never printing values.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, SecretStr, ValidationError

SECRETS_DIR = Path("/run/secrets")


class SettingsError(Exception):
    pass


# --8<-- [start:settings]
class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    database_url: SecretStr
    webhook_keys: SecretStr  # "kid:key,kid:key", the first one signs
    log_level: str = "INFO"


def load_settings(
    environ: Mapping[str, str] = os.environ, secrets_dir: Path = SECRETS_DIR
) -> Settings:
    values: dict[str, str] = {}
    for name in Settings.model_fields:
        file = secrets_dir / name
        if name.upper() in environ:
            values[name] = environ[name.upper()]
        elif file.is_file():
            values[name] = file.read_text(encoding="utf-8").strip()
    try:
        return Settings(**values)
    except ValidationError as error:
        # Field names and messages only; each error's "input" holds the value.
        problems = [
            f"{'.'.join(map(str, e['loc'])).upper()}: {e['msg']}"
            for e in error.errors()
        ]
    # Raised outside the except block, so no traceback chains back to the
    # ValidationError, whose text shows input_value=<the secret>.
    raise SettingsError("bad settings: " + "; ".join(problems))


# --8<-- [end:settings]
