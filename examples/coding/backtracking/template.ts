/**
 * The backtracking template: choose, explore, un-choose.
 *
 * `backtrack` walks a tree of partial answers depth first. A node is a path
 * (the choices made so far); its children are the choices still allowed.
 */

// --8<-- [start:backtrack]
/**
 * Every path of choices that isAnswer accepts, in depth-first order.
 *
 * choices(path) lists the choices allowed after `path` (nothing at a leaf,
 * and nothing on a branch that cannot lead to an answer: that is pruning).
 * isAnswer(path) says whether `path` itself is an answer to record.
 * Time: the number of nodes visited times the cost of choices and isAnswer,
 * plus O(path.length) to copy each answer. Extra space: O(depth) besides the output.
 */
export function backtrack<T>(
  choices: (path: readonly T[]) => Iterable<T>,
  isAnswer: (path: readonly T[]) => boolean,
): T[][] {
  const answers: T[][] = [];
  const path: T[] = [];

  const explore = (): void => {
    // Invariant: explore() returns with `path` exactly as it found it.
    if (isAnswer(path)) {
      answers.push([...path]); // a copy: `path` keeps changing
    }
    for (const choice of [...choices(path)]) {
      path.push(choice); // choose
      explore(); // explore
      path.pop(); // un-choose
    }
  };

  explore();
  return answers;
}
// --8<-- [end:backtrack]

/** start, start + 1, ..., stop - 1, like Python's range(start, stop). */
function range(start: number, stop: number): number[] {
  return Array.from({ length: Math.max(0, stop - start) }, (_, k) => start + k);
}

// --8<-- [start:demo]
// Subsets of three items: choose indices in increasing order.
const items = ["a", "b", "c"];
const picks = backtrack<number>(
  (path) => range((path.at(-1) ?? -1) + 1, items.length),
  () => true,
);
console.log(JSON.stringify(picks.map((pick) => pick.map((i) => items[i]).join(""))));
//> ["","a","ab","abc","ac","b","bc","c"]

// Permutations: any letter not used yet; an answer uses them all.
const letters = [..."xyz"];
const orders = backtrack<string>(
  (path) => letters.filter((c) => !path.includes(c)),
  (path) => path.length === letters.length,
);
console.log(JSON.stringify(orders.map((order) => order.join(""))));
//> ["xyz","xzy","yxz","yzx","zxy","zyx"]
// --8<-- [end:demo]
