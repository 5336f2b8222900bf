"""Offline delivery: messages wait in the store and arrive after the cursor."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import httpx2

from examples.system_design.chat.client import ChatClient
from examples.system_design.chat.running import RunningServer, chat_server, new_secret


async def main(server: RunningServer) -> None:
    alice_token = server.service.tokens.issue("alice")
    bob_token = server.service.tokens.issue("bob")
    auth = {"Authorization": f"Bearer {alice_token}"}
    async with httpx2.AsyncClient(base_url=server.http_url, timeout=5) as http:
        members = {"id": "ab", "members": ["alice", "bob"]}
        await http.post("/conversations", json=members, headers=auth)
        async with ChatClient.connect(server.ws_url, alice_token) as alice:
            # --8<-- [start:offline]
            async with ChatClient.connect(server.ws_url, bob_token) as bob:
                for body in ["one", "two"]:
                    await alice.send("ab", body)
                await bob.wait_for_seq("ab", 2)  # and his client acked them
                await alice.wait(lambda: alice.cursor("ab", "bob").delivered == 2)
            saved = bob.timelines  # what bob's app keeps on the phone
            for body in ["three", "four", "five"]:  # bob is offline now
                await alice.send("ab", body)
            state = await http.get(
                "/conversations/ab/messages/3/receipts", headers=auth
            )
            print("message 3 while bob is away:", state.json())
            #> message 3 while bob is away: {'bob': 'sent'}

            async with ChatClient.connect(
                server.ws_url, bob_token, timelines=saved
            ) as bob:
                await bob.wait_for_seq("ab", 5)
                print("arrived on reconnect:", [seq for _, seq in bob.arrivals])
                #> arrived on reconnect: [3, 4, 5]
                print("bob holds:", [m.body for m in bob.messages("ab")])
                #> bob holds: ['one', 'two', 'three', 'four', 'five']
                print("syncs bob had to ask for:", bob.syncs_sent)
                #> syncs bob had to ask for: 0
            # --8<-- [end:offline]

            # --8<-- [start:unacked]
            # Bob's app receives message 6 and dies before it can ack.
            async with ChatClient.connect(
                server.ws_url, bob_token, timelines=saved, auto_ack=False
            ) as bob:
                await alice.send("ab", "six")
                await bob.wait_for_seq("ab", 6)
            async with ChatClient.connect(
                server.ws_url, bob_token, timelines=saved
            ) as bob:
                await bob.wait(lambda: ("ab", 6) in bob.arrivals)
                print("arrived again:", [seq for _, seq in bob.arrivals])
                #> arrived again: [6]
                print("bob holds:", [m.seq for m in bob.messages("ab")])
                #> bob holds: [1, 2, 3, 4, 5, 6]
            # --8<-- [end:unacked]


if __name__ == "__main__":
    with (
        tempfile.TemporaryDirectory() as folder,
        chat_server("chat-1", Path(folder) / "chat.db", new_secret()) as running,
    ):
        asyncio.run(main(running))
