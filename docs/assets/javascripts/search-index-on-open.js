// Material downloads the search index (the largest file on the site) as soon as
// any page loads. This holds that one request until the reader opens search, so
// a visit that never searches never pays for it. Everything else is unchanged.
// Material requests the index while its bundle is first evaluated, so this runs
// before the bundle (overrides/main.html), not as an extra_javascript file.
(() => {
  "use strict";
  const INDEX_PATH = /\/search\/search_index\.json$/;
  const { open, send } = XMLHttpRequest.prototype;
  const indexRequests = new WeakSet();
  const held = [];
  let searchOpened = false;

  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (INDEX_PATH.test(new URL(url, document.baseURI).pathname)) indexRequests.add(this);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (searchOpened || !indexRequests.has(this)) return send.apply(this, args);
    held.push(() => send.apply(this, args));
    return undefined;
  };

  function release() {
    if (searchOpened) return;
    searchOpened = true;
    for (const sendNow of held.splice(0)) sendNow();
  }

  // Search opens by focusing its box, or through its toggle (the search icon,
  // the "s", "f" and "/" keys, a shared ?q= link), which Material clicks.
  document.addEventListener("focusin", (event) => {
    if (event.target.matches?.("[data-md-component=search-query]")) release();
  });
  document.addEventListener("change", (event) => {
    if (event.target.matches?.("[data-md-toggle=search]") && event.target.checked) release();
  });
})();
