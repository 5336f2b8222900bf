"""python3 dev.py cases [PATH ...] [--cases FILE]: run case files, one line per case.

    python3 dev.py cases                              every case file under examples/coding/
    python3 dev.py cases examples/coding/two_pointers one folder
    python3 dev.py cases examples/coding/two_pointers/pair_sum.cases.json
    python3 dev.py cases examples/coding/two_pointers/pair_sum.py --cases mine.json

With --cases, your file's cases run against the one solution PATH names (its
.py or its .cases.json); your file may hold just {"cases": [...]}. With
--solution, the problem's cases run against your own file instead, which must
define the function (or class) the case file names:

    python3 dev.py cases examples/coding/two_pointers/pair_sum.cases.json --solution ~/mine.py

With --language java|go|typescript, the cases run against that language's
version beside ours (TwoSum.java, two_sum.go, two_sum.ts); a --solution
ending in .java, .go or .ts picks its language by itself:

    python3 dev.py cases examples/coding/arrays_hashing --language go
    python3 dev.py cases examples/coding/arrays_hashing/two_sum.cases.json --solution ~/TwoSum.java
Exit status: 0 all passed, 1 a case failed, 2 a case file or solution is unusable.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from handbook_build.cases.case_file import CaseFile, CaseFileError, load_case_file
from handbook_build.cases.drivers import run_cases_in, solution_in
from handbook_build.cases.runner import (
    CASE_FILE_SUFFIX,
    Verdict,
    run_cases,
    solution_path,
)
from handbook_build.other_languages.toolchains import (
    BY_SUFFIX,
    LANGUAGES,
    Language,
    missing_tools,
)

LANGUAGE_NAMES = {language.name.lower(): language for language in LANGUAGES}

DEFAULT_ROOT = Path("examples/coding")


def case_files_under(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob(f"*{CASE_FILE_SUFFIX}")))
        elif path.suffix == ".py":
            found.append(path.with_name(path.stem + CASE_FILE_SUFFIX))
        else:
            found.append(path)
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="dev.py cases", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, help="case files, solution files or folders"
    )
    parser.add_argument(
        "--cases",
        type=Path,
        help="run this file's cases instead, against the one solution named",
    )
    parser.add_argument(
        "--solution",
        type=Path,
        help="run the cases against this file (.py, .java, .go, .ts) instead",
    )
    parser.add_argument(
        "--language",
        choices=sorted(LANGUAGE_NAMES),
        help="run our version in this language",
    )
    options = parser.parse_args(argv)
    case_files = case_files_under(options.paths or [DEFAULT_ROOT])
    if (options.cases or options.solution) is not None and len(case_files) != 1:
        parser.error(
            "--cases and --solution work on exactly one problem; name one .py or .cases.json"
        )
    if options.language and options.solution is None:
        # Only the problems that have a version in that language.
        case_files = [
            path
            for path in case_files
            if solution_in(LANGUAGE_NAMES[options.language], path).exists()
        ]
    if not case_files:
        print(
            "no case files found"
            + (f" with a {options.language} version" if options.language else ""),
            file=sys.stderr,
        )
        return 2
    passed = failed = 0
    for path in case_files:
        try:
            problem = load_case_file(path)
            cases = (
                problem
                if options.cases is None
                else load_case_file(options.cases, defaults=problem)
            )
            language = _language(options)
            if language is None:
                solution = options.solution or solution_path(path)
                verdicts = run_cases(cases, solution, checker_folder=path.parent)
            else:
                solution = options.solution or solution_in(language, path)
                verdicts = _run_in(language, cases, solution)
        except (CaseFileError, LookupError, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(f"{cases.path} -> {solution}")
        for verdict in verdicts:
            outcome = "PASS" if verdict.passed else "FAIL"
            detail = "" if verdict.passed else f": {verdict.problem}"
            print(f"  {outcome} {verdict.case.number:>3} {verdict.case.name}{detail}")
        passed += sum(verdict.passed for verdict in verdicts)
        failed += sum(not verdict.passed for verdict in verdicts)
    print(f"{passed} passed, {failed} failed, in {len(case_files)} case file(s)")
    return 1 if failed else 0


def _language(options: argparse.Namespace) -> Language | None:
    if options.language:
        return LANGUAGE_NAMES[options.language]
    if options.solution is not None and options.solution.suffix in BY_SUFFIX:
        return BY_SUFFIX[options.solution.suffix]
    return None


def _run_in(language: Language, cases: CaseFile, solution: Path) -> list[Verdict]:
    missing = missing_tools(language)
    if missing:
        raise LookupError(missing)
    with tempfile.TemporaryDirectory(prefix="handbook-cases-") as work:
        return run_cases_in(language, cases, solution.resolve(), Path(work))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
