"""Lighthouse scores for the built site: performance, accessibility, best practices, SEO.

    python3 dev.py bench lighthouse

Lighthouse (pinned in package.json and package-lock.json; `npm ci` installs it
on first use) audits the home page and a long content page with its default
mobile settings: a Moto G Power screen, simulated slow 4G and a 4x slower CPU.
It drives this machine's Chromium. Set HANDBOOK_BUILT_SITE to audit a site
that is already built; otherwise the site is built first.

Numbers only; nothing is asserted. Lighthouse is not run by the test suite
(tests/test_benchmarks.py leaves it out): one audit takes tens of seconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support.chromium import HOW_TO_GET_ONE, find_chromium
from tests.support.ci import running_under_ci
from tests.support.example_files import REPO_ROOT
from tests.support.site_build import build_site, serve_directory, site_path_prefix

PAGES = {"home": "", "long content page": "machine-coding/rate-limiter/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE = REPO_ROOT / "node_modules" / ".bin" / "lighthouse"
LOCK = REPO_ROOT / "package-lock.json"
# Written after a successful `npm ci`: the hash of the lock file it installed.
STAMP = REPO_ROOT / "node_modules" / ".handbook-lock.sha256"
# The same isolation the browser tests use: no network beyond loopback.
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run"


def ensure_lighthouse() -> None:
    """`npm ci` once, and again whenever package-lock.json changes."""
    wanted = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if LIGHTHOUSE.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is needed to install Lighthouse (Node.js 20 or newer).")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=REPO_ROOT, check=True, timeout=600)
    STAMP.write_text(wanted + "\n")


def audit(url: str, chromium: str, report: Path) -> dict[str, float]:
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
    ]
    subprocess.run(command, env=dict(os.environ, CHROME_PATH=chromium), check=True, timeout=600)
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: categories[name]["score"] * 100 for name in CATEGORIES}


def failing_audits(report: Path) -> list[str]:
    """The audits behind lost points, so a score below 100 says what to fix."""
    data = json.loads(report.read_text(encoding="utf-8"))
    failing = []
    for name in CATEGORIES:
        for ref in data["categories"][name]["auditRefs"]:
            result = data["audits"][ref["id"]]
            if ref["weight"] > 0 and result["score"] is not None and result["score"] < 1:
                failing.append(f"{name}: {ref['id']} ({result['score']:.2f}) {result.get('displayValue', '')}".rstrip())
    return failing


def main() -> int:
    chromium = find_chromium()
    if chromium is None:
        print(f"Lighthouse benchmark skipped: no Chromium found, so no scores. To run it, {HOW_TO_GET_ONE}.")
        return 1 if running_under_ci() else 0
    ensure_lighthouse()
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as temp:
        given = os.environ.get("HANDBOOK_BUILT_SITE")
        site = Path(given) if given else build_site(Path(temp) / "site")
        with serve_directory(site, site_path_prefix()) as base:
            for label, path in PAGES.items():
                report = Path(temp) / f"{label.replace(' ', '-')}.json"
                scores = audit(base + path, chromium, report)
                print(f"{label:<18} /{path:<30} " + "   ".join(f"{k} {v:5.1f}" for k, v in scores.items()))
                for line in failing_audits(report):
                    print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
