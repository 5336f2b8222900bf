"""A tiny pre-commit secret scanner, to show the idea. Use gitleaks or detect-secrets.

It reports the file, line and rule, never the matched text: the report itself
lands in CI logs.
"""

from __future__ import annotations

import re
from pathlib import Path

# --8<-- [start:rules]
RULES = {
    "aws-access-key-id": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "private-key": re.compile(r"-----BEGIN (?:RSA |EC |OPENSSH )?PRIVATE KEY-----"),
    "github-token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
    "password-in-url": re.compile(r"[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@"),
    "assigned-secret": re.compile(
        r"(?i)(?:password|passwd|secret|api_?key|token)\w*\s*[:=]\s*"
        r"['\"][^'\"\s]{8,}['\"]"
    ),
}
ALLOW_MARKER = "secret-scan: allow"  # for a reviewed test fixture, on its line


def scan_text(text: str) -> list[tuple[int, str]]:
    findings = []
    for number, line in enumerate(text.splitlines(), start=1):
        if ALLOW_MARKER in line:
            continue
        findings += [(number, rule) for rule, rx in RULES.items() if rx.search(line)]
    return findings


# --8<-- [end:rules]


def main(paths: list[str]) -> int:
    """Exit 1 if any file has a finding, as a pre-commit hook must."""
    found = False
    for path in paths:
        for number, rule in scan_text(Path(path).read_text(errors="replace")):
            print(f"{path}:{number}: {rule}")
            found = True
    return 1 if found else 0
