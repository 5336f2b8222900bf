import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/** Are the brackets of a string balanced and properly nested? */
public final class ValidParentheses {
    private ValidParentheses() {}

    private static final Map<Character, Character> CLOSER_TO_OPENER = Map.of(')', '(', ']', '[', '}', '{');

    private static void checkCharacters(String text) {
        for (char ch : text.toCharArray()) {
            if (!CLOSER_TO_OPENER.containsKey(ch) && !CLOSER_TO_OPENER.containsValue(ch)) {
                throw new IllegalArgumentException("only brackets ()[]{} are allowed, got '" + ch + "'");
            }
        }
    }

    // --8<-- [start:optimal]
    /** One pass with a stack of the openers still waiting for their closer: O(n). */
    static boolean isValidParentheses(String text) {
        checkCharacters(text);
        Deque<Character> openBrackets = new ArrayDeque<>();
        for (char ch : text.toCharArray()) {
            Character opener = CLOSER_TO_OPENER.get(ch);
            if (opener == null) {
                openBrackets.push(ch); // an opener
            } else if (openBrackets.isEmpty() || openBrackets.pop() != opener.charValue()) {
                return false; // checked before popping: a closer with nothing open is the answer, not a crash
            }
        }
        return openBrackets.isEmpty(); // an opener left over was never closed
    }
    // --8<-- [end:optimal]

    // --8<-- [start:brute_force]
    /** Deletes adjacent pairs until none is left: up to n/2 passes of O(n), so O(n^2). */
    static boolean isValidParenthesesBruteForce(String text) {
        checkCharacters(text);
        while (true) {
            String shorter = text.replace("()", "").replace("[]", "").replace("{}", "");
            if (shorter.equals(text)) {
                return text.isEmpty();
            }
            text = shorter;
        }
    }
    // --8<-- [end:brute_force]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        for (String text : new String[] {"([]{})", "([)]", "((", "])"}) {
            System.out.println(text + " " + isValidParentheses(text));
            //> ([]{}) true
            //> ([)] false
            //> (( false
            //> ]) false
        }
        System.out.println(isValidParenthesesBruteForce("([]{})"));
        //> true
        // --8<-- [end:demo]
    }
}
