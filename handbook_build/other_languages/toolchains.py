"""Check, build and run the Java, Go and TypeScript examples, with their output traced.

Each language is checked the strict way first (javac -Xlint:all -Werror,
gofmt and go vet, tsc --noEmit with strict on), then run so that every printed
line arrives tagged with the source line of the print call that wrote it
(outputs.TRACE_MARKER): Java through TraceOutput.java's System.out, TypeScript
through trace_console.mjs's console.log, Go through a copy of the file whose
fmt.Print* calls go through a tracing wrapper on the same line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
RUN_TIMEOUT_S = 120
TSC = REPO_ROOT / "node_modules" / ".bin" / "tsc"
TSCONFIG = REPO_ROOT / "tsconfig.json"


class ToolchainMissing(RuntimeError):
    """A compiler or runtime is not installed; the message says what to install."""


class ExampleFailed(RuntimeError):
    """The example did not compile, failed its checks, or exited with an error."""


@dataclass(frozen=True)
class Language:
    name: str  # the content-tab label
    suffix: str
    print_call: re.Pattern[str]  # a print call's name and its opening parenthesis
    tools: tuple[str, ...]
    install: str  # what to install when a tool is missing


JAVA = Language(
    "Java", ".java", re.compile(r"\bSystem\.out\.(?:println|printf|print|format)\("), ("javac", "java"),
    "a JDK 17 (Debian: apt-get install openjdk-17-jdk-headless)",
)
GO = Language(
    "Go", ".go", re.compile(r"\bfmt\.(?:Println|Printf|Print)\("), ("go", "gofmt"),
    "Go (Debian: apt-get install golang-go)",
)
TYPESCRIPT = Language(
    "TypeScript", ".ts", re.compile(r"\bconsole\.log\("), ("node", "npm"),
    "Node.js 20 and the pinned TypeScript (python3 dev.py setup runs npm ci)",
)
LANGUAGES = (JAVA, GO, TYPESCRIPT)
BY_SUFFIX = {language.suffix: language for language in LANGUAGES}


def language_of(path: Path) -> Language:
    return BY_SUFFIX[path.suffix]


def missing_tools(language: Language) -> str | None:
    """None when every tool `language` needs is installed, else what to install."""
    absent = [tool for tool in language.tools if shutil.which(tool) is None]
    if language is TYPESCRIPT and not TSC.exists():
        absent.append(str(TSC.relative_to(REPO_ROOT)))
    if absent:
        return f"{', '.join(absent)} not found: install {language.install}"
    return None


def _run(argv: list[str], what: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(  # noqa: S603 - argv built by this module
        argv, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, check=False, **kwargs  # type: ignore[arg-type]
    )
    if result.returncode != 0:
        raise ExampleFailed(f"{what} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")
    return result


# Java ---------------------------------------------------------------------------------

def java_check_and_build(path: Path, classes: Path) -> None:
    """Compile with every lint warning an error; other examples in its folder resolve by -sourcepath."""
    _run(
        ["javac", "--release", "17", "-Xlint:all", "-Werror", "-encoding", "UTF-8",
         "-sourcepath", str(path.parent), "-d", str(classes), str(path)],
        f"javac {path.name}",
    )


def java_tracer(classes: Path) -> Path:
    """Compile TraceOutput.java once into `classes`."""
    if not (classes / "TraceOutput.class").exists():
        _run(["javac", "--release", "17", "-Xlint:all", "-Werror", "-d", str(classes), str(HERE / "TraceOutput.java")],
             "javac TraceOutput.java")
    return classes


def java_run_traced(path: Path, classes: Path, tracer: Path) -> str:
    return _run(
        ["java", "-cp", os.pathsep.join([str(classes), str(tracer)]), "TraceOutput", path.name, path.stem],
        f"java {path.stem}", cwd=path.parent,
    ).stdout


# Go -----------------------------------------------------------------------------------

GO_TRACE_HELPERS = """

func handbookTraceLine() int {
\t_, _, line, _ := handbookRuntime.Caller(2)
\treturn line
}

func handbookTraced(line int, text string) {
\tfor i, part := range handbookStrings.SplitAfter(text, "\\n") {
\t\tif part == "" {
\t\t\tcontinue
\t\t}
\t\tif i == 0 && !handbookAtLineStart {
\t\t\tfmt.Print(part)
\t\t} else {
\t\t\tfmt.Printf("\\x00L%d %s", line, part)
\t\t}
\t\thandbookAtLineStart = handbookStrings.HasSuffix(part, "\\n")
\t}
}

