"""The real compilers and runtimes behind the `//>` harness, on small programs made here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handbook_build.other_languages import outputs, toolchains
from handbook_build.other_languages.toolchains import GO, JAVA, TYPESCRIPT, ExampleFailed
from tests.support.toolchains import require_toolchain

JAVA_PROGRAM = """\
import java.util.concurrent.CompletableFuture;

public final class Traced {
    private Traced() {}

    public static void main(String[] args) {
        for (int i = 0; i < 2; i++) {
            System.out.println("loop " + i);
        }
        System.out.printf(
                "%s %d%n", "two lines", 2);
        CompletableFuture.runAsync(() -> System.out.println("from a pool thread")).join();
    }
}
"""
GO_PROGRAM = """\
package main

import "fmt"

func main() {
\tdone := make(chan struct{})
\tgo func() { fmt.Println("from a goroutine"); close(done) }()
\t<-done
\tfmt.Printf("%d items\\n",
\t\t3)
\tfmt.Print("a")
\tfmt.Print("b\\n")
}
"""
TS_PROGRAM = """\
type Shape = { kind: "circle"; r: number } | { kind: "square"; side: number };

function area(shape: Shape): number {
  return shape.kind === "square" ? shape.side ** 2 : Math.PI * shape.r ** 2;
}

await Promise.resolve();
setTimeout(() => console.log("from a timer"), 0);
console.log("area", area({ kind: "square", side: 3 }));
"""


def produced(path: Path, stdout: str, language: toolchains.Language) -> dict[int, list[str]]:
    calls = outputs.print_calls(path.read_text(), language.print_call)
    return outputs.parse_trace(stdout, calls, path.name)


def test_java_output_is_traced_to_each_call_including_a_pool_thread(tmp_path: Path) -> None:
    require_toolchain(JAVA)
    path = tmp_path / "Traced.java"
    path.write_text(JAVA_PROGRAM)
    classes = tmp_path / "classes"
    toolchains.java_check_and_build(path, classes)
    stdout = toolchains.java_run_traced(path, classes, toolchains.java_tracer(tmp_path / "tracer"))
    assert produced(path, stdout, JAVA) == {8: ["loop 0", "loop 1"], 11: ["two lines 2"], 12: ["from a pool thread"]}


def test_a_java_lint_warning_fails_the_example(tmp_path: Path) -> None:
    require_toolchain(JAVA)
    path = tmp_path / "Raw.java"
    path.write_text("import java.util.*;\npublic final class Raw {\n  public static void main(String[] a) {\n"
                    "    List list = new ArrayList();\n    list.add(1);\n  }\n}\n")
    with pytest.raises(ExampleFailed, match=r"(?s)javac Raw\.java failed.*warnings found and -Werror specified"):
        toolchains.java_check_and_build(path, tmp_path / "classes")


def test_go_output_is_traced_to_each_call_including_a_goroutine(tmp_path: Path) -> None:
    require_toolchain(GO)
    path = tmp_path / "traced.go"
    path.write_text(GO_PROGRAM)
    toolchains.go_check(path)
    stdout = toolchains.go_run_traced(path, tmp_path / "run")
    assert produced(path, stdout, GO) == {7: ["from a goroutine"], 10: ["3 items"], 11: ["ab"]}


def test_unformatted_go_fails_and_says_how_to_fix_it(tmp_path: Path) -> None:
    require_toolchain(GO)
    path = tmp_path / "messy.go"
    path.write_text('package main\nimport "fmt"\nfunc main() {\n    fmt.Println( "x" )\n}\n')
    with pytest.raises(ExampleFailed, match="not gofmt-formatted: run `gofmt -w"):
        toolchains.go_check(path)


def test_go_vet_findings_fail_the_example(tmp_path: Path) -> None:
    require_toolchain(GO)
    path = tmp_path / "vet.go"
    path.write_text('package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Printf("%d\\n", "not a number")\n}\n')
    with pytest.raises(ExampleFailed, match=r"(?s)go vet vet\.go failed.*wrong type"):
        toolchains.go_check(path)


def _typescript_project(tmp_path: Path, source: str) -> tuple[Path, Path]:
    root = tmp_path / "src"
    root.mkdir()
    (root / "shapes.ts").write_text(source)
    tsconfig = tmp_path / "tsconfig.json"
    options = {
        "compilerOptions": {
            "strict": True, "target": "ES2022", "module": "nodenext", "moduleResolution": "nodenext",
            "types": ["node"], "typeRoots": [str(toolchains.REPO_ROOT / "node_modules" / "@types")],
            "rootDir": "src", "skipLibCheck": True,
        },
        "include": ["src/**/*.ts"],
    }
    tsconfig.write_text(json.dumps(options))
    (tmp_path / "package.json").write_text('{"type": "module"}')
    return root, tsconfig


def test_typescript_output_is_traced_through_source_maps_including_a_callback(tmp_path: Path) -> None:
    require_toolchain(TYPESCRIPT)
    root, tsconfig = _typescript_project(tmp_path, TS_PROGRAM)
    out_dir = tmp_path / "out"
    toolchains.typescript_check_and_build(out_dir, tsconfig)
    stdout = toolchains.typescript_run_traced(root / "shapes.ts", out_dir, root)
    assert produced(root / "shapes.ts", stdout, TYPESCRIPT) == {8: ["from a timer"], 9: ["area 9"]}


def test_a_typescript_type_error_fails_the_example(tmp_path: Path) -> None:
    require_toolchain(TYPESCRIPT)
    _root, tsconfig = _typescript_project(tmp_path, 'const n: number = "three";\nconsole.log(n);\n')
    with pytest.raises(ExampleFailed, match=r"(?s)tsc --noEmit failed.*TS2322"):
        toolchains.typescript_check_and_build(tmp_path / "out", tsconfig)


def test_a_program_that_exits_with_an_error_fails_with_its_stderr(tmp_path: Path) -> None:
    require_toolchain(GO)
    path = tmp_path / "boom.go"
    path.write_text('package main\n\nfunc main() {\n\tpanic("boom")\n}\n')
    with pytest.raises(ExampleFailed, match=r"(?s)boom \(Go\) failed \(exit 2\).*panic: boom"):
        toolchains.go_run_traced(path, tmp_path / "run")
