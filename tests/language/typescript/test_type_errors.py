"""tsc on deliberately wrong TypeScript: the errors the page quotes, checked word for word.

Each file in examples/language/typescript/type_errors/ writes what tsc says
about a line in a `// error TSnnnn: message` comment under it (a comment
starting `//   ` continues the one above, as tsc's own indented lines do).
The files are copied to tmp_path and checked there with the repository's
tsconfig.json (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes),
so the result does not depend on the other examples. The folder is excluded
from the examples' build, which is why these files are never run.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook_build.other_languages import toolchains
from handbook_build.other_languages.toolchains import TYPESCRIPT
from tests.support.example_files import REPO_ROOT
from tests.support.toolchains import require_toolchain

TYPE_ERRORS = REPO_ROOT / "examples" / "language" / "typescript" / "type_errors"
FILES = sorted(TYPE_ERRORS.glob("*.ts"))
_REPORTED = re.compile(
    r"^(?P<file>[^(]+)\((?P<line>\d+),\d+\): error (?P<code>TS\d+): (?P<message>.*)$"
)
_WRITTEN = re.compile(r"^// error (?P<code>TS\d+): (?P<message>.*)$")

# What makes each mistake right; the fixed files must compile without an error.
FIXES = {
    "strict_flags.ts": [
        ("return RATE_LIMITS[plan] * 2;", "return (RATE_LIMITS[plan] ?? 0) * 2;"),
        ("return first.id;", 'return first?.id ?? "";'),
        (
            "return { timeoutMs: raw === undefined ? undefined : Number(raw) };",
            "return raw === undefined ? {} : { timeoutMs: Number(raw) };",
        ),
    ],
    "caught_by_tsc.ts": [
        ("console.log(body.email);\n// error", "console.log(body);\n// error"),
        (
            "  console.log(body.email);",
            '  console.log("email" in body ? body.email : "none");',
        ),
        (
            "    default:\n",
            '    case "disputed":\n      return "dispute";\n    default:\n',
        ),
        (
            "const send = new Mailer().send;",
            "const mailer = new Mailer();\nconst send = (to: string) => mailer.send(to);",
        ),
        ("if (fromUrl === userId) {", "if (fromUrl === String(userId)) {"),
        ('user.id = "u_0";', 'user.name = "renamed";'),
        ("{ viewer: 50, editor: 10 };", "{ viewer: 50, editor: 10, owner: 1 };"),
        (
            "orderIds.sort((a, b) => a - b);",
            "orderIds.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));",
        ),
    ],
}


def _normalized(text: str) -> str:
    return " ".join(text.split())


def expected_errors(source: str, filename: str) -> list[str]:
    """`file:line: TSnnnn: message` for every `// error` comment, whitespace collapsed."""
    errors: list[str] = []
    code_line = 0
    for number, line in enumerate(source.splitlines(), start=1):
        text = line.strip()
        if written := _WRITTEN.match(text):
            errors.append(
                f"{filename}:{code_line}: {written['code']}: {written['message']}"
            )
        elif text.startswith("//   ") and errors:
            errors[-1] += " " + text[2:]
        elif text and not text.startswith(("//", "/*", "*")):
            code_line = number
    return [_normalized(error) for error in errors]


def reported_errors(stdout: str) -> list[str]:
    """The same form from `tsc --pretty false`, whose continuation lines are indented."""
    errors: list[str] = []
    for line in stdout.splitlines():
        if reported := _REPORTED.match(line):
            errors.append(
                f"{reported['file']}:{reported['line']}: {reported['code']}: {reported['message']}"
            )
        elif line.startswith(" ") and errors:
            errors[-1] += " " + line.strip()
        elif line.strip():
            errors.append(f"unexpected tsc output: {line}")
    return [_normalized(error) for error in errors]


def tsc(directory: Path) -> subprocess.CompletedProcess[str]:
    """`tsc --noEmit` on every .ts file in `directory`, with the repository's compiler options."""
    config = {
        "extends": str(toolchains.TSCONFIG),
        "compilerOptions": {
            "rootDir": ".",
            "typeRoots": [str(REPO_ROOT / "node_modules" / "@types")],
        },
        "include": ["*.ts"],
        "exclude": [],
    }
    (directory / "tsconfig.json").write_text(json.dumps(config), encoding="utf-8")
    # An ES module, as examples/package.json makes every file there.
    (directory / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    return subprocess.run(
        [str(toolchains.TSC), "-p", "tsconfig.json", "--noEmit", "--pretty", "false"],
        capture_output=True,
        text=True,
        cwd=directory,
        timeout=toolchains.RUN_TIMEOUT_S,
        check=False,
    )


def test_the_comments_are_parsed_the_way_tsc_prints_errors() -> None:
    source = "const a: number = 'x';\n// error TS2322: Type 'string' is not\n//   assignable to type 'number'.\n"
    printed = "f.ts(1,7): error TS2322: Type 'string' is not assignable\n  to type 'number'.\n"
    assert expected_errors(source, "f.ts") == [
        "f.ts:1: TS2322: Type 'string' is not assignable to type 'number'."
    ]
    assert reported_errors(printed) == expected_errors(source, "f.ts")


def test_every_file_has_fixes_and_mistakes() -> None:
    assert [path.name for path in FILES] == sorted(FIXES)
    for path in FILES:
        assert (
            len(expected_errors(path.read_text(encoding="utf-8"), path.name)) >= 3
        ), path.name


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_tsc_reports_exactly_the_errors_written_under_each_line(
    path: Path, tmp_path: Path
) -> None:
    require_toolchain(TYPESCRIPT)
    shutil.copy(path, tmp_path / path.name)

    result = tsc(tmp_path)

    assert (
        result.returncode == 2
    ), result.stdout  # 2: errors found, JavaScript not emitted
    assert reported_errors(result.stdout) == expected_errors(
        path.read_text(encoding="utf-8"), path.name
    )


def test_without_the_mistakes_the_same_files_compile(tmp_path: Path) -> None:
    # Proof that each error comes from the line it is written under, not from the setup.
    require_toolchain(TYPESCRIPT)
    for path in FILES:
        source = path.read_text(encoding="utf-8")
        for wrong, right in FIXES[path.name]:
            assert source.count(wrong) == 1, f"{path.name}: {wrong!r}"
            source = source.replace(wrong, right)
        (tmp_path / path.name).write_text(source, encoding="utf-8")

    result = tsc(tmp_path)

    assert result.returncode == 0, result.stdout
