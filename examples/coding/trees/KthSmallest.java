import java.util.ArrayDeque;
import java.util.Deque;

/** Kth smallest key in a binary search tree: an inorder walk that stops early. */
public final class KthSmallest {
    private KthSmallest() {}

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
     * Inorder with a stack, stopping at the kth value: O(h + k) time, O(h) space.
     *
     * @throws IllegalArgumentException unless 1 <= k <= the number of keys
     */
    static int kthSmallest(TreeNode root, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k counts from 1, got " + k);
        }
        Deque<TreeNode> stack = new ArrayDeque<>();
        TreeNode node = root;
        while (node != null || !stack.isEmpty()) {
            while (node != null) {
                stack.push(node);
                node = node.left;
            }
            node = stack.pop();
            if (--k == 0) {
                return node.val;
            }
            node = node.right;
        }
        throw new IllegalArgumentException("k is larger than the number of keys");
    }
    // --8<-- [end:optimal]

    public static void main(String[] args) {
        // 5 over 3 and 6; 3 over 2 and 4; 2 over 1
        TreeNode tree = new TreeNode(5, new TreeNode(3, new TreeNode(2, new TreeNode(1), null), new TreeNode(4)),
                new TreeNode(6));
        System.out.println(kthSmallest(tree, 3));
        //> 3
        try {
            kthSmallest(tree, 7);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> k is larger than the number of keys
        }
    }
}
