from __future__ import annotations

import ctypes
import os
import tracemalloc
from collections import OrderedDict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.observability.debugging import profile_cache
from examples.observability.debugging.memory_leak import leak_sites, serve

APP = Path(profile_cache.__file__)


def line_of(text: str) -> int:
    """The line number of `text` in profile_cache.py, so tests survive edits above it."""
    lines = APP.read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_finds_the_allocating_line_and_the_caller_that_keeps_it() -> None:
    sites = leak_sites(serve(profile_cache.ProfileCache()), 500, APP)
    assert sites, "the leak was not found"
    top = sites[0]
    assert top.blocks == 500  # one page per request
    assert top.stack[0].startswith(f"profile_cache.py:{line_of('return f')}  return f")
    assert top.stack[1] == (
        f"profile_cache.py:{line_of('= render(user_id)')}  self._pages[key] = render(user_id)"
    )


def test_the_key_leaks_too_on_every_run() -> None:
    key_line = f"profile_cache.py:{line_of('key = f')}"
    for _ in range(3):  # the same report each time, whatever ran before
        sites = leak_sites(serve(profile_cache.ProfileCache()), 500, APP)
        assert [s.stack[0].startswith(key_line) for s in sites] == [False, True]


def test_growth_scales_with_traffic() -> None:
    small = leak_sites(serve(profile_cache.ProfileCache()), 200, APP)[0]
    large = leak_sites(serve(profile_cache.ProfileCache()), 800, APP)[0]
    assert (small.blocks, large.blocks) == (200, 800)


def test_the_bounded_cache_does_not_grow() -> None:
    assert leak_sites(serve(profile_cache.BoundedProfileCache()), 1_000, APP) == []


def test_a_folder_works_as_the_app() -> None:
    sites = leak_sites(serve(profile_cache.ProfileCache()), 300, APP.parent)
    assert sites and sites[0].blocks == 300


def test_code_outside_the_app_is_not_reported(tmp_path: Path) -> None:
    # The leak lives in profile_cache.py; a folder that does not hold it sees nothing.
    assert leak_sites(serve(profile_cache.ProfileCache()), 300, tmp_path) == []


@pytest.mark.parametrize("kwargs", [{"requests": 0}, {"top": 0}, {"frames": 0}])
def test_refuses_bad_settings(kwargs: dict[str, int]) -> None:
    settings = {"requests": 10, **kwargs}
    requests = settings.pop("requests")
    with pytest.raises(ValueError, match="at least 1"):
        leak_sites(serve(profile_cache.ProfileCache()), requests, APP, **settings)


def test_refuses_to_run_inside_someone_elses_trace() -> None:
    tracemalloc.start()
    try:
        with pytest.raises(RuntimeError, match="already running"):
            leak_sites(serve(profile_cache.ProfileCache()), 10, APP)
        assert tracemalloc.is_tracing()  # left as it was
    finally:
        tracemalloc.stop()


def test_tracing_is_off_afterwards() -> None:
    leak_sites(serve(profile_cache.ProfileCache()), 10, APP)
    assert not tracemalloc.is_tracing()


def test_bounded_cache_refuses_a_zero_size() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        profile_cache.BoundedProfileCache(0)


@given(st.integers(1, 5), st.lists(st.integers(0, 9), max_size=60))
def test_bounded_cache_matches_an_lru_model(size: int, users: list[int]) -> None:
    cache = profile_cache.BoundedProfileCache(size)
    model: OrderedDict[int, None] = OrderedDict()
    for number, user in enumerate(users):
        assert cache.page(user, f"req-{number}") == profile_cache.render(user)
        model[user] = None
        model.move_to_end(user)
        if len(model) > size:
            model.popitem(last=False)
        assert list(cache._pages) == list(model)
    assert len(cache) <= size


def test_with_one_frame_the_caller_that_keeps_the_page_is_missing() -> None:
    sites = leak_sites(serve(profile_cache.ProfileCache()), 500, APP, frames=1)
    assert [len(site.stack) for site in sites] == [1, 1]
    assert not any("self._pages[key]" in line for site in sites for line in site.stack)


def _rss_bytes() -> int:
    """Resident set size of this process (Linux: /proc/self/statm, in pages)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_tracemalloc_does_not_see_memory_that_c_code_allocates() -> None:
    # A native leak (a C extension, a library's own malloc) grows the RSS
    # while the traced total stays flat: compare the two.
    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    size = 64 * 1024 * 1024
    tracemalloc.start()
    try:
        traced_before, rss_before = tracemalloc.get_traced_memory()[0], _rss_bytes()
        block = libc.malloc(size)
        assert block
        try:
            ctypes.memset(block, 1, size)  # touch every page so it is resident
            traced_growth = tracemalloc.get_traced_memory()[0] - traced_before
            rss_growth = _rss_bytes() - rss_before
        finally:
            libc.free(block)
    finally:
        tracemalloc.stop()
    assert rss_growth > size // 2
    assert traced_growth < 1024 * 1024
