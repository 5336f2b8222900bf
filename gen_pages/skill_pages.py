"""mkdocs-gen-files script for the skill map pages (placeholder until the generator lands)."""

import mkdocs_gen_files

AREAS = [
    "language-runtime",
    "http-apis",
    "auth",
    "data-storage",
    "distributed-infra",
    "reliability-observability",
    "design-patterns",
    "coding-dsa",
    "fundamentals",
    "behavioral-leadership",
]

with mkdocs_gen_files.open("skills/index.md", "w") as page:
    page.write("# Skill map\n\nComing soon.\n")
for area in AREAS:
    with mkdocs_gen_files.open(f"skills/{area}.md", "w") as page:
        page.write(f"# {area}\n\nComing soon.\n")
