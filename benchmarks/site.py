"""What the site costs to build, to download and to edit, beside any MkDocs project you name.

    python3 dev.py bench site                        # this handbook only
    .venv/bin/python benchmarks/site.py --compare DIR[=PYTHON] [--compare-serve-flags "..."]

For this handbook and for each DIR (another MkDocs project, measured the same
way in the same run, built by PYTHON if it needs plugins this venv lacks) it prints:

  cold build      `mkdocs build` of a fresh copy (no caches, so the notebook
                  runs): seconds, HTML pages, seconds per page
  search index    bytes raw and gzipped, and gzipped bytes per 100 pages
  page weight     what a first visit downloads, measured in Chromium, gzipped
                  at level 6 as a static host serves it: per kind (HTML, CSS,
                  JS, JSON...) for the home page, the longest page and a page
                  with a diagram; then what opening the search box adds
  edit-to-reload  seconds from saving a file until `mkdocs serve` (with the
                  flags `dev.py serve` uses) serves the changed page; here for a
                  page and for an example file that page includes

Numbers only; nothing is asserted. BENCH_QUICK=1 (set by the test suite)
measures the already-built site in HANDBOOK_BUILT_SITE if set, skips the
builds and serve, and loads one page.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from benchmarks.timing import quick_mode
from dev import SERVE_FLAGS
from tests.support.chromium import HOW_TO_GET_ONE, LAUNCH_ARGS, find_chromium
from tests.support.ci import running_under_ci
from tests.support.example_files import REPO_ROOT
from tests.support.project_copy import copy_project
from tests.support.site_build import build_site, serve_directory, site_path_prefix

MKDOCS_ENV = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1")
RELOAD_EDITS = 3
RELOAD_TIMEOUT_SECONDS = 180
# Our edit targets: a page, and a file under examples/ that the page includes.
OUR_PAGE = ("docs/machine-coding/lru-cache.md", "machine-coding/lru-cache/")
OUR_EXAMPLE = "examples/machine_coding/lru_cache/lru_linked.py"


@dataclass(frozen=True)
class Project:
    label: str
    source: Path
    python: str
    strict: bool
    serve_flags: tuple[str, ...] = tuple(SERVE_FLAGS)


@dataclass(frozen=True)
class Build:
    seconds: float
    pages: int
    site: Path

    @property
    def seconds_per_page(self) -> float:
        return self.seconds / self.pages


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def fresh_copy(project: Project, destination: Path) -> Path:
    """A copy without build output or caches, so the build starts cold."""
    if project.source == REPO_ROOT:
        return copy_project(destination)
    junk = shutil.ignore_patterns(".git", "site", ".cache", "node_modules", ".venv", "__pycache__")
    shutil.copytree(project.source, destination, ignore=junk, dirs_exist_ok=True)
    return destination


def cold_build(project: Project, workdir: Path) -> Build:
    copy = fresh_copy(project, workdir / "project")
    site = workdir / "site"
    command = [project.python, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)]
    if project.strict:
        command.append("--strict")
    start = time.perf_counter()
    subprocess.run(command, cwd=copy, env=MKDOCS_ENV, check=True, timeout=1800)
    seconds = time.perf_counter() - start
    return Build(seconds=seconds, pages=len(list(site.rglob("*.html"))), site=site)


def search_index_line(label: str, site: Path, pages: int) -> str:
    index = (site / "search" / "search_index.json").read_bytes()
    per_100 = gzipped(index) * 100 / pages
    return (
        f"{label:<10} search index {len(index) / 1e3:8.1f} KB raw {gzipped(index) / 1e3:7.1f} KB gz   "
        f"{per_100 / 1e3:6.1f} KB gz per 100 pages ({pages} pages)"
    )


def kind_of(url: str, resource_type: str) -> str:
    path = url.split("?", 1)[0]
    for kind, suffixes in (("JS", (".js",)), ("CSS", (".css",)), ("JSON", (".json",)),
                           ("font", (".woff2", ".woff", ".ttf")), ("image", (".svg", ".png", ".jpg", ".ico"))):
        if path.endswith(suffixes):
            return kind
    return "HTML" if resource_type == "document" else resource_type


def weigh(browser: Browser, url: str) -> tuple[Counter[str], Counter[str]]:
    """Gzipped bytes per kind for a first visit, then the extra bytes opening search costs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen: list = []
    page.on("response", lambda response: seen.append(response))
    page.goto(url, wait_until="networkidle")
    first = Counter()
    for response in seen:
        first[kind_of(response.url, response.request.resource_type)] += gzipped(response.body())
    before_search = len(seen)
    page.keyboard.press("s")  # Material's shortcut: open the search box
    page.keyboard.type("cache")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    extra = Counter()
    for response in seen[before_search:]:
        extra[kind_of(response.url, response.request.resource_type)] += gzipped(response.body())
    context.close()
    return first, extra


