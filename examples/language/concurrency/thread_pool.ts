/**
 * Concurrent I/O on Node.js: start every call, collect settled results, keep
 * input order, and time out.
 *
 * JavaScript has no thread pool to size: one thread runs the code, and a
 * pending network call is a promise, not a blocked thread.
 */
import { setTimeout as sleep } from "node:timers/promises";

const PRICES_CENTS: ReadonlyMap<string, number> = new Map([
  ["apple", 120],
  ["bread", 350],
  ["cheese", 899],
]);

// --8<-- [start:blocking_call]
/** Stand in for an HTTP call to a pricing service. */
async function fetchPrice(sku: string): Promise<number> {
  await sleep(1); // the network round trip
  const price = PRICES_CENTS.get(sku);
  if (price === undefined) {
    throw new RangeError(`no price for '${sku}'`);
  }
  return price;
}
// --8<-- [end:blocking_call]

// --8<-- [start:submit]
/** Price every SKU concurrently; a failure becomes an error entry, not a crash. */
async function priceAll(skus: string[]): Promise<Map<string, string>> {
  const outcomes = await Promise.all(
    skus.map(async (sku): Promise<[string, string]> => {
      try {
        return [sku, String(await fetchPrice(sku))];
      } catch (error) {
        return [sku, `error: ${errorMessage(error)}`];
      }
    }),
  );
  return new Map(outcomes.sort(([a], [b]) => a.localeCompare(b)));
}

/** A rejection can carry any value, not only an Error. */
function errorMessage(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
// --8<-- [end:submit]

// --8<-- [start:map]
/** Promise.all keeps input order and rejects at the first failure. */
function priceInOrder(skus: string[]): Promise<number[]> {
  return Promise.all(skus.map(fetchPrice));
}
// --8<-- [end:map]

// --8<-- [start:timeout]
/** A timeout stops the waiting, not the work, unless the work takes the signal. */
async function waitBrieflyForStuckCall(ms: number): Promise<string[]> {
  const log: string[] = [];
  let unblock = (): void => {};
  const stuckCall = new Promise<string>((resolve) => {
    unblock = () => resolve("late answer"); // a call that ignores any signal
  });
  const deadline = sleep(ms, "the deadline");
  log.push(`Promise.race settled first by: ${await Promise.race([stuckCall, deadline])}`);
  unblock();
  log.push(`the call still finished: ${await stuckCall}`);
  return log;
}
// --8<-- [end:timeout]

// --8<-- [start:demo]
for (const [sku, outcome] of await priceAll(["cheese", "apple", "caviar", "bread"])) {
  console.log(sku, outcome);
  //> apple 120
  //> bread 350
  //> caviar error: no price for 'caviar'
  //> cheese 899
}
console.log(await priceInOrder(["cheese", "apple", "bread"]));
//> [ 899, 120, 350 ]
try {
  await priceInOrder(["apple", "caviar", "bread"]);
} catch (error) {
  console.log("Promise.all rejected:", errorMessage(error));
  //> Promise.all rejected: no price for 'caviar'
}
for (const line of await waitBrieflyForStuckCall(10)) {
  console.log(line);
  //> Promise.race settled first by: the deadline
  //> the call still finished: late answer
}
// --8<-- [end:demo]
