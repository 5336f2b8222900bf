"""A small Dockerfile linter: parse instructions, then report rule violations by line.

The parser follows the Dockerfile reference where it matters for the rules:
parser directives (`# syntax=`, `# escape=`) only at the very top, comment lines
dropped (also inside a continued instruction), a trailing escape character
(backslash by default) continues an instruction onto the next line, and
`FROM image AS name` starts a named stage. Heredocs (`RUN <<EOF`) are not parsed.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

KNOWN = {
    "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK",
    "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
}  # fmt: skip
DIRECTIVE = re.compile(r"^#\s*(syntax|escape|check)\s*=\s*(\S+)\s*$", re.IGNORECASE)
SECRET_NAME = re.compile(
    r"PASSWORD|PASSWD|TOKEN|SECRET|API_?KEY|PRIVATE_?KEY", re.IGNORECASE
)


class DockerfileError(ValueError):
    """The text is not a Dockerfile the rules can check."""


@dataclass(frozen=True)
class Instruction:
    line: int  # where the instruction starts (1-based)
    keyword: str  # upper case
    args: str  # the rest, continuation lines joined with a space
    stage: int  # index of the FROM stage it belongs to


@dataclass(frozen=True)
class Finding:
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.rule}: {self.message}"


def parse(text: str) -> list[Instruction]:
    """Instructions of a Dockerfile, in order. Raises DockerfileError on bad input."""
    if not isinstance(text, str):
        raise TypeError(
            f"expected the Dockerfile's text as str, got {type(text).__name__}"
        )
    lines = text.splitlines()
    escape = "\\"
    start = 0
    for start, raw in enumerate(lines):
        match = DIRECTIVE.match(raw.strip())
        if not match:
            break
        if match.group(1).lower() == "escape":
            if match.group(2) not in ("\\", "`"):
                raise DockerfileError(f"line {start + 1}: escape must be \\ or `")
            escape = match.group(2)
    else:
        start = len(lines)
    instructions: list[Instruction] = []
    stage = -1
    parts: list[str] = []
    first = 0
    for number, raw in enumerate(lines[start:], start=start + 1):
        stripped = raw.strip()
        if stripped.startswith("#") or (not stripped and not parts):
            continue  # comments and blank lines, also between continued lines
        if not parts:
            first = number
        body = raw.rstrip()
        if body.endswith(escape):
            parts.append(body[: -len(escape)].strip())
            continue
        parts.append(body.strip())
        keyword, _, args = " ".join(p for p in parts if p).partition(" ")
        parts = []
        keyword = keyword.upper()
        if keyword not in KNOWN:
            raise DockerfileError(f"line {first}: unknown instruction {keyword!r}")
        if keyword == "FROM":
            stage += 1
        elif stage < 0 and keyword != "ARG":
            raise DockerfileError(f"line {first}: {keyword} before the first FROM")
        instructions.append(Instruction(first, keyword, args.strip(), stage))
    if parts:
        raise DockerfileError(
            f"line {first}: the file ends inside a continued instruction"
        )
    if not instructions:
        raise DockerfileError(
            "no instructions: the Dockerfile is empty or only comments"
        )
    if stage < 0:
        raise DockerfileError(
            "no FROM instruction: a Dockerfile must start a stage with FROM"
        )
    return instructions


def _is_exec_form(args: str) -> bool:
    try:
        value = json.loads(args)
    except json.JSONDecodeError:
        return False
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, str) for v in value)
    )


def _image_problem(reference: str, stages: set[str]) -> str | None:
    if reference.lower() in stages or reference == "scratch":
        return None
    if "@sha256:" in reference:
        return None  # a digest pins the exact bytes
    name = reference.rsplit("/", 1)[-1]
    if ":" not in name:
        return f"base image {reference!r} has no tag (means :latest)"
    if name.endswith(":latest"):
        return f"base image {reference!r} uses :latest"
    return None


def _env_names(ins: Instruction) -> list[str]:
    keyword, args = ins.keyword, ins.args
    try:
        words = shlex.split(args, comments=False, posix=True)
    except ValueError as error:  # an unclosed quote
        raise DockerfileError(f"line {ins.line}: {keyword}: {error}") from None
    if keyword == "ARG":
        return [w.split("=", 1)[0] for w in words]
    if words and "=" not in words[0]:
        return [words[0]]  # legacy form: ENV NAME value
    return [w.split("=", 1)[0] for w in words if "=" in w]


def check(text: str) -> list[Finding]:
    """Rule violations in a Dockerfile, sorted by line."""
    instructions = parse(text)
    findings: list[Finding] = []
    stages: set[str] = set()
    final = max(i.stage for i in instructions)
    for ins in instructions:
        if ins.keyword == "FROM":
            words = [w for w in ins.args.split() if not w.startswith("--")]
            if not words:
                raise DockerfileError(f"line {ins.line}: FROM needs an image")
            problem = _image_problem(words[0], stages)
            if problem:
                findings.append(Finding(ins.line, "unpinned-base", problem))
            if len(words) == 3 and words[1].upper() == "AS":
                stages.add(words[2].lower())
        elif ins.keyword in ("CMD", "ENTRYPOINT") and not _is_exec_form(ins.args):
            findings.append(
                Finding(
                    ins.line,
                    "shell-form",
                    f"{ins.keyword} in shell form: sh is PID 1, drops SIGTERM",
                )
            )
        elif (
            ins.keyword == "ADD"
            and re.search(r"(^|\s)https?://", ins.args)
            and not re.search(r"(^|\s)--checksum=sha256:", ins.args)
        ):
            findings.append(
                Finding(
                    ins.line,
                    "add-url",
                    "ADD of a URL, no --checksum: an unverified download",
                )
            )
        elif ins.keyword in ("ENV", "ARG"):
            for name in _env_names(ins):
                if SECRET_NAME.search(name):
                    findings.append(
                        Finding(
                            ins.line,
                            "secret-in-image",
                            f"{ins.keyword} {name}: the value stays in the image",
                        )
                    )
        elif ins.keyword == "RUN":
            findings.extend(_run_findings(ins))
    final_stage = [i for i in instructions if i.stage == final]
    users = [i for i in final_stage if i.keyword == "USER"]
    last_user = users[-1].args.split(":", 1)[0] if users else None
    if last_user is None:
        findings.append(
            Finding(
                final_stage[0].line,
                "runs-as-root",
                "final stage has no USER: runs as root",
            )
        )
    elif last_user in ("root", "0"):
        findings.append(
            Finding(users[-1].line, "runs-as-root", "final stage switches to root")
        )
    checks = [i for i in final_stage if i.keyword == "HEALTHCHECK"]
    if not checks or checks[-1].args.upper() == "NONE":
        findings.append(
            Finding(
                final_stage[0].line,
                "no-healthcheck",
                "final stage has no HEALTHCHECK",
            )
        )
    return sorted(findings, key=lambda f: (f.line, f.rule))


def _run_findings(ins: Instruction) -> list[Finding]:
    found = []
    if re.search(r"apt-get\s+(-\S+\s+)*install", ins.args):
        if "--no-install-recommends" not in ins.args:
            found.append(
                Finding(
                    ins.line,
                    "apt-recommends",
                    "apt-get install without --no-install-recommends",
                )
            )
        if "rm -rf /var/lib/apt/lists" not in ins.args:
            found.append(
                Finding(
                    ins.line,
                    "apt-lists",
                    "apt lists not removed in the same RUN",
                )
            )
    if re.search(r"pip3?\s+install|-m\s+pip\s+install", ins.args):
        if "--no-cache-dir" not in ins.args:
            found.append(
                Finding(
                    ins.line,
                    "pip-cache",
                    "pip install without --no-cache-dir",
                )
            )
        if (
            re.search(r"\s(-r|--requirement)\s", ins.args)
            and "--require-hashes" not in ins.args
        ):
            found.append(
                Finding(
                    ins.line,
                    "pip-hashes",
                    "pip install -r without --require-hashes",
                )
            )
    return found


def check_file(path: str | Path) -> list[Finding]:
    """`check` on a file."""
    return check(Path(path).read_text(encoding="utf-8"))


if __name__ == "__main__":
    from examples.system_design.deployment.paths import DOCKERFILE

    # --8<-- [start:ours]
    print(check_file(DOCKERFILE))
    #> []
    # --8<-- [end:ours]
    # --8<-- [start:bad]
    bad = """\
FROM python:3.11-slim AS build
RUN apt-get update && apt-get install -y gcc
RUN pip install -r requirements.txt

FROM python
ENV API_TOKEN=abc123 \\
    PORT=8080
ADD https://example.com/tool.tar.gz /opt/
CMD python app.py serve
"""
    for finding in check(bad):
        print(finding)
        #> line 2: apt-lists: apt lists not removed in the same RUN
        #> line 2: apt-recommends: apt-get install without --no-install-recommends
        #> line 3: pip-cache: pip install without --no-cache-dir
        #> line 3: pip-hashes: pip install -r without --require-hashes
        #> line 5: no-healthcheck: final stage has no HEALTHCHECK
        #> line 5: runs-as-root: final stage has no USER: runs as root
        #> line 5: unpinned-base: base image 'python' has no tag (means :latest)
        #> line 6: secret-in-image: ENV API_TOKEN: the value stays in the image
        #> line 8: add-url: ADD of a URL, no --checksum: an unverified download
        #> line 9: shell-form: CMD in shell form: sh is PID 1, drops SIGTERM
    # --8<-- [end:bad]
