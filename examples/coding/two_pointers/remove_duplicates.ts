/** Remove duplicates from a sorted array in place: a read and a write pointer. */

// --8<-- [start:optimal]
/**
 * Move each distinct value of sorted `numbers` to the front, in order.
 *
 * Returns k, the number of distinct values; the first k slots hold them and
 * the slots after k hold leftovers the caller must ignore. Nothing is
 * allocated. Time O(n), space O(1).
 */
export function removeDuplicates(numbers: number[]): number {
  let write = 0; // the next slot to fill; numbers[0 .. write - 1] is the answer so far
  for (const value of numbers) {
    // the iterator reads slot `read`; every write lands at write <= read
    if (write === 0 || value !== numbers[write - 1]) {
      numbers[write] = value;
      write += 1;
    }
  }
  return write;
}
// --8<-- [end:optimal]

// --8<-- [start:brute_force]
/**
 * Build the distinct values in a new Set, then copy them back.
 *
 * Time O(n), space O(n): the extra Set is what the in-place version avoids.
 */
export function removeDuplicatesBruteForce(numbers: number[]): number {
  const distinct = [...new Set(numbers)]; // keeps first occurrences, in order
  numbers.splice(0, distinct.length, ...distinct);
  return distinct.length;
}
// --8<-- [end:brute_force]

// --8<-- [start:prefix]
/** What the case file checks: the first k values after removeDuplicates. */
export function distinctPrefix(numbers: number[]): number[] {
  const count = removeDuplicates(numbers);
  return numbers.slice(0, count);
}
// --8<-- [end:prefix]

// --8<-- [start:demo]
const readings = [0, 0, 1, 1, 1, 2, 3, 3];
const count = removeDuplicates(readings);
console.log(count, JSON.stringify(readings.slice(0, count)), JSON.stringify(readings));
//> 4 [0,1,2,3] [0,1,2,3,1,2,3,3]
// --8<-- [end:demo]
