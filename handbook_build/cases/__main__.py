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
Exit status: 0 all passed, 1 a case failed, 2 a case file or solution is unusable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from handbook_build.cases.case_file import CaseFileError, load_case_file
from handbook_build.cases.runner import CASE_FILE_SUFFIX, run_cases, solution_path

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
    parser = argparse.ArgumentParser(prog="dev.py cases", description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="case files, solution files or folders")
    parser.add_argument("--cases", type=Path, help="run this file's cases instead, against the one solution named")
    parser.add_argument("--solution", type=Path, help="run the cases against this .py file instead of ours")
    options = parser.parse_args(argv)
    case_files = case_files_under(options.paths or [DEFAULT_ROOT])
    if (options.cases or options.solution) is not None and len(case_files) != 1:
        parser.error("--cases and --solution work on exactly one problem; name one .py or .cases.json")
    if not case_files:
        print("no case files found", file=sys.stderr)
        return 2
    passed = failed = 0
    for path in case_files:
        try:
            problem = load_case_file(path)
            cases = problem if options.cases is None else load_case_file(options.cases, defaults=problem)
            solution = options.solution or solution_path(path)
            verdicts = run_cases(cases, solution, checker_folder=path.parent)
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
