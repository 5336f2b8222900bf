import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Validate a binary search tree: every key in a node's left subtree is smaller, every key
 * in its right subtree larger. The rule is about whole subtrees, not children. The order
 * is strict (no duplicates); isValidBstDuplicatesLeft accepts the other common
 * convention, left <= node < right.
 */
public final class ValidateBst {
    private ValidateBst() {}

    static final class TreeNode {
        final int val;
        TreeNode left;
        TreeNode right;

        TreeNode(int val) {
            this.val = val;
        }

        TreeNode(int val, TreeNode left, TreeNode right) {
            this.val = val;
            this.left = left;
            this.right = right;
        }
    }

    /** A node and the open interval its key must fall in; null means unbounded. */
    private record Bounded(TreeNode node, Integer low, Integer high) {}

    // --8<-- [start:optimal]
    /** Carries the interval each node must fall in down from its ancestors. O(n) time, O(h) space. */
    static boolean isValidBst(TreeNode root) {
        return withinBounds(root, false);
    }

    /** The same with left <= node < right: a key equal to an ancestor's may sit on its left. */
    static boolean isValidBstDuplicatesLeft(TreeNode root) {
        return withinBounds(root, true);
    }

    private static boolean withinBounds(TreeNode root, boolean duplicatesGoLeft) {
        // Invariant: every ancestor where the path went right set low, every one where it
        // went left set high.
        Deque<Bounded> stack = new ArrayDeque<>();
        if (root != null) {
            stack.push(new Bounded(root, null, null));
        }
        while (!stack.isEmpty()) {
            Bounded entry = stack.pop();
            TreeNode node = entry.node();
            if (entry.low() != null && node.val <= entry.low()) {
                return false;
            }
            if (entry.high() != null && (duplicatesGoLeft ? node.val > entry.high() : node.val >= entry.high())) {
                return false;
            }
            if (node.left != null) {
                stack.push(new Bounded(node.left, entry.low(), node.val));
            }
            if (node.right != null) {
                stack.push(new Bounded(node.right, node.val, entry.high()));
            }
        }
        return true;
    }
    // --8<-- [end:optimal]

    // --8<-- [start:children_only]
    /** THE BUG: compares each node with its own children only, never with its ancestors. */
    static boolean isValidBstChildrenOnly(TreeNode root) {
        if (root == null) {
            return true;
        }
        if (root.left != null && root.left.val >= root.val || root.right != null && root.right.val <= root.val) {
            return false;
        }
        return isValidBstChildrenOnly(root.left) && isValidBstChildrenOnly(root.right);
    }
    // --8<-- [end:children_only]

    public static void main(String[] args) {
        // --8<-- [start:counterexample]
        // 5 over 4 and 6; 6 over 3 and 7. Every parent-child pair is in order,
        // but 3 sits in 5's right subtree, so this is not a BST.
        TreeNode tree = new TreeNode(5, new TreeNode(4), new TreeNode(6, new TreeNode(3), new TreeNode(7)));
        System.out.println(isValidBstChildrenOnly(tree) + " " + isValidBst(tree));
        //> true false
        // --8<-- [end:counterexample]
        // --8<-- [start:duplicates]
        TreeNode twos = new TreeNode(2, new TreeNode(2), new TreeNode(2)); // a 2 on each side of a 2
        System.out.println(isValidBst(twos) + " " + isValidBstDuplicatesLeft(twos));
        //> false false
        System.out.println(isValidBstDuplicatesLeft(new TreeNode(2, new TreeNode(2), null)));
        //> true
        // --8<-- [end:duplicates]
    }
}
