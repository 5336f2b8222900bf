/* A table wider than the column scrolls inside Material's .md-typeset__scrollwrap.
   A reader without a mouse or touch screen can scroll it only if it can take
   keyboard focus, so a wrapper that overflows gets tabindex="0" (arrow keys
   then scroll it) and loses it again once the table fits, the way Material
   treats a code block that overflows. Checked by tests/browser/test_accessibility.py
   (axe's scrollable-region-focusable) at 1280 and 390 px. */
(() => {
  const resized = new ResizeObserver((entries) => {
    for (const { target } of entries) {
      if (target.scrollWidth > target.clientWidth) {
        target.setAttribute("tabindex", "0");
      } else {
        target.removeAttribute("tabindex");
      }
    }
  });

  function watchTables() {
    resized.disconnect();
    for (const wrapper of document.querySelectorAll(".md-typeset__scrollwrap")) {
      resized.observe(wrapper);
    }
  }

  // Material wraps the tables while it mounts a page; look once it has.
  document$.subscribe(() => requestAnimationFrame(watchTables));
})();
