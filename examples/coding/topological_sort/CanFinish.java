import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/** Can every course be finished? A cycle in the prerequisites is the only obstacle. */
public final class CanFinish {
    private CanFinish() {}

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
     * Whether some order takes every course; [course, before] means before first.
     * Kahn's algorithm counting courses instead of listing them. Time O(V + E),
     * space O(V + E).
     */
    static boolean canFinish(int numCourses, int[][] prerequisites) {
        checkCourses(numCourses, prerequisites);
        List<List<Integer>> unlocks = new ArrayList<>();
        for (int course = 0; course < numCourses; course++) {
            unlocks.add(new ArrayList<>());
        }
        int[] waitingOn = new int[numCourses];
        for (int[] pair : prerequisites) {
            unlocks.get(pair[1]).add(pair[0]); // the edge before -> course
            waitingOn[pair[0]]++;
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int course = 0; course < numCourses; course++) {
            if (waitingOn[course] == 0) {
                ready.add(course);
            }
        }
        int taken = 0;
        while (!ready.isEmpty()) {
            int course = ready.remove();
            taken++;
            for (int later : unlocks.get(course)) {
                if (--waitingOn[later] == 0) {
                    ready.add(later);
                }
            }
        }
        return taken == numCourses; // fewer: the rest wait on a cycle
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(canFinish(3, new int[][] {{1, 0}, {2, 1}})); // 0, then 1, then 2
        //> true
        System.out.println(canFinish(3, new int[][] {{1, 0}, {0, 2}, {2, 1}})); // 0 -> 1 -> 2 -> 0
        //> false
        System.out.println(canFinish(1, new int[][] {{0, 0}})); // it requires itself
        //> false
        // --8<-- [end:demo]
    }
}
