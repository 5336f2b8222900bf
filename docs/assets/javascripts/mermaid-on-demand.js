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
      settings = config;
    },
    async render(id, text) {
      if (library === null) await aDiagramIsNear();
      const mermaid = await loadLibrary();
      return mermaid.render(id, text);
    },
  };
})();
