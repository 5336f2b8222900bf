"""Three members send at once into one group; every member ends with the same order."""

from __future__ import annotations

import asyncio
import tempfile
from contextlib import AsyncExitStack
from itertools import pairwise
from pathlib import Path

import httpx2

from examples.system_design.chat.client import ChatClient
from examples.system_design.chat.running import RunningServer, chat_server, new_secret

MEMBERS = ["alice", "bob", "carol", "dave"]
SENDERS = MEMBERS[:3]
PER_SENDER = 20


async def main(server: RunningServer) -> None:
    tokens = {user: server.service.tokens.issue(user) for user in MEMBERS}
    async with httpx2.AsyncClient(base_url=server.http_url, timeout=5) as http:
        await http.post(
            "/conversations",
            json={"id": "team", "members": MEMBERS},
            headers={"Authorization": f"Bearer {tokens['alice']}"},
        )
    async with AsyncExitStack() as stack:
        clients = {
            user: await stack.enter_async_context(
                ChatClient.connect(server.ws_url, tokens[user])
            )
            for user in MEMBERS
        }
        # --8<-- [start:concurrent]
        sends = [
            clients[user].send("team", f"{user} {n}", client_msg_id=f"{user}-{n:02}")
            for n in range(PER_SENDER)
            for user in SENDERS
        ]
        seqs = await asyncio.gather(*sends)  # 60 sends in flight together
        total = len(SENDERS) * PER_SENDER
        print("seqs handed out:", sorted(seqs) == list(range(1, total + 1)))
        #> seqs handed out: True
        for client in clients.values():
            await client.wait_for_seq("team", total)
        views = {
            user: [(m.seq, m.client_msg_id) for m in client.messages("team")]
            for user, client in clients.items()
        }
        print("members with the same order:", len({tuple(v) for v in views.values()}))
        #> members with the same order: 1
        order = [msg_id for _, msg_id in views["dave"]]
        for user in SENDERS:
            own = [msg_id for msg_id in order if msg_id.startswith(user)]
            print(f"{user}'s messages in the order sent:", own == sorted(own))
            #> alice's messages in the order sent: True
            #> bob's messages in the order sent: True
            #> carol's messages in the order sent: True
        switches = sum(a[:3] != b[:3] for a, b in pairwise(order))
        print("senders interleaved:", switches > len(SENDERS))
        #> senders interleaved: True
        # --8<-- [end:concurrent]


if __name__ == "__main__":
    with (
        tempfile.TemporaryDirectory() as folder,
        chat_server("chat-1", Path(folder) / "chat.db", new_secret()) as running,
    ):
        asyncio.run(main(running))
