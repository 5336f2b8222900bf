import java.util.Optional;

/** Lowest common ancestor in a binary tree (not a search tree), by value. */
public final class LcaBinaryTree {
    private LcaBinaryTree() {}

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

    // --8<-- [start:optimal]
    /**
     * One postorder pass: the first node whose subtree holds both wins. O(n) time, O(h)
     * stack. Empty when p or q is not in the tree.
     */
    static Optional<Integer> lowestCommonAncestor(TreeNode root, int p, int q) {
        Integer[] answer = {null}; // set once, by the deepest node holding both
        foundBelow(root, p, q, answer);
        return Optional.ofNullable(answer[0]);
    }

    /** How many of p and q are in this subtree (a node equal to both counts twice). */
    private static int foundBelow(TreeNode node, int p, int q, Integer[] answer) {
        if (node == null) {
            return 0;
        }
        int here = (node.val == p ? 1 : 0) + (node.val == q ? 1 : 0);
        int total = foundBelow(node.left, p, q, answer) + foundBelow(node.right, p, q, answer) + here;
        // Postorder sees the deepest node holding both first; keep that one.
        if (total == 2 && answer[0] == null) {
            answer[0] = node.val;
        }
        return total;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // 3 over 5 and 1; 5 over 6 and 2; 2 over 7 and 4
        TreeNode tree = new TreeNode(3,
                new TreeNode(5, new TreeNode(6), new TreeNode(2, new TreeNode(7), new TreeNode(4))),
                new TreeNode(1));
        System.out.println(lowestCommonAncestor(tree, 7, 4));
        //> Optional[2]
        System.out.println(lowestCommonAncestor(tree, 5, 4)); // one is the ancestor of the other
        //> Optional[5]
        System.out.println(lowestCommonAncestor(tree, 5, 99));
        //> Optional.empty
    }
}
