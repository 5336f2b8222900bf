/** The two sliding-window skeletons: a fixed width, and grow right / shrink left. */

// --8<-- [start:fixed]
/**
 * Yield the sum of every window of exactly k items, left to right.
 *
 * Invariant: before each yield, `total` is the sum of nums[right - k + 1 .. right].
 */
export function* fixedWindowSums(
  nums: readonly number[],
  k: number,
): Generator<number> {
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(`window size must be a whole number, at least 1, got ${k}`);
  }
  let total = 0;
  for (const [right, value] of nums.entries()) {
    total += value; // the new item enters
    const leaving = nums[right - k]; // k places back: undefined while right < k
    if (leaving !== undefined) {
      total -= leaving;
    }
    if (right >= k - 1) {
      yield total;
    }
  }
}
// --8<-- [end:fixed]

// --8<-- [start:variable]
/**
 * Return [start, length] of the leftmost longest window for which isValid() holds.
 *
 * add/remove keep the caller's window state in step; isValid reads it. Validity
 * must be monotone: every sub-window of a valid window is valid (the empty one too).
 *
 * Invariant: after the while loop, items[left .. right] is valid and no valid
 * window ends at `right` and starts before `left`.
 */
export function longestValidWindow<T>(
  items: readonly T[],
  add: (item: T) => void,
  remove: (item: T) => void,
  isValid: () => boolean,
): [start: number, length: number] {
  let bestStart = 0;
  let bestLength = 0;
  let left = 0;
  const leftEdge = items.values(); // the items again, one step behind each removal
  for (const [right, item] of items.entries()) {
    add(item); // grow right
    while (!isValid()) {
      // shrink left until valid again
      const leaving = leftEdge.next();
      if (leaving.done === true || left > right) {
        throw new RangeError("isValid() rejected the empty window: not monotone");
      }
      remove(leaving.value);
      left += 1;
    }
    if (right - left + 1 > bestLength) {
      // update only after shrinking
      bestStart = left;
      bestLength = right - left + 1;
    }
  }
  return [bestStart, bestLength];
}
// --8<-- [end:variable]

// --8<-- [start:demo]
console.log(JSON.stringify([...fixedWindowSums([4, 2, 7, 1, 8], 3)]));
//> [13,10,16]

const counts = new Map<string, number>();
const add = (char: string): void => {
  counts.set(char, (counts.get(char) ?? 0) + 1);
};
const remove = (char: string): void => {
  const left = (counts.get(char) ?? 0) - 1;
  if (left === 0) {
    counts.delete(char);
  } else {
    counts.set(char, left);
  }
};

const text = "abaccab";
const atMostTwo = (): boolean => counts.size <= 2;
const [start, length] = longestValidWindow([...text], add, remove, atMostTwo);
console.log(start, length, text.slice(start, start + length));
//> 2 4 acca
// --8<-- [end:demo]
