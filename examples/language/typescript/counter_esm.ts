/** An ES module: `export` hands out a live binding to `count`, not a copy. */

// --8<-- [start:esm]
export let count = 0;

export function increment(): number {
  count += 1;
  return count;
}
// --8<-- [end:esm]
