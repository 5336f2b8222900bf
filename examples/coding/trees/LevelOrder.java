import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Level-order traversal: the values of each depth, top to bottom, left to right within a level. */
public final class LevelOrder {
    private LevelOrder() {}

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
    /** Breadth-first with a queue, one level per outer loop. O(n) time, O(width) space. */
    static List<List<Integer>> levelOrder(TreeNode root) {
        List<List<Integer>> levels = new ArrayList<>();
        Deque<TreeNode> queue = new ArrayDeque<>();
        if (root != null) {
            queue.add(root);
        }
        while (!queue.isEmpty()) {
            // Invariant: the queue holds exactly the nodes of the next level, left to right.
            List<Integer> level = new ArrayList<>();
            for (int i = queue.size(); i > 0; i--) { // the size now, before this level's children join
                TreeNode node = queue.remove();
                level.add(node.val);
                if (node.left != null) {
                    queue.add(node.left);
                }
                if (node.right != null) {
                    queue.add(node.right);
                }
            }
            levels.add(level);
        }
        return levels;
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // 3 over 9 and 20; 20 over 15 and 7
        TreeNode tree = new TreeNode(3, new TreeNode(9), new TreeNode(20, new TreeNode(15), new TreeNode(7)));
        System.out.println(levelOrder(tree));
        //> [[3], [9, 20], [15, 7]]
    }
}
