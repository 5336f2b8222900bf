/** Subarray sum equals k: how many contiguous, non-empty runs add up to k. */

// --8<-- [start:optimal]
/**
 * Count subarrays summing to k, negatives allowed. O(n) time, O(n) space.
 *
 * The sum of nums[i .. j - 1] is prefix[j] - prefix[i], so a run ending at j
 * sums to k once for every earlier prefix equal to prefix[j] - k.
 * Invariant: before step j, `seen` counts the prefix sums prefix[0 .. j - 1].
 */
export function subarraySum(nums: readonly number[], k: number): number {
  // The empty prefix, seen once: it counts the runs that start at 0.
  const seen = new Map<number, number>([[0, 1]]);
  let prefix = 0;
  let count = 0;
  for (const value of nums) {
    prefix += value;
    count += seen.get(prefix - k) ?? 0; // look up first ...
    // ... then record, or k === 0 would count an empty run.
    seen.set(prefix, (seen.get(prefix) ?? 0) + 1);
  }
  return count;
}
// --8<-- [end:optimal]

// --8<-- [start:brute]
/** Every start, with a running sum per start. O(n^2) time, O(1) space. */
export function subarraySumBruteForce(nums: readonly number[], k: number): number {
  let count = 0;
  for (let start = 0; start < nums.length; start++) {
    let total = 0;
    for (const value of nums.slice(start)) {
      total += value;
      if (total === k) {
        count += 1;
      }
    }
  }
  return count;
}
// --8<-- [end:brute]

// --8<-- [start:buggy]
/** BUGGY: starts with an empty Map, so runs that begin at index 0 are missed. */
export function subarraySumNoSeed(nums: readonly number[], k: number): number {
  const seen = new Map<number, number>();
  let prefix = 0;
  let count = 0;
  for (const value of nums) {
    prefix += value;
    count += seen.get(prefix - k) ?? 0;
    seen.set(prefix, (seen.get(prefix) ?? 0) + 1);
  }
  return count;
}
// --8<-- [end:buggy]

// --8<-- [start:demo]
const nums = [3, 4, -7, 3, 1, 3, 1, -4];
console.log(subarraySum(nums, 7), subarraySumBruteForce(nums, 7));
//> 3 3
// Misses the two runs that start at index 0:
console.log(subarraySumNoSeed(nums, 7));
//> 1
console.log(subarraySum([0, 0], 0)); // [0], [0] and [0, 0]
//> 3
// --8<-- [end:demo]
