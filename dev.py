#!/usr/bin/env python3
"""One entry point for working on the handbook, needing nothing but Python 3.11+.

    python3 dev.py serve            preview the site at http://127.0.0.1:8000/backend-handbook/
    python3 dev.py test [ARGS]      run every test (ARGS go to pytest)
    python3 dev.py build            build the site strictly into site/
    python3 dev.py update-examples  rewrite the `#>`, `//>` and `-- #>` outputs in examples/ and docs/
    python3 dev.py bench [FILTER]   run the benchmarks (per-operation time at two sizes)
    python3 dev.py cases [PATH]     run coding problems' case files (--cases FILE: your own cases)
    python3 dev.py setup            only create or refresh .venv and the vendored assets

Every command first makes sure .venv exists and matches requirements.txt, so a
fresh clone needs no other step.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
REQUIREMENTS = ROOT / "requirements.txt"
ASSETS_LOCK = ROOT / "assets.lock.json"
NPM_LOCK = ROOT / "package-lock.json"
# Written after a successful `npm ci`: the hash of the lock file it installed.
NPM_STAMP = ROOT / "node_modules" / ".handbook-lock.sha256"
# Written after a successful install; a changed requirements.txt means reinstall.
STAMP = VENV / ".requirements.sha256"
DOWNLOAD_TIMEOUT_SECONDS = 120
# `mkdocs serve` rebuilds only the pages whose sources changed (hooks/dirty_pages.py
# adds the pages that include a changed example), so an edit shows in about a second.
SERVE_FLAGS = ["--dirty"]


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - runs on whatever python3 the user has
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not venv_python().exists():
        print(f"Creating {VENV.name}/ ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = sha256_of(REQUIREMENTS)
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    print("Installing requirements.txt (hash-checked) ...", flush=True)
    subprocess.run(
        [str(venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--require-hashes", "-r", str(REQUIREMENTS)],
        check=True,
    )
    make_repo_importable()
    STAMP.write_text(wanted + "\n")


def make_repo_importable() -> None:
    """Put the repository root on the venv's sys.path.

    Examples import each other as `examples.<section>...`, and MkDocs hooks and
    gen-files scripts import `handbook_build`. A .pth file does what an editable
    install would, without needing a build backend.
    """
    purelib = subprocess.run(
        [str(venv_python()), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    (Path(purelib) / "sde2_handbook_root.pth").write_text(str(ROOT) + "\n")


def ensure_vendored_assets() -> None:
    """Download each pinned browser asset once, verifying its npm integrity hash."""
    for asset in json.loads(ASSETS_LOCK.read_text())["assets"]:
        target = ROOT / asset["target"]
        marker = target.with_name(target.name + ".integrity")
        if target.exists() and marker.exists() and marker.read_text() == asset["integrity"]:
            continue
        print(f"Fetching {asset['name']} {asset['version']} ...", flush=True)
        if not asset["tarball"].startswith("https://"):
            sys.exit(f"{asset['name']}: only https:// downloads are allowed, got {asset['tarball']}")
        with urllib.request.urlopen(asset["tarball"], timeout=DOWNLOAD_TIMEOUT_SECONDS) as response:  # noqa: S310
            tarball = response.read()
        algorithm, expected = asset["integrity"].split("-", 1)
        actual = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
        if actual != expected:
            sys.exit(f"{asset['name']}: integrity mismatch for {asset['tarball']}; refusing to use it.")
        with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
            member = archive.extractfile(asset["member"])
            if member is None:
                sys.exit(f"{asset['name']}: {asset['member']} is not a file in the tarball.")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(member.read())
        marker.write_text(asset["integrity"])


def ensure_node_tools() -> None:
    """`npm ci` the pinned Node tools (TypeScript, Fastify, Lighthouse) once per package-lock.json.

    Without npm the TypeScript examples cannot run: their tests say so and
    skip (locally) or fail (under CI).
    """
    wanted = sha256_of(NPM_LOCK)
    if NPM_STAMP.exists() and NPM_STAMP.read_text().strip() == wanted:
        return
    npm = shutil.which("npm")
    if npm is None:
        print("npm not found: the TypeScript examples need Node.js 20 and npm.", flush=True)
        return
    print("Installing package-lock.json's Node tools (npm ci) ...", flush=True)
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT, check=True, timeout=900)
    NPM_STAMP.write_text(wanted + "\n")


def run_in_venv(*args: str) -> int:
    # Silence the MkDocs-2 and Material end-of-life banners; the pins are deliberate.
    env = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1")
    return subprocess.run([str(venv_python()), *args], cwd=ROOT, env=env).returncode


def run_benchmarks(filters: list[str]) -> int:
    files = sorted(
        path for path in (ROOT / "benchmarks").rglob("*.py")
        if path.name not in {"__init__.py", "timing.py"}
        and all(f in path.relative_to(ROOT).as_posix() for f in filters)
    )
    worst = 0
    for path in files:
        print(f"== {path.relative_to(ROOT)}", flush=True)
        worst = max(worst, run_in_venv(str(path)))
    return worst


def parallel_flags(extra: list[str]) -> list[str]:
    """Run the tests on every core (pytest-xdist) unless the caller chose otherwise.

    --dist loadgroup keeps the tests that share a real server on one worker
    (tests/conftest.py groups them).
    """
    chosen = any(arg.startswith(("-n", "--numprocesses", "--dist")) or arg == "no:xdist" for arg in extra)
    return [] if chosen else ["-n", "auto", "--dist", "loadgroup"]


# The tests that rewrite what they check (printed output, figures) under --update-examples.
UPDATING_TESTS = [
    "tests/test_docs.py", "tests/test_other_languages.py", "tests/test_sql_examples.py", "tests/test_figures.py",
]

COMMANDS = {
    "serve": lambda extra: run_in_venv("-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *SERVE_FLAGS, *extra),
    "test": lambda extra: run_in_venv("-m", "pytest", *parallel_flags(extra), *extra),
    "build": lambda extra: run_in_venv("-m", "mkdocs", "build", "--strict", *extra),
    "update-examples": lambda extra: run_in_venv("-m", "pytest", *UPDATING_TESTS, "--update-examples", *extra),
    "bench": lambda extra: run_benchmarks(extra),
    "cases": lambda extra: run_in_venv("-m", "handbook_build.cases", *extra),
    "setup": lambda extra: 0,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    ensure_venv()
    ensure_vendored_assets()
    ensure_node_tools()
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
