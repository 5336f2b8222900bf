"""Find the fenced code blocks of a markdown page, with their line numbers."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

_OPENING = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_SNIPPET = re.compile(r"""^\s*-{1,}8<-{1,}\s+(?P<quote>["'])(?P<target>.+?)(?P=quote)\s*$""")


@dataclass(frozen=True)
class Fence:
    path: Path
    line: int  # 1-based line of the opening fence
    info: str
    body: list[str]

    @property
    def language(self) -> str:
        first = self.info.strip().lstrip("{").split(" ", 1)[0] if self.info.strip() else ""
        return first.lstrip(".").rstrip("}").lower()

    @property
    def settings(self) -> dict[str, str]:
        """key="value" pairs of the info string, as pytest-examples reads them."""
        settings = {}
        try:
            tokens = shlex.split(self.info.strip().strip("{}"))
        except ValueError:
            tokens = []
        for token in tokens:
            key, sep, value = token.partition("=")
            if sep:
                settings[key] = value
        return settings

    def snippet_targets(self) -> list[str] | None:
        """The files a fence includes, or None if it holds anything but includes."""
        source = "\n".join(self.body)
        if not only_includes(source):
            return None
        return [_SNIPPET.match(line).group("target") for line in self.body if line.strip()]


def only_includes(source: str) -> bool:
    """True when a block's body is nothing but snippet include lines."""
    lines = [line for line in source.splitlines() if line.strip()]
    return bool(lines) and all(_SNIPPET.match(line) for line in lines)


def find_fences(path: Path) -> list[Fence]:
    fences: list[Fence] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = _OPENING.match(lines[index])
        if not opening:
            index += 1
            continue
        fence = opening.group("fence")
        closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        body_end = index + 1
        while body_end < len(lines) and not closing.match(lines[body_end]):
            body_end += 1
        fences.append(Fence(path, index + 1, opening.group("info"), lines[index + 1 : body_end]))
        index = body_end + 1
    return fences
