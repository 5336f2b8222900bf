import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Serialize and deserialize a binary tree: preorder with a marker for each missing child. */
public final class Serialize {
    private Serialize() {}

    static final class TreeNode {
        final int val;
        TreeNode left;
        TreeNode right;

        TreeNode(int val) {
            this.val = val;
        }
    }

    private static final String NULL = "#";
    private static final String SEPARATOR = ",";
    private static final Pattern INTEGER = Pattern.compile("0|-?[1-9][0-9]*"); // exactly what serialize writes

    // --8<-- [start:serialize]
    /** Preorder with a marker for each missing child. O(n) time and space. */
    static String serialize(TreeNode root) {
        List<String> tokens = new ArrayList<>();
        Deque<Optional<TreeNode>> stack = new ArrayDeque<>(); // ArrayDeque refuses null: empty is a missing child
        stack.push(Optional.ofNullable(root));
        while (!stack.isEmpty()) {
            Optional<TreeNode> next = stack.pop();
            if (next.isEmpty()) {
                tokens.add(NULL);
                continue;
            }
            TreeNode node = next.get();
            tokens.add(String.valueOf(node.val));
            stack.push(Optional.ofNullable(node.right)); // pushed first, written after the whole left subtree
            stack.push(Optional.ofNullable(node.left));
        }
        return String.join(SEPARATOR, tokens);
    }
    // --8<-- [end:serialize]

    private static TreeNode node(String token) {
        if (token.equals(NULL)) {
            return null;
        }
        if (!INTEGER.matcher(token).matches()) {
            throw new IllegalArgumentException("'" + token + "' is neither an integer nor '" + NULL + "'");
        }
        return new TreeNode(Integer.parseInt(token)); // NumberFormatException (an IllegalArgumentException) past int
    }

    /** A node still missing a child, and the side the next token fills. */
    private static final class Open {
        final TreeNode node;
        boolean leftDone;

        Open(TreeNode node) {
            this.node = node;
        }
    }

    // --8<-- [start:deserialize]
    /** Reads the tokens back in the order serialize wrote them. O(n); bad input throws IllegalArgumentException. */
    static TreeNode deserialize(String data) {
        String[] tokens = data.split(SEPARATOR, -1); // -1 keeps empty tokens: "1,," is refused, not trimmed
        TreeNode root = node(tokens[0]);
        // Invariant: the stack holds the nodes still missing a child, deepest on top.
        Deque<Open> stack = new ArrayDeque<>();
        if (root != null) {
            stack.push(new Open(root));
        }
        int position = 1;
        while (!stack.isEmpty()) {
            if (position == tokens.length) {
                throw new IllegalArgumentException(
                        "the data ends after " + position + " tokens with children still missing");
            }
            Open entry = stack.peek();
            TreeNode child = node(tokens[position++]);
            if (!entry.leftDone) {
                entry.node.left = child;
                entry.leftDone = true;
            } else {
                entry.node.right = child;
                stack.pop(); // both children read
            }
            if (child != null) {
                stack.push(new Open(child));
            }
        }
        if (position != tokens.length) {
            throw new IllegalArgumentException((tokens.length - position) + " token(s) after the tree is complete");
        }
        return root;
    }
    // --8<-- [end:deserialize]

    public static void main(String[] args) {
        TreeNode tree = deserialize("1,2,#,#,3,4,#,#,5,#,#");
        System.out.println(serialize(tree));
        //> 1,2,#,#,3,4,#,#,5,#,#
        try {
            deserialize("1,#,#,5");
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> 1 token(s) after the tree is complete
        }
    }
}
