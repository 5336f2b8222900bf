/**
 * The same counter as a CommonJS module: a .cts file compiles to .cjs, and
 * `export =` becomes `module.exports =`. modules.ts imports it, so it is
 * type-checked and run with that file.
 */

// --8<-- [start:cjs]
let count = 0;

function increment(): number {
  count += 1;
  return count;
}

export = { count, increment }; // emitted as: module.exports = { count, increment };
// --8<-- [end:cjs]
