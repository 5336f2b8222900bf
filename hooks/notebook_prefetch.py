"""MkDocs hook: run the notebooks in the background while the Markdown pages build.

mkdocs-jupyter executes a notebook when the build reaches its page, and the
build waits: about 2 s of a 7 s cold build, spent mostly waiting on the
kernel process. Here each notebook page is rendered by mkdocs-jupyter's own
code in a worker thread as soon as the pages exist; that fills the plugin's
cache (.cache/mkdocs-jupyter), so when the build reaches the page it reads
the cache instead. A notebook that fails still fails the build, at its page,
with the plugin's own error. With the cache already warm the thread finds it
and returns at once.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from mkdocs.plugins import event_priority

_PLUGIN = "mkdocs-jupyter"
_running: dict[str, Future] = {}
_workers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="notebook")


def on_nav(nav, config, files):
    plugin = config.plugins.get(_PLUGIN)
    if plugin is None:
        return nav
    for page in nav.pages:
        if plugin.should_include(page.file):
            # `mkdocs serve` runs this for every rebuild: the page objects are new.
            _wait(_running.pop(page.file.src_uri, None))
            _running[page.file.src_uri] = _workers.submit(_render, plugin, page, config, files)
    return nav


def _wait(running: Future | None) -> None:
    if running is not None:
        running.result()  # re-raises a failed notebook here


def _render(plugin, page, config, files) -> None:
    # The plugin's own on_pre_page swaps in its renderer, which writes the cache.
    plugin.on_pre_page(page, config=config, files=files)
    page.render(config, files)


@event_priority(100)  # before mkdocs-jupyter's on_pre_page
def on_pre_page(page, config, files):
    _wait(_running.pop(page.file.src_uri, None))  # a failed notebook fails at its page
    return page


def on_post_build(config):
    # A page a dirty rebuild skipped: let its thread finish before the next build.
    while _running:
        _running.popitem()[1].exception()
