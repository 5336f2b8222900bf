"""Check a design doc in markdown for the sections a reviewer needs.

Sections are `## ` headings (the `# ` title is not one). A section is empty
when it holds nothing but blank lines and HTML comments (the template's
prompts); a TODO or TBD anywhere in it is a placeholder. Lines inside code
fences are never headings. The check is deliberately dumb: it cannot tell a
good goal from a bad one, only that someone forgot to write one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from examples.craft.design_docs.files import DURABLE_QUEUE, TEMPLATE

# --8<-- [start:sections]
# Each required section, and the heading words that count as it.
REQUIRED = {
    "Context": ("context", "background"),
    "Goals": ("goals",),
    "Non-goals": ("non-goals", "non goals", "out of scope"),
    "Options": ("options", "alternatives"),
    "Decision": ("decision", "recommendation"),
    "Rollout": ("rollout", "roll-out", "launch"),
    "Metrics": ("metrics", "measuring success"),
}
# --8<-- [end:sections]

_FENCE = re.compile(r"^\s*(```|~~~)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_PLACEHOLDER = re.compile(r"\b(TODO|TBD)\b")


@dataclass
class Report:
    missing: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)  # "Section: line"
    repeated: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        found = []
        for name in ("missing", "repeated", "empty"):
            if values := getattr(self, name):
                found.append(f"{name}: {', '.join(values)}")
        found += [f"placeholder in {where}" for where in self.placeholders]
        return found or ["ready for review"]


def sections(markdown: str) -> list[tuple[str, str]]:
    """(heading, body) for every `## ` heading outside code fences, in order."""
    found: list[tuple[str, list[str]]] = []
    in_fence = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and line.startswith("## "):
            found.append((line[3:].strip(), []))
            continue
        elif not in_fence and line.startswith("# "):
            continue  # the title
        if found:
            found[-1][1].append(line)
    return [(heading, "\n".join(body)) for heading, body in found]


def required_name(heading: str) -> str | None:
    """The required section a heading counts as, if any."""
    words = heading.lower().strip().rstrip(":")
    words = re.sub(r"^[\d.]+\s*", "", words)  # "3. Goals" is Goals
    for name, accepted in REQUIRED.items():
        if any(words == a or words.startswith(f"{a} ") for a in accepted):
            return name
    return None


# --8<-- [start:check]
def check(markdown: str) -> Report:
    """What a reviewer would bounce the doc for before reading it closely."""
    report = Report()
    seen: dict[str, int] = {}
    for heading, body in sections(markdown):
        name = required_name(heading)
        if name is None:
            continue  # extra sections are welcome
        seen[name] = seen.get(name, 0) + 1
        if not _COMMENT.sub("", body).strip():
            report.empty.append(name)
        for line in body.splitlines():
            if _PLACEHOLDER.search(line):
                report.placeholders.append(f"{name}: {line.strip()}")
    report.missing = [name for name in REQUIRED if name not in seen]
    report.repeated = [name for name, count in seen.items() if count > 1]
    return report


# --8<-- [end:check]

if __name__ == "__main__":
    # --8<-- [start:demo]
    draft = """# Design: digest emails

## Context
Users get one email per event; support asks for a daily digest.

## Goals
One digest per user per day, sent at 08:00 in the user's zone.

## Options
A cron job, or a delayed queue message per user.

## Decision
TBD after the options meeting.

## Metrics
"""
    docs = {
        TEMPLATE.name: TEMPLATE.read_text(encoding="utf-8"),
        DURABLE_QUEUE.name: DURABLE_QUEUE.read_text(encoding="utf-8"),
        "a first draft": draft,
    }
    lines = []
    for name, text in docs.items():
        lines.append(name)
        lines += [f"  {problem}" for problem in check(text).problems()]
    for line in lines:
        print(line)
        #> template.md
        #>   empty: Context, Goals, Non-goals, Options, Decision, Rollout, Metrics
        #> notification_durable_queue.md
        #>   ready for review
        #> a first draft
        #>   missing: Non-goals, Rollout
        #>   empty: Metrics
        #>   placeholder in Decision: TBD after the options meeting.
    # --8<-- [end:demo]