def weight_line(label: str, page_label: str, first: Counter[str], extra: Counter[str]) -> str:
    kinds = "  ".join(f"{kind} {size / 1e3:.1f}" for kind, size in sorted(first.items()))
    return (
        f"{label:<10} {page_label:<34} first visit {sum(first.values()) / 1e3:7.1f} KB gz "
        f"(JS {first['JS'] / 1e3:6.1f})  [{kinds}]   opening search adds {sum(extra.values()) / 1e3:6.1f} KB"
    )


def pages_to_weigh(site: Path) -> list[tuple[str, str]]:
    """(label, site-relative URL): the home page, the longest page, and a page with a diagram."""
    htmls = [p for p in site.rglob("index.html") if "search" not in p.parts]
    longest = max(htmls, key=lambda p: p.stat().st_size)
    with_diagram = [p for p in htmls if 'class="mermaid"' in p.read_text(encoding="utf-8", errors="replace")]
    chosen = [("home", site / "index.html"), ("longest", longest)]
    if with_diagram:
        chosen.append(("with a diagram", min(with_diagram, key=lambda p: p.stat().st_size)))
    return [(f"{label}: {p.parent.relative_to(site).as_posix()}/", p.parent.relative_to(site).as_posix() + "/")
            for label, p in chosen]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, marker: str | None, deadline: float) -> float:
    while time.perf_counter() < deadline:
        body = fetch(url)
        if body is not None and (marker is None or marker in body):
            return time.perf_counter()
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show {marker!r} in time")


