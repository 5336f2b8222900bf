import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Meeting rooms II: the fewest rooms that hold every meeting. */
public final class MeetingRoomsIi {
    private MeetingRoomsIi() {}

    /** Refuses anything but [start, end) pairs with start < end. */
    private static void checkHalfOpen(int[][] meetings) {
        for (int[] meeting : meetings) {
            if (meeting.length != 2 || meeting[1] <= meeting[0]) {
                throw new IllegalArgumentException(
                        "each meeting is [start, end), start < end, not " + Arrays.toString(meeting));
            }
        }
    }

    // --8<-- [start:optimal]
    /**
     * The fewest rooms for half-open meetings [start, end), with a heap of end times.
     * A room freed at 10 can hold a meeting that starts at 10. Time O(n log n), space O(n).
     */
    static int minRooms(int[][] meetings) {
        checkHalfOpen(meetings);
        int[][] byStart = meetings.clone(); // sort a copy, not the caller's array
        Arrays.sort(byStart, Comparator.comparingInt((int[] m) -> m[0]));
        PriorityQueue<Integer> ends = new PriorityQueue<>(); // one end time per room; the earliest on top
        for (int[] meeting : byStart) {
            if (!ends.isEmpty() && ends.element() <= meeting[0]) {
                ends.poll(); // the room that frees first is free now: reuse it
            }
            ends.add(meeting[1]); // in a reused room, or a new one when every room is busy
        }
        return ends.size();
    }
    // --8<-- [end:optimal]

    private record Event(int time, int change) {}

    // --8<-- [start:sweep]
    /** Counts rooms by a sweep over +1/-1 events. Time O(n log n), space O(n). */
    static int minRoomsSweep(int[][] meetings) {
        checkHalfOpen(meetings);
        List<Event> events = new ArrayList<>();
        for (int[] meeting : meetings) {
            events.add(new Event(meeting[0], +1));
            events.add(new Event(meeting[1], -1));
        }
        // At one time, ends (-1) sort before starts (+1).
        events.sort(Comparator.comparingInt(Event::time).thenComparingInt(Event::change));
        int inUse = 0;
        int rooms = 0;
        for (Event e : events) {
            inUse += e.change();
            rooms = Math.max(rooms, inUse);
        }
        return rooms;
    }
    // --8<-- [end:sweep]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        int[][] day = {{0, 30}, {5, 10}, {15, 20}, {10, 15}};
        System.out.println(minRooms(day));
        //> 2
        System.out.println(minRoomsSweep(day));
        //> 2
        System.out.println(minRooms(new int[][] {{1, 2}, {2, 3}, {3, 4}})); // back to back: one room
        //> 1
        try {
            minRooms(new int[][] {{1, 1}});
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> each meeting is [start, end), start < end, not [1, 1]
        }
        // --8<-- [end:demo]
    }
}
