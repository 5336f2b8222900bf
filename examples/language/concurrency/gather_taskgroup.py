"""Wait for several coroutines at once: asyncio.gather versus asyncio.TaskGroup.

Both run coroutines concurrently and wait for all of them. They differ in what
happens to the other coroutines when one of them fails.
"""

from __future__ import annotations

import asyncio

SERVICES = ["profile", "billing", "search"]


# --8<-- [start:fake_io]
async def call_service(name: str, *, down: bool = False) -> str:
    """Stand in for a network call: yield to the event loop once, then answer."""
    await asyncio.sleep(0)  # one trip through the loop, like awaiting a socket
    if down:
        raise ConnectionError(f"{name} is down")
    return f"{name}: ok"


async def wait_for_release(name: str, release: asyncio.Event, log: list[str]) -> str:
    """A slow call that answers only when `release` is set; records cancellation."""
    try:
        await release.wait()
    except asyncio.CancelledError:
        log.append(f"{name} was cancelled")
        raise  # swallowing CancelledError would break the caller's cancellation
    return f"{name}: ok"


# --8<-- [end:fake_io]


# --8<-- [start:gather_settled]
async def gather_settled(names: list[str], down: set[str]) -> list[str | BaseException]:
    """Call every service; a failure comes back as its exception object, in input order."""
    calls = (call_service(name, down=name in down) for name in names)
    return await asyncio.gather(*calls, return_exceptions=True)


# --8<-- [end:gather_settled]


# --8<-- [start:gather_fail_fast]
async def gather_fail_fast() -> list[str]:
    """Show that plain gather raises the first error and leaves the others running."""
    log: list[str] = []
    release = asyncio.Event()
    slow = asyncio.create_task(wait_for_release("profile", release, log))
    try:
        await asyncio.gather(slow, call_service("billing", down=True))
    except ConnectionError as exc:
        log.append(f"gather raised: {exc}")
    # Nobody cancelled the sibling: it is still running, and only our handle reaches it.
    log.append(f"profile still running: {not slow.done()}")
    release.set()
    log.append(f"profile finished anyway: {await slow}")
    return log


# --8<-- [end:gather_fail_fast]


# --8<-- [start:task_group]
async def task_group_fail_fast() -> list[str]:
    """Show that a TaskGroup cancels the siblings and waits for them before raising."""
    log: list[str] = []
    never = asyncio.Event()  # never set: this call would hang forever on its own
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(wait_for_release("profile", never, log))
            group.create_task(call_service("billing", down=True))
    except* ConnectionError as errors:  # only the ConnectionErrors; others propagate
        log.extend(f"group raised: {exc!r}" for exc in errors.exceptions)
    return log


async def task_group_results(names: list[str]) -> dict[str, str]:
    """When nothing fails, read each result from its task after the block exits."""
    async with asyncio.TaskGroup() as group:
        tasks = {name: group.create_task(call_service(name)) for name in names}
    return {name: task.result() for name, task in tasks.items()}


# --8<-- [end:task_group]


async def main() -> None:
    """Run the three behaviors side by side."""
    # --8<-- [start:demo]
    print(await gather_settled(SERVICES, down={"billing"}))
    #> ['profile: ok', ConnectionError('billing is down'), 'search: ok']
    for line in await gather_fail_fast():
        print(line)
        #> gather raised: billing is down
        #> profile still running: True
        #> profile finished anyway: profile: ok
    for line in await task_group_fail_fast():
        print(line)
        #> profile was cancelled
        #> group raised: ConnectionError('billing is down')
    print(await task_group_results(SERVICES))
    #> {'profile': 'profile: ok', 'billing': 'billing: ok', 'search': 'search: ok'}
    # --8<-- [end:demo]


if __name__ == "__main__":
    asyncio.run(main())
