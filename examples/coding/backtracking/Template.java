import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The backtracking template: choose, explore, un-choose.
 *
 * <p>backtrack walks a tree of partial answers depth first. A node is a path (the choices made
 * so far); its children are the choices still allowed.
 */
public final class Template {
    private Template() {}

    // --8<-- [start:backtrack]
    /**
     * Every path of choices that isAnswer accepts, in depth-first order.
     *
     * <p>choices(path) lists the choices allowed after path (nothing at a leaf, and nothing on a
     * branch that cannot lead to an answer: that is pruning). isAnswer(path) says whether path
     * itself is an answer to record. Time: the number of nodes visited times the cost of choices
     * and isAnswer, plus O(path.size()) to copy each answer. Extra space: O(depth) besides the
     * output.
     */
    static <T> List<List<T>> backtrack(
            Function<List<T>, List<T>> choices, Predicate<List<T>> isAnswer) {
        List<List<T>> answers = new ArrayList<>();
        explore(new ArrayList<>(), choices, isAnswer, answers);
        return answers;
    }

    private static <T> void explore(
            List<T> path,
            Function<List<T>, List<T>> choices,
            Predicate<List<T>> isAnswer,
            List<List<T>> answers) {
        // Invariant: explore returns with path exactly as it found it.
        if (isAnswer.test(path)) {
            answers.add(List.copyOf(path)); // a copy: path keeps changing
        }
        for (T choice : choices.apply(path)) {
            path.add(choice); // choose
            explore(path, choices, isAnswer, answers); // explore
            path.remove(path.size() - 1); // un-choose
        }
    }
    // --8<-- [end:backtrack]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        // Subsets of three items: choose indices in increasing order.
        List<String> items = List.of("a", "b", "c");
        List<List<Integer>> picks =
                backtrack(
                        path -> {
                            int first = path.isEmpty() ? 0 : path.get(path.size() - 1) + 1;
                            return IntStream.range(first, items.size()).boxed().toList();
                        },
                        path -> true);
        System.out.println(
                picks.stream()
                        .map(pick -> pick.stream().map(items::get).collect(Collectors.joining()))
                        .toList());
        //> [, a, ab, abc, ac, b, bc, c]

        // Permutations: any letter not used yet; an answer uses them all.
        List<Character> letters = List.of('x', 'y', 'z');
        List<List<Character>> orders =
                backtrack(
                        path -> letters.stream().filter(c -> !path.contains(c)).toList(),
                        path -> path.size() == letters.size());
        System.out.println(
                orders.stream()
                        .map(order -> order.stream().map(String::valueOf).collect(Collectors.joining()))
                        .toList());
        //> [xyz, xzy, yxz, yzx, zxy, zyx]
        // --8<-- [end:demo]
    }
}
