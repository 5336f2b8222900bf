"""Alice and Bob on one real server: a token, a message, receipts, a retried send."""

from __future__ import annotations

import asyncio
import json
import tempfile
from pathlib import Path

import httpx2
from websockets.exceptions import InvalidStatus

from examples.system_design.chat.client import ChatClient
from examples.system_design.chat.handshake import accept_key
from examples.system_design.chat.running import RunningServer, chat_server, new_secret
from examples.system_design.chat.tokens import TokenSigner


async def main(server: RunningServer) -> None:
    # The login service would issue these; here the server's signer does.
    alice_token = server.service.tokens.issue("alice")
    bob_token = server.service.tokens.issue("bob")
    auth = {"Authorization": f"Bearer {alice_token}"}
    async with httpx2.AsyncClient(base_url=server.http_url, timeout=5) as http:
        # --8<-- [start:auth]
        key = server.service.tokens.secret
        attempts = {
            "a bare user id": "alice",
            "signed with another key": TokenSigner(new_secret()).issue("alice"),
            "expired": TokenSigner(key, clock=lambda: 0).issue("alice"),
        }
        for case, token in attempts.items():
            try:
                async with ChatClient.connect(server.ws_url, token):
                    print(case, "connected")
            except InvalidStatus as refused:
                reason = json.loads(refused.response.body)["detail"]
                print(f"{case}: HTTP {refused.response.status_code}, {reason}")
                #> a bare user id: HTTP 401, token is malformed
                #> signed with another key: HTTP 401, token signature does not match
                #> expired: HTTP 401, token has expired
        # --8<-- [end:auth]
        created = await http.post(
            "/conversations",
            json={"id": "ab", "members": ["alice", "bob"]},
            headers=auth,
        )
        print("conversation:", created.status_code, created.json())
        #> conversation: 201 {'id': 'ab', 'members': ['alice', 'bob']}

        # --8<-- [start:send]
        async with (
            ChatClient.connect(server.ws_url, alice_token) as alice,
            ChatClient.connect(server.ws_url, bob_token) as bob,
        ):
            handshake = alice.ws.response
            key = alice.ws.request.headers["Sec-WebSocket-Key"]
            print("upgrade:", handshake.status_code, handshake.reason_phrase)
            #> upgrade: 101 Switching Protocols
            print(
                "accept matches key:",
                handshake.headers["Sec-WebSocket-Accept"] == accept_key(key),
            )
            #> accept matches key: True
            seq = await alice.send("ab", "Lunch at noon?", client_msg_id="m-001")
            await bob.wait_for_seq("ab", seq)
            print("bob holds:", [(m.seq, m.sender, m.body) for m in bob.messages("ab")])
            #> bob holds: [(1, 'alice', 'Lunch at noon?')]
            # --8<-- [end:send]

            # --8<-- [start:receipts]
            receipts = f"/conversations/ab/messages/{seq}/receipts"
            await alice.wait(lambda: alice.cursor("ab", "bob").delivered >= seq)
            print(
                "after bob's client acked:",
                (await http.get(receipts, headers=auth)).json(),
            )
            #> after bob's client acked: {'bob': 'delivered'}
            await bob.ack("ab", seq, "read")  # bob opened the conversation
            await alice.wait(lambda: alice.cursor("ab", "bob").read >= seq)
            print("after bob read it:", (await http.get(receipts, headers=auth)).json())
            #> after bob read it: {'bob': 'read'}
            # --8<-- [end:receipts]

            # --8<-- [start:resend]
            # The "sent" reply was lost, so alice's app sends again, same id.
            again = await alice.send("ab", "Lunch at noon?", client_msg_id="m-001")
            history = await http.get("/conversations/ab/messages", headers=auth)
            print("resend got seq:", again, "| stored:", len(history.json()))
            #> resend got seq: 1 | stored: 1
            print("bob holds:", [m.seq for m in bob.messages("ab")])
            #> bob holds: [1]
            # --8<-- [end:resend]


if __name__ == "__main__":
    with (
        tempfile.TemporaryDirectory() as folder,
        chat_server("chat-1", Path(folder) / "chat.db", new_secret()) as running,
    ):
        asyncio.run(main(running))
