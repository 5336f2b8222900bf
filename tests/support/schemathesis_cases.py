"""What the users APIs' schemathesis runs share: aiming generated cases at real data, and a tally.

Generated ids almost never exist and generated cursors never carry a valid
tag, so without help a run exercises little beyond 404s and 400s.
"""

from __future__ import annotations

from collections import Counter

from schemathesis.core.parameters import ParameterLocation

from examples.apis.rest.cursors import CursorCodec


def positive(case, location: ParameterLocation) -> bool:
    """Whether schemathesis meant this part of the case to be valid."""
    return case.meta is None or not case.meta.is_negative_at(location)


def aim_at_real_data(case, ids: list[int], cursor_key: bytes) -> None:
    """Existing ids and signed cursors where the generated values are meant to be valid."""
    path = case.path_parameters or {}
    if "user_id" in path and positive(case, ParameterLocation.PATH):
        generated = int(path["user_id"])
        if generated % 5:  # 4 in 5 at users 1-4; the rest stay (mostly 404)
            path["user_id"] = ids[generated % 5 - 1]
    query = case.query or {}
    if query.get("after") is not None and positive(case, ParameterLocation.QUERY):
        query["after"] = CursorCodec(cursor_key).encode(len(str(query["after"])) % 5)


def print_tally(statuses: Counter[str]) -> None:
    """The run's cases by operation and status, so a run that reaches nothing shows it."""
    print(f"\nschemathesis cases: {sum(statuses.values())}")
    for line in sorted(statuses):
        print(f"  {line}: {statuses[line]}")
