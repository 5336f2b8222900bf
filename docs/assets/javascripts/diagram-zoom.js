/*
 * A full-screen view of each mermaid diagram, with zoom and pan.
 *
 * In the column a diagram is scaled to fit, which on a phone can shrink its
 * labels to a few pixels. Under each diagram this adds a "Full screen" button
 * that opens a modal <dialog>: the diagram drawn again at a size whose smallest
 * label is at least READABLE_PX, in a box that scrolls to pan.
 *
 * Keyboard: the button is a <button>; in the dialog, focus starts on the
 * drawing, the arrow keys (and Page Up/Down, Home/End) scroll it, "+" and "-"
 * zoom, "0" fits it to the screen, Escape closes, Tab reaches every control,
 * and focus returns to the button. A mouse drags or Ctrl+wheels; a touch
 * screen pans with a finger.
 *
 * Material draws each diagram into a closed shadow root, so this never reads
 * Material's drawing. It keeps the diagram's source instead: Material replaces
 * each <pre class="mermaid"> with the <div class="mermaid"> it drew into, and
 * the removed <pre> still holds the text. The dialog draws that text with the
 * same `mermaid` Material used, already loaded and configured by then.
 * No dependencies; Material's document$ tells it when a page changes.
 */
(() => {
  "use strict";

  if (window.sde2HandbookDiagramZoom) return;

  // The smallest label starts at least this large in the full-screen view.
  const READABLE_PX = 14;
  const MAX_SCALE = 4;
  const STEP = 1.25;
  const OPEN_ICON = "M3 3h7v2H5v5H3V3m11 0h7v7h-2V5h-5V3M3 14h2v5h5v2H3v-7m16 0h2v7h-7v-2h5v-5z";

  const sources = new WeakMap(); // div.mermaid -> the mermaid text it was drawn from
  let drawings = 0;
  let view = null; // the one dialog, made on first use

  function icon(path) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    const shape = document.createElementNS("http://www.w3.org/2000/svg", "path");
    shape.setAttribute("d", path);
    svg.append(shape);
    return svg;
  }

  function button(text, label) {
    const control = document.createElement("button");
    control.type = "button";
    control.textContent = text;
    if (label) control.setAttribute("aria-label", label);
    return control;
  }

  // ---- Under each drawn diagram, a button --------------------------------
  function attach(diagram, source) {
    if (sources.has(diagram)) return;
    sources.set(diagram, source);
    const figure = document.createElement("div");
    figure.className = "handbook-diagram";
    const open = button("Full screen", "Open the diagram full screen");
    open.className = "handbook-diagram__open";
    open.prepend(icon(OPEN_ICON));
    open.addEventListener("click", () => show(diagram, open));
    diagram.replaceWith(figure);
    figure.append(diagram, open);
  }

  const swaps = new MutationObserver((records) => {
    for (const record of records) {
      const source = [...record.removedNodes].find((node) => node.nodeName === "PRE");
      if (!source) continue;
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE && node.matches("div.mermaid")) attach(node, source.textContent);
      }
    }
  });
  swaps.observe(document.documentElement, { childList: true, subtree: true });

  // ---- The dialog ---------------------------------------------------------
  function makeView() {
    const dialog = document.createElement("dialog");
    dialog.className = "handbook-zoom";
    dialog.setAttribute("aria-label", "Diagram, full screen");

    const bar = document.createElement("div");
    bar.className = "handbook-zoom__bar";
    const hint = document.createElement("span");
    hint.className = "handbook-zoom__hint";
    hint.textContent = "Drag or use the arrow keys to pan; + and - zoom.";
    const zoomOut = button("\u2212", "Zoom out");
    const level = document.createElement("output");
    level.className = "handbook-zoom__level";
    level.setAttribute("aria-live", "polite");
    const zoomIn = button("+", "Zoom in");
    const fit = button("Fit");
    fit.setAttribute("aria-label", "Fit to screen");
    const close = button("Close");
    bar.append(hint, zoomOut, level, zoomIn, fit, close);

    const scroller = document.createElement("div");
    scroller.className = "handbook-zoom__view";
    scroller.tabIndex = 0;
    scroller.setAttribute("role", "group");
    scroller.setAttribute("aria-label", "Diagram");
    hint.id = "handbook-zoom-hint";
    scroller.setAttribute("aria-describedby", hint.id);
    const canvas = document.createElement("div");
    canvas.className = "handbook-zoom__canvas";
    const root = canvas.attachShadow({ mode: "open" });
    scroller.append(canvas);
    dialog.append(bar, scroller);
    document.body.append(dialog);

    const state = { dialog, scroller, canvas, root, level, svg: null, width: 0, height: 0, scale: 1, fitScale: 1, minScale: 1, opener: null };

    zoomIn.addEventListener("click", () => zoomBy(state, STEP));
    zoomOut.addEventListener("click", () => zoomBy(state, 1 / STEP));
    fit.addEventListener("click", () => zoomTo(state, state.fitScale));
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      root.replaceChildren();
      state.svg = null;
      if (state.opener && state.opener.isConnected) state.opener.focus();
    });
    scroller.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "+" || event.key === "=") zoomBy(state, STEP);
      else if (event.key === "-" || event.key === "_") zoomBy(state, 1 / STEP);
      else if (event.key === "0") zoomTo(state, state.fitScale);
      else return;
      event.preventDefault();
    });
    scroller.addEventListener(
      "wheel",
      (event) => {
        if (!event.ctrlKey) return; // a plain wheel scrolls; Ctrl+wheel (and a trackpad pinch) zooms
        event.preventDefault();
        zoomBy(state, event.deltaY < 0 ? STEP : 1 / STEP, event);
      },
      { passive: false },
    );
    dragToPan(scroller);
    return state;
  }

  function dragToPan(scroller) {
    let drag = null;
    scroller.addEventListener("pointerdown", (event) => {
      if (event.pointerType !== "mouse" || event.button !== 0) return; // touch pans natively
      drag = { x: event.clientX, y: event.clientY, left: scroller.scrollLeft, top: scroller.scrollTop };
      scroller.setPointerCapture(event.pointerId);
      scroller.classList.add("is-dragging");
    });
    scroller.addEventListener("pointermove", (event) => {
      if (!drag) return;
      scroller.scrollLeft = drag.left - (event.clientX - drag.x);
      scroller.scrollTop = drag.top - (event.clientY - drag.y);
    });
    const stop = () => {
      drag = null;
      scroller.classList.remove("is-dragging");
    };
    scroller.addEventListener("pointerup", stop);
    scroller.addEventListener("pointercancel", stop);
  }

  // The smallest font size of any label, in the drawing's own units.
  function smallestLabel(root) {
    let smallest = Infinity;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const parent = walker.currentNode.parentElement;
      if (!walker.currentNode.data.trim() || !parent || parent.closest("style, title, desc")) continue;
      const size = parseFloat(getComputedStyle(parent).fontSize);
      if (size > 0) smallest = Math.min(smallest, size);
    }
    return Number.isFinite(smallest) ? smallest : 16;
  }

  function zoomTo(state, scale, around) {
    const { scroller, svg } = state;
    if (!svg) return;
    const next = Math.min(MAX_SCALE, Math.max(state.minScale, scale));
    // Keep the point under the pointer (or the middle of the screen) in place.
    const box = scroller.getBoundingClientRect();
    const x = around ? around.clientX - box.left : scroller.clientWidth / 2;
    const y = around ? around.clientY - box.top : scroller.clientHeight / 2;
    const ratio = next / state.scale;
    const left = (scroller.scrollLeft + x) * ratio - x;
    const top = (scroller.scrollTop + y) * ratio - y;
    state.scale = next;
    svg.style.width = `${state.width * next}px`;
    svg.style.height = `${state.height * next}px`;
    scroller.scrollLeft = left;
    scroller.scrollTop = top;
    state.level.value = `${Math.round(next * 100)}%`;
  }

  function zoomBy(state, factor, around) {
    zoomTo(state, state.scale * factor, around);
  }

  async function show(diagram, opener) {
    const source = sources.get(diagram);
    if (!source || !window.mermaid) return;
    view ??= makeView();
    const state = view;
    state.opener = opener;
    const { svg: markup, bindFunctions } = await window.mermaid.render(`handbook-zoom-${++drawings}`, source);
    state.root.innerHTML = markup;
    const svg = state.root.querySelector("svg");
    bindFunctions?.(state.root);
    const { width, height } = svg.viewBox.baseVal;
    Object.assign(state, { svg, width, height, scale: 1 });
    svg.removeAttribute("width");
    svg.style.maxWidth = "none";
    state.dialog.showModal();
    const padding = 2 * parseFloat(getComputedStyle(state.canvas).paddingLeft);
    const fitScale = Math.min(
      (state.scroller.clientWidth - padding) / width,
      (state.scroller.clientHeight - padding) / height,
    );
    const readable = READABLE_PX / smallestLabel(state.root);
    state.fitScale = fitScale;
    state.minScale = Math.min(fitScale, readable);
    // As large as the screen allows, up to twice the drawn size, never below readable.
    zoomTo(state, Math.max(readable, Math.min(fitScale, 2)));
    state.scroller.scrollLeft = 0;
    state.scroller.scrollTop = 0;
    state.scroller.focus();
  }

  function onPage() {
    if (view && view.dialog.open) view.dialog.close();
  }

  window.sde2HandbookDiagramZoom = Object.freeze({ readablePx: READABLE_PX });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    // Material emits each page, the first one included; a new page closes the view.
    window.document$.subscribe(onPage);
  }
})();
