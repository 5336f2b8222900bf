"""Run a case file against the Java, Go or TypeScript version of a problem.

The Python runner calls a solution in-process; for the other languages a
driver program (in drivers/) calls it and the verdicts are judged here, with
the same checkers, so one case file proves every language's version.

The protocol. The driver reads one JSON request on stdin:

    {"kind": "function" | "class", "target": "two_sum" | "MinStack",
     "arg_types": ["linked_list", null], "result_type": "binary_tree",
     "cases": [{"args": [...], "in_place": 0 | null}            (function)
               {"init": [...], "calls": [["push", 5], ...]}]}   (class)

and writes one JSON line per case:

    {"result": <value>, "absent": false}                   a function returned
    {"results": [<value>, ...], "absent": false}           every call of a class case returned
    {"raises": "invalid_argument" | "empty" | null, "error": "<type>: <message>"}
                                                           it failed (a class case adds "results" so
                                                           far and "call", the 1-based call that failed)
    {"fatal": "<why>"}                                     the solution has no such function or class

`absent` says the last call returned no value (`undefined` in TypeScript,
`ok == false` in Go): what an empty container answers in those languages,
where Python raises IndexError. Each driver maps its language's idiom for
the two named errors; see CONTRIBUTING.md, "Run a problem's cases in Java,
Go or TypeScript".
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from handbook_build.cases.case_file import Case, CaseFile
from handbook_build.cases.checkers import resolve_checker
from handbook_build.cases.runner import CASE_FILE_SUFFIX, Verdict
from handbook_build.other_languages import toolchains
from handbook_build.other_languages.toolchains import GO, JAVA, TYPESCRIPT, Language

DRIVERS = Path(__file__).with_name("drivers")
RUN_TIMEOUT_S = 120


def pascal_case(snake: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_"))


def camel_case(snake: str) -> str:
    pascal = pascal_case(snake)
    return pascal[:1].lower() + pascal[1:]


def solution_in(language: Language, case_file_path: Path) -> Path:
    """Where `language`'s version of a case file's problem lives, beside the Python one."""
    stem = case_file_path.name.removesuffix(CASE_FILE_SUFFIX)
    name = pascal_case(stem) + ".java" if language is JAVA else stem + language.suffix
    return case_file_path.with_name(name)


def request_for(cases: CaseFile) -> dict[str, Any]:
    kind = "class" if cases.class_name else "function"
    payload = [
        (
            {"init": case.init, "calls": case.calls}
            if cases.class_name
            else {"args": case.args, "in_place": case.in_place}
        )
        for case in cases.cases
    ]
    return {
        "kind": kind,
        "target": cases.target,
        "arg_types": list(cases.arg_types),
        "result_type": cases.result_type,
        "cases": payload,
    }


def judge(
    cases: CaseFile, case: Case, outcome: dict[str, Any], folder: Path
) -> Verdict:
    """The verdict on one case's outcome, by the rules runner.py applies to Python."""
    if "error" in outcome:
        # call 0 is the constructor, which may raise, as runner.py lets it in Python
        call = outcome.get("call")
        if case.raises is not None and call and call < len(case.calls):
            return Verdict(
                case,
                f"call {call} raised {outcome['error']}; only the last call may raise",
            )
        if case.raises is not None and outcome.get("raises") == case.raises:
            return Verdict(case, None)
        return Verdict(case, f"raised {outcome['error']}")
    actual = outcome["results"] if cases.class_name else outcome["result"]
    if case.raises == "empty" and outcome.get("absent"):
        return Verdict(case, None)
    if case.raises is not None:
        return Verdict(case, f"expected {case.raises}, got {json.dumps(actual)}")
    checker = resolve_checker(case.checker, folder)
    return Verdict(case, checker(case.expected, actual, copy.deepcopy(case.args)))


def run_cases_in(
    language: Language, cases: CaseFile, solution: Path, work: Path
) -> list[Verdict]:
    """Every case of `cases` against `solution`, a .ts, .go or .java file; `work` is a scratch folder."""
    if not solution.is_file():
        raise LookupError(
            f"{solution} does not exist (the {language.name} version of {cases.path})"
        )
    work.mkdir(parents=True, exist_ok=True)
    argv = _driver_command(language, cases, solution, work)
    completed = subprocess.run(  # noqa: S603 - argv built here
        argv,
        input=json.dumps(request_for(cases)),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
        cwd=solution.parent,
    )
    lines = [line for line in completed.stdout.splitlines() if line.strip()]
    if completed.returncode != 0 or (lines and "fatal" in json.loads(lines[0])):
        why = (
            json.loads(lines[0])["fatal"]
            if lines and "fatal" in lines[0]
            else completed.stderr.strip()
        )
        raise LookupError(f"{solution}: the {language.name} driver failed: {why}")
    if len(lines) != len(cases.cases):
        raise LookupError(
            f"{solution}: {len(cases.cases)} cases sent, {len(lines)} answers:\n{completed.stderr}"
        )
    return [
        judge(cases, case, json.loads(line), cases.path.parent)
        for case, line in zip(cases.cases, lines, strict=True)
    ]


