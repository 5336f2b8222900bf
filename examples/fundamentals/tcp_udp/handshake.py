"""Watch one TCP connection open, carry five bytes, and close, packet by packet.

Everything runs in a fresh network namespace, so tcpdump on its loopback sees
this connection and nothing else. Between the steps, `ss` shows the states
RFC 9293 (section 3.3.2) names on each side.
"""

# requires-tool: ip, tcpdump, ss

from __future__ import annotations

import socket
import time

from examples.fundamentals.tcp_udp.capture import Capture, Segment, relative
from examples.fundamentals.tcp_udp.netns import Namespace
from examples.fundamentals.tcp_udp.tcp_info import tcp_info

PORT = 7000  # the namespace is ours alone, so a fixed port cannot clash
TIMEOUT_S = 5.0


def states(namespace: Namespace) -> list[str]:
    """Each connection's state as `ss` shows it, by role (the server owns PORT)."""
    found = []
    for line in namespace.run("ss", "-tanH").splitlines():
        state, _, _, local, _ = line.split()
        if state != "LISTEN":
            role = "server" if local.endswith(f":{PORT}") else "client"
            found.append(f"{role} {state}")
    return sorted(found)


def wait_until_state(sock: socket.socket, state: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while tcp_info(sock).state != state:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the socket never reached {state}")
        time.sleep(0.005)


def describe(segment: Segment) -> str:
    """One segment as `client > server  SYN  seq 0`, with numbers from relative()."""
    sender = "server" if segment.source[1] == PORT else "client"
    receiver = "client" if sender == "server" else "server"
    parts = [f"{sender} > {receiver}", " ".join(segment.flags).ljust(7)]
    if segment.seq is not None:
        parts.append(f"seq {segment.seq}")
    if segment.ack is not None:
        parts.append(f"ack {segment.ack}")
    if segment.length:
        parts.append(f"({segment.length} bytes)")
    return "  ".join(parts)


# --8<-- [start:watch]
def watch_one_connection() -> tuple[list[list[str]], list[Segment]]:
    """Open, send b"hello", close from the client; return states and segments."""
    seen_states = []
    with Namespace("handshake") as namespace:
        listener = namespace.socket()
        client = namespace.socket()
        client.settimeout(TIMEOUT_S)
        with listener, client, Capture(namespace, "lo", f"tcp port {PORT}") as capture:
            listener.bind(("127.0.0.1", PORT))
            listener.listen()
            client.connect(("127.0.0.1", PORT))  # SYN, SYN-ACK, ACK
            server, _ = listener.accept()
            with server:
                server.settimeout(TIMEOUT_S)
                seen_states.append(states(namespace))
                client.sendall(b"hello")
                assert server.recv(16) == b"hello"
                capture.wait_for(5)  # the server's ACK of the data is in
                client.shutdown(socket.SHUT_WR)  # FIN: "I will send no more"
                wait_until_state(client, "FIN-WAIT-2")  # the FIN was acked
                seen_states.append(states(namespace))
                assert server.recv(16) == b""  # end of stream, read as b""
            # The server closes too (its FIN); the client acks and waits.
            capture.wait_for(9)
            client.close()
            seen_states.append(states(namespace))
            segments = capture.stop()
    return seen_states, relative(segments)


# --8<-- [end:watch]


# --8<-- [start:demo]
if __name__ == "__main__":
    seen_states, segments = watch_one_connection()
    for line in map(describe, segments):
        print(line)
        #> client > server  SYN      seq 0
        #> server > client  SYN ACK  seq 0  ack 1
        #> client > server  ACK      ack 1
        #> client > server  PSH ACK  seq 1  ack 1  (5 bytes)
        #> server > client  ACK      ack 6
        #> client > server  FIN ACK  seq 6  ack 1
        #> server > client  ACK      ack 7
        #> server > client  FIN ACK  seq 1  ack 7
        #> client > server  ACK      ack 2
    for moment in seen_states:
        print(", ".join(moment))
        #> client ESTAB, server ESTAB
        #> client FIN-WAIT-2, server CLOSE-WAIT
        #> client TIME-WAIT
# --8<-- [end:demo]
