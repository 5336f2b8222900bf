import java.util.ArrayDeque;
import java.util.Deque;

/** Path sum: does some root-to-leaf path add up to the target? */
public final class PathSum {
    private PathSum() {}

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

    private record Visit(TreeNode node, long remaining) {}

    // --8<-- [start:optimal]
    /** Depth-first, carrying what is left to find. O(n) time, O(h) space. Only leaves end a path. */
    static boolean hasPathSum(TreeNode root, long target) {
        Deque<Visit> stack = new ArrayDeque<>();
        if (root != null) {
            stack.push(new Visit(root, target - root.val));
        }
        while (!stack.isEmpty()) {
            Visit visit = stack.pop();
            TreeNode node = visit.node();
            if (node.left == null && node.right == null && visit.remaining() == 0) {
                return true;
            }
            for (TreeNode child : new TreeNode[] {node.left, node.right}) {
                if (child != null) {
                    stack.push(new Visit(child, visit.remaining() - child.val));
                }
            }
        }
        return false;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        TreeNode tree = new TreeNode(1, new TreeNode(2), null);
        System.out.println(hasPathSum(tree, 3) + " " + hasPathSum(tree, 1)); // 1 is not a leaf
        //> true false
    }
}
