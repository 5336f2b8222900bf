"""Build the site once for the tests that need it, and serve it on loopback."""

from __future__ import annotations

import functools
import gzip
import io
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from filelock import FileLock

from tests.support.example_files import REPO_ROOT

# A site built before the tests (CI builds it strictly first, into site/).
PREBUILT_SITE_VARIABLE = "HANDBOOK_BUILT_SITE"


def run_mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the project in `project`; returns the finished process."""
    env = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def build_site(destination: Path) -> Path:
    """Build this repository's site into `destination`; raises with MkDocs' output on failure."""
    result = run_mkdocs_build(REPO_ROOT, destination)
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return destination


def shared_site(run_temp: Path) -> Path:
    """This repository's built site, built at most once per test run.

    `run_temp` is a folder every pytest-xdist worker of the run shares; the
    first worker to ask builds the site there while the others wait on a
    lock. A failed build is remembered, so the others fail at once with the
    same message instead of building again.
    """
    given = os.environ.get(PREBUILT_SITE_VARIABLE)
    if given:
        site = Path(given).resolve()
        if not (site / "index.html").is_file():
            raise RuntimeError(f"{PREBUILT_SITE_VARIABLE}={given} holds no built site (no index.html)")
        return site
    site, failure = run_temp / "built-site", run_temp / "built-site.failed"
    with FileLock(str(run_temp / "built-site.lock")):
        if failure.exists():
            raise RuntimeError(failure.read_text(encoding="utf-8"))
        if not (site / "index.html").is_file():
            try:
                build_site(site)
            except RuntimeError as error:
                failure.write_text(str(error), encoding="utf-8")
                raise
    return site


def site_path_prefix(config_file: Path = REPO_ROOT / "mkdocs.yml") -> str:
    """The path a site is published under, from its site_url (e.g. '/backend-handbook/').

    Served under the same prefix locally, pages such as 404.html, whose links
    are absolute, behave as they will on GitHub Pages.
    """
    match = re.search(r"^site_url:\s*(\S+)", config_file.read_text(), re.MULTILINE)
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


# What a static host such as GitHub Pages sends compressed.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


@functools.lru_cache(maxsize=256)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    """Compressed once per file version: the suite asks for the 3.5 MB mermaid often."""
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class _PrefixedQuietHandler(SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_head(self):  # type: ignore[no-untyped-def]
        """Text files gzipped (level 6) when the client asks, as a static host sends them,
        so what a browser or Lighthouse downloads here is what a reader downloads."""
        path = Path(self.translate_path(self.path.split("?", 1)[0].split("#", 1)[0]))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or not content_type.startswith(
            COMPRESSED_TYPES
        ):
            return super().send_head()
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_directory(root: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `root` at `prefix` on 127.0.0.1, on a free port; yields the site's URL."""
    handler_class = type("Handler", (_PrefixedQuietHandler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
