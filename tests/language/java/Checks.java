import java.util.Objects;

/** What the drivers share: a fact printed for pytest, or a failed check that exits non-zero. */
final class Checks {
    private Checks() {}

    static void fact(String name, Object value) {
        System.out.println(name + "=" + value);
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            fail(what);
        }
    }

    static void equal(Object expected, Object actual, String what) {
        if (!Objects.equals(expected, actual)) {
            fail(what + ": expected " + expected + ", got " + actual);
        }
    }

    static void fail(String what) {
        System.err.println("check failed: " + what);
        System.exit(1);
    }
}
