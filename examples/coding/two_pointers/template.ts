/**
 * The two shapes of two pointers, as reusable helpers.
 *
 * `converge` walks two indices toward each other over sorted data.
 * `compact` walks a read index and a write index in the same direction and
 * rewrites an array in place.
 */

// --8<-- [start:converge]
/**
 * Find indices i < j with compare(i, j) === 0, moving in from both ends.
 *
 * compare(i, j) returns a negative number when the pair is too small (so i
 * moves right), a positive one when it is too big (so j moves left), and 0
 * when [i, j] is the answer. This is only correct when moving an index can
 * never skip an answer: on data sorted ascending, "too small" means no pair
 * that uses i can work, and "too big" means no pair that uses j can.
 * Time O(size) calls of compare; space O(1).
 */
export function converge(
  size: number,
  compare: (i: number, j: number) => number,
): [number, number] | null {
  let left = 0;
  let right = size - 1;
  while (left < right) {
    // two distinct indices; left === right would reuse one
    // Invariant: no answer uses an index below left or above right.
    const verdict = compare(left, right);
    if (verdict === 0) {
      return [left, right];
    }
    if (verdict < 0) {
      left += 1;
    } else {
      right -= 1;
    }
  }
  return null;
}
// --8<-- [end:converge]

// --8<-- [start:compact]
/**
 * Keep, in order and in place, the values that keep() accepts; return how many.
 *
 * keep(value, values, write) sees the candidate and the kept prefix
 * values[0 .. write - 1], so a rule can look at what it already kept (for
 * example "differs from values[write - 1]"). After the call the first
 * `count` slots hold the kept values; the slots after them hold leftovers.
 * Time O(n) calls of keep; space O(1).
 */
export function compact<T>(
  values: T[],
  keep: (value: T, values: readonly T[], write: number) => boolean,
): number {
  let write = 0;
  // The array iterator reads each slot as it reaches it; writes land at
  // write <= read, in slots it has already passed.
  for (const value of values) {
    // Invariant: values[0 .. write - 1] is the answer for the values read so far.
    if (keep(value, values, write)) {
      values[write] = value;
      write += 1;
    }
  }
  return write;
}
// --8<-- [end:compact]

// --8<-- [start:demo]
const prices = [3, 8, 11, 15, 21];
const price = (i: number): number => prices[i] ?? 0; // i is in 0..length - 1
const pair = converge(prices.length, (i, j) => price(i) + price(j) - 26);
console.log(JSON.stringify(pair));
//> [2,3]
const readings = [1, 1, 2, 2, 2, 5];
const count = compact(readings, (value, kept, w) => w === 0 || value !== kept[w - 1]);
console.log(count, JSON.stringify(readings.slice(0, count)));
//> 3 [1,2,5]
// --8<-- [end:demo]
