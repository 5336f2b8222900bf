/** Intervals and greedy: the two skeletons the problems on the page reuse. */

export type Interval = readonly [start: number, end: number];

/**
 * Throw a RangeError unless every interval is in order. Closed intervals may
 * be a single point (start === end); half-open ones [start, end) must not be
 * empty (start < end).
 */
function requireIntervals(intervals: readonly Interval[], closed: boolean): void {
  for (const [start, end] of intervals) {
    if (end < start || (!closed && end === start)) {
      const relation = closed ? "<=" : "<";
      const shown = `[${start}, ${end}]`;
      throw new RangeError(`each interval needs start ${relation} end: ${shown}`);
    }
  }
}

// --8<-- [start:select_by_end]
/**
 * The largest set of pairwise non-overlapping intervals, earliest end first.
 *
 * touchingOverlaps: true reads intervals as closed: [1, 2] and [2, 3] share
 * the point 2 and clash. false reads them as half-open: [1, 2) and [2, 3)
 * do not. Time O(n log n), space O(n).
 */
export function selectByEnd(
  intervals: readonly Interval[],
  { touchingOverlaps }: { touchingOverlaps: boolean },
): [number, number][] {
  requireIntervals(intervals, touchingOverlaps); // half-open: start < end
  const kept: [number, number][] = [];
  // A sorted copy: sort is stable, so equal ends keep their input order.
  for (const [start, end] of [...intervals].sort((x, y) => x[1] - y[1])) {
    // Invariant (stays ahead): no compatible set drawn from the intervals
    // seen so far is larger than kept, and none as large ends earlier.
    const last = kept.at(-1);
    const compatible =
      last === undefined || (touchingOverlaps ? start > last[1] : start >= last[1]);
    if (compatible) {
      kept.push([start, end]);
    }
  }
  return kept;
}
// --8<-- [end:select_by_end]

// --8<-- [start:max_overlap]
/**
 * The most intervals that cover one point at the same time (a sweep line).
 *
 * Each interval is two events: +1 at its start, -1 at its end. At equal
 * times, closed intervals that touch share the point, so starts go first;
 * half-open ones do not, so ends go first. Time O(n log n), space O(n).
 */
export function maxOverlap(
  intervals: readonly Interval[],
  { closed }: { closed: boolean },
): number {
  requireIntervals(intervals, closed); // an empty [t, t) would count -1
  const events: [time: number, change: number][] = [
    ...intervals.map(([start]): [number, number] => [start, +1]),
    ...intervals.map(([, end]): [number, number] => [end, -1]),
  ];
  events.sort(([t1, c1], [t2, c2]) => t1 - t2 || (closed ? c2 - c1 : c1 - c2));
  let running = 0;
  let best = 0;
  for (const [, change] of events) {
    running += change; // invariant: intervals open just after this event
    best = Math.max(best, running);
  }
  return best;
}
// --8<-- [end:max_overlap]

// --8<-- [start:demo]
const talks: Interval[] = [[1, 2], [2, 3], [3, 4], [1, 3]];
// Half-open: [1, 2) then [2, 3).
console.log(JSON.stringify(selectByEnd(talks, { touchingOverlaps: false })));
//> [[1,2],[2,3],[3,4]]
// Closed: [1, 2] and [2, 3] clash.
console.log(JSON.stringify(selectByEnd(talks, { touchingOverlaps: true })));
//> [[1,2],[3,4]]
console.log(maxOverlap([[1, 2], [2, 3]], { closed: true })); // both cover the point 2
//> 2
console.log(maxOverlap([[1, 2], [2, 3]], { closed: false })); // one ends as one starts
//> 1
// --8<-- [end:demo]
