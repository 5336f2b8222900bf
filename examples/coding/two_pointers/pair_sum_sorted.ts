/** Pair with a target sum in a sorted array: opposite-end pointers. */

function requireSorted(numbers: readonly number[]): void {
  if (numbers.some((value, i) => i > 0 && (numbers[i - 1] ?? value) > value)) {
    throw new RangeError("numbers must be sorted in ascending order");
  }
}

// --8<-- [start:optimal]
/**
 * Indices [i, j], i < j, with numbers[i] + numbers[j] === target, or null.
 *
 * numbers must be sorted ascending (checked: RangeError otherwise).
 * Time O(n), space O(1).
 */
export function pairWithSum(
  numbers: readonly number[],
  target: number,
): [number, number] | null {
  requireSorted(numbers);
  let left = 0;
  let right = numbers.length - 1;
  while (left < right) {
    // Both reads are in range: 0 <= left < right < numbers.length.
    const total = (numbers[left] ?? 0) + (numbers[right] ?? 0);
    if (total === target) {
      return [left, right];
    }
    if (total < target) {
      // numbers[right] is the largest partner left; if even it is too
      // small for numbers[left], every partner is: drop left.
      left += 1;
    } else {
      // numbers[left] is the smallest partner left; if even it is too
      // big for numbers[right], every partner is: drop right.
      right -= 1;
    }
  }
  return null;
}
// --8<-- [end:optimal]

// --8<-- [start:brute_force]
/** Try every pair. Time O(n^2), space O(1). Works unsorted, too. */
export function pairWithSumBruteForce(
  numbers: readonly number[],
  target: number,
): [number, number] | null {
  for (const [i, a] of numbers.entries()) {
    for (const [j, b] of numbers.entries()) {
      if (j > i && a + b === target) {
        return [i, j];
      }
    }
  }
  return null;
}
// --8<-- [end:brute_force]

// --8<-- [start:demo]
console.log(pairWithSum([-4, -1, 2, 7, 11], 6));
//> [ 1, 3 ]
console.log(pairWithSum([1, 3, 3, 5], 4)); // smallest i, then the largest j
//> [ 0, 2 ]
console.log(pairWithSumBruteForce([1, 3, 3, 5], 4)); // smallest i, then j
//> [ 0, 1 ]
console.log(pairWithSum([2, 4, 8], 7));
//> null
// --8<-- [end:demo]
