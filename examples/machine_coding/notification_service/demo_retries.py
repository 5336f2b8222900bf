"""Retries, permanent failures and the dead-letter queue, on a manual clock.

Each loop jumps the clock to the next due time and runs the dispatcher, which
is what a real worker does with sleep; here no time passes at all.
"""

from examples.machine_coding.notification_service.model import Channel, SendRequest
from examples.machine_coding.notification_service.sample_data import (
    START,
    TEMPLATES,
    USERS,
)
from examples.machine_coding.notification_service.wiring import build_system

system = build_system(templates=TEMPLATES, users=USERS, now=START, seed=7)
service, dispatcher, providers = system.service, system.dispatcher, system.providers


def drain() -> list[str]:
    """Run every delivery to the end; one line per attempt."""
    lines = []
    while (due := dispatcher.next_due_at()) is not None:
        system.clock.set(due)
        for delivery in dispatcher.run_due(due):
            error = f" ({delivery.last_error})" if delivery.last_error else ""
            lines.append(
                f"t+{due - START:5.2f}s {delivery.channel} attempt "
                f"{delivery.attempts}: {delivery.status}{error}"
            )
    return lines


# --8<-- [start:transient]
providers[Channel.SMS].fail_next("transient", "transient")  # then it recovers
service.send(SendRequest("ada", "login_code", ("sms",), {"code": "271828"}))
for line in drain():
    print(line)
    #> t+ 0.00s sms attempt 1: queued (sms provider timed out)
    #> t+ 0.32s sms attempt 2: queued (sms provider timed out)
    #> t+ 0.63s sms attempt 3: sent
print(f"sms messages sent: {len(providers[Channel.SMS].sent)}")
#> sms messages sent: 1
# --8<-- [end:transient]

# --8<-- [start:permanent]
providers[Channel.EMAIL].fail_next("permanent")
service.send(SendRequest("ada", "login_code", ("email",), {"code": "314159"}))
for line in drain():
    print(line)
    #> t+ 0.63s email attempt 1: failed (email address rejected)
# --8<-- [end:permanent]

# --8<-- [start:dead_letter]
providers[Channel.IN_APP].fail_next(*["transient"] * 10)  # an outage
service.send(
    SendRequest("bob", "order_shipped", ("in_app",), {"name": "Bob", "order_id": "77"})
)
for line in drain():
    print(line)
    #> t+ 0.63s in_app attempt 1: queued (in_app provider timed out)
    #> t+ 1.28s in_app attempt 2: queued (in_app provider timed out)
    #> t+ 1.42s in_app attempt 3: queued (in_app provider timed out)
    #> t+ 3.56s in_app attempt 4: queued (in_app provider timed out)
    #> t+ 6.49s in_app attempt 5: queued (in_app provider timed out)
    #> t+ 7.42s in_app attempt 6: dead_lettered (in_app provider timed out)
for entry in system.dead_letters.entries():
    print(f"DLQ: {entry.delivery.key[0]} {entry.delivery.channel}: {entry.reason}")
    #> DLQ: ntf_3 in_app: retries used up: in_app provider timed out
# --8<-- [end:dead_letter]
