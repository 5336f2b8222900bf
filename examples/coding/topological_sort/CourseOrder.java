import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/** A valid course order, or an empty one when the prerequisites contain a cycle. */
public final class CourseOrder {
    private CourseOrder() {}

    private static void checkCourses(int numCourses, int[][] prerequisites) {
        if (numCourses < 0) {
            throw new IllegalArgumentException("numCourses must be >= 0, got " + numCourses);
        }
        for (int[] pair : prerequisites) {
            if (pair.length != 2 || pair[0] < 0 || pair[0] >= numCourses || pair[1] < 0 || pair[1] >= numCourses) {
                throw new IllegalArgumentException(
                        Arrays.toString(pair) + " must be two courses in 0.." + (numCourses - 1));
            }
        }
    }

    // --8<-- [start:optimal]
    /**
     * Every course once, each after its prerequisites, or an empty order if that is
     * impossible. [course, before] is the edge before -> course; Kahn's algorithm on
     * it. Time O(V + E), space O(V + E).
     */
    static List<Integer> courseOrder(int numCourses, int[][] prerequisites) {
        checkCourses(numCourses, prerequisites);
        List<List<Integer>> unlocks = new ArrayList<>(); // unlocks[before] lists the courses it opens
        for (int course = 0; course < numCourses; course++) {
            unlocks.add(new ArrayList<>());
        }
        int[] waitingOn = new int[numCourses]; // prerequisites not taken yet
        for (int[] pair : prerequisites) {
            unlocks.get(pair[1]).add(pair[0]);
            waitingOn[pair[0]]++;
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int course = 0; course < numCourses; course++) {
            if (waitingOn[course] == 0) {
                ready.add(course);
            }
        }
        List<Integer> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            // Invariant: waitingOn[c] counts c's prerequisites not yet in order.
            int course = ready.remove();
            order.add(course);
            for (int next : unlocks.get(course)) {
                if (--waitingOn[next] == 0) {
                    ready.add(next);
                }
            }
        }
        return order.size() < numCourses ? List.of() : order; // a course on a cycle never stops waiting
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        int[][] prerequisites = {{1, 0}, {2, 0}, {3, 1}, {3, 2}};
        System.out.println(courseOrder(4, prerequisites));
        //> [0, 1, 2, 3]
        System.out.println(courseOrder(3, new int[][] {{0, 1}, {1, 0}})); // 0 and 1 wait on each other
        //> []
        try {
            courseOrder(2, new int[][] {{0, 2}});
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> [0, 2] must be two courses in 0..1
        }
        // --8<-- [end:demo]
    }
}