def _driver_command(
    language: Language, cases: CaseFile, solution: Path, work: Path
) -> list[str]:
    if language is TYPESCRIPT:
        return _typescript_command(solution, work)
    if language is GO:
        return _go_command(cases, solution, work)
    if language is JAVA:
        return _java_command(solution, work)
    raise ValueError(f"no case driver for {language.name}")


def _typescript_command(solution: Path, work: Path) -> list[str]:
    """Compile the solution's folder as ES modules with the repo's strict settings, then run the driver on it.

    The .ts files are copied under a package.json saying "module": a reader's
    file outside examples/ (which has that marker) compiles the same way.
    """
    source, out = work / "ts", work / "js"
    source.mkdir(parents=True, exist_ok=True)
    for path in solution.parent.glob("*.ts"):
        shutil.copy2(path, source / path.name)
    for folder in (source, out):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    config = work / "tsconfig.json"
    config.write_text(
        json.dumps(
            {
                "extends": str(toolchains.TSCONFIG),
                "compilerOptions": {
                    "rootDir": str(source),
                    "outDir": str(out),
                    "noEmit": False,
                    # Types resolve from the config's folder by default; this one lives in the scratch folder.
                    "typeRoots": [
                        str(toolchains.REPO_ROOT / "node_modules" / "@types")
                    ],
                },
                "include": [str(source / solution.name)],
            }
        ),
        encoding="utf-8",
    )
    _build([str(toolchains.TSC), "-p", str(config)], f"tsc {solution.name}")
    return [
        "node",
        str(DRIVERS / "case_driver.mjs"),
        str(out / (solution.stem + ".js")),
    ]


_GO_MAIN = re.compile(r"^func main\(\) \{", re.MULTILINE)


def _go_command(cases: CaseFile, solution: Path, work: Path) -> list[str]:
    """The solution's package with its main renamed, plus the driver and a line naming the target."""
    source = solution.read_text(encoding="utf-8")
    if not _GO_MAIN.search(source):
        raise LookupError(
            f"{solution}: a Go solution is a package main program with a func main()"
        )
    (work / solution.name).write_text(
        _GO_MAIN.sub("func handbookExampleMain() {", source, count=1), encoding="utf-8"
    )
    target = "new" + cases.class_name if cases.class_name else camel_case(cases.target)
    sentinels = {
        name: name if re.search(rf"\bvar {name}\b|\b{name}\s*=", source) else "nil"
        for name in ("errInvalidArgument", "errEmpty")
    }
    (work / "case_target.go").write_text(
        "package main\n\n"
        f"var caseTarget any = {target}\n"
        f"var caseInvalidArgument error = {sentinels['errInvalidArgument']}\n"
        f"var caseEmpty error = {sentinels['errEmpty']}\n"
        "var _ = handbookExampleMain\n",
        encoding="utf-8",
    )
    (work / "case_driver.go").write_text(
        (DRIVERS / "case_driver.go.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    program = work / "case_driver"
    files = [work / solution.name, work / "case_target.go", work / "case_driver.go"]
    _build(
        ["go", "build", "-o", str(program), *map(str, files)],
        f"go build {solution.name}",
        env=toolchains.go_env(),
    )
    return [str(program)]


def _java_command(solution: Path, work: Path) -> list[str]:
    classes = work / "classes"
    _build(
        [
            "javac",
            "--release",
            "17",
            "-encoding",
            "UTF-8",
            "-sourcepath",
            str(solution.parent),
            "-d",
            str(classes),
            str(solution),
            str(DRIVERS / "CaseDriver.java"),
        ],
        f"javac {solution.name}",
    )
    return ["java", "-cp", str(classes), "CaseDriver", solution.stem]


def _build(argv: list[str], what: str, env: dict[str, str] | None = None) -> None:
    """Compile, or raise LookupError with the compiler's own messages."""
    completed = subprocess.run(  # noqa: S603 - argv built here
        argv,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
        env=env,
    )
    if completed.returncode != 0:
        raise LookupError(f"{what} failed:\n{completed.stdout}{completed.stderr}")
