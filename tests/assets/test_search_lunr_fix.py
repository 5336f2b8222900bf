"""docs/assets/javascripts/workers/search-lunr-fix.js: lunr's trie keys made unambiguous.

The worker file runs in Node's vm with Material's own search worker, as the browser
runs it (importScripts, then the patch), and lunr's trie is checked with and without
the patch: by hand-made nodes whose keys collide, and by the terms whose loss made
"union find" fail on the site. tests/browser/test_search_ranking.py types those
queries into the built site.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import material

from tests.support.servers import require_tools

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "docs/assets/javascripts/workers/search-lunr-fix.js"
MATERIAL_WORKERS = Path(material.__file__).parent / "templates/assets/javascripts/workers"

# Loads a worker file the way a browser does: `self` is the global, `importScripts`
# runs a file from the worker's folder, `self.location` carries the query string.
RUN_WORKER = r"""
const vm = require("vm"), fs = require("fs"), path = require("path");
const [workerFile, materialDir, materialName, patched] = process.argv.slice(1);
const termsJson = fs.readFileSync(0, "utf8");
const scope = { console, URL, setTimeout };
scope.self = scope;
scope.addEventListener = () => {};
scope.importScripts = (name) => vm.runInContext(fs.readFileSync(path.join(materialDir, name), "utf8"), scope);
scope.location = { href: `https://example.test/assets/javascripts/workers/x.js?material=${materialName}` };
vm.createContext(scope);
if (patched === "yes") vm.runInContext(fs.readFileSync(workerFile, "utf8"), scope);
else scope.importScripts(materialName);
const lunr = scope.lunr;

// First the trie (node ids count up from 1 in a fresh lunr, so nothing may come before it).
const terms = JSON.parse(termsJson).sort();
const kept = new Set(lunr.TokenSet.fromArray(terms).toArray());

// Two nodes that differ: {"1" -> id 234} and {"1" -> id 2, "3" -> id 4}.
const node = (edges) => { const set = new lunr.TokenSet(); set.edges = edges; return set; };
const child = (id) => { const set = node({}); set.id = id; return set; };
const one = node({ 1: child(234) }), two = node({ 1: child(2), 3: child(4) });
console.log(JSON.stringify({
  keysCollide: one.toString() === two.toString(),
  lost: terms.filter((term) => !kept.has(term)),
  invented: [...kept].filter((term) => !terms.includes(term)).sort(),
}));
"""


def material_worker() -> str:
    (found,) = [path.name for path in MATERIAL_WORKERS.glob("search.*.min.js")]
    return found


def run_worker(patched: bool, terms: list[str]) -> dict[str, object]:
    require_tools("node")
    argv = ["node", "-e", RUN_WORKER, str(FIX), str(MATERIAL_WORKERS), material_worker()]
    done = subprocess.run(
        [*argv, "yes" if patched else "no"],
        input=json.dumps(terms),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


def site_terms() -> list[str]:
    """167 terms of the site's index that lunr alone cannot keep (two of them are lost)."""
    return json.loads((Path(__file__).parent / "lunr_lost_terms.json").read_text(encoding="utf-8"))["terms"]


def test_lunr_alone_gives_two_different_nodes_the_same_key() -> None:
    assert run_worker(patched=False, terms=["a"])["keysCollide"] is True


def test_the_fix_gives_them_different_keys() -> None:
    assert run_worker(patched=True, terms=["a"])["keysCollide"] is False


def test_with_the_fix_the_trie_holds_exactly_the_terms() -> None:
    result = run_worker(patched=True, terms=site_terms())
    assert result["lost"] == [] and result["invented"] == []


def test_a_worker_url_without_materials_file_name_fails_loudly(tmp_path: Path) -> None:
    require_tools("node")
    script = RUN_WORKER.replace("?material=${materialName}", "?material=../../evil.js")
    done = subprocess.run(
        ["node", "-e", script, str(FIX), str(MATERIAL_WORKERS), material_worker(), "yes"],
        input="[]",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert 'expected ?material=search.<hash>.min.js, got "../../evil.js"' in done.stderr


def test_lunr_alone_loses_terms_and_invents_others() -> None:
    result = run_worker(patched=False, terms=site_terms())
    assert result["lost"] == ["2^30", "2^31"]
    assert result["invented"] != []
