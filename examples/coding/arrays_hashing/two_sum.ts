/** Two sum: the indices of two different entries that add up to a target. */

// --8<-- [start:optimal]
/**
 * Indices [i, j], i < j, with nums[i] + nums[j] === target, or null. O(n) time and space.
 * Looking up before storing means nums[j] never pairs with itself.
 */
export function twoSum(nums: readonly number[], target: number): [number, number] | null {
  const firstIndex = new Map<number, number>();
  for (const [j, value] of nums.entries()) {
    const i = firstIndex.get(target - value);
    if (i !== undefined) {
      return [i, j];
    }
    if (!firstIndex.has(value)) {
      firstIndex.set(value, j); // keep the first index of a repeated value
    }
  }
  return null;
}
// --8<-- [end:optimal]

// --8<-- [start:demo]
console.log(twoSum([2, 7, 11, 15], 9));
//> [ 0, 1 ]
console.log(twoSum([3, 5], 6));
//> null
// --8<-- [end:demo]
