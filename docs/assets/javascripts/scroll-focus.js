/* A wide table scrolls inside Material's .md-typeset__scrollwrap, and a wide
   diagram inside its div.mermaid (mermaid-on-demand.js). A reader without a
   mouse or touch screen can scroll such a box only if it can take keyboard
   focus, so a box that overflows gets tabindex="0" (the arrow keys then scroll
   it) and loses it again once its content fits, the way Material treats a code
   block that overflows. Checked by tests/browser/test_every_page.py (axe's
   scrollable-region-focusable). */
(() => {
  const SCROLLERS = ".md-typeset__scrollwrap, .md-typeset div.mermaid";

  const resized = new ResizeObserver((entries) => {
    for (const { target } of entries) {
      if (target.scrollWidth > target.clientWidth) {
        target.setAttribute("tabindex", "0");
      } else {
        target.removeAttribute("tabindex");
      }
    }
  });

  function watch(root) {
    if (root.matches?.(SCROLLERS)) resized.observe(root);
    root.querySelectorAll?.(SCROLLERS).forEach((box) => resized.observe(box));
  }

  // Material wraps tables while it mounts a page and draws diagrams later,
  // each in a new element: watch whatever appears.
  new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach(watch);
  }).observe(document.documentElement, { childList: true, subtree: true });
  document$.subscribe(() => watch(document));
})();
