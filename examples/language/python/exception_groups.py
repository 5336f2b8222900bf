"""Exception groups (3.11): several failures at once, handled by type with `except*`.

asyncio.TaskGroup cancels the other tasks when one fails and raises every
failure together as an ExceptionGroup. `except* T` takes the part of the group
that matches T; each matching clause runs once, and whatever no clause
matched is raised again as a (smaller) group.
"""

from __future__ import annotations

import asyncio


# --8<-- [start:taskgroup]
async def fetch(name: str, fails_with: Exception | None = None) -> str:
    await asyncio.sleep(0)  # stands in for a network call
    if fails_with is not None:
        raise fails_with
    return name


async def load_dashboard() -> list[str]:
    async with asyncio.TaskGroup() as group:
        tasks = [
            group.create_task(fetch("profile")),
            group.create_task(fetch("orders", ConnectionError("orders: refused"))),
            group.create_task(fetch("ads", TimeoutError("ads: no reply"))),
            group.create_task(fetch("prices", ValueError("prices: bad JSON"))),
        ]
    return [task.result() for task in tasks]


async def triage() -> dict[str, list[str]]:
    """Sort the failures of one load by what to do about them."""
    todo: dict[str, list[str]] = {"retry": [], "report": []}
    try:
        await load_dashboard()
    except* (ConnectionError, TimeoutError) as transient:  # worth a retry
        todo["retry"] = [str(e) for e in transient.exceptions]
    except* ValueError as bad:  # a bug or a broken contract: report it
        todo["report"] = [str(e) for e in bad.exceptions]
    return todo


print(asyncio.run(triage()))  # both clauses ran
#> {'retry': ['orders: refused', 'ads: no reply'], 'report': ['prices: bad JSON']}
# --8<-- [end:taskgroup]


# --8<-- [start:plain-except]
async def run_plain() -> str:
    try:
        await load_dashboard()
    except ConnectionError:  # never matches: the group is not a ConnectionError
        return "handled"
    return "ok"


try:
    asyncio.run(run_plain())
except ExceptionGroup as group:
    print(type(group).__name__, group.message, len(group.exceptions))
    #> ExceptionGroup unhandled errors in a TaskGroup 3
# --8<-- [end:plain-except]
