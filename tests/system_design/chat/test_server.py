"""One real server (uvicorn on a loopback port) driven by real WebSocket clients."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from contextlib import AbstractContextManager, AsyncExitStack

import httpx2
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from examples.system_design.chat.client import ChatClient, ConnectionLost, SendRefused
from examples.system_design.chat.protocol import MAX_SEQ
from examples.system_design.chat.running import RunningServer
from examples.system_design.chat.session import SESSION_COOKIE
from examples.system_design.chat.tokens import TokenSigner
from tests.system_design.chat.conftest import auth, create_conversation, token

MakeServer = Callable[..., AbstractContextManager[RunningServer]]


async def handshake_status(url: str, headers: dict[str, str]) -> int:
    try:
        async with connect(url, additional_headers=headers, open_timeout=5, proxy=None):
            return 101
    except InvalidStatus as refused:
        return refused.response.status_code


def test_the_upgrade_needs_a_valid_bearer_token(server: RunningServer) -> None:
    alice = token(server, "alice")
    expired = TokenSigner(server.service.tokens.secret, clock=lambda: 0).issue("alice")
    cases = {
        "none": {},
        "user id": {"Authorization": "Bearer alice"},
        "basic": {"Authorization": f"Basic {alice}"},
        "expired": {"Authorization": f"Bearer {expired}"},
        "valid": {"Authorization": f"Bearer {alice}"},
    }
    statuses = {name: asyncio.run(handshake_status(server.ws_url, h)) for name, h in cases.items()}
    assert statuses == {"none": 401, "user id": 401, "basic": 401, "expired": 401, "valid": 101}


def test_a_non_ascii_token_is_a_401_not_a_crash(server: RunningServer) -> None:
    create_conversation(server, "ab", ["alice", "bob"])
    bad = {"Authorization": "Bearer a.1.\u00e9"}
    assert asyncio.run(handshake_status(server.ws_url, bad)) == 401
    raw = {"Authorization": "Bearer a.1.\u00e9".encode("latin-1")}  # one byte, 0xE9
    response = httpx2.get(f"{server.http_url}/conversations/ab/messages", headers=raw, timeout=5)
    assert response.status_code == 401


def test_a_browser_authenticates_by_cookie_only_from_an_allowed_origin(make_server: MakeServer) -> None:
    with make_server(allowed_origins=frozenset({"https://chat.example"})) as server:
        cookie = {"Cookie": f"{SESSION_COOKIE}={token(server, 'alice')}"}
        cases = {
            "ours": {**cookie, "Origin": "https://chat.example"},
            "another site": {**cookie, "Origin": "https://evil.example"},
            "no origin": cookie,
            "forged cookie": {"Cookie": f"{SESSION_COOKIE}=alice.9999999999.x", "Origin": "https://chat.example"},
        }
        statuses = {name: asyncio.run(handshake_status(server.ws_url, h)) for name, h in cases.items()}
    assert statuses == {"ours": 101, "another site": 403, "no origin": 403, "forged cookie": 401}


def test_browser_origins_must_be_allowed(make_server: MakeServer) -> None:
    with make_server(allowed_origins=frozenset({"https://chat.example"})) as server:
        headers = {"Authorization": f"Bearer {token(server, 'alice')}"}
        good = asyncio.run(handshake_status(server.ws_url, {**headers, "Origin": "https://chat.example"}))
        bad = asyncio.run(handshake_status(server.ws_url, {**headers, "Origin": "https://evil.example"}))
    assert (good, bad) == (101, 403)


def test_http_endpoints_authenticate_and_hide_other_peoples_conversations(server: RunningServer) -> None:
    create_conversation(server, "ab", ["alice", "bob"])
    with httpx2.Client(base_url=server.http_url, timeout=5) as http:
        assert http.get("/conversations/ab/messages").status_code == 401
        assert http.get("/conversations/ab/messages", headers=auth(server, "carol")).status_code == 404
        assert http.get("/conversations/no/messages", headers=auth(server, "carol")).status_code == 404
        as_alice = auth(server, "alice")
        assert http.get("/conversations/ab/messages?limit=0", headers=as_alice).status_code == 422
        # Past 64 bits SQLite raises OverflowError: refuse at the edge instead of a 500.
        for path in (f"/conversations/ab/messages?after={10**20}", f"/conversations/ab/messages/{10**20}/receipts"):
            assert http.get(path, headers=as_alice).status_code == 422
        assert http.get(f"/conversations/ab/messages?after={MAX_SEQ}", headers=as_alice).json() == []
        assert http.get("/conversations/ab/messages/1/receipts", headers=as_alice).status_code == 400
        body = {"id": "cd", "members": ["carol", "dave"]}
        assert http.post("/conversations", json=body, headers=as_alice).status_code == 403
        again = http.post("/conversations", json={"id": "ab", "members": ["alice", "bob"]}, headers=as_alice)
        assert (again.status_code, again.json()["detail"]) == (400, "conversation ab exists")
        assert http.get("/conversations/ab/messages", headers=as_alice).json() == []


def test_a_message_reaches_the_other_member_and_every_device(server: RunningServer) -> None:
    create_conversation(server, "ab", ["alice", "bob"])

    async def scenario() -> None:
        async with (
            ChatClient.connect(server.ws_url, token(server, "alice")) as alice,
            ChatClient.connect(server.ws_url, token(server, "bob")) as phone,
            ChatClient.connect(server.ws_url, token(server, "bob")) as laptop,
        ):
            assert (server.service.hub.connection_count, server.service.hub.user_count) == (3, 2)
            seq = await alice.send("ab", "hello")
            for device in (phone, laptop, alice):  # alice's own copy too
                await device.wait_for_seq("ab", seq)
                assert [(m.sender, m.body) for m in device.messages("ab")] == [("alice", "hello")]

    asyncio.run(scenario())


def test_bad_frames_get_an_error_and_the_connection_survives(server: RunningServer) -> None:
    create_conversation(server, "ab", ["alice", "bob"])
    create_conversation(server, "cd", ["carol", "dave"])

    async def scenario() -> None:
        async with ChatClient.connect(server.ws_url, token(server, "alice")) as alice:
            await alice.ws.send("not json")
            await alice.ws.send(json.dumps({"type": "ack", "conversation": "ab", "seq": 5, "state": "read"}))
            with pytest.raises(SendRefused, match="alice is not a member of cd"):
                await alice.send("cd", "let me in")
            await alice.ws.send(json.dumps({"type": "sync", "conversation": "ab", "after": 10**20}))
            await alice.wait(lambda: len(alice.errors) == 4)
            assert alice.errors[:2] == ["frame is not JSON", "seq 5 is not in ab (1..0)"]
            assert alice.errors[3] == "after must be an integer from 0 to 2**63 - 1"
            assert await alice.send("ab", "still here") == 1

    asyncio.run(scenario())


def test_concurrent_senders_every_member_sees_the_same_order(server: RunningServer) -> None:
    members = ["alice", "bob", "carol", "dave"]
    create_conversation(server, "team", members)
    per_sender = 25

    async def scenario() -> dict[str, list[tuple[int, str]]]:
        async with AsyncExitStack() as stack:
            clients = {
                user: await stack.enter_async_context(ChatClient.connect(server.ws_url, token(server, user)))
                for user in members
            }
            await asyncio.gather(
                *(
                    clients[user].send("team", f"{user} {n}", client_msg_id=f"{user}-{n:02}")
                    for n in range(per_sender)
                    for user in members[:3]
                )
            )
            total = 3 * per_sender
            for client in clients.values():
                await client.wait_for_seq("team", total)
            return {u: [(m.seq, m.client_msg_id) for m in c.messages("team")] for u, c in clients.items()}

    views = asyncio.run(scenario())
    stored = httpx2.get(
        f"{server.http_url}/conversations/team/messages?limit=100", headers=auth(server, "dave"), timeout=5
    ).json()
    expected = [(m["seq"], m["client_msg_id"]) for m in stored]
    assert [seq for seq, _ in expected] == list(range(1, 76))
    assert all(view == expected for view in views.values())


def test_a_retried_send_is_stored_once(server: RunningServer) -> None:
    create_conversation(server, "ab", ["alice", "bob"])

    async def scenario() -> list[int]:
        async with ChatClient.connect(server.ws_url, token(server, "alice")) as alice:
            first = await alice.send("ab", "once", client_msg_id="m-1")
            retries = await asyncio.gather(*(alice.send("ab", "once", client_msg_id="m-1") for _ in range(5)))
            return [first, *retries]

    assert asyncio.run(scenario()) == [1] * 6
    history = httpx2.get(f"{server.http_url}/conversations/ab/messages", headers=auth(server, "bob"), timeout=5)
    assert len(history.json()) == 1


def test_receipts_are_pushed_for_small_groups_only(make_server: MakeServer) -> None:
    with make_server(max_push_group=2) as server:
        create_conversation(server, "ab", ["alice", "bob"])
        create_conversation(server, "team", ["alice", "bob", "carol"])

        async def scenario() -> None:
            async with (
                ChatClient.connect(server.ws_url, token(server, "alice")) as alice,
                ChatClient.connect(server.ws_url, token(server, "bob")) as bob,
            ):
                for conversation in ("ab", "team"):
                    await alice.send(conversation, "hi")
                    await bob.wait_for_seq(conversation, 1)
                await bob.ack("ab", 1, "read")
                await alice.wait(lambda: alice.cursor("ab", "bob").read == 1)
                # Bob's next message travels behind any receipt for team: none came.
                await bob.send("team", "reply")
                await alice.wait_for_seq("team", 2)
                assert ("team", "bob") not in alice.receipts

        asyncio.run(scenario())
        receipts = httpx2.get(
            f"{server.http_url}/conversations/team/messages/1/receipts", headers=auth(server, "alice"), timeout=5
        )
        assert receipts.json() == {"bob": "delivered", "carol": "sent"}  # still there to pull


def test_offline_messages_arrive_once_in_order_on_reconnect(server: RunningServer) -> None:
    create_conversation(server, "ab", ["alice", "bob"])

    async def scenario() -> list[tuple[str, int]]:
        async with ChatClient.connect(server.ws_url, token(server, "alice")) as alice:
            async with ChatClient.connect(server.ws_url, token(server, "bob")) as bob:
                for n in range(3):
                    await alice.send("ab", f"online {n}")
                await bob.wait_for_seq("ab", 3)
            saved = bob.timelines
            for n in range(30):
                await alice.send("ab", f"offline {n}")
            async with ChatClient.connect(server.ws_url, token(server, "bob"), timelines=saved) as bob:
                await bob.wait_for_seq("ab", 33)
                assert [m.seq for m in bob.messages("ab")] == list(range(1, 34))
                assert bob.syncs_sent == 0
                return bob.arrivals

    assert asyncio.run(scenario()) == [("ab", seq) for seq in range(4, 34)]


def test_a_lost_frame_is_noticed_and_fetched_with_a_sync(server: RunningServer) -> None:
    create_conversation(server, "ab", ["alice", "bob"])
    lost: list[int] = []

    def lose_seq_2_once(frame: dict) -> bool:
        if frame["type"] == "message" and frame["seq"] == 2 and not lost:
            lost.append(2)
            return True
        return False

    async def scenario() -> None:
        async with (
            ChatClient.connect(server.ws_url, token(server, "alice")) as alice,
            ChatClient.connect(server.ws_url, token(server, "bob"), drop=lose_seq_2_once) as bob,
        ):
            for n in range(3):
                await alice.send("ab", f"m{n}")
            await bob.wait_for_seq("ab", 3)
            assert [m.seq for m in bob.messages("ab")] == [1, 2, 3]
            assert bob.syncs_sent == 1

    asyncio.run(scenario())
    assert lost == [2]


def test_a_client_that_cannot_keep_up_is_disconnected_not_buffered(make_server: MakeServer) -> None:
    with make_server(outbox_limit=5) as server:
        create_conversation(server, "ab", ["alice", "bob"])

        async def scenario() -> int | None:
            async with ChatClient.connect(server.ws_url, token(server, "alice")) as alice:
                for n in range(20):
                    await alice.send("ab", f"m{n}")
            headers = {"Authorization": f"Bearer {token(server, 'bob')}"}
            async with connect(server.ws_url, additional_headers=headers, open_timeout=5, proxy=None) as bob:
                with pytest.raises(ConnectionClosed):
                    async with asyncio.timeout(5):
                        while True:
                            await bob.recv()  # the 20-message backlog overflows 5
                return bob.close_code

        assert asyncio.run(scenario()) == 1013


def test_presence_follows_connections_and_heartbeats(make_server: MakeServer) -> None:
    with make_server(presence_timeout_s=0.3, sweep_interval_s=0.05) as server:
        create_conversation(server, "ab", ["alice", "bob"])

        async def scenario() -> None:
            async with (
                ChatClient.connect(server.ws_url, token(server, "alice")) as alice,
                ChatClient.connect(server.ws_url, token(server, "bob")),
            ):
                await alice.wait(lambda: any(p["user"] == "bob" and p["online"] for p in alice.presence))
                # Bob stays connected but stops heartbeating: the sweep takes him offline.
                await alice.wait(lambda: any(p["user"] == "bob" and not p["online"] for p in alice.presence))
                offline = [p for p in alice.presence if p["user"] == "bob" and not p["online"]]
                assert offline[0]["last_seen"] is not None
                async with ChatClient.connect(server.ws_url, token(server, "bob")) as bob:
                    await bob.heartbeat()
                    await alice.wait(lambda: alice.presence[-1]["online"])

        asyncio.run(scenario())


def test_the_last_message_lost_shows_as_a_gap_at_the_next_heartbeat(server: RunningServer) -> None:
    """No later frame reveals a lost last message: the heads in the heartbeat reply do."""
    create_conversation(server, "ab", ["alice", "bob"])
    lost: list[int] = []

    def lose_seq_2_once(frame: dict) -> bool:
        if frame["type"] == "message" and frame["seq"] == 2 and not lost:
            lost.append(2)
            return True
        return False

    async def scenario() -> None:
        async with (
            ChatClient.connect(server.ws_url, token(server, "alice")) as alice,
            ChatClient.connect(server.ws_url, token(server, "bob"), drop=lose_seq_2_once) as bob,
        ):
            assert bob.heartbeat_s == server.service.settings.heartbeat_interval_s
            await alice.send("ab", "one")
            await alice.send("ab", "two, the last")
            await bob.wait(lambda: lost == [2])
            assert bob.timeline("ab").gap is None  # nothing tells him 2 exists
            await bob.heartbeat()
            await bob.wait_for_seq("ab", 2)
            assert bob.syncs_sent == 1

    asyncio.run(scenario())


def test_no_sent_reply_before_the_message_is_published(server: RunningServer) -> None:
    """If routing fails after the commit, the sender hears no "sent", resends, and it arrives."""
    create_conversation(server, "ab", ["alice", "bob"])
    service = server.service
    real_publish = service.publish
    failures = ["once"]

    async def publish_failing_once(users: list[str], frame: str) -> list[str]:
        if '"type":"message"' in frame and failures:
            failures.pop()
            raise ConnectionError("injected: Redis went away")
        return await real_publish(users, frame)

    service.publish = publish_failing_once  # type: ignore[method-assign]

    async def scenario() -> None:
        async with ChatClient.connect(server.ws_url, token(server, "bob")) as bob:
            async with ChatClient.connect(server.ws_url, token(server, "alice")) as alice:
                with pytest.raises(ConnectionLost, match="1011"):
                    await alice.send("ab", "lunch?", client_msg_id="m-1")
            assert bob.arrivals == []  # committed, never routed
            async with ChatClient.connect(server.ws_url, token(server, "alice")) as alice:
                assert await alice.send("ab", "lunch?", client_msg_id="m-1") == 1
            await bob.wait_for_seq("ab", 1)
            assert [m.body for m in bob.messages("ab")] == ["lunch?"]

    asyncio.run(scenario())


def test_a_backlog_past_the_replay_cap_is_fetched_with_syncs(make_server: MakeServer) -> None:
    with make_server(backlog_limit=5) as server:
        create_conversation(server, "ab", ["alice", "bob"])

        async def scenario() -> None:
            async with ChatClient.connect(server.ws_url, token(server, "alice")) as alice:
                for n in range(12):
                    await alice.send("ab", f"m{n}")
            async with ChatClient.connect(server.ws_url, token(server, "bob")) as bob:
                await bob.wait_for_seq("ab", 12)
                assert [m.seq for m in bob.messages("ab")] == list(range(1, 13))
                assert bob.syncs_sent >= 2  # 5 replayed, then 5 and 2 on request

        asyncio.run(scenario())


def test_a_replay_is_acknowledged_in_a_few_cumulative_acks(server: RunningServer) -> None:
    create_conversation(server, "ab", ["alice", "bob"])

    async def scenario() -> int:
        async with ChatClient.connect(server.ws_url, token(server, "alice")) as alice:
            for n in range(30):
                await alice.send("ab", f"m{n}")
            async with ChatClient.connect(server.ws_url, token(server, "bob")) as bob:
                await bob.wait_for_seq("ab", 30)
                await alice.wait(lambda: alice.cursor("ab", "bob").delivered == 30)
                return bob.acks_sent

    assert asyncio.run(scenario()) < 10  # one ack per message would be 30
