"""A list is a stack; a deque is a queue. Both ends of a deque are O(1)."""

from collections import deque

# --8<-- [start:basics]
stack: list[str] = []
stack.append("a")  # push onto the top: the end of the list, amortized O(1)
stack.append("b")
stack.append("c")
print(stack.pop(), stack[-1])  # pop and peek the top, O(1)
#> c b

queue: deque[str] = deque()
queue.append("first")  # enqueue at the right end, O(1)
queue.append("second")
queue.append("third")
print(queue.popleft(), queue[0])  # dequeue and peek the front, O(1)
#> first second

# list.pop(0) gives the same answer, but shifts every remaining item left by one.
line = ["first", "second", "third"]
print(line.pop(0), line)
#> first ['second', 'third']

# An empty stack raises instead of returning a sentinel: check before you pop.
print(stack.pop() if stack else None, len(stack))
#> b 1
# --8<-- [end:basics]
