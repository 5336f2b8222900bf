/** The template of the pattern: one pass, look up the partner, then record the item. */

// --8<-- [start:template]
/**
 * Count the pairs j < i with values[j] === partner(values[i]), in O(n).
 *
 * Invariant: when step i looks up, `seen` holds exactly values[0..i-1].
 * Looking up before recording is what stops an item pairing with itself.
 * Keys match as Map keys do: numbers and strings by value, objects by identity.
 */
export function countPairsWithEarlier<T>(
  values: Iterable<T>,
  partner: (value: T) => T,
): number {
  const seen = new Map<T, number>();
  let pairs = 0;
  for (const value of values) {
    pairs += seen.get(partner(value)) ?? 0; // a missing key has been seen 0 times
    seen.set(value, (seen.get(value) ?? 0) + 1);
  }
  return pairs;
}
// --8<-- [end:template]

// --8<-- [start:uses]
/** Pairs i < j with nums[i] + nums[j] === target. */
export function countPairsSummingTo(nums: Iterable<number>, target: number): number {
  return countPairsWithEarlier(nums, (x) => target - x);
}

/** 0, nums[0], nums[0] + nums[1], ...: one more prefix sum than there are numbers. */
function* prefixSums(nums: Iterable<number>): Generator<number> {
  let total = 0;
  yield total;
  for (const x of nums) {
    total += x;
    yield total;
  }
}

/** A subarray sums to k when two prefix sums differ by k. */
export function countSubarraysSummingTo(nums: Iterable<number>, k: number): number {
  return countPairsWithEarlier(prefixSums(nums), (p) => p - k);
}

export function hasDuplicate(items: Iterable<string>): boolean {
  return countPairsWithEarlier(items, (s) => s) > 0;
}
// --8<-- [end:uses]

// --8<-- [start:demo]
console.log(countPairsSummingTo([3, 3, 1, 5], 6));
//> 2
console.log(countPairsSummingTo([3], 6)); // 3 is not its own partner
//> 0
console.log(countSubarraysSummingTo([1, -1, 1], 1));
//> 3
console.log(hasDuplicate(["a", "b", "a"]));
//> true
// --8<-- [end:demo]
