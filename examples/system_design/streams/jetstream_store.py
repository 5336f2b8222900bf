"""The same event store on a JetStream stream, one subject per account.

Events for account a-1 are published to `<stream>.account.a-1`. An account's
version is the stream sequence of its last event (0 for none), and an append
carries it in the `Nats-Expected-Last-Subject-Sequence` header: the server
stores the event only if that subject's last sequence is still the one the
writer read, and otherwise refuses it with error code 10071.
"""

from __future__ import annotations

import secrets

from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from nats.js.errors import APIError

from examples.system_design.streams.account import (
    Command,
    Event,
    decide,
    decode,
    encode,
    fold,
)
from examples.system_design.streams.event_store import BalanceView, ConcurrencyError
from examples.system_design.streams.jetstream import read_all

# JetStream's error code for a failed expected-last-sequence check.
WRONG_LAST_SEQUENCE = 10071


class JetStreamEventStore:
    """Load and append account events on `stream`, which captures `<stream>.>`."""

    def __init__(self, js: JetStreamContext, stream: str) -> None:
        self.js, self.stream = js, stream

    def subject(self, account_id: str) -> str:
        """The subject that holds one account's events."""
        if not account_id or any(c in account_id for c in ".*> \t\r\n"):
            # A dot would nest the subject; a wildcard would match other accounts.
            raise ValueError(f"{account_id!r} cannot be a subject token")
        return f"{self.stream}.account.{account_id}"

    async def _replay(self, filter_subject: str) -> list[tuple[int, Event]]:
        """(stream seq, event) for every stored event on `filter_subject`, in order."""
        name = f"replay_{secrets.token_hex(4)}"
        config = ConsumerConfig(
            name=name,  # no durable_name: an ephemeral consumer we delete ourselves
            filter_subject=filter_subject,
            deliver_policy=DeliverPolicy.ALL,
            ack_policy=AckPolicy.NONE,  # a read, not work: nothing to acknowledge
            inactive_threshold=5.0,  # the server removes it if we die mid-read
        )
        await self.js.add_consumer(self.stream, config)
        sub = await self.js.pull_subscribe_bind(name, stream=self.stream)
        try:
            msgs = await read_all(sub, ack=False)
        finally:
            await sub.unsubscribe()
            await self.js.delete_consumer(self.stream, name)
        return [_decode(msg) for msg in msgs]

    # --8<-- [start:append]
    async def load(self, account_id: str) -> tuple[list[Event], int]:
        """The account's events, and the stream sequence of the last one (0 if none)."""
        stored = await self._replay(self.subject(account_id))
        version = stored[-1][0] if stored else 0
        return [event for _, event in stored], version

    async def append(self, account_id: str, expected_version: int, event: Event) -> int:
        """Publish `event` only if the account is still at `expected_version`."""
        kind, body = encode(event)
        headers = {
            "type": kind,
            # 0 means "this subject has no messages yet".
            "Nats-Expected-Last-Subject-Sequence": str(expected_version),
        }
        try:
            ack = await self.js.publish(
                self.subject(account_id), body.encode(), headers=headers
            )
        except APIError as error:
            if error.err_code == WRONG_LAST_SEQUENCE:
                # The description names the sequence the server found instead.
                found = (error.description or "").rpartition(" ")[2]
                raise ConcurrencyError(account_id, expected_version, found) from error
            raise
        return ack.seq

    # --8<-- [end:append]

    async def catch_up(
        self, view: BalanceView, feed: JetStreamContext.PullSubscription
    ) -> int:
        """Apply what a durable consumer (`feed`) has not delivered yet; how many.

        Each message is acked only after it is applied, so a crash in between
        redelivers it rather than losing it. A view kept in a database would
        store its rows and `position` in one transaction and, on restart,
        resume from that position (or rebuild) instead of trusting the acks.
        """
        msgs = await read_all(feed, ack=False)
        for msg in msgs:
            seq, event = _decode(msg)
            view.apply(event)
            view.position = seq
            await msg.ack()
        return len(msgs)

    async def rebuild(self) -> BalanceView:
        """A fresh read model from every account's events, replayed from the first."""
        view = BalanceView()
        for seq, event in await self._replay(f"{self.stream}.account.*"):
            view.apply(event)
            view.position = seq
        return view


def _decode(msg: Msg) -> tuple[int, Event]:
    """(stream sequence, event) of a stored event message."""
    if msg.headers is None or "type" not in msg.headers:
        raise ValueError(f"message {msg.metadata.sequence.stream} has no type header")
    return msg.metadata.sequence.stream, decode(msg.headers["type"], msg.data)


async def execute(store: JetStreamEventStore, command: Command) -> int:
    """Load, decide, append at the version loaded; the event's stream sequence."""
    events, version = await store.load(command.account_id)
    event = decide(fold(events), command)
    return await store.append(command.account_id, version, event)
