import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/** How many days until a warmer day, for every day? */
public final class DailyTemperatures {
    private DailyTemperatures() {}

    // --8<-- [start:optimal]
    /** The monotonic stack template, answering with a distance: O(n) time and space. */
    static int[] daysUntilWarmer(int[] temperatures) {
        int[] wait = new int[temperatures.length];
        Deque<Integer> colderDays = new ArrayDeque<>(); // indices; their temperatures never rise upward
        for (int today = 0; today < temperatures.length; today++) {
            while (!colderDays.isEmpty() && temperatures[colderDays.peek()] < temperatures[today]) {
                int day = colderDays.pop();
                wait[day] = today - day; // a distance needs the index, not the temperature
            }
            colderDays.push(today);
        }
        return wait; // 0 for the days still on the stack: no warmer day follows
    }
    // --8<-- [end:optimal]

    // --8<-- [start:brute_force]
    /** Looks ahead from every day: O(n^2) time when the weather only cools. */
    static int[] daysUntilWarmerBruteForce(int[] temperatures) {
        int[] wait = new int[temperatures.length];
        for (int day = 0; day < temperatures.length; day++) {
            for (int later = day + 1; later < temperatures.length; later++) {
                if (temperatures[later] > temperatures[day]) {
                    wait[day] = later - day;
                    break;
                }
            }
        }
        return wait;
    }
    // --8<-- [end:brute_force]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        int[] week = {73, 74, 75, 71, 69, 72, 76, 73};
        System.out.println(Arrays.toString(daysUntilWarmer(week)));
        //> [1, 1, 4, 2, 1, 1, 0, 0]
        System.out.println(Arrays.equals(daysUntilWarmer(week), daysUntilWarmerBruteForce(week)));
        //> true
        // --8<-- [end:demo]
    }
}
