// Material's search worker, with one bug of lunr 2.3.9 fixed before it builds the index.
//
// Lunr stores its terms in a minimized trie and merges two nodes whose keys are equal.
// A node's key is its flag followed by label + child id for each edge, with nothing
// between them, so a node with edges {"1": 234} and one with {"1": 2, "3": 4} both get
// "01234" once labels are digits. The second node is then replaced by the first: the
// trie loses real terms and gains terms that are not in the index, and a query that
// expands to one of those ("u*" did here) throws "Cannot read properties of undefined
// (reading '_index')", so the search box shows nothing. A comma after each id makes the
// key unambiguous: a label is always one character, an id always digits.
// (lunr issue 503 reports the symptom; search-worker-config.js points Material here.)
"use strict";

const MATERIAL_WORKER = /^search\.[0-9a-f]+\.min\.js$/;
const requested = new URL(self.location.href).searchParams.get("material") ?? "";
if (!MATERIAL_WORKER.test(requested)) {
  throw new Error(`search-lunr-fix.js: expected ?material=search.<hash>.min.js, got "${requested}"`);
}
importScripts(requested); // defines self.lunr and Material's message handler

self.lunr.TokenSet.prototype.toString = function () {
  if (this._str) return this._str; // set by lunr's builder once a node is final
  let key = this.final ? "1" : "0";
  for (const label of Object.keys(this.edges).sort()) key += label + this.edges[label].id + ",";
  return key;
};
