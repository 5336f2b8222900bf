/** The bottom-up skeleton every 1-D dynamic program on this page fills in. */

// --8<-- [start:tabulate]
/** Reads a final answer; any other index throws. */
export type AnswerReader<T> = (k: number) => T;

/**
 * The answers to subproblems 0..size, smallest first.
 *
 * `first` holds the base cases (answers 0, 1, ...), and `step(answer, i)`
 * computes answer i from the answers so far.
 * Invariant: when step(answer, i) runs, answers 0..i-1 are final, and
 * `answer(k)` throws a RangeError for any k outside them, so step can read
 * only smaller subproblems.
 * Time O(size) calls of step; space O(size): size + 1 answers, not size.
 */
export function tabulate<T>(
  size: number,
  first: readonly T[],
  step: (answer: AnswerReader<T>, i: number) => T,
): T[] {
  if (!Number.isInteger(size) || size < 0) {
    throw new RangeError(`size must be a whole number, zero or more, not ${size}`);
  }
  if (first.length === 0) {
    throw new RangeError("give at least one base case");
  }
  const table = [...first];
  const answer: AnswerReader<T> = (k) => {
    if (!Number.isInteger(k) || k < 0 || k >= table.length) {
      throw new RangeError(`step ${table.length} read answer ${k}, which is not final`);
    }
    return table[k] as T; // in range, checked above
  };
  for (let i = table.length; i <= size; i++) {
    table.push(step(answer, i));
  }
  return table.slice(0, size + 1); // fewer subproblems than base cases: drop the extras
}
// --8<-- [end:tabulate]

// --8<-- [start:demo]
// Climbing stairs: ways(i) = ways(i - 1) + ways(i - 2).
const stairs = tabulate(7, [1, 1], (ways, i) => ways(i - 1) + ways(i - 2));
console.log(JSON.stringify(stairs));
//> [1,1,2,3,5,8,13,21]

// House robber: best(i) over the first i houses; take house i - 1 or skip it.
const houses = [2, 7, 9, 3, 1];
const rob = (best: AnswerReader<number>, i: number): number =>
  Math.max(best(i - 1), (i >= 2 ? best(i - 2) : 0) + (houses[i - 1] ?? 0));
console.log(JSON.stringify(tabulate(houses.length, [0], rob)));
//> [0,2,7,11,11,12]

// Fewest coins for every amount up to 6 with coins 1, 3 and 4 (7: unreachable).
const coins = [1, 3, 4];
const unreachable = 7;
const fewest = (few: AnswerReader<number>, a: number): number =>
  Math.min(unreachable, ...coins.filter((c) => c <= a).map((c) => few(a - c) + 1));
console.log(JSON.stringify(tabulate(6, [0], fewest)));
//> [0,1,2,1,1,2,2]
// --8<-- [end:demo]
