// Styled tooltips for glossary terms (the <abbr title> elements the glossary
// hook writes), shown on hover, and on tap where there is no hover.
// Material's content.tooltips feature did this by mounting a tooltip on every
// titled element as each page loaded: on a long page that was most of its
// blocking time (Lighthouse, `python3 dev.py bench lighthouse`). This costs
// nothing until a reader points at a term: one set of listeners on the
// document, one tooltip element, made on first use.
// Checked by tests/browser/test_site.py.
(() => {
  "use strict";
  const TERM = ".md-typeset abbr[title], .md-typeset abbr[data-handbook-title]";
  const GAP = 8; // px between the term and its tooltip
  let tooltip = null;
  let shownFor = null;

  function tooltipElement() {
    if (!tooltip) {
      tooltip = document.createElement("div");
      tooltip.className = "handbook-tooltip";
      tooltip.id = "handbook-tooltip";
      tooltip.setAttribute("role", "tooltip");
      tooltip.hidden = true;
      document.body.append(tooltip);
    }
    return tooltip;
  }

  function show(term) {
    if (shownFor === term) return;
    hide();
    // The title moves aside while ours shows, so the browser does not draw
    // its own tooltip on top; hide() puts it back.
    const text = term.getAttribute("title") ?? term.dataset.handbookTitle;
    term.dataset.handbookTitle = text;
    term.removeAttribute("title");
    term.setAttribute("aria-describedby", "handbook-tooltip");
    const box = tooltipElement();
    box.textContent = text;
    box.hidden = false;
    place(box, term.getBoundingClientRect());
    shownFor = term;
  }

  // Below the term, or above it when there is no room below; always inside
  // the viewport horizontally, which at 390 px matters.
  function place(box, anchor) {
    const width = box.offsetWidth;
    const height = box.offsetHeight;
    const left = Math.min(Math.max(GAP, anchor.left), window.innerWidth - width - GAP);
    const below = anchor.bottom + GAP;
    const top = below + height <= window.innerHeight ? below : Math.max(GAP, anchor.top - GAP - height);
    box.style.left = `${Math.max(GAP, left)}px`;
    box.style.top = `${top}px`;
  }

  function hide() {
    if (!shownFor) return;
    shownFor.setAttribute("title", shownFor.dataset.handbookTitle);
    delete shownFor.dataset.handbookTitle;
    shownFor.removeAttribute("aria-describedby");
    tooltip.hidden = true;
    shownFor = null;
  }

  const termAt = (event) => event.target.closest?.(TERM);

  document.addEventListener("pointerover", (event) => {
    if (event.pointerType === "mouse" && termAt(event)) show(termAt(event));
  });
  document.addEventListener("pointerout", (event) => {
    if (event.pointerType === "mouse" && termAt(event) && !termAt(event).contains(event.relatedTarget)) hide();
  });
  // A tap shows the term's tooltip; a tap anywhere else, or on it again, hides it.
  document.addEventListener("click", (event) => {
    const term = termAt(event);
    if (term && event.pointerType === "mouse") return; // hovering already shows it
    if (term && term !== shownFor) show(term);
    else hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });
  window.addEventListener("scroll", hide, { passive: true });
  window.addEventListener("resize", hide);
  // Instant navigation swaps the page without reloading this script.
  document$.subscribe(hide);
})();
