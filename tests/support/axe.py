"""Run axe-core (vendored, see assets.lock.json) in a page and return its violations."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.support.example_files import REPO_ROOT

AXE_SCRIPT = REPO_ROOT / ".cache" / "test-assets" / "axe.min.js"
WCAG_AA_AND_BEST_PRACTICE = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
_RUN = """async ([selector, tags]) => {
    const result = await axe.run(selector ? document.querySelector(selector) : document, {
        runOnly: {type: 'tag', values: tags},
    });
    if (result.passes.length < 3) {
        return [{id: 'too-few-checks', help: `only ${result.passes.length} rules passed`, nodes: []}];
    }
    return result.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => ({
        target: n.target.join(' '), summary: n.failureSummary}))}));
}"""


def axe_violations(page: Page, selector: str | None = None) -> list[dict]:
    """Violations of WCAG 2.x A/AA and axe's best practices, in `selector` or the whole document.

    Each is {id, help, nodes: [{target, summary}]}.
    """
    assert AXE_SCRIPT.is_file(), f"{AXE_SCRIPT} is missing: run `python3 dev.py setup` to fetch axe-core"
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(_RUN, [selector, WCAG_AA_AND_BEST_PRACTICE])
