"""What a careless log call would leak, and what the redacting filter writes instead."""

from __future__ import annotations

import io
import logging

from examples.observability.json_logging import json_logs_to, parse_lines

log = logging.getLogger("jobs.api")

# --8<-- [start:leaky]
stream = io.StringIO()
with json_logs_to(stream):
    # Three mistakes people make: dumping request headers, dumping a form,
    # and formatting a secret or a card number into the message.
    log.info(
        "login attempt",
        extra={
            "headers": {"Authorization": "Bearer eyJhbGciOi.x.y", "Accept": "*/*"},
            "form": {"user": "ana", "password": "hunter2"},
        },
    )
    log.warning("retrying with token=%s", "sk_live_51Hx")
    log.info("charging card 4111 1111 1111 1111 for order 1042")

login, retry, charge = parse_lines(stream.getvalue())
print(login["headers"])
#> {'Authorization': '[REDACTED]', 'Accept': '*/*'}
print(login["form"])
#> {'user': 'ana', 'password': '[REDACTED]'}
print(retry["message"])
#> retrying with token=[REDACTED]
print(charge["message"])
#> charging card [CARD ...1111] for order 1042
# --8<-- [end:leaky]
