import java.util.OptionalInt;

/**
 * Coin change: the fewest coins that make an amount, or -1 when none can.
 *
 * <p>Any coin may be used any number of times. fewest(a) is the fewest coins that make
 * amount a: the last coin is some coin c <= a, so fewest(a) = 1 + min over c of
 * fewest(a - c), and fewest(0) = 0. A table slot no combination reaches holds
 * amount + 1, more coins than any real answer (at most amount coins of 1), never 0.
 */
public final class CoinChange {
    private CoinChange() {}

    private static void checkCoins(int[] coins, int amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must be zero or more, got " + amount);
        }
        for (int coin : coins) {
            if (coin <= 0) {
                throw new IllegalArgumentException("every coin must be a positive integer, not " + coin);
            }
        }
    }

    // --8<-- [start:optimal]
    /** The fewest coins summing to amount, or -1. Time O(amount * k) for k coins, space O(amount). */
    static int minCoins(int[] coins, int amount) {
        checkCoins(coins, amount);
        int unreachable = amount + 1; // more coins than any answer: "not reachable yet"
        int[] fewest = new int[amount + 1]; // fewest[0] = 0: no coins make 0
        for (int total = 1; total <= amount; total++) {
            fewest[total] = unreachable;
            for (int coin : coins) {
                if (coin <= total) {
                    fewest[total] = Math.min(fewest[total], fewest[total - coin] + 1);
                }
            }
        }
        return fewest[amount] == unreachable ? -1 : fewest[amount];
    }
    // --8<-- [end:optimal]

    // --8<-- [start:brute_force]
    /**
     * Plain recursion: try every coin as the last one. Time O(k^(amount / smallest
     * coin)) calls, space O(amount / smallest coin) depth.
     */
    static int minCoinsBruteForce(int[] coins, int amount) {
        checkCoins(coins, amount);
        return fewest(coins, amount).orElse(-1);
    }

    private static OptionalInt fewest(int[] coins, int rest) {
        if (rest == 0) {
            return OptionalInt.of(0);
        }
        OptionalInt best = OptionalInt.empty(); // empty: rest cannot be made
        for (int coin : coins) {
            if (coin > rest) {
                continue;
            }
            OptionalInt count = fewest(coins, rest - coin);
            if (count.isPresent() && (best.isEmpty() || count.getAsInt() + 1 < best.getAsInt())) {
                best = OptionalInt.of(count.getAsInt() + 1);
            }
        }
        return best;
    }
    // --8<-- [end:brute_force]

    public static void main(String[] args) {
        // --8<-- [start:demo]
        System.out.println(minCoins(new int[] {1, 2, 5}, 11)); // 5 + 5 + 1
        //> 3
        System.out.println(minCoins(new int[] {2}, 3)); // odd amounts are out of reach
        //> -1
        System.out.println(minCoins(new int[] {7}, 0)); // zero coins make zero
        //> 0
        System.out.println(minCoinsBruteForce(new int[] {1, 2, 5}, 11));
        //> 3
        try {
            minCoins(new int[] {0, 1}, 3);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            //> every coin must be a positive integer, not 0
        }
        // --8<-- [end:demo]
    }
}
