import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Chain steps on a sized pool, with a fallback on the errors we expect. */
public final class FutureChains {
    static final Map<Integer, String> ORDERS_JSON = Map.of(
            1, "{\"id\": 1, \"total_cents\": 2599}",
            2, "{\"id\": 2, \"total_cents\": \"n/a\"}",
            3, "{\"id\": 3, \"total_cents\": 410}");

    private FutureChains() {}

    // --8<-- [start:steps]
    /** The order service has no such order: an expected outcome, not a bug. */
    static final class OrderNotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OrderNotFound(String message) {
            super(message);
        }
    }

    /** The order service answered with a body we cannot use. */
    static final class BadOrder extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadOrder(String message) {
            super(message);
        }
    }

    /** Blocking call to an order service; returns the raw JSON body. */
    static String fetchOrder(int orderId) {
        String body = ORDERS_JSON.get(orderId);
        if (body == null) {
            throw new OrderNotFound("order " + orderId + " not found");
        }
        return body;
    }

    // The JDK has no JSON parser: this reads one field for the demo. Use a JSON library.
    private static final Pattern TOTAL =
            Pattern.compile("\"total_cents\"\\s*:\\s*(\"[^\"\\\\]*\"|[^,}\\s]+)");

    /** Validate at the edge: the total must be a whole number of cents that fits an int. */
    static int parseTotal(String body) {
        Matcher field = TOTAL.matcher(body);
        if (!field.find()) {
            throw new BadOrder("no total_cents in the body");
        }
        String raw = field.group(1);
        if (raw.matches("-?(0|[1-9][0-9]*)")) { // a JSON integer: no "+5", "007" or "25.99"
            try {
                return Integer.parseInt(raw);
            } catch (NumberFormatException e) { // past 2^31 - 1
                // fall through to the error below
            }
        }
        boolean string = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"");
        String shown = string ? "'" + raw.substring(1, raw.length() - 1) + "'" : raw;
        throw new BadOrder("bad total_cents: " + shown); // shown as Python's repr shows it
    }

    /** Render the last step's result; integer cents never pass through a double. */
    static String formatReceipt(int orderId, int totalCents) {
        long cents = Math.abs((long) totalCents); // as an int, abs(MIN_VALUE) overflows
        String sign = totalCents < 0 ? "-" : "";
        return String.format(
                Locale.ROOT, "order %d: %s$%d.%02d", orderId, sign, cents / 100, cents % 100);
    }
    // --8<-- [end:steps]

    // --8<-- [start:chain]
    /** The usual interview chain, on our pool: fetch, parse, format, else fall back. */
    static CompletableFuture<String> receipt(int orderId, ExecutorService pool) {
        return CompletableFuture.supplyAsync(() -> fetchOrder(orderId), pool) // our pool
                .thenApply(FutureChains::parseTotal)
                .thenApply(total -> formatReceipt(orderId, total))
                .exceptionally(error -> {
                    Throwable cause =
                            error instanceof CompletionException ? error.getCause() : error;
                    if (cause instanceof OrderNotFound || cause instanceof BadOrder) {
                        return "order " + orderId
                                + ": unavailable (" + cause.getMessage() + ")";
                    }
                    throw new CompletionException(cause); // a bug: fail the chain, loudly
                });
    }

    static List<String> receiptsOnPool(List<Integer> orderIds) {
        ExecutorService pool = Executors.newFixedThreadPool(4); // sized for the dependency
        try {
            List<CompletableFuture<String>> chains =
                    orderIds.stream().map(id -> receipt(id, pool)).toList();
            return chains.stream().map(CompletableFuture::join).toList(); // input order
        } finally {
            pool.shutdown(); // ExecutorService is AutoCloseable only from Java 19
        }
    }
    // --8<-- [end:chain]

    // --8<-- [start:one_task]
    /** Python's version: the whole chain as one task, with try/catch as the fallback. */
    static String receiptInOneTask(int orderId) {
        try {
            return formatReceipt(orderId, parseTotal(fetchOrder(orderId)));
        } catch (OrderNotFound | BadOrder e) {
            return "order " + orderId + ": unavailable (" + e.getMessage() + ")";
        }
    }

    static List<String> receiptsAsTasks(List<Integer> orderIds)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures =
                    orderIds.stream().map(id -> pool.submit(() -> receiptInOneTask(id)))
                            .toList();
            List<String> receipts = new ArrayList<>();
            for (Future<String> future : futures) {
                receipts.add(future.get());
            }
            return receipts;
        } finally {
            pool.shutdown();
        }
    }
    // --8<-- [end:one_task]

    public static void main(String[] args) throws Exception {
        // --8<-- [start:demo]
        List<Integer> orderIds = List.of(1, 2, 3, 4);
        List<String> onPool = receiptsOnPool(orderIds);
        for (String line : onPool) {
            System.out.println(line);
            //> order 1: $25.99
            //> order 2: unavailable (bad total_cents: 'n/a')
            //> order 3: $4.10
            //> order 4: unavailable (order 4 not found)
        }
        boolean agree = receiptsAsTasks(orderIds).equals(onPool);
        System.out.println("one-task version agrees: " + agree);
        //> one-task version agrees: true
        // --8<-- [end:demo]
    }
}