var handbookAtLineStart = true
var handbookTraceLock handbookSync.Mutex

func handbookPrintln(a ...any) {
\thandbookTraceLock.Lock()
\tdefer handbookTraceLock.Unlock()
\thandbookTraced(handbookTraceLine(), fmt.Sprintln(a...))
}

func handbookPrintf(format string, a ...any) {
\thandbookTraceLock.Lock()
\tdefer handbookTraceLock.Unlock()
\thandbookTraced(handbookTraceLine(), fmt.Sprintf(format, a...))
}

func handbookPrint(a ...any) {
\thandbookTraceLock.Lock()
\tdefer handbookTraceLock.Unlock()
\thandbookTraced(handbookTraceLine(), fmt.Sprint(a...))
}
"""
_GO_PACKAGE = re.compile(r"^package main\b", re.MULTILINE)


def go_check(path: Path) -> None:
    unformatted = _run(["gofmt", "-l", str(path)], f"gofmt {path.name}").stdout.strip()
    if unformatted:
        raise ExampleFailed(f"{path.name} is not gofmt-formatted: run `gofmt -w {path}`")
    _run(["go", "vet", str(path)], f"go vet {path.name}", env=go_env())


def go_traced_source(source: str) -> str:
    """The program with each fmt.Print* call traced, every line number unchanged."""
    if not _GO_PACKAGE.search(source):
        raise ExampleFailed("a Go example is a `package main` program")
    if not GO.print_call.search(source):
        return source
    traced = _GO_PACKAGE.sub(
        'package main; import handbookRuntime "runtime"; import handbookStrings "strings"; '
        'import handbookSync "sync"',
        source, count=1,
    )
    traced = re.sub(r"\bfmt\.(Println|Printf|Print)\(", r"handbook\1(", traced)
    return traced + GO_TRACE_HELPERS


def go_run_traced(path: Path, workdir: Path) -> str:
    workdir.mkdir(parents=True, exist_ok=True)
    traced = workdir / path.name
    traced.write_text(go_traced_source(path.read_text(encoding="utf-8")), encoding="utf-8")
    program = workdir / path.stem
    # Built, then run: the exit status is the program's own, not `go run`'s.
    _run(["go", "build", "-o", str(program), str(traced)], f"go build {path.name}", env=go_env())
    return _run([str(program)], f"{path.stem} (Go)", cwd=path.parent).stdout


def go_env() -> dict[str, str]:
    # Standard library only, so nothing is ever fetched; each file is a program of its own.
    return dict(os.environ, GOPROXY="off")


# TypeScript ---------------------------------------------------------------------------

def typescript_check_and_build(out_dir: Path, tsconfig: Path = TSCONFIG) -> None:
    """Type-check every .ts file `tsconfig` includes (strict) and emit JavaScript with source maps."""
    _run([str(TSC), "-p", str(tsconfig), "--noEmit"], "tsc --noEmit", cwd=tsconfig.parent)
    _run([str(TSC), "-p", str(tsconfig), "--outDir", str(out_dir), "--sourceMap"], "tsc", cwd=tsconfig.parent)
    # The examples are ES modules (examples/package.json); the emitted tree needs the same marker.
    (out_dir / "package.json").write_text(json.dumps({"type": "module"}) + "\n")
    # Node looks for packages (fastify) in node_modules beside and above the emitted files.
    modules = out_dir / "node_modules"
    if not modules.exists():
        modules.symlink_to(REPO_ROOT / "node_modules", target_is_directory=True)


def typescript_run_traced(path: Path, out_dir: Path, root: Path = REPO_ROOT / "examples") -> str:
    """Run the JavaScript emitted for `path` (root: the tsconfig's rootDir)."""
    relative = path.resolve().relative_to(root.resolve()).with_suffix(".js")
    env = dict(os.environ, HANDBOOK_TRACED_SOURCE=str(path.resolve()))
    return _run(
        ["node", "--enable-source-maps", "--import", (HERE / "trace_console.mjs").as_uri(), str(out_dir / relative)],
        f"node {path.name}", env=env, cwd=path.parent,
    ).stdout
