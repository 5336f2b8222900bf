"""Ask the kernel about one TCP connection: getsockopt(TCP_INFO) on Linux.

`ss -ti` prints the same structure (struct tcp_info in <linux/tcp.h>); reading
it from the socket itself needs no other program and no parsing of text.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

# The kernel's state numbers (include/net/tcp_states.h), named as RFC 9293 names them.
STATES = {
    1: "ESTABLISHED", 2: "SYN-SENT", 3: "SYN-RECEIVED", 4: "FIN-WAIT-1",
    5: "FIN-WAIT-2", 6: "TIME-WAIT", 7: "CLOSED", 8: "CLOSE-WAIT",
    9: "LAST-ACK", 10: "LISTEN", 11: "CLOSING",
}  # fmt: skip
TOTAL_RETRANS_OFFSET = 100  # after 8 one-byte fields and 23 four-byte ones
INFO_SIZE = TOTAL_RETRANS_OFFSET + 4


@dataclass(frozen=True)
class TcpInfo:
    state: str
    probes: int  # keepalive or zero-window probes sent and not answered
    total_retrans: int  # segments this connection has sent again


def tcp_info(sock: socket.socket) -> TcpInfo:
    raw = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, INFO_SIZE)
    if len(raw) < INFO_SIZE:
        raise OSError(
            f"the kernel returned {len(raw)} bytes of tcp_info, expected {INFO_SIZE}"
        )
    (total_retrans,) = struct.unpack_from("=I", raw, TOTAL_RETRANS_OFFSET)
    return TcpInfo(state=STATES[raw[0]], probes=raw[3], total_retrans=total_retrans)


if __name__ == "__main__":
    with socket.create_server(("127.0.0.1", 0)) as listener:
        print(tcp_info(listener).state)
        #> LISTEN
        with socket.create_connection(listener.getsockname(), timeout=5) as client:
            print(tcp_info(client))
            #> TcpInfo(state='ESTABLISHED', probes=0, total_retrans=0)
