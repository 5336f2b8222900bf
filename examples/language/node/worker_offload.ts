/**
 * CPU-bound work blocks the event loop; the same work on a worker thread does not.
 *
 * While a prime count runs, a 10 ms interval timer stands in for everything
 * else the process serves (requests, health checks), and
 * perf_hooks.monitorEventLoopDelay records how late the loop gets to it.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

// --8<-- [start:cpu_task]
/** How many primes are below `limit`, by trial division: pure CPU, no await inside. */
function countPrimes(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  }
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let divisor = 2; divisor * divisor <= n; divisor++) {
      if (n % divisor === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}
// --8<-- [end:cpu_task]

// --8<-- [start:worker]
/** Run countPrimes on a new worker thread; the main thread only waits for a message. */
function countPrimesOnAWorker(limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: limit });
    worker.once("message", (count: number) => resolve(count));
    worker.once("error", reject); // an exception thrown inside the worker
    worker.once("exit", (code) => reject(new Error(`worker exited (${code}) first`)));
  });
}

if (!isMainThread) {
  parentPort?.postMessage(countPrimes(workerData as number));
}
// --8<-- [end:worker]

// --8<-- [start:measure]
interface LoopReport {
  result: number;
  ticksDuringTask: number; // 10 ms timer callbacks that ran while the task ran
  maxDelayMs: number; // the longest gap between the histogram's own 10 ms samples
  utilization: number; // share of the time the loop was busy (0..1)
}

/** Run `task` while a 10 ms timer and the event-loop delay histogram watch the loop. */
async function watchTheLoop(task: () => number | Promise<number>): Promise<LoopReport> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  histogram.enable(); // its first sample only starts its clock: enable it early
  await new Promise((resolve) => setTimeout(resolve, 30));
  const before = performance.eventLoopUtilization();
  const ticksBefore = ticks;
  const result = await task();
  const ticksDuringTask = ticks - ticksBefore;
  const utilization = performance.eventLoopUtilization(before).utilization;
  const samples = histogram.count;
  while (histogram.count === samples) {
    await new Promise((resolve) => setTimeout(resolve, 1)); // until it times the gap
  }
  histogram.disable();
  clearInterval(timer);
  return { result, ticksDuringTask, maxDelayMs: histogram.max / 1e6, utilization };
}
// --8<-- [end:measure]

if (isMainThread && process.argv[1] === fileURLToPath(import.meta.url)) {
  // --8<-- [start:demo]
  const limit = 2_000_000;
  const inline = await watchTheLoop(() => countPrimes(limit));
  const offloaded = await watchTheLoop(() => countPrimesOnAWorker(limit));
  const below = limit.toLocaleString("en-US");
  console.log(`primes below ${below}: ${inline.result} and ${offloaded.result}`);
  //> primes below 2,000,000: 148933 and 148933
  console.log("timer ticks while the main thread counted:", inline.ticksDuringTask);
  //> timer ticks while the main thread counted: 0
  const ticked = offloaded.ticksDuringTask > 10;
  console.log("timer ticks while a worker counted, more than 10:", ticked);
  //> timer ticks while a worker counted, more than 10: true
  // --8<-- [end:demo]
}

export { countPrimes, countPrimesOnAWorker, watchTheLoop };
