/** A valid course order, or [] when the prerequisites contain a cycle. */

/** [course, before]: take `before` first. */
export type Prerequisite = readonly [course: number, before: number];

function checkCourses(
  numCourses: number,
  prerequisites: readonly Prerequisite[],
): void {
  if (!Number.isInteger(numCourses) || numCourses < 0) {
    throw new RangeError(`numCourses must be a whole number >= 0, got ${numCourses}`);
  }
  const isCourse = (x: number): boolean =>
    Number.isInteger(x) && x >= 0 && x < numCourses;
  for (const pair of prerequisites) {
    if (pair.length !== 2 || !pair.every(isCourse)) {
      const shown = JSON.stringify(pair);
      throw new RangeError(`${shown} must be two courses in 0..${numCourses - 1}`);
    }
  }
}

// --8<-- [start:optimal]
/**
 * Every course once, each after its prerequisites; [] if impossible.
 *
 * [course, before] is the edge before -> course: Kahn's algorithm on it.
 * Time O(V + E), space O(V + E).
 */
export function courseOrder(
  numCourses: number,
  prerequisites: readonly Prerequisite[],
): number[] {
  checkCourses(numCourses, prerequisites);
  const unlocks = Array.from({ length: numCourses }, (): number[] => []);
  const waitingOn = new Array<number>(numCourses).fill(0);
  for (const [course, before] of prerequisites) {
    unlocks[before]?.push(course); // checked above: both are courses
    waitingOn[course] = (waitingOn[course] ?? 0) + 1;
  }
  // for...of visits courses pushed during the loop: the array is the queue.
  const order = [...waitingOn.keys()].filter((course) => waitingOn[course] === 0);
  for (const course of order) {
    for (const next of unlocks[course] ?? []) {
      const left = (waitingOn[next] ?? 0) - 1;
      waitingOn[next] = left;
      if (left === 0) {
        order.push(next); // its last prerequisite is placed
      }
    }
  }
  // A course on a cycle never reaches 0, nor does anything after it.
  return order.length === numCourses ? order : [];
}
// --8<-- [end:optimal]

// --8<-- [start:demo]
const prerequisites: Prerequisite[] = [[1, 0], [2, 0], [3, 1], [3, 2]];
console.log(JSON.stringify(courseOrder(4, prerequisites)));
//> [0,1,2,3]
// 0 and 1 wait on each other:
console.log(JSON.stringify(courseOrder(3, [[0, 1], [1, 0]])));
//> []
// --8<-- [end:demo]
