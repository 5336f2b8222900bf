import java.util.ArrayDeque;
import java.util.Deque;

/** Maximum depth: the number of nodes on the longest path from the root down to a leaf. */
public final class MaxDepth {
    private MaxDepth() {}

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

    private record Visit(TreeNode node, int depth) {}

    // --8<-- [start:optimal]
    /** A node's depth is one more than its deeper child's. Recurses h deep. */
    static int maxDepthRecursive(TreeNode root) {
        if (root == null) {
            return 0;
        }
        return 1 + Math.max(maxDepthRecursive(root.left), maxDepthRecursive(root.right));
    }

    /** The same answer with an explicit stack, so a 5,000-level chain is fine. */
    static int maxDepth(TreeNode root) {
        int deepest = 0;
        // Invariant: each entry is a node still to visit and its depth (the root is depth 1).
        Deque<Visit> stack = new ArrayDeque<>();
        if (root != null) {
            stack.push(new Visit(root, 1));
        }
        while (!stack.isEmpty()) {
            Visit visit = stack.pop();
            deepest = Math.max(deepest, visit.depth());
            for (TreeNode child : new TreeNode[] {visit.node().left, visit.node().right}) {
                if (child != null) {
                    stack.push(new Visit(child, visit.depth() + 1));
                }
            }
        }
        return deepest;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // 3 over 9 and 20; 20 over 15 and 7
        TreeNode tree = new TreeNode(3, new TreeNode(9), new TreeNode(20, new TreeNode(15), new TreeNode(7)));
        System.out.println(maxDepth(tree) + " " + maxDepthRecursive(tree));
        //> 3 3
        TreeNode chain = null;
        for (int i = 0; i < 5_000; i++) {
            chain = new TreeNode(i, chain, null);
        }
        System.out.println(maxDepth(chain));
        //> 5000
    }
}
