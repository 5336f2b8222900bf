"""Build the examples under examples/language/node/ and run small programs against them.

The examples are TypeScript; tsc compiles only this folder (a tsconfig that
extends the repository's, so the checks are the same strict ones) and a test
then runs a small .mjs program that imports the compiled module by URL and
prints one JSON value.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from handbook_build.other_languages import toolchains
from tests.support.example_files import EXAMPLES_DIR, REPO_ROOT

NODE_EXAMPLES = EXAMPLES_DIR / "language" / "node"
RUN_TIMEOUT_S = 120


def build_node_examples(out_dir: Path) -> Path:
    """Type-check and compile examples/language/node/*.ts into `out_dir`; return `out_dir`."""
    config_dir = out_dir.parent / f"{out_dir.name}-tsconfig"
    config_dir.mkdir(parents=True, exist_ok=True)
    config = {
        "extends": str(REPO_ROOT / "tsconfig.json"),
        "compilerOptions": {
            "rootDir": str(EXAMPLES_DIR),
            "typeRoots": [str(REPO_ROOT / "node_modules" / "@types")],
        },
        "include": [str(NODE_EXAMPLES / "**" / "*.ts")],
    }
    tsconfig = config_dir / "tsconfig.json"
    tsconfig.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    toolchains.typescript_check_and_build(out_dir, tsconfig)
    return out_dir


def module_url(build: Path, name: str) -> str:
    """The file: URL of the compiled examples/language/node/<name>.ts."""
    return (build / "language" / "node" / f"{name}.js").as_uri()


def run_program(
    program: str,
    *,
    env: dict[str, str] | None = None,
    flags: tuple[str, ...] = (),
    module_type: str = "module",
) -> subprocess.CompletedProcess[str]:
    """Run `program` as the entry file of a fresh node; never raises on its exit code.

    A file rather than `node -e`: worker threads inherit node's flags, and a
    worker refuses the `--input-type` that `-e` needs.
    """
    suffix = {"module": ".mjs", "commonjs": ".cjs"}[module_type]
    with tempfile.TemporaryDirectory(prefix="node-program-") as folder:
        entry = Path(folder) / f"program{suffix}"
        entry.write_text(program, encoding="utf-8")
        return subprocess.run(
            ["node", *flags, str(entry)],
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
            check=False,
            env=dict(os.environ, **(env or {})),
        )


def call_json(
    build: Path,
    name: str,
    expression: str,
    *,
    env: dict[str, str] | None = None,
    flags: tuple[str, ...] = (),
) -> object:
    """Import the compiled example `name` as `m`, await `expression`, and return what it gave, via JSON."""
    program = (
        f"import * as m from {json.dumps(module_url(build, name))};\n"
        "process.stdout.write(JSON.stringify(await (" + expression + ")));"
    )
    result = run_program(program, env=env, flags=flags)
    assert (
        result.returncode == 0
    ), f"node exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return json.loads(result.stdout)
