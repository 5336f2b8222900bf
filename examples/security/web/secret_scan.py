"""A tiny pre-commit secret scanner, to show the idea. Use gitleaks or detect-secrets.

It reports the file, line and rule, never the matched text: the report itself
lands in CI logs.
"""

from __future__ import annotations

import re
from pathlib import Path

# --8<-- [start:rules]
NAME = r"(?:password|passwd|secret|token|api_?key|access_?key|private_?key)"
RULES = {
    "aws-access-key-id": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "private-key": re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),
    "github-token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b|\bgithub_pat_\w{22,}"),
    "slack-token": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    "password-in-url": re.compile(r"[a-z][a-z0-9+.-]*://[^/\s:@]*:[^/\s@]+@"),
    # The name ends in the keyword (so max_tokens_doc is not one), maybe quoted
    # as a JSON key, and a quoted value of 8+ characters follows.
    "assigned-secret": re.compile(
        rf"(?i){NAME}['\"]?\s*[:=]\s*['\"][^'\"\s]{{8,}}['\"]"
    ),
    # .env lines: NAME=value, no spaces, not a ${REFERENCE}.
    "env-secret": re.compile(
        r"^\s*(?:export\s+)?[A-Z0-9_]*(?:PASSWORD|SECRET|TOKEN|KEY)=[^\s'\"$]\S{7,}"
    ),
    # Unquoted YAML: one token with a digit in it, so `api_key: SecretStr` passes.
    "yaml-secret": re.compile(
        rf"(?i)^\s*[\w.-]*{NAME}\s*:\s*(?=[^\s#]*\d)[^\s'\"#&*!|>{{\[][^\s#]{{7,}}\s*$"
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
