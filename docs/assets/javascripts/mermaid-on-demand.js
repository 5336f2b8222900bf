// Material draws each ```mermaid block with `window.mermaid`, and when that is
// missing it fetches the library from a CDN. This stands in for it, so that the
// self-hosted library (about 1 MB gzipped) loads only on a page with a diagram,
// and only once a diagram comes near the screen.
// It must run before Material mounts the page, as every extra_javascript file does.
(() => {
  "use strict";
  const libraryUrl = new URL("../vendor/mermaid.min.js", document.currentScript.src).href;
  // Start loading a little before the first diagram scrolls into view.
  const NEAR = "400px 0px";
  let settings = {};
  let library = null;

  // Material draws each diagram at the column's width, so a wide one shrinks
  // until its 16 px labels are a few pixels tall. On a screen with room for
  // the sidebars (60em, Material's own breakpoint for them) a diagram shrinks
  // to 3/4 of its drawn size at most, so its labels stay at 12 px or more, and
  // whatever is wider scrolls sideways inside its box. A phone keeps the
  // shrunken overview; its "Full screen" button (diagram-zoom.js) is where it
  // reads. Checked by tests/browser/test_every_page.py.
  const READABLE_SCALE = 12 / 16;
  // Mermaid sets class-diagram multiplicities ("0..*") in 11 px, which would
  // shrink below 9 px with the rest; at 16 px they scale like every label.
  const READABLE_CSS = ".edgeTerminals { font-size: 16px; }";

  function shrinkNoFurtherThanReadable(svg, id) {
    const drawn = /viewBox="[-\d.e]+ [-\d.e]+ ([\d.e]+) /.exec(svg);
    if (!drawn) return svg;
    const minWidth = Math.ceil(Number(drawn[1]) * READABLE_SCALE);
    const rule = `<style>@media (min-width: 60em) { #${id} { min-width: ${minWidth}px; } }</style>`;
    return svg.replace(/<svg\b[^>]*>/, (opening) => opening + rule);
  }

  // Resolves once any diagram source Material is about to render is near the viewport.
  function aDiagramIsNear() {
    const blocks = document.querySelectorAll("pre.mermaid, div.mermaid");
    if (blocks.length === 0 || !("IntersectionObserver" in window)) return Promise.resolve();
    return new Promise((resolve) => {
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          resolve();
        }
      }, { rootMargin: NEAR });
      blocks.forEach((block) => observer.observe(block));
    });
  }

  function loadLibrary() {
    library ??= new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = libraryUrl;
      // The library defines the global `mermaid`, replacing this stand-in.
      script.onload = () => resolve(window.mermaid);
      script.onerror = () => reject(new Error(`could not load ${libraryUrl}`));
      document.head.append(script);
    }).then((mermaid) => {
      mermaid.initialize(settings);
      return mermaid;
    });
    return library;
  }

  window.mermaid = {
    // Material calls this once, before the first diagram.
    initialize(config) {
      settings = { ...config, themeCSS: `${config.themeCSS ?? ""}\n${READABLE_CSS}` };
    },
    async render(id, text) {
      if (library === null) await aDiagramIsNear();
      const mermaid = await loadLibrary();
      const drawing = await mermaid.render(id, text);
      return { ...drawing, svg: shrinkNoFurtherThanReadable(drawing.svg, id) };
    },
  };
})();
