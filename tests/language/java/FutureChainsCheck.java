import java.util.ArrayList;
import java.util.List;

/** Drives FutureChains.java: its receipts, its validation at the edge, and input order at scale. */
public final class FutureChainsCheck {
    private FutureChainsCheck() {}

    static String parsed(String body) {
        try {
            return "total " + FutureChains.parseTotal(body);
        } catch (FutureChains.BadOrder e) {
            return "BadOrder: " + e.getMessage();
        }
    }

    public static void main(String[] args) throws Exception {
        Checks.fact("receipts", String.join("|", FutureChains.receiptsOnPool(List.of(1, 2, 3, 4))));
        String[] bodies = {
            "{\"total_cents\": 0}",
            "{\"total_cents\": -5}",
            "{\"total_cents\": 2147483647}",
            "{\"total_cents\": 2147483648}",
            "{\"total_cents\": 25.99}",
            "{\"total_cents\": +5}",
            "{\"total_cents\": 007}",
            "{\"total_cents\": \"n/a\"}",
            "{\"total_cents\": \"}",
            "{\"total_cents\": true}",
            "{\"id\": 1}",
            "not json",
        };
        for (int i = 0; i < bodies.length; i++) {
            Checks.fact("parse." + i, parsed(bodies[i]));
        }
        Checks.fact("format.negative", FutureChains.formatReceipt(9, -5));
        Checks.fact("format.min", FutureChains.formatReceipt(9, Integer.MIN_VALUE));
        Checks.fact("format.max", FutureChains.formatReceipt(9, Integer.MAX_VALUE));

        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ids.add(i % 6); // 1 to 3 exist; 0, 4 and 5 do not
        }
        List<String> receipts = FutureChains.receiptsOnPool(ids);
        for (int i = 0; i < ids.size(); i++) {
            Checks.check(receipts.get(i).startsWith("order " + ids.get(i) + ": "), "input order at " + i);
        }
        Checks.equal(FutureChains.receiptsAsTasks(ids), receipts, "both versions agree at scale");
        Checks.fact("scale.receipts", receipts.size());
    }
}
