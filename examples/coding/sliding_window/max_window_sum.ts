/** Maximum sum of any window of exactly k consecutive numbers. */

function check(k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(`window size must be a whole number, at least 1, got ${k}`);
  }
}

// --8<-- [start:optimal]
/**
 * The largest sum of k consecutive numbers; null when there are fewer than k.
 *
 * O(n) time, O(1) space: each step adds the entering number and subtracts the
 * one that leaves, instead of summing k numbers again.
 */
export function maxWindowSum(nums: readonly number[], k: number): number | null {
  check(k);
  if (nums.length < k) {
    return null;
  }
  let total = 0;
  for (const value of nums.slice(0, k)) {
    total += value;
  }
  let best = total;
  for (let right = k; right < nums.length; right++) {
    // both indices are in range: k <= right < nums.length
    total += (nums[right] ?? 0) - (nums[right - k] ?? 0);
    best = Math.max(best, total);
  }
  return best;
}
// --8<-- [end:optimal]

// --8<-- [start:brute]
/** Sum every window from scratch: O(n * k) time, O(k) extra space per slice. */
export function maxWindowSumBruteForce(
  nums: readonly number[],
  k: number,
): number | null {
  check(k);
  if (nums.length < k) {
    return null;
  }
  let best = -Infinity;
  for (let start = 0; start + k <= nums.length; start++) {
    const window = nums.slice(start, start + k);
    best = Math.max(best, window.reduce((a, b) => a + b, 0));
  }
  return best;
}
// --8<-- [end:brute]

console.log(maxWindowSum([2, -1, 3, 5, -2, 4], 3));
//> 7
console.log(maxWindowSum([1, 2], 3));
//> null
