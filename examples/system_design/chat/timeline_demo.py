"""A client's Timeline fed frames out of order, twice, and with a hole."""

from __future__ import annotations

from examples.system_design.chat.protocol import Message
from examples.system_design.chat.timeline import Timeline


def message(seq: int) -> Message:
    return Message("ab", seq, "alice", f"m-{seq}", f"message {seq}", sent_at_ms=0)


# --8<-- [start:arrivals]
timeline = Timeline()
for seq in [1, 2, 4, 5, 2, 3, 6]:
    released = [m.seq for m in timeline.add(message(seq))]
    print(f"got {seq}: show {released}, gap {timeline.gap}")
    #> got 1: show [1], gap None
    #> got 2: show [2], gap None
    #> got 4: show [], gap (3, 3)
    #> got 5: show [], gap (3, 3)
    #> got 2: show [], gap (3, 3)
    #> got 3: show [3, 4, 5], gap None
    #> got 6: show [6], gap None
print("in order:", [m.seq for m in timeline.messages()])
#> in order: [1, 2, 3, 4, 5, 6]
# --8<-- [end:arrivals]

# --8<-- [start:tail]
timeline.saw_head(9)  # the hello frame on reconnect: the conversation is at 9
print("after hello:", timeline.contiguous, "gap", timeline.gap)
#> after hello: 6 gap (7, 9)
# --8<-- [end:tail]
