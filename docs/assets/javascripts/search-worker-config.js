// Points Material at its search worker through workers/search-lunr-fix.js, which
// loads the same worker and fixes a lunr bug that made some queries fail (see that
// file). Material reads #__config while its bundle is first evaluated, so this runs
// before the bundle (overrides/main.html).
(() => {
  "use strict";
  const script = document.getElementById("__config");
  if (!script) return;
  const config = JSON.parse(script.textContent);
  const material = /([^/]*)$/.exec(config.search)[1];
  config.search = config.search.replace(/[^/]*$/, `search-lunr-fix.js?material=${encodeURIComponent(material)}`);
  script.textContent = JSON.stringify(config);
})();
