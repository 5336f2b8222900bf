"""Preferences at work: quiet hours defer, urgent messages pass, opt-outs
suppress, and user data is escaped in email HTML."""

from examples.machine_coding.notification_service.errors import MissingVariableError
from examples.machine_coding.notification_service.model import Channel, SendRequest
from examples.machine_coding.notification_service.sample_data import (
    START,
    TEMPLATES,
    USERS,
    clock_time,
)
from examples.machine_coding.notification_service.wiring import build_system

system = build_system(templates=TEMPLATES, users=USERS, now=START)
service, dispatcher = system.service, system.dispatcher

# --8<-- [start:quiet_hours]
# 22:30 in Berlin, inside Ada's quiet hours (22:00 to 07:00).
digest = service.send(
    SendRequest(
        "ada", "weekly_digest", ("email", "push"), {"name": "Ada", "count": "3"}
    )
).notification
code = service.send(SendRequest("ada", "login_code", ("sms",), {"code": "481516"}))
for delivery in service.status(digest.id).deliveries:
    due = clock_time(delivery.due_at, "Europe/Berlin")
    print(f"digest {delivery.channel}: {delivery.status}, due {due} Berlin time")
    #> digest email: deferred, due 07:00 Berlin time
    #> digest push: deferred, due 07:00 Berlin time

dispatcher.run_due(START)  # only the urgent login code is due now
print(system.providers[Channel.SMS].sent[0].message.body)
#> Your login code is 481516. It expires in 5 minutes.

morning = service.status(digest.id).deliveries[0].due_at
dispatcher.run_due(morning)
print([f"{d.channel}: {d.status}" for d in service.status(digest.id).deliveries])
#> ['email: sent', 'push: sent']
# --8<-- [end:quiet_hours]

# --8<-- [start:opt_out]
# Bob opted out of marketing email; in-app is still allowed.
bob = service.send(
    SendRequest(
        "bob", "weekly_digest", ("email", "in_app"), {"name": "Bob", "count": "1"}
    )
).notification
print([f"{d.channel}: {d.status}" for d in service.status(bob.id).deliveries])
#> ['email: suppressed', 'in_app: queued']
# --8<-- [end:opt_out]

# --8<-- [start:escaping]
shipped = service.send(
    SendRequest(
        "ada",
        "order_shipped",
        ("email", "sms"),
        {"name": "<Ada & Co>", "order_id": "8812"},
    )
).notification
print(shipped.messages[Channel.EMAIL].subject)
#> Order 8812 has shipped
print(shipped.messages[Channel.EMAIL].body)
#> <p>Hi &lt;Ada &amp; Co&gt;, order <b>8812</b> has shipped.</p>
print(shipped.messages[Channel.SMS].body)
#> Hi <Ada & Co>, order 8812 has shipped.

try:
    service.send(SendRequest("ada", "order_shipped", ("sms",), {"name": "Ada"}))
except MissingVariableError as error:
    print(f"refused: {error}")
    #> refused: template 'order_shipped' needs variables: order_id
# --8<-- [end:escaping]