def edit_to_reload(project: Project, workdir: Path, edits: list[tuple[str, str, str]]) -> dict[str, list[float]]:
    """For each (label, file, page URL): seconds from saving an edit to the page serving it."""
    copy = fresh_copy(project, workdir / "serve")
    port = free_port()
    prefix = site_path_prefix(copy / "mkdocs.yml")
    command = [project.python, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *project.serve_flags]
    server = subprocess.Popen(command, cwd=copy, env=MKDOCS_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results: dict[str, list[float]] = {}
    try:
        base = f"http://127.0.0.1:{port}{prefix}"
        wait_for(base, None, time.perf_counter() + RELOAD_TIMEOUT_SECONDS)
        for label, relative, page_url in edits:
            target = copy / relative
            original = target.read_text(encoding="utf-8")
            for attempt in range(RELOAD_EDITS):
                marker = f"reloadmarker{attempt}x{int(time.time() * 1000)}"
                target.write_text(with_marker(original, marker, relative), encoding="utf-8")
                saved = time.perf_counter()
                shown = wait_for(base + page_url, marker, saved + RELOAD_TIMEOUT_SECONDS)
                results.setdefault(label, []).append(shown - saved)
                time.sleep(1.0)  # let the watcher settle before the next edit
            target.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def with_marker(text: str, marker: str, relative: str) -> str:
    if relative.endswith(".md"):
        return f"{text}\n\n{marker}\n"
    # Inside the first included section of an example, as a comment.
    start = re.search(r"^# --8<-- \[start:[\w-]+\]\n", text, re.MULTILINE)
    if start is None:
        raise ValueError(f"{relative} has no named section to edit")
    return f"{text[: start.end()]}# {marker}\n{text[start.end():]}"


def page_to_edit(source: Path) -> tuple[str, str]:
    """(file, site URL) of a page whose text the site shows: the home page, unless
    a custom template replaces its content (Material's own home does), else the
    first top-level page that keeps the default template."""
    docs = source / "docs"
    for page in [docs / "index.md", *sorted(docs.glob("*.md"))]:
        front = re.match(r"---\n(.*?)\n---\n", page.read_text(encoding="utf-8"), re.DOTALL)
        if page.exists() and not (front and re.search(r"^template:", front.group(1), re.MULTILINE)):
            url = "" if page.name == "index.md" else f"{page.stem}/"
            return page.relative_to(source).as_posix(), url
    raise ValueError(f"{docs} has no page that shows its own text")


def measure(project: Project, browser: Browser) -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory(prefix="bench-site-") as temp:
        build = cold_build(project, Path(temp))
        lines.append(
            f"{project.label:<10} cold build   {build.seconds:7.2f} s   {build.pages:4d} pages   "
            f"{build.seconds_per_page:6.3f} s/page"
        )
        lines.append(search_index_line(project.label, build.site, build.pages))
        prefix = site_path_prefix(fresh_copy(project, Path(temp) / "config-only") / "mkdocs.yml")
        with serve_directory(build.site, prefix) as url:
            for page_label, relative in pages_to_weigh(build.site):
                lines.append(weight_line(project.label, page_label, *weigh(browser, url + relative)))
        if project.source == REPO_ROOT:
            edits = [("a page", OUR_PAGE[0], OUR_PAGE[1]), ("an example it includes", OUR_EXAMPLE, OUR_PAGE[1])]
        else:
            edits = [("a page", *page_to_edit(project.source))]
        for label, seconds in edit_to_reload(project, Path(temp), edits).items():
            lines.append(
                f"{project.label:<10} edit-to-reload, {label:<24} median {statistics.median(seconds):6.2f} s "
                f"(each: {', '.join(f'{s:.2f}' for s in seconds)})"
            )
    return lines


def quick_check(browser: Browser) -> list[str]:
    """The test suite's run: weigh the home page of an already-built site."""
    given = os.environ.get("HANDBOOK_BUILT_SITE")
    with tempfile.TemporaryDirectory(prefix="bench-site-") as temp:
        site = Path(given) if given else build_site(Path(temp) / "site")
        pages = len(list(site.rglob("*.html")))
        with serve_directory(site, site_path_prefix()) as url:
            first, extra = weigh(browser, url)
        return [search_index_line("handbook", site, pages), weight_line("handbook", "home", first, extra)]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compare", action="append", default=[], metavar="DIR[=PYTHON]",
                        help="another MkDocs project, and the Python that builds it (default: this one)")
    parser.add_argument("--compare-serve-flags", default=" ".join(SERVE_FLAGS),
                        help="`mkdocs serve` flags for the other projects (default: the handbook's)")
    args = parser.parse_args(argv)
    executable = find_chromium()
    if executable is None:
        print(f"Site benchmark skipped: no Chromium found, so no page weights. To run it, {HOW_TO_GET_ONE}.")
        return 1 if running_under_ci() else 0
    projects = [Project("handbook", REPO_ROOT, sys.executable, strict=True)]
    for spec in args.compare:
        directory, _, python = spec.partition("=")
        path = Path(directory).resolve()
        projects.append(Project(path.name, path, python or sys.executable, strict=False,
                                serve_flags=tuple(args.compare_serve_flags.split())))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS, headless=True)
        # Each project's lines print as soon as it is measured: a later one that
        # fails does not take the earlier figures with it.
        for lines in [quick_check(browser)] if quick_mode() else (measure(p, browser) for p in projects):
            print("\n".join(lines), flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
