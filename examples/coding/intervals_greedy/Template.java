import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Intervals and greedy: the two skeletons the problems on the page reuse. */
public final class Template {
    private Template() {}

    /** An interval from start to end; printed as [start, end]. */
    record Interval(int start, int end) {
        @Override
        public String toString() {
            return "[" + start + ", " + end + "]";
        }
    }

    /**
     * Refuses an interval whose end comes before its start. Closed intervals may be a single point
     * (start == end); half-open ones [start, end) must not be empty (start < end).
     */
    static void checkIntervals(List<Interval> intervals, boolean closed) {
        for (Interval interval : intervals) {
            if (interval.end() < interval.start() || (!closed && interval.end() == interval.start())) {
                throw new IllegalArgumentException(
                        "each interval needs start " + (closed ? "<=" : "<") + " end, not " + interval);
            }
        }
    }

    // --8<-- [start:select_by_end]
    /**
     * The largest set of pairwise non-overlapping intervals, earliest end first.
     *
     * <p>touchingOverlaps true reads intervals as closed: [1, 2] and [2, 3] share the point 2 and
     * clash. False reads them as half-open: [1, 2) and [2, 3) do not. Time O(n log n), space O(n).
     */
    static List<Interval> selectByEnd(List<Interval> intervals, boolean touchingOverlaps) {
        checkIntervals(intervals, touchingOverlaps);
        List<Interval> byEnd = new ArrayList<>(intervals); // sort a copy, not the caller's list
        byEnd.sort(Comparator.comparingInt(Interval::end)); // List.sort is stable
        List<Interval> kept = new ArrayList<>();
        for (Interval interval : byEnd) {
            // Invariant (stays ahead): no compatible set drawn from the intervals
            // seen so far is larger than kept, and none as large ends earlier.
            boolean compatible = true;
            if (!kept.isEmpty()) {
                int lastEnd = kept.get(kept.size() - 1).end();
                compatible = touchingOverlaps ? interval.start() > lastEnd : interval.start() >= lastEnd;
            }
            if (compatible) {
                kept.add(interval);
            }
        }
        return kept;
    }
    // --8<-- [end:select_by_end]

    // --8<-- [start:max_overlap]
    /**
     * The most intervals that cover one point at the same time (a sweep line).
     *
     * <p>Each interval is two events: +1 at its start, -1 at its end. At equal times, closed
     * intervals that touch share the point, so starts go first; half-open ones do not, so ends go
     * first. Time O(n log n), space O(n).
     */
    static int maxOverlap(List<Interval> intervals, boolean closed) {
        checkIntervals(intervals, closed); // an empty [t, t) would count -1 at t before its +1
        record Event(int time, int change) {}
        List<Event> events = new ArrayList<>(2 * intervals.size());
        for (Interval interval : intervals) {
            events.add(new Event(interval.start(), +1));
            events.add(new Event(interval.end(), -1));
        }
        Comparator<Event> byChange = Comparator.comparingInt(Event::change); // -1 before +1
        events.sort(Comparator.comparingInt(Event::time).thenComparing(closed ? byChange.reversed() : byChange));
        int running = 0;
        int best = 0;
        for (Event event : events) {
            running += event.change(); // invariant: intervals open just after this event
            best = Math.max(best, running);
        }
        return best;
    }
    // --8<-- [end:max_overlap]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        var talks = List.of(new Interval(1, 2), new Interval(2, 3), new Interval(3, 4), new Interval(1, 3));
        System.out.println(selectByEnd(talks, false)); // [1, 2) then [2, 3)
        //> [[1, 2], [2, 3], [3, 4]]
        System.out.println(selectByEnd(talks, true)); // [1, 2] and [2, 3] clash
        //> [[1, 2], [3, 4]]
        var touching = List.of(new Interval(1, 2), new Interval(2, 3));
        System.out.println(maxOverlap(touching, true)); // both cover the point 2
        //> 2
        System.out.println(maxOverlap(touching, false)); // one ends as one starts
        //> 1
        try {
            maxOverlap(List.of(new Interval(3, 3)), false); // an empty half-open interval
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> each interval needs start < end, not [3, 3]
        }
        // --8<-- [end:demo]
    }
}
