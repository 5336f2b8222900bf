/**
 * ES modules and CommonJS side by side: what an import gives you in each.
 *
 * examples/package.json says "type": "module", so every .ts file here is an
 * ES module. counter_cjs.cts is CommonJS whatever the package says.
 */

// --8<-- [start:modules]
import legacy from "./counter_cjs.cjs"; // CommonJS: the module.exports object
import { count, increment } from "./counter_esm.js"; // ESM: live bindings

increment();
legacy.increment();

console.log("ESM import sees", count);
//> ESM import sees 1
console.log("CommonJS property still", legacy.count);
//> CommonJS property still 0

// CommonJS's per-file variables do not exist in an ES module; import.meta does.
console.log(typeof require, typeof __dirname, typeof import.meta.url);
//> undefined undefined string
// --8<-- [end:modules]
