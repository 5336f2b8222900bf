import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/** Diameter of a binary tree: the most edges on any path between two nodes. */
public final class Diameter {
    private Diameter() {}

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

    private record Frame(TreeNode node, boolean childrenDone) {}

    // --8<-- [start:optimal]
    /** Postorder with an explicit stack: each node's height comes from its children's. O(n). */
    static int diameter(TreeNode root) {
        Map<TreeNode, Integer> height = new IdentityHashMap<>(); // nodes on its longest downward path
        int best = 0;
        Deque<Frame> stack = new ArrayDeque<>();
        if (root != null) {
            stack.push(new Frame(root, false));
        }
        while (!stack.isEmpty()) {
            Frame frame = stack.pop();
            TreeNode node = frame.node();
            if (!frame.childrenDone()) {
                stack.push(new Frame(node, true));
                for (TreeNode child : new TreeNode[] {node.left, node.right}) {
                    if (child != null) {
                        stack.push(new Frame(child, false));
                    }
                }
                continue;
            }
            int left = node.left == null ? 0 : height.get(node.left);
            int right = node.right == null ? 0 : height.get(node.right);
            best = Math.max(best, left + right); // the longest path that turns at this node
            height.put(node, 1 + Math.max(left, right));
        }
        return best;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // 1 over 2 and 3; 2 over 4 and 5: the path 4-2-1-3 has 3 edges
        TreeNode tree = new TreeNode(1, new TreeNode(2, new TreeNode(4), new TreeNode(5)), new TreeNode(3));
        System.out.println(diameter(tree));
        //> 3
    }
}
