"""Run axe-core (vendored, see assets.lock.json) in a page and return its violations."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.support.example_files import REPO_ROOT

AXE_SCRIPT = REPO_ROOT / ".cache" / "test-assets" / "axe.min.js"
WCAG_AA_AND_BEST_PRACTICE = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
_RUN = """async ([selector, exclude, tags, rules]) => {
    const context = {include: selector ? [selector] : [document], exclude: exclude.map((css) => [css])};
    const runOnly = rules ? {type: 'rule', values: rules} : {type: 'tag', values: tags};
    const result = await axe.run(context, {runOnly});
    if (result.passes.length + result.violations.length < (rules ? 1 : 3)) {
        return [{id: 'too-few-checks', help: `only ${result.passes.length} rules passed`, nodes: []}];
    }
    return result.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => ({
        target: n.target.join(' '), summary: n.failureSummary}))}));
}"""


def axe_violations(
    page: Page, selector: str | None = None, *, rules: list[str] | None = None, exclude: list[str] = ()
) -> list[dict]:
    """Violations in `selector` (default: the whole document), leaving out what `exclude` matches.

    By default every WCAG 2.x A/AA rule and axe's best practices run; `rules`
    runs only those rule ids. Each violation is {id, help, nodes: [{target, summary}]}.
    axe is injected once per page.
    """
    assert AXE_SCRIPT.is_file(), f"{AXE_SCRIPT} is missing: run `python3 dev.py setup` to fetch axe-core"
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(_RUN, [selector, list(exclude), WCAG_AA_AND_BEST_PRACTICE, rules])
