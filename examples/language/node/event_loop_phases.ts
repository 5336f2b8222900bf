/**
 * The order in which Node runs callbacks: synchronous code, process.nextTick,
 * promise callbacks, then the event loop's phases (poll, check, close, timers).
 *
 * Every callback appends to `order` and the lists are printed at the end, so
 * the output is the order of execution, not the order of console.log calls.
 */
import net from "node:net";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

// --8<-- [start:top_level]
/** Queue a nextTick and a promise callback, then finish the code that queued them. */
function queueMicrotasks(order: string[], caller: string): void {
  process.nextTick(() => order.push("process.nextTick"));
  Promise.resolve().then(() => order.push("promise .then"));
  order.push(`${caller} finishes`);
}
// --8<-- [end:top_level]

// --8<-- [start:io_callback]
/**
 * Schedule one callback of every kind from inside an I/O callback (a TCP
 * connect, run in the poll phase) and record the order they run in.
 */
async function phasesFromAnIoCallback(): Promise<string[]> {
  const order: string[] = [];
  const server = net.createServer((socket) => socket.end());
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  const done = new Promise<void>((resolve) => {
    const client = net.connect(port, "127.0.0.1", () => {
      setTimeout(() => {
        order.push("setTimeout 0 (timers phase, next turn)");
        resolve();
      }, 0);
      setImmediate(() => {
        order.push("setImmediate 1 (check phase)");
        Promise.resolve().then(() => order.push("promise queued by setImmediate 1"));
      });
      setImmediate(() => order.push("setImmediate 2 (check phase)"));
      client.once("close", () => order.push("socket 'close' (close callbacks phase)"));
      client.destroy();
      queueMicrotasks(order, "connect callback (poll phase)");
    });
  });
  await done;
  server.close();
  return order;
}
// --8<-- [end:io_callback]

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // --8<-- [start:demo]
  const topLevel: string[] = [];
  queueMicrotasks(topLevel, "module body"); // the top level of an ES module
  await new Promise((resolve) => setImmediate(resolve));
  console.log("ES module top level:", topLevel.join(", "));
  //> ES module top level: module body finishes, promise .then, process.nextTick

  for (const [step, what] of (await phasesFromAnIoCallback()).entries()) {
    console.log(`${step + 1}. ${what}`);
    //> 1. connect callback (poll phase) finishes
    //> 2. process.nextTick
    //> 3. promise .then
    //> 4. setImmediate 1 (check phase)
    //> 5. promise queued by setImmediate 1
    //> 6. setImmediate 2 (check phase)
    //> 7. socket 'close' (close callbacks phase)
    //> 8. setTimeout 0 (timers phase, next turn)
  }
  // --8<-- [end:demo]
}

export { phasesFromAnIoCallback, queueMicrotasks };
